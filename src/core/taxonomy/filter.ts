/**
 * The Filter Taxonomy picker: one entry per pack, category, topic, term and outline section
 * (collapsed or not), matched against what the analyst types in English (any case),
 * Simplified or Traditional Chinese, or pinyin written in full or by initials
 * (`jgkj`, `jianguan` and `jianguankeji` all find 監管科技). Pure: no host APIs.
 */
import type { LocalizedText, Script } from '../pack/types';
import { SCRIPTS } from '../pack/types';
import { foldText } from '../script/fold';
import { hasHan } from '../text/chars';
import { matchSyllables, pinyinSyllables } from '../script/pinyin';
import { nodeText, type FixedLabels } from './labels';
import type { TaxonomyTree } from './tree';
import type { TaxonomyNode, TaxonomyNodeKind } from './types';

export interface FilterEntry {
  node: TaxonomyNode;
  label: string;
  description?: string;
  /** Where the node sits: `Regulation and compliance › RegTech`. */
  path: string;
}

interface Prepared {
  entry: FilterEntry;
  /** Folded candidate texts, spaces removed. */
  folded: string[];
  /** Pinyin syllables of each Chinese candidate; read on first need (see warmFilter). */
  syllables?: string[][];
  /** Kind order for ties: terms first. */
  rank: number;
}

export interface PreparedFilter {
  readonly entries: readonly FilterEntry[];
  /** @internal */
  readonly items: readonly Prepared[];
  /** @internal how many items, from the start, have their pinyin read */
  warmed: number;
}

const KIND_RANK: Record<TaxonomyNodeKind, number> = { term: 0, topic: 1, category: 2, section: 3, pack: 4, outline: 5, passage: 6 };


function texts(t: Partial<LocalizedText> | undefined): string[] {
  return t ? SCRIPTS.map((s) => t[s]).filter((x): x is string => typeof x === 'string' && x.trim().length > 0) : [];
}

/** The texts a node is found by. */
function candidates(tree: TaxonomyTree, node: TaxonomyNode): string[] {
  switch (node.kind) {
    case 'pack': {
      const p = tree.pack(node.packId);
      return [node.packId, ...texts(p?.name)];
    }
    case 'category':
      return node.other ? [] : texts(tree.category(node.packId, node.categoryId!)?.label);
    case 'topic':
      return texts(tree.topic(node.packId, node.topicId!)?.label);
    case 'term': {
      const t = tree.term(node.packId, node.termId!);
      if (!t) return [];
      return [
        ...texts(t.forms),
        ...(t.aliases ?? []),
        ...(t.abbreviations ?? []),
        ...Object.values(t.preferred ?? {}).filter((x): x is string => typeof x === 'string')
      ];
    }
    case 'section': {
      const s = tree.outlineSection(node.packId, node.sectionId!);
      if (!s) return [];
      return [s.title, ...texts(s.titles), ...(s.number ? [s.number] : [])];
    }
    default:
      return [];
  }
}

function compact(s: string): string {
  return s.replace(/[\s'’\-·.]+/g, '');
}

/**
 * Prepares the picker's entries for a tree: folds every candidate text once, so that each
 * keystroke only compares strings. Pinyin readings are slower to get; they are read on first
 * need, or ahead of time in small steps with `warmFilter`.
 */
export function prepareFilter(tree: TaxonomyTree, script: Script, fixed: FixedLabels): PreparedFilter {
  const items: Prepared[] = [];
  const seenTerms = new Set<string>();
  const pathOf = new Map<TaxonomyNode, string>();
  const path = (node: TaxonomyNode | undefined): string => {
    if (!node) return '';
    let p = pathOf.get(node);
    if (p === undefined) {
      const label = node.kind === 'outline' ? fixed.outline : nodeText(tree, node, script, fixed).label;
      const above = path(node.parent);
      p = above ? `${above} › ${label}` : label;
      pathOf.set(node, p);
    }
    return p;
  };
  for (const node of tree.structuralNodes()) {
    if (node.kind === 'outline' || (node.kind === 'category' && node.other)) continue;
    if (node.kind === 'term') {
      // A term listed under several topics is offered once, at its first place.
      const key = `${node.packId}\u0000${node.termId}`;
      if (seenTerms.has(key)) continue;
      seenTerms.add(key);
    }
    const raw = [...new Set(candidates(tree, node).map((c) => c.trim()).filter(Boolean))];
    if (raw.length === 0) continue;
    const text = nodeText(tree, node, script, fixed);
    const folded = [...new Set(raw.map((c) => compact(foldText(c))))];
    items.push({
      entry: { node, label: text.label, description: text.description, path: path(node.parent) },
      folded,
      rank: KIND_RANK[node.kind],
    });
  }
  return { entries: items.map((i) => i.entry), items, warmed: 0 };
}

function syllablesOf(item: Prepared): string[][] {
  // Traditional and Simplified forms fold to the same text: each folded text's pinyin is read once.
  if (!item.syllables) item.syllables = item.folded.filter(hasHan).map((c) => pinyinSyllables(c)).filter((x) => x.length > 0);
  return item.syllables;
}

/**
 * Reads the pinyin of up to `count` more entries, so that the first pinyin query does not
 * have to. Returns true once every entry is ready.
 */
export function warmFilter(prepared: PreparedFilter, count = 200): boolean {
  const end = Math.min(prepared.items.length, prepared.warmed + count);
  for (let i = prepared.warmed; i < end; i++) syllablesOf(prepared.items[i]);
  prepared.warmed = end;
  return end >= prepared.items.length;
}

/** How well a prepared item matches a folded query; lower is better, -1 for no match. */
function score(item: Prepared, q: string, ascii: boolean): number {
  let best = -1;
  for (const f of item.folded) {
    if (f === q) return 0;
    if (f.startsWith(q)) best = best < 0 || best > 1 ? 1 : best;
    else if (best < 0 && f.includes(q)) best = 2;
  }
  if (best >= 0 || !ascii) return best;
  const all = syllablesOf(item);
  for (const syl of all) {
    // From the first syllable (`jgkj`, `jianguan`), or from any later one (`guanke`).
    if (matchFrom(q, syl, 0)) return 3;
  }
  for (const syl of all) if (matchSyllables(q, syl)) return 4;
  return -1;
}

/** Whether `q` spells prefixes of consecutive syllables starting at `first`. */
function matchFrom(q: string, syl: readonly string[], first: number): boolean {
  const go = (qi: number, si: number): boolean => {
    if (qi === q.length) return true;
    if (si === syl.length) return false;
    const s = syl[si];
    let k = 0;
    while (k < s.length && qi + k < q.length && s.charCodeAt(k) === q.charCodeAt(qi + k)) k++;
    for (; k >= 1; k--) if (go(qi + k, si + 1)) return true;
    return false;
  };
  return go(0, first);
}

/**
 * The entries matching `query`, best first: exact forms, then prefixes, then substrings, then
 * pinyin from the start of a word, then pinyin inside it; terms before topics, categories and
 * sections. An empty query returns every entry in tree order (up to `limit`).
 */
export function filterTaxonomy(prepared: PreparedFilter, query: string, limit = 500): FilterEntry[] {
  const q = compact(foldText(query.trim()));
  if (!q) return prepared.entries.slice(0, limit);
  let ascii = true;
  for (let i = 0; i < q.length; i++) {
    const c = q.charCodeAt(i);
    if (!((c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39))) {
      ascii = false;
      break;
    }
  }
  const hits: Array<{ p: Prepared; s: number; i: number }> = [];
  prepared.items.forEach((p, i) => {
    const s = score(p, q, ascii);
    if (s >= 0) hits.push({ p, s, i });
  });
  hits.sort((a, b) => a.s - b.s || a.p.rank - b.p.rank || a.p.entry.label.length - b.p.entry.label.length || a.i - b.i);
  return hits.slice(0, limit).map((h) => h.p.entry);
}
