/**
 * Glossary candidates that a loaded pack already has. A drafted pack often shares terms with the
 * built-in one (大数据, 物联网, API): written into the new pack, such a term repeats forms the
 * loaded term keeps, so the new term gets a problem per form and, with every form taken, never
 * matches. The review shows these candidates with the pack that has them and does not select
 * them; the top ones selected (and the command line's `--terms N`) are the new ones.
 */
import type { ReportPack } from '../../pack/types';
import { buildTermIndex, findTerms } from '../../terms';
import type { TermCandidate } from './terms';

/** The loaded term that already has a candidate's form. */
export interface KnownTerm {
  packId: string;
  termId: string;
  /** The candidate's form that the loaded term has. */
  form: string;
}

/** A candidate's forms: both scripts, English and its abbreviations, each once. */
function formsOf(c: TermCandidate): string[] {
  const all = [c.surface, c.forms['zh-Hans'], c.forms['zh-Hant'], c.forms.en ?? '', ...c.abbreviations];
  return all.filter((f, i) => f.trim() !== '' && all.indexOf(f) === i);
}

/**
 * For each candidate (by its surface) one of whose forms is a whole form of a term of `packs` (the loaded packs other
 * than the one being drafted), under the term engine's own folding (script, width, case): that term.
 */
export function knownCandidates(
  candidates: readonly TermCandidate[],
  packs: ReadonlyArray<Pick<ReportPack, 'id' | 'glossary'>>,
): Map<string, KnownTerm> {
  const known = new Map<string, KnownTerm>();
  const index = buildTermIndex(packs.map((p) => ({ packId: p.id, terms: p.glossary })));
  if (index.patterns.length === 0) return known;
  for (const c of candidates) {
    for (const form of formsOf(c)) {
      const whole = findTerms(index, form).find((m) => m.start === 0 && m.end === form.length);
      if (whole) {
        known.set(c.surface, { packId: whole.packId, termId: whole.termId, form });
        break;
      }
    }
  }
  return known;
}

/** The surfaces of the top `n` candidates no loaded pack has, in rank order. */
export function topNewCandidates(candidates: readonly TermCandidate[], known: ReadonlyMap<string, KnownTerm>, n: number): string[] {
  const out: string[] = [];
  for (const c of candidates) {
    if (out.length >= n) break;
    if (!known.has(c.surface)) out.push(c.surface);
  }
  return out;
}
