/** 版本 (edition) and 版本 of software and data (`V1.0`). */
import type { GbtContext } from './style';

const ORDINAL_WORDS = [
  'first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth', 'eleventh', 'twelfth',
];

/** `1` → `1st`, `2` → `2nd`, `11` → `11th`. */
function ordinal(n: number): string {
  const suffix = n % 100 >= 11 && n % 100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}

/** The edition as a number when it is one (`2`, `2nd`, `Second`), else undefined. */
function editionNumber(edition: string): number | undefined {
  const v = edition.trim().toLowerCase().replace(/\s*(ed|edn|edition)\.?$/, '');
  if (/^\d+$/.test(v)) return parseInt(v, 10);
  const m = /^(\d+)(st|nd|rd|th)$/.exec(v);
  if (m) return parseInt(m[1], 10);
  const i = ORDINAL_WORDS.indexOf(v);
  return i >= 0 ? i + 1 : undefined;
}

/**
 * 版本: the first edition is not printed; a numbered edition is `2 版` (both editions' examples) in
 * a CJK entry and `2nd ed.` in a Western one; any other statement (`修订版`, `Rev. ed.`) as
 * written.
 */
export function gbtEditionText(edition: string | undefined, ctx: Pick<GbtContext, 'cjk' | 'edition'>): string | undefined {
  const value = edition?.trim();
  if (!value) return undefined;
  const n = editionNumber(value);
  if (n === 1) return undefined;
  if (n === undefined) return value.replace(/^(\d+)\s*版$/, '$1 版');
  if (ctx.cjk) return `${n} 版`;
  return `${ordinal(n)} ed.`;
}

/** A version of software or data: `1.0` → `V1.0`. */
export function gbtVersionText(version: string | undefined): string | undefined {
  const v = version?.trim();
  if (!v) return undefined;
  return /^\d/.test(v) ? `V${v}` : v;
}
