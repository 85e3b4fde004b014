/** BibTeX entry → CSL-JSON item. */
import type { CslItem } from '../../pack/types';
import { latexToText } from './latex';
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
  archive: 'manuscript',
  misc: 'document',
};

const LANGID_TO_CSL: Record<string, string> = {
  chinese: 'zh', schinese: 'zh-Hans', tchinese: 'zh-Hant', english: 'en', american: 'en-US', usenglish: 'en-US',
  british: 'en-GB', ukenglish: 'en-GB', japanese: 'ja', korean: 'ko', german: 'de', ngerman: 'de', french: 'fr',
  russian: 'ru', spanish: 'es', italian: 'it',
};

function parseBibDate(fields: Record<string, string>): CslItem['issued'] | undefined {
  const date = fields.date ? latexToText(fields.date) : undefined;
  if (date) {
    const m = /^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$/.exec(date);
    if (m) return { 'date-parts': [[m[1], m[2], m[3]].filter(Boolean).map((x) => parseInt(x!, 10))] };
    return { raw: date };
  }
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

/** Converts one BibTeX entry to a CSL-JSON item (common fields; unknown fields are dropped). */
export function bibtexToCsl(entry: BibtexEntry): CslItem {
  const f = entry.fields;
  const t = (name: string) => (f[name] !== undefined ? latexToText(f[name]) || undefined : undefined);
  const verbatim = (name: string) => (f[name] !== undefined ? f[name].replace(/[{}]/g, '').replace(/\\([&%$#_])/g, '$1').trim() || undefined : undefined);
  let type = TYPE_TO_CSL[entry.type] ?? 'document';
  const sub = (f.entrysubtype ?? '').toLowerCase();
  if (entry.type === 'article' && sub === 'newspaper') type = 'article-newspaper';
  if (entry.type === 'article' && sub === 'magazine') type = 'article-magazine';
  if (entry.type === 'misc' && (f.url || f.howpublished?.includes('\\url'))) type = 'webpage';

  const item: CslItem = { id: entry.key, type };
  const set = (field: string, value: unknown) => {
    if (value !== undefined && value !== '' && !(Array.isArray(value) && value.length === 0)) item[field] = value;
  };
  set('author', f.author ? parseBibtexNames(f.author) : undefined);
  set('editor', f.editor ? parseBibtexNames(f.editor) : undefined);
  set('translator', f.translator ? parseBibtexNames(f.translator) : undefined);
  const title = t('title');
  const subtitle = t('subtitle');
  set('title', title && subtitle ? `${title}: ${subtitle}` : title);
  const container = t('journaltitle') ?? t('journal') ?? t('booktitle');
  set('container-title', container);
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
  const isPeriodical = type.startsWith('article');
  if (isPeriodical) set('issue', t('number') ?? t('issue'));
  else {
    set('number', t('number'));
    set('issue', t('issue'));
  }
  const pages = t('pages')?.replace(/\s*[–—]\s*/g, '-');
  set('page', pages ?? t('eid'));
  set('genre', t('type') ?? (entry.type === 'phdthesis' ? 'Doctoral dissertation' : entry.type === 'mastersthesis' ? "Master's thesis" : undefined));
  set('note', t('note'));
  set('abstract', t('abstract'));
  set('keyword', t('keywords'));
  set('version', t('version'));
  const lang = (t('langid') ?? t('language'))?.toLowerCase();
  set('language', lang ? (LANGID_TO_CSL[lang] ?? lang) : undefined);
  item['citation-key'] = entry.key;
  return item;
}
