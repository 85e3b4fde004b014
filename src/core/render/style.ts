/**
 * The reference style a rendering uses: one of the project's styles, in the numeric or the
 * author-date system (GB/T 7714 has both; APA 7 is always author-date), and how numeric
 * citations are set.
 */
import type { CitationStyle } from '../citations/types';

export type CitationSystem = 'numeric' | 'author-date';

export interface RenderStyle {
  style: CitationStyle;
  system: CitationSystem;
  /** Numeric citations as superscripts (the standard's default) or on the line: `[1]`. */
  numbers: 'superscript' | 'inline';
}

/**
 * The style a front matter `csl:` or `citation-style:` value names, when it is one of ours:
 * `gbt7714-2025`, `gbt7714-2015-author-date`, `apa7`, or the file names of the common CSL styles
 * for them (`china-national-standard-gb-t-7714-2015-numeric.csl`, `…-author-date.csl`,
 * `apa.csl`). Anything else: undefined (the setting applies).
 */
export function styleFromName(name: string | undefined): Pick<RenderStyle, 'style' | 'system'> | undefined {
  if (!name) return undefined;
  const base = name
    .trim()
    .replace(/^.*[\\/]/, '')
    .replace(/\.csl$/i, '')
    .toLowerCase();
  if (/^apa(?:[-_ ]?7(?:th)?(?:[-_ ]edition)?)?$/.test(base) || base === 'apa-7th-edition') return { style: 'apa7', system: 'author-date' };
  const m = /^(?:china-national-standard-)?gb-?t-?7714[-_]?(2015|2025)(?:[-_](numeric|author-?date|author-?year|authoryear))?$/.exec(base);
  if (!m) return undefined;
  const style: CitationStyle = m[1] === '2015' ? 'gbt7714-2015' : 'gbt7714-2025';
  const system: CitationSystem = m[2] && m[2] !== 'numeric' ? 'author-date' : 'numeric';
  return { style, system };
}
