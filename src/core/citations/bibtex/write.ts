/** CSL item → BibTeX entry, written in the style of the file it is appended to. */
import type { CslItem, CslName } from '../../pack/types';
import { isoDate, dateParts } from '../csl';
import type { BibtexEntry } from './parse';

const CSL_TO_TYPE: Record<string, string> = {
  'article-journal': 'article',
  'article-magazine': 'article',
  'article-newspaper': 'article',
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
  return value.replace(/[\\&%$#_{}~]/g, (c) => (c === '\\' ? '\\textbackslash{}' : c === '~' ? '\\textasciitilde{}' : `\\${c}`));
}

/** Escapes a title and protects words whose capitals must survive a style's case changes (AI, RegTech). */
function escapeTitle(value: string): string {
  return escapeBibtex(value).replace(/(?<![\\\w])([A-Za-z]*[A-Z][A-Za-z]*[A-Z][A-Za-z]*|[A-Z]{2,}\w*)/g, '{$1}');
}

function bibName(n: CslName): string {
  const extra = n as CslName & Record<string, string | undefined>;
  if (n.literal) return `{${escapeBibtex(n.literal)}}`;
  const family = [extra['non-dropping-particle'], n.family].filter(Boolean).join(' ');
  if (!family) return `{${escapeBibtex(n.given ?? '')}}`;
  const fam = escapeBibtex(family);
  const famPart = /\s/.test(family) && !extra['non-dropping-particle'] ? `{${fam}}` : fam;
  if (!n.given) return famPart;
  // A given name printed in full (`initialize: false`) is one BibTeX "letter": `{\relax Jiangning}`.
  const whole = (n as CslName & { initialize?: boolean }).initialize === false;
  const given = whole ? `{\\relax ${escapeBibtex(n.given)}}` : escapeBibtex(n.given);
  return extra.suffix ? `${famPart}, ${escapeBibtex(extra.suffix)}, ${given}` : `${famPart}, ${given}`;
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

/** Writes a CSL item as a BibTeX entry whose key is the item's id. */
export function cslToBibtex(item: CslItem, style: BibtexStyle = DEFAULT_BIBTEX_STYLE): string {
  const type = CSL_TO_TYPE[item.type] ?? 'misc';
  const fields: Array<[string, string]> = [];
  const add = (name: string, value: string | undefined, raw = false) => {
    if (value !== undefined && value !== '') fields.push([name, raw ? value : escapeBibtex(value)]);
  };
  const str = (v: unknown) => (v === undefined || v === null || v === '' ? undefined : String(v));
  const nameList = (role: string) => {
    const list = item[role];
    return Array.isArray(list) && list.length ? (list as CslName[]).map(bibName).join(' and ') : undefined;
  };
  add('author', nameList('author'), true);
  add('editor', nameList('editor'), true);
  add('translator', nameList('translator'), true);
  if (item.title) fields.push(['title', escapeTitle(item.title)]);
  const container = str(item['container-title']);
  if (container) add(type === 'article' ? 'journal' : type === 'online' ? 'organization' : 'booktitle', container);
  if (type === 'article' && item.type === 'article-newspaper') add('entrysubtype', 'newspaper');
  add('series', str(item['collection-title']));
  add('edition', str(item.edition));
  add('volume', str(item.volume));
  add('number', type === 'article' ? str(item.issue) : str(item.number));
  if (type !== 'article') add('issue', str(item.issue));
  add('pages', str(item.page)?.replace(/(\d)\s*[-–—]\s*(?=\d)/g, '$1--'), true);
  add('address', str(item['publisher-place']));
  const publisherField = type === 'techreport' ? 'institution' : type === 'phdthesis' ? 'school' : 'publisher';
  add(publisherField, str(item.publisher));
  add('type', str(item.genre));
  const parts = dateParts(item.issued);
  if (parts) {
    add('year', String(parts[0]));
    if (parts.length >= 2) add('date', isoDate(item.issued));
  } else add('year', item.issued?.literal ?? item.issued?.raw);
  if (item.accessed) add('urldate', isoDate(item.accessed));
  add('url', str(item.URL), true);
  add('doi', str(item.DOI), true);
  add('isbn', str(item.ISBN));
  add('issn', str(item.ISSN));
  const lang = str(item.language);
  if (lang) add('langid', CSL_TO_LANGID.find(([re]) => re.test(lang))?.[1] ?? lang);
  add('note', str(item.note));

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
