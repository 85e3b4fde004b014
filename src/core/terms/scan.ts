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
 * The resolution is streamed with a ring buffer as long as the longest pattern, so memory does
 * not grow with the text.
 */
import type { TextRange } from '../pack/types';
import type { IndexedTerm, TermIndex, TermMatch, TermPattern } from './types';

/** Receives one resolved match: [start, end) and the pattern id. */
export type MatchSink = (start: number, end: number, pattern: number) => void;

const scratch = { size: 0, len: new Int32Array(0), pat: new Int32Array(0) };

function ring(size: number): { len: Int32Array; pat: Int32Array } {
  if (scratch.size < size) {
    scratch.size = size;
    scratch.len = new Int32Array(size);
    scratch.pat = new Int32Array(size);
  }
  return scratch;
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
  const { alphaOf, rootNext, firstEdge, edgeAlpha, edgeTarget, fail, dictLink, out, patLength, patFlags, word } = A;
  let size = 1;
  while (size <= maxLen) size <<= 1;
  const mask = size - 1;
  const r = ring(size);
  const bestLen = r.len;
  const bestPat = r.pat;
  bestLen.fill(0, 0, size);
  const n = text.length;

  let state = 0;
  let cursor = start; // no emitted match may start before this
  let pending = 0; // number of ring slots holding a candidate
  for (let i = start; i < end; i++) {
    const a = alphaOf[text.charCodeAt(i)];
    if (a === 0) {
      state = 0;
    } else {
      let s = state;
      for (;;) {
        if (s === 0) { state = rootNext[a]; break; }
        let lo = firstEdge[s];
        const hi = firstEdge[s + 1];
        let next = -1;
        if (hi - lo <= 8) {
          for (; lo < hi; lo++) {
            if (edgeAlpha[lo] === a) { next = edgeTarget[lo]; break; }
          }
        } else {
          let h = hi - 1;
          while (lo <= h) {
            const mid = (lo + h) >> 1;
            const x = edgeAlpha[mid];
            if (x === a) { next = edgeTarget[mid]; break; }
            if (x < a) lo = mid + 1;
            else h = mid - 1;
          }
        }
        if (next >= 0) { state = next; break; }
        s = fail[s];
      }
      let o = out[state] >= 0 ? state : dictLink[state];
      if (o >= 0) {
        // Units after the candidate end, for the boundary checks.
        const nextWord = i + 1 < n ? word[text.charCodeAt(i + 1)] : 0;
        if (nextWord !== 2) {
          while (o >= 0) {
            const p = out[o];
            const len = patLength[p];
            const ms = i + 1 - len;
            const flags = patFlags[p];
            if (
              ms >= cursor &&
              !((flags & 2) !== 0 && nextWord === 1) &&
              !((flags & 1) !== 0 && ms > 0 && word[text.charCodeAt(ms - 1)] !== 0)
            ) {
              const k = ms & mask;
              if (len > bestLen[k]) {
                if (bestLen[k] === 0) pending++;
                bestLen[k] = len;
                bestPat[k] = p;
              }
            }
            o = dictLink[o];
          }
        }
      }
    }
    if (pending > 0) {
      const f = i - maxLen + 1;
      if (f >= start) {
        const k = f & mask;
        const len = bestLen[k];
        if (len > 0) {
          bestLen[k] = 0;
          pending--;
          if (f >= cursor) {
            sink(f, f + len, bestPat[k]);
            cursor = f + len;
          }
        }
      }
    }
  }
  // Resolve the candidates still in the ring.
  for (let f = Math.max(start, end - maxLen + 1); f < end && pending > 0; f++) {
    const k = f & mask;
    const len = bestLen[k];
    if (len > 0) {
      bestLen[k] = 0;
      pending--;
      if (f >= cursor) {
        sink(f, f + len, bestPat[k]);
        cursor = f + len;
      }
    }
  }
}

/** Builds the TermMatch for a resolved match, picking the surface equal to the matched text. */
export function toMatch(index: TermIndex, text: string, start: number, end: number, pattern: number): TermMatch {
  const p: TermPattern = index.patterns[pattern];
  let surface = p.surfaces[0];
  if (p.surfaces.length > 1) {
    const len = end - start;
    for (const s of p.surfaces) {
      if (s.form.length === len && text.startsWith(s.form, start)) { surface = s; break; }
    }
  }
  return { start, end, termId: p.termId, packId: p.packId, form: surface.form, kind: surface.kind, kinds: p.kinds, pattern, term: p.term };
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
