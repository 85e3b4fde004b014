/**
 * Runs every feature that reads a loaded pack over it: the term index and matching, the
 * taxonomy tree (every node, its label and filter), the hover card, the definition view,
 * completion and lint. Used by tests that check that a pack which loads never makes a later
 * feature throw.
 */
import type { ReportPack } from '../../../src/core/pack/types';
import { SCRIPTS } from '../../../src/core/pack/types';
import { bindOutline } from '../../../src/core/pack/bind';
import { parseReport } from '../../../src/core/report';
import { buildTermIndex, findTerms } from '../../../src/core/terms';
import { TaxonomyTree, nodeText, prepareFilter, filterTaxonomy, renderCardHtml, sectionTitle, sectionShort, type TaxonomyNode } from '../../../src/core/taxonomy';
import { renderTermCard, orderedForms, categoryPath } from '../../../src/core/glossary/card';
import { prepareCompletion, completeTerms } from '../../../src/core/glossary/complete';
import { lintDraft, fixAll } from '../../../src/core/lint';

const FIXED = { outline: 'Report outline', otherTerms: 'Other terms' };
const CARD_LABELS = { definition: 'Definition', otherDefinitions: 'Other', sections: 'In the report', related: 'Related', category: 'Category' };
const HTML_LABELS = { title: 'Definition', otherScripts: 'Other scripts', sections: 'In the report', related: 'Related', category: 'Category', empty: 'Nothing selected.' };

/** A short report and a draft that mention the pack's own forms and titles. */
function texts(pack: ReportPack): { report: string; draft: string } {
  const forms = pack.glossary.flatMap((t) => SCRIPTS.map((s) => t.forms[s]));
  const titles: string[] = [];
  const walk = (list: ReportPack['outline']): void => {
    for (const s of list) {
      titles.push(s.number ? `${s.number}. ${s.title}` : s.title);
      walk(s.children ?? []);
    }
  };
  walk(pack.outline);
  const report = titles.map((t, i) => `${t}\n本段提到${forms[i % Math.max(1, forms.length)] ?? ''}。`).join('\n');
  return { report, draft: `# Draft\n\n${forms.join(' 和 ')}\n` };
}

/** Throws when any feature throws on `pack`. */
export function exerciseFeatures(pack: ReportPack): void {
  exerciseViews(pack);
  exerciseTermEngine(pack);
}

/** The term index, matching, completion and lint over `pack` (the slower half). */
export function exerciseTermEngine(pack: ReportPack): void {
  const { draft } = texts(pack);
  const index = buildTermIndex([{ packId: pack.id, terms: pack.glossary }]);
  findTerms(index, draft);
  for (const script of SCRIPTS) lintDraft(draft, index, { script });
  fixAll(draft, index);
}

/** The taxonomy tree (every node, its label, the filter), the section labels, the hover card and the definition view. */
export function exerciseViews(pack: ReportPack): void {
  const { report } = texts(pack);
  const parsed = parseReport(report, { fileName: 'report.txt' });
  const binding = bindOutline(pack, parsed);
  // Passages under every term: a hit of each term at the start of each passage.
  const hits = parsed.passages.flatMap((p) => pack.glossary.map((t) => ({ start: p.range.start, end: p.range.start + 1, packId: pack.id, termId: t.id })));
  const tree = new TaxonomyTree([{ pack, report: { text: report, parsed, sections: binding.sections, matches: () => hits } }]);
  const plain = new TaxonomyTree([{ pack }]);
  for (const t of [tree, plain]) {
    const all: TaxonomyNode[] = [];
    const walk = (nodes: readonly TaxonomyNode[], depth: number): void => {
      for (const n of nodes) {
        all.push(n);
        t.hasChildren(n);
        if (depth < 12) walk(t.children(n), depth + 1);
      }
    };
    walk(t.roots(), 0);
    for (const script of SCRIPTS) {
      for (const n of all) nodeText(t, n, script, FIXED);
      const prepared = prepareFilter(t, script, FIXED);
      filterTaxonomy(prepared, 'a');
      filterTaxonomy(prepared, '金融');
    }
  }
  const walkSections = (list: ReportPack['outline']): void => {
    for (const s of list) {
      for (const script of SCRIPTS) {
        sectionTitle(s, script);
        sectionShort(s, script);
      }
      walkSections(s.children ?? []);
    }
  };
  walkSections(pack.outline);
  const completion = prepareCompletion(pack.glossary.map((term) => ({ packId: pack.id, term })));
  for (const script of SCRIPTS) {
    completeTerms(completion, 'j', script);
    for (const term of pack.glossary) {
      orderedForms(term, script);
      categoryPath(pack, term, script);
      const links = (term.sections ?? []).map((id) => ({ label: id, href: 'command:fintechLens.openReportLocation?%5B%5D' }));
      const related = (term.related ?? []).map((id) => ({ label: id }));
      renderTermCard({ term, pack, script, labels: CARD_LABELS, sections: links, related, actions: [], allDefinitions: true });
      renderCardHtml({ term, pack, script, labels: HTML_LABELS, sections: links, related, actions: [], nonce: 'n0nce' });
    }
  }
}
