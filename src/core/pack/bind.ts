/**
 * Binding a pack's outline to a report file in the workspace: each outline section is
 * matched to a parsed section by title, tolerating Simplified/Traditional differences,
 * full- and half-width punctuation, spacing and numbering.
 */
import type { OutlineSection, ReportPack } from './types';
import type { ParsedReport, ReportSection } from '../report/model';
import { kindFromTitle, splitHeadingNumber } from '../report/assemble';
import { foldText } from '../script/fold';
import { stripPunctuation } from '../text/chars';
import { flattenOutline } from '../text/outline';

export interface Binding {
  /** Outline section id → parsed report section id. */
  sections: Map<string, string>;
  /** Share of the outline's sections that found a match, 0..1. */
  score: number;
  /** Outline section ids that found no match. */
  unmatched: string[];
}

/** A title reduced to what identifies it: folded script and width, no numbering, spaces or punctuation. */
export function normalizeTitle(title: string): string {
  const { title: bare } = splitHeadingNumber(foldText(title).trim());
  return stripPunctuation(bare);
}

function bigrams(s: string): Map<string, number> {
  const m = new Map<string, number>();
  const chars = Array.from(s);
  for (let i = 0; i + 1 < chars.length; i++) {
    const g = chars[i] + chars[i + 1];
    m.set(g, (m.get(g) ?? 0) + 1);
  }
  return m;
}

/** Dice similarity of two normalised titles, 0..1. */
export function titleSimilarity(a: string, b: string): number {
  return similarity(a, b, bigrams(a), bigrams(b));
}

function similarity(a: string, b: string, ga: Map<string, number>, gb: Map<string, number>): number {
  if (a === b) return a.length ? 1 : 0;
  if (!a || !b) return 0;
  if (a.length >= 4 && b.length >= 4 && (a.includes(b) || b.includes(a))) return 0.9;
  let common = 0;
  let total = 0;
  for (const [g, n] of ga) {
    common += Math.min(n, gb.get(g) ?? 0);
    total += n;
  }
  for (const n of gb.values()) total += n;
  return total ? (2 * common) / total : 0;
}


function outlineKind(s: OutlineSection): 'intro' | 'conclusion' | undefined {
  if (s.id === 'intro' || s.id === 'conclusion') return s.id;
  const k = kindFromTitle(s.title);
  return k === 'intro' || k === 'conclusion' ? k : undefined;
}

const THRESHOLD = 0.75;

export function bindOutline(pack: Pick<ReportPack, 'outline'>, report: ParsedReport): Binding {
  const outline = flattenOutline(pack.outline);
  const sections = new Map<string, string>();
  const unmatched: string[] = [];
  const taken = new Set<string>();
  const normalized = new Map<ReportSection, string>();
  const exact = new Map<string, ReportSection[]>();
  for (const s of report.sections) {
    const n = normalizeTitle(s.title);
    normalized.set(s, n);
    if (!n) continue;
    const list = exact.get(n);
    if (list) list.push(s);
    else exact.set(n, [s]);
  }
  const grams = new Map<ReportSection, Map<string, number>>();
  const gramsOf = (s: ReportSection): Map<string, number> => {
    let g = grams.get(s);
    if (!g) grams.set(s, (g = bigrams(normalized.get(s)!)));
    return g;
  };

  for (const o of outline) {
    const kind = outlineKind(o);
    const want = normalizeTitle(o.title);
    let best: ReportSection | undefined;
    let bestScore = 0;
    // Fast path: an untaken section with the same normalised title (the same number breaks ties).
    const same = kind ? undefined : exact.get(want)?.filter((s) => !taken.has(s.id));
    if (same?.length) {
      best = same.find((s) => o.number && s.number === o.number) ?? same[0];
      bestScore = 1;
    } else {
      const wantGrams = bigrams(want);
      for (const s of report.sections) {
        if (taken.has(s.id)) continue;
        let score: number;
        if (kind && s.kind === kind) score = 1;
        else if (kind || !s.title) continue;
        else {
          score = similarity(want, normalized.get(s)!, wantGrams, gramsOf(s));
          if (score > 0 && o.number && s.number === o.number) score += 0.05; // numbering breaks ties
        }
        if (score > bestScore) {
          best = s;
          bestScore = score;
        }
      }
    }
    if (best && bestScore >= THRESHOLD) {
      sections.set(o.id, best.id);
      taken.add(best.id);
    } else {
      unmatched.push(o.id);
    }
  }
  return { sections, score: outline.length ? sections.size / outline.length : 0, unmatched };
}
