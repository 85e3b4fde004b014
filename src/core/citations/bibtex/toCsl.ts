/** BibTeX entry → CSL-JSON item. */
import type { CslItem } from '../../pack/types';
import { latexToText, latexToTextWithProtection } from './latex';
import { parseBibtexNames } from './names';
import { MONTH_NAMES, type BibtexEntry } from './parse';

const TYPE_TO_CSL: Record<string, string> = {
  article: 'article-journal',
  book: 'book',
  mvbook: 'book',
  inbook: 'chapter',
  incollection: 'chapter',
  bookinbook: 'chapter',
  suppbook: 'chapter',
  inproceedings: 'paper-conference',
  conference: 'paper-conference',
  proceedings: 'book',
  mvproceedings: 'book',
  collection: 'book',
  mvcollection: 'book',
  phdthesis: 'thesis',
  mastersthesis: 'thesis',
  thesis: 'thesis',
  techreport: 'report',
  report: 'report',
  online: 'webpage',
  electronic: 'webpage',
  www: 'webpage',
  webpage: 'webpage',
  manual: 'book',
  booklet: 'pamphlet',
  unpublished: 'manuscript',
  patent: 'patent',
  standard: 'standard',
  dataset: 'dataset',
  software: 'software',
  periodical: 'periodical',
  newspaper: 'article-newspaper',
  image: 'graphic',
  video: 'motion_picture',
  audio: 'song',
  music: 'song',
  movie: 'motion_picture',
  map: 'map',
  letter: 'personal_communication',
  legislation: 'legislation',
  legal: 'legal_case',
  preprint: 'article',
  archive: 'manuscript',
  misc: 'document',
};

const LANGID_TO_CSL: Record<string, string> = {
  chinese: 'zh', schinese: 'zh-Hans', tchinese: 'zh-Hant', english: 'en', american: 'en-US', usenglish: 'en-US',
  british: 'en-GB', ukenglish: 'en-GB', japanese: 'ja', korean: 'ko', german: 'de', ngerman: 'de', french: 'fr',
  russian: 'ru', spanish: 'es', italian: 'it',
};

/** The genre a thesis entry has when its record gives no `type` (the writer leaves it out again). */
export const THESIS_GENRE: Readonly<Record<string, string>> = { phdthesis: 'Doctoral dissertation', mastersthesis: "Master's thesis" };

/** Document type codes of GB/T 7714 that a CSL type cannot carry, kept as the record's `mark`. */
const TYPE_TO_MARK: Record<string, string> = {
  proceedings: 'C',
  mvproceedings: 'C',
  collection: 'G',
  mvcollection: 'G',
};

const ymd = (v: string) => {
  const m = /^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$/.exec(v.trim());
  return m ? [m[1], m[2], m[3]].filter(Boolean).map((x) => parseInt(x!, 10)) : undefined;
};

/**
 * A biblatex `date`: `2024-05-09`, a range `1957/1990`, an open range `1984/` (kept in `raw`
 * too, since CSL has no open end), or an approximate date `1936~` (`circa`).
 */
function parseDateField(date: string): CslItem['issued'] {
  const one = ymd(date);
  if (one) return { 'date-parts': [one] };
  const range = /^([^/]+)\/([^/]*)$/.exec(date);
  if (range) {
    const start = ymd(range[1]);
    const end = range[2].trim() ? ymd(range[2]) : undefined;
    if (start && end) return { 'date-parts': [start, end] };
    if (start && !range[2].trim()) return { 'date-parts': [start], raw: date };
  }
  const approx = /^(.+?)[~?%]$/.exec(date);
  const approxParts = approx ? ymd(approx[1]) : undefined;
  if (approxParts) return { 'date-parts': [approxParts], circa: true };
  return { raw: date };
}

function parseBibDate(fields: Record<string, string>): CslItem['issued'] | undefined {
  // EDTF dates are not LaTeX: `~` marks an approximate date, not a space.
  const date = fields.date ? fields.date.replace(/[{}]/g, '').replace(/\s+/g, ' ').trim() || undefined : undefined;
  const yearText = fields.year ? latexToText(fields.year) : undefined;
  // A year written in words or with a reign-era year (1865（清同治四年）, c1988, [1936]) says
  // more than a plain date: keep it as written.
  if (yearText && !/^\d{1,4}(?:[-/]\d{0,4})?$/.test(yearText) && !(date && parseDateField(date)?.circa)) return { literal: yearText };
  if (date) return parseDateField(date);
  const year = fields.year ? latexToText(fields.year) : undefined;
  if (!year) return undefined;
  if (!/^\d{1,4}$/.test(year)) return { literal: year };
  const parts: number[] = [parseInt(year, 10)];
  const month = fields.month ? latexToText(fields.month) : undefined;
  if (month) {
    const num = /^\d{1,2}$/.test(month) ? parseInt(month, 10) : MONTH_NAMES.findIndex((n) => n.toLowerCase().startsWith(month.toLowerCase().slice(0, 3))) + 1;
    if (num >= 1 && num <= 12) parts.push(num);
  }
  return { 'date-parts': [parts] };
}

function simpleDate(value: string | undefined): CslItem['accessed'] | undefined {
  if (!value) return undefined;
  const v = latexToText(value);
  const m = /^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?/.exec(v);
  return m ? { 'date-parts': [[m[1], m[2], m[3]].filter(Boolean).map((x) => parseInt(x!, 10))] } : { raw: v };
}

/** The CSL field a BibTeX field with a parallel form (`title_translation_en`) is read into. */
const PARALLEL_TO_CSL: Record<string, string> = {
  title: 'title', journal: 'container-title', journaltitle: 'container-title', booktitle: 'container-title',
  publisher: 'publisher', address: 'publisher-place', location: 'publisher-place',
  author: 'author', editor: 'editor', translator: 'translator',
};
const NAME_FIELDS = new Set(['author', 'editor', 'translator']);
type Parallel = Record<string, Record<string, unknown>>;

/**
 * The gbt7714 package's parallel fields, `<field>_translation_<lang>` and
 * `<field>_transliteration_<lang>` (an English title, the pinyin of Chinese names), by kind and
 * language, under their CSL names: kept in `custom` (the standard prints only the original).
 */
function parallelFields(f: Record<string, string>): { translations?: Parallel; transliterations?: Parallel } {
  const out: { translations?: Parallel; transliterations?: Parallel } = {};
  for (const [name, value] of Object.entries(f)) {
    const m = /^([a-z]+)_(translation|transliteration)_([a-z]{2,3}(?:-[a-z0-9]+)*)$/i.exec(name);
    const field = m && PARALLEL_TO_CSL[m[1].toLowerCase()];
    if (!m || !field) continue;
    const kind = m[2].toLowerCase() === 'translation' ? 'translations' : 'transliterations';
    const byLang = (out[kind] ??= {});
    const lang = m[3].toLowerCase();
    (byLang[lang] ??= {})[field] = NAME_FIELDS.has(m[1].toLowerCase()) ? parseBibtexNames(value) : latexToText(value);
  }
  return out;
}

/** Converts one BibTeX entry to a CSL-JSON item (common fields; unknown fields are dropped). */
export function bibtexToCsl(entry: BibtexEntry): CslItem {
  const f = entry.fields;
  const t = (name: string) => (f[name] !== undefined ? latexToText(f[name]) || undefined : undefined);
  const verbatim = (name: string) => (f[name] !== undefined ? f[name].replace(/[{}]/g, '').replace(/\\([&%$#_])/g, '$1').trim() || undefined : undefined);
  const t2 = (name: string) => (f[name] !== undefined ? latexToTextWithProtection(f[name]) : undefined);
  let type = TYPE_TO_CSL[entry.type] ?? 'document';
  const sub = (f.entrysubtype ?? '').toLowerCase();
  if (entry.type === 'article' && sub === 'newspaper') type = 'article-newspaper';
  if (entry.type === 'article' && sub === 'magazine') type = 'article-magazine';
  if (entry.type === 'misc' && (f.url || f.howpublished?.includes('\\url'))) type = 'webpage';

  const item: CslItem = { id: entry.key, type };
  const set = (field: string, value: unknown) => {
    if (value !== undefined && value !== '' && !(Array.isArray(value) && value.length === 0)) item[field] = value;
  };
  const custom: Record<string, unknown> = {};
  const protectedRanges: Record<string, Array<[number, number]>> = {};
  /** Sets a text field and remembers the words its braces protect from case changes. */
  const setText = (field: string, value: { text: string; ranges: Array<[number, number]> } | undefined) => {
    if (!value || !value.text) return;
    set(field, value.text);
    if (value.ranges.length) protectedRanges[field] = value.ranges;
  };
  // A patent's holder (专利所有者) is its responsible party; the inventors stay contributors.
  const holder = entry.type === 'patent' && f.holder ? parseBibtexNames(f.holder) : undefined;
  if (holder?.length) {
    set('author', holder);
    set('contributor', f.author ? parseBibtexNames(f.author) : undefined);
  } else set('author', f.author ? parseBibtexNames(f.author) : undefined);
  set('editor', f.editor ? parseBibtexNames(f.editor) : undefined);
  set('translator', f.translator ? parseBibtexNames(f.translator) : undefined);
  set('recipient', f.recipient ? parseBibtexNames(f.recipient) : undefined);
  const title = t2('title');
  const subtitle = t2('subtitle');
  if (title && subtitle?.text) {
    const offset = title.text.length + 2;
    const shifted = subtitle.ranges.map(([a, b]): [number, number] => [a + offset, b + offset]);
    setText('title', { text: `${title.text}: ${subtitle.text}`, ranges: [...title.ranges, ...shifted] });
  } else setText('title', title);
  setText('container-title', t2('journaltitle') ?? t2('journal') ?? t2('booktitle'));
  setText('event-title', t2('eventtitle'));
  set('archive', t('eprinttype') ?? t('archiveprefix'));
  set('archive_location', t('eprint'));
  set('title-short', t('shorttitle'));
  set('container-title-short', t('shortjournal') ?? t('journalsubtitle'));
  set('number-of-pages', t('pagetotal'));
  set('status', t('pubstate'));
  set('annote', t('annotation'));
  set('scale', t('scale'));
  set('dimensions', t('dimensions'));
  const mark = (t('mark') ?? (/^[A-Z]{1,2}$/.test(t('type') ?? '') ? t('type') : undefined) ?? TYPE_TO_MARK[entry.type])?.toUpperCase();
  if (mark) custom.mark = mark;
  const cstr = verbatim('cstr');
  if (cstr) custom.cstr = cstr;
  set('collection-title', t('series'));
  const institution = t('institution') ?? t('school') ?? t('organization');
  set('publisher', t('publisher') ?? institution);
  set('publisher-place', t('location') ?? t('address'));
  set('issued', parseBibDate(f));
  set('accessed', simpleDate(f.urldate));
  let url = verbatim('url');
  if (!url && f.howpublished) url = /\\url\{([^}]*)\}/.exec(f.howpublished)?.[1];
  set('URL', url);
  set('DOI', verbatim('doi')?.replace(/^https?:\/\/(?:dx\.)?doi\.org\//i, ''));
  set('ISBN', t('isbn'));
  set('ISSN', t('issn'));
  set('volume', t('volume'));
  set('edition', t('edition'));
  const isPeriodical = type.startsWith('article-');
  if (isPeriodical) set('issue', t('number') ?? t('issue'));
  else {
    set('number', t('number'));
    set('issue', t('issue'));
  }
  const pages = t('pages')?.replace(/\s*[–—]\s*/g, '-');
  set('page', pages ?? t('eid'));
  set('genre', (mark && t('type') === mark ? undefined : t('type')) ?? THESIS_GENRE[entry.type]);
  set('note', t('note'));
  set('abstract', t('abstract'));
  set('keyword', t('keywords'));
  set('version', t('version'));
  const lang = (t('langid') ?? t('language'))?.toLowerCase();
  set('language', lang ? (LANGID_TO_CSL[lang] ?? lang) : undefined);
  // BibTeX's `key` orders an entry in a list (the pinyin of a Chinese name: `wang2 lin2 hui4 a`).
  const sortKey = t('key');
  if (sortKey) custom.sortKey = sortKey;
  const parallel = parallelFields(f);
  if (parallel.translations) custom.translations = parallel.translations;
  if (parallel.transliterations) custom.transliterations = parallel.transliterations;
  if (Object.keys(protectedRanges).length) custom.protected = protectedRanges;
  // BibTeX titles are written in title case, with braces around what must keep its case.
  custom.titleCase = 'bibtex';
  if (Object.keys(custom).length) item.custom = custom;
  item['citation-key'] = entry.key;
  return item;
}
