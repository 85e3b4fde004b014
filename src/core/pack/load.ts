/**
 * Loading and validating a pack file. Validation never throws: every problem is reported
 * with a range in the pack's text, and whatever is valid is kept, so one broken term does
 * not take the pack down, and one broken pack does not take the others down.
 */
import type { Problem, Severity, TextRange } from '../text/types';
import { blankBom, clampProblems, excessiveJsonNesting, MAX_JSON_DEPTH } from '../text/guard';
import { sanitizeCslFields, type CslFieldIssue } from '../citations/cslFields';
import { parseTree, findNodeAtLocation, printParseErrorCode, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import type { GlossaryTerm, LocalizedText, OutlineSection, ReportPack, Script, TaxonomyCategory, TaxonomyTopic } from './types';
import { SCRIPTS } from './types';

export interface LoadedPack {
  /** The usable part of the pack, or undefined when nothing usable is left. */
  pack?: ReportPack;
  problems: Problem[];
}

type Path = Array<string | number>;

/** The ids of one kind (sections or terms): every one that was read, and those whose entries loaded. */
interface Refs {
  declared: Set<string>;
  kept: Set<string>;
}

/**
 * Message templates of the pack loader. `{0}`, `{1}` are filled from `Problem.args`; hosts
 * localise a problem by its template (the English text is also in `Problem.message`).
 */
export const PACK_MESSAGES = {
  tooLarge: 'The pack is larger than {0} MB and was not loaded.',
  jsonSyntax: 'JSON syntax error: {0}.',
  notObject: 'A pack must be a JSON object.',
  missing: 'Missing {0}.',
  notString: '{0} must be a non-empty string.',
  notStringArray: '{0} must be an array of strings.',
  emptyItem: '{0} must hold non-empty strings; this item is ignored.',
  singleString: '{0} is a single string; give it as {1}.',
  notLocalized: '{0} must be an object with "en", "zh-Hans" and "zh-Hant".',
  noText: '{0} has no text in any script.',
  missingTranslation: '{0} has no {1} text; another script\'s text is shown instead.',
  badId: 'The id "{0}" must be letters, digits, ".", "-" or "_".',
  duplicateId: 'Duplicate id "{0}"; this one is ignored.',
  badScript: 'reportScript must be one of {0}.',
  noReference: 'Missing the report\'s bibliographic record ("reference", a CSL-JSON item).',
  referenceId: 'The reference needs a CSL-JSON "id" (the citation key).',
  referenceType: 'The reference needs a CSL-JSON "type", e.g. "report".',
  referenceTitle: 'The reference needs a "title".',
  unknownCategory: 'Term "{0}" names category "{1}", which the taxonomy does not have.',
  selfRelated: 'Term "{0}" lists itself as related.',
  unknownRelated: 'Related term "{0}" is not in the glossary.',
  unplacedTerm: 'Term "{0}" is under no taxonomy topic.',
  notArray: '{0} must be an array.',
  notObjectAt: '{0} must be an object.',
  nestedSection: 'Section "{0}" is nested inside itself.',
  unknownSection: 'Section "{0}" is not in the outline.',
  noGlossary: 'The pack has no glossary.',
  badMixing: 'mixing must be "allowed" or "discouraged".',
  emptyCategory: 'Category "{0}" has no topics.',
  unknownTerm: 'Term "{0}" is not in the glossary.',
  tooDeep: 'The pack is nested more than {0} levels deep and was not loaded.',
  unreadable: 'The pack could not be read: {0}.',
  droppedTerm: 'Term "{0}" was not loaded because of the errors above; this reference to it is removed.',
  droppedSection: 'Section "{0}" was not loaded because of the errors above; this reference to it is removed.',
  badTitles: '{0} must be an object of texts per script ("en", "zh-Hans", "zh-Hant"); it is ignored.',
  badTitle: '{0} must be a non-empty string; it is ignored.',
  badLevel: '{0} must be a whole number of at least 1; the nesting depth is used.',
  badForms: '{0} must be an object with a text (or, for discouraged forms, a list of texts) per script; it is ignored.',
  badFieldText: '{0} must be text; it is ignored.',
  badFieldNumber: '{0} must be text or a number; it is ignored.',
  badFieldNames: '{0} must be a list of names (objects with "family", "given" or "literal"); it is ignored.',
  badFieldDate: '{0} must be a CSL date (an object with "date-parts", "raw" or "literal"); it is ignored.',
} as const;

type MessageKey = keyof typeof PACK_MESSAGES;

/** Fills a template's `{n}` placeholders. */
export function formatMessage(template: string, args: ReadonlyArray<string | number> = []): string {
  return template.replace(/\{(\d+)\}/g, (m, i: string) => (args[Number(i)] !== undefined ? String(args[Number(i)]) : m));
}

function problem(severity: Severity, code: string, key: MessageKey, args: Array<string | number>, range: TextRange): Problem {
  const template = PACK_MESSAGES[key];
  return { severity, code, message: formatMessage(template, args), template, args, range };
}

/** `glossary[3].forms` for a JSON path. */
function pathLabel(path: Path): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('') || '(root)';
}

const ID = /^[a-z0-9][a-z0-9._-]*$/i;
const MAX_PACK_CHARS = 20_000_000;

/**
 * Loads a pack from its text. Never throws: whatever the text, the result is a pack (when
 * enough of it is valid) and problems whose ranges lie inside the text. A leading BOM is read
 * as whitespace, so offsets stay those of the text given.
 */
export function loadPack(text: string): LoadedPack {
  const problems: Problem[] = [];
  if (text.length > MAX_PACK_CHARS) {
    return { problems: [problem('error', 'pack.too-large', 'tooLarge', [MAX_PACK_CHARS / 1e6], { start: 0, end: 0 })] };
  }
  const source = blankBom(text);
  const deep = excessiveJsonNesting(source);
  if (deep !== undefined) {
    problems.push(problem('error', 'pack.too-deep', 'tooDeep', [MAX_JSON_DEPTH], { start: deep, end: deep + 1 }));
    return { problems: clampProblems(problems, text) };
  }
  let pack: ReportPack | undefined;
  try {
    pack = parseAndValidate(source, problems);
  } catch (e) {
    // A last line of defence: a parser or validator failure becomes a problem, never an exception.
    problems.push(problem('error', 'pack.unreadable', 'unreadable', [e instanceof Error ? e.message : String(e)], { start: 0, end: 1 }));
    pack = undefined;
  }
  return { pack, problems: clampProblems(problems, text) };
}

function parseAndValidate(text: string, problems: Problem[]): ReportPack | undefined {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  for (const e of errors) {
    problems.push(problem(
      'error',
      'pack.json-syntax',
      'jsonSyntax',
      [printParseErrorCode(e.error)],
      { start: e.offset, end: e.offset + Math.max(1, e.length) },
    ));
  }
  if (!root || root.type !== 'object') {
    problems.push(problem('error', 'pack.not-object', 'notObject', [], { start: 0, end: Math.min(1, text.length) }));
    return undefined;
  }
  if (errors.length) return undefined;
  return new Validator(root, problems).pack();
}

class Validator {
  constructor(private readonly root: JsonNode, private readonly problems: Problem[]) {}

  private node(path: Path): JsonNode | undefined {
    return findNodeAtLocation(this.root, path);
  }

  /** Reports at the value of `path`, or at the nearest existing ancestor. */
  report(severity: Severity, code: string, key: MessageKey, path: Path, args: Array<string | number> = []): void {
    let p = [...path];
    let n = this.node(p);
    while (!n && p.length) {
      p = p.slice(0, -1);
      n = p.length ? this.node(p) : this.root;
    }
    const target = n;
    const start = target ? target.offset : 0;
    const len = target ? (target.type === 'object' || target.type === 'array' ? 1 : target.length) : 0;
    this.problems.push(problem(severity, code, key, args, { start, end: start + len }));
  }

  private value(path: Path): unknown {
    const n = this.node(path);
    return n ? nodeValue(n) : undefined;
  }

  private str(path: Path, required: boolean): string | undefined {
    const v = this.value(path);
    if (v === undefined) {
      if (required) this.report('error', 'pack.missing', 'missing', path, [pathLabel(path)]);
      return undefined;
    }
    if (typeof v !== 'string' || v.trim() === '') {
      this.report('error', 'pack.type', 'notString', path, [pathLabel(path)]);
      return undefined;
    }
    return v;
  }

  private strings(path: Path): string[] {
    const v = this.value(path);
    if (v === undefined) return [];
    if (!Array.isArray(v)) {
      this.report('error', 'pack.type', 'notStringArray', path, [pathLabel(path)]);
      return [];
    }
    const out: string[] = [];
    v.forEach((s, i) => {
      if (typeof s === 'string' && s.trim() !== '') out.push(s);
      else this.report('warning', 'pack.type', 'emptyItem', [...path, i], [pathLabel(path)]);
    });
    return out;
  }

  private localized(path: Path, required: boolean, optionalEnglish = false): LocalizedText | undefined {
    const v = this.value(path);
    if (v === undefined) {
      if (required) this.report('error', 'pack.missing', 'missing', path, [pathLabel(path)]);
      return undefined;
    }
    if (typeof v === 'string' && v.trim()) {
      this.report('warning', 'pack.missing-translation', 'singleString', path, [pathLabel(path), '{ "en", "zh-Hans", "zh-Hant" }']);
      return { en: v, 'zh-Hans': v, 'zh-Hant': v };
    }
    if (!v || typeof v !== 'object' || Array.isArray(v)) {
      this.report('error', 'pack.type', 'notLocalized', path, [pathLabel(path)]);
      return undefined;
    }
    const o = v as Record<string, unknown>;
    const present = SCRIPTS.filter((s) => typeof o[s] === 'string' && (o[s] as string).trim() !== '');
    if (present.length === 0) {
      this.report('error', 'pack.missing-translation', 'noText', path, [pathLabel(path)]);
      return undefined;
    }
    const missing = SCRIPTS.filter((s) => !present.includes(s) && !(optionalEnglish && s === 'en'));
    if (missing.length) {
      this.report('warning', 'pack.missing-translation', 'missingTranslation', path, [pathLabel(path), missing.join(', ')]);
    }
    const pick = (s: Script): string => (present.includes(s) ? (o[s] as string) : (o[fallback(s, present)] as string));
    return { en: pick('en'), 'zh-Hans': pick('zh-Hans'), 'zh-Hant': pick('zh-Hant') };
  }

  private id(path: Path, seen: Set<string>): string | undefined {
    const id = this.str(path, true);
    if (id === undefined) return undefined;
    if (!ID.test(id)) {
      this.report('error', 'pack.bad-id', 'badId', path, [id]);
      return undefined;
    }
    if (seen.has(id)) {
      this.report('error', 'pack.duplicate-id', 'duplicateId', path, [id]);
      return undefined;
    }
    seen.add(id);
    return id;
  }

  pack(): ReportPack | undefined {
    const id = this.str(['id'], true);
    if (id !== undefined && !ID.test(id)) this.report('error', 'pack.bad-id', 'badId', ['id'], [id]);
    const name = this.localized(['name'], true);
    const version = this.str(['version'], false) ?? '0.0.0';
    const scriptValue = this.value(['reportScript']);
    let reportScript: Script = 'zh-Hant';
    if (scriptValue !== undefined) {
      if (SCRIPTS.includes(scriptValue as Script)) reportScript = scriptValue as Script;
      else this.report('error', 'pack.type', 'badScript', ['reportScript'], [SCRIPTS.join(', ')]);
    }
    const reference = this.value(['reference']);
    let ref: ReportPack['reference'] | undefined;
    if (!reference || typeof reference !== 'object' || Array.isArray(reference)) {
      this.report('error', 'pack.missing', 'noReference', ['reference']);
    } else {
      const r = reference as Record<string, unknown>;
      if (typeof r.id !== 'string' || !r.id) this.report('error', 'pack.missing', 'referenceId', ['reference']);
      else if (typeof r.type !== 'string') this.report('error', 'pack.missing', 'referenceType', ['reference']);
      else if (typeof r.title !== 'string') this.report('error', 'pack.missing', 'referenceTitle', ['reference']);
      else ref = this.reference(r);
    }

    // `declared` holds every id that was read, `kept` the ids whose entries loaded: a reference to a
    // declared id that did not load is reported as such, and removed like any unknown reference.
    const sections: Refs = { declared: new Set<string>(), kept: new Set<string>() };
    const outline = this.outline(['outline'], sections, 1);
    const terms: Refs = { declared: new Set<string>(), kept: new Set<string>() };
    const glossary = this.glossary(sections, terms);
    const taxonomy = this.taxonomy(sections, terms);
    const glossaryIds = terms.kept;

    // Cross references that need the whole pack.
    const categoryIds = new Set(taxonomy.map((c) => c.id));
    const placed = new Set(taxonomy.flatMap((c) => c.topics.flatMap((t) => t.terms)));
    const keep: GlossaryTerm[] = [];
    glossary.forEach(({ term, index }) => {
      if (!categoryIds.has(term.category)) {
        this.report('error', 'pack.unknown-ref', 'unknownCategory', ['glossary', index, 'category'], [term.id, term.category]);
      }
      if (term.related) {
        term.related = term.related.filter((r, i) => {
          if (r === term.id) {
            this.report('warning', 'pack.cycle', 'selfRelated', ['glossary', index, 'related', i], [term.id]);
            return false;
          }
          if (!glossaryIds.has(r)) {
            const dropped = terms.declared.has(r);
            this.report('warning', 'pack.unknown-ref', dropped ? 'droppedTerm' : 'unknownRelated', ['glossary', index, 'related', i], [r]);
            return false;
          }
          return true;
        });
      }
      if (!placed.has(term.id)) {
        this.report('information', 'pack.unplaced-term', 'unplacedTerm', ['glossary', index, 'id'], [term.id]);
      }
      keep.push(term);
    });

    if (id === undefined || !ID.test(id) || !name || !ref) return undefined;
    return { id, version, name, reportScript, reference: ref, outline, taxonomy, glossary: keep };
  }

  private outline(path: Path, refs: Refs, level: number, ancestors: string[] = []): OutlineSection[] {
    const v = this.value(path);
    if (v === undefined) return [];
    if (!Array.isArray(v)) {
      this.report('error', 'pack.type', 'notArray', path, [pathLabel(path)]);
      return [];
    }
    const out: OutlineSection[] = [];
    v.forEach((_, i) => {
      const p = [...path, i];
      const raw = this.value(p);
      if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
        this.report('error', 'pack.type', 'notObjectAt', p, [pathLabel(p)]);
        return;
      }
      const idValue = this.value([...p, 'id']);
      if (typeof idValue === 'string' && ancestors.includes(idValue)) {
        this.report('error', 'pack.cycle', 'nestedSection', [...p, 'id'], [idValue]);
        return;
      }
      const id = this.id([...p, 'id'], refs.declared);
      const title = this.str([...p, 'title'], true);
      if (id === undefined || title === undefined) return;
      refs.kept.add(id);
      const number = this.str([...p, 'number'], false);
      const titles = this.partialLocalized([...p, 'titles']);
      const lv = this.level([...p, 'level'], level);
      const children = this.outline([...p, 'children'], refs, level + 1, [...ancestors, id]);
      const section: OutlineSection = { id, title, level: lv, children };
      if (number !== undefined) section.number = number;
      if (titles) section.titles = titles;
      out.push(section);
    });
    return out;
  }

  /** An optional `{ "en"?, "zh-Hans"?, "zh-Hant"? }` of non-empty texts; wrong parts are reported and left out. */
  private partialLocalized(path: Path): Partial<LocalizedText> | undefined {
    const v = this.value(path);
    if (v === undefined) return undefined;
    if (!v || typeof v !== 'object' || Array.isArray(v)) {
      this.report('warning', 'pack.type', 'badTitles', path, [pathLabel(path)]);
      return undefined;
    }
    const o = v as Record<string, unknown>;
    const out: Partial<LocalizedText> = {};
    for (const s of SCRIPTS) {
      if (o[s] === undefined) continue;
      if (typeof o[s] === 'string' && (o[s] as string).trim() !== '') out[s] = o[s] as string;
      else this.report('warning', 'pack.type', 'badTitle', [...path, s], [pathLabel([...path, s])]);
    }
    return Object.keys(out).length ? out : undefined;
  }

  /** A section's `level`: a whole number ≥ 1, or the nesting depth. */
  private level(path: Path, depth: number): number {
    const v = this.value(path);
    if (v === undefined) return depth;
    if (typeof v === 'number' && Number.isInteger(v) && v >= 1) return v;
    this.report('warning', 'pack.type', 'badLevel', path, [pathLabel(path)]);
    return depth;
  }

  /** Keeps the references in `ids` that name a loaded entry; reports the others. */
  private references(path: Path, ids: string[], refs: Refs, unknown: MessageKey, dropped: MessageKey): string[] {
    return ids.filter((id, k) => {
      if (refs.kept.has(id)) return true;
      this.report('warning', 'pack.unknown-ref', refs.declared.has(id) ? dropped : unknown, [...path, k], [id]);
      return false;
    });
  }

  /** The pack's CSL record with every field the formatters read of the type they expect. */
  private reference(r: Record<string, unknown>): ReportPack['reference'] {
    const item = { ...r } as ReportPack['reference'];
    const keys: Record<CslFieldIssue['expected'], MessageKey> = {
      text: 'badFieldText',
      'text or a number': 'badFieldNumber',
      'a list of names': 'badFieldNames',
      'a date': 'badFieldDate',
    };
    for (const issue of sanitizeCslFields(item)) {
      this.report('warning', 'pack.type', keys[issue.expected], ['reference', ...fieldPath(issue.field)], [`reference.${issue.field}`]);
    }
    return item;
  }

  /** A per-script object of one text (`preferred`) or of a list of texts (`discouraged`). */
  private perScript<T>(path: Path, pick: (x: unknown) => T | undefined): Partial<Record<Script, T>> | undefined {
    const v = this.value(path);
    if (v === undefined) return undefined;
    if (!v || typeof v !== 'object' || Array.isArray(v)) {
      this.report('warning', 'pack.type', 'badForms', path, [pathLabel(path)]);
      return undefined;
    }
    const o = v as Record<string, unknown>;
    const out: Partial<Record<Script, T>> = {};
    for (const s of SCRIPTS) {
      if (o[s] === undefined) continue;
      const x = pick(o[s]);
      if (x === undefined) this.report('warning', 'pack.type', 'badForms', [...path, s], [pathLabel([...path, s])]);
      else out[s] = x;
    }
    return Object.keys(out).length ? out : undefined;
  }

  private glossary(sections: Refs, refs: Refs): Array<{ term: GlossaryTerm; index: number }> {
    const v = this.value(['glossary']);
    if (v === undefined) {
      this.report('warning', 'pack.missing', 'noGlossary', ['glossary']);
      return [];
    }
    if (!Array.isArray(v)) {
      this.report('error', 'pack.type', 'notArray', ['glossary'], ['glossary']);
      return [];
    }
    const out: Array<{ term: GlossaryTerm; index: number }> = [];
    v.forEach((_, i) => {
      const p: Path = ['glossary', i];
      const raw = this.value(p);
      if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
        this.report('error', 'pack.type', 'notObjectAt', p, [pathLabel(p)]);
        return;
      }
      const id = this.id([...p, 'id'], refs.declared);
      // A drafted pack's term may have no English form and no definition yet (only the report's quoted sentence).
      const forms = this.localized([...p, 'forms'], true, true);
      const definition = this.value([...p, 'definition']) === undefined ? {
        en: '',
        'zh-Hans': '',
        'zh-Hant': '',
      } : this.localized([...p, 'definition'], true);
      const category = this.str([...p, 'category'], true);
      if (id === undefined || !forms || !definition || category === undefined) return;
      refs.kept.add(id);
      const term: GlossaryTerm = { id, forms, definition, category };
      const quote = this.value([...p, 'quote']) as { text?: unknown; section?: unknown } | undefined;
      if (quote && typeof quote === 'object' && typeof quote.text === 'string' && quote.text.trim()) {
        term.quote = { text: quote.text, ...(typeof quote.section === 'string' ? { section: quote.section } : {}) };
      }
      const aliases = this.strings([...p, 'aliases']);
      if (aliases.length) term.aliases = aliases;
      const abbreviations = this.strings([...p, 'abbreviations']);
      if (abbreviations.length) term.abbreviations = abbreviations;
      const related = this.strings([...p, 'related']);
      if (related.length) term.related = related;
      const secs = this.references([...p, 'sections'], this.strings([...p, 'sections']), sections, 'unknownSection', 'droppedSection');
      if (secs.length) term.sections = secs;
      const preferred = this.perScript([...p, 'preferred'], (x) => (typeof x === 'string' && x.trim() ? x : undefined));
      if (preferred) term.preferred = preferred;
      const discouraged = this.perScript([...p, 'discouraged'], (x) =>
        Array.isArray(x) && x.every((f) => typeof f === 'string') ? x.filter((f: string) => f.trim() !== '') : undefined,
      );
      if (discouraged) term.discouraged = discouraged;
      const mixing = this.value([...p, 'mixing']);
      if (mixing === 'allowed' || mixing === 'discouraged') term.mixing = mixing;
      else if (mixing !== undefined) this.report('warning', 'pack.type', 'badMixing', [...p, 'mixing']);
      out.push({ term, index: i });
    });
    return out;
  }

  private taxonomy(sections: Refs, terms: Refs): TaxonomyCategory[] {
    const v = this.value(['taxonomy']);
    if (v === undefined) return [];
    if (!Array.isArray(v)) {
      this.report('error', 'pack.type', 'notArray', ['taxonomy'], ['taxonomy']);
      return [];
    }
    const catIds = new Set<string>();
    const topicIds = new Set<string>();
    const out: TaxonomyCategory[] = [];
    v.forEach((_, i) => {
      const p: Path = ['taxonomy', i];
      const id = this.id([...p, 'id'], catIds);
      const label = this.localized([...p, 'label'], true);
      if (id === undefined || !label) return;
      const description = this.localized([...p, 'description'], false);
      const topics: TaxonomyTopic[] = [];
      const rawTopics = this.value([...p, 'topics']);
      if (!Array.isArray(rawTopics) || rawTopics.length === 0) {
        this.report('warning', 'pack.empty-category', 'emptyCategory', [...p, 'id'], [id]);
      } else {
        rawTopics.forEach((__, j) => {
          const tp: Path = [...p, 'topics', j];
          const tid = this.id([...tp, 'id'], topicIds);
          const tlabel = this.localized([...tp, 'label'], true);
          if (tid === undefined || !tlabel) return;
          const tterms = this.references([...tp, 'terms'], this.strings([...tp, 'terms']), terms, 'unknownTerm', 'droppedTerm');
          const tsecs = this.references(
            [...tp, 'sections'],
            this.strings([...tp, 'sections']),
            sections,
            'unknownSection',
            'droppedSection',
          );
          topics.push({ id: tid, label: tlabel, terms: tterms, sections: tsecs.length ? tsecs : undefined });
        });
      }
      out.push({ id, label, description, topics });
    });
    return out;
  }
}

/** `author[1].family` → ['author', 1, 'family']. */
function fieldPath(field: string): Path {
  return field.split(/\.|\[(\d+)\]/).filter((x) => x !== undefined && x !== '').map((x) => (/^\d+$/.test(x) ? Number(x) : x));
}

function fallback(s: Script, present: Script[]): Script {
  const order: Record<Script, Script[]> = {
    en: ['en', 'zh-Hans', 'zh-Hant'],
    'zh-Hans': ['zh-Hans', 'zh-Hant', 'en'],
    'zh-Hant': ['zh-Hant', 'zh-Hans', 'en'],
  };
  return order[s].find((x) => present.includes(x))!;
}

function nodeValue(n: JsonNode): unknown {
  switch (n.type) {
    case 'object': {
      const o: Record<string, unknown> = {};
      for (const prop of n.children ?? []) {
        const [k, val] = prop.children ?? [];
        if (k && val) o[k.value as string] = nodeValue(val);
      }
      return o;
    }
    case 'array':
      return (n.children ?? []).map(nodeValue);
    default:
      return n.value;
  }
}

/** Every glossary term of a pack, by id. */
export function termsById(pack: ReportPack): Map<string, GlossaryTerm> {
  return new Map(pack.glossary.map((t) => [t.id, t]));
}

/** Offset of a glossary term's entry in the pack text (for Go to Definition), or undefined. */
export function termOffsetInPack(text: string, termId: string): number | undefined {
  const source = blankBom(text);
  if (excessiveJsonNesting(source) !== undefined) return undefined;
  const root = parseTree(source);
  const glossary = root && findNodeAtLocation(root, ['glossary']);
  for (const item of glossary?.children ?? []) {
    const idNode = findNodeAtLocation(item, ['id']);
    if (idNode?.value === termId) return item.offset;
  }
  return undefined;
}
