/**
 * Builds the term index: collects every surface of every glossary term, folds it
 * (see script/fold), checks it, and compiles the unique folded patterns into an
 * Aho–Corasick automaton stored in typed arrays.
 *
 * Bad glossary input never throws; each problem becomes a TermIndexWarning:
 *  - terms.invalid-term     an entry that is not an object or has no string id (skipped);
 *  - terms.duplicate-term   the same pack/id pair twice (the later entry is skipped);
 *  - terms.invalid-form     a form that is not a string (skipped);
 *  - terms.empty-form       an empty or blank form (skipped);
 *  - terms.single-char      a one-character form (indexed unless options.singleChar is 'skip'):
 *                           it matches wherever that character appears outside a longer term;
 *  - terms.lone-surrogate   a form with half of a surrogate pair (skipped: it could split a character);
 *  - terms.unreachable-form a form that starts with a combining mark (skipped: a match would
 *                           start inside a character);
 *  - terms.form-too-long    a form longer than options.maxFormLength (skipped);
 *  - terms.duplicate-form   two different terms share a form after folding (the first keeps it);
 *  - terms.normalized-form  a form with decomposed combining marks; its NFC form is indexed too;
 *  - terms.no-forms         a term left without any usable form;
 *  - terms.index-full       forms beyond options.maxTotalUnits (at most 4,000,000 units) are skipped.
 * Regular-expression metacharacters, emoji and other astral characters are plain characters.
 *
 * The automaton is a double-array trie (base/check) with failure links, where states with many
 * children use a dense row instead; see Automaton in types.ts for the layout.
 */
import type { GlossaryTerm, Script } from '../pack/types';
import { foldTableBmp, isCombiningMark, wordTableBmp } from '../script/fold';
import type {
  Automaton,
  FormKind,
  GlossaryInput,
  IndexedTerm,
  TermIndex,
  TermIndexOptions,
  TermIndexWarning,
  TermPattern,
  TermSurface,
  TermWarningCode,
} from './types';

const DEFAULT_MAX_FORM_LENGTH = 128;
/** Nodes with at least this many children get a dense transition row. */
const DENSE_MIN_CHILDREN = 8;
/**
 * Most UTF-16 units of forms one index takes (about 800,000 terms): state numbers then stay
 * below 2^24, which leaves the top byte of each state's check word for a child-label filter.
 */
const MAX_TOTAL_UNITS = 4_000_000;
/** The parent part of a check word. */
const CHECK_MASK = 0xffffff;
/** Memory allowed for dense rows. */
const DENSE_BUDGET_BYTES = 4 * 1024 * 1024;
const SCRIPTS: readonly Script[] = ['zh-Hans', 'zh-Hant', 'en'];

/** Shared one-kind lists for patterns with a single kind of surface. */
const KIND_LISTS: Readonly<Record<FormKind, readonly FormKind[]>> = {
  'zh-Hans': Object.freeze(['zh-Hans'] as FormKind[]),
  'zh-Hant': Object.freeze(['zh-Hant'] as FormKind[]),
  en: Object.freeze(['en'] as FormKind[]),
  preferred: Object.freeze(['preferred'] as FormKind[]),
  alias: Object.freeze(['alias'] as FormKind[]),
  abbreviation: Object.freeze(['abbreviation'] as FormKind[]),
  discouraged: Object.freeze(['discouraged'] as FormKind[]),
};

/** Lists a term's surfaces in priority order, reporting values that are not strings. */
function surfacesOf(term: GlossaryTerm, bad: (value: unknown, where: string) => void): TermSurface[] {
  const out: TermSurface[] = [];
  const add = (value: unknown, kind: FormKind, where: string, script?: Script): void => {
    if (typeof value === 'string') out.push(script ? { form: value, kind, script } : { form: value, kind });
    else if (value !== undefined && value !== null) bad(value, where);
  };
  const list = (values: unknown, kind: FormKind, where: string, script?: Script): void => {
    if (values === undefined || values === null) return;
    if (!Array.isArray(values)) { bad(values, where); return; }
    values.forEach((v, i) => add(v, kind, `${where}[${i}]`, script));
  };
  const forms = (term.forms ?? {}) as unknown as Record<string, unknown>;
  if (typeof forms !== 'object') bad(forms, 'forms');
  else {
    add(forms['zh-Hans'], 'zh-Hans', 'forms.zh-Hans');
    add(forms['zh-Hant'], 'zh-Hant', 'forms.zh-Hant');
    add(forms.en, 'en', 'forms.en');
  }
  const preferred = term.preferred as Record<string, unknown> | undefined;
  if (preferred && typeof preferred === 'object') {
    for (const s of SCRIPTS) add(preferred[s], 'preferred', `preferred.${s}`, s);
  }
  list(term.aliases, 'alias', 'aliases');
  list(term.abbreviations, 'abbreviation', 'abbreviations');
  const discouraged = term.discouraged as Record<string, unknown> | undefined;
  if (discouraged && typeof discouraged === 'object') {
    for (const s of SCRIPTS) list(discouraged[s], 'discouraged', `discouraged.${s}`, s);
  }
  return out;
}

function codePointCount(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

function hasLoneSurrogate(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = i + 1 < s.length ? s.charCodeAt(i + 1) : 0;
      if (d < 0xdc00 || d > 0xdfff) return true;
      i++;
    } else if (c >= 0xdc00 && c <= 0xdfff) {
      return true;
    }
  }
  return false;
}

/** Characters that NFC may combine with what precedes them (combining marks, Hangul jamo, kana voicing). */
// eslint-disable-next-line no-misleading-character-class -- a class of lone combining marks, on purpose
const MAY_COMPOSE = /[\u0300-\u036f\u0483-\u0489\u0591-\u05c7\u064b-\u065f\u0900-\u0dff\u1100-\u11ff\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\u3099\u309a\ufe20-\ufe2f]/;

const foldBuffer: number[] = [];

function foldWith(table: Uint16Array, s: string): string {
  const n = s.length;
  if (n > 256) {
    let out = '';
    for (let i = 0; i < n; i++) out += String.fromCharCode(table[s.charCodeAt(i)]);
    return out;
  }
  foldBuffer.length = n;
  for (let i = 0; i < n; i++) foldBuffer[i] = table[s.charCodeAt(i)];
  return String.fromCharCode.apply(null, foldBuffer);
}

function warnAbout(
  warnings: TermIndexWarning[],
  packId: string,
  termId: string,
  termIndex: number,
  code: TermWarningCode,
  message: string,
  extra?: Partial<TermIndexWarning>,
  severity: TermIndexWarning['severity'] = 'warning',
): void {
  warnings.push(extra ? { severity, code, message, packId, termId, termIndex, ...extra } : { severity, code, message, packId, termId, termIndex });
}

/**
 * Builds the index for the glossaries of every loaded pack. Earlier glossaries and earlier
 * terms win when two terms share a form.
 */
export function buildTermIndex(glossaries: readonly GlossaryInput[], options: TermIndexOptions = {}): TermIndex {
  const maxFormLength = Math.max(1, options.maxFormLength ?? DEFAULT_MAX_FORM_LENGTH);
  const skipSingle = options.singleChar === 'skip';
  const maxTotalUnits = Math.min(MAX_TOTAL_UNITS, options.maxTotalUnits ?? MAX_TOTAL_UNITS);
  const fold = foldTableBmp();
  const word = wordTableBmp();
  const warnings: TermIndexWarning[] = [];
  const entries: IndexedTerm[] = [];
  const entryTermIndex: number[] = [];

  // 1. Collect and check every surface of every term.
  const candForm: string[] = [];
  const candEntry: number[] = [];
  const candSurface: TermSurface[] = [];
  let totalUnits = 0;
  const seenIds = new Map<string, Set<string>>();
  for (const glossary of glossaries ?? []) {
    const packId = typeof glossary?.packId === 'string' ? glossary.packId : '';
    const terms = Array.isArray(glossary?.terms) ? glossary.terms : [];
    let ids = seenIds.get(packId);
    if (!ids) seenIds.set(packId, (ids = new Set()));
    for (let termIndex = 0; termIndex < terms.length; termIndex++) {
      const term = terms[termIndex] as GlossaryTerm | null | undefined;
      if (!term || typeof term !== 'object' || typeof term.id !== 'string' || term.id.length === 0) {
        const id = term && typeof term === 'object' && typeof term.id === 'string' ? term.id : '';
        warnAbout(warnings, packId, id, termIndex, 'terms.invalid-term', `Glossary entry ${termIndex} of pack '${packId}' is not a term with a string id; it is ignored.`);
        continue;
      }
      const termId = term.id;
      if (ids.has(termId)) {
        warnAbout(warnings, packId, termId, termIndex, 'terms.duplicate-term', `Term '${termId}' appears more than once in pack '${packId}'; only the first is used.`);
        continue;
      }
      ids.add(termId);
      const entry = entries.length;
      entries.push({ packId, termId, term });
      entryTermIndex.push(termIndex);
      const surfaces = surfacesOf(term, (value, where) => {
        warnAbout(warnings, packId, termId, termIndex, 'terms.invalid-form', `Term '${termId}': ${where} is not a string (${typeof value}); it is ignored.`);
      });
      for (const surface of surfaces) {
        const form = surface.form.trim();
        const problem = (code: TermWarningCode, message: string, severity?: TermIndexWarning['severity']) =>
          warnAbout(warnings, packId, termId, termIndex, code, `Term '${termId}' (${surface.kind}): ${message}`, { form: surface.form }, severity);
        if (form.length === 0) { problem('terms.empty-form', 'empty form; it is ignored.'); continue; }
        if (hasLoneSurrogate(form)) { problem('terms.lone-surrogate', `form '${form}' contains half of a surrogate pair; it is ignored.`); continue; }
        if (isCombiningMark(form.codePointAt(0)!)) {
          problem('terms.unreachable-form', `form '${form}' starts with a combining mark, so it could never match a whole character; it is ignored.`);
          continue;
        }
        if (form.length > maxFormLength) {
          problem('terms.form-too-long', `form '${form.slice(0, 40)}…' is longer than ${maxFormLength} characters; it is ignored.`);
          continue;
        }
        if (codePointCount(form) === 1) {
          if (skipSingle) { problem('terms.single-char', `one-character form '${form}' is skipped.`); continue; }
          problem('terms.single-char', `one-character form '${form}' matches that character wherever no longer term covers it.`);
        }
        if (totalUnits + 2 * form.length > maxTotalUnits) {
          problem('terms.index-full', `the index is full (${maxTotalUnits} characters of forms); form '${form}' is ignored.`);
          continue;
        }
        const kind = surface.kind;
        const script = surface.script;
        candForm.push(form);
        candEntry.push(entry);
        candSurface.push(form === surface.form ? surface : script ? { form, kind, script } : { form, kind });
        totalUnits += form.length;
        const nfc = MAY_COMPOSE.test(form) ? form.normalize('NFC') : form;
        if (nfc !== form) {
          problem('terms.normalized-form', `form '${form}' has decomposed combining marks; its composed form is matched too.`, 'information');
          candForm.push(nfc);
          candEntry.push(entry);
          candSurface.push(script ? { form: nfc, kind, script } : { form: nfc, kind });
          totalUnits += nfc.length;
        }
      }
    }
  }

  // 2. Insert the folded forms into a trie; a form whose end node already ends a pattern is a
  //    duplicate (same term: one more surface; another term: a warning, the first keeps it).
  const trie = new TrieBuilder(totalUnits + 1);
  const patterns: TermPattern[] = [];
  const patternEntry: number[] = [];
  const usable = new Int32Array(entries.length);
  const reported = new Set<number>();
  // Forms are inserted grouped by their first folded unit (a stable counting sort, so of two
  // identical forms the earlier one still comes first).
  const candCount = candForm.length;
  const groupStart = new Int32Array(0x10001);
  for (let c = 0; c < candCount; c++) groupStart[fold[candForm[c].charCodeAt(0)] + 1]++;
  for (let u = 0; u < 0x10000; u++) groupStart[u + 1] += groupStart[u];
  const order = new Int32Array(candCount);
  const fillAt = groupStart.slice(0, 0x10000);
  for (let c = 0; c < candCount; c++) order[fillAt[fold[candForm[c].charCodeAt(0)]]++] = c;
  let groupEnd = 0;
  for (let oi = 0; oi < candCount; oi++) {
    const c = order[oi];
    if (oi === groupEnd) {
      const u = fold[candForm[c].charCodeAt(0)];
      groupEnd = groupStart[u + 1];
      let units = 0;
      for (let j = oi; j < groupEnd; j++) units += candForm[order[j]].length;
      trie.startGroup(units);
    }
    const form = candForm[c];
    const entry = candEntry[c];
    const surface = candSurface[c];
    const node = trie.insert(form, fold);
    const existing = trie.out[node];
    if (existing < 0) {
      const id = patterns.length;
      trie.out[node] = id;
      const folded = foldWith(fold, form);
      let englishLike = false;
      for (let i = 0; i < folded.length && !englishLike; i++) englishLike = word[folded.charCodeAt(i)] === 1;
      const e = entries[entry];
      patterns.push({ id, folded, packId: e.packId, termId: e.termId, term: e.term, surfaces: [surface], kinds: KIND_LISTS[surface.kind], englishLike });
      patternEntry.push(entry);
      usable[entry]++;
    } else if (patternEntry[existing] === entry) {
      const p = patterns[existing];
      const list = p.surfaces as TermSurface[];
      if (!list.some((x) => x.form === surface.form && x.kind === surface.kind && x.script === surface.script)) {
        list.push(surface);
        if (!p.kinds.includes(surface.kind)) p.kinds = [...p.kinds, surface.kind];
      }
      usable[entry]++;
    } else {
      const key = existing * 0x100000 + entry;
      if (!reported.has(key)) {
        reported.add(key);
        const owner = entries[patternEntry[existing]];
        const e = entries[entry];
        warnAbout(
          warnings, e.packId, e.termId, entryTermIndex[entry], 'terms.duplicate-form',
          `Term '${e.termId}' (${surface.kind}): form '${form}' is already a form of term '${owner.termId}' (pack '${owner.packId}'); it stays with '${owner.termId}'.`,
          { form, otherPackId: owner.packId, otherTermId: owner.termId },
        );
      }
    }
  }
  for (let e = 0; e < entries.length; e++) {
    if (usable[e] === 0) {
      const t = entries[e];
      warnAbout(warnings, t.packId, t.termId, entryTermIndex[e], 'terms.no-forms', `Term '${t.termId}' has no usable form and will never match.`);
    }
  }

  const automaton = compile(trie, patterns, fold, word, Math.max(1, options.denseMinChildren ?? DENSE_MIN_CHILDREN));
  let bytes = 0;
  for (const v of Object.values(automaton)) if (v !== word && ArrayBuffer.isView(v)) bytes += v.byteLength;
  let maxPatternLength = 0;
  for (const p of patterns) if (p.folded.length > maxPatternLength) maxPatternLength = p.folded.length;
  return {
    warnings,
    terms: entries,
    patterns,
    maxPatternLength,
    stats: { terms: entries.length, patterns: patterns.length, nodes: automaton.nodes, alphabet: automaton.alphabet, bytes },
    automaton,
  };
}

/** A trie over folded UTF-16 units; children are found through an open-addressing hash table. */
class TrieBuilder {
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

/**
 * Compiles the trie into the automaton: the alphabet, children lists sorted by counting sorts,
 * a double array, then failure links and output chains in breadth-first order.
 */
function compile(trie: TrieBuilder, patterns: readonly TermPattern[], fold: Uint16Array, word: Uint8Array, denseMin: number): Automaton {
  const { nodes, parent, unit, depth, out } = trie;
  const patCount = patterns.length;

  // Alphabet: every folded unit on some edge, numbered in increasing unit order from 1.
  const alphaOfUnit = new Int32Array(0x10000);
  for (let v = 1; v < nodes; v++) alphaOfUnit[unit[v]] = 1;
  let alphabet = 0;
  for (let u = 0; u < 0x10000; u++) if (alphaOfUnit[u]) alphaOfUnit[u] = ++alphabet;
  // Folded units never include upper-case letters, so the alphabet always fits in 16 bits.
  const alphaOf = new Uint16Array(0x10000);
  for (let c = 0; c < 0x10000; c++) alphaOf[c] = alphaOfUnit[fold[c]];
  const inAlpha = new Int32Array(nodes);
  for (let v = 1; v < nodes; v++) inAlpha[v] = alphaOfUnit[unit[v]];

  // Children lists sorted by alphabet id: a counting sort by alphabet id, then a stable
  // counting sort by parent.
  const byAlphaStart = new Int32Array(alphabet + 2);
  for (let v = 1; v < nodes; v++) byAlphaStart[inAlpha[v] + 1]++;
  for (let a = 0; a <= alphabet; a++) byAlphaStart[a + 1] += byAlphaStart[a];
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

  // Layout of the states (slots):
  //  - slot 0 is the root; its base is 0, so its children sit at slots 1..alphabet (reserved);
  //  - nodes with many children get a dense row (alphabet id → child slot) instead of a base,
  //    within a memory budget; their children get consecutive slots, so the states most scans
  //    visit after the root's children stay close together;
  //  - every other node with children gets a double-array base b: the slots b + label of all
  //    its children are free. Bases are chosen by decreasing number of children (while the array
  //    is sparse), each search trying at most MAX_TRIES free slots before taking fresh space past
  //    the last used slot. Free slots form a doubly linked list.
  const MAX_TRIES = 48;
  const stride = alphabet + 1;
  const degreeStart = new Int32Array(alphabet + 2);
  let withChildren = 0;
  for (let u = 1; u < nodes; u++) {
    const d = firstEdge[u + 1] - firstEdge[u];
    if (d > 0) { degreeStart[d]++; withChildren++; }
  }
  // Counting sort by degree, descending: after the suffix sums degreeStart[d] is the number of
  // nodes of degree >= d, so degree-d nodes fill [count(>= d + 1), count(>= d)).
  for (let d = alphabet; d >= 1; d--) degreeStart[d - 1] += degreeStart[d];
  const byDegree = new Int32Array(withChildren);
  for (let u = nodes - 1; u >= 1; u--) {
    const d = firstEdge[u + 1] - firstEdge[u];
    if (d > 0) byDegree[--degreeStart[d]] = u;
  }
  let rowCount = 0;
  while (
    rowCount < withChildren &&
    firstEdge[byDegree[rowCount] + 1] - firstEdge[byDegree[rowCount]] >= denseMin &&
    (rowCount + 1) * stride * 4 <= DENSE_BUDGET_BYTES
  ) rowCount++;
  let rowChildren = 0;
  for (let i = 0; i < rowCount; i++) rowChildren += firstEdge[byDegree[i] + 1] - firstEdge[byDegree[i]];

  const first = alphabet + 1 + rowChildren; // first slot for double-array children
  let size = Math.max(64, first + 3 * (nodes + alphabet) + 2);
  let used = new Uint8Array(size);
  let nextFree = new Int32Array(size);
  let prevFree = new Int32Array(size);
  const initFree = (from: number, to: number) => {
    for (let i = from; i < to; i++) { nextFree[i] = i + 1; prevFree[i] = i - 1; }
  };
  initFree(first, size);
  prevFree[first] = -1;
  used.fill(1, 0, first);
  let freeHead = first;
  let frontier = first; // every slot >= frontier is free
  const grow = (min: number) => {
    const old = size;
    let n = size;
    while (n <= min + alphabet + 1) n *= 2;
    const u8 = new Uint8Array(n); u8.set(used); used = u8;
    const nf = new Int32Array(n); nf.set(nextFree); nextFree = nf;
    const pf = new Int32Array(n); pf.set(prevFree); prevFree = pf;
    size = n;
    initFree(old, size);
    let tail = old - 1;
    while (tail >= first && used[tail]) tail--;
    prevFree[old] = tail >= first ? tail : -1;
    if (tail < first) freeHead = old;
  };
  const take = (slot: number) => {
    used[slot] = 1;
    const p = prevFree[slot];
    const n = nextFree[slot];
    if (p >= 0) nextFree[p] = n; else freeHead = n;
    if (n < size) prevFree[n] = p;
    if (slot >= frontier) frontier = slot + 1;
  };
  // baseOf: the double-array base (>= 0), or ~row for a node with a dense row.
  const baseOf = new Int32Array(nodes); // the root's base is 0
  const slotOf = new Int32Array(nodes);
  const rows = new Int32Array(rowCount * stride);
  // One bit per row entry: most lookups find no child, and the bits are 32 times smaller.
  const rowWords = (stride + 31) >>> 5;
  const rowBits = new Int32Array(rowCount * rowWords);
  let nextRowSlot = alphabet + 1;
  for (let i = 0; i < rowCount; i++) {
    const u = byDegree[i];
    baseOf[u] = ~i;
  }
  for (let i = rowCount; i < withChildren; i++) {
    const u = byDegree[i];
    const e0 = firstEdge[u];
    const e1 = firstEdge[u + 1];
    const a0 = edgeAlpha[e0];
    let b = -1;
    let tries = 0;
    for (let f = freeHead; f < frontier && tries < MAX_TRIES; f = nextFree[f], tries++) {
      const cand = f - a0;
      let ok = true;
      for (let e = e0 + 1; e < e1; e++) {
        const slot = cand + edgeAlpha[e];
        if (slot < size && used[slot]) { ok = false; break; }
      }
      if (ok) { b = cand; break; }
    }
    if (b < 0) b = frontier - a0;
    const last = b + edgeAlpha[e1 - 1];
    if (last >= size) grow(last);
    baseOf[u] = b;
    for (let e = e0; e < e1; e++) take(b + edgeAlpha[e]);
  }

  // Breadth-first order (counting sort by depth).
  let maxDepth = 0;
  for (let v = 1; v < nodes; v++) if (depth[v] > maxDepth) maxDepth = depth[v];
  const depthStart = new Int32Array(maxDepth + 2);
  for (let v = 1; v < nodes; v++) depthStart[depth[v] + 1]++;
  for (let d = 0; d <= maxDepth; d++) depthStart[d + 1] += depthStart[d];
  const bfs = new Int32Array(nodes);
  for (let v = 1; v < nodes; v++) bfs[1 + depthStart[depth[v]]++] = v;

  // Slots, in breadth-first order so that row children are numbered level by level.
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

  // States, four Int32 each, zero meaning "none" so that nothing needs filling:
  // [base or ~row, parent state + 1 (0 for children of a row), failure state,
  //  1 + longest pattern ending here or on the failure chain].
  const total = Math.max(maxSlot, maxBase + alphabet) + 1;
  const states = new Int32Array(total * 4);
  const patInfo = new Int32Array(patCount * 4);
  for (let p = 0; p < patCount; p++) {
    const k = patterns[p].folded;
    patInfo[4 * p] = k.length;
    patInfo[4 * p + 1] = (word[k.charCodeAt(0)] === 1 ? 1 : 0) | (word[k.charCodeAt(k.length - 1)] === 1 ? 2 : 0);
    patInfo[4 * p + 2] = -1;
  }
  states[0] = baseOf[0];
  if (out[0] >= 0) states[3] = out[0] + 1;
  for (let i = 1; i < nodes; i++) {
    const v = bfs[i];
    const s = slotOf[v];
    const ps = slotOf[parent[v]];
    const a = inAlpha[v];
    states[4 * s] = baseOf[v];
    // Check word: parent + 1 in the low 24 bits; the top byte is this state's child-label filter,
    // set below.
    states[4 * s + 1] |= baseOf[parent[v]] >= 0 ? ps + 1 : 0;
    // Mark bit (a & 7) in the parent's filter: a transition on a label whose bit is clear cannot
    // exist, so the scan skips the (likely uncached) check of the target slot.
    states[4 * ps + 1] |= 1 << (24 + (a & 7));
    // Failure: the longest proper suffix that is a trie node.
    let f = 0;
    if (ps !== 0) {
      let g = states[4 * ps + 2];
      for (;;) {
        const gb = states[4 * g];
        if (gb >= 0) {
          const t = gb + a;
          if (t < total && (states[4 * t + 1] & CHECK_MASK) === g + 1) { f = t; break; }
        } else {
          const t = rows[~gb * stride + a];
          if (t !== 0) { f = t; break; }
        }
        if (g === 0) break;
        g = states[4 * g + 2];
      }
    }
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
  return { alphaOf, alphabet, states, rows, stride, rowBits, rowWords, patInfo, nodes, word };
}
