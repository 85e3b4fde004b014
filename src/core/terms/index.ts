/**
 * The term engine: finds glossary terms in a text with exact UTF-16 ranges, across
 * Simplified/Traditional Chinese, full-/half-width forms and English case.
 */
export { buildTermIndex } from './build';
export { TERM_MESSAGES } from './forms';
export { findTerms, scanTerms, termAt, toMatch, getPattern, getTerm, TERM_AT_WINDOW } from './scan';
export type { MatchSink } from './scan';
export type {
  FormKind,
  GlossaryInput,
  IndexedTerm,
  TermIndex,
  TermIndexOptions,
  TermIndexWarning,
  TermMatch,
  TermPattern,
  TermSurface,
  TermWarningCode,
} from './types';
