/**
 * Taxonomy view benchmark: a synthetic pack of 5,000 terms (20 categories × 25 topics × 10
 * terms, a 100-section outline) over a 2 MB report, measured through the core functions the
 * tree provider calls: the root's children with their labels, expanding any node (children,
 * labels and collapsible state of each child), and recounting a 200 KB draft's coverage once
 * the term index is built. "MB" is 2^20 UTF-16 code units.
 */
import { bench } from './framework';
import { keep, measure, summarise } from './timing';
import { syntheticDraft, syntheticGlossary } from './synthetic';
import type { GlossaryTerm, OutlineSection, ReportPack } from '../../src/core/pack/types';
import type { ParsedReport, Passage, ReportSection } from '../../src/core/report/model';
import { buildTermIndex, findTerms, type TermMatch } from '../../src/core/terms';
import {
  TaxonomyTree,
  countCoverage,
  coverageChange,
  filterTaxonomy,
  nodeText,
  prepareFilter,
  rollUp,
  visibleChildren,
  warmFilter,
  type CoverageRollup,
  type TaxonomyNode,
} from '../../src/core/taxonomy';

const TERMS = 5000;
const CATEGORIES = 20;
const TOPICS_PER_CATEGORY = 25;
const MB = 1 << 20;
const REPORT = 2 * MB;
const DRAFT = 200 * 1024;
const PASSAGE = 400;
const PARTS = 10;
const SECTIONS_PER_PART = 10;
const FIXED = { outline: 'Report outline', otherTerms: 'Other terms' };

const L = (en: string, hans: string, hant = hans) => ({ en, 'zh-Hans': hans, 'zh-Hant': hant });

function syntheticPack(glossary: GlossaryTerm[]): ReportPack {
  const perTopic = Math.ceil(glossary.length / (CATEGORIES * TOPICS_PER_CATEGORY));
  const taxonomy = [];
  let k = 0;
  for (let c = 0; c < CATEGORIES; c++) {
    const topics = [];
    for (let t = 0; t < TOPICS_PER_CATEGORY; t++) {
      const terms: string[] = [];
      for (let i = 0; i < perTopic && k < glossary.length; i++, k++) {
        glossary[k].category = `cat-${c}`;
        glossary[k].sections = [`${1 + (k % PARTS)}.${1 + (k % SECTIONS_PER_PART)}`];
        terms.push(glossary[k].id);
      }
      topics.push({ id: `topic-${c}-${t}`, label: L(`Topic ${c}.${t}`, `主题${c}.${t}`, `主題${c}.${t}`), terms, sections: [`${1 + (t % PARTS)}.1`] });
    }
    taxonomy.push({ id: `cat-${c}`, label: L(`Category ${c}`, `类别${c}`, `類別${c}`), topics });
  }
  const outline: OutlineSection[] = [];
  for (let p = 1; p <= PARTS; p++) {
    const children: OutlineSection[] = [];
    for (let s = 1; s <= SECTIONS_PER_PART; s++) children.push({ id: `${p}.${s}`, number: `${p}.${s}`, title: `第${p}部分第${s}節`, titles: L(`Part ${p} section ${s}`, `第${p}部分第${s}节`), level: 2 });
    outline.push({ id: String(p), number: String(p), title: `第${p}部分`, titles: L(`Part ${p}`, `第${p}部分`), level: 1, children });
  }
  return {
    id: 'bench',
    version: '1',
    name: L('Bench pack', '基准包', '基準包'),
    reportScript: 'zh-Hant',
    reference: { id: 'bench2026', type: 'report', title: 'Bench report' },
    outline,
    taxonomy,
    glossary,
  };
}

/** A parsed report over `text`: passages of PASSAGE units, grouped into the outline's leaf sections. */
function syntheticParsed(text: string): ParsedReport {
  const sections: ReportSection[] = [];
  const passages: Passage[] = [];
  const leaves = PARTS * SECTIONS_PER_PART;
  const count = Math.ceil(text.length / PASSAGE);
  const perSection = Math.ceil(count / leaves);
  for (let p = 1; p <= PARTS; p++) {
    const part: ReportSection = { id: String(p), number: String(p), title: `第${p}部分`, level: 1, kind: 'part', range: { start: 0, end: 0 }, childIds: [], passageIds: [] };
    sections.push(part);
    for (let s = 1; s <= SECTIONS_PER_PART; s++) {
      const sec: ReportSection = { id: `${p}.${s}`, number: `${p}.${s}`, title: `第${p}部分第${s}節`, level: 2, kind: 'section', range: { start: 0, end: 0 }, parentId: part.id, childIds: [], passageIds: [] };
      part.childIds.push(sec.id);
      sections.push(sec);
      const first = ((p - 1) * SECTIONS_PER_PART + (s - 1)) * perSection;
      for (let i = 0; i < perSection && first + i < count; i++) {
        const start = (first + i) * PASSAGE;
        const pas: Passage = { id: `${sec.id}#${i + 1}`, sectionId: sec.id, ordinal: i + 1, range: { start, end: Math.min(text.length, start + PASSAGE - 1) } };
        passages.push(pas);
        sec.passageIds.push(pas.id);
      }
    }
  }
  return { format: 'plaintext', sections, passages, residue: [] };
}

/** What expanding a node costs the provider: its children, and each child's label, state and coverage. */
function expand(tree: TaxonomyTree, node: TaxonomyNode | undefined, rollup: CoverageRollup | undefined): number {
  let n = 0;
  for (const child of visibleChildren(tree, node, rollup, false)) {
    const text = nodeText(tree, child, 'zh-Hans', FIXED);
    const has = child.kind !== 'passage' && tree.hasChildren(child);
    const c = rollup?.get(child);
    n += text.label.length + (has ? 1 : 0) + (c?.count ?? 0);
  }
  return n;
}

bench('taxonomy', (r) => {
  const glossary = syntheticGlossary(TERMS, 11);
  const pack = syntheticPack(glossary);
  const report = syntheticDraft(glossary, REPORT, 12, 60);
  const draft = syntheticDraft(glossary, DRAFT, 13, 40);
  const parsed = syntheticParsed(report);
  const sections = new Map(parsed.sections.map((s) => [s.id, s.id]));
  const index = buildTermIndex([{ packId: pack.id, terms: pack.glossary }]);
  const t0 = performance.now();
  const reportMatches: TermMatch[] = findTerms(index, report);
  r.record('taxonomy.report_scan_cold_ms', performance.now() - t0, 'ms');
  r.log(`${glossary.length} terms, report ${report.length} units (${parsed.passages.length} passages, ${reportMatches.length} term occurrences), draft ${draft.length} units`);

  const inputs = [{ pack, report: { text: report, parsed, sections, matches: () => reportMatches } }];
  const build = measure(() => new TaxonomyTree(inputs), { runs: 9, warmup: 2 });
  r.record('taxonomy.build_ms', build.median, 'ms', '< 100');
  const indexTime = measure(() => new TaxonomyTree(inputs).prepare(), { runs: 7, warmup: 1 });
  r.record('taxonomy.build_and_passage_index_ms', indexTime.median, 'ms', '< 200');

  const counts = countCoverage(findTerms(index, draft));
  // Root children with labels, on a fresh tree each time (nothing cached).
  const rootSamples: number[] = [];
  for (let i = 0; i < 15; i++) {
    const tree = new TaxonomyTree(inputs);
    tree.prepare();
    const rollup = rollUp(tree, counts);
    const s = performance.now();
    keep(expand(tree, undefined, rollup));
    rootSamples.push(performance.now() - s);
  }
  r.record('taxonomy.root_children_ms', summarise(rootSamples).median, 'ms', '< 50');

  // Expanding each kind of node, first time (fresh tree, passage index built as the host does after a rebuild).
  const probe = new TaxonomyTree(inputs);
  probe.prepare();
  const topics = [...probe.structuralNodes()].filter((n) => n.kind === 'topic');
  const terms = [...probe.structuralNodes()].filter((n) => n.kind === 'term');
  const busiestTopic = topics.reduce((a, b) => (probe.children(b).length > probe.children(a).length ? b : a));
  const busiestTerm = terms.reduce((a, b) => (probe.termPassages(b.packId, b.termId!).length > probe.termPassages(a.packId, a.termId!).length ? b : a));
  const targets: Array<[string, (t: TaxonomyTree) => TaxonomyNode]> = [
    ['category', (t) => t.roots()[0]],
    ['topic', (t) => t.get(busiestTopic.id)!],
    ['term', (t) => t.get(busiestTerm.id)!],
    ['outline', (t) => t.roots().find((n) => n.kind === 'outline')!],
    ['section', (t) => t.sectionNode('bench', '5.5')!],
  ];
  r.log(`busiest topic: ${probe.children(busiestTopic).length} children; busiest term: ${probe.termPassages(busiestTerm.packId, busiestTerm.termId!).length} passages`);
  let worst = 0;
  for (const [kind, pick] of targets) {
    const samples: number[] = [];
    for (let i = 0; i < 9; i++) {
      const tree = new TaxonomyTree(inputs);
      tree.prepare();
      const rollup = rollUp(tree, counts);
      const node = pick(tree);
      const s = performance.now();
      keep(expand(tree, node, rollup));
      samples.push(performance.now() - s);
    }
    const median = summarise(samples).median;
    worst = Math.max(worst, median);
    r.record(`taxonomy.expand_${kind}_ms`, median, 'ms', '< 50');
  }
  r.record('taxonomy.expand_worst_ms', worst, 'ms', '< 50');

  // Coverage recount of a 200 KB draft after an edit: scan, count, roll up, diff against the previous counts.
  const tree = new TaxonomyTree(inputs);
  let previous = rollUp(tree, counts);
  const edited = [draft, draft.slice(0, DRAFT / 2) + glossary[7].forms['zh-Hans'] + draft.slice(DRAFT / 2)];
  let k = 0;
  const recount = measure(() => {
    const text = edited[k++ % 2];
    const next = rollUp(tree, countCoverage(findTerms(index, text)));
    const change = coverageChange(tree, previous, next);
    previous = next;
    return change.nodes.length;
  }, { runs: 15, warmup: 3 });
  r.record('taxonomy.coverage_recount_200kb_ms', recount.median, 'ms', '< 30');
  r.record('taxonomy.coverage_recount_200kb_max_ms', recount.max, 'ms');

  // Filter Taxonomy: entries prepared once per tree and script (in the background after a rebuild),
  // their pinyin read ahead in steps of 150 entries between other work (each step must stay short),
  // then one query per keystroke.
  const t1 = performance.now();
  keep(prepareFilter(tree, 'zh-Hans', FIXED));
  r.record('taxonomy.filter_prepare_cold_ms', performance.now() - t1, 'ms');
  const prep = measure(() => prepareFilter(tree, 'zh-Hans', FIXED), { runs: 7, warmup: 1 });
  r.record('taxonomy.filter_prepare_ms', prep.median, 'ms', '< 250');
  const prepared = prepareFilter(tree, 'zh-Hans', FIXED);
  const steps: number[] = [];
  for (let done = false; !done;) {
    const s = performance.now();
    done = warmFilter(prepared, 150);
    steps.push(performance.now() - s);
  }
  const warm = summarise(steps);
  r.record('taxonomy.filter_pinyin_total_ms', steps.reduce((x, y) => x + y, 0), 'ms');
  r.record('taxonomy.filter_pinyin_step_ms', warm.median, 'ms', '< 50');
  const queries = ['ka', 'kalo', glossary[42].forms['zh-Hans'].slice(0, 2), 'topic 3', glossary[99].forms.en.slice(0, 5), 'zhuti'];
  let q = 0;
  const keystroke = measure(() => filterTaxonomy(prepared, queries[q++ % queries.length], 300), { runs: 18, warmup: 6 });
  r.record('taxonomy.filter_query_ms', keystroke.median, 'ms', '< 50');
});
