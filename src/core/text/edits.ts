import type { TextEdit } from './types';

/**
 * Applies edits, given in offsets of the original text, to that text. Edits may come in any
 * order; two insertions at one offset keep their given order. Overlapping edits throw.
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.range.start - b.range.start || a.range.end - b.range.end);
  let out = '';
  let at = 0;
  for (const e of sorted) {
    if (e.range.start < at) throw new Error('Overlapping edits.');
    out += text.slice(at, e.range.start) + e.newText;
    at = e.range.end;
  }
  return out + text.slice(at);
}
