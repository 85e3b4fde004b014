/**
 * Types shared by the citation modules: reference styles, locators, text edits and
 * bibliography formats. Pure data.
 */
import type { TextRange } from '../text/types';
import type { CslItem } from '../pack/types';

/** The reference styles the project formats. */
export type CitationStyle = 'gbt7714-2025' | 'gbt7714-2015' | 'apa7';
export const CITATION_STYLES: readonly CitationStyle[] = ['gbt7714-2025', 'gbt7714-2015', 'apa7'];

/** How a citation is written into the Markdown draft. */
export type CitationSyntax = 'pandoc' | 'footnote' | 'inline';
export const CITATION_SYNTAXES: readonly CitationSyntax[] = ['pandoc', 'footnote', 'inline'];

/** The kinds of locator the project offers (a subset of CSL's locator labels). */
export type LocatorLabel = 'section' | 'page' | 'paragraph';

/** A place inside a source: `sec. 1.3`, `p. 29`, `para. 4`. */
export interface Locator {
  label: LocatorLabel;
  /** The locator value as the reader will see it: `1.3`, `29`, `24-29`. */
  value: string;
  /**
   * Optional description for display only (a section title, the first words of a passage).
   * Formatters never print it: a reference cites the place, not a quotation.
   */
  text?: string;
  /** A paragraph inside a `section` locator: `sec. 1.3, para. 2`. */
  paragraph?: string;
}

/** The language the analyst writes in; chooses locator words and quotation style. */
export type CitationLang = 'en' | 'zh-Hans' | 'zh-Hant';

/**
 * Replace `range` of a text by `newText`; an empty range is an insertion. The same type as the
 * linter's fixes use, so hosts convert both the same way.
 */

/** Bibliography file formats. */
export type BibliographyFormat = 'bibtex' | 'csl-json' | 'csl-yaml';

/** One entry of a bibliography file. */
export interface BibliographyEntry {
  /** The citation key (`id` of the CSL item). */
  key: string;
  item: CslItem;
  /** Where the entry is written in the file. */
  range: TextRange;
}

export type { CslItem, TextRange };
