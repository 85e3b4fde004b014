/**
 * Coverage: how often a draft mentions each term, rolled up to topics, categories and
 * packs, and the "not covered by this draft" filter. Counts come from the term engine's
 * matches over the draft, so every form (English, Simplified, Traditional, aliases,
 * abbreviations) counts. Pure: no host APIs.
 */
import type { TaxonomyTree } from './tree';
import type { TaxonomyNode } from './types';

/** What coverage needs of a term match. */
export interface CoverageHit {
  packId: string;
  termId: string;
}

export interface CoverageCounts {
  /** termKey(packId, termId) → number of occurrences in the draft. */
  readonly byTerm: ReadonlyMap<string, number>;
  /** All occurrences of all packs' terms. */
  readonly total: number;
}

export function termKey(packId: string, termId: string): string {
  return `${packId}\u0000${termId}`;
}

/** Counts a draft's term occurrences per term. */
export function countCoverage(matches: readonly CoverageHit[]): CoverageCounts {
  const byTerm = new Map<string, number>();
  for (const m of matches) {
    const k = termKey(m.packId, m.termId);
    byTerm.set(k, (byTerm.get(k) ?? 0) + 1);
  }
  return { byTerm, total: matches.length };
}

export interface NodeCoverage {
  /** Occurrences in the draft of the node's terms (a term under a topic counts once per occurrence). */
  count: number;
  /** Distinct terms under the node. */
  terms: number;
  /** Of those, the terms the draft never mentions. */
  uncovered: number;
}

/** Per tree: each group node with the keys of the terms under it, worked out once. */
const groupKeys = new WeakMap<TaxonomyTree, Array<[TaxonomyNode, string[]]>>();

function keysOf(tree: TaxonomyTree): Array<[TaxonomyNode, string[]]> {
  let keys = groupKeys.get(tree);
  if (!keys) {
    keys = [];
    for (const node of tree.aggregateNodes()) keys.push([node, tree.termIdsUnder(node).map((id) => termKey(node.packId, id))]);
    groupKeys.set(tree, keys);
  }
  return keys;
}

/** Counts rolled up to every pack, category and topic node of a tree. */
export class CoverageRollup {
  private readonly aggregates = new Map<TaxonomyNode, NodeCoverage>();

  constructor(readonly tree: TaxonomyTree, readonly counts: CoverageCounts) {
    const byTerm = counts.byTerm;
    for (const [node, keys] of keysOf(tree)) {
      let count = 0;
      let uncovered = 0;
      for (const k of keys) {
        const c = byTerm.get(k) ?? 0;
        count += c;
        if (c === 0) uncovered++;
      }
      this.aggregates.set(node, { count, terms: keys.length, uncovered });
    }
  }

  /** Coverage of a pack, category, topic or term node; undefined for the outline, sections and passages. */
  get(node: TaxonomyNode): NodeCoverage | undefined {
    if (node.kind === 'term') {
      const count = this.counts.byTerm.get(termKey(node.packId, node.termId!)) ?? 0;
      return { count, terms: 1, uncovered: count === 0 ? 1 : 0 };
    }
    return this.aggregates.get(node);
  }

  /** True when the draft mentions the node (for a group: any term under it); undefined for nodes without coverage. */
  covered(node: TaxonomyNode): boolean | undefined {
    const c = this.get(node);
    return c ? c.count > 0 : undefined;
  }

  /** Whether the node stays visible when the tree shows only what the draft does not cover. */
  showsWhenUncoveredOnly(node: TaxonomyNode): boolean {
    if (node.kind === 'outline') return false;
    const c = this.get(node);
    if (!c) return true;
    if (node.kind === 'term') return c.count === 0;
    return c.uncovered > 0 || c.count === 0;
  }
}

export function rollUp(tree: TaxonomyTree, counts: CoverageCounts): CoverageRollup {
  return new CoverageRollup(tree, counts);
}

export interface CoverageChange {
  /** Nodes whose count (or covered state) changed: every placement of a changed term, and the groups above. */
  nodes: TaxonomyNode[];
  /** Whether the set of nodes shown by the "uncovered only" filter changed. */
  visibilityChanged: boolean;
}

/** What changed between two roll-ups of the same tree (either may be absent: no draft). */
export function coverageChange(tree: TaxonomyTree, before: CoverageRollup | undefined, after: CoverageRollup | undefined): CoverageChange {
  const nodes: TaxonomyNode[] = [];
  let visibilityChanged = false;
  if (!before !== !after) {
    // Counts appear or disappear everywhere.
    for (const n of tree.structuralNodes()) if (n.kind === 'pack' || n.kind === 'category' || n.kind === 'topic' ||
      n.kind === 'term') nodes.push(n);
    return { nodes, visibilityChanged: true };
  }
  if (!before || !after) return { nodes, visibilityChanged };
  const a = before.counts;
  const b = after.counts;
  const changedTerms = new Set<string>();
  for (const [k, v] of a.byTerm) if ((b.byTerm.get(k) ?? 0) !== v) changedTerms.add(k);
  for (const [k, v] of b.byTerm) if ((a.byTerm.get(k) ?? 0) !== v) changedTerms.add(k);
  if (changedTerms.size === 0) return { nodes, visibilityChanged };
  for (const k of changedTerms) {
    const sep = k.indexOf('\u0000');
    const packId = k.slice(0, sep);
    const termId = k.slice(sep + 1);
    const wasZero = (a.byTerm.get(k) ?? 0) === 0;
    const isZero = (b.byTerm.get(k) ?? 0) === 0;
    if (wasZero !== isZero) visibilityChanged = true;
    nodes.push(...tree.termNodes(packId, termId));
  }
  for (const n of tree.aggregateNodes()) {
    const x = before.get(n)!;
    const y = after.get(n)!;
    if (x.count !== y.count || x.uncovered !== y.uncovered) {
      nodes.push(n);
      if (before.showsWhenUncoveredOnly(n) !== after.showsWhenUncoveredOnly(n)) visibilityChanged = true;
    }
  }
  return { nodes, visibilityChanged };
}

/** The children of a node as the view shows them: all of them, or only what the draft does not cover. */
export function visibleChildren(
  tree: TaxonomyTree,
  node: TaxonomyNode | undefined,
  rollup: CoverageRollup | undefined,
  uncoveredOnly: boolean,
): readonly TaxonomyNode[] {
  const all = tree.children(node);
  if (!uncoveredOnly || !rollup) return all;
  return all.filter((n) => rollup.showsWhenUncoveredOnly(n));
}
