/**
 * Character classes every module shares: the Han test (correct for astral characters: CJK
 * Extension B and later lie outside the BMP) and the punctuation-stripping used for keys.
 */

/** Code points of the Han script: unified ideographs (all extensions), compatibility ideographs and 〇. */
export function isHan(code: number): boolean {
  return (
    (code >= 0x4e00 && code <= 0x9fff) ||
    (code >= 0x3400 && code <= 0x4dbf) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    code === 0x3007 ||
    (code >= 0x20000 && code <= 0x323af) ||
    (code >= 0x2f800 && code <= 0x2fa1f)
  );
}

/** Whether a string holds a Han character, reading surrogate pairs as one code point. */
export function hasHan(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.codePointAt(i)!;
    if (isHan(c)) return true;
    if (c > 0xffff) i++;
  }
  return false;
}

/** The code point that ends just before `offset` (a whole surrogate pair when there is one), or -1. */
export function codePointBefore(s: string, offset: number): number {
  if (offset <= 0) return -1;
  const lo = s.charCodeAt(offset - 1);
  if (lo >= 0xdc00 && lo <= 0xdfff && offset >= 2) {
    const hi = s.charCodeAt(offset - 2);
    if (hi >= 0xd800 && hi <= 0xdbff) return (hi - 0xd800) * 0x400 + (lo - 0xdc00) + 0x10000;
  }
  return lo;
}

const SPACE_AND_PUNCTUATION = /[\s\p{P}\p{S}]+/gu;

/** The text without white space, punctuation or symbols (for keys that compare titles). */
export function stripPunctuation(s: string): string {
  return s.replace(SPACE_AND_PUNCTUATION, '');
}

/** Letters that number a run of look-alikes: 0 → a, 25 → z, 26 → aa, … (keys `li2023a`, years `2023b`). */
export function letterSuffix(n: number): string {
  let s = '';
  let i = n;
  do {
    s = String.fromCharCode(97 + (i % 26)) + s;
    i = Math.floor(i / 26) - 1;
  } while (i >= 0);
  return s;
}
