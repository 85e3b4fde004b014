/**
 * Character-level text folding for matching across scripts and widths.
 *
 * `foldText` maps every UTF-16 code unit to exactly one code unit, so an offset
 * into the folded text is the same offset into the original. The fold:
 *  - Traditional Chinese → Simplified, from OpenCC's single-character tables
 *    (only 1:1 mappings inside the BMP; phrases cannot be folded per character);
 *  - compatibility ideographs → their unified ideograph;
 *  - full-width ASCII (ＡＩ, ＲｅｇＴｅｃｈ, ：, （) → ASCII;
 *  - ideographic punctuation used in headings (、。【】〔〕“” …) → ASCII look-alikes;
 *  - every kind of space (ideographic space, NBSP, tab, line breaks) → ' ';
 *  - case (A → a, Ä → ä, Σ → σ) when the lower-case form is one code unit.
 * Astral characters (surrogate pairs) map to themselves, both units.
 *
 * The lookup table (a Uint16Array over the BMP) is built once, on first use.
 * Pure: no host APIs.
 */
import TSCharacters from 'opencc-js/dict/TSCharacters';
import STCharacters from 'opencc-js/dict/STCharacters';
import TSPhrases from 'opencc-js/dict/TSPhrases';
import STPhrases from 'opencc-js/dict/STPhrases';
import CJKCompatibility from 'opencc-js/dict/CJK_Compatibility_Ideographs';
import TWVariantsRev from 'opencc-js/dict/TWVariantsRev';
import HKVariantsRev from 'opencc-js/dict/HKVariantsRev';
import { ConverterFactory } from 'opencc-js/core';
import { isHan } from '../text/chars';
import type { Script } from '../pack/types';

export { isHan };

/** The script a text is written in, as far as its characters tell. */
export type DetectedScript = 'zh-Hans' | 'zh-Hant' | 'en' | 'mixed';

export interface ScriptDetection {
  script: DetectedScript;
  /** Characters that exist only in Simplified Chinese (e.g. 监, 链). */
  hans: number;
  /** Characters that exist only in Traditional Chinese (e.g. 監, 鏈). */
  hant: number;
  /** All Han characters, including those shared by both scripts. */
  han: number;
  /** Letters of alphabetic scripts (Latin, Greek, Cyrillic), full-width included. */
  latin: number;
}

// Character classes for detectScript and word boundaries.
const C_NONE = 0;
const C_HANS = 1; // Simplified-only Han character
const C_HANT = 2; // Traditional-only Han character
const C_HAN = 3; // Han character common to both
const C_LETTER = 4; // alphabetic letter or digit (a "word" character for boundaries)
const C_MARK = 5; // combining mark: extends the preceding character
const C_JOIN = 6; // invisible joiner: joins the characters on either side into one word

/** Invisible characters that join the letters around them: ZWNJ, ZWJ, word joiner, soft hyphen, U+FEFF. */
const JOINERS = [0x200c, 0x200d, 0x2060, 0x00ad, 0xfeff];

let foldTable: Uint16Array | undefined;
let classTable: Uint8Array | undefined;

/** Parses an OpenCC dictionary text (`"a b|c d"`) into [source, target] pairs. */
function pairs(dict: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const entry of dict.split('|')) {
    const sp = entry.indexOf(' ');
    if (sp <= 0) continue;
    const source = entry.slice(0, sp);
    const rest = entry.slice(sp + 1);
    const sp2 = rest.indexOf(' ');
    out.push([source, sp2 < 0 ? rest : rest.slice(0, sp2)]);
  }
  return out;
}

/** True when `s` is exactly one BMP code unit that is not a surrogate. */
function isSingleBmp(s: string): boolean {
  if (s.length !== 1) return false;
  const c = s.charCodeAt(0);
  return c < 0xd800 || c > 0xdfff;
}


/** Combining marks that attach to the preceding character. */
export function isCombiningMark(code: number): boolean {
  return (
    (code >= 0x0300 && code <= 0x036f) ||
    (code >= 0x1ab0 && code <= 0x1aff) ||
    (code >= 0x1dc0 && code <= 0x1dff) ||
    (code >= 0x20d0 && code <= 0x20ff) ||
    (code >= 0xfe20 && code <= 0xfe2f) ||
    code === 0x3099 ||
    code === 0x309a
  );
}

const SPACES = [0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0xa0, 0x1680, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000, 0xfeff];

/** Ideographic and typographic punctuation folded to ASCII (beyond the full-width block FF01–FF5E). */
const PUNCTUATION: Array<[number, string]> = [
  [0x3001, ','], // 、
  [0x3002, '.'], // 。
  [0xff61, '.'], // ｡ half-width ideographic full stop
  [0xff64, ','], // ､
  [0x3008, '<'], // 〈
  [0x3009, '>'], // 〉
  [0x3010, '['], // 【
  [0x3011, ']'], // 】
  [0x3014, '('], // 〔
  [0x3015, ')'], // 〕
  [0x3016, '['], // 〖
  [0x3017, ']'], // 〗
  [0x2018, "'"], // ‘
  [0x2019, "'"], // ’
  [0x201c, '"'], // “
  [0x201d, '"'], // ”
  [0x2010, '-'], // ‐
  [0x2011, '-'], // non-breaking hyphen
  [0x2012, '-'], // ‒
  [0x2013, '-'], // –
  [0x2014, '-'], // —
  [0x2015, '-'], // ―
  [0x2212, '-'], // minus sign
  [0x30fb, '\u00b7'], // ・ katakana middle dot
  [0xff65, '\u00b7'], // ･
  [0x2027, '\u00b7'], // ‧ hyphenation point (used as a middle dot in Traditional text)
  [0x2022, '\u00b7'], // •
  [0x2026, '.'], // … (one unit in, one out)
  [0xfe50, ','], // small forms
  [0xfe51, ','],
  [0xfe52, '.'],
  [0xfe54, ';'],
  [0xfe55, ':'],
  [0xfe56, '?'],
  [0xfe57, '!'],
  [0xfe59, '('],
  [0xfe5a, ')'],
  [0xfe5b, '{'],
  [0xfe5c, '}'],
  [0xfe5d, '('],
  [0xfe5e, ')'],
  [0xfe5f, '#'],
  [0xfe60, '&'],
  [0xfe61, '*'],
  [0xfe62, '+'],
  [0xfe63, '-'],
  [0xfe64, '<'],
  [0xfe65, '>'],
  [0xfe66, '='],
  [0xfe68, '\\'],
  [0xfe69, '$'],
  [0xfe6a, '%'],
  [0xfe6b, '@'],
  [0xffe0, '\u00a2'], // ￠
  [0xffe1, '\u00a3'], // ￡
  [0xffe5, '\u00a5'], // ￥
];

/** BMP blocks that have case (Latin, Greek, Cyrillic, Armenian, Georgian, Cherokee, letterlike, Glagolitic, …). */
const CASED_BLOCKS: ReadonlyArray<[number, number]> = [
  [0x0041, 0x058f], [0x10a0, 0x10ff], [0x13a0, 0x13ff], [0x1c80, 0x1cbf], [0x1e00, 0x1fff],
  [0x2100, 0x218f], [0x24b6, 0x24e9], [0x2c00, 0x2d2f], [0xa640, 0xa7ff], [0xab70, 0xabbf],
];
/** Alphabetic letters other than ASCII that count as word characters for boundaries. */
const LETTER_BLOCKS: ReadonlyArray<[number, number]> = [[0x00c0, 0x024f], [0x0370, 0x052f], [0x1e00, 0x1fff]];
const HAN_BLOCKS: ReadonlyArray<[number, number]> = [[0x3400, 0x4dbf], [0x4e00, 0x9fff], [0xf900, 0xfaff], [0x3007, 0x3007]];
const MARK_BLOCKS: ReadonlyArray<[number, number]> = [
  [0x0300, 0x036f], [0x1ab0, 0x1aff], [0x1dc0, 0x1dff], [0x20d0, 0x20ff], [0xfe20, 0xfe2f], [0x3099, 0x309a],
];

function buildTables(): void {
  const t = new Uint16Array(0x10000);
  for (let c = 0; c < 0x10000; c++) t[c] = c;

  // Case: every BMP character whose lower case is a single code unit.
  for (const [from, to] of CASED_BLOCKS) {
    for (let c = from; c <= to; c++) {
      const ch = String.fromCharCode(c);
      const lower = ch.toLowerCase();
      if (lower !== ch && lower.length === 1) t[c] = lower.charCodeAt(0);
    }
  }
  // Full-width ASCII FF01–FF5E → 21–7E, lower-cased.
  for (let c = 0xff01; c <= 0xff5e; c++) {
    const ascii = c - 0xfee0;
    t[c] = ascii >= 0x41 && ascii <= 0x5a ? ascii + 0x20 : ascii;
  }
  for (const c of SPACES) t[c] = 0x20;
  for (const [c, to] of PUNCTUATION) t[c] = to.charCodeAt(0);

  // Han: compatibility ideographs → unified, regional variants → OpenCC standard, Traditional → Simplified.
  const ts = pairs(TSCharacters);
  const st = pairs(STCharacters);
  const tsKeys = new Set<number>();
  const tsValues = new Set<number>();
  for (const [from, to] of ts) {
    if (!isSingleBmp(from) || !isSingleBmp(to)) continue;
    tsKeys.add(from.charCodeAt(0));
    tsValues.add(to.charCodeAt(0));
  }
  for (const [from, to] of pairs(CJKCompatibility)) {
    if (isSingleBmp(from) && isSingleBmp(to)) t[from.charCodeAt(0)] = to.charCodeAt(0);
  }
  for (const dict of [TWVariantsRev, HKVariantsRev]) {
    for (const [from, to] of pairs(dict)) {
      if (!isSingleBmp(from) || !isSingleBmp(to)) continue;
      const f = from.charCodeAt(0);
      // Only true variants: never remap a character that is itself a Simplified or Traditional entry.
      if (tsKeys.has(f) || tsValues.has(f)) continue;
      t[f] = to.charCodeAt(0);
    }
  }
  for (const [from, to] of ts) {
    if (isSingleBmp(from) && isSingleBmp(to)) t[from.charCodeAt(0)] = to.charCodeAt(0);
  }
  // Traditional characters that only the Simplified→Traditional table knows.
  for (const [from, to] of st) {
    if (!isSingleBmp(from) || !isSingleBmp(to)) continue;
    const trad = to.charCodeAt(0);
    if (t[trad] === trad && !tsKeys.has(trad) && !tsValues.has(trad)) t[trad] = from.charCodeAt(0);
  }
  // Close the mapping so that folding is idempotent: fold(fold(c)) === fold(c).
  for (let c = 0; c < 0x10000; c++) {
    let v = t[c];
    for (let step = 0; step < 8 && t[v] !== v; step++) v = t[v];
    t[c] = t[v] === v ? v : c;
  }
  joinConversions(t, [ts, st]);
  foldTable = t;

  // Classes.
  const k = new Uint8Array(0x10000);
  for (const [from, to] of HAN_BLOCKS) k.fill(C_HAN, from, to + 1);
  for (const [from, to] of MARK_BLOCKS) k.fill(C_MARK, from, to + 1);
  k.fill(C_LETTER, 0x30, 0x3a); // digits
  k.fill(C_LETTER, 0x41, 0x5b);
  k.fill(C_LETTER, 0x61, 0x7b);
  k[0x5f] = C_LETTER; // '_' is a word character, as in \w
  k.fill(C_LETTER, 0xff10, 0xff1a); // full-width digits and letters
  k.fill(C_LETTER, 0xff21, 0xff3b);
  k.fill(C_LETTER, 0xff41, 0xff5b);
  k[0xff3f] = C_LETTER;
  for (const c of JOINERS) k[c] = C_JOIN;
  for (const [from, to] of CASED_BLOCKS) {
    for (let c = from; c <= to; c++) if (k[c] === C_NONE && t[c] >= 0x61 && t[c] <= 0x7a) k[c] = C_LETTER; // e.g. the Kelvin sign
  }
  for (const [from, to] of LETTER_BLOCKS) {
    for (let c = from; c <= to; c++) {
      if (k[c] !== C_NONE || c === 0xd7 || c === 0xf7) continue;
      const ch = String.fromCharCode(c);
      if (ch.toLowerCase() !== ch.toUpperCase()) k[c] = C_LETTER;
    }
  }
  const stKeys = new Set<number>();
  for (const [from, to] of st) if (isSingleBmp(from) && from !== to) stKeys.add(from.charCodeAt(0));
  // Simplified-only: has a different Traditional form and is not itself a Traditional source.
  // 台 is excluded: it is the everyday Traditional spelling as well.
  for (const c of stKeys) if (!tsKeys.has(c) && c !== 0x53f0) k[c] = C_HANS;
  // Traditional-only: has a different Simplified form and is not itself a Simplified source.
  for (const c of tsKeys) if (!stKeys.has(c) && t[c] !== c) k[c] = C_HANT;
  classTable = k;
}

/**
 * Makes every single-character conversion of OpenCC (Simplified→Traditional and back) fold to
 * the same key as its source: the characters a conversion links (馀→餘→余, 侭→儘→尽) form one
 * class, and every member folds to the class's most common fold target (ties: the lowest code).
 */
function joinConversions(t: Uint16Array, tables: ReadonlyArray<ReadonlyArray<[string, string]>>): void {
  const parent = new Int32Array(0x10000);
  for (let c = 0; c < 0x10000; c++) parent[c] = c;
  const find = (c: number): number => {
    while (parent[c] !== c) c = parent[c] = parent[parent[c]];
    return c;
  };
  const join = (a: number, b: number): void => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent[ra < rb ? rb : ra] = ra < rb ? ra : rb;
  };
  for (let c = 0; c < 0x10000; c++) if (t[c] !== c && isHan(c)) join(c, t[c]);
  for (const table of tables) {
    for (const [from, to] of table) if (isSingleBmp(from) && isSingleBmp(to)) join(from.charCodeAt(0), to.charCodeAt(0));
  }
  const preimages = new Int32Array(0x10000);
  for (let c = 0; c < 0x10000; c++) preimages[t[c]]++;
  const best = new Int32Array(0x10000).fill(-1);
  for (let c = 0; c < 0x10000; c++) {
    if (preimages[c] === 0 || t[c] !== c) continue;
    const r = find(c);
    if (best[r] < 0 || preimages[c] > preimages[best[r]]) best[r] = c;
  }
  for (let c = 0; c < 0x10000; c++) {
    const b = best[find(c)];
    if (b >= 0 && isHan(c)) t[c] = b;
  }
}

/** The fold lookup table over the BMP (index = code unit). Built once, on first use. */
export function foldTableBmp(): Uint16Array {
  if (!foldTable) buildTables();
  return foldTable!;
}

/** The character-class table over the BMP. Built once, on first use. */
function classes(): Uint8Array {
  if (!classTable) buildTables();
  return classTable!;
}

/** Folds one UTF-16 code unit. Surrogates and code points above the BMP are returned unchanged. */
export function foldChar(code: number): number {
  if (code > 0xffff || code < 0) return code;
  return foldTableBmp()[code];
}

/** Folds a string unit by unit; the result has exactly the input's length. */
export function foldText(s: string): string {
  const t = foldTableBmp();
  const n = s.length;
  if (n === 0) return s;
  // Build in chunks: String.fromCharCode with many arguments is fastest, but the argument count is capped.
  const CHUNK = 4096;
  let out = '';
  const buf = new Uint16Array(Math.min(n, CHUNK));
  for (let i = 0; i < n; i += CHUNK) {
    const m = Math.min(CHUNK, n - i);
    for (let j = 0; j < m; j++) buf[j] = t[s.charCodeAt(i + j)];
    out += String.fromCharCode.apply(null, m === buf.length ? (buf as unknown as number[]) : (buf.subarray(0, m) as unknown as number[]));
  }
  return out;
}

/**
 * True when the code unit counts as part of a word for English word boundaries:
 * letters and digits of alphabetic scripts (full-width included), '_' and combining marks.
 * Han characters, punctuation and spaces are not word characters.
 */
export function isWordUnit(code: number): boolean {
  if (code > 0xffff || code < 0) return false;
  const k = classes()[code];
  return k === C_LETTER || k === C_MARK;
}

let wordTable: Uint8Array | undefined;

/**
 * The word-unit table over the BMP: 1 for word units (see isWordUnit), 2 for combining marks,
 * 3 for invisible joiners (a word boundary is looked for past them), else 0.
 */
export function wordTableBmp(): Uint8Array {
  if (wordTable) return wordTable;
  const k = classes();
  const w = new Uint8Array(0x10000);
  for (let c = 0; c < 0x10000; c++) w[c] = k[c] === C_LETTER ? 1 : k[c] === C_MARK ? 2 : k[c] === C_JOIN ? 3 : 0;
  return (wordTable = w);
}

/**
 * Detects the script of a text from its characters: counts characters that exist only in
 * Simplified (hans) or only in Traditional (hant), all Han characters and alphabetic letters.
 *  - no Han characters, or letters outnumbering Han characters three to one → 'en';
 *  - otherwise the Chinese script with at least four times the other's evidence wins;
 *    text with no distinguishing characters at all counts as 'zh-Hans';
 *  - otherwise 'mixed'.
 */
export function detectScript(text: string): ScriptDetection {
  const k = classes();
  let hans = 0;
  let hant = 0;
  let han = 0;
  let latin = 0;
  for (let i = 0, n = text.length; i < n; i++) {
    const c = text.charCodeAt(i);
    const cls = k[c];
    if (cls === C_NONE || cls === C_MARK) {
      // A high surrogate of planes 2–3 starts an astral ideograph.
      if (c >= 0xd840 && c <= 0xd8cf) han++;
      continue;
    }
    if (cls === C_LETTER) {
      if (c > 0x39 || c < 0x30) latin++;
      continue;
    }
    han++;
    if (cls === C_HANS) hans++;
    else if (cls === C_HANT) hant++;
  }
  let script: DetectedScript;
  if (han === 0 || latin > 3 * han) script = 'en';
  else if (hant > 0 && hant >= 4 * hans) script = 'zh-Hant';
  else if (hans >= 4 * hant) script = 'zh-Hans';
  else script = 'mixed';
  return { script, hans, hant, han, latin };
}

/**
 * The script a draft is mostly written in, for its terms and tooltips: the detected script of its
 * first 200,000 characters; a mixed draft goes with the Chinese script it has more evidence of,
 * and English prose with Han characters in it follows `displayScript`.
 */
export function draftScriptOf(text: string, displayScript: Script): Script {
  const d = detectScript(text.length > 200_000 ? text.slice(0, 200_000) : text);
  if (d.script === 'mixed') return d.hans >= d.hant ? 'zh-Hans' : 'zh-Hant';
  if (d.script === 'en' && d.han > 0 && d.latin > 0) return displayScript;
  return d.script;
}

let toSimplifiedConverter: ((s: string) => string) | undefined;
let toTraditionalConverter: ((s: string) => string) | undefined;

/** Converts a whole string to Simplified Chinese with OpenCC (phrases, then characters). Lengths may change. */
export function toSimplified(s: string): string {
  if (!toSimplifiedConverter) toSimplifiedConverter = ConverterFactory([TSPhrases, TSCharacters]);
  return toSimplifiedConverter(s);
}

/**
 * Converts a whole string to Traditional Chinese with OpenCC (phrases, then characters), e.g. to
 * insert a term in a Traditional draft. Lengths may change. The phrase table is loaded on first use.
 */
export function toTraditional(s: string): string {
  if (!toTraditionalConverter) toTraditionalConverter = ConverterFactory([STPhrases, STCharacters]);
  return toTraditionalConverter(s);
}

/** Converts a string to the given script; English and unknown scripts return it unchanged. */
export function toScript(s: string, script: string): string {
  if (script === 'zh-Hans') return toSimplified(s);
  if (script === 'zh-Hant') return toTraditional(s);
  return s;
}
