/**
 * Term completion: from the text before the cursor, find glossary terms whose form
 * (English, either Chinese script) or pinyin (full or initials) starts with what was typed.
 * Works right after Chinese characters, where there is no word boundary to lean on.
 */
import type { GlossaryTerm, Script } from '../pack/types';
import { SCRIPTS } from '../pack/types';
import { foldText } from '../script/fold';
import { codePointBefore, hasHan, isHan } from '../text/chars';
import { pinyinFull, pinyinInitials } from '../script/pinyin';
import { preferredForm } from './card';

export interface CompletionTerm {
  packId: string;
  term: GlossaryTerm;
}

interface Prepared {
  packId: string;
  term: GlossaryTerm;
  /** Folded forms: every script, aliases, abbreviations. */
  forms: string[];
  pinyin: string[];
  initials: string[];
}

export interface CompletionIndex {
  items: Prepared[];
}

export type CompletionMatch = 'form' | 'pinyin' | 'initials';

export interface TermCompletion {
  packId: string;
  term: GlossaryTerm;
  /** The form to insert, in the draft's script. */
  insertText: string;
  /** How many characters before the cursor the insertion replaces (the typed prefix). */
  replaceLength: number;
  /** The typed prefix; hosts use it as the item's filter text. */
  prefix: string;
  matchedBy: CompletionMatch;
}

export function prepareCompletion(terms: readonly CompletionTerm[]): CompletionIndex {
  return {
    items: terms.map(({ packId, term }) => {
      const raw = [
        ...SCRIPTS.map((s) => term.forms[s]),
        ...(term.aliases ?? []),
        ...(term.abbreviations ?? []),
        ...Object.values(term.preferred ?? {})
      ];
      const forms = [...new Set(raw.filter(Boolean).map((f) => foldText(f)))];
      const chinese = [...new Set([term.forms['zh-Hans'], ...(term.aliases ?? []).filter(hasHan)])];
      return { packId, term, forms, pinyin: chinese.map(pinyinFull), initials: chinese.map(pinyinInitials) };
    }),
  };
}

const MAX_HAN_PREFIX = 12;
const MAX_ASCII_PREFIX = 40;

function isAsciiWord(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 0xff10 && c <= 0xff19) ||
    (c >= 0xff21 && c <= 0xff3a) || (c >= 0xff41 && c <= 0xff5a);
}

/**
 * Terms completing the text before the cursor. `linePrefix` is the line up to the cursor.
 * The longest typed suffix that starts some term wins for that term; results are sorted by
 * match length, then by how the match was made (forms before pinyin).
 */
export function completeTerms(index: CompletionIndex, linePrefix: string, script: Script, limit = 100): TermCompletion[] {
  const n = linePrefix.length;
  if (n === 0) return [];
  const last = linePrefix.charCodeAt(n - 1);
  const out = new Map<Prepared, TermCompletion>();
  if (isHan(codePointBefore(linePrefix, n))) {
    // Han characters before the cursor, whole code points (CJK Extension B is astral).
    const starts: number[] = [];
    for (let at = n; at > 0 && starts.length < MAX_HAN_PREFIX; ) {
      const c = codePointBefore(linePrefix, at);
      if (!isHan(c)) break;
      at -= c > 0xffff ? 2 : 1;
      starts.push(at);
    }
    // Try the longest suffix first, so a term keeps its longest match.
    for (const s of starts.reverse()) {
      const typed = linePrefix.slice(s);
      const folded = foldText(typed);
      for (const item of index.items) {
        if (out.has(item)) continue;
        if (item.forms.some((f) => f.startsWith(folded) && f !== folded)) out.set(item, make(item, typed, 'form'));
      }
    }
  } else if (isAsciiWord(last)) {
    let start = n;
    while (start > 0 && n - start < MAX_ASCII_PREFIX && isAsciiWord(linePrefix.charCodeAt(start - 1))) start--;
    const typed = linePrefix.slice(start);
    const q = foldText(typed);
    for (const item of index.items) {
      if (item.forms.some((f) => f.startsWith(q) && f !== q)) out.set(item, make(item, typed, 'form'));
      else if (q.length >= 2 && item.initials.some((p) => p.startsWith(q))) out.set(item, make(item, typed, 'initials'));
      else if (q.length >= 2 && item.pinyin.some((p) => p.startsWith(q))) out.set(item, make(item, typed, 'pinyin'));
    }
  }
  const rank: Record<CompletionMatch, number> = { form: 0, initials: 1, pinyin: 2 };
  return [...out.values()]
    .sort((a, b) => b.replaceLength - a.replaceLength || rank[a.matchedBy] - rank[b.matchedBy] || a.insertText.length - b.insertText.length)
    .slice(0, limit);

  function make(item: Prepared, typed: string, matchedBy: CompletionMatch): TermCompletion {
    return {
      packId: item.packId,
      term: item.term,
      insertText: preferredForm(item.term, script),
      replaceLength: typed.length,
      prefix: typed,
      matchedBy,
    };
  }
}
