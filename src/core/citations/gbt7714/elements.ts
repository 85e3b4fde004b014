/**
 * The elements (著录项目) of one entry, in order, each already punctuated; `joinGbtElements`
 * joins them with `. ` and ends the entry with a full stop.
 */
import type { CslItem } from '../../pack/types';
import type { Locator } from '../types';
import { asText, entryChineseScript, isoDate, names } from '../csl';
import { gbtAccessDate, gbtFullDate, gbtYear } from './dates';
import { hostParts, imprintParts, pageRange, publicationElement, volumeText, type EntryFacts } from './publication';

export { pageRange };
import { gbtEditionText, gbtVersionText } from './edition';
import { gbtNameList } from './names';
import { FULL, HALF, isGbtCjkEntry, punctuate, type GbtContext, type GbtEdition, type GbtSystem } from './style';
import { caseField, sentenceCaseApplies } from './title';
import { gbtTypeCode, isOnline, type GbtTypeCode } from './typeCode';

export interface GbtOptions {
  /** 顺序编码制 (`numeric`, default) or 著者-出版年制 (`authoryear`: the year follows the authors). */
  system?: GbtSystem;
  /** Where in the source the citation points; fills the 引文页码 slot. */
  locator?: Locator;
  /**
   * Punctuation of Western entries in the 2025 edition: `full-width` (default, as the 2025
   * examples print them) or `ascii` (`, :`). The 2015 edition always uses ASCII punctuation.
   */
  westernPunctuation?: 'full-width' | 'ascii';
}

/** The names of the elements, in the order they are printed. */
export type GbtElementName =
  | 'names'
  | 'year'
  | 'title'
  | 'holdings'
  | 'other'
  | 'edition'
  | 'publication'
  | 'url'
  | 'doi'
  | 'cstr';

export interface GbtElement {
  name: GbtElementName;
  text: string;
  /** What joins it to the element before, when not `. `: the author-year year follows the names after a comma. */
  join?: string;
  /**
   * Text the formatter supplies for what the record lacks: the author-year head's `佚名` / `Anon`
   * without names and `无日期` / `n.d.` without a date.
   */
  placeholder?: boolean;
  /** The parts of an imprint (`出版地：出版者`): the place and the publisher, each as printed. */
  parts?: { place?: string; publisher?: string };
}

export function gbtContext(item: CslItem, edition: GbtEdition, opts: GbtOptions = {}): GbtContext {
  const cjk = isGbtCjkEntry(item);
  const p = edition === '2015' || (!cjk && opts.westernPunctuation === 'ascii') ? HALF : FULL;
  const korean = /^ko\b|^korean/i.test(asText(item.language) ?? '') || /[\uac00-\ud7af]/.test(asText(item.title) ?? '');
  return { edition, system: opts.system ?? 'numeric', p, cjk, korean };
}

/** The text of a locator in the 引文页码 slot. */
export function gbtLocatorText(locator: Locator, item: CslItem, edition: GbtEdition): string {
  const value = locator.value.trim();
  if (locator.label === 'page') return pageRange(value);
  const cjk = isGbtCjkEntry(item);
  const para = locator.label === 'section' ? locator.paragraph?.trim() : undefined;
  if (!cjk) return `${locator.label === 'section' ? 'sec.' : 'para.'} ${value}${para ? `, para. ${para}` : ''}`;
  const word = locator.label === 'section' ? (entryChineseScript(item) === 'zh-Hant' ? '節' : '节') : '段';
  const text = edition === '2025' ? `第 ${value} ${word}` : `第${value}${word}`;
  if (!para) return text;
  return edition === '2025' ? `${text}第 ${para} 段` : `${text}第${para}段`;
}

/** Whether the record is a part of a larger work printed with `//` (析出文献). */
function isComponent(item: CslItem): boolean {
  const host = !!(asText(item['container-title']) ?? asText(item['event-title']));
  if (item.type === 'chapter' || item.type === 'paper-conference' || item.type.startsWith('entry')) return host;
  // A standard or a map printed in a collection (`[S]//…汇编`, `[CM]//…`).
  return (item.type === 'standard' || item.type === 'map') && !!asText(item['container-title']);
}

/** A periodical's holdings `1984, 1(1)-` → `1984，1（1）—` (2025) / `1984, 1(1)-` (2015). */
function holdingsText(volume: string, ctx: GbtContext): string {
  const s = punctuate(volume, ctx);
  return ctx.edition === '2025' ? s.replace(/-/g, '—') : s;
}

/** Codes whose records print their access date in 2025 (electronic resources, data, software, preprints). */
const ACCESS_2025 = new Set<GbtTypeCode>(['EB', 'DS', 'CP', 'PP', 'DB']);

/** What the element builders need to know about one record, computed once. */
function entryFacts(item: CslItem, edition: GbtEdition, opts: GbtOptions): EntryFacts {
  const ctx = gbtContext(item, edition, opts);
  const ascii = ctx.p === HALF && edition === '2025';
  const sentence = sentenceCaseApplies(item, ctx.cjk);
  const text = (field: string, toSentence = false) => {
    const v = caseField(item, field, toSentence && sentence);
    return v === undefined ? undefined : ascii ? v : punctuate(v, ctx);
  };
  const code = gbtTypeCode(item);
  const year = gbtYear(item.issued, ctx);
  const page = asText(item.page);
  const number = asText(item.number);
  return {
    item,
    ctx,
    text,
    code,
    online: isOnline(item) || code === 'EB',
    component: isComponent(item),
    standard2025: code === 'S' && edition === '2025' && !!number,
    holdings: item.type === 'periodical',
    number,
    volume: text('volume'),
    year,
    // In the author-year system the year leaves the publication item for the head.
    pubYear: ctx.system === 'authoryear' ? undefined : year,
    fullDate: gbtFullDate(item.issued),
    slot: opts.locator ? gbtLocatorText(opts.locator, item, edition) : page ? pageRange(page).replace(/\s+/g, '') : undefined,
    page,
    place: text('publisher-place'),
    publisher: text('publisher'),
  };
}

/**
 * 主要责任者, and in the author-year system the year after it (`博伯尔，2023`, `佚名，无日期`): the
 * head as two elements, each marked when the formatter supplies it for what the record lacks.
 */
function headElements(f: EntryFacts): GbtElement[] {
  const { item, ctx } = f;
  const authors = gbtNameList(names(item, 'author'), ctx) || (f.component ? '' : gbtNameList(names(item, 'editor'), ctx));
  if (ctx.system !== 'authoryear') return f.standard2025 || !authors ? [] : [{ name: 'names', text: authors }];
  // Korean entries take the Western words (Anon, n.d., et al.), as the 2015 examples show.
  const chineseWords = ctx.cjk && !ctx.korean;
  const accessedYear = item.accessed ? isoDate(item.accessed)?.slice(0, 4) : undefined;
  const year = f.year ?? (accessedYear ? `[${accessedYear}]` : undefined);
  return [
    authors ? { name: 'names', text: authors } : { name: 'names', text: chineseWords ? '佚名' : 'Anon', placeholder: true },
    year
      ? { name: 'year', text: year, join: ctx.p.comma }
      : { name: 'year', text: chineseWords ? '无日期' : 'n.d.', join: ctx.p.comma, placeholder: true },
  ];
}

/** 题名：其他题名信息：编号[类型/OL]. */
function titleElement(f: EntryFacts): string {
  const { p } = f.ctx;
  const { code, number, volume } = f;
  let title = f.text('title', true) ?? '';
  const series = f.text('collection-title');
  if (volume && !f.component && !f.holdings && (code === 'M' || code === 'G' || code === 'CM' || code === 'C')) {
    // A volume with a title of its own: 中国科学技术史：第 2 卷 科学思想史.
    const vol = volumeText(volume, f.ctx);
    title = series && title ? `${series}${p.colon}${vol} ${title}` : title + p.colon + vol;
  }
  if (number && (code === 'R' || code === 'P' || code === 'A' || (code === 'S' && !f.standard2025))) title += p.colon + number;
  if (f.standard2025) title = `${number} ${title}`;
  const scale = f.text('scale');
  if (scale && title) title += `. ${scale}`;
  return title ? `${title}[${code}${f.online ? '/OL' : ''}]` : '';
}

/** 其他责任者: translators (`徐超，译`, `Translated by …`). */
function otherElement(f: EntryFacts): string | undefined {
  const translators = names(f.item, 'translator');
  if (translators.length === 0) return undefined;
  const list = gbtNameList(translators, f.ctx);
  return f.ctx.cjk ? `${list}${f.ctx.p.comma}译` : `Translated by ${list}`;
}

/** Builds the elements of one entry. */
export function gbtElements(item: CslItem, edition: GbtEdition, opts: GbtOptions = {}): GbtElement[] {
  const f = entryFacts(item, edition, opts);
  const elements: GbtElement[] = [];
  const push = (name: GbtElementName, value: string | undefined) => {
    if (value && value.trim()) elements.push({ name, text: value });
  };
  elements.push(...headElements(f));

  let title = titleElement(f);
  const other = otherElement(f);
  let container: string | undefined;
  let publication: string | undefined;
  if (f.component) {
    const host = hostParts(f);
    // A translator of a part stands before the `//`: `[M]. 姜海伦，译//《环球科学》杂志社`.
    title += `${other ? `. ${other}` : ''}//${host.lead}`;
    container = host.container;
    publication = host.publication;
  } else publication = publicationElement(f);
  const access = (edition === '2015' ? !!asText(item.URL) : ACCESS_2025.has(f.code)) ? gbtAccessDate(item.accessed) : undefined;
  if (access) publication = (publication ?? '') + access;
  const parts = imprintParts(f);

  push('title', title);
  push('holdings', f.holdings && f.volume ? holdingsText(f.volume, f.ctx) : undefined);
  if (!f.component) push('other', other);
  push('title', container);
  push('edition', gbtEditionText(asText(item.edition), f.ctx));
  push('edition', gbtVersionText(asText(item.version)));
  if (publication && publication.trim()) elements.push({ name: 'publication', text: publication, ...(parts ? { parts } : {}) });
  push('publication', f.text('dimensions'));

  // 获取和访问路径, DOI and CSTR
  const url = asText(item.URL);
  const doi = asText(item.DOI);
  push('url', url);
  push('doi', doi && !(url && url.toLowerCase().includes(doi.toLowerCase())) ? `DOI:${doi}` : undefined);
  const cstr = asText((item.custom as { cstr?: string } | undefined)?.cstr);
  push('cstr', cstr && !(url && url.includes(cstr)) ? `CSTR:${cstr}` : undefined);
  return elements;
}

/** Joins elements with `. `, never doubling a full stop, and ends the entry with `.`. */
export function joinGbtElements(elements: GbtElement[]): string {
  let out = '';
  elements.forEach((el, i) => {
    if (i > 0) out += el.join ?? (/[.?!]$/.test(out) ? ' ' : '. ');
    out += el.text;
  });
  if (out && !/[.?!]$/.test(out)) out += '.';
  // A record's text may hold line breaks (CSL-JSON strings, raw dates); an entry is one line.
  return out.replace(/[ \t]*[\r\n\f\v]+[ \t]*/g, ' ');
}
