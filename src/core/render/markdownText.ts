/**
 * The draft as Markdown with its citations rendered: a copy for a CMS or an article editor
 * (every citation replaced by its text, the reference list where it belongs), and the edit
 * that writes or updates the maintained reference list between its markers.
 */
import type { TextEdit } from '../text/types';
import { MANAGED_END, MANAGED_START, type CiteDocument } from './document';
import { inlineToMarkdown } from './inline';
import { listHeadingLevel, listMarkdown, listTitle } from './list';
import type { CitationProcessor } from './processor';

export interface MarkdownListOptions {
  /** The list title when the front matter gives none (default: by the draft's language). */
  title?: string;
}

/** The maintained list's content between its markers: heading and entries. */
export function managedListText(text: string, doc: CiteDocument, p: CitationProcessor, o: MarkdownListOptions = {}): string {
  const title = doc.meta.title ?? o.title ?? listTitle(doc, text);
  return listMarkdown(p, title, listHeadingLevel(text), doc.eol);
}

export interface ReferenceListPlan {
  /** The edit, or undefined when the list is already up to date. */
  edit?: TextEdit;
  /** How many entries the list has. */
  entries: number;
  /** Cited keys without an entry (not in the list). */
  unknownKeys: string[];
}

/**
 * The one edit that writes the formatted list of every cited source between the markers:
 * in place when they exist (only the text between them changes), else right after Pandoc's
 * `::: {#refs}` placeholder, else at the end of the document. Text outside the markers is
 * never changed.
 */
export function planReferenceList(text: string, doc: CiteDocument, p: CitationProcessor, o: MarkdownListOptions = {}): ReferenceListPlan {
  const eol = doc.eol;
  const list = managedListText(text, doc, p, o);
  const result = { entries: p.entries.length, unknownKeys: p.unknownKeys };
  const place = doc.list;
  if (place.kind === 'managed') {
    const newText = list + eol;
    const current = text.slice(place.contentRange.start, place.contentRange.end);
    if (current === newText) return result;
    return { ...result, edit: { range: place.contentRange, newText } };
  }
  const block = `${MANAGED_START}${eol}${list}${eol}${MANAGED_END}`;
  if (place.kind === 'placeholder') {
    const at = place.range.end;
    return { ...result, edit: { range: { start: at, end: at }, newText: `${eol}${eol}${block}` } };
  }
  const trailing = /(?:\r?\n)*$/.exec(text)![0];
  const breaks = (trailing.match(/\n/g) ?? []).length;
  const lead = text.length === 0 ? '' : eol.repeat(Math.max(0, 2 - breaks));
  return { ...result, edit: { range: { start: text.length, end: text.length }, newText: `${lead}${block}${eol}` } };
}

/**
 * The draft with every citation replaced by its rendered text (`flavour` `html`: superscripts
 * as `<sup>`; `pandoc`: `^…^`) and the reference list at its place: the maintained list's
 * markers, Pandoc's placeholder, or the end.
 */
export function renderedMarkdown(text: string, doc: CiteDocument, p: CitationProcessor, flavour: 'html' | 'pandoc' = 'html', o: MarkdownListOptions = {}): string {
  const eol = doc.eol;
  const list = doc.meta.suppressBibliography || p.entries.length === 0 ? '' : managedListText(text, doc, p, o);
  const edits: TextEdit[] = doc.citations.map((c) => ({ range: c.range, newText: inlineToMarkdown(p.render(c), flavour) }));
  const place = doc.list;
  if (place.kind === 'managed') edits.push({ range: place.range, newText: list });
  else if (place.kind === 'placeholder') edits.push({ range: place.range, newText: list });
  else if (list) {
    const trailing = /(?:\r?\n)*$/.exec(text)![0];
    edits.push({ range: { start: text.length - trailing.length, end: text.length }, newText: `${eol}${eol}${list}${eol}` });
  }
  edits.sort((a, b) => a.range.start - b.range.start);
  let out = '';
  let at = 0;
  for (const e of edits) {
    if (e.range.start < at) continue;
    out += text.slice(at, e.range.start) + e.newText;
    at = e.range.end;
  }
  return out + text.slice(at);
}
