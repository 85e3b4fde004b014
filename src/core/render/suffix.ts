/**
 * The text after a key in a Pandoc citation, read as Pandoc reads it: a locator, then a suffix.
 */
import { parseLocatorText } from '../citations/locatorText';
import type { Locator } from '../citations/types';

/** A Pandoc citation suffix split into its locator and the free text after it. */
export interface PandocSuffix {
  locator?: Locator;
  /** Text after the locator (or the whole suffix when it does not start with one): `and passim`. */
  suffix?: string;
}

const LOCATOR_TERM = /^(pp?\.|pages?\b|sec\.|sections?\b|§+|para\.|paragraphs?\b|¶+)\s*/i;
/** A locator value: numbers, ranges and lists of them (`33-35, 38`, `1.3`, `iv`). */
const LOCATOR_VALUE = /^(?:[0-9ivxlcdm]+(?:[.:][0-9]+)*[a-z]?)(?:\s*(?:-{1,2}|–|—|,)\s*(?:[0-9ivxlcdm]+(?:[.:][0-9]+)*[a-z]?))*/i;
const CJK_LOCATOR = /^第\s*[0-9.]+(?:\s*[-–—~]\s*[0-9.]+)?\s*[页頁节節段章]/;

/**
 * Splits the text after a key in a Pandoc citation as Pandoc does: a locator when it starts
 * with a locator term (`p.`, `pp.`, `sec.`, `§`, `para.`, `¶`, `page`, `section`, `paragraph`),
 * a Chinese `第 … 页/节/段`, a bare number (a page), or braces (`{ii, A, D-Z}`, a page unless a
 * term starts it); whatever follows is the suffix.
 * `pp. 33-35, 38 and passim` → page `33-35, 38`, suffix `and passim`.
 */
export function splitPandocSuffix(input: string | undefined): PandocSuffix {
  const s = (input ?? '').trim();
  if (!s) return {};
  // A locator in braces is one whatever it holds (`{ii, A, D-Z}`, `{pp. iv, vi-xi}`), as Pandoc reads it.
  const braced = /^\{([^{}]*)\}/.exec(s);
  if (braced) {
    const rest = s.slice(braced[0].length).replace(/^[\s,]+/, '');
    const inner = braced[1].trim();
    const term = LOCATOR_TERM.exec(inner);
    // A term the styles here have no label for (`{chap. 2}`) stays text, as it does without braces.
    if (!term && /^\p{L}+\.?\s+\S/u.test(inner)) return { suffix: [inner, rest].filter(Boolean).join(', ') };
    const locator = term ? parseLocatorText(inner) : inner ? { label: 'page' as const, value: inner } : undefined;
    return { ...(locator ? { locator } : {}), ...(rest ? { suffix: rest } : {}) };
  }
  const cjk = CJK_LOCATOR.exec(s);
  if (cjk) {
    const rest = s.slice(cjk[0].length).replace(/^[\s,，]+/, '');
    return { locator: parseLocatorText(cjk[0]), ...(rest ? { suffix: rest } : {}) };
  }
  const term = LOCATOR_TERM.exec(s);
  const after = term ? s.slice(term[0].length) : s;
  const value = LOCATOR_VALUE.exec(after);
  if (!value || (!term && !/^\d/.test(after))) return { suffix: s };
  const v = value[0].replace(/[\s,]+$/, '');
  const rest = after.slice(value[0].length).replace(/^[\s,]+/, '');
  const locator = parseLocatorText(term ? `${term[0].trim()} ${v}` : v);
  return { ...(locator ? { locator } : {}), ...(rest ? { suffix: rest } : {}) };
}
