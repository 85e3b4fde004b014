/**
 * One entry point for every reference style: reference list entries, author-date text,
 * footnote text and Pandoc locators.
 */
import type { CslItem } from '../pack/types';
import { apaLocatorText, formatApa, formatApaInline, type ReferenceMarkup } from './apa';
import { formatGbt7714, formatGbt7714AuthorDate, type GbtOptions } from './gbt7714';
import type { CitationStyle, Locator } from './types';

export type { ReferenceMarkup };

export interface FormatReferenceOptions {
  /** Where in the source the citation points. GB/T styles print it in the 引文页码 slot; APA appends it. */
  locator?: Locator;
  /**
   * How italic parts are marked (APA italicises titles and journal names; GB/T 7714 has no
   * italics, so its output is the same in every markup). Default `plain`.
   */
  markup?: ReferenceMarkup;
  /** GB/T 7714-2025 only: punctuation of Western entries (see `GbtOptions`). */
  westernPunctuation?: GbtOptions['westernPunctuation'];
  /**
   * GB/T 7714 only: the reference list of the numeric system (顺序编码制, default) or of the
   * author-year system (著者-出版年制, the year after the names: `博伯尔，2023. 银行业…`).
   */
  gbtSystem?: GbtOptions['system'];
}

/** A source cited at some place. */
export interface CitedSource {
  item: CslItem;
  locator?: Locator;
}

/**
 * Formats an item as a reference list entry in the given style, plain text unless
 * `opts.markup` asks for Markdown or HTML italics.
 */
export function formatReference(item: CslItem, style: CitationStyle, opts: FormatReferenceOptions = {}): string {
  if (style === 'apa7') {
    const ref = formatApa(item, opts.markup ?? 'plain');
    return opts.locator ? `${ref} (${apaLocatorText(opts.locator)})` : ref;
  }
  return formatGbt7714(item, style === 'gbt7714-2025' ? '2025' : '2015', {
    locator: opts.locator,
    westernPunctuation: opts.westernPunctuation,
    system: opts.gbtSystem,
  });
}

/**
 * Author-date text for the `inline` citation syntax: `(中研產業研究院, 2026, sec. 1.3)` in APA,
 * `（中研產業研究院，2026：第 1.3 節）` in GB/T 7714-2025, `(中研產業研究院, 2026: 第1.3節)` in 2015.
 */
export function formatInlineCitation(sources: CitedSource[], style: CitationStyle): string {
  if (sources.length === 0) return '';
  if (style === 'apa7') return formatApaInline(sources);
  return formatGbt7714AuthorDate(sources, style === 'gbt7714-2025' ? '2025' : '2015');
}

/** The text of a footnote that cites the sources: their references, one after another. */
export function formatFootnoteText(sources: CitedSource[], style: CitationStyle, markup: ReferenceMarkup = 'markdown'): string {
  return sources.map((s) => formatReference(s.item, style, { locator: s.locator, markup })).join(' ');
}

/** The locator as Pandoc reads it after a citation key: `sec. 1.3`, `p. 29`, `pp. 24-29`, `para. 3`. */
export function pandocLocator(locator: Locator): string {
  const v = locator.value.trim();
  switch (locator.label) {
    case 'page':
      return /[-–—,]/.test(v) ? `pp. ${v}` : `p. ${v}`;
    case 'paragraph':
      return `para. ${v}`;
    default:
      return `sec. ${v}${locator.paragraph ? `, para. ${locator.paragraph.trim()}` : ''}`;
  }
}
