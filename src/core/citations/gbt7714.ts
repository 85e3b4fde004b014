/**
 * GB/T 7714 reference formatting (numeric system, 顺序编码制), for the 2025 edition
 * (GB/T 7714—2025, in force from 2026-07-01) and the 2015 edition it replaces.
 *
 * Layout of an entry (each item is present only when the record has it):
 *
 *   主要责任者. 题名：其他题名信息：编号[类型/OL]. 其他责任者. 版本. 出版地：出版者，出版年：引文页码[引用日期]. URL. DOI:….
 *
 * The editions differ in their punctuation:
 *  - 2025 prints full-width `，` `：` `；` and full-width parentheses `（）` (journal issues,
 *    update dates), as the `gbt7714` LaTeX package's 2025 style does for every entry; the
 *    option `westernPunctuation: 'ascii'` prints Western entries with `, :` instead, as the
 *    standard's own English examples are typeset;
 *  - 2015 prints half-width `, ` `: ` and `(34)`.
 *
 * Rules chosen where the standards leave room (all documented in the tests):
 *  - Volume of a multi-volume book: the `volume` field becomes other title information after
 *    the title. A numeric volume in a Chinese entry reads `第 1 卷` in 2025 (the 2025 text sets
 *    Arabic numerals apart from Han characters with spaces) and `第1卷` in 2015; a non-numeric
 *    volume (`第二卷`, `美国卷`) is printed as written.
 *  - Subtitle colons inside a title (`：`, or `:` followed by a space or next to a Han
 *    character) are prescribed punctuation (其他题名信息 is introduced by a colon), so they are
 *    printed in the edition's colon.
 *  - A citation locator fills the 引文页码 slot (`：29`), replacing the record's own page range;
 *    a section or paragraph locator goes in the same slot (`：第 1.3 节`, `: sec. 1.3`), as
 *    the standard does for other non-page places (`：序2-3`, `：扉页`).
 *  - `[引用日期]` (access date) is printed only for network resources (records with a URL).
 *  - The `/OL` carrier mark is added when the record has a URL or an online `medium`; web pages
 *    are always `[EB/OL]`.
 *  - A DOI is printed after the URL unless the URL already contains it.
 *  - Names: family name first; Western given names become initials without points
 *    (`Smith J A`); CJK names are written without a space; organisations as written.
 *    More than three names: the first three, then `等` (Chinese entries) or `et al.`.
 *  - Titles are printed as recorded (no automatic sentence case).
 */
import type { CslItem, CslName } from '../pack/types';
import type { Locator } from './types';
import { asText, dateYear, entryChineseScript, hasCjk, hasFullDate, isCjkEntry, isoDate, names } from './csl';

export type GbtEdition = '2025' | '2015';

export interface GbtOptions {
  /** Where in the source the citation points; fills the 引文页码 slot. */
  locator?: Locator;
  /**
   * Punctuation of Western entries in the 2025 edition: `full-width` (default, as the
   * `gbt7714` package's 2025 style prints them) or `ascii` (as the standard's own English
   * examples are typeset). The 2015 edition always uses ASCII punctuation.
   */
  westernPunctuation?: 'full-width' | 'ascii';
}

interface Punct {
  comma: string;
  colon: string;
  semicolon: string;
  lp: string;
  rp: string;
}

const FULL: Punct = { comma: '，', colon: '：', semicolon: '；', lp: '（', rp: '）' };
const HALF: Punct = { comma: ', ', colon: ': ', semicolon: '; ', lp: '(', rp: ')' };

/** GB/T 7714 document type codes (文献类型标识). */
export type GbtTypeCode = 'M' | 'C' | 'G' | 'N' | 'J' | 'D' | 'R' | 'S' | 'P' | 'DB' | 'CP' | 'EB' | 'A' | 'CM' | 'DS' | 'PP' | 'Z';

/** The document type code GB/T 7714 uses for a CSL item type. */
export function gbtTypeCode(item: CslItem): GbtTypeCode {
  switch (item.type) {
    case 'book':
    case 'chapter':
    case 'classic':
    case 'entry':
    case 'entry-dictionary':
    case 'entry-encyclopedia':
      return 'M';
    case 'paper-conference':
      return 'C';
    case 'collection':
      return 'G';
    case 'article-newspaper':
      return 'N';
    case 'article-journal':
    case 'article-magazine':
    case 'periodical':
    case 'review':
    case 'review-book':
      return 'J';
    case 'thesis':
      return 'D';
    case 'report':
      return 'R';
    case 'standard':
      return 'S';
    case 'patent':
      return 'P';
    case 'software':
      return 'CP';
    case 'webpage':
    case 'post':
    case 'post-weblog':
      return 'EB';
    case 'map':
      return 'CM';
    case 'dataset':
      return 'DS';
    case 'article':
      return 'PP';
    default:
      return 'Z';
  }
}

/** Whether the record is a part of a larger work printed with `//` (析出文献). */
function isComponent(item: CslItem): boolean {
  return (
    (item.type === 'chapter' || item.type === 'paper-conference' || item.type.startsWith('entry')) &&
    !!asText(item['container-title'])
  );
}

const INITIAL_SPLIT = /[\s.\-‐‑]+/;

/** One name, family name first: `陈登原`, `Smith J A`, `World Health Organization`. */
export function gbtName(n: CslName): string {
  if (n.literal) return n.literal.trim();
  const extra = n as CslName & { 'non-dropping-particle'?: string; 'dropping-particle'?: string; suffix?: string };
  const family = [extra['non-dropping-particle'], n.family].filter(Boolean).join(' ').trim();
  const given = (n.given ?? '').trim();
  if (!family) return given;
  if (!given) return family;
  if (hasCjk(family) || hasCjk(given)) {
    // CJK names run together; a Western given name written in Latin letters after a
    // Chinese transliterated family name keeps its initials (昂温 G).
    return hasCjk(given) ? `${family}${given}` : `${family} ${initials(given)}`;
  }
  return `${family} ${initials(given)}`;
}

function initials(given: string): string {
  return given
    .split(INITIAL_SPLIT)
    .filter(Boolean)
    .map((part) => part.charAt(0).toUpperCase())
    .join(' ');
}

function nameList(list: CslName[], cjk: boolean, p: Punct): string {
  if (list.length === 0) return '';
  const shown = list.slice(0, 3).map(gbtName);
  if (list.length > 3) shown.push(cjk ? '等' : 'et al.');
  return shown.join(p.comma);
}

/** `24--29`, `24–29` → `24-29`. */
function pageRange(page: string): string {
  return page.replace(/\s*(?:--|[–—‐‑])\s*/g, '-');
}

/** Prints subtitle colons of a title in the edition's colon. */
function normalizeTitleColons(title: string, p: Punct): string {
  return title.replace(/\s*：\s*|\s*:(?=\s)\s*|(?<=\p{Script=Han})\s*:\s*|\s*:\s*(?=\p{Script=Han})/gu, p.colon);
}

function isNumeric(v: string): boolean {
  return /^\d+$/.test(v);
}

/** The text of a locator in the 引文页码 slot. */
export function gbtLocatorText(locator: Locator, item: CslItem, edition: GbtEdition): string {
  const value = locator.value.trim();
  if (locator.label === 'page') return pageRange(value);
  const cjk = isCjkEntry(item);
  const para = locator.label === 'section' ? locator.paragraph?.trim() : undefined;
  if (!cjk) return `${locator.label === 'section' ? 'sec.' : 'para.'} ${value}${para ? `, para. ${para}` : ''}`;
  const word = locator.label === 'section' ? (entryChineseScript(item) === 'zh-Hant' ? '節' : '节') : '段';
  const text = edition === '2025' ? `第 ${value} ${word}` : `第${value}${word}`;
  if (!para) return text;
  return edition === '2025' ? `${text}第 ${para} 段` : `${text}第${para}段`;
}

/** Joins the items of an entry with `. `, never doubling a full stop, and ends with `.`. */
function sentences(parts: Array<string | undefined>): string {
  let out = '';
  const list = parts.filter((s): s is string => !!s && s.trim() !== '');
  list.forEach((part, i) => {
    out += part;
    if (i < list.length - 1) out += part.endsWith('.') ? ' ' : '. ';
  });
  if (out && !out.endsWith('.')) out += '.';
  return out;
}

/** Formats one CSL item as a GB/T 7714 reference list entry (numeric system, without the `[n]` label). */
export function formatGbt7714(item: CslItem, edition: GbtEdition, opts: GbtOptions = {}): string {
  const cjk = isCjkEntry(item);
  const p: Punct = edition === '2015' ? HALF : cjk || opts.westernPunctuation !== 'ascii' ? FULL : HALF;
  const code = gbtTypeCode(item);
  const url = asText(item.URL);
  const doi = asText(item.DOI);
  const online = !!url || code === 'EB' || /online|internet|web|网络|網絡|联机|聯機|在线|在線/i.test(asText(item.medium) ?? '');
  const carrier = online ? '/OL' : '';
  const component = isComponent(item);

  // 主要责任者
  const authors = nameList(names(item, 'author'), cjk, p) || (component ? '' : nameList(names(item, 'editor'), cjk, p));

  // 题名：其他题名信息：编号
  let title = normalizeTitleColons(asText(item.title) ?? '', p);
  const volume = asText(item.volume);
  const number = asText(item.number);
  if (volume && (code === 'M' || code === 'G') && !component) {
    const vol = isNumeric(volume)
      ? cjk
        ? edition === '2025'
          ? `第 ${volume} 卷`
          : `第${volume}卷`
        : `Vol. ${volume}`
      : volume;
    title += p.colon + vol;
  }
  const standard2025 = code === 'S' && edition === '2025' && !!number;
  if (number && (code === 'R' || code === 'P' || (code === 'S' && !standard2025))) title += p.colon + number;
  if (standard2025) title = `${number} ${title}`;
  let titleItem = `${title}[${code}${carrier}]`;

  // 析出文献的出处: //主要责任者. 题名
  let container: string | undefined;
  if (component) {
    const eds = nameList(names(item, 'editor'), cjk, p);
    const containerTitle = normalizeTitleColons(asText(item['container-title'])!, p);
    if (eds) {
      titleItem += `//${eds}`;
      container = containerTitle;
    } else {
      titleItem += `//${containerTitle}`;
    }
  }

  // 其他责任者 (translators) and 版本
  const translators = names(item, 'translator');
  const other =
    translators.length > 0
      ? cjk
        ? `${nameList(translators, cjk, p)}${p.comma}译`
        : `Translated by ${translators.map(gbtName).join(p.comma)}`
      : undefined;
  const edition_ = editionText(asText(item.edition), cjk);

  // 出版项 and 引文页码
  const year = dateYear(item.issued);
  const slot = opts.locator ? gbtLocatorText(opts.locator, item, edition) : asText(item.page) ? pageRange(asText(item.page)!) : undefined;
  const accessed = online && item.accessed ? `[${isoDate(item.accessed)}]` : '';
  let publication: string | undefined;

  if (code === 'J') {
    // 刊名，年，卷（期）：页码
    const journal = normalizeTitleColons(asText(item['container-title']) ?? '', p);
    const issue = asText(item.issue);
    let yvi = [journal, year].filter(Boolean).join(p.comma);
    if (volume) yvi += (yvi ? p.comma : '') + volume;
    if (issue) yvi += `${p.lp}${issue}${p.rp}`;
    if (slot) yvi += p.colon + slot;
    publication = yvi + accessed;
  } else if (code === 'N') {
    // 报纸名，出版日期（版次）
    const paper = asText(item['container-title']) ?? '';
    const date = isoDate(item.issued);
    const issue = asText(item.issue) ?? asText(item.section);
    let s = [paper, date].filter(Boolean).join(p.comma);
    if (issue) s += `${p.lp}${issue}${p.rp}`;
    publication = s + accessed;
  } else if (code === 'EB') {
    // 出版者，出版年：引文页码（更新或修改日期）[引用日期]
    const publisher = asText(item.publisher) ?? asText(item['container-title']);
    const full = hasFullDate(item.issued);
    let s = '';
    if (publisher) {
      s = [publisher, year].filter(Boolean).join(p.comma);
      if (slot) s += p.colon + slot;
      if (full) s += `${p.lp}${isoDate(item.issued)}${p.rp}`;
    } else {
      if (full) s = `${p.lp}${isoDate(item.issued)}${p.rp}`;
      else if (year) s = year;
      if (slot) s = s ? `${s}${p.colon}${slot}` : slot;
    }
    publication = s + accessed;
  } else if (code === 'P') {
    // 公告日期或公开日期[引用日期]
    publication = (isoDate(item.issued) ?? '') + accessed;
  } else if (standard2025) {
    publication = undefined;
  } else {
    const place = asText(item['publisher-place']);
    const publisher = asText(item.publisher);
    let s: string;
    if (!place && !publisher) {
      // Reports released online without a publisher give their release date (发布日期).
      s = (code === 'R' && hasFullDate(item.issued) ? isoDate(item.issued) : year) ?? '';
    } else {
      const placeText = place ?? (online ? undefined : cjk ? '[出版地不详]' : '[S.l.]');
      const publisherText = publisher ?? (online ? undefined : cjk ? '[出版者不详]' : '[s.n.]');
      s = [placeText, publisherText].filter(Boolean).join(p.colon);
      if (year) s += p.comma + year;
    }
    if (slot) s = s ? s + p.colon + slot : slot;
    publication = s + accessed;
  }

  const doiText = doi && !(url && url.toLowerCase().includes(doi.toLowerCase())) ? `DOI:${doi}` : undefined;
  return sentences([
    // 2025 standards: 标准编号 标准名称[S] (the issuing body is not printed).
    standard2025 ? undefined : authors,
    titleItem,
    container,
    other,
    edition_,
    publication,
    url,
    doiText,
  ]);
}

/** 版本: the first edition is not printed; `2` → `2版` / `2nd ed`. */
function editionText(edition: string | undefined, cjk: boolean): string | undefined {
  if (!edition) return undefined;
  if (/^(1|1st|first)$/i.test(edition)) return undefined;
  if (!isNumeric(edition)) return edition;
  if (cjk) return `${edition}版`;
  const n = parseInt(edition, 10);
  const suffix = n % 100 >= 11 && n % 100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${edition}${suffix} ed`;
}

/** Who an author-date citation names: one author, or the first followed by 等 / et al. */
function authorDateName(item: CslItem, cjk: boolean): string {
  const list = names(item, 'author').length ? names(item, 'author') : names(item, 'editor');
  if (list.length === 0) return asText(item.title) ?? '';
  const first = list[0];
  const name = first.literal ?? (hasCjk(first.family) ? gbtName(first) : (first.family ?? first.given ?? ''));
  if (list.length === 1) return name;
  return cjk ? `${name}等` : `${name} et al.`;
}

/**
 * Author-date text for one or more sources in GB/T 7714 style: `（中研產業研究院，2026）`
 * (2025, full-width) or `(中研產業研究院, 2026)` (2015). A locator fills the 引文页码 slot:
 * `（中研產業研究院，2026：第 1.3 節）`.
 */
export function formatGbt7714AuthorDate(
  sources: Array<{ item: CslItem; locator?: Locator }>,
  edition: GbtEdition,
): string {
  const p = edition === '2025' ? FULL : HALF;
  const parts = sources.map(({ item, locator }) => {
    const cjk = isCjkEntry(item);
    let s = [authorDateName(item, cjk), dateYear(item.issued) ?? (cjk ? '无日期' : 'n.d.')].join(p.comma);
    if (locator) s += p.colon + gbtLocatorText(locator, item, edition);
    return s;
  });
  return `${p.lp}${parts.join(p.semicolon)}${p.rp}`;
}
