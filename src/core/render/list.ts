/**
 * The reference list as HTML and as Markdown, and its title: front matter
 * `reference-section-title`, else 参考文献 / 參考文獻 / References by the draft's language.
 */
import { detectScript } from '../script/fold';
import { escapeHtml, escapeMarkdownText as escapeMarkdown, spansToHtml, spansToMarkdown } from './escape';
import { entryId } from './inline';
import type { CitationProcessor, ListEntry } from './processor';
import type { CiteDocument, RenderMeta } from './document';

export const LIST_TITLES = { 'zh-Hans': '参考文献', 'zh-Hant': '參考文獻', en: 'References' } as const;

/** The last sample read for its script: a draft being typed mostly keeps its first pages. */
let lastScript: { sample: string; script: ReturnType<typeof detectScript>['script'] } | undefined;

/** The script of the list title: front matter `lang`, else the draft's own script. */
export function draftLanguage(meta: RenderMeta, text: string): keyof typeof LIST_TITLES {
  const lang = meta.lang?.toLowerCase();
  if (lang) {
    if (/^zh[-_](tw|hk|mo|hant)/.test(lang)) return 'zh-Hant';
    if (lang.startsWith('zh')) return 'zh-Hans';
    return 'en';
  }
  const sample = text.length > SCRIPT_SAMPLE ? text.slice(0, SCRIPT_SAMPLE) : text;
  if (lastScript?.sample !== sample) lastScript = { sample, script: detectScript(sample).script };
  const s = lastScript.script;
  return s === 'zh-Hant' ? 'zh-Hant' : s === 'en' ? 'en' : 'zh-Hans';
}

/** The script shows in the first pages; a long draft need not be read to the end. */
const SCRIPT_SAMPLE = 20000;

/**
 * The draft's prose for script detection (its first `SCRIPT_SAMPLE` characters): without
 * front matter, citation keys and the maintained list.
 */
function prose(doc: CiteDocument, text: string): string {
  const cut = doc.citations.map((c) => c.range);
  if (doc.list.kind === 'managed') cut.push(doc.list.range);
  cut.sort((a, b) => a.start - b.start);
  let out = '';
  let at = doc.frontMatter?.end ?? 0;
  for (const r of cut) {
    if (out.length >= SCRIPT_SAMPLE) return out;
    if (r.start < at) continue;
    out += text.slice(at, r.start);
    at = r.end;
  }
  return out.length >= SCRIPT_SAMPLE ? out : out + text.slice(at, at + SCRIPT_SAMPLE - out.length);
}

/** The list title: front matter `reference-section-title`, else by the draft's language. */
export function listTitle(doc: CiteDocument, text: string): string {
  return doc.meta.title ?? LIST_TITLES[draftLanguage(doc.meta, prose(doc, text))];
}

/** The heading level of the list: 2 under a document title, 1 where the sections are level 1. */
export function listHeadingLevel(text: string): 1 | 2 {
  let count = 0;
  for (const m of text.matchAll(/^ {0,3}#[ \t]/gm)) {
    void m;
    if (++count > 1) return 1;
  }
  return 2;
}

function label(e: ListEntry): string {
  return e.number !== undefined ? `[${e.number}]` : '';
}

/** Entries' text as HTML (entries' spans are cached per item and style, so an entry is escaped once). */
const entryHtml = new WeakMap<ListEntry['spans'], string>();

function spansHtml(spans: ListEntry['spans']): string {
  let html = entryHtml.get(spans);
  if (html === undefined) entryHtml.set(spans, (html = spansToHtml(spans)));
  return html;
}

/** The list as an HTML section (ids `ref-<key>` that citations link to). */
export function listHtml(p: CitationProcessor, title: string, level: 1 | 2): string {
  if (p.entries.length === 0) return '';
  const numeric = p.entries.some((e) => e.number !== undefined);
  let out = `<section class="fl-references${numeric ? ' fl-numeric' : ' fl-author-date'}" id="refs" role="doc-bibliography">\n`;
  out += `<h${level} class="fl-references-title">${escapeHtml(title)}</h${level}>\n`;
  for (const e of p.entries) {
    const l = label(e);
    out += `<div class="fl-entry" id="${entryId(e.key)}">${l ? `<span class="fl-entry-label">${l}</span> ` : ''}<span class="fl-entry-text">${spansHtml(e.spans)}</span></div>\n`;
  }
  return out + '</section>\n';
}

/** A paragraph that cannot start a list, heading, quote or setext underline. */
function blockSafe(line: string): string {
  const m = /^(\d{1,9})([.)])(\s|$)/.exec(line);
  if (m) return `${m[1]}\\${line.slice(m[1].length)}`;
  return /^[-+#>=]/.test(line) ? `\\${line}` : line;
}

/** The list as Markdown: a heading, then one paragraph per entry (`\[1\] …`), every entry's text escaped. */
export function listMarkdown(p: CitationProcessor, title: string, level: 1 | 2, eol = '\n'): string {
  const lines = [`${'#'.repeat(level)} ${escapeMarkdown(title)}`];
  for (const e of p.entries) {
    const l = label(e);
    lines.push(blockSafe(`${l ? `${escapeMarkdown(l)} ` : ''}${spansToMarkdown(e.spans)}`));
  }
  return lines.join(eol + eol);
}
