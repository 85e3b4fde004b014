/**
 * APA 7 formatting through citation-js and citeproc-js with the official APA 7th edition
 * CSL style (bundled by `@citation-js/plugin-csl`). The style does the work; this module
 * only prepares items, asks for the output and turns citeproc's HTML into plain text or
 * Markdown.
 *
 * The first call builds the citeproc engine (a few hundred milliseconds); later calls reuse it.
 */
import { plugins } from '@citation-js/core';
import '@citation-js/plugin-csl';
import type { CslItem } from '../pack/types';
import type { Locator } from './types';
import { decodeEntities } from '../text/html';

/** How a formatted reference marks its italic parts. */
export type ReferenceMarkup = 'plain' | 'markdown' | 'html';

const TEMPLATE = 'apa';
const LANG = 'en-US';

/** citeproc's locator labels for the project's locator kinds. */
const CSL_LABEL: Record<Locator['label'], string> = { section: 'section', page: 'page', paragraph: 'paragraph' };


/** Turns citeproc's HTML for one entry into the requested markup. */
function fromHtml(html: string, markup: ReferenceMarkup): string {
  let s = html.replace(/^\s*<div[^>]*>/, '').replace(/<\/div>\s*$/, '');
  if (markup === 'html') return s.trim();
  s = s.replace(/<i>([\s\S]*?)<\/i>/g, (_m, inner: string) => {
    if (markup === 'plain') return inner;
    // Markdown emphasis needs no spaces just inside the asterisks.
    const lead = /^\s*/.exec(inner)![0];
    const trail = /\s*$/.exec(inner)![0];
    const core = inner.trim();
    return core ? `${lead}*${core.replace(/([*_])/g, '\\$1')}*${trail}` : inner;
  });
  s = s.replace(/<[^>]+>/g, '');
  return decodeEntities(s).replace(/\s+/g, ' ').trim();
}

/** A copy citeproc can read: an id and type are required. */
function prepare(item: CslItem): CslItem {
  return { ...item, id: String(item.id ?? 'item'), type: item.type || 'document' };
}

/** Formats one item as an APA 7 reference list entry. */
export function formatApa(item: CslItem, markup: ReferenceMarkup = 'plain'): string {
  const data = [prepare(item)];
  const out = plugins.output.format('bibliography', data, {
    template: TEMPLATE,
    lang: LANG,
    format: 'html',
    asEntryArray: true,
  }) as Array<[string, string]>;
  return fromHtml(out[0]?.[1] ?? '', markup);
}

/**
 * APA 7 parenthetical citation of one or more sources: `(中研產業研究院, 2026, sec. 1.3)`,
 * `(Smith & Lee, 2020; Wu, 2021, p. 4)`.
 */
export function formatApaInline(sources: Array<{ item: CslItem; locator?: Locator }>): string {
  const data = sources.map((s, i) => ({ ...prepare(s.item), id: `${i}:${String(s.item.id)}` }));
  const entry = {
    citationItems: sources.map((s, i) => ({
      id: data[i].id,
      ...(s.locator ? {
        locator: s.locator.value + (s.locator.label === 'section' && s.locator.paragraph ? `, para. ${s.locator.paragraph.trim()}` : ''),
        label: CSL_LABEL[s.locator.label],
      } : {}),
    })),
    properties: { noteIndex: 0 },
  };
  const out = plugins.output.format('citation', data, { template: TEMPLATE, lang: LANG, format: 'html', entry });
  return fromHtml(String(out), 'plain');
}

/** The APA short form of a locator: `sec. 1.3`, `p. 29`, `pp. 24–29`, `para. 3`. */
export function apaLocatorText(locator: Locator): string {
  const v = locator.value.trim();
  switch (locator.label) {
    case 'page':
      return /[-–—,]/.test(v) ? `pp. ${v.replace(/\s*(?:--|-|—)\s*/g, '–')}` : `p. ${v}`;
    case 'paragraph':
      return `para. ${v}`;
    default:
      return `sec. ${v}${locator.paragraph ? `, para. ${locator.paragraph.trim()}` : ''}`;
  }
}
