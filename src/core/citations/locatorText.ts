/**
 * Locators from what the analyst types or what the command's arguments say: `29`, `p. 29`,
 * `pp. 24-29`, `sec. 1.3`, `§ 2`, `para. 3`, `第 29 页`, `第 1.3 节`, `第 3 段`, or
 * `{ section, paragraph, page }`.
 */
import type { ReportPack } from '../pack/types';
import { findInOutline } from '../text/outline';
import { CitationError } from './messages';
import type { Locator } from './types';

/** Reads a typed locator. Anything that is not a page or a paragraph is a section. Empty: none. */
export function parseLocatorText(input: string): Locator | undefined {
  const s = input.trim();
  if (!s) return undefined;
  // `p.`, `pp.`, `p 29`, `page 3`, `pages 3-4`; never the `p` of `para.`.
  let m = /^(?:pages?\b|pp?\.|pp?(?=\s*\d))\s*(.+)$/i.exec(s);
  if (m) return { label: 'page', value: m[1].trim() };
  m = /^第\s*(\d+(?:\s*[-–—~]\s*\d+)?)\s*[页頁]$/.exec(s);
  if (m) return { label: 'page', value: m[1].replace(/\s+/g, '') };
  if (/^\d+(?:\s*[-–—]+\s*\d+)?$/.test(s)) return { label: 'page', value: s.replace(/\s+/g, '') };
  m = /^(?:para(?:graph)?\.?|¶)\s*(.+)$/i.exec(s) ?? /^第\s*(\d+)\s*段$/.exec(s);
  if (m) return { label: 'paragraph', value: m[1].trim() };
  m = /^(?:sec(?:tion)?\.?|§)\s*(.+)$/i.exec(s) ?? /^第\s*(.+?)\s*[节節章]$/.exec(s);
  if (m) return { label: 'section', value: m[1].trim() };
  return { label: 'section', value: s };
}

/** Where in a source, as the command's arguments give it. */
export interface LocatorArgs {
  /** An outline section id for a pack (any text for a bibliography entry). */
  section?: string;
  /** The 1-based passage ordinal in that section. */
  paragraph?: number;
  /** A page or page range. */
  page?: string;
}

/**
 * The locator the arguments give for one source: a page wins; a section of a pack must be in
 * its outline (its number is cited, its title kept for display); a paragraph alone is a
 * paragraph. Throws a CitationError for a section the pack does not have.
 */
export function locatorFromArgs(source: { id: string; pack?: ReportPack }, loc: LocatorArgs | undefined): Locator | undefined {
  if (!loc || typeof loc !== 'object') return undefined;
  if (loc.page !== undefined && String(loc.page).trim() !== '') return { label: 'page', value: String(loc.page).trim() };
  const paragraph = loc.paragraph !== undefined && Number.isInteger(loc.paragraph) && loc.paragraph > 0 ? String(loc.paragraph) : undefined;
  if (loc.section !== undefined && String(loc.section).trim() !== '') {
    const id = String(loc.section).trim();
    let value = id;
    let text: string | undefined;
    if (source.pack) {
      const s = findInOutline(source.pack.outline, id);
      if (!s) throw CitationError.of('noSection', source.id, id);
      value = s.number ?? s.title;
      text = s.title;
    }
    const locator: Locator = { label: 'section', value, ...(text ? { text } : {}) };
    return paragraph ? { ...locator, paragraph } : locator;
  }
  return paragraph ? { label: 'paragraph', value: paragraph } : undefined;
}
