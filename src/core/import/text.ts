/**
 * Text helpers shared by the readers: joining lines that a layout broke (no space between
 * Chinese characters, a space between words, a hyphen dropped before a lowercase word) and
 * whitespace normalisation.
 */
import { isHan } from '../script/fold';

/** Han, CJK punctuation, full-width forms and kana: characters written without spaces between them. */
export function isCjk(code: number): boolean {
  return (
    isHan(code) ||
    (code >= 0x3000 && code <= 0x303f) ||
    (code >= 0x3040 && code <= 0x30ff) ||
    (code >= 0xff00 && code <= 0xffef) ||
    (code >= 0x2e80 && code <= 0x2fdf) ||
    code === 0x201c || code === 0x201d || code === 0x2018 || code === 0x2019 || code === 0x2014 || code === 0x2026
  );
}

function lastCode(s: string): number {
  const c = s.codePointAt(s.length - 1) ?? 0;
  if (c >= 0xdc00 && c <= 0xdfff && s.length > 1) return s.codePointAt(s.length - 2) ?? c;
  return c;
}

/** Joins two pieces of one paragraph that a line break separated. */
export function joinBroken(a: string, b: string): string {
  if (!a) return b;
  if (!b) return a;
  const end = lastCode(a);
  const start = b.codePointAt(0) ?? 0;
  if (isCjk(end) || isCjk(start)) return a + b;
  // A word hyphenated at the line end: `regu-` + `lation`.
  if (end === 0x2d && /[a-z]$/.test(a.slice(0, -1)) && /^[a-z]/.test(b)) return a.slice(0, -1) + b;
  if (end === 0x2f || start === 0x2f) return a + b; // URLs and paths broken at a slash
  return `${a} ${b}`;
}

/** Collapses runs of white space (ideographic space included) to one space and trims. */
export function squash(s: string): string {
  return s.replace(/[\s\u3000\u00a0]+/g, ' ').trim();
}

/** Ends with sentence-final punctuation (Chinese or Western). */
export function endsSentence(s: string): boolean {
  return /[。！？!?；;…”」』）)\].．:：]$/.test(s.trimEnd()) && !/[（([]$/.test(s.trimEnd());
}
