import * as assert from 'node:assert/strict';
import { loadPack } from '../../src/core/pack/load';
import { bindOutline } from '../../src/core/pack/bind';
import type { GlossaryTerm, OutlineSection, ReportPack } from '../../src/core/pack/types';
import { parseReport } from '../../src/core/report';
import { buildTermIndex, findTerms, type TermIndex } from '../../src/core/terms';
import {
  TaxonomyTree,
  countCoverage,
  coverageChange,
  filterTaxonomy,
  nodeText,
  prepareFilter,
  rollUp,
  snippet,
  visibleChildren,
  indexPassages,
  mergePassages,
  warmFilter,
  type TaxonomyNode,
  type TaxonomyPackInput,
} from '../../src/core/taxonomy';
import { repoFile } from './helpers/fixtures';

const FIXED = { outline: 'Report outline', otherTerms: 'Other terms' };

let pack: ReportPack;
let reportText: string;
let index: TermIndex;

function input(withReport: boolean, p: ReportPack = pack): TaxonomyPackInput {
  if (!withReport) return { pack: p };
  const parsed = parseReport(reportText, { fileName: 'report.txt' });
  const binding = bindOutline(p, parsed);
  let calls = 0;
  return {
    pack: p,
    report: {
      text: reportText,
      parsed,
      sections: binding.sections,
      matches: () => {
        calls++;
        assert.equal(calls, 1, 'report matches are computed once');
        return findTerms(index, reportText);
      },
    },
  };
}

function find(tree: TaxonomyTree, id: string): TaxonomyNode {
  const n = tree.get(id);
  assert.ok(n, `node ${id}`);
  return n;
}

before(() => {
  const loaded = loadPack(repoFile('media', 'packs', 'fintech-2026', 'pack.json'));
  assert.ok(loaded.pack);
  pack = loaded.pack;
  reportText = repoFile('test', 'fixtures', 'workspace', 'report.txt');
  index = buildTermIndex([{ packId: pack.id, terms: pack.glossary }]);
});

describe('taxonomy tree: structure', () => {
  it('shows the seven categories and the outline at the root of a single pack, without a pack node', () => {
    const tree = new TaxonomyTree([input(true)]);
    const roots = tree.roots();
    assert.deepEqual(roots.map((n) => n.kind), ['category', 'category', 'category', 'category', 'category', 'category', 'category', 'outline']);
    assert.deepEqual(roots.slice(0, 7).map((n) => n.categoryId), ['technologies', 'business-areas', 'participants', 'regions', 'regulation', 'trends', 'pain-points']);
    assert.ok(roots.every((n) => n.parent === undefined));
    assert.deepEqual(tree.problems, []);
  });

  it('adds pack nodes only when several packs are loaded', () => {
    const other: ReportPack = { ...pack, id: 'other-pack', outline: [] };
    const tree = new TaxonomyTree([input(false), { pack: other }]);
    const roots = tree.roots();
    assert.deepEqual(roots.map((n) => [n.kind, n.packId]), [['pack', 'fintech-2026'], ['pack', 'other-pack']]);
    const cats = tree.children(roots[0]);
    assert.equal(cats.filter((c) => c.kind === 'category').length, 7);
    assert.ok(cats.every((c) => c.parent === roots[0]));
    // The second pack has no outline, so no outline branch.
    assert.ok(!tree.children(roots[1]).some((c) => c.kind === 'outline'));
  });

  it('gives the same ids on every build, and every node a parent link its parent agrees with', () => {
    const a = new TaxonomyTree([input(true)]);
    const b = new TaxonomyTree([input(true)]);
    const ids = (t: TaxonomyTree) => [...t.structuralNodes()].map((n) => n.id);
    assert.deepEqual(ids(a), ids(b));
    assert.equal(new Set(ids(a)).size, ids(a).length, 'ids are unique');
    for (const n of a.structuralNodes()) {
      const siblings = n.parent ? a.children(n.parent) : a.roots();
      assert.ok(siblings.includes(n), `${n.id} is among its parent's children`);
      assert.equal(a.get(n.id), n);
    }
    // Passages too.
    const topic = find(a, 'p:fintech-2026/c:regulation/t:regtech-tools');
    for (const c of a.children(topic)) assert.equal(c.parent, topic);
  });

  it('lists a term once per topic it sits under; reveal uses the first', () => {
    const tree = new TaxonomyTree([input(false)]);
    const nodes = tree.termNodes('fintech-2026', 'large-model');
    assert.deepEqual(nodes.map((n) => n.parent?.topicId), ['ai-and-large-models', 'vertical-models']);
    assert.notEqual(nodes[0].id, nodes[1].id);
    // Walking parents reaches a root.
    let n: TaxonomyNode | undefined = nodes[0];
    const path: string[] = [];
    for (; n; n = n.parent) path.unshift(n.kind);
    assert.deepEqual(path, ['category', 'topic', 'term']);
  });

  it('nests the outline branch and finds sections by id', () => {
    const tree = new TaxonomyTree([input(false)]);
    const outline = tree.roots().find((n) => n.kind === 'outline')!;
    assert.deepEqual(tree.children(outline).map((n) => n.sectionId), ['intro', '1', '2', 'conclusion']);
    const part1 = tree.sectionNode('fintech-2026', '1')!;
    assert.deepEqual(tree.children(part1).map((n) => n.sectionId), ['1.1', '1.2', '1.3']);
    assert.equal(tree.sectionNode('fintech-2026', '1.3')!.parent, part1);
  });
});

describe('taxonomy tree: passages from the term engine', () => {
  it('lists under RegTech the passages of the regulation section that mention it', () => {
    const tree = new TaxonomyTree([input(true)]);
    const topic = find(tree, 'p:fintech-2026/c:regulation/t:regtech-tools');
    const kids = tree.children(topic);
    assert.deepEqual(kids.filter((k) => k.kind === 'term').map((k) => k.termId), ['regtech', 'compliance-technology']);
    const passages = kids.filter((k) => k.kind === 'passage');
    assert.deepEqual(passages.map((p) => `${p.sectionId}#${p.passage!.ordinal}`), ['1.3#1', '2.3#1']);
    const p13 = passages[0].passage!;
    // The hit is a real occurrence of the term inside the passage.
    assert.match(reportText.slice(p13.hit!.start, p13.hit!.end), /^(監管科技|RegTech)$/);
    assert.ok(p13.hit!.start >= p13.range.start && p13.hit!.end <= p13.range.end);
  });

  it('lists under a term only the passages that mention it, in document order', () => {
    const tree = new TaxonomyTree([input(true)]);
    const term = tree.termNodes('fintech-2026', 'regulatory-sandbox')[0];
    const kids = tree.children(term);
    assert.ok(kids.length >= 1);
    for (const k of kids) {
      assert.equal(k.kind, 'passage');
      const text = reportText.slice(k.passage!.range.start, k.passage!.range.end);
      assert.match(text, /監管沙盒|沙盒監管/);
    }
    const idx = kids.map((k) => k.passage!.index);
    assert.deepEqual(idx, [...idx].sort((a, b) => a - b));
    assert.ok(tree.hasChildren(term));
  });

  it('gives outline sections their passages when the report is bound', () => {
    const tree = new TaxonomyTree([input(true)]);
    const s13 = tree.sectionNode('fintech-2026', '1.3')!;
    const kids = tree.children(s13);
    assert.equal(kids.length, 2);
    assert.deepEqual(kids.map((k) => [k.kind, k.sectionId, k.passage!.ordinal]), [['passage', '1.3', 1], ['passage', '1.3', 2]]);
    assert.equal(kids[0].passage!.hit, undefined);
  });

  it('replaces passages with section references when no report is bound', () => {
    const tree = new TaxonomyTree([input(false)]);
    const term = tree.termNodes('fintech-2026', 'regtech')[0];
    const kids = tree.children(term);
    assert.deepEqual(kids.map((k) => [k.kind, k.sectionId, k.ref]), [['section', '1.3', true], ['section', '2.3', true]]);
    const topic = find(tree, 'p:fintech-2026/c:regulation/t:regtech-tools');
    assert.deepEqual(tree.children(topic).filter((k) => k.kind === 'section').map((k) => k.sectionId), ['1.3', '2.3']);
    assert.deepEqual(tree.children(tree.sectionNode('fintech-2026', '1.3')!), []);
    assert.equal(tree.hasChildren(tree.sectionNode('fintech-2026', '1.3')!), false);
  });

  it('indexes passages: first occurrence per passage, other packs ignored, unsorted input tolerated', () => {
    const passages = [
      { id: 'a#1', sectionId: 'a', ordinal: 1, range: { start: 0, end: 10 } },
      { id: 'a#2', sectionId: 'a', ordinal: 2, range: { start: 12, end: 20 } },
    ];
    const idx = indexPassages(passages, [
      { start: 14, end: 16, packId: 'p', termId: 'x' },
      { start: 3, end: 5, packId: 'p', termId: 'x' },
      { start: 1, end: 2, packId: 'p', termId: 'x' },
      { start: 10, end: 11, packId: 'p', termId: 'x' }, // between passages
      { start: 4, end: 5, packId: 'q', termId: 'x' },
      { start: 13, end: 14, packId: 'p', termId: 'y' },
    ], 'p');
    assert.deepEqual(idx.byTerm.get('x'), [{ passage: 0, start: 1, end: 2 }, { passage: 1, start: 14, end: 16 }]);
    assert.deepEqual(mergePassages(idx, ['x', 'y']), [{ passage: 0, start: 1, end: 2 }, { passage: 1, start: 13, end: 14 }]);
    assert.equal(idx.hits, 4);
  });
});

describe('taxonomy labels', () => {
  it('labels a term in the display script with the other forms in the description', () => {
    const tree = new TaxonomyTree([input(false)]);
    const term = tree.termNodes('fintech-2026', 'regtech')[0];
    assert.deepEqual(
      [nodeText(tree, term, 'zh-Hans', FIXED).label, nodeText(tree, term, 'zh-Hans', FIXED).description],
      ['监管科技', '監管科技 · RegTech'],
    );
    assert.equal(nodeText(tree, term, 'zh-Hant', FIXED).label, '監管科技');
    const en = nodeText(tree, term, 'en', FIXED);
    assert.equal(en.label, 'RegTech');
    assert.equal(en.description, '监管科技 · 監管科技');
    assert.match(en.tooltip!, /regulators/);
  });

  it('labels categories, topics and sections per script', () => {
    const tree = new TaxonomyTree([input(false)]);
    const cat = find(tree, 'p:fintech-2026/c:regulation');
    assert.equal(nodeText(tree, cat, 'en', FIXED).label, 'Regulation and compliance');
    assert.equal(nodeText(tree, cat, 'zh-Hant', FIXED).label, '監管與合規');
    assert.equal(nodeText(tree, cat, 'zh-Hans', FIXED).description, '監管與合規 · Regulation and compliance');
    const s = tree.sectionNode('fintech-2026', '1.3')!;
    assert.match(nodeText(tree, s, 'en', FIXED).label, /^1\.3 Regulation and compliance/);
    assert.match(nodeText(tree, s, 'zh-Hant', FIXED).label, /^1\.3 監管與合規/);
    assert.equal(nodeText(tree, tree.roots().find((n) => n.kind === 'outline')!, 'en', FIXED).label, 'Report outline');
  });

  it('shows a passage as a snippet around the term, highlighted, with its place in the description', () => {
    const tree = new TaxonomyTree([input(true)]);
    const p = tree.children(tree.termNodes('fintech-2026', 'regtech')[0])[0];
    const t = nodeText(tree, p, 'en', FIXED);
    const [a, b] = t.highlights![0];
    assert.match(t.label.slice(a, b), /^(監管科技|RegTech)$/);
    assert.equal(t.description, '§1.3 ¶1');
    assert.ok(t.label.length <= 52);
  });

  it('cuts snippets at passage bounds without splitting surrogate pairs', () => {
    const text = 'xx前言𠀀𠀀𠀀 RegTech 後面還有很多很多很多很多的文字,一直延續到段落的最後。yy';
    const range = { start: 2, end: text.length - 2 };
    const hit = { start: text.indexOf('RegTech'), end: text.indexOf('RegTech') + 7 };
    const s = snippet(text, range, hit, 20, 4);
    assert.equal(s.text.slice(s.highlight![0], s.highlight![1]), 'RegTech');
    assert.ok(s.text.startsWith('…'));
    assert.ok(s.text.endsWith('…'));
    assert.ok(!/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s.text), 'no lone surrogate');
    const whole = snippet('ab\ncd', { start: 0, end: 5 });
    assert.equal(whole.text, 'ab cd');
  });
});

describe('taxonomy coverage', () => {
  const draftOf = (text: string) => countCoverage(findTerms(index, text));

  it('counts every form of a term and rolls the counts up to topics and categories', () => {
    const tree = new TaxonomyTree([input(false)]);
    const counts = draftOf('RegTech 与监管科技，以及監管科技。还有监管沙盒。');
    const r = rollUp(tree, counts);
    const term = tree.termNodes('fintech-2026', 'regtech')[0];
    assert.equal(r.get(term)!.count, 3);
    const topic = find(tree, 'p:fintech-2026/c:regulation/t:regtech-tools');
    assert.deepEqual(r.get(topic), { count: 3, terms: 2, uncovered: 1 });
    const cat = find(tree, 'p:fintech-2026/c:regulation');
    assert.equal(r.get(cat)!.count, 4);
    assert.equal(r.covered(cat), true);
    assert.equal(r.covered(find(tree, 'p:fintech-2026/c:regions')), false);
    assert.equal(r.get(tree.roots().find((n) => n.kind === 'outline')!), undefined);
  });

  it('counts a term shared by two topics in both, once per category', () => {
    const tree = new TaxonomyTree([input(false)]);
    const r = rollUp(tree, draftOf('大模型'));
    const [a, b] = tree.termNodes('fintech-2026', 'large-model');
    assert.equal(r.get(a.parent!)!.count, 1);
    assert.equal(r.get(b.parent!)!.count, 1);
    assert.equal(r.get(a.parent!.parent!)!.count, 1);
  });

  it('filters to what the draft does not cover', () => {
    const tree = new TaxonomyTree([input(true)]);
    const r = rollUp(tree, draftOf('监管科技 合规科技 监管沙盒'));
    const roots = visibleChildren(tree, undefined, r, true);
    assert.ok(!roots.some((n) => n.kind === 'outline'), 'the outline has no coverage and is hidden');
    assert.equal(roots.length, 7, 'every category still has an uncovered term');
    const cat = find(tree, 'p:fintech-2026/c:regulation');
    const topics = visibleChildren(tree, cat, r, true).map((n) => n.topicId);
    assert.ok(!topics.includes('regtech-tools'), 'fully covered topic is hidden');
    assert.ok(!topics.includes('sandboxes'));
    assert.ok(topics.includes('data-sharing'));
    // Passages stay under an uncovered term.
    const term = tree.termNodes('fintech-2026', 'data-sharing-platform')[0];
    assert.deepEqual(visibleChildren(tree, term, r, true), tree.children(term));
    // Without the filter, everything.
    assert.equal(visibleChildren(tree, undefined, r, false).length, 8);
  });

  it('reports exactly the nodes whose counts change after an edit', () => {
    const tree = new TaxonomyTree([input(false)]);
    const before = rollUp(tree, draftOf('区块链正在普及。'));
    const after = rollUp(tree, draftOf('区块链正在普及。监管科技也是。'));
    const change = coverageChange(tree, before, after);
    const ids = change.nodes.map((n) => n.id).sort();
    assert.deepEqual(ids, [
      'p:fintech-2026/c:regulation',
      'p:fintech-2026/c:regulation/t:regtech-tools',
      'p:fintech-2026/c:regulation/t:regtech-tools/k:regtech',
    ]);
    assert.equal(change.visibilityChanged, true);
    const same = coverageChange(tree, after, rollUp(tree, draftOf('监管科技也是。区块链正在普及。')));
    assert.deepEqual(same.nodes, []);
    const more = coverageChange(tree, after, rollUp(tree, draftOf('区块链正在普及。监管科技也是。RegTech!')));
    assert.equal(more.visibilityChanged, false, 'a count going from 1 to 2 shows and hides nothing');
    assert.ok(coverageChange(tree, undefined, after).nodes.length > 80);
  });
});

describe('taxonomy filter', () => {
  let tree: TaxonomyTree;
  const top = (q: string) => filterTaxonomy(prepareFilter(tree, 'zh-Hant', FIXED), q).map((e) => e.node.termId ?? e.node.topicId ?? e.node.categoryId ?? e.node.sectionId);
  before(() => {
    tree = new TaxonomyTree([input(false)]);
  });

  it('finds 監管科技 by pinyin initials and full pinyin', () => {
    assert.equal(top('jgkj')[0], 'regtech');
    assert.equal(top('jianguan')[0], 'regtech');
    assert.ok(top('jianguankeji').includes('regtech'));
    assert.ok(top('JGKJ').includes('regtech'), 'initials in capitals');
    assert.ok(top('jian guan').includes('regtech'), 'spaces between syllables');
  });

  it('finds terms by English in any case, Simplified and Traditional', () => {
    assert.equal(top('regtech')[0], 'regtech');
    assert.equal(top('REGTECH')[0], 'regtech');
    assert.equal(top('监管科技')[0], 'regtech');
    assert.equal(top('監管科技')[0], 'regtech');
    assert.equal(top('ＲｅｇＴｅｃｈ')[0], 'regtech', 'full-width');
    assert.ok(top('区块链').includes('blockchain'));
  });

  it('offers categories, topics and outline sections too, collapsed or not, and each term once', () => {
    const prepared = prepareFilter(tree, 'en', FIXED);
    const kinds = new Set(prepared.entries.map((e) => e.node.kind));
    assert.deepEqual([...kinds].sort(), ['category', 'section', 'term', 'topic']);
    const terms = prepared.entries.filter((e) => e.node.kind === 'term');
    assert.equal(terms.length, pack.glossary.length);
    assert.ok(top('Regulation and compliance').includes('regulation'));
    assert.ok(filterTaxonomy(prepared, '1.3').some((e) => e.node.kind === 'section' && e.node.sectionId === '1.3'));
    const entry = filterTaxonomy(prepared, 'regtech')[0];
    assert.equal(entry.path, 'Regulation and compliance › RegTech');
  });

  it('finds nothing for a query that matches nothing', () => {
    assert.deepEqual(top('zzqqxx'), []);
  });
});

describe('taxonomy robustness', () => {
  const L = (en: string, hans = en, hant = hans) => ({ en, 'zh-Hans': hans, 'zh-Hant': hant });
  const t = (id: string, category: string): GlossaryTerm => ({ id, forms: L(id, `${id}简`, `${id}繁`), definition: L(`${id} def`), category });

  it('does not report a drafted term without any definition as a missing translation (its card shows the quote)', () => {
    const none = { en: '', 'zh-Hans': '', 'zh-Hant': '' };
    const drafted = { id: 'd', forms: { 'zh-Hans': '智能核保', 'zh-Hant': '智能核保' }, definition: none, category: 'c' };
    const half = { ...t('h', 'c'), definition: { en: 'A definition', 'zh-Hans': '', 'zh-Hant': '' } };
    const pack = {
      id: 'drafted', version: '0.1.0', name: L('Drafted'), reportScript: 'zh-Hans',
      reference: { id: 'r', type: 'report', title: 'R' }, outline: [],
      taxonomy: [{ id: 'c', label: L('C'), topics: [{ id: 'tc', label: L('T'), terms: ['d', 'h'] }] }],
      glossary: [drafted, half],
    } as unknown as ReportPack;
    const messages = new TaxonomyTree([{ pack }]).problems.filter((p) => p.code === 'taxonomy.missing-translation').map((p) => p.args[0]);
    assert.deepEqual(messages.filter((m) => /definition/.test(String(m))), ["The definition of term 'h'"]);
  });

  it('shows everything valid in a pack with duplicates, cycles, empty categories and missing translations', () => {
    const cyclic: OutlineSection = { id: 'a', title: 'A', level: 1, children: [] };
    cyclic.children!.push(cyclic);
    const broken = {
      id: 'broken',
      version: '1',
      name: L('Broken'),
      reportScript: 'en',
      reference: { id: 'b', type: 'report', title: 'B' },
      outline: [cyclic, { id: 'b', title: 'B', level: 1 }, { id: 'b', title: 'B again', level: 1 }],
      taxonomy: [
        { id: 'c1', label: { en: 'One', 'zh-Hans': '', 'zh-Hant': '' }, topics: [{ id: 't1', label: L('T1'), terms: ['x', 'x', 'missing'] }, { id: 't1', label: L('T1 again'), terms: ['y'] }] },
        { id: 'c1', label: L('One again'), topics: [] },
        { id: 'empty', label: L('Empty'), topics: [] },
      ],
      glossary: [t('x', 'c1'), t('x', 'c1'), t('y', 'c1'), t('z', 'nowhere')],
    } as unknown as ReportPack;
    const tree = new TaxonomyTree([{ pack: broken }]);
    const codes = tree.problems.map((p) => p.code).sort();
    assert.deepEqual([...new Set(codes)], ['taxonomy.cycle', 'taxonomy.duplicate-id', 'taxonomy.empty-category', 'taxonomy.missing-translation', 'taxonomy.unknown-term']);
    const roots = tree.roots();
    assert.deepEqual(roots.map((n) => n.id), ['p:broken/c:c1', 'p:broken/c:empty', 'p:broken/other', 'p:broken/outline']);
    const c1 = tree.children(roots[0]);
    assert.deepEqual(c1.map((n) => n.id), ['p:broken/c:c1/t:t1', 'p:broken/c:c1/k:y'], 'the unplaced term y sits beside the topics of its category');
    assert.deepEqual(tree.children(c1[0]).map((n) => n.termId), ['x']);
    assert.deepEqual(tree.children(roots[1]), []);
    assert.deepEqual(tree.children(roots[2]).map((n) => n.termId), ['z']);
    assert.deepEqual(tree.children(roots[3]).map((n) => n.sectionId), ['a', 'b']);
    assert.deepEqual(tree.children(tree.sectionNode('broken', 'a')!), []);
    // A missing translation falls back to another script.
    assert.equal(nodeText(tree, roots[0], 'zh-Hant', FIXED).label, 'One');
    assert.equal(nodeText(tree, roots[2], 'en', FIXED).label, 'Other terms');
    // Coverage and the filter still work.
    const r = rollUp(tree, countCoverage([{ packId: 'broken', termId: 'z' }]));
    assert.equal(r.get(roots[2])!.count, 1);
    assert.ok(filterTaxonomy(prepareFilter(tree, 'en', FIXED), 'z').some((e) => e.node.termId === 'z'));
  });

  it('survives an empty pack list and a pack loaded twice', () => {
    assert.deepEqual(new TaxonomyTree([]).roots(), []);
    const tree = new TaxonomyTree([{ pack }, { pack }]);
    assert.equal(tree.problems[0].code, 'taxonomy.duplicate-id');
    assert.equal(tree.roots().length, 8);
  });
});

describe('taxonomy filter warm-up', () => {
  it('reads pinyin ahead in steps, and finds the same entries whether warmed or not', () => {
    const loaded = loadPack(repoFile('media', 'packs', 'fintech-2026', 'pack.json'));
    const tree = new TaxonomyTree([{ pack: loaded.pack! }]);
    const cold = prepareFilter(tree, 'en', FIXED);
    const coldHits = filterTaxonomy(cold, 'jgkj').map((e) => e.node.id);
    const warm = prepareFilter(tree, 'en', FIXED);
    let steps = 0;
    while (!warmFilter(warm, 10)) steps++;
    assert.ok(steps >= Math.floor(warm.entries.length / 10) - 1, 'several steps');
    assert.equal(warmFilter(warm, 10), true, 'done stays done');
    assert.deepEqual(filterTaxonomy(warm, 'jgkj').map((e) => e.node.id), coldHits);
    assert.equal(coldHits[0], 'p:fintech-2026/c:regulation/t:regtech-tools/k:regtech');
  });
});
