/**
 * Finds term occurrences: one pass of the Aho–Corasick automaton over the text, folding each
 * UTF-16 unit through a lookup table on the fly (no folded copy, no regular expressions).
 *
 * Rules:
 *  - Simplified, Traditional and mixed-script spellings match each other; full-width letters
 *    match half-width; letters match case-insensitively (see script/fold).
 *  - A pattern end that is a letter or digit needs a word boundary in the text there: `AI` does
 *    not match in `TRAIN`, `Taiwan` or `email`, but does in `AI大模型` and `用AI做`.
 *  - No match ends just before a combining mark (it would split a character).
 *  - Leftmost-longest: among overlapping candidates the one starting first wins, and among those
 *    the longest; the result never overlaps and is sorted by offset.
 * Resolution is streamed: candidates are kept in a queue of tentative matches that becomes
 * final once no later candidate can start before them, so the work is per candidate, not per
 * character, and memory does not grow with the text.
 */

import type { TextRange } from '../text/types';
import type { FormKind, IndexedTerm, TermIndex, TermMatch, TermPattern, TermSurface } from './types';

/** Receives one resolved match: [start, end) and the pattern id. */
export type MatchSink = (start: number, end: number, pattern: number) => void;

interface Queue { busy: boolean; size: number; qs: Int32Array; qe: Int32Array; qp: Int32Array }

const shared: Queue = { busy: false, size: 0, qs: new Int32Array(0), qe: new Int32Array(0), qp: new Int32Array(0) };

/** The queue of tentative matches; a fresh one when a sink scans again from inside a scan. */
function queue(size: number): Queue {
  const q: Queue = shared.busy ? { busy: false, size: 0, qs: shared.qs, qe: shared.qe, qp: shared.qp } : shared;
  if (q.size < size || q !== shared) {
    q.size = size;
    q.qs = new Int32Array(size);
    q.qe = new Int32Array(size);
    q.qp = new Int32Array(size);
  }
  return q;
}

function clampRange(text: string, range?: Partial<TextRange>): [number, number] {
  const n = text.length;
  let start = range?.start ?? 0;
  let end = range?.end ?? n;
  if (!(start >= 0)) start = 0;
  if (!(end <= n)) end = n;
  start = Math.floor(start);
  end = Math.floor(end);
  return [start, Math.max(start, end)];
}

/** The word class of the first unit after the joiners from `at` (0 at the end of the text); a joiner then counts as a word unit. */
function wordAfterJoiners(word: Uint8Array, text: string, at: number, n: number): number {
  let j = at;
  while (j < n && word[text.charCodeAt(j)] === 3) j++;
  const w = j < n ? word[text.charCodeAt(j)] : 0;
  return w === 2 ? 1 : w;
}

/** The word class of the unit before `at`, looking past invisible joiners (0 at the start of the text). */
function wordBefore(word: Uint8Array, text: string, at: number): number {
  let j = at - 1;
  while (j >= 0 && word[text.charCodeAt(j)] === 3) j--;
  return j >= 0 ? word[text.charCodeAt(j)] : 0;
}

/**
 * Low-level scan: calls `sink` for every resolved match in [range.start, range.end), in order.
 * Allocates nothing per match. Matches lie wholly inside the range; the characters just
 * outside it still count for word boundaries.
 */
export function scanTerms(index: TermIndex, text: string, sink: MatchSink, range?: Partial<TextRange>): void {
  const [start, end] = clampRange(text, range);
  const A = index.automaton;
  const maxLen = index.maxPatternLength;
  if (maxLen === 0 || start >= end) return;
  const { alphaOf, states, rows, stride, rowBits, rowWords, patInfo, word } = A;
  // Tentative matches: non-overlapping, sorted, all starting within the last maxLen units once
  // flushed, so a ring of more than maxLen + 1 entries suffices.
  let size = 4;
  while (size <= maxLen + 1) size <<= 1;
  const mask = size - 1;
  const q = queue(size);
  q.busy = true;
  const { qs, qe, qp } = q;
  let head = 0;
  let tail = 0;
  let lastEnd = start; // end of the last emitted match
  const n = text.length;
  try {
    let state = 0;
    for (let i = start; i < end; i++) {
      const a = alphaOf[text.charCodeAt(i)];
      if (a === 0) {
        state = 0;
        continue;
      }
      let s = state;
      while (s !== 0) {
        const b = states[s << 2];
        if (b >= 0) {
          // The state's child-label filter first: most lookups fail, and the target slot is
          // probably not in the cache.
          if ((states[(s << 2) + 1] >>> (24 + (a & 7))) & 1) {
            const t = b + a;
            if ((states[(t << 2) + 1] & 0xffffff) === s + 1) break;
          }
        } else if ((rowBits[~b * rowWords + (a >>> 5)] >>> (a & 31)) & 1) {
          break;
        }
        s = states[(s << 2) + 2];
      }
      if (s === 0) {
        // The root's base is 0: its child on label a, if any, is slot a.
        state = (states[(a << 2) + 1] & 0xffffff) === 1 ? a : 0;
      } else {
        const b = states[s << 2];
        state = b >= 0 ? b + a : rows[~b * stride + a];
      }
      const o = states[(state << 2) + 3] - 1;
      if (o < 0) continue;
      // The unit after the candidates' end, for the boundary checks (past invisible joiners).
      let nextWord = i + 1 < n ? word[text.charCodeAt(i + 1)] : 0;
      if (nextWord === 3) nextWord = wordAfterJoiners(word, text, i + 1, n);
      if (nextWord === 2) continue; // would end inside a character (before a combining mark)
      // Tentative matches that no candidate from here on can start before are final.
      const limit = i - maxLen;
      while (head < tail && qs[head & mask] <= limit) {
        const k = head & mask;
        sink(qs[k], qe[k], qp[k]);
        lastEnd = qe[k];
        head++;
      }
      // Candidates ending here, longest first.
      for (let p = o; p >= 0; p = patInfo[(p << 2) + 2]) {
        const ms = i + 1 - patInfo[p << 2];
        if (ms < lastEnd) continue; // overlaps an emitted match (or starts before the range)
        const flags = patInfo[(p << 2) + 1];
        if ((flags & 2) !== 0 && nextWord === 1) continue;
        if ((flags & 1) !== 0 && ms > 0 && wordBefore(word, text, ms) !== 0) continue;
        // Tentatives starting after ms are overlapped by this candidate (it ends last).
        let k = tail;
        while (k > head && qs[(k - 1) & mask] > ms) k--;
        if (k > head) {
          const prev = (k - 1) & mask;
          if (ms < qe[prev]) {
            // Overlaps the tentative starting at or before it: that one wins unless it starts
            // at the same place and is shorter.
            if (ms === qs[prev] && i + 1 > qe[prev]) {
              qe[prev] = i + 1;
              qp[prev] = p;
              tail = k;
            }
            continue;
          }
        }
        const slot = k & mask;
        qs[slot] = ms;
        qe[slot] = i + 1;
        qp[slot] = p;
        tail = k + 1;
      }
    }
    while (head < tail) {
      const k = head & mask;
      sink(qs[k], qe[k], qp[k]);
      head++;
    }
  } finally {
    q.busy = false;
  }
}

/**
 * A resolved match. `form` and `kind` are worked out on first access (comparing the matched
 * text with the pattern's surfaces), so scanning a large text stays cheap; `toJSON` gives a
 * plain object with every field.
 */
class Match implements TermMatch {
  readonly start: number;
  readonly end: number;
  // The pattern's fields are read through it: a match holds four fields, not ten (a scan makes thousands per MB).
  readonly #p: TermPattern;
  readonly #text: string;
  #surface: TermSurface | undefined;

  constructor(p: TermPattern, text: string, start: number, end: number) {
    this.start = start;
    this.end = end;
    this.#p = p;
    this.#text = text;
  }

  get pattern(): number {
    return this.#p.id;
  }

  get termId(): string {
    return this.#p.termId;
  }

  get packId(): string {
    return this.#p.packId;
  }

  get term(): TermPattern['term'] {
    return this.#p.term;
  }

  get kinds(): TermPattern['kinds'] {
    return this.#p.kinds;
  }

  get form(): string {
    return this.#resolve().form;
  }

  get kind(): FormKind {
    return this.#resolve().kind;
  }

  #resolve(): TermSurface {
    if (this.#surface) return this.#surface;
    const surfaces = this.#p.surfaces;
    let surface = surfaces[0];
    if (surfaces.length > 1) {
      const text = this.#text;
      const start = this.start;
      const len = this.end - start;
      for (const s of surfaces) {
        const f = s.form;
        if (f.length !== len) continue;
        let k = 0;
        while (k < len && f.charCodeAt(k) === text.charCodeAt(start + k)) k++;
        if (k === len) { surface = s; break; }
      }
    }
    return (this.#surface = surface);
  }

  toJSON(): Omit<TermMatch, 'term'> & { term: string } {
    return {
      start: this.start,
      end: this.end,
      termId: this.termId,
      packId: this.packId,
      form: this.form,
      kind: this.kind,
      kinds: this.kinds,
      pattern: this.pattern,
      term: this.termId,
    };
  }
}

/**
 * The TermMatch for a resolved match. Its `form` is the glossary surface equal to the matched
 * text (case-sensitive) when there is one, else the pattern's first surface.
 */
export function toMatch(index: TermIndex, text: string, start: number, end: number, pattern: number): TermMatch {
  return new Match(index.patterns[pattern], text, start, end);
}

/**
 * Every term occurrence in `text` (or in `range` of it), non-overlapping and sorted, with
 * offsets into the original text.
 */
export function findTerms(index: TermIndex, text: string, range?: Partial<TextRange>): TermMatch[] {
  const result: TermMatch[] = [];
  scanTerms(index, text, (s, e, p) => { result.push(toMatch(index, text, s, e, p)); }, range);
  return result;
}

/** Default number of characters termAt looks at on each side of the offset. */
export const TERM_AT_WINDOW = 256;

/**
 * The term occurrence covering `offset` (start <= offset < end), or undefined. Looks at no more
 * than `maxWindow` characters on each side, so the cost does not depend on the line's length.
 * The scan starts just after a character that no pattern contains (no match can cross it), so
 * the answer equals that of a scan of the whole text whenever such a character lies within the
 * window.
 */
export function termAt(index: TermIndex, text: string, offset: number, maxWindow: number = TERM_AT_WINDOW): TermMatch | undefined {
  const n = text.length;
  if (!(offset >= 0 && offset < n) || index.maxPatternLength === 0) return undefined;
  offset = Math.floor(offset);
  const alphaOf = index.automaton.alphaOf;
  if (alphaOf[text.charCodeAt(offset)] === 0) return undefined;
  const maxLen = index.maxPatternLength;
  const window = Math.max(maxWindow, 1);
  const leftLimit = Math.max(0, offset - window);
  let left = leftLimit;
  for (let j = offset - 1; j >= leftLimit; j--) {
    if (alphaOf[text.charCodeAt(j)] === 0) { left = j + 1; break; }
  }
  const rightLimit = Math.min(n, offset + Math.min(maxLen, window));
  let right = rightLimit;
  for (let j = offset + 1; j < rightLimit; j++) {
    if (alphaOf[text.charCodeAt(j)] === 0) { right = j; break; }
  }
  let found: [number, number, number] | undefined;
  scanTerms(index, text, (s, e, p) => {
    if (!found && s <= offset && offset < e) found = [s, e, p];
  }, { start: left, end: right });
  return found ? toMatch(index, text, found[0], found[1], found[2]) : undefined;
}

/** The pattern behind a match (surfaces, kinds, folded text). */
export function getPattern(index: TermIndex, pattern: number): TermPattern | undefined {
  return index.patterns[pattern];
}

const termMaps = new WeakMap<TermIndex, Map<string, IndexedTerm>>();

/** Looks an indexed term up by pack and id. */
export function getTerm(index: TermIndex, packId: string, termId: string): IndexedTerm | undefined {
  let map = termMaps.get(index);
  if (!map) {
    map = new Map();
    for (const t of index.terms) map.set(`${t.packId}\u0000${t.termId}`, t);
    termMaps.set(index, map);
  }
  return map.get(`${packId}\u0000${termId}`);
}
