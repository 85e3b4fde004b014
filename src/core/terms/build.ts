/**
 * Builds the term index: collects every surface of every glossary term (forms.ts), folds it
 * (see script/fold), inserts the folded forms into a trie, and compiles the unique patterns
 * into an Aho–Corasick automaton stored in typed arrays (automaton.ts).
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
 */
import { foldTableBmp, wordTableBmp } from '../script/fold';
import { compileAutomaton, TrieBuilder } from './automaton';
import { collectForms, DUPLICATE_FORM_OTHER_PACK, TERM_MESSAGES, warnAbout, type CollectedForms } from './forms';
import type { FormKind, GlossaryInput, TermIndex, TermIndexOptions, TermIndexWarning, TermPattern, TermSurface } from './types';

const DEFAULT_MAX_FORM_LENGTH = 128;
/** Nodes with at least this many children get a dense transition row. */
const DENSE_MIN_CHILDREN = 8;
/**
 * Most UTF-16 units of forms one index takes (about 800,000 terms): state numbers then stay
 * below 2^24, which leaves the top byte of each state's check word for a child-label filter.
 */
const MAX_TOTAL_UNITS = 4_000_000;

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
  const fold = foldTableBmp();
  const word = wordTableBmp();
  const warnings: TermIndexWarning[] = [];
  const forms = collectForms(glossaries, {
    maxFormLength: Math.max(1, options.maxFormLength ?? DEFAULT_MAX_FORM_LENGTH),
    skipSingle: options.singleChar === 'skip',
    maxTotalUnits: Math.min(MAX_TOTAL_UNITS, options.maxTotalUnits ?? MAX_TOTAL_UNITS),
  }, warnings);
  const trie = new TrieBuilder(forms.totalUnits + 1);
  const patterns = insertForms(trie, forms, fold, word, warnings);
  const automaton = compileAutomaton(trie, patterns, fold, word, Math.max(1, options.denseMinChildren ?? DENSE_MIN_CHILDREN));
  let bytes = 0;
  for (const v of Object.values(automaton)) if (v !== word && ArrayBuffer.isView(v)) bytes += v.byteLength;
  let maxPatternLength = 0;
  for (const p of patterns) if (p.folded.length > maxPatternLength) maxPatternLength = p.folded.length;
  const { entries } = forms;
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
 * Inserts the folded forms into the trie and returns the patterns. A form whose end node
 * already ends a pattern is a duplicate: of the same term, one more surface; of another term,
 * a warning (the first keeps it). Forms are inserted grouped by their first folded unit (a
 * stable counting sort, so of two identical forms the earlier one still comes first).
 */
function insertForms(
  trie: TrieBuilder,
  forms: CollectedForms,
  fold: Uint16Array,
  word: Uint8Array,
  warnings: TermIndexWarning[],
): TermPattern[] {
  const { entries } = forms;
  const patterns: TermPattern[] = [];
  const patternEntry: number[] = [];
  const usable = new Int32Array(entries.length);
  const reported = new Set<number>();
  const candCount = forms.form.length;
  const groupStart = new Int32Array(0x10001);
  for (let c = 0; c < candCount; c++) groupStart[fold[forms.form[c].charCodeAt(0)] + 1]++;
  for (let u = 0; u < 0x10000; u++) groupStart[u + 1] += groupStart[u];
  const order = new Int32Array(candCount);
  const fillAt = groupStart.slice(0, 0x10000);
  for (let c = 0; c < candCount; c++) order[fillAt[fold[forms.form[c].charCodeAt(0)]]++] = c;
  let groupEnd = 0;
  for (let oi = 0; oi < candCount; oi++) {
    const c = order[oi];
    const form = forms.form[c];
    if (oi === groupEnd) {
      groupEnd = groupStart[fold[form.charCodeAt(0)] + 1];
      let units = 0;
      for (let j = oi; j < groupEnd; j++) units += forms.form[order[j]].length;
      trie.startGroup(units);
    }
    const entry = forms.entry[c];
    const surface = forms.surface[c];
    const node = trie.insert(form, fold);
    const existing = trie.out[node];
    if (existing < 0) {
      const id = patterns.length;
      trie.out[node] = id;
      const folded = foldWith(fold, form);
      let englishLike = false;
      for (let i = 0; i < folded.length && !englishLike; i++) englishLike = word[folded.charCodeAt(i)] === 1;
      const e = entries[entry];
      patterns.push({
        id,
        folded,
        packId: e.packId,
        termId: e.termId,
        term: e.term,
        surfaces: [surface],
        kinds: KIND_LISTS[surface.kind],
        englishLike,
      });
      patternEntry.push(entry);
      usable[entry]++;
    } else if (patternEntry[existing] === entry) {
      addSurface(patterns[existing], surface);
      usable[entry]++;
    } else {
      const key = existing * 0x100000 + entry;
      if (!reported.has(key)) {
        reported.add(key);
        const owner = entries[patternEntry[existing]];
        const e = entries[entry];
        const where = { packId: e.packId, termId: e.termId, termIndex: forms.entryTermIndex[entry] };
        const template = owner.packId === e.packId ? TERM_MESSAGES['terms.duplicate-form'] : DUPLICATE_FORM_OTHER_PACK;
        const other = { form, otherPackId: owner.packId, otherTermId: owner.termId };
        warnAbout(warnings, where, 'terms.duplicate-form', other, 'warning', template);
      }
    }
  }
  for (let e = 0; e < entries.length; e++) {
    if (usable[e] === 0) warnAbout(
      warnings,
      { packId: entries[e].packId, termId: entries[e].termId, termIndex: forms.entryTermIndex[e] },
      'terms.no-forms',
    );
  }
  return patterns;
}

/** One more surface of the same term for a pattern (unless the pattern already has it). */
function addSurface(p: TermPattern, surface: TermSurface): void {
  const list = p.surfaces as TermSurface[];
  if (list.some((x) => x.form === surface.form && x.kind === surface.kind && x.script === surface.script)) return;
  list.push(surface);
  if (!p.kinds.includes(surface.kind)) p.kinds = [...p.kinds, surface.kind];
}
