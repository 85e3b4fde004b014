/**
 * Compiling the term index's automaton: a trie over folded UTF-16 units becomes a
 * double-array trie (base/check) with failure links, where states with many children use a
 * dense row instead; see Automaton in types.ts for the layout.
 */
import type { Automaton, TermPattern } from './types';

/** Memory allowed for dense rows. */
const DENSE_BUDGET_BYTES = 4 * 1024 * 1024;
/** The parent part of a check word. */
const CHECK_MASK = 0xffffff;
/** Free slots a base search tries before it takes fresh space past the last used slot. */
const MAX_TRIES = 48;

/** A trie over folded UTF-16 units; children are found through an open-addressing hash table. */
export class TrieBuilder {
  nodes = 1;
  readonly parent: Int32Array;
  /** The folded unit on the edge into the node. */
  readonly unit: Int32Array;
  readonly depth: Int32Array;
  /** Pattern ending at the node, or -1. */
  readonly out: Int32Array;
  private bits = 0;
  private mask = 0;
  /** Generation of the current group: table entries of older generations count as empty. */
  private generation = 0;
  /** Hash slots, four Int32 each: [generation, parent, unit, child]. */
  private table = new Int32Array(0);

  constructor(capacity: number) {
    this.parent = new Int32Array(capacity);
    this.unit = new Int32Array(capacity);
    this.depth = new Int32Array(capacity);
    this.out = new Int32Array(capacity).fill(-1);
  }

  /**
   * Starts a group of forms that share their first folded unit: their nodes form one subtree,
   * so a hash table sized for the group suffices and stays in the cache.
   */
  startGroup(units: number): void {
    let bits = 4;
    while (1 << bits < units * 2) bits++;
    if (this.table.length < (1 << bits) * 4) this.table = new Int32Array((1 << bits) * 4);
    this.bits = bits;
    this.mask = (1 << bits) - 1;
    this.generation++;
  }

  /** Inserts the folded form of `s` (in the current group) and returns its end node. */
  insert(s: string, fold: Uint16Array): number {
    const { table, mask, parent, unit, depth, generation } = this;
    const shift = 32 - this.bits;
    let node = 0;
    for (let d = 0; d < s.length; d++) {
      const u = fold[s.charCodeAt(d)];
      let h = (Math.imul(node, 0x9e3779b1) ^ Math.imul(u + 1, 0x85ebca6b)) >>> shift;
      for (;;) {
        const k = h << 2;
        if (table[k] !== generation) {
          const v = this.nodes++;
          parent[v] = node;
          unit[v] = u;
          depth[v] = d + 1;
          table[k] = generation;
          table[k + 1] = node;
          table[k + 2] = u;
          table[k + 3] = v;
          node = v;
          break;
        }
        if (table[k + 1] === node && table[k + 2] === u) { node = table[k + 3]; break; }
        h = (h + 1) & mask;
      }
    }
    return node;
  }
}

/** The alphabet: every folded unit on some edge, numbered in increasing unit order from 1. */
interface Alphabet {
  size: number;
  /** Raw UTF-16 unit → alphabet id of its folded unit (0: none). */
  alphaOf: Uint16Array;
  /** Node → alphabet id of the edge into it. */
  inAlpha: Int32Array;
}

function alphabetOf(trie: TrieBuilder, fold: Uint16Array): Alphabet {
  const { nodes, unit } = trie;
  const alphaOfUnit = new Int32Array(0x10000);
  for (let v = 1; v < nodes; v++) alphaOfUnit[unit[v]] = 1;
  let size = 0;
  for (let u = 0; u < 0x10000; u++) if (alphaOfUnit[u]) alphaOfUnit[u] = ++size;
  // Folded units never include upper-case letters, so the alphabet always fits in 16 bits.
  const alphaOf = new Uint16Array(0x10000);
  for (let c = 0; c < 0x10000; c++) alphaOf[c] = alphaOfUnit[fold[c]];
  const inAlpha = new Int32Array(nodes);
  for (let v = 1; v < nodes; v++) inAlpha[v] = alphaOfUnit[unit[v]];
  return { size, alphaOf, inAlpha };
}

/** Children lists: node u's children have the labels edgeAlpha[firstEdge[u] .. firstEdge[u + 1]), sorted. */
interface Edges {
  firstEdge: Int32Array;
  edgeAlpha: Int32Array;
}

/** A counting sort by alphabet id, then a stable counting sort by parent. */
function childLists(trie: TrieBuilder, alpha: Alphabet): Edges {
  const { nodes, parent } = trie;
  const { inAlpha, size } = alpha;
  const byAlphaStart = new Int32Array(size + 2);
  for (let v = 1; v < nodes; v++) byAlphaStart[inAlpha[v] + 1]++;
  for (let a = 0; a <= size; a++) byAlphaStart[a + 1] += byAlphaStart[a];
  const byAlpha = new Int32Array(Math.max(0, nodes - 1));
  for (let v = 1; v < nodes; v++) byAlpha[byAlphaStart[inAlpha[v]]++] = v;
  const firstEdge = new Int32Array(nodes + 1);
  for (let v = 1; v < nodes; v++) firstEdge[parent[v] + 1]++;
  for (let u = 0; u < nodes; u++) firstEdge[u + 1] += firstEdge[u];
  const edgeAlpha = new Int32Array(Math.max(0, nodes - 1));
  const fillPos = firstEdge.slice(0, nodes);
  for (let i = 0; i < nodes - 1; i++) {
    const v = byAlpha[i];
    edgeAlpha[fillPos[parent[v]]++] = inAlpha[v];
  }
  return { firstEdge, edgeAlpha };
}

/** Nodes with children (the root aside), by decreasing number of children. */
function byDegreeDescending(nodes: number, firstEdge: Int32Array, alphabet: number): Int32Array {
  const degreeStart = new Int32Array(alphabet + 2);
  let withChildren = 0;
  for (let u = 1; u < nodes; u++) {
    const d = firstEdge[u + 1] - firstEdge[u];
    if (d > 0) { degreeStart[d]++; withChildren++; }
  }
  // After the suffix sums degreeStart[d] is the number of nodes of degree >= d, so degree-d
  // nodes fill [count(>= d + 1), count(>= d)).
  for (let d = alphabet; d >= 1; d--) degreeStart[d - 1] += degreeStart[d];
  const byDegree = new Int32Array(withChildren);
  for (let u = nodes - 1; u >= 1; u--) {
    const d = firstEdge[u + 1] - firstEdge[u];
    if (d > 0) byDegree[--degreeStart[d]] = u;
  }
  return byDegree;
}

/** The free slots of the double array, as a doubly linked list that grows on demand. */
class SlotAllocator {
  size: number;
  used: Uint8Array;
  nextFree: Int32Array;
  prevFree: Int32Array;
  freeHead: number;
  /** Every slot >= frontier is free. */
  frontier: number;

  constructor(private readonly first: number, size: number, private readonly alphabet: number) {
    this.size = size;
    this.used = new Uint8Array(size);
    this.nextFree = new Int32Array(size);
    this.prevFree = new Int32Array(size);
    this.initFree(first, size);
    this.prevFree[first] = -1;
    this.used.fill(1, 0, first);
    this.freeHead = first;
    this.frontier = first;
  }

  private initFree(from: number, to: number): void {
    for (let i = from; i < to; i++) { this.nextFree[i] = i + 1; this.prevFree[i] = i - 1; }
  }

  grow(min: number): void {
    const old = this.size;
    let n = this.size;
    while (n <= min + this.alphabet + 1) n *= 2;
    const u8 = new Uint8Array(n); u8.set(this.used); this.used = u8;
    const nf = new Int32Array(n); nf.set(this.nextFree); this.nextFree = nf;
    const pf = new Int32Array(n); pf.set(this.prevFree); this.prevFree = pf;
    this.size = n;
    this.initFree(old, n);
    let tail = old - 1;
    while (tail >= this.first && this.used[tail]) tail--;
    this.prevFree[old] = tail >= this.first ? tail : -1;
    if (tail < this.first) this.freeHead = old;
  }

  take(slot: number): void {
    this.used[slot] = 1;
    const p = this.prevFree[slot];
    const n = this.nextFree[slot];
    if (p >= 0) this.nextFree[p] = n; else this.freeHead = n;
    if (n < this.size) this.prevFree[n] = p;
    if (slot >= this.frontier) this.frontier = slot + 1;
  }

  /** A base b such that b + label is free for every label of edges [e0, e1). */
  findBase(edgeAlpha: Int32Array, e0: number, e1: number): number {
    const a0 = edgeAlpha[e0];
    let tries = 0;
    for (let f = this.freeHead; f < this.frontier && tries < MAX_TRIES; f = this.nextFree[f], tries++) {
      const cand = f - a0;
      let ok = true;
      for (let e = e0 + 1; e < e1; e++) {
        const slot = cand + edgeAlpha[e];
        if (slot < this.size && this.used[slot]) { ok = false; break; }
      }
      if (ok) return cand;
    }
    return this.frontier - a0;
  }
}

/**
 * Layout of the states (slots):
 *  - slot 0 is the root; its base is 0, so its children sit at slots 1..alphabet (reserved);
 *  - nodes with many children get a dense row (alphabet id → child slot) instead of a base,
 *    within a memory budget; their children get consecutive slots, so the states most scans
 *    visit after the root's children stay close together;
 *  - every other node with children gets a double-array base b: the slots b + label of all its
 *    children are free. Bases are chosen by decreasing number of children (while the array is
 *    sparse), each search trying at most MAX_TRIES free slots.
 * Returns baseOf: the double-array base (>= 0), or ~row for a node with a dense row.
 */
function placeBases(nodes: number, edges: Edges, alphabet: number, denseMin: number): { baseOf: Int32Array; rowCount: number } {
  const { firstEdge, edgeAlpha } = edges;
  const stride = alphabet + 1;
  const byDegree = byDegreeDescending(nodes, firstEdge, alphabet);
  const degree = (i: number): number => firstEdge[byDegree[i] + 1] - firstEdge[byDegree[i]];
  let rowCount = 0;
  while (rowCount < byDegree.length && degree(rowCount) >= denseMin && (rowCount + 1) * stride * 4 <= DENSE_BUDGET_BYTES) rowCount++;
  let rowChildren = 0;
  for (let i = 0; i < rowCount; i++) rowChildren += degree(i);

  const first = alphabet + 1 + rowChildren; // first slot for double-array children
  const slots = new SlotAllocator(first, Math.max(64, first + 3 * (nodes + alphabet) + 2), alphabet);
  const baseOf = new Int32Array(nodes); // the root's base is 0
  for (let i = 0; i < rowCount; i++) baseOf[byDegree[i]] = ~i;
  for (let i = rowCount; i < byDegree.length; i++) {
    const u = byDegree[i];
    const e0 = firstEdge[u];
    const e1 = firstEdge[u + 1];
    const b = slots.findBase(edgeAlpha, e0, e1);
    const last = b + edgeAlpha[e1 - 1];
    if (last >= slots.size) slots.grow(last);
    baseOf[u] = b;
    for (let e = e0; e < e1; e++) slots.take(b + edgeAlpha[e]);
  }
  return { baseOf, rowCount };
}

/** The nodes in breadth-first order (a counting sort by depth; the root first). */
function breadthFirst(trie: TrieBuilder): Int32Array {
  const { nodes, depth } = trie;
  let maxDepth = 0;
  for (let v = 1; v < nodes; v++) if (depth[v] > maxDepth) maxDepth = depth[v];
  const depthStart = new Int32Array(maxDepth + 2);
  for (let v = 1; v < nodes; v++) depthStart[depth[v] + 1]++;
  for (let d = 0; d <= maxDepth; d++) depthStart[d + 1] += depthStart[d];
  const bfs = new Int32Array(nodes);
  for (let v = 1; v < nodes; v++) bfs[1 + depthStart[depth[v]]++] = v;
  return bfs;
}

interface Slots {
  slotOf: Int32Array;
  rows: Int32Array;
  rowBits: Int32Array;
  rowWords: number;
  /** Number of state slots. */
  total: number;
}

/** Each node's slot, in breadth-first order so that row children are numbered level by level. */
function assignSlots(
  trie: TrieBuilder,
  bfs: Int32Array,
  inAlpha: Int32Array,
  alphabet: number,
  baseOf: Int32Array,
  rowCount: number,
): Slots {
  const { nodes, parent } = trie;
  const stride = alphabet + 1;
  const slotOf = new Int32Array(nodes);
  const rows = new Int32Array(rowCount * stride);
  // One bit per row entry: most lookups find no child, and the bits are 32 times smaller.
  const rowWords = (stride + 31) >>> 5;
  const rowBits = new Int32Array(rowCount * rowWords);
  let nextRowSlot = alphabet + 1;
  let maxSlot = 0;
  let maxBase = 0;
  for (let i = 1; i < nodes; i++) {
    const v = bfs[i];
    const pb = baseOf[parent[v]];
    let slot: number;
    if (pb >= 0) {
      slot = pb + inAlpha[v];
    } else {
      slot = nextRowSlot++;
      const a = inAlpha[v];
      rows[~pb * stride + a] = slot;
      rowBits[~pb * rowWords + (a >>> 5)] |= 1 << (a & 31);
    }
    slotOf[v] = slot;
    if (slot > maxSlot) maxSlot = slot;
  }
  for (let u = 0; u < nodes; u++) if (baseOf[u] > maxBase) maxBase = baseOf[u];
  return { slotOf, rows, rowBits, rowWords, total: Math.max(maxSlot, maxBase + alphabet) + 1 };
}

/** Per pattern: length, word-boundary flags, and (filled by linkStates) the next shorter pattern. */
function patternInfo(patterns: readonly TermPattern[], word: Uint8Array): Int32Array {
  const patInfo = new Int32Array(patterns.length * 4);
  for (let p = 0; p < patterns.length; p++) {
    const k = patterns[p].folded;
    patInfo[4 * p] = k.length;
    patInfo[4 * p + 1] = (word[k.charCodeAt(0)] === 1 ? 1 : 0) | (word[k.charCodeAt(k.length - 1)] === 1 ? 2 : 0);
    patInfo[4 * p + 2] = -1;
  }
  return patInfo;
}

/**
 * The states, four Int32 each, zero meaning "none" so that nothing needs filling:
 * [base or ~row, parent state + 1 (0 for children of a row), failure state,
 *  1 + longest pattern ending here or on the failure chain]; failure links and output chains
 * are worked out in breadth-first order.
 */
function linkStates(
  trie: TrieBuilder,
  bfs: Int32Array,
  inAlpha: Int32Array,
  stride: number,
  baseOf: Int32Array,
  slots: Slots,
  patInfo: Int32Array,
): Int32Array {
  const { nodes, parent, out } = trie;
  const { slotOf, rows, total } = slots;
  const states = new Int32Array(total * 4);
  states[0] = baseOf[0];
  if (out[0] >= 0) states[3] = out[0] + 1;
  for (let i = 1; i < nodes; i++) {
    const v = bfs[i];
    const s = slotOf[v];
    const ps = slotOf[parent[v]];
    const a = inAlpha[v];
    states[4 * s] = baseOf[v];
    // Check word: parent + 1 in the low 24 bits; the top byte is this state's child-label filter.
    states[4 * s + 1] |= baseOf[parent[v]] >= 0 ? ps + 1 : 0;
    // Mark bit (a & 7) in the parent's filter: a transition on a label whose bit is clear cannot
    // exist, so the scan skips the (likely uncached) check of the target slot.
    states[4 * ps + 1] |= 1 << (24 + (a & 7));
    const f = ps === 0 ? 0 : failureOf(states, rows, stride, total, states[4 * ps + 2], a);
    states[4 * s + 2] = f;
    const suffixOut = states[4 * f + 3]; // 1 + longest pattern ending at the failure state
    const p = out[v];
    if (p >= 0) {
      patInfo[4 * p + 2] = suffixOut - 1;
      states[4 * s + 3] = p + 1;
    } else {
      states[4 * s + 3] = suffixOut;
    }
  }
  return states;
}

/** The failure state of a child on label `a` whose parent fails to `g`: the longest proper suffix that is a state. */
function failureOf(states: Int32Array, rows: Int32Array, stride: number, total: number, g: number, a: number): number {
  for (;;) {
    const gb = states[4 * g];
    if (gb >= 0) {
      const t = gb + a;
      if (t < total && (states[4 * t + 1] & CHECK_MASK) === g + 1) return t;
    } else {
      const t = rows[~gb * stride + a];
      if (t !== 0) return t;
    }
    if (g === 0) return 0;
    g = states[4 * g + 2];
  }
}

/**
 * Compiles the trie into the automaton: the alphabet, children lists sorted by counting sorts,
 * a double array, then failure links and output chains in breadth-first order.
 */
export function compileAutomaton(
  trie: TrieBuilder,
  patterns: readonly TermPattern[],
  fold: Uint16Array,
  word: Uint8Array,
  denseMin: number,
): Automaton {
  const alpha = alphabetOf(trie, fold);
  const stride = alpha.size + 1;
  const { baseOf, rowCount } = placeBases(trie.nodes, childLists(trie, alpha), alpha.size, denseMin);
  const bfs = breadthFirst(trie);
  const slots = assignSlots(trie, bfs, alpha.inAlpha, alpha.size, baseOf, rowCount);
  const patInfo = patternInfo(patterns, word);
  const states = linkStates(trie, bfs, alpha.inAlpha, stride, baseOf, slots, patInfo);
  return {
    alphaOf: alpha.alphaOf,
    alphabet: alpha.size,
    states,
    rows: slots.rows,
    stride,
    rowBits: slots.rowBits,
    rowWords: slots.rowWords,
    patInfo,
    nodes: trie.nodes,
    word,
  };
}
