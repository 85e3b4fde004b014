/**
 * Collecting the forms of a term index: every surface of every glossary term, checked and
 * trimmed, in priority order. Bad glossary input never throws; each problem becomes a
 * TermIndexWarning (see build.ts for the list of codes).
 */
import type { GlossaryTerm, Script } from '../pack/types';
import { isCombiningMark } from '../script/fold';
import { formatMessage } from '../text/messages';
import type { FormKind, GlossaryInput, IndexedTerm, TermIndexWarning, TermSurface, TermWarningCode } from './types';

const SCRIPTS: readonly Script[] = ['zh-Hans', 'zh-Hant', 'en'];

/**
 * Message templates of the term index, by warning code. `{0}` is the term's id (the pack's id
 * for an invalid entry), `{1}` the form, `{2}` the term that keeps a shared form.
 */
export const TERM_MESSAGES = {
  'terms.invalid-term': 'A glossary entry of pack "{0}" is not a term with a string id; it is ignored.',
  'terms.duplicate-term': 'Term "{0}" appears more than once; only the first is used.',
  'terms.invalid-form': 'Term "{0}" has a form that is not a string; it is ignored.',
  'terms.empty-form': 'Term "{0}" has an empty form; it is ignored.',
  'terms.lone-surrogate': 'Term "{0}": the form "{1}" holds half of a surrogate pair; it is ignored.',
  'terms.unreachable-form': 'Term "{0}": the form "{1}" starts with a combining mark and could never match; it is ignored.',
  'terms.form-too-long': 'Term "{0}": a form is too long to match; it is ignored.',
  'terms.single-char': 'Term "{0}": the one-character form "{1}" matches that character wherever no longer term covers it.',
  'terms.single-char-skipped': 'Term "{0}": the one-character form "{1}" is skipped.',
  'terms.index-full': 'The term index is full; the form "{1}" of term "{0}" is ignored.',
  'terms.duplicate-form': 'Term "{0}": the form "{1}" already belongs to term "{2}", which keeps it.',
  'terms.normalized-form': 'Term "{0}": the form "{1}" has decomposed combining marks; its composed form is matched too.',
  'terms.no-forms': 'Term "{0}" has no usable form and will never match.',
} as const;

/** A form another pack's term already has (a drafted pack often shares terms with the built-in one). */
export const DUPLICATE_FORM_OTHER_PACK = 'Term "{0}": the form "{1}" already belongs to term "{2}" of pack "{3}", which keeps it.';

/** Adds a warning about one term; `message` is the template filled with [termId, form, other term]. */
export function warnAbout(
  warnings: TermIndexWarning[],
  where: { packId: string; termId: string; termIndex: number },
  code: TermWarningCode,
  extra: Partial<Pick<TermIndexWarning, 'form' | 'otherPackId' | 'otherTermId'>> = {},
  severity: TermIndexWarning['severity'] = 'warning',
  template: string = TERM_MESSAGES[code],
): void {
  const args = code === 'terms.invalid-term' ? [where.packId] : [where.termId, extra.form ?? '', extra.otherTermId ?? ''];
  if (extra.otherPackId !== undefined && extra.otherPackId !== where.packId) args.push(extra.otherPackId);
  warnings.push({ severity, code, message: formatMessage(template, args), template, args, ...where, ...extra });
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

export function codePointCount(s: string): number {
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

export function hasLoneSurrogate(s: string): boolean {
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

export interface FormLimits {
  maxFormLength: number;
  skipSingle: boolean;
  maxTotalUnits: number;
}

/** The checked forms of every term, as parallel lists (one item per form to insert). */
export interface CollectedForms {
  entries: IndexedTerm[];
  /** Per entry: the term's position in its glossary. */
  entryTermIndex: number[];
  form: string[];
  /** Per form: its entry. */
  entry: number[];
  surface: TermSurface[];
  /** UTF-16 units of every collected form. */
  totalUnits: number;
}

/** Collects and checks every surface of every term. */
export function collectForms(glossaries: readonly GlossaryInput[], limits: FormLimits, warnings: TermIndexWarning[]): CollectedForms {
  const out: CollectedForms = { entries: [], entryTermIndex: [], form: [], entry: [], surface: [], totalUnits: 0 };
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
        warnAbout(warnings, { packId, termId: id, termIndex }, 'terms.invalid-term');
        continue;
      }
      const where = { packId, termId: term.id, termIndex };
      if (ids.has(term.id)) {
        warnAbout(warnings, where, 'terms.duplicate-term');
        continue;
      }
      ids.add(term.id);
      const entry = out.entries.length;
      out.entries.push({ packId, termId: term.id, term });
      out.entryTermIndex.push(termIndex);
      const surfaces = surfacesOf(term, () => warnAbout(warnings, where, 'terms.invalid-form'));
      for (const surface of surfaces) addSurface(
        out,
        entry,
        surface,
        limits,
        (code, severity, template) => warnAbout(warnings, where, code, { form: surface.form }, severity, template),
      );
    }
  }
  return out;
}

type Warn = (code: TermWarningCode, severity?: TermIndexWarning['severity'], template?: string) => void;

/** Checks one surface and adds its form (and its composed form, when that differs). */
function addSurface(out: CollectedForms, entry: number, surface: TermSurface, limits: FormLimits, warn: Warn): void {
  const form = surface.form.trim();
  if (form.length === 0) return warn('terms.empty-form');
  if (hasLoneSurrogate(form)) return warn('terms.lone-surrogate');
  if (isCombiningMark(form.codePointAt(0)!)) return warn('terms.unreachable-form');
  if (form.length > limits.maxFormLength) return warn('terms.form-too-long');
  if (codePointCount(form) === 1) {
    if (limits.skipSingle) return warn('terms.single-char', 'warning', TERM_MESSAGES['terms.single-char-skipped']);
    warn('terms.single-char');
  }
  if (out.totalUnits + 2 * form.length > limits.maxTotalUnits) return warn('terms.index-full');
  const { kind, script } = surface;
  push(out, entry, form, form === surface.form ? surface : script ? { form, kind, script } : { form, kind });
  const nfc = MAY_COMPOSE.test(form) ? form.normalize('NFC') : form;
  if (nfc !== form) {
    warn('terms.normalized-form', 'information');
    push(out, entry, nfc, script ? { form: nfc, kind, script } : { form: nfc, kind });
  }
}

function push(out: CollectedForms, entry: number, form: string, surface: TermSurface): void {
  out.form.push(form);
  out.entry.push(entry);
  out.surface.push(surface);
  out.totalUnits += form.length;
}
