/**
 * Titles: Western titles in sentence case (first letter upper case, the rest lower case,
 * protected words kept), as the examples print them.
 */
import type { CslItem } from '../../pack/types';
import { asText } from '../csl';

/**
 * Protected character ranges of a field, `[start, end)` offsets into its text: the words a
 * BibTeX file wrapped in braces (`{AI}`), kept in `custom.protected[field]` by the BibTeX
 * reader, plus `<span class="nocase">` runs of CSL rich text.
 */
export function protectedRanges(item: CslItem, field: string): Array<[number, number]> {
  const custom = item.custom as { protected?: Record<string, Array<[number, number]>> } | undefined;
  return custom?.protected?.[field] ?? [];
}

const LATIN_UPPER = /[A-Z\u00C0-\u00DE\u0100-\u017F]/;

/** Sentence case of a Western title: lower-cases Latin letters outside protected ranges, except the first. */
export function sentenceCase(text: string, ranges: Array<[number, number]> = []): string {
  const chars = [...text];
  let offset = 0;
  let first = true;
  let out = '';
  for (const c of chars) {
    const at = offset;
    offset += c.length;
    const isProtected = ranges.some(([s, e]) => at >= s && at < e);
    if (first && /\p{L}/u.test(c)) {
      first = false;
      out += c;
      continue;
    }
    out += !isProtected && LATIN_UPPER.test(c) && !/\d/.test(c) ? c.toLowerCase() : c;
    if (isProtected) first = false;
  }
  return out;
}

/** A rich-text title without `<span class="nocase">` markup, and the ranges it protected. */
export function plainRichText(value: string): { text: string; ranges: Array<[number, number]> } {
  const ranges: Array<[number, number]> = [];
  let text = '';
  const re = /<span class="nocase">([\s\S]*?)<\/span>/g;
  let last = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(value))) {
    text += value.slice(last, m.index);
    ranges.push([text.length, text.length + m[1].length]);
    text += m[1];
    last = m.index + m[0].length;
  }
  text += value.slice(last);
  return { text, ranges };
}

/** A field's text, in sentence case when `sentence` is set. */
export function caseField(item: CslItem, field: string, sentence: boolean): string | undefined {
  const raw = asText(item[field]);
  if (!raw) return undefined;
  const rich = plainRichText(raw);
  if (!sentence) return rich.text;
  return sentenceCase(rich.text, [...rich.ranges, ...protectedRanges(item, field)]);
}

/**
 * Whether titles are brought to sentence case: only English entries read from BibTeX, whose
 * titles are written in title case with braces around protected words. CSL-JSON and CSL-YAML
 * titles are printed as recorded (CSL's convention), and so are titles in other languages.
 */
export function sentenceCaseApplies(item: CslItem, cjk: boolean): boolean {
  if (cjk) return false;
  const custom = item.custom as { titleCase?: string } | undefined;
  if (custom?.titleCase !== 'bibtex') return false;
  const lang = asText(item.language);
  return !lang || /^en\b/i.test(lang);
}
