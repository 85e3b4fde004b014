/**
 * CSL item → BibTeX entry, written in the style of the file it is appended to.
 *
 * The writer is the reader's inverse: every CSL field `bibtexToCsl` fills is written to the
 * BibTeX field it is read from, so an entry read back formats exactly as the item it was
 * written from (the GB/T 7714 examples' round trip in `test/unit/bibtex-write.test.ts`).
 */
import type { CslDate, CslItem, CslName } from '../../pack/types';
import { isoDate } from '../csl';
import { plainRichText } from '../gbt7714/title';
import type { BibtexEntry } from './parse';
import { THESIS_GENRE } from './toCsl';

const CSL_TO_TYPE: Record<string, string> = {
  'article-journal': 'article',
  'article-magazine': 'article',
  'article-newspaper': 'article',
  article: 'preprint',
  book: 'book',
  chapter: 'incollection',
  'paper-conference': 'inproceedings',
  thesis: 'phdthesis',
  report: 'techreport',
  webpage: 'online',
  post: 'online',
  'post-weblog': 'online',
  patent: 'patent',
  standard: 'standard',
  dataset: 'dataset',
  software: 'software',
  periodical: 'periodical',
  graphic: 'image',
  motion_picture: 'video',
  song: 'audio',
  map: 'map',
  personal_communication: 'letter',
  legislation: 'legislation',
  legal_case: 'legal',
  manuscript: 'unpublished',
  pamphlet: 'booklet',
};

const CSL_TO_LANGID: Array<[RegExp, string]> = [
  [/^zh/i, 'chinese'],
  [/^en-US/i, 'american'],
  [/^en-GB/i, 'british'],
  [/^en/i, 'english'],
  [/^ja/i, 'japanese'],
  [/^ko/i, 'korean'],
  [/^de/i, 'german'],
  [/^fr/i, 'french'],
  [/^ru/i, 'russian'],
  [/^es/i, 'spanish'],
  [/^it/i, 'italian'],
];

/** Escapes the characters BibTeX gives a meaning to; keeps braces balanced. */
export function escapeBibtex(value: string): string {
  return value
    .replace(/[\\&%$#_{}~]/g, (c) => (c === '\\' ? '\\textbackslash{}' : c === '~' ? '\\textasciitilde{}' : `\\${c}`))
    // `--`, ``` `` ``` and `''` would be read as a dash or a quotation mark: `-{}-` keeps two characters.
    .replace(/([-`'])(?=\1)/g, '$1{}');
}

type Ranges = Array<[number, number]>;

/** Escapes `text` and wraps its protected ranges (`[start, end)`, overlapping or not) in braces. */
function protect(text: string, ranges: Ranges): string {
  const merged = [...ranges].filter(([x, y]) => y > x).sort((p, q) => p[0] - q[0]).reduce<Ranges>((out, r) => {
    const last = out[out.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else out.push([r[0], r[1]]);
    return out;
  }, []);
  let out = '';
  let at = 0;
  for (const [x, y] of merged) {
    out += escapeBibtex(text.slice(at, x)) + `{${escapeBibtex(text.slice(x, y))}}`;
    at = y;
  }
  return out + escapeBibtex(text.slice(at));
}

/**
 * The words of `text` with a capital that sentence casing would lower (any capital but the
 * title's first letter, in any script: Pandoc lowers Cyrillic and Greek too), outside `ranges`.
 */
function wordsSentenceCaseChanges(text: string, ranges: Ranges): Ranges {
  const first = /\p{L}/u.exec(text)?.index ?? -1;
  const out: Ranges = [];
  for (const m of text.matchAll(/[\p{L}\p{M}\p{N}]+(?:['’-][\p{L}\p{M}\p{N}]+)*/gu)) {
    const [x, y] = [m.index!, m.index! + m[0].length];
    if (ranges.some(([s, e]) => s <= x && y <= e)) continue;
    const capital = [...m[0].matchAll(/[\p{Lu}\p{Lt}]/gu)].some((c) => x + c.index! !== first);
    if (capital) out.push([x, y]);
  }
  return out;
}

/**
 * A text field of the item as BibTeX: `<span class="nocase">` runs and the ranges the BibTeX
 * reader recorded (`custom.protected`) in braces. `title`: a field styles bring to sentence
 * case. Such a field that did not come from BibTeX is printed as recorded, so in an English
 * record (where BibTeX titles are brought to sentence case) every word whose case that would
 * change is protected too (`{AI}`, `{California}`).
 */
function textField(item: CslItem, field: string, title: boolean): string | undefined {
  const raw = item[field];
  if (raw === undefined || raw === null || raw === '') return undefined;
  const custom = item.custom as { titleCase?: string; protected?: Record<string, Ranges> } | undefined;
  const rich = plainRichText(String(raw));
  const ranges = [...rich.ranges, ...(custom?.protected?.[field] ?? [])];
  const lang = typeof item.language === 'string' ? item.language : '';
  if (title && custom?.titleCase !== 'bibtex' && (!lang || /^en\b/i.test(lang))) {
    ranges.push(...wordsSentenceCaseChanges(rich.text, ranges));
  }
  return protect(rich.text, ranges);
}

/** A part of a name, escaped, and braced when it holds what would split it: a comma or the word `and`. */
function namePart(part: string): string {
  const escaped = escapeBibtex(part);
  return /,|(?:^|\s)and(?:\s|$)/i.test(part) ? `{${escaped}}` : escaped;
}

function bibName(n: CslName): string {
  const extra = n as CslName & Record<string, string | undefined>;
  if (n.literal) return `{${escapeBibtex(n.literal)}}`;
  const family = [extra['non-dropping-particle'], n.family].filter(Boolean).join(' ');
  if (!family) return `{${escapeBibtex(n.given ?? '')}}`;
  const famPart = /\s/.test(family) && !extra['non-dropping-particle'] ? `{${escapeBibtex(family)}}` : namePart(family);
  if (!n.given) return famPart;
  // A given name printed in full (`initialize: false`) is one BibTeX "letter": `{\relax Jiangning}`.
  const whole = (n as CslName & { initialize?: boolean }).initialize === false;
  const given = whole ? `{\\relax ${escapeBibtex(n.given)}}` : namePart(n.given);
  return extra.suffix ? `${famPart}, ${namePart(extra.suffix)}, ${given}` : `${famPart}, ${given}`;
}

/**
 * A verbatim field (URL, DOI, CSTR, date): written as it is, which the reader takes back
 * without its braces; braces that do not pair up are left out, so the entry stays well formed.
 */
function verbatim(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  let depth = 0;
  for (const c of value) {
    if (c === '{') depth++;
    else if (c === '}' && --depth < 0) break;
  }
  const safe = depth === 0 ? value : value.replace(/[{}]/g, '');
  // A backslash before the closing brace would escape it.
  return safe.replace(/\\+$/, '');
}

/** How a file writes its entries, detected from its last entry. */
export interface BibtexStyle {
  indent: string;
  eol: '\n' | '\r\n';
  /** Column (from the indent) at which `=` stands, when the file aligns its fields; else undefined. */
  alignEquals?: number;
  typeCase: 'lower' | 'capitalized' | 'upper';
  fieldCase: 'lower' | 'upper';
  /** Whether the last field is followed by a comma. */
  trailingComma: boolean;
}

export const DEFAULT_BIBTEX_STYLE: BibtexStyle = {
  indent: '  ',
  eol: '\n',
  typeCase: 'lower',
  fieldCase: 'lower',
  trailingComma: false,
};

/** Reads the writing style of a BibTeX file from its last well-formed entry. */
export function detectBibtexStyle(text: string, entries: BibtexEntry[], eol: '\n' | '\r\n'): BibtexStyle {
  const last = entries[entries.length - 1];
  if (!last) return { ...DEFAULT_BIBTEX_STYLE, eol };
  const body = text.slice(last.range.start, last.range.end);
  const lines = body.split(/\r?\n/).slice(1);
  const fieldLines = lines.filter((l) => /^\s*[A-Za-z][\w-]*\s*=/.test(l));
  const indent = fieldLines.length ? /^\s*/.exec(fieldLines[0])![0] : DEFAULT_BIBTEX_STYLE.indent;
  const eqCols = fieldLines.map((l) => l.indexOf('='));
  const nameLens = fieldLines.map((l) => /^\s*([A-Za-z][\w-]*)/.exec(l)![1].length + indent.length);
  const aligned = eqCols.length >= 2 && eqCols.every((c) => c === eqCols[0]) && eqCols.some((c, i) => c - nameLens[i] > 1);
  const t = last.typeAsWritten;
  const typeCase = t === t.toUpperCase() ? 'upper' : t[0] === t[0].toUpperCase() ? 'capitalized' : 'lower';
  const names = fieldLines.map((l) => /^\s*([A-Za-z][\w-]*)/.exec(l)![1]);
  const fieldCase = names.length && names.every((n) => n === n.toUpperCase()) ? 'upper' : 'lower';
  const trailingComma = /,\s*[})]\s*$/.test(body);
  return { indent, eol, alignEquals: aligned ? eqCols[0] - indent.length : undefined, typeCase, fieldCase, trailingComma };
}

/** A CSL date as the `year` and `date` fields the reader takes back to the same date. */
function dateFields(date: CslDate | undefined): Array<[string, string | undefined]> {
  if (!date) return [];
  const parts = date['date-parts'];
  // A year as written (`1865（清同治四年）`, `[1936]`): the reader keeps a non-numeric year literally.
  if (date.literal !== undefined && !parts?.length) return [['year', date.literal]];
  if (!parts?.length) return [['date', date.raw]];
  const iso = (p: Array<number | string>) => isoDate({ 'date-parts': [p] });
  const start = parts[0];
  const year = String(start[0]);
  if (parts.length >= 2) return [['year', year], ['date', `${iso(start)}/${iso(parts[1])}`]];
  // An open range (`1984/`) is kept in `raw`, CSL having no open end.
  if (date.raw && /\/\s*$/.test(date.raw)) return [['year', year], ['date', date.raw]];
  if (date.circa) return [['year', year], ['date', `${iso(start)}~`]];
  return start.length >= 2 ? [['year', year], ['date', iso(start)]] : [['year', year]];
}

/** The BibTeX type of an item: theses by their genre, articles by the kind of periodical. */
function bibtexType(item: CslItem): string {
  if (item.type === 'thesis' && /master/i.test(String(item.genre ?? ''))) return 'mastersthesis';
  return CSL_TO_TYPE[item.type] ?? 'misc';
}


/** The BibTeX field a CSL field's parallel form (`custom.translations`) is written to. */
function parallelName(field: string, type: string): string | undefined {
  if (field === 'container-title') return type === 'article' ? 'journal' : 'booktitle';
  if (field === 'publisher-place') return 'address';
  return ['title', 'publisher', 'author', 'editor', 'translator'].includes(field) ? field : undefined;
}

/** `custom.translations` / `custom.transliterations` as `<field>_translation_<lang>` fields. */
function parallelFields(custom: Record<string, unknown>, type: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const kind of ['translation', 'transliteration'] as const) {
    const byLang = custom[`${kind}s`];
    if (!byLang || typeof byLang !== 'object') continue;
    for (const [lang, fields] of Object.entries(byLang as Record<string, Record<string, unknown>>)) {
      for (const [field, value] of Object.entries(fields ?? {})) {
        const name = parallelName(field, type);
        if (!name || value === undefined || value === null || value === '') continue;
        const text = Array.isArray(value) ? (value as CslName[]).map(bibName).join(' and ') : escapeBibtex(String(value));
        out.push([`${name}_${kind}_${lang}`, text]);
      }
    }
  }
  return out;
}

/** Writes a CSL item as a BibTeX entry whose key is the item's id. */
export function cslToBibtex(item: CslItem, style: BibtexStyle = DEFAULT_BIBTEX_STYLE): string {
  const type = bibtexType(item);
  const fields: Array<[string, string]> = [];
  const add = (name: string, value: string | undefined, raw = false) => {
    if (value !== undefined && value !== '') fields.push([name, raw ? value : escapeBibtex(value)]);
  };
  const str = (v: unknown) => (v === undefined || v === null || v === '' ? undefined : String(v));
  const nameList = (role: string) => {
    const list = item[role];
    if (!Array.isArray(list)) return undefined;
    const named = (list as CslName[]).filter((n) => [n.literal, n.family, n.given].some((p) => typeof p === 'string' && p.trim()));
    if (!named.length) return undefined;
    // A list the reader marked incomplete (`and others`) ends with that mark again.
    const others = (list as Array<CslName & { others?: boolean }>).some((n) => n.others);
    return [...named.map(bibName), ...(others ? ['others'] : [])].join(' and ');
  };
  const custom = (item.custom ?? {}) as Record<string, unknown>;
  // A patent's responsible party is its holder; its inventors are the contributors.
  if (type === 'patent' && nameList('contributor')) {
    add('author', nameList('contributor'), true);
    add('holder', nameList('author'), true);
  } else add('author', nameList('author'), true);
  add('editor', nameList('editor'), true);
  add('translator', nameList('translator'), true);
  add('recipient', nameList('recipient'), true);
  add('title', textField(item, 'title', true), true);
  add('shorttitle', str(item['title-short']));
  // The host of a component (a book, proceedings) is a title too; a journal's name is printed as written.
  add(type === 'article' ? 'journal' : 'booktitle', textField(item, 'container-title', type !== 'article'), true);
  add('shortjournal', str(item['container-title-short']));
  add('eventtitle', textField(item, 'event-title', true), true);
  if (item.type === 'article-newspaper') add('entrysubtype', 'newspaper');
  if (item.type === 'article-magazine') add('entrysubtype', 'magazine');
  add('series', str(item['collection-title']));
  add('edition', str(item.edition));
  add('volume', str(item.volume));
  add('number', type === 'article' ? str(item.issue) : str(item.number));
  if (type !== 'article') add('issue', str(item.issue));
  add('pages', str(item.page)?.replace(/(\d)\s*[-–—]\s*(?=\d)/g, '$1--'), true);
  add('pagetotal', str(item['number-of-pages']));
  add('scale', str(item.scale));
  add('address', str(item['publisher-place']));
  const publisherField = type === 'techreport' ? 'institution' : type === 'phdthesis' || type === 'mastersthesis' ? 'school' : 'publisher';
  add(publisherField, str(item.publisher));
  const mark = str(custom.mark);
  add('mark', mark);
  const genre = str(item.genre);
  if (genre && genre !== THESIS_GENRE[type]) add('type', genre);
  for (const [name, value] of dateFields(item.issued)) add(name, name === 'date' ? verbatim(value) : value, name === 'date');
  if (item.accessed) add('urldate', isoDate(item.accessed));
  add('version', str(item.version));
  add('pubstate', str(item.status));
  add('dimensions', str(item.dimensions));
  add('eprinttype', str(item.archive));
  add('eprint', str(item.archive_location));
  add('url', verbatim(str(item.URL)), true);
  add('doi', verbatim(str(item.DOI)), true);
  add('cstr', verbatim(str(custom.cstr)), true);
  add('isbn', str(item.ISBN));
  add('issn', str(item.ISSN));
  const lang = str(item.language);
  if (lang) add('langid', CSL_TO_LANGID.find(([re]) => re.test(lang))?.[1] ?? lang);
  add('key', str(custom.sortKey));
  for (const [name, value] of parallelFields(custom, type)) add(name, value, true);
  add('note', str(item.note));
  add('annotation', str(item.annote));
  add('keywords', str(item.keyword));
  add('abstract', str(item.abstract));

  const typeText = style.typeCase === 'upper'
    ? type.toUpperCase()
    : style.typeCase === 'capitalized'
    ? type[0].toUpperCase() + type.slice(1)
    : type;
  const lines = fields.map(([name, value], i) => {
    const n = style.fieldCase === 'upper' ? name.toUpperCase() : name;
    const align = style.alignEquals;
    const eq = align !== undefined && n.length < align ? `${n.padEnd(align)}= ` : `${n} = `;
    const comma = i < fields.length - 1 || style.trailingComma ? ',' : '';
    return `${style.indent}${eq}{${value}}${comma}`;
  });
  return [`@${typeText}{${item.id}${fields.length ? ',' : ''}`, ...lines, '}'].join(style.eol);
}
