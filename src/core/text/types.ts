/**
 * The shared vocabulary of the core: ranges, edits, problems and severities.
 *
 * Every module of `src/core` speaks in these types; hosts turn them into their own
 * (VS Code's in `src/host/convert.ts`, the CLI's in its output writers).
 */

/** A half-open range of UTF-16 offsets into a text: [start, end). */
export interface TextRange {
  start: number;
  end: number;
}

/** A replacement of `range` of some text by `newText`. */
export interface TextEdit {
  range: TextRange;
  newText: string;
}

export type Severity = 'error' | 'warning' | 'information' | 'hint';

/** A problem found in some input, located by offsets into that input's text. */
export interface Problem {
  severity: Severity;
  /** Stable machine-readable code, e.g. `pack.duplicate-id`. */
  code: string;
  /** English message; hosts may localise by code, or by `template`. */
  message: string;
  /** The English template `message` was made from, with `{0}`… placeholders filled from `args`. */
  template?: string;
  args?: Array<string | number>;
  range: TextRange;
}
