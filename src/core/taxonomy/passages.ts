/**
 * Which report passages mention which terms: built once per bound report from the term
 * engine's matches, then read by the tree for the passages under topics and terms.
 * Pure: no host APIs.
 */
import type { Passage } from '../report/model';
import type { TermHit } from './types';

/** The first occurrence of a term in one passage. */
export interface PassageHit {
  /** Index of the passage in `ParsedReport.passages`. */
  passage: number;
  start: number;
  end: number;
}

export interface PassageIndex {
  /** Term id → the passages that mention it, in document order, each with its first occurrence there. */
  readonly byTerm: ReadonlyMap<string, readonly PassageHit[]>;
  /** Number of term occurrences that fell inside a passage. */
  readonly hits: number;
}

/** Index of the passage containing `offset`, or -1 (headings and residue lie outside passages). */
export function passageIndexAt(passages: readonly Passage[], offset: number, hint = 0): number {
  // Matches come in document order, so the previous answer (or the next passage) usually holds.
  for (let i = Math.max(0, hint), k = 0; i < passages.length && k < 2; i++, k++) {
    const r = passages[i].range;
    if (offset < r.start) break;
    if (offset < r.end) return i;
  }
  let lo = 0;
  let hi = passages.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const r = passages[mid].range;
    if (offset < r.start) hi = mid - 1;
    else if (offset >= r.end) lo = mid + 1;
    else return mid;
  }
  return -1;
}

/** Groups a pack's term occurrences in the report by term and passage. Occurrences of other packs are ignored. */
export function indexPassages(passages: readonly Passage[], matches: readonly TermHit[], packId: string): PassageIndex {
  const byTerm = new Map<string, PassageHit[]>();
  let hint = 0;
  let hits = 0;
  for (const m of matches) {
    if (m.packId !== packId) continue;
    const p = passageIndexAt(passages, m.start, hint);
    if (p < 0) continue;
    hint = p;
    hits++;
    let list = byTerm.get(m.termId);
    if (!list) byTerm.set(m.termId, (list = []));
    const last = list[list.length - 1];
    if (last && last.passage === p) {
      if (m.start < last.start) {
        last.start = m.start;
        last.end = m.end;
      }
      continue;
    }
    list.push({ passage: p, start: m.start, end: m.end });
  }
  // Unsorted input (not what the term engine gives) still yields lists in document order.
  for (const list of byTerm.values()) {
    for (let i = 1; i < list.length; i++) {
      if (list[i].passage <= list[i - 1].passage) {
        list.sort((a, b) => a.passage - b.passage || a.start - b.start);
        const dedup = list.filter((h, k) => k === 0 || h.passage !== list[k - 1].passage);
        list.length = 0;
        list.push(...dedup);
        break;
      }
    }
  }
  return { byTerm, hits };
}

/** The passages mentioning any of `termIds`, in document order, each with its earliest occurrence of one of them. */
export function mergePassages(index: PassageIndex, termIds: readonly string[]): PassageHit[] {
  const lists = termIds.map((t) => index.byTerm.get(t)).filter((l): l is readonly PassageHit[] => !!l && l.length > 0);
  if (lists.length === 0) return [];
  if (lists.length === 1) return lists[0].slice();
  const all = lists.flat().sort((a, b) => a.passage - b.passage || a.start - b.start);
  const out: PassageHit[] = [];
  for (const h of all) if (out.length === 0 || out[out.length - 1].passage !== h.passage) out.push(h);
  return out;
}
