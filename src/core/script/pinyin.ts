/**
 * Pinyin helpers for filtering and completion, built on `pinyin-pro`.
 *
 * Text is folded first (Traditional → Simplified, full-width → ASCII, lower case), so
 * 監管科技 and 监管科技 give the same pinyin. Pinyin carries no tones, is lower case and
 * writes ü as `v` (as pinyin input methods do). Runs of letters and digits in the text
 * (e.g. `AI` in `AI大模型`) become one lower-case syllable each; spaces and punctuation are dropped.
 * Pure: no host APIs.
 */
import { pinyin } from 'pinyin-pro';
import { foldText, isHan } from './fold';

const CACHE_LIMIT = 20000;

interface Syllabified {
  syllables: readonly string[];
  /** Per syllable: true when it is a run of the text's own ASCII letters/digits, not a Han reading. */
  word: readonly boolean[];
}

const cache = new Map<string, Syllabified>();

function isAsciiAlnum(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39);
}

function syllabify(s: string): Syllabified {
  const hit = cache.get(s);
  if (hit) return hit;
  const folded = foldText(s);
  const syllables: string[] = [];
  const word: boolean[] = [];
  let i = 0;
  const n = folded.length;
  while (i < n) {
    const c = folded.codePointAt(i)!;
    if (isHan(c)) {
      // A run of Han characters is read as a whole, so polyphones are resolved in context.
      let j = i;
      while (j < n && isHan(folded.codePointAt(j)!)) j += folded.codePointAt(j)! > 0xffff ? 2 : 1;
      for (const p of pinyin(folded.slice(i, j), { toneType: 'none', type: 'array', v: true })) {
        const lower = p.toLowerCase();
        if (lower.length > 0) { syllables.push(lower); word.push(false); }
      }
      i = j;
    } else if (isAsciiAlnum(c)) {
      let j = i;
      while (j < n && isAsciiAlnum(folded.charCodeAt(j))) j++;
      syllables.push(folded.slice(i, j));
      word.push(true);
      i = j;
    } else {
      i += c > 0xffff ? 2 : 1;
    }
  }
  const result: Syllabified = { syllables, word };
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(s, result);
  return result;
}

/**
 * The syllables of a text: one per Han character (its most likely reading in context) and
 * one per run of ASCII letters/digits. Example: `監管科技` → `['jian', 'guan', 'ke', 'ji']`,
 * `AI大模型` → `['ai', 'da', 'mo', 'xing']`. Other characters are dropped.
 */
export function pinyinSyllables(s: string): string[] {
  return syllabify(s).syllables.slice();
}

/** Full pinyin, no tones, lower case, no separators: 監管科技 → `jianguankeji`. */
export function pinyinFull(s: string): string {
  return syllabify(s).syllables.join('');
}

/** Pinyin initials: 監管科技 → `jgkj`. Runs of ASCII letters are kept whole: AI大模型 → `aidmx`. */
export function pinyinInitials(s: string): string {
  const { syllables, word } = syllabify(s);
  let out = '';
  for (let i = 0; i < syllables.length; i++) out += word[i] ? syllables[i] : syllables[i][0];
  return out;
}

/** Normalises a query for pinyin matching: folded, without spaces, apostrophes or dashes. */
function compactQuery(q: string): string {
  return q.replace(/[\s'\-·.]+/g, '');
}

/**
 * Whether `query` finds `candidate` in a filter box. True when, after folding both
 * (so English is case-insensitive, Simplified and Traditional match either way and
 * full-width letters match half-width):
 *  - the candidate contains the query; or
 *  - the query (ASCII) spells consecutive syllables of the candidate's pinyin, each
 *    syllable written in full or by any prefix down to its initial: `jgkj`, `jianguan`,
 *    `jianguankeji`, `jiangkj` and `guanke` all find 監管科技.
 * An empty query matches everything.
 */
export function matchesQuery(query: string, candidate: string): boolean {
  const q = foldText(query).trim();
  if (q.length === 0) return true;
  const c = foldText(candidate);
  if (c.includes(q)) return true;
  const qa = compactQuery(q);
  if (qa.length === 0) return false;
  if (c.replace(/\s+/g, '').includes(qa)) return true;
  for (let i = 0; i < qa.length; i++) if (!isAsciiAlnum(qa.charCodeAt(i))) return false;
  return matchSyllables(qa, syllabify(candidate).syllables);
}

/**
 * Whether `q` is a concatenation of non-empty prefixes of consecutive syllables
 * `syl[k], syl[k+1], …` for some k (the last one may be partial too).
 */
export function matchSyllables(q: string, syl: readonly string[]): boolean {
  const n = syl.length;
  const m = q.length;
  if (n === 0) return false;
  // failed[qi * (n + 1) + si] = 1 when matching q[qi..] from syllable si is known to fail.
  const failed = new Uint8Array((m + 1) * (n + 1));
  const go = (qi: number, si: number): boolean => {
    if (qi === m) return true;
    if (si === n) return false;
    const key = qi * (n + 1) + si;
    if (failed[key]) return false;
    const s = syl[si];
    const max = Math.min(s.length, m - qi);
    let k = 0;
    while (k < max && s.charCodeAt(k) === q.charCodeAt(qi + k)) k++;
    for (; k >= 1; k--) if (go(qi + k, si + 1)) return true;
    failed[key] = 1;
    return false;
  };
  for (let start = 0; start < n; start++) if (go(0, start)) return true;
  return false;
}
