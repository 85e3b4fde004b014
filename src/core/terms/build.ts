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
 *  - terms.no-forms         a term left without any usable form.
 * Regular-expression metacharacters, emoji and other astral characters are plain characters.
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
const SCRIPTS: readonly Script[] = ['zh-Hans', 'zh-Hant', 'en'];

interface PatternDraft {
  folded: string;
  entry: number;
  surfaces: TermSurface[];
}

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

/**
 * Builds the index for the glossaries of every loaded pack. Earlier glossaries and earlier
 * terms win when two terms share a form.
 */
export function buildTermIndex(glossaries: readonly GlossaryInput[], options: TermIndexOptions = {}): TermIndex {
  const maxFormLength = Math.max(1, options.maxFormLength ?? DEFAULT_MAX_FORM_LENGTH);
  const skipSingle = options.singleChar === 'skip';
  const fold = foldTableBmp();
  const word = wordTableBmp();
  const warnings: TermIndexWarning[] = [];
  const entries: IndexedTerm[] = [];
  const drafts: PatternDraft[] = [];
  const byFolded = new Map<string, number>();
  const seenTerms = new Set<string>();
  const reportedDuplicates = new Set<string>();

  for (const glossary of glossaries ?? []) {
    const packId = typeof glossary?.packId === 'string' ? glossary.packId : '';
    const terms = Array.isArray(glossary?.terms) ? glossary.terms : [];
    for (let termIndex = 0; termIndex < terms.length; termIndex++) {
      const term = terms[termIndex] as GlossaryTerm | null | undefined;
      const warn = (code: TermWarningCode, message: string, extra: Partial<TermIndexWarning> = {}, severity: TermIndexWarning['severity'] = 'warning'): void => {
        warnings.push({ severity, code, message, packId, termId: typeof term?.id === 'string' ? term.id : '', termIndex, ...extra });
      };
      if (!term || typeof term !== 'object' || typeof term.id !== 'string' || term.id.length === 0) {
        warn('terms.invalid-term', `Glossary entry ${termIndex} of pack '${packId}' is not a term with a string id; it is ignored.`);
        continue;
      }
      const termKey = `${packId}\u0000${term.id}`;
      if (seenTerms.has(termKey)) {
        warn('terms.duplicate-term', `Term '${term.id}' appears more than once in pack '${packId}'; only the first is used.`);
        continue;
      }
      seenTerms.add(termKey);
      const entry = entries.length;
      entries.push({ packId, termId: term.id, term });
      let usable = 0;

      const surfaces = surfacesOf(term, (value, where) => {
        warn('terms.invalid-form', `Term '${term.id}': ${where} is not a string (${typeof value}); it is ignored.`);
      });
      for (const surface of surfaces) {
        const form = surface.form.trim();
        const where = `Term '${term.id}' (${surface.kind})`;
        if (form.length === 0) {
          warn('terms.empty-form', `${where} has an empty form; it is ignored.`, { form: surface.form });
          continue;
        }
        if (hasLoneSurrogate(form)) {
          warn('terms.lone-surrogate', `${where}: form '${form}' contains half of a surrogate pair; it is ignored.`, { form });
          continue;
        }
        if (isCombiningMark(form.codePointAt(0)!)) {
          warn('terms.unreachable-form', `${where}: form '${form}' starts with a combining mark, so it could never match a whole character; it is ignored.`, { form });
          continue;
        }
        if (form.length > maxFormLength) {
          warn('terms.form-too-long', `${where}: form '${form.slice(0, 40)}…' is longer than ${maxFormLength} characters; it is ignored.`, { form });
          continue;
        }
        if (codePointCount(form) === 1) {
          if (skipSingle) {
            warn('terms.single-char', `${where}: one-character form '${form}' is skipped.`, { form });
            continue;
          }
          warn('terms.single-char', `${where}: one-character form '${form}' matches that character wherever no longer term covers it.`, { form });
        }
        const variants = [form];
        const nfc = MAY_COMPOSE.test(form) ? form.normalize('NFC') : form;
        if (nfc !== form) {
          variants.push(nfc);
          warn('terms.normalized-form', `${where}: form '${form}' has decomposed combining marks; its composed form is matched too.`, { form }, 'information');
        }
        for (const variant of variants) {
          const folded = foldWith(fold, variant);
          const existing = byFolded.get(folded);
          if (existing === undefined) {
            byFolded.set(folded, drafts.length);
            drafts.push({ folded, entry, surfaces: [{ ...surface, form: variant }] });
            usable++;
          } else if (drafts[existing].entry === entry) {
            const d = drafts[existing];
            if (!d.surfaces.some((s) => s.form === variant && s.kind === surface.kind && s.script === surface.script)) {
              d.surfaces.push({ ...surface, form: variant });
            }
            usable++;
          } else {
            const owner = entries[drafts[existing].entry];
            const key = `${existing}\u0000${entry}`;
            if (!reportedDuplicates.has(key)) {
              reportedDuplicates.add(key);
              warn('terms.duplicate-form', `${where}: form '${variant}' is already a form of term '${owner.termId}' (pack '${owner.packId}'); it stays with '${owner.termId}'.`, { form: variant, otherPackId: owner.packId, otherTermId: owner.termId });
            }
          }
        }
      }
      if (usable === 0) warn('terms.no-forms', `Term '${term.id}' has no usable form and will never match.`);
    }
  }

  const patterns: TermPattern[] = drafts.map((d, id) => {
    const e = entries[d.entry];
    const kinds: FormKind[] = [];
    for (const s of d.surfaces) if (!kinds.includes(s.kind)) kinds.push(s.kind);
    let englishLike = false;
    for (let i = 0; i < d.folded.length && !englishLike; i++) englishLike = word[d.folded.charCodeAt(i)] === 1;
    return { id, folded: d.folded, packId: e.packId, termId: e.termId, term: e.term, surfaces: d.surfaces, kinds, englishLike };
  });
  const automaton = compile(patterns.map((p) => p.folded), fold, word);
  let bytes = 0;
  for (const v of Object.values(automaton)) if (v !== word && ArrayBuffer.isView(v)) bytes += v.byteLength;
  let maxPatternLength = 0;
  for (const p of patterns) maxPatternLength = Math.max(maxPatternLength, p.folded.length);
  return {
    warnings,
    terms: entries,
    patterns,
    maxPatternLength,
    stats: { terms: entries.length, patterns: patterns.length, nodes: automaton.nodes, alphabet: automaton.alphabet, bytes },
    automaton,
  };
}

/**
 * Compiles unique folded patterns into the automaton. Patterns are inserted in sorted order,
 * so every node's children are created in increasing unit order and the CSR edge lists come
 * out sorted without a comparison sort.
 */
function compile(keys: readonly string[], fold: Uint16Array, word: Uint8Array): Automaton {
  const patCount = keys.length;
  // Alphabet: every folded unit used by a pattern, numbered in increasing unit order from 1.
  const alphaOfUnit = new Int32Array(0x10000);
  let totalUnits = 0;
  for (const k of keys) {
    totalUnits += k.length;
    for (let i = 0; i < k.length; i++) alphaOfUnit[k.charCodeAt(i)] = 1;
  }
  let alphabet = 0;
  for (let u = 0; u < 0x10000; u++) if (alphaOfUnit[u]) alphaOfUnit[u] = ++alphabet;
  const alphaOf = new Int32Array(0x10000);
  for (let c = 0; c < 0x10000; c++) alphaOf[c] = alphaOfUnit[fold[c]];

  const order = keys.map((_, i) => i);
  const sortedKeys = keys.slice().sort();
  const idOf = new Map<string, number>();
  keys.forEach((k, i) => idOf.set(k, i));
  for (let i = 0; i < sortedKeys.length; i++) order[i] = idOf.get(sortedKeys[i])!;

  const capacity = totalUnits + 1;
  const parent = new Int32Array(capacity);
  const inAlpha = new Int32Array(capacity);
  const depth = new Int32Array(capacity);
  const out = new Int32Array(capacity).fill(-1);
  let nodes = 1;
  let pathArr = new Int32Array(DEFAULT_MAX_FORM_LENGTH * 4 + 2);
  let prev = '';
  for (const id of order) {
    const k = keys[id];
    if (pathArr.length < k.length + 1) {
      const grown = new Int32Array(k.length * 2 + 2);
      grown.set(pathArr);
      pathArr = grown;
    }
    let lcp = 0;
    const max = Math.min(prev.length, k.length);
    while (lcp < max && prev.charCodeAt(lcp) === k.charCodeAt(lcp)) lcp++;
    let node = pathArr[lcp];
    for (let d = lcp; d < k.length; d++) {
      const v = nodes++;
      parent[v] = node;
      inAlpha[v] = alphaOfUnit[k.charCodeAt(d)];
      depth[v] = d + 1;
      pathArr[d + 1] = v;
      node = v;
    }
    out[node] = id;
    prev = k;
  }

  // CSR children lists, sorted by alphabet id (creation order is increasing unit order).
  const firstEdge = new Int32Array(nodes + 1);
  for (let v = 1; v < nodes; v++) firstEdge[parent[v] + 1]++;
  for (let u = 0; u < nodes; u++) firstEdge[u + 1] += firstEdge[u];
  const edgeAlpha = new Int32Array(Math.max(0, nodes - 1));
  const edgeTarget = new Int32Array(Math.max(0, nodes - 1));
  const fillPos = firstEdge.slice(0, nodes);
  for (let v = 1; v < nodes; v++) {
    const e = fillPos[parent[v]]++;
    edgeAlpha[e] = inAlpha[v];
    edgeTarget[e] = v;
  }

  // Breadth-first order (counting sort by depth).
  let maxDepth = 0;
  for (let v = 1; v < nodes; v++) if (depth[v] > maxDepth) maxDepth = depth[v];
  const depthStart = new Int32Array(maxDepth + 2);
  for (let v = 1; v < nodes; v++) depthStart[depth[v] + 1]++;
  for (let d = 0; d <= maxDepth; d++) depthStart[d + 1] += depthStart[d];
  const bfs = new Int32Array(nodes);
  bfs[0] = 0;
  for (let v = 1; v < nodes; v++) bfs[1 + depthStart[depth[v]]++] = v;

  // Failure and dictionary links over trie node ids.
  const goTo = (u: number, a: number): number => {
    let lo = firstEdge[u];
    let hi = firstEdge[u + 1] - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const x = edgeAlpha[mid];
      if (x === a) return edgeTarget[mid];
      if (x < a) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  };
  const failNode = new Int32Array(nodes);
  const dictLink = new Int32Array(nodes).fill(-1);
  for (let i = 1; i < nodes; i++) {
    const v = bfs[i];
    const u = parent[v];
    if (u === 0) continue;
    const a = inAlpha[v];
    let f = failNode[u];
    let target: number;
    for (;;) {
      const g = goTo(f, a);
      if (g >= 0) { target = g; break; }
      if (f === 0) { target = 0; break; }
      f = failNode[f];
    }
    failNode[v] = target;
    dictLink[v] = out[target] >= 0 ? target : dictLink[target];
  }

  // Double array: every node with children gets a base b such that the slots b + label of all
  // its children are free. A node's slot only depends on its parent's base, so bases can be
  // chosen in any order: nodes with many children go first, while the array is still sparse,
  // and nodes with one child then fill the holes. The root's base is 0 and slots 1..alphabet are
  // reserved for its children, so any free slot f gives a valid base f - label >= 1. A search
  // tries at most MAX_TRIES free slots, then takes fresh space past the last used slot.
  const MAX_TRIES = 48;
  let size = Math.max(64, 2 * (nodes + alphabet) + 2);
  let used = new Uint8Array(size);
  let nextFree = new Int32Array(size);
  let prevFree = new Int32Array(size);
  const initFree = (from: number, to: number) => {
    for (let i = from; i < to; i++) { nextFree[i] = i + 1; prevFree[i] = i - 1; }
  };
  const first = alphabet + 1;
  initFree(first, size);
  prevFree[first] = -1;
  for (let i = 0; i < first; i++) used[i] = 1;
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
  const baseOf = new Int32Array(nodes); // the root's base is 0
  for (let i = 0; i < withChildren; i++) {
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
  const slotOf = new Int32Array(nodes);
  let maxSlot = 0;
  for (let i = 1; i < nodes; i++) {
    const v = bfs[i];
    const slot = baseOf[parent[v]] + inAlpha[v];
    slotOf[v] = slot;
    if (slot > maxSlot) maxSlot = slot;
  }

  // Final arrays, sized so that base(s) + a never leaves them.
  let maxBase = 0;
  for (let u = 0; u < nodes; u++) if (baseOf[u] > maxBase) maxBase = baseOf[u];
  const total = Math.max(maxSlot, maxBase + alphabet) + 1;
  const states = new Int32Array(total * 4);
  for (let s = 0; s < total; s++) { states[4 * s + 1] = -1; states[4 * s + 3] = -1; }
  // Output records, one per pattern: [length, flags, next pattern on the dictionary chain, 0].
  const patInfo = new Int32Array(patCount * 4);
  for (let v = 0; v < nodes; v++) {
    const s = slotOf[v];
    states[4 * s] = baseOf[v];
    states[4 * s + 1] = v === 0 ? -2 : slotOf[parent[v]];
    states[4 * s + 2] = slotOf[failNode[v]];
    const first = out[v] >= 0 ? out[v] : dictLink[v] >= 0 ? out[dictLink[v]] : -1;
    states[4 * s + 3] = first;
    const p = out[v];
    if (p >= 0) patInfo[4 * p + 2] = dictLink[v] >= 0 ? out[dictLink[v]] : -1;
  }
  for (let p = 0; p < patCount; p++) {
    const k = keys[p];
    patInfo[4 * p] = k.length;
    patInfo[4 * p + 1] = (word[k.charCodeAt(0)] === 1 ? 1 : 0) | (word[k.charCodeAt(k.length - 1)] === 1 ? 2 : 0);
  }
  return { alphaOf, alphabet, states, patInfo, nodes, word };
}
