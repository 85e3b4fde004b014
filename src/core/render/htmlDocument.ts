/**
 * A self-contained HTML file of a rendered draft: the rendered body, a stylesheet for screen
 * and print with CJK fonts (so that printing to PDF from a browser gives the delivered
 * document), and a content security policy that allows no script.
 */
import { isMap, isScalar, parseDocument } from 'yaml';
import { readDraftHead } from '../citations/markdown';
import { escapeHtml, htmlPage } from '../text/html';

const STYLE = `
:root { color-scheme: light; }
body { margin: 0; background: #fff; color: #111; }
article.fl-draft { max-width: 46em; margin: 2em auto; padding: 0 1.5em; line-height: 1.75;
  font-family: "Noto Serif CJK SC", "Source Han Serif SC", "Noto Serif CJK TC", "Source Han Serif TC", "Songti SC", "SimSun",
    "PMingLiU", "Times New Roman", serif; font-size: 12pt; }
article.fl-draft:lang(zh-TW) { font-family: "Noto Serif CJK TC", "Source Han Serif TC", "PMingLiU", "Songti TC", "Noto Serif CJK SC", serif; }
h1, h2, h3, h4 { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "Helvetica Neue", Arial, sans-serif;
  line-height: 1.4; page-break-after: avoid; }
h1 { font-size: 1.8em; text-align: center; }
table { border-collapse: collapse; margin: 1em 0; }
th, td { border: 1px solid #999; padding: 0.3em 0.6em; }
pre, code { font-family: "Noto Sans Mono CJK SC", "Sarasa Mono SC", Menlo, Consolas, monospace; font-size: 0.9em; }
pre { background: #f5f5f5; padding: 0.8em; overflow-x: auto; }
blockquote { margin: 1em 0; padding-left: 1em; border-left: 3px solid #ccc; color: #444; }
sup { line-height: 0; }
.fl-cite-link, .footnote-ref a, .footnote-backref { color: inherit; text-decoration: none; }
.fl-cite-unknown { color: #b00; }
.fl-references .fl-entry { margin: 0.3em 0; padding-left: 2.5em; text-indent: -2.5em; }
.fl-references.fl-author-date .fl-entry { padding-left: 2em; text-indent: -2em; }
.fl-references .fl-entry-label { display: inline-block; min-width: 2em; text-indent: 0; }
.fl-footnotes { font-size: 0.9em; }
@page { size: A4; margin: 2.5cm 2.2cm; }
@media print {
  article.fl-draft { max-width: none; margin: 0; padding: 0; font-size: 11pt; }
  a { color: inherit; text-decoration: none; }
  pre, blockquote, table, .fl-entry { page-break-inside: avoid; }
}
`;

export interface HtmlDocumentOptions {
  title: string;
  /** `zh-CN`, `zh-TW` or `en`. */
  lang: string;
}

/** Drops the editor's line-number attributes from rendered HTML (scroll sync is meaningless in a file). */
export function stripEditorAttributes(html: string): string {
  // Inside tags only: text content has its quotes escaped, so ` class="…"` is always an attribute.
  return html.replace(/ data-line="\d+"/g, '').replace(/ class="([^"]*)"/g, (_m, c: string) => {
    const rest = c.split(/\s+/).filter((x) => x && x !== 'code-line').join(' ');
    return rest ? ` class="${rest}"` : '';
  });
}

const CSP = "default-src 'none'; img-src data: https: http: file:; style-src 'unsafe-inline'; font-src data:";

export function htmlDocument(body: string, o: HtmlDocumentOptions): string {
  const article = [`<article class="fl-draft" lang="${escapeHtml(o.lang)}">`, stripEditorAttributes(body).trim(), '</article>'].join('\n');
  return `${htmlPage(article, { lang: o.lang, title: o.title, csp: CSP, style: STYLE })}\n`;
}

/** The title of a draft: front matter `title`, else its first level-1 heading, else `fallback`. */
export function draftTitle(text: string, fallback: string): string {
  const head = readDraftHead(text);
  const fm = head.frontMatter;
  if (fm) {
    // The front matter is read as YAML, as Pandoc reads it (quotes, escapes, folded lines).
    const doc = parseDocument(text.slice(fm.contentRange.start, fm.contentRange.end));
    const title = doc.errors.length === 0 && isMap(doc.contents) ? doc.get('title', true) : undefined;
    const value = isScalar(title) && title.value !== null ? String(title.value).replace(/\s+/g, ' ').trim() : '';
    if (value) return value;
  }
  // A Pandoc title block's title.
  const tbTitle = head.titleBlock?.fields[0]?.map((l) => text.slice(l.start, l.end).trim()).join(' ').trim();
  if (tbTitle) return tbTitle;
  const h = /^ {0,3}#[ \t]+(.+?)[ \t#]*$/m.exec(fm ? text.slice(fm.range.end) : text);
  return h ? h[1] : fallback;
}
