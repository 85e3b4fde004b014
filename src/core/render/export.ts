/**
 * Export of a rendered draft, shared by the editor's Export Draft and the command line's
 * `export`: the self-contained HTML file, and the Pandoc command line that turns that same
 * HTML into Word or PDF (so the file shows the preview's numbers and references).
 */
import MarkdownIt from 'markdown-it';
import type { MarkdownIt as MarkdownItInstance, StateBlock, StateCore } from 'markdown-it';
import type { CiteDocument } from './document';
import { draftTitle, htmlDocument } from './htmlDocument';
import { citationPlugin, type RenderData } from './markdownIt';
import type { RenderTerms } from './terms';
import { FRONT_MATTER_OPEN, readDraftHead } from '../citations/markdown';
import { bomLength } from '../text/lines';
import { htmlLangOf } from './sources';

export type ExportFormat = 'html' | 'docx' | 'pdf';

/** Where to get Pandoc. */
export const PANDOC_URL = 'https://pandoc.org/installing.html';

/** What each export format appends to the draft's name (`note.md` → `note.html`, `note.rendered.md`). */
export const EXPORT_SUFFIX = { html: '.html', docx: '.docx', pdf: '.pdf', md: '.rendered.md' } as const;

/** The export of `draftPath` beside it: the draft's name without `.md`/`.markdown`, and the format's suffix. */
export function exportFileName(draftPath: string, format: keyof typeof EXPORT_SUFFIX): string {
  const m = /^(.*?)([^/\\]*)$/.exec(draftPath)!;
  return `${m[1]}${m[2].replace(/\.(md|markdown)$/i, '') || 'draft'}${EXPORT_SUFFIX[format]}`;
}

/**
 * PDF engines, in order of preference. WeasyPrint renders the exported HTML itself, with its
 * print stylesheet and CJK fonts (the page a browser would print), so it needs no Pandoc; the
 * others are Pandoc's engines, driven from that same HTML.
 */
export const PDF_ENGINES: readonly string[] = ['weasyprint', 'wkhtmltopdf', 'xelatex'];

/** Whether `engine` needs Pandoc to turn the exported HTML into PDF. */
export function pdfEngineNeedsPandoc(engine: string): boolean {
  return engine !== 'weasyprint';
}

/**
 * A draft's body rendered by the project's own markdown-it engine with the citation plugin (as
 * VS Code's Markdown engine renders it with the plugin contributed): for hosts without that
 * engine. `data` undefined: citations are shown as written.
 */
export function renderDraftBody(text: string, data: RenderData | undefined, terms?: RenderTerms): string {
  const md = new MarkdownIt({ html: true, linkify: true });
  md.use(hideFrontMatter);
  citationPlugin(md, { data: () => data, terms: terms && { enabled: () => true, data: () => terms } });
  return md.render(text);
}

/**
 * Hides a YAML front matter block (`---` on the first line, after an optional BOM, up to the
 * next `---` or `...` line), as VS Code's Markdown engine does: it is the draft's settings
 * (bibliography, style, title), not its text. Without it, markdown-it would render the block
 * as a rule and a setext heading. The same lines the citation scanner takes for front matter.
 */
function hideFrontMatter(md: MarkdownItInstance): void {
  // Only the document's own first line: footnote texts are parsed as documents of their own.
  let documentSource: string | undefined;
  md.core.ruler.after('normalize', 'fl_front_matter_source', (state: StateCore) => {
    documentSource = state.src;
  });
  md.block.ruler.before('hr', 'fl_front_matter', (state: StateBlock, startLine: number, _endLine: number, silent: boolean) => {
    if (startLine !== 0 || state.src !== documentSource || state.sCount[0] !== 0) return false;
    // Most drafts open with no `---`: no need to read the head.
    if (!FRONT_MATTER_OPEN.test(state.src.slice(bomLength(state.src), state.eMarks[0]))) return false;
    // The scanner's reading of the head, on markdown-it's own line tables (a YAML block after a
    // title block is the title block rule's).
    const fm = readDraftHead(state.src, state.bMarks, state.eMarks).frontMatter;
    if (!fm || fm.openLine !== 0) return false;
    if (!silent) state.line = fm.closeLine + 1;
    return true;
  });
}

/** The exported HTML file of a draft whose body is rendered: titled from the draft (else `fileName`), in its language. */
export function exportHtml(body: string, text: string, doc: Pick<CiteDocument, 'meta'>, fileName: string): string {
  return htmlDocument(body, { title: draftTitle(text, fileName), lang: htmlLangOf(doc, text) });
}

export interface PandocExportOptions {
  /** The HTML `lang` of the draft (`zh-CN`, `zh-TW`, `en`). */
  lang: string;
  /** The draft's folder, where Pandoc finds its images. */
  resourcePath?: string;
  /** For PDF: one of `PDF_ENGINES`. */
  engine?: string;
  /** The draft's title, for the PDF's document title (no title block is printed). */
  title?: string;
}

/**
 * Pandoc's arguments to convert the exported HTML (on standard input) to `output`. The HTML's
 * `<title>` would become a title block above the draft's own first heading, so it is cleared:
 * the file shows what the HTML shows.
 */
export function pandocExportArgs(format: 'docx' | 'pdf', output: string, o: PandocExportOptions): string[] {
  const args = ['-f', 'html', '-t', format, '-o', output, '--metadata', `lang=${o.lang}`, '--metadata', 'title='];
  if (o.title) args.push('--metadata', `pagetitle=${o.title}`);
  if (o.resourcePath) args.push('--resource-path', o.resourcePath);
  if (format === 'pdf' && o.engine) {
    args.push(`--pdf-engine=${o.engine}`);
    if (o.engine === 'xelatex') args.push('-V', 'CJKmainfont=Noto Serif CJK SC');
  }
  return args;
}

/**
 * WeasyPrint's arguments to turn the exported HTML (on standard input) into the PDF `output`
 * (`-`: standard output). `baseUrl`, the draft's own URL, resolves its relative images.
 */
export function weasyprintArgs(output: string, baseUrl?: string): string[] {
  return ['--encoding', 'utf-8', ...(baseUrl ? ['--base-url', baseUrl] : []), '-', output];
}
