/**
 * Term engine benchmark: a synthetic glossary of 10,000 terms (three scripts plus English)
 * against a 1 MB mixed Chinese/English draft. "1 MB" here is 2^20 UTF-16 code units
 * (about 2.5 MB of UTF-8 for this mix), so per-MB figures are per million characters.
 * Durations are CPU time (see timing.ts), except the hover latency, which is wall time.
 */
import { bench } from './framework';
import { keep, measure, measureEach, retainedMb, summarise, timeOnce } from './timing';
import { surfaces, syntheticDraft, syntheticGlossary, rng } from './synthetic';
import { buildTermIndex, findTerms, scanTerms, termAt } from '../../src/core/terms';
import { foldText } from '../../src/core/script/fold';

const TERMS = 10_000;
const MB = 1 << 20;
const REGEXP_SLICE = 50 * 1024;
const HOVER_LINE = 2000;

/** The floor: read every code unit once. */
function charCodeFloor(text: string): number {
  let h = 0;
  for (let i = 0, n = text.length; i < n; i++) h = (h + text.charCodeAt(i)) | 0;
  return h;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

bench('terms', (r) => {
  const glossary = syntheticGlossary(TERMS, 1);
  const draft = syntheticDraft(glossary, MB, 2);
  const input = [{ packId: 'bench', terms: glossary }];
  r.log(`glossary ${glossary.length} terms, draft ${draft.length} units`);

  // Cold: the first build in the process also builds the shared folding tables and runs before
  // the JIT has optimised the builder. Information only; the target applies to the build itself.
  r.record('terms.index_build_cold_ms', timeOnce(() => buildTermIndex(input)), 'ms');
  const build = measure(() => buildTermIndex(input), { runs: 7, warmup: 1 });
  r.record('terms.index_build_ms', build.median, 'ms', '< 300');

  const { value: index, mb } = retainedMb(() => buildTermIndex(input));
  r.record('terms.index_heap_mb', mb, 'MB', '< 30');
  r.record('terms.index_patterns', index.stats.patterns, 'patterns');
  r.record('terms.index_nodes', index.stats.nodes, 'nodes');

  // The scan and the floor run in alternation so that both see the same machine load; the
  // ratio is the median of the per-pair ratios.
  let matches = 0;
  // The matches are dropped after each run (only their count is kept), as a caller that turns
  // them into decorations or counts would; keeping every run's array alive would time the
  // garbage collector promoting it instead.
  const scanOnce = () => { matches = findTerms(index, draft).length; return matches; };
  const floorOnce = () => charCodeFloor(draft);
  for (let k = 0; k < 3; k++) { keep(scanOnce()); keep(floorOnce()); }
  const scanSamples: number[] = [];
  const floorSamples: number[] = [];
  const ratios: number[] = [];
  for (let k = 0; k < 21; k++) {
    const f = timeOnce(floorOnce);
    const t = timeOnce(scanOnce);
    floorSamples.push(f);
    scanSamples.push(t);
    ratios.push(t / f);
  }
  const scanPerMb = (summarise(scanSamples).median * MB) / draft.length;
  const floorPerMb = (summarise(floorSamples).median * MB) / draft.length;
  const raw = measure(() => { let n = 0; scanTerms(index, draft, () => { n++; }); return n; }, { runs: 15, warmup: 3 });
  r.record('terms.matches_per_mb', (matches * MB) / draft.length, 'matches');
  r.record('terms.scan_ms_per_mb', scanPerMb, 'ms', '');
  r.record('terms.scan_raw_ms_per_mb', (raw.median * MB) / draft.length, 'ms', '');
  r.record('terms.charcode_floor_ms_per_mb', floorPerMb, 'ms', '');
  r.record('terms.ratio_vs_floor', summarise(ratios).median, '×', '<= 10');

  // Baseline: one RegExp alternation of every escaped surface, longest first, case-insensitive.
  const alternation = glossary.flatMap(surfaces).sort((a, b) => b.length - a.length).map(escapeRegExp).join('|');
  const slice = draft.slice(0, REGEXP_SLICE);
  const re = new RegExp(alternation, 'gi');
  const regexpRun = () => { let n = 0; re.lastIndex = 0; while (re.exec(slice)) n++; return n; };
  const regexp = measure(regexpRun, { runs: 3, warmup: 1 });
  const regexpPerMb = (regexp.median * MB) / slice.length;
  r.record('terms.regexp_ms_per_mb', regexpPerMb, 'ms', '');
  r.record('terms.speedup_vs_regexp', regexpPerMb / scanPerMb, '×', '>= 100');

  // Hover: termAt at random offsets of a 2,000-character line (no line breaks).
  const line = draft.slice(100_000, 100_000 + HOVER_LINE * 2).replace(/\n/g, '').slice(0, HOVER_LINE);
  const offsets = rng(3);
  const positions = Array.from({ length: 20_000 }, () => offsets.int(line.length));
  const hover = measureEach(positions.length, (i) => termAt(index, line, positions[i]), 500);
  r.record('terms.hover_p99_ms', hover.p99, 'ms', '< 0.5');
  r.record('terms.hover_median_ms', hover.median, 'ms', '');

  // Folding a whole draft (used for filters and headings, not by the matcher).
  const fold = measure(() => foldText(draft), { runs: 5, warmup: 1 });
  r.record('terms.fold_text_ms_per_mb', (fold.median * MB) / draft.length, 'ms', '');
});
