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

/**
 * Composes two rounds of edits: `first` applies to `text`, `second` to the result. Returns edits
 * on `text` with the same outcome: an edit of the second round that touches text the first
 * round wrote takes that first edit into itself; every other edit keeps its own range, so text
 * neither round touched is never part of an edit.
 */
export function composeEdits(text: string, first: readonly TextEdit[], second: readonly TextEdit[]): TextEdit[] {
  const a = [...first].sort((x, y) => x.range.start - y.range.start || x.range.end - y.range.end);
  const mid = applyEdits(text, a);
  // Where each first-round edit's new text lies in the intermediate text.
  const spans: Array<{ q0: number; q1: number; edit: TextEdit; used: boolean }> = [];
  let delta = 0;
  for (const e of a) {
    const q0 = e.range.start + delta;
    spans.push({ q0, q1: q0 + e.newText.length, edit: e, used: false });
    delta += e.newText.length - (e.range.end - e.range.start);
  }
  /** The offset in `text` of an intermediate offset that lies outside the spans a group took in. */
  const toOriginal = (p: number, isEnd: boolean): number => {
    let d = 0;
    for (const s of spans) {
      if (p < s.q0 || (p === s.q0 && !(isEnd && s.used))) return p - d;
      if (p <= s.q1) return s.edit.range.end;
      d += s.edit.newText.length - (s.edit.range.end - s.edit.range.start);
    }
    return p - d;
  };
  // Each second-round edit, widened over the first-round text it touches; overlapping ones merge.
  const groups: Array<{ p0: number; p1: number; edits: TextEdit[] }> = [];
  for (const e of [...second].sort((x, y) => x.range.start - y.range.start || x.range.end - y.range.end)) {
    let p0 = e.range.start;
    let p1 = e.range.end;
    for (const s of spans) {
      const empty = s.edit.range.start === s.edit.range.end || s.q0 === s.q1;
      if ((s.q0 < p1 && p0 < s.q1) || (p0 === p1 && s.q0 < p0 && p0 < s.q1) || (empty && s.q0 <= p1 && p0 <= s.q1)) {
        p0 = Math.min(p0, s.q0);
        p1 = Math.max(p1, s.q1);
        s.used = true;
      }
    }
    const last = groups[groups.length - 1];
    if (last && p0 <= last.p1) {
      last.p1 = Math.max(last.p1, p1);
      last.edits.push(e);
    } else {
      groups.push({ p0, p1, edits: [e] });
    }
  }
  // A merged group may now cover more first-round spans.
  for (const g of groups) {
    for (const s of spans) {
      const empty = s.edit.range.start === s.edit.range.end || s.q0 === s.q1;
      if ((s.q0 < g.p1 && g.p0 < s.q1) || (empty && s.q0 <= g.p1 && g.p0 <= s.q1)) {
        s.used = true;
        g.p0 = Math.min(g.p0, s.q0);
        g.p1 = Math.max(g.p1, s.q1);
      }
    }
  }
  const out: TextEdit[] = spans.filter((s) => !s.used).map((s) => s.edit);
  for (const g of groups) {
    const local = g.edits.map((e) => ({ range: { start: e.range.start - g.p0, end: e.range.end - g.p0 }, newText: e.newText }));
    out.push({ range: { start: toOriginal(g.p0, false), end: toOriginal(g.p1, true) }, newText: applyEdits(mid.slice(g.p0, g.p1), local) });
  }
  return out.sort((x, y) => x.range.start - y.range.start || x.range.end - y.range.end);
}
