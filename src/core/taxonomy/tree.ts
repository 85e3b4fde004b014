/**
 * The taxonomy model behind the Taxonomy view.
 *
 * Levels: pack → category → topic → term, with the report's outline as a second branch of
 * each pack. The pack level appears only when more than one pack is loaded. Under every
 * topic and term sit the report passages that mention it, found with the term engine's
 * matches over the bound report; without a bound report they are replaced by references
 * to the sections the pack lists. Outline sections hold their subsections and, when the
 * report is bound, their passages.
 *
 * Node ids are stable: building the same packs again gives the same ids, so a view keeps
 * what the user expanded. Every node links to its parent, for `reveal`.
 *
 * Whatever a pack holds (duplicate ids, cycles, empty categories, missing translations,
 * references to unknown terms or sections), the model keeps everything valid and records a
 * problem for the rest. Pure: no host APIs.
 */
import type { GlossaryTerm, LocalizedText, OutlineSection, ReportPack, Script, TaxonomyCategory, TaxonomyTopic } from '../pack/types';
import { SCRIPTS } from '../pack/types';
import { indexPassages, mergePassages, type PassageHit, type PassageIndex } from './passages';
import type {
  PassageRef,
  ReportSource,
  TaxonomyNode,
  TaxonomyNodeKind,
  TaxonomyPackInput,
  TaxonomyProblem,
  TaxonomyProblemCode,
} from './types';
import { formatMessage } from '../text/messages';
import { walkOutline } from '../text/outline';

interface MutableNode {
  id: string;
  kind: TaxonomyNodeKind;
  packId: string;
  parent: TaxonomyNode | undefined;
  categoryId?: string;
  topicId?: string;
  termId?: string;
  sectionId?: string;
  ref?: boolean;
  other?: boolean;
  passage?: PassageRef;
}

/** Per-pack state of a tree. */
interface PackData {
  pack: ReportPack;
  report?: ReportSource;
  node?: TaxonomyNode;
  top: TaxonomyNode[];
  terms: Map<string, GlossaryTerm>;
  outline: Map<string, OutlineSection>;
  /** Outline section ids in document (outline) order, for sorting references. */
  outlineOrder: Map<string, number>;
  sectionNodes: Map<string, TaxonomyNode>;
  termNodes: Map<string, TaxonomyNode[]>;
  categories: Map<string, TaxonomyCategory>;
  topics: Map<string, { node: TaxonomyNode; raw: TaxonomyTopic; terms: string[]; sections: string[] }>;
  /** Parsed section id → outline section id. */
  reverse: Map<string, string>;
  passages?: PassageIndex;
  /** The outline branch, shown after the categories. */
  outlineNode?: TaxonomyNode;
}

/** A text in one script, falling back to the others when it is missing. */
export function localized(text: Partial<LocalizedText> | undefined, script: Script): string {
  if (!text) return '';
  const order: Record<Script, Script[]> = {
    en: ['en', 'zh-Hans', 'zh-Hant'],
    'zh-Hans': ['zh-Hans', 'zh-Hant', 'en'],
    'zh-Hant': ['zh-Hant', 'zh-Hans', 'en'],
  };
  for (const s of order[script]) {
    const v = text[s];
    if (typeof v === 'string' && v.trim()) return v;
  }
  return '';
}

/** Message templates of the taxonomy's problems (`{0}`, `{1}` from `args`); the host logs them, in English, to the output channel. */
export const TAXONOMY_MESSAGES = {
  packTwice: "Pack '{0}' is loaded twice; the second one is left out.",
  missingTranslation: "{0} has no {1} text; another script's text is shown.",
  termTwice: "Term '{0}' appears twice in the glossary; the first one is shown.",
  categoryTwice: "Category '{0}' appears twice; the first one is shown.",
  topicTwice: "Topic '{0}' appears twice; the first one is shown.",
  unknownTerm: "Topic '{0}' lists term '{1}', which is not in the glossary.",
  unknownSection: "Topic '{0}' lists section '{1}', which is not in the outline.",
  emptyCategory: "Category '{0}' has no topics or terms.",
  cycle: "Section '{0}' is nested inside itself; the inner copy is left out.",
  sectionTwice: "Section '{0}' appears twice in the outline; the first one is shown.",
} as const;

export class TaxonomyTree {
  readonly problems: TaxonomyProblem[] = [];
  private readonly data: PackData[] = [];
  private readonly byPack = new Map<string, PackData>();
  private readonly byId = new Map<string, TaxonomyNode>();
  private readonly staticChildren = new Map<TaxonomyNode, TaxonomyNode[]>();
  private readonly dynamicChildren = new Map<TaxonomyNode, TaxonomyNode[]>();
  /** Aggregate node → the distinct term ids under it (for coverage roll-up). */
  private readonly aggregates = new Map<TaxonomyNode, string[]>();
  private readonly rootNodes: TaxonomyNode[];

  constructor(inputs: readonly TaxonomyPackInput[]) {
    const seenPacks = new Set<string>();
    const valid = inputs.filter((i) => {
      if (!i.pack || typeof i.pack.id !== 'string') return false;
      if (seenPacks.has(i.pack.id)) {
        this.problem(i.pack.id, 'warning', 'taxonomy.duplicate-id', 'packTwice', [i.pack.id]);
        return false;
      }
      seenPacks.add(i.pack.id);
      return true;
    });
    const withPackNodes = valid.length > 1;
    for (const input of valid) this.data.push(this.buildPack(input, withPackNodes));
    this.rootNodes = withPackNodes ? this.data.map((d) => d.node!) : (this.data[0]?.top ?? []);
  }

  // ---- reading ----------------------------------------------------------------------------

  /** The top-level nodes: pack nodes when several packs are loaded, else the one pack's categories and outline. */
  roots(): readonly TaxonomyNode[] {
    return this.rootNodes;
  }

  /** The children of a node (the roots for `undefined`). Passages are worked out on first use and kept. */
  children(node?: TaxonomyNode): readonly TaxonomyNode[] {
    if (!node) return this.rootNodes;
    const fixed = this.staticChildren.get(node);
    if (node.kind === 'category' || node.kind === 'pack' || node.kind === 'outline') return fixed ?? [];
    if (node.kind === 'passage' || node.ref) return [];
    let dyn = this.dynamicChildren.get(node);
    if (!dyn) {
      dyn = this.buildDynamic(node);
      this.dynamicChildren.set(node, dyn);
    }
    return fixed && fixed.length ? (dyn.length ? [...fixed, ...dyn] : fixed) : dyn;
  }

  /** Whether a node has children, without building passage nodes. */
  hasChildren(node: TaxonomyNode): boolean {
    const fixed = this.staticChildren.get(node);
    if (fixed && fixed.length) return true;
    if (node.kind === 'passage' || node.ref || node.kind === 'category' || node.kind === 'pack' || node.kind === 'outline') return false;
    const cached = this.dynamicChildren.get(node);
    if (cached) return cached.length > 0;
    const d = this.byPack.get(node.packId);
    if (!d) return false;
    if (node.kind === 'term') {
      if (d.report && (this.passageIndex(d).byTerm.get(node.termId!)?.length ?? 0) > 0) return true;
      return this.termSections(d, node.termId!).length > 0;
    }
    if (node.kind === 'topic') {
      const t = d.topics.get(node.topicId!);
      if (!t) return false;
      if (d.report && t.terms.some((id) => (this.passageIndex(d).byTerm.get(id)?.length ?? 0) > 0)) return true;
      return t.sections.length > 0;
    }
    if (node.kind === 'section') {
      const sid = d.report?.sections.get(node.sectionId!);
      const s = sid ? d.report!.parsed.sections.find((x) => x.id === sid) : undefined;
      return !!s && s.passageIds.length > 0;
    }
    return false;
  }

  get(id: string): TaxonomyNode | undefined {
    return this.byId.get(id);
  }

  packIds(): string[] {
    return this.data.map((d) => d.pack.id);
  }

  pack(packId: string): ReportPack | undefined {
    return this.byPack.get(packId)?.pack;
  }

  report(packId: string): ReportSource | undefined {
    return this.byPack.get(packId)?.report;
  }

  /** The pack node (only when several packs are loaded). */
  packNode(packId: string): TaxonomyNode | undefined {
    return this.byPack.get(packId)?.node;
  }

  term(packId: string, termId: string): GlossaryTerm | undefined {
    return this.byPack.get(packId)?.terms.get(termId);
  }

  category(packId: string, categoryId: string): TaxonomyCategory | undefined {
    return this.byPack.get(packId)?.categories.get(categoryId);
  }

  topic(packId: string, topicId: string): TaxonomyTopic | undefined {
    return this.byPack.get(packId)?.topics.get(topicId)?.raw;
  }

  outlineSection(packId: string, sectionId: string): OutlineSection | undefined {
    return this.byPack.get(packId)?.outline.get(sectionId);
  }

  /** Every node that shows a term, in tree order (a term may sit under several topics). */
  termNodes(packId: string, termId: string): readonly TaxonomyNode[] {
    return this.byPack.get(packId)?.termNodes.get(termId) ?? [];
  }

  /** The node of an outline section in the outline branch. */
  sectionNode(packId: string, sectionId: string): TaxonomyNode | undefined {
    return this.byPack.get(packId)?.sectionNodes.get(sectionId);
  }

  /** The distinct term ids under a pack, category or topic node (the term itself for a term node). */
  termIdsUnder(node: TaxonomyNode): readonly string[] {
    if (node.kind === 'term') return [node.termId!];
    return this.aggregates.get(node) ?? [];
  }

  /** Pack, category, topic and term nodes: the nodes that carry coverage counts. */
  aggregateNodes(): IterableIterator<TaxonomyNode> {
    return this.aggregates.keys();
  }

  /** Every node built so far except passages and references: packs, categories, topics, terms, outline and sections. */
  *structuralNodes(): IterableIterator<TaxonomyNode> {
    const walk = function* (this: TaxonomyTree, nodes: readonly TaxonomyNode[]): IterableIterator<TaxonomyNode> {
      for (const n of nodes) {
        yield n;
        const c = this.staticChildren.get(n);
        if (c) yield* walk.call(this, c);
      }
    };
    yield* walk.call(this, this.rootNodes);
  }

  /** Builds the passage indexes of every bound report now (otherwise the first expansion does). */
  prepare(): void {
    for (const d of this.data) if (d.report) this.passageIndex(d);
  }

  /** The passages mentioning a term, with their first occurrence (empty without a bound report). */
  termPassages(packId: string, termId: string): readonly PassageHit[] {
    const d = this.byPack.get(packId);
    return d?.report ? (this.passageIndex(d).byTerm.get(termId) ?? []) : [];
  }

  // ---- building ---------------------------------------------------------------------------

  private problem(
    packId: string,
    severity: TaxonomyProblem['severity'],
    code: TaxonomyProblemCode,
    key: keyof typeof TAXONOMY_MESSAGES,
    args: string[],
  ): void {
    const template = TAXONOMY_MESSAGES[key];
    this.problems.push({ severity, code, message: formatMessage(template, args), template, args, packId });
  }

  private node(n: MutableNode, siblings?: TaxonomyNode[]): TaxonomyNode | undefined {
    if (this.byId.has(n.id)) return undefined;
    const node = Object.freeze(n) as TaxonomyNode;
    this.byId.set(node.id, node);
    siblings?.push(node);
    return node;
  }

  /** Whether an entry has a string id not seen before (it is then marked seen); a repeated id is a problem. */
  private firstTime(packId: string, seen: Set<string>, entry: { id?: unknown } | undefined, key: 'categoryTwice' | 'topicTwice'): boolean {
    if (!entry || typeof entry.id !== 'string') return false;
    if (seen.has(entry.id)) {
      this.problem(packId, 'warning', 'taxonomy.duplicate-id', key, [entry.id]);
      return false;
    }
    seen.add(entry.id);
    return true;
  }

  private checkTranslations(packId: string, text: Partial<LocalizedText> | undefined, what: string): void {
    if (!text) return;
    const missing = SCRIPTS.filter((s) => typeof text[s] !== 'string' || !text[s]!.trim());
    if (missing.length) this.problem(
      packId,
      'information',
      'taxonomy.missing-translation',
      'missingTranslation',
      [what, missing.join(', ')],
    );
  }

  private buildPack(input: TaxonomyPackInput, withPackNode: boolean): PackData {
    const pack = input.pack;
    const packId = pack.id;
    const base = `p:${packId}`;
    const d: PackData = {
      pack,
      report: input.report,
      top: [],
      terms: new Map(),
      outline: new Map(),
      outlineOrder: new Map(),
      sectionNodes: new Map(),
      termNodes: new Map(),
      categories: new Map(),
      topics: new Map(),
      reverse: new Map(),
    };
    this.byPack.set(packId, d);
    if (withPackNode) {
      d.node = this.node({ id: base, kind: 'pack', packId, parent: undefined })!;
      this.staticChildren.set(d.node, d.top);
      this.checkTranslations(packId, pack.name, `The name of pack '${packId}'`);
    }
    const parent = d.node;

    for (const t of pack.glossary ?? []) {
      if (!t || typeof t.id !== 'string') continue;
      if (d.terms.has(t.id)) {
        this.problem(packId, 'warning', 'taxonomy.duplicate-id', 'termTwice', [t.id]);
        continue;
      }
      d.terms.set(t.id, t);
      this.checkTranslations(packId, t.forms, `The forms of term '${t.id}'`);
      // A drafted term has no definition in any script yet (its card shows the report's quote): nothing to warn of.
      if (SCRIPTS.some((s) => t.definition?.[s]?.trim())) this.checkTranslations(packId, t.definition, `The definition of term '${t.id}'`);
    }

    // Outline first, so references to sections can be checked.
    this.buildOutline(d, pack.outline ?? []);

    const packTerms = new Set<string>();

    const seenCategories = new Set<string>();
    const seenTopics = new Set<string>();
    const categoryNodes = new Map<string, { node: TaxonomyNode; children: TaxonomyNode[]; terms: Set<string> }>();
    for (const c of pack.taxonomy ?? []) {
      if (!this.firstTime(packId, seenCategories, c, 'categoryTwice')) continue;
      d.categories.set(c.id, c);
      this.checkTranslations(packId, c.label, `The label of category '${c.id}'`);
      const cnode = this.node({ id: `${base}/c:${c.id}`, kind: 'category', packId, parent, categoryId: c.id }, d.top)!;
      const children: TaxonomyNode[] = [];
      const catTerms = new Set<string>();
      this.staticChildren.set(cnode, children);
      categoryNodes.set(c.id, { node: cnode, children, terms: catTerms });
      for (const t of c.topics ?? []) {
        if (!this.firstTime(packId, seenTopics, t, 'topicTwice')) continue;
        this.checkTranslations(packId, t.label, `The label of topic '${t.id}'`);
        const tnode = this.node(
          { id: `${cnode.id}/t:${t.id}`, kind: 'topic', packId, parent: cnode, categoryId: c.id, topicId: t.id },
          children,
        )!;
        const termChildren: TaxonomyNode[] = [];
        this.staticChildren.set(tnode, termChildren);
        const topicTerms: string[] = [];
        for (const id of t.terms ?? []) {
          if (!d.terms.has(id)) {
            this.problem(packId, 'warning', 'taxonomy.unknown-term', 'unknownTerm', [t.id, id]);
            continue;
          }
          if (topicTerms.includes(id)) continue;
          topicTerms.push(id);
          this.termNode(d, `${tnode.id}/k:${id}`, tnode, id, termChildren, { categoryId: c.id, topicId: t.id });
          catTerms.add(id);
          packTerms.add(id);
        }
        const sections = (t.sections ?? []).filter((s) => {
          if (d.outline.has(s)) return true;
          this.problem(packId, 'information', 'taxonomy.unknown-section', 'unknownSection', [t.id, s]);
          return false;
        });
        d.topics.set(t.id, { node: tnode, raw: t, terms: topicTerms, sections });
        this.aggregates.set(tnode, topicTerms);
      }
    }

    // Terms under no topic: beside the topics of their category, or in an "other terms" group.
    const others: TaxonomyNode[] = [];
    let otherNode: TaxonomyNode | undefined;
    for (const [id, term] of d.terms) {
      if (d.termNodes.has(id)) continue;
      const cat = categoryNodes.get(term.category);
      if (cat) {
        this.termNode(d, `${cat.node.id}/k:${id}`, cat.node, id, cat.children, { categoryId: term.category });
        cat.terms.add(id);
      } else {
        if (!otherNode) {
          otherNode = this.node({ id: `${base}/other`, kind: 'category', packId, parent, categoryId: '', other: true })!;
          this.staticChildren.set(otherNode, others);
        }
        this.termNode(d, `${otherNode.id}/k:${id}`, otherNode, id, others, { categoryId: '' });
      }
      packTerms.add(id);
    }
    for (const [id, cat] of categoryNodes) {
      this.aggregates.set(cat.node, [...cat.terms]);
      if (cat.children.length === 0) this.problem(packId, 'warning', 'taxonomy.empty-category', 'emptyCategory', [id]);
    }
    if (otherNode) {
      d.top.push(otherNode);
      this.aggregates.set(otherNode, others.map((n) => n.termId!));
    }
    if (d.node) this.aggregates.set(d.node, [...packTerms]);
    if (d.outlineNode) d.top.push(d.outlineNode);

    if (d.report) for (const [o, r] of d.report.sections) d.reverse.set(r, o);
    return d;
  }

  private termNode(
    d: PackData,
    id: string,
    parent: TaxonomyNode,
    termId: string,
    siblings: TaxonomyNode[],
    extra: { categoryId: string; topicId?: string },
  ): void {
    const n = this.node({ id, kind: 'term', packId: d.pack.id, parent, termId, ...extra }, siblings);
    if (!n) return;
    let list = d.termNodes.get(termId);
    if (!list) d.termNodes.set(termId, (list = []));
    list.push(n);
  }

  private buildOutline(d: PackData, outline: readonly OutlineSection[]): void {
    if (!outline?.length) return;
    const packId = d.pack.id;
    const base = `p:${packId}`;
    const top: TaxonomyNode[] = [];
    const root = this.node({ id: `${base}/outline`, kind: 'outline', packId, parent: d.node })!;
    this.staticChildren.set(root, top);
    d.outlineNode = root;
    // The accepted sections from the root to the one visited; a rejected section's children are not visited.
    const path: OutlineSection[] = [];
    const built = new Map<OutlineSection, { node: TaxonomyNode; kids: TaxonomyNode[] }>();
    walkOutline(outline, (s, depth, parentSection) => {
      path.length = depth;
      if (typeof s.id !== 'string') return false;
      if (path.some((a) => a === s || a.id === s.id)) {
        this.problem(packId, 'warning', 'taxonomy.cycle', 'cycle', [s.id]);
        return false;
      }
      if (d.outline.has(s.id)) {
        this.problem(packId, 'warning', 'taxonomy.duplicate-id', 'sectionTwice', [s.id]);
        return false;
      }
      d.outline.set(s.id, s);
      d.outlineOrder.set(s.id, d.outlineOrder.size);
      const up = parentSection ? built.get(parentSection)! : { node: root, kids: top };
      const node = this.node({ id: `${base}/s:${s.id}`, kind: 'section', packId, parent: up.node, sectionId: s.id }, up.kids)!;
      d.sectionNodes.set(s.id, node);
      const kids: TaxonomyNode[] = [];
      this.staticChildren.set(node, kids);
      built.set(s, { node, kids });
      path.push(s);
      return true;
    });
  }

  private passageIndex(d: PackData): PassageIndex {
    if (!d.passages) d.passages = indexPassages(d.report!.parsed.passages, d.report!.matches(), d.pack.id);
    return d.passages;
  }

  private termSections(d: PackData, termId: string): string[] {
    return (d.terms.get(termId)?.sections ?? []).filter((s) => d.outline.has(s));
  }

  private passageNodes(d: PackData, parent: TaxonomyNode, hits: readonly PassageHit[]): TaxonomyNode[] {
    const out: TaxonomyNode[] = [];
    const passages = d.report!.parsed.passages;
    for (const h of hits) {
      const p = passages[h.passage];
      const ref: PassageRef = {
        id: p.id,
        index: h.passage,
        reportSectionId: p.sectionId,
        ordinal: p.ordinal,
        range: p.range,
        hit: { start: h.start, end: h.end },
      };
      this.passageNode(d, parent, ref, out);
    }
    return out;
  }

  private passageNode(d: PackData, parent: TaxonomyNode, ref: PassageRef, into: TaxonomyNode[]): void {
    const id = `${parent.id}/q:${ref.id}`;
    const existing = this.byId.get(id);
    if (existing) {
      into.push(existing);
      return;
    }
    this.node({ id, kind: 'passage', packId: d.pack.id, parent, sectionId: d.reverse.get(ref.reportSectionId), passage: ref }, into);
  }

  private sectionRefs(d: PackData, parent: TaxonomyNode, sectionIds: readonly string[]): TaxonomyNode[] {
    const out: TaxonomyNode[] = [];
    const ids = [...new Set(sectionIds)].sort((a, b) => (d.outlineOrder.get(a) ?? 0) - (d.outlineOrder.get(b) ?? 0));
    for (const sid of ids) {
      const id = `${parent.id}/s:${sid}`;
      const existing = this.byId.get(id);
      if (existing) out.push(existing);
      else this.node({ id, kind: 'section', packId: d.pack.id, parent, sectionId: sid, ref: true }, out);
    }
    return out;
  }

  private buildDynamic(node: TaxonomyNode): TaxonomyNode[] {
    const d = this.byPack.get(node.packId);
    if (!d) return [];
    if (node.kind === 'term') {
      if (d.report) {
        const hits = this.passageIndex(d).byTerm.get(node.termId!) ?? [];
        if (hits.length) return this.passageNodes(d, node, hits);
      }
      return this.sectionRefs(d, node, this.termSections(d, node.termId!));
    }
    if (node.kind === 'topic') {
      const t = d.topics.get(node.topicId!);
      if (!t) return [];
      if (d.report) {
        const hits = mergePassages(this.passageIndex(d), t.terms);
        if (hits.length) return this.passageNodes(d, node, hits);
      }
      return this.sectionRefs(d, node, t.sections);
    }
    if (node.kind === 'section' && !node.ref && d.report) {
      const sid = d.report.sections.get(node.sectionId!);
      const s = sid ? d.report.parsed.sections.find((x) => x.id === sid) : undefined;
      if (!s) return [];
      const out: TaxonomyNode[] = [];
      const passages = d.report.parsed.passages;
      const start = s.passageIds.length ? passages.findIndex((p) => p.id === s.passageIds[0]) : -1;
      for (let k = 0; k < s.passageIds.length && start >= 0; k++) {
        const p = passages[start + k];
        if (!p || p.id !== s.passageIds[k]) continue;
        this.passageNode(d, node, { id: p.id, index: start + k, reportSectionId: p.sectionId, ordinal: p.ordinal, range: p.range }, out);
      }
      return out;
    }
    return [];
  }
}
