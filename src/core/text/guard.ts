/**
 * Guards for untrusted input text: problem ranges that stay inside the text, a byte-order mark
 * that never shifts offsets, and a nesting pre-scan that stops a JSON parser from recursing
 * until the stack overflows.
 */
import type { Problem, TextRange } from './types';

/**
 * `range` moved inside a text of `length` units: 0 ≤ start ≤ end ≤ length. A range that
 * would be empty at the very end of a non-empty text covers its last character instead (an
 * editor shows nothing for an empty range past the last line), never half a surrogate pair.
 */
export function clampRange(range: TextRange, length: number, text?: string): TextRange {
  const fix = (n: number): number => (Number.isNaN(n) ? 0 : Math.max(0, Math.min(Math.trunc(n), length)));
  let start = fix(range.start);
  const end = Math.max(start, fix(range.end));
  if (start === end && end === length && length > 0) {
    start = length - 1;
    if (text && start > 0 && isLowSurrogate(text.charCodeAt(start)) && isHighSurrogate(text.charCodeAt(start - 1))) start--;
  }
  return { start, end };
}

/** Every problem's range clamped inside `text` (see `clampRange`). */
export function clampProblems<P extends Problem>(problems: P[], text: string): P[] {
  for (const p of problems) p.range = clampRange(p.range, text.length, text);
  return problems;
}

function isHighSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}
function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

/**
 * The text with a leading byte-order mark turned into a space: parsers then read it as
 * whitespace, and every offset stays an offset into the original text.
 */
export function blankBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? ' ' + text.slice(1) : text;
}

/** Nesting deeper than this is refused before parsing: JSON parsers recurse once per level. */
export const MAX_JSON_DEPTH = 256;

/**
 * The offset of the first `[` or `{` nested deeper than `maxDepth` in JSON (with comments), or
 * undefined when the text stays within it. Strings and comments are skipped; the scan is linear
 * and never recurses, so it is safe on any input.
 */
export function excessiveJsonNesting(text: string, maxDepth = MAX_JSON_DEPTH): number | undefined {
  let depth = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) {
      for (i++; i < n; i++) {
        const d = text.charCodeAt(i);
        if (d === 92 /* \ */) i++;
        else if (d === 34 || d === 10 || d === 13) break;
      }
    } else if (c === 47 /* / */ && text.charCodeAt(i + 1) === 47) {
      while (i < n && text.charCodeAt(i) !== 10 && text.charCodeAt(i) !== 13) i++;
    } else if (c === 47 && text.charCodeAt(i + 1) === 42 /* * */) {
      const close = text.indexOf('*/', i + 2);
      i = close < 0 ? n : close + 1;
    } else if (c === 91 || c === 123) {
      if (++depth > maxDepth) return i;
    } else if (c === 93 || c === 125) {
      if (depth > 0) depth--;
    }
  }
  return undefined;
}
