import type { TextRange } from './types';
/**
 * Line bookkeeping over a text, with the same rules as VS Code: `\r\n`, `\r` and `\n`
 * each end a line, and characters are UTF-16 code units. A leading BOM, if the text has
 * one, is an ordinary character at offset 0 (VS Code's documents never contain it; text
 * read straight from bytes may).
 */

export interface Position {
  line: number;
  character: number;
}

export type Eol = '\n' | '\r\n';

/**
 * Offsets at which each line of `text` starts (`\r\n`, `\r` and `\n` end lines). Texts
 * without `\r` take a native `indexOf` path, which is several times faster on large drafts.
 */
export function lineStartsOf(text: string): Int32Array {
  const out: number[] = [0];
  if (text.indexOf('\r') < 0) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) out.push(i + 1);
  } else {
    for (let i = 0, n = text.length; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c === 10 /* \n */) out.push(i + 1);
      else if (c === 13 /* \r */) {
        if (text.charCodeAt(i + 1) === 10) i++;
        out.push(i + 1);
      }
    }
  }
  return Int32Array.from(out);
}

/** Where each line's content ends (before its line break), given the line starts of `text`. */
export function lineEndsOf(text: string, starts: ArrayLike<number>): number[] {
  const ends: number[] = [];
  for (let i = 0; i < starts.length; i++) {
    if (i === starts.length - 1) {
      ends.push(text.length);
      continue;
    }
    let e = starts[i + 1] - 1;
    if (text.charCodeAt(e) === 10 && e > starts[i] && text.charCodeAt(e - 1) === 13) e--;
    ends.push(e);
  }
  return ends;
}

/** The line containing `offset`, given the line starts (binary search). */
export function lineOf(starts: ArrayLike<number>, offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

export class LineIndex {
  /** Offsets at which each line starts. */
  readonly starts: Int32Array;

  constructor(readonly text: string) {
    this.starts = lineStartsOf(text);
  }

  get lineCount(): number {
    return this.starts.length;
  }

  /** Offset of the end of a line's content (before its line break). */
  lineEnd(line: number): number {
    const next = line + 1 < this.starts.length ? this.starts[line + 1] : this.text.length;
    let end = next;
    if (end > this.starts[line] && this.text.charCodeAt(end - 1) === 10) end--;
    if (end > this.starts[line] && this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }

  lineText(line: number): string {
    return this.text.slice(this.starts[line], this.lineEnd(line));
  }

  positionAt(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    const lo = lineOf(this.starts, o);
    // An offset between \r and \n belongs to the end of the line.
    return { line: lo, character: Math.min(o, this.lineEnd(lo)) - this.starts[lo] };
  }

  offsetAt(pos: Position): number {
    if (pos.line < 0) return 0;
    if (pos.line >= this.starts.length) return this.text.length;
    return Math.min(this.starts[pos.line] + Math.max(0, pos.character), this.lineEnd(pos.line));
  }

  /** The line numbers a range touches. */
  lineSpan(range: TextRange): { first: number; last: number } {
    return { first: this.positionAt(range.start).line, last: this.positionAt(range.end).line };
  }
}

/** The line ending a text mostly uses (`\n` when there is none). */
export function dominantEol(text: string): Eol {
  let crlf = 0;
  let lf = 0;
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      if (i > 0 && text.charCodeAt(i - 1) === 13) crlf++;
      else lf++;
    }
  }
  return crlf > lf ? '\r\n' : '\n';
}

/** Length of a leading byte-order mark (0 or 1). */
export function bomLength(text: string): number {
  return text.charCodeAt(0) === 0xfeff ? 1 : 0;
}

/** Trims white space (including full-width spaces) inside a range of `text`. */
export function trimRange(text: string, range: TextRange): TextRange {
  let { start, end } = range;
  while (start < end && isSpace(text.charCodeAt(start))) start++;
  while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
  return { start, end };
}

export function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 0x3000 || c === 0xa0 || c === 0xfeff || c === 0x200b;
}
