/**
 * Types of the term engine: the index built from glossaries and the matches it finds.
 * Pure data: no host APIs.
 */
import type { GlossaryTerm, Script } from '../pack/types';

/** Which glossary field a matched surface comes from. */
export type FormKind = 'zh-Hans' | 'zh-Hant' | 'en' | 'preferred' | 'alias' | 'abbreviation' | 'discouraged';

/** One glossary surface that produces a pattern. */
export interface TermSurface {
  /** The surface as the glossary writes it (trimmed). */
  form: string;
  kind: FormKind;
  /** For `preferred` and `discouraged` surfaces: the draft script the pack states it for. */
  script?: Script;
}

/** A term occurrence in a text. Offsets are UTF-16 code units into the original text: [start, end). */
export interface TermMatch {
  start: number;
  end: number;
  termId: string;
  packId: string;
  /**
   * The glossary surface behind the match: the one equal to the matched text when there is
   * one (case-sensitive), else the pattern's first surface. Worked out on first access.
   */
  readonly form: string;
  /** The kind of `form`. Worked out on first access. */
  readonly kind: FormKind;
  /** Every kind of surface that folds to the same pattern (e.g. ['zh-Hans', 'zh-Hant']). Shared, do not mutate. */
  kinds: readonly FormKind[];
  /** Id of the pattern that matched, for getPattern(). */
  pattern: number;
  /** The glossary entry itself. */
  term: GlossaryTerm;
}

/** Codes of the problems found while indexing glossaries. */
export type TermWarningCode =
  | 'terms.invalid-term'
  | 'terms.duplicate-term'
  | 'terms.invalid-form'
  | 'terms.empty-form'
  | 'terms.single-char'
  | 'terms.lone-surrogate'
  | 'terms.unreachable-form'
  | 'terms.form-too-long'
  | 'terms.duplicate-form'
  | 'terms.normalized-form'
  | 'terms.no-forms'
  | 'terms.index-full';

/** A problem found in a glossary while indexing it. Indexing never throws. */
export interface TermIndexWarning {
  severity: 'warning' | 'information';
  code: TermWarningCode;
  /** English message: `template` filled from `args`. */
  message: string;
  /** The English template of `message` (see TERM_MESSAGES); hosts localise it. */
  template: string;
  args: Array<string | number>;
  packId: string;
  /** The term's id ('' when the entry has none). */
  termId: string;
  /** Position of the term in its glossary. */
  termIndex: number;
  /** The offending form, when there is one. */
  form?: string;
  /** For duplicates: the term that keeps the form. */
  otherPackId?: string;
  otherTermId?: string;
}

export interface TermIndexOptions {
  /** Forms longer than this many UTF-16 units are skipped with a warning. Default 128. */
  maxFormLength?: number;
  /** One-character forms (one code point, e.g. 碳 or R): 'index' them with a warning (default) or 'skip' them. */
  singleChar?: 'index' | 'skip';
  /** Most UTF-16 units of forms to index (default and maximum 4,000,000); later forms are skipped with a warning. */
  maxTotalUnits?: number;
  /** Tuning: states with at least this many children get a dense transition row (default 8). */
  denseMinChildren?: number;
}

/** A glossary to index. */
export interface GlossaryInput {
  packId: string;
  terms: readonly GlossaryTerm[];
}

/** The per-pattern data of an index. */
export interface TermPattern {
  id: number;
  /** The folded pattern text. */
  folded: string;
  packId: string;
  termId: string;
  term: GlossaryTerm;
  /** The surfaces that fold to this pattern, in priority order. */
  surfaces: readonly TermSurface[];
  kinds: readonly FormKind[];
  /** Contains letters or digits of an alphabetic script: needs word boundaries on those ends. */
  englishLike: boolean;
}

/** An indexed glossary term. */
export interface IndexedTerm {
  packId: string;
  termId: string;
  term: GlossaryTerm;
}

/**
 * The compiled matcher: an Aho–Corasick automaton over folded UTF-16 units, stored in typed
 * arrays. Treat it as opaque; read it through the functions of this module.
 */
export interface TermIndex {
  readonly warnings: readonly TermIndexWarning[];
  /** Every indexed term, in glossary order (the first of a duplicated pack/id pair). */
  readonly terms: readonly IndexedTerm[];
  readonly patterns: readonly TermPattern[];
  /** Longest pattern, in UTF-16 units. */
  readonly maxPatternLength: number;
  /** Node count, alphabet size and an estimate of the typed arrays' size. */
  readonly stats: { terms: number; patterns: number; nodes: number; alphabet: number; bytes: number };
  /** @internal automaton tables */
  readonly automaton: Automaton;
}

/**
 * @internal The automaton tables: a double-array trie with failure links, plus dense rows for
 * states with many children. States are slots; slot 0 is the root. The transition from state s
 * on alphabet id a is t = base(s) + a when check(t) === s + 1 (or rows[row(s) * stride + a]
 * when s has a row and that is not 0); otherwise follow fail(s) (the root stays at the root).
 */
export interface Automaton {
  /** Raw UTF-16 unit → alphabet id of its folded unit (0: not in any pattern). */
  alphaOf: Uint16Array;
  /** Number of alphabet ids (1..alphabet). */
  alphabet: number;
  /**
   * The states, four Int32 per state so that one cache line holds what a step needs:
   * [4s] base (>= 0) or ~row for a state with a dense row, [4s + 1] check: low 24 bits parent
   * state + 1 (0: free, the root, or a child of a dense row), top 8 bits a filter of the state's
   * own child labels (bit 24 + (a & 7) set when some child has label a), [4s + 2] failure state,
   * [4s + 3] 1 + the longest pattern ending at s, itself or on its failure chain (0: none).
   */
  states: Int32Array;
  /** Dense rows for states with many children: rows[row * stride + a] = child state (0: none). */
  rows: Int32Array;
  /** alphabet + 1. */
  stride: number;
  /** Bit a of row r (word r * rowWords + (a >>> 5)) is set when rows[r * stride + a] !== 0. */
  rowBits: Int32Array;
  rowWords: number;
  /**
   * Per pattern p, four Int32: [4p] length in UTF-16 units, [4p + 1] flags (bit 0: needs a
   * word boundary before, bit 1: after), [4p + 2] the next shorter pattern ending at the same
   * place (-1: none), [4p + 3] unused.
   */
  patInfo: Int32Array;
  /** Number of trie nodes (states in use). */
  nodes: number;
  /** Raw UTF-16 unit → 1 word unit, 2 combining mark, 0 other. Shared by every index. */
  word: Uint8Array;
}
