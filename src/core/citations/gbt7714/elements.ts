/**
 * The elements (著录项目) of one entry, in order, each already punctuated; `joinGbtElements`
 * joins them with `. ` and ends the entry with a full stop.
 */
import type { CslItem } from '../../pack/types';
import type { Locator } from '../types';
import { asText, entryChineseScript, isoDate, names } from '../csl';
import { gbtAccessDate, gbtFullDate, gbtYear } from './dates';
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
}

export function gbtContext(item: CslItem, edition: GbtEdition, opts: GbtOptions = {}): GbtContext {
  const cjk = isGbtCjkEntry(item);
  const p = edition === '2015' || (!cjk && opts.westernPunctuation === 'ascii') ? HALF : FULL;
  const korean = /^ko\b|^korean/i.test(asText(item.language) ?? '') || /[\uac00-\ud7af]/.test(asText(item.title) ?? '');
  return { edition, system: opts.system ?? 'numeric', p, cjk, korean };
}

/** `24--29`, `24–29` → `24-29`. */
export function pageRange(page: string): string {
  return page.replace(/\s*(?:--|[–—‐‑])\s*/g, '-');
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

/** A volume of a multi-volume work: `第 1 卷` (2025) / `第1卷` (2015), `Vol. 1`, or as written. */
function volumeText(volume: string, ctx: GbtContext): string {
  if (!/^\d+$/.test(volume)) return punctuate(volume, ctx);
  if (!ctx.cjk) return `v.${volume}`;
  return ctx.korean ? `제 ${volume} 권` : `第 ${volume} 卷`;
}

/** Abbreviated journal names are printed without their points: `Br. Med. J.` → `Br Med J`. */
function journalName(name: string): string {
  return /^(?:\p{Lu}\p{Ll}*\.\s*)+(?:\p{Lu}\p{Ll}*\.?\s*)*$/u.test(name) || /\b\p{Lu}\p{Ll}{0,5}\.\s/u.test(name)
    ? name.replace(/(?<=\p{L})\.(?=\s|$)/gu, '')
    : name;
}

/** A periodical's holdings `1984, 1(1)-` → `1984，1（1）—` (2025) / `1984, 1(1)-` (2015). */
function holdingsText(volume: string, ctx: GbtContext): string {
  const s = punctuate(volume, ctx);
  return ctx.edition === '2025' ? s.replace(/-/g, '—') : s;
}

/** Codes whose records print their access date in 2025 (electronic resources, data, software, preprints). */
const ACCESS_2025 = new Set<GbtTypeCode>(['EB', 'DS', 'CP', 'PP', 'DB']);

/** Builds the elements of one entry. */
export function gbtElements(item: CslItem, edition: GbtEdition, opts: GbtOptions = {}): GbtElement[] {
  const ctx = gbtContext(item, edition, opts);
  const { p, cjk } = ctx;
  const ascii = p === HALF && edition === '2025';
  const sentence = sentenceCaseApplies(item, cjk);
  const text = (field: string, toSentence = false) => {
    const v = caseField(item, field, toSentence && sentence);
    return v === undefined ? undefined : ascii ? v : punctuate(v, ctx);
  };
  const code = gbtTypeCode(item);
  const online = isOnline(item) || code === 'EB';
  const carrier = online ? '/OL' : '';
  const component = isComponent(item);
  const authorYear = ctx.system === 'authoryear';
  const elements: GbtElement[] = [];
  const push = (name: GbtElementName, value: string | undefined) => {
    if (value && value.trim()) elements.push({ name, text: value });
  };

  const number = asText(item.number);
  const standard2025 = code === 'S' && edition === '2025' && !!number;
  const holdings = item.type === 'periodical';

  // 出版年 and the author-year head.
  const year = gbtYear(item.issued, ctx);
  const accessedYear = item.accessed ? isoDate(item.accessed)?.slice(0, 4) : undefined;
  // Korean entries take the Western words (Anon, n.d., et al.), as the 2015 examples show.
  const chineseWords = cjk && !ctx.korean;
  const headYear = year ?? (accessedYear ? `[${accessedYear}]` : chineseWords ? '无日期' : 'n.d.');
  /** The year leaves the publication for the head, when the head can carry it as it is. */
  const yearInHead = authorYear && !!year;

  // 主要责任者
  const authors = gbtNameList(names(item, 'author'), ctx) || (component ? '' : gbtNameList(names(item, 'editor'), ctx));
  if (authorYear) push('names', `${authors || (chineseWords ? '佚名' : 'Anon')}${p.comma}${headYear}`);
  else if (!standard2025) push('names', authors);

  // 题名：其他题名信息：编号[类型/OL]
  let title = text('title', true) ?? '';
  const volume = text('volume');
  const series = text('collection-title');
  if (volume && !component && !holdings && (code === 'M' || code === 'G' || code === 'CM' || code === 'C')) {
    // A volume with a title of its own: 中国科学技术史：第 2 卷 科学思想史.
    title = series && title ? `${series}${p.colon}${volumeText(volume, ctx)} ${title}` : title + p.colon + volumeText(volume, ctx);
  }
  if (number && (code === 'R' || code === 'P' || code === 'A' || (code === 'S' && !standard2025))) title += p.colon + number;
  if (standard2025) title = `${number} ${title}`;
  const scale = text('scale');
  if (scale && title) title += `. ${scale}`;
  let titleItem = title ? `${title}[${code}${carrier}]` : '';

  // 其他责任者 (translators)
  const translators = names(item, 'translator');
  const other = translators.length > 0 ? (cjk ? `${gbtNameList(translators, ctx)}${p.comma}译` : `Translated by ${gbtNameList(translators, ctx)}`) : undefined;

  // 版本
  const editionText = gbtEditionText(asText(item.edition), ctx);
  const version = gbtVersionText(asText(item.version));

  // 出版项 and 引文页码
  const page = asText(item.page);
  const slot = opts.locator ? gbtLocatorText(opts.locator, item, edition) : page ? pageRange(page).replace(/\s+/g, '') : undefined;
  const fullDate = gbtFullDate(item.issued);
  const pubYear = yearInHead ? undefined : year;
  const access = (edition === '2015' ? !!asText(item.URL) : ACCESS_2025.has(code)) ? gbtAccessDate(item.accessed) : undefined;
  const place = text('publisher-place');
  const publisher = text('publisher');

  /** `出版地：出版者，出版年：引文页码`, with the 2015 placeholders for a printed record. */
  const placePublisher = (withYear: boolean): string => {
    let s = '';
    if (place || publisher) {
      let pl = place;
      let pub = publisher;
      if (edition === '2015' && !online) {
        pl = pl ?? (cjk ? '[出版地不详]' : '[S.l.]');
        pub = pub ?? (cjk ? '[出版者不详]' : '[s.n.]');
      }
      s = [pl, pub].filter(Boolean).join(p.colon);
      if (withYear && pubYear) s += (s ? p.comma : '') + pubYear;
    } else if (withYear) {
      s = pubYear ?? '';
    }
    if (slot) s = s ? s + p.colon + slot : slot;
    return s;
  };

  let container: string | undefined;
  let publication: string | undefined;
  if (component) {
    // 析出文献: //主要责任者. 题名. 出版项 — a host without an imprint (a conference known by
    // its event) takes the year and pages after a comma: `//CVPR，2024：4`.
    const eds = gbtNameList(names(item, 'editor'), ctx);
    let host = text('container-title', true) ?? text('event-title', true) ?? '';
    if (volume) host += p.colon + volumeText(volume, ctx);
    if (other) titleItem += `. ${other}`;
    if (!publisher) {
      host += (pubYear ? p.comma + pubYear : '') + (slot ? p.colon + slot : '');
      publication = undefined;
    } else publication = placePublisher(true);
    if (eds) {
      titleItem += `//${eds}`;
      container = host;
    } else titleItem += `//${host}`;
  } else if (code === 'J' && !holdings) {
    // 刊名，年，卷（期）：页码
    const journal = journalName(text('container-title') ?? '');
    const issue = text('issue');
    const parts = [journal, pubYear].filter(Boolean);
    let s = parts.join(p.comma);
    if (volume) s += (s ? p.comma : '') + volume;
    if (issue) s += `${p.lp}${issue}${p.rp}`;
    if (!volume && !issue && !slot && fullDate) s = [journal, fullDate].filter(Boolean).join(p.comma);
    if (slot) s += p.colon + slot;
    publication = s;
  } else if (code === 'N') {
    // 报纸名，出版日期（版次）
    const paper = text('container-title') ?? '';
    const date = isoDate(item.issued);
    const issue = text('issue') ?? text('section') ?? (page ? pageRange(page) : undefined);
    let s = [paper, date].filter(Boolean).join(p.comma);
    if (issue) s += `${p.lp}${issue}${p.rp}`;
    publication = s;
  } else if (code === 'P') {
    // 公告日期或公开日期
    publication = [fullDate ?? year, slot].filter(Boolean).join(p.colon);
  } else if (standard2025) {
    publication = undefined;
  } else if (code === 'EB' || code === 'DS' || code === 'CP' || code === 'PP' || code === 'DB') {
    // 出版者，出版年：引文页码（更新或修改日期）
    const pub = publisher ?? text('archive') ?? text('container-title');
    let s = '';
    if (pub) {
      s = pub;
      // Data sets and preprints give their date in parentheses after the repository.
      const parenYear = (code === 'DS' || code === 'PP') && !fullDate ? year : undefined;
      if (pubYear && !fullDate && !parenYear) s += p.comma + pubYear;
      if (slot) s += p.colon + slot;
      if (fullDate || parenYear) s += `${p.lp}${fullDate ?? parenYear}${p.rp}`;
    } else {
      if (fullDate) s = `${p.lp}${fullDate}${p.rp}`;
      else if (pubYear) s = pubYear;
      if (slot) s = s ? `${s}${p.colon}${slot}` : slot;
    }
    publication = s;
  } else if (!place && !publisher && (code === 'R' || code === 'A')) {
    // Reports and documents released without a publisher give their release date (发布日期):
    // `2013-09-30` (2025), `(2013-09-30)` (2015), `2005(2005-07-12)` (2015, a year and the date).
    let date = fullDate ?? year;
    if (edition === '2015') {
      date = fullDate ? `${code === 'A' && item.type !== 'manuscript' ? (pubYear ?? '') : ''}${p.lp}${fullDate}${p.rp}` : pubYear;
    }
    publication = [date, slot].filter(Boolean).join(p.colon);
  } else if (code === 'A') {
    // Archives print their full date, in the author-year system too.
    const s = [place, publisher].filter(Boolean).join(p.colon);
    const date = edition === '2025' ? (fullDate ?? year) : pubYear;
    publication = [s, date].filter(Boolean).join(p.comma) + (slot ? p.colon + slot : '');
  } else {
    publication = placePublisher(true);
  }
  if (access) publication = (publication ?? '') + access;

  push('title', titleItem);
  push('holdings', holdings && volume ? holdingsText(volume, ctx) : undefined);
  if (!component) push('other', other);
  push('title', container);
  push('edition', editionText);
  push('edition', version);
  push('publication', publication);
  push('publication', text('dimensions'));

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
    out += el.text;
    if (i < elements.length - 1) out += /[.?!]$/.test(el.text) ? ' ' : '. ';
  });
  if (out && !/[.?!]$/.test(out)) out += '.';
  return out;
}
