/**
 * What a rendering needs to know about a draft, read once from its text: the citations in
 * the order the reader meets them, the footnotes, where the reference list goes, and the
 * front matter keys that shape the output. Pure: the text alone decides it.
 *
 * Citations and footnotes come from the citation scanner (`scanCitations`), so the preview,
 * the exports and the diagnostics agree on what is a citation.
 */
import { parse as parseYaml } from 'yaml';
import { scanCitations, type MarkdownScan } from '../citations/markdown';
import { frontMatterBibliography } from '../citations/frontMatter';
import { splitPandocSuffix } from './suffix';
import type { Locator } from '../citations/types';
import type { TextRange } from '../text/types';

export interface CiteItemRef {
  key: string;
  locator?: Locator;
  /** Text before the key inside the brackets: `see` in `[see @a]`. */
  prefix?: string;
  /** Text after the locator: `and passim`. */
  suffix?: string;
  /** `[-@key]`: the author is not named. */
  suppressAuthor: boolean;
}

export interface CiteRef {
  /** The citation in the text. */
  range: TextRange;
  /** `[@key]` (true) or in-text `@key` (false). */
  bracketed: boolean;
  items: CiteItemRef[];
  /**
   * Where the reader meets it, for numbering: its own offset, or for a citation inside a
   * footnote, the offset of the first reference to that footnote.
   */
  order: number;
  /** The label of the footnote it is in. */
  note?: string;
}

export interface FootnoteRef {
  label: string;
  range: TextRange;
}

export interface FootnoteDef {
  label: string;
  /** From `[^label]:` to the end of its last line. */
  range: TextRange;
  /** Its text, from after `]:` to the end, continuation lines included. */
  textRange: TextRange;
}

/** Where the reference list goes. */
export type ListPlace =
  /** Between the markers Update Reference List writes; `contentRange` is what lies between them. */
  | { kind: 'managed'; range: TextRange; contentRange: TextRange }
  /** Pandoc's `::: {#refs}` … `:::` or `<div id="refs"></div>`. */
  | { kind: 'placeholder'; range: TextRange }
  | { kind: 'end' };

export interface RenderMeta {
  /** `reference-section-title`. */
  title?: string;
  /** Keys of `nocite` (`*` for every entry). */
  nocite: string[];
  /** `lang` (`zh-CN`, `zh-TW`, `en-US`, …). */
  lang?: string;
  /** `csl` or `citation-style`. */
  csl?: string;
  /** The bibliography files the front matter names. */
  bibliography: string[];
  /** `suppress-bibliography: true`. */
  suppressBibliography: boolean;
}

export interface CiteDocument {
  citations: CiteRef[];
  footnoteRefs: FootnoteRef[];
  footnoteDefs: FootnoteDef[];
  list: ListPlace;
  meta: RenderMeta;
  /** Lines of the text with their breaks, for the line endings of edits. */
  eol: '\n' | '\r\n';
  /** The range of the front matter block, when there is one. */
  frontMatter?: TextRange;
}

export const MANAGED_START = '<!-- fintech-lens:references -->';
export const MANAGED_END = '<!-- /fintech-lens:references -->';
const MANAGED_START_RE = /^[ \t]{0,3}<!--\s*fintech-lens:references\s*-->[ \t]*$/;
const MANAGED_END_RE = /^[ \t]{0,3}<!--\s*\/fintech-lens:references\s*-->[ \t]*$/;
const DIV_OPEN_RE = /^[ \t]{0,3}(:{3,})[ \t]*\{[^}]*#refs(?![\w-])[^}]*\}[ \t]*:*[ \t]*$/;
const DIV_CLOSE_RE = /^[ \t]{0,3}(:{3,})[ \t]*$/;
const HTML_REFS_RE = /^[ \t]{0,3}<div\b[^>]*\bid\s*=\s*["']?refs["']?[^>]*>(.*)$/i;

/** Reads the draft's citations, footnotes, list place and front matter. */
export function readCiteDocument(text: string, scan: MarkdownScan = scanCitations(text)): CiteDocument {
  const firstRef = new Map<string, number>();
  for (const r of scan.footnoteRefs) if (!firstRef.has(r.label)) firstRef.set(r.label, r.range.start);
  const defs = scan.footnoteDefs;
  const citations: CiteRef[] = [];
  const list = findListPlace(text, scan);
  let d = 0;
  for (const c of scan.citations) {
    // The maintained list is output, not text: what it holds is never cited.
    if (list.kind !== 'end' && c.range.start >= list.range.start && c.range.end <= list.range.end) continue;
    while (d < defs.length && defs[d].range.end < c.range.start) d++;
    const def = d < defs.length && defs[d].range.start <= c.range.start && c.range.end <= defs[d].range.end ? defs[d] : undefined;
    const order = def ? (firstRef.get(def.label) ?? def.range.start) : c.range.start;
    const items: CiteItemRef[] = c.items.map((it, i) => {
      const { locator, suffix } = splitPandocSuffix(it.locator);
      const from = i === 0 ? c.range.start + (c.bracketed ? 1 : 0) : text.lastIndexOf(';', it.range.start) + 1;
      const prefix = c.bracketed ? text.slice(from, it.range.start).replace(/\s+/g, ' ').trim() : '';
      return {
        key: it.key,
        suppressAuthor: it.suppressAuthor,
        ...(locator ? { locator } : {}),
        ...(suffix ? { suffix } : {}),
        ...(prefix ? { prefix } : {}),
      };
    });
    citations.push({ range: c.range, bracketed: c.bracketed, items, order, ...(def ? { note: def.label } : {}) });
  }
  return {
    citations,
    footnoteRefs: scan.footnoteRefs.map((r) => ({ label: r.label, range: r.range })),
    footnoteDefs: defs.map((f) => ({ label: f.label, range: f.range, textRange: { start: f.textRange.start, end: f.range.end } })),
    list,
    meta: readMeta(text, scan),
    eol: scan.eol,
    ...(scan.frontMatter ? { frontMatter: scan.frontMatter.range } : {}),
  };
}

/** Whether an offset lies in code or front matter (raw HTML does not count: the markers are comments and tags). */
function inCode(text: string, scan: MarkdownScan, offset: number): boolean {
  for (const r of scan.skipped) {
    if (r.start > offset) break;
    if (offset < r.end && text[r.start] !== '<') return true;
  }
  return false;
}

function findListPlace(text: string, scan: MarkdownScan): ListPlace {
  const { lineStarts, lineEnds } = scan;
  const n = lineStarts.length;
  let placeholder: ListPlace | undefined;
  for (let i = 0; i < n; i++) {
    const s = lineStarts[i];
    const first = text.charCodeAt(s + (/^[ \t]*/.exec(text.slice(s, s + 4))![0].length));
    if (first !== 0x3c && first !== 0x3a) continue; // '<' or ':'
    const line = text.slice(s, lineEnds[i]);
    if (MANAGED_START_RE.test(line) && !inCode(text, scan, s)) {
      for (let j = i + 1; j < n; j++) {
        if (MANAGED_END_RE.test(text.slice(lineStarts[j], lineEnds[j]))) {
          const contentStart = i + 1 < n ? lineStarts[i + 1] : lineEnds[i];
          return { kind: 'managed', range: { start: s, end: lineEnds[j] }, contentRange: { start: Math.min(contentStart, lineStarts[j]), end: lineStarts[j] } };
        }
      }
      continue;
    }
    if (placeholder || inCode(text, scan, s)) continue;
    const div = DIV_OPEN_RE.exec(line);
    if (div) {
      for (let j = i + 1; j < n; j++) {
        const close = DIV_CLOSE_RE.exec(text.slice(lineStarts[j], lineEnds[j]));
        if (close && close[1].length >= div[1].length) {
          placeholder = { kind: 'placeholder', range: { start: s, end: lineEnds[j] } };
          break;
        }
      }
      continue;
    }
    const html = HTML_REFS_RE.exec(line);
    if (html) {
      if (/<\/div>\s*$/i.test(html[1])) placeholder = { kind: 'placeholder', range: { start: s, end: lineEnds[i] } };
      else {
        for (let j = i + 1; j < n; j++) {
          if (/^\s*<\/div>\s*$/i.test(text.slice(lineStarts[j], lineEnds[j]))) {
            placeholder = { kind: 'placeholder', range: { start: s, end: lineEnds[j] } };
            break;
          }
        }
      }
    }
  }
  return placeholder ?? { kind: 'end' };
}

const NOCITE_KEY = /@(\*|\{[^}]+\}|[\p{L}\p{N}_](?:[\p{L}\p{N}_]|[:.#$%&\-+?<>~/](?=[\p{L}\p{N}_]))*)/gu;

/** The last front matter read, as written, and what it says: a draft being typed keeps its front matter. */
let lastMeta: { source: string; meta: RenderMeta } | undefined;

function readMeta(text: string, scan: MarkdownScan): RenderMeta {
  const fm = scan.frontMatter;
  if (!fm) return { nocite: [], bibliography: [], suppressBibliography: false };
  const source = text.slice(fm.contentRange.start, fm.contentRange.end);
  if (lastMeta?.source !== source) lastMeta = { source, meta: readFrontMatterMeta(text, scan, fm) };
  const meta = lastMeta.meta;
  return { ...meta, nocite: [...meta.nocite], bibliography: [...meta.bibliography] };
}

function readFrontMatterMeta(text: string, scan: MarkdownScan, fm: NonNullable<MarkdownScan['frontMatter']>): RenderMeta {
  const meta: RenderMeta = { nocite: [], bibliography: frontMatterBibliography(text, scan), suppressBibliography: false };
  let data: unknown;
  try {
    data = parseYaml(text.slice(fm.contentRange.start, fm.contentRange.end));
  } catch {
    return meta;
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) return meta;
  const obj = data as Record<string, unknown>;
  const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : typeof v === 'number' ? String(v) : undefined);
  const title = str(obj['reference-section-title']);
  if (title) meta.title = title;
  const lang = str(obj.lang);
  if (lang) meta.lang = lang;
  const csl = str(obj.csl) ?? str(obj['citation-style']);
  if (csl) meta.csl = csl;
  meta.suppressBibliography = obj['suppress-bibliography'] === true;
  const nocite = Array.isArray(obj.nocite) ? obj.nocite.filter((x) => typeof x === 'string').join(' ') : str(obj.nocite);
  if (nocite) for (const m of nocite.matchAll(NOCITE_KEY)) meta.nocite.push(m[1].replace(/^\{|\}$/g, ''));
  return meta;
}
