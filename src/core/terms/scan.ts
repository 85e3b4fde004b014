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
import type { FormKind, IndexedTerm, TermIndex, TermMatch, TermPattern, TermSurface } from './types';

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
  const { alphaOf, states, outPat, nextOut, patLength, patFlags, word } = A;
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
        const t = states[s << 2] + a;
        if (states[(t << 2) + 1] === s) { state = t; break; }
        if (s === 0) { state = 0; break; }
        s = states[(s << 2) + 2];
      }
      let o = states[(state << 2) + 3];
      if (o >= 0) {
        // The unit after the candidates' end, for the boundary checks.
        const nextWord = i + 1 < n ? word[text.charCodeAt(i + 1)] : 0;
        if (nextWord !== 2) {
          while (o >= 0) {
            const p = outPat[o];
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
            o = nextOut[o];
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

/**
 * A resolved match. `form` and `kind` are worked out on first access (comparing the matched
 * text with the pattern's surfaces), so scanning a large text stays cheap; `toJSON` gives a
 * plain object with every field.
 */
class Match implements TermMatch {
  readonly start: number;
  readonly end: number;
  readonly pattern: number;
  readonly termId: string;
  readonly packId: string;
  readonly term: TermPattern['term'];
  readonly kinds: TermPattern['kinds'];
  readonly #p: TermPattern;
  readonly #text: string;
  #surface: TermSurface | undefined;

  constructor(p: TermPattern, text: string, start: number, end: number) {
    this.start = start;
    this.end = end;
    this.pattern = p.id;
    this.termId = p.termId;
    this.packId = p.packId;
    this.term = p.term;
    this.kinds = p.kinds;
    this.#p = p;
    this.#text = text;
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
    return { start: this.start, end: this.end, termId: this.termId, packId: this.packId, form: this.form, kind: this.kind, kinds: this.kinds, pattern: this.pattern, term: this.termId };
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
