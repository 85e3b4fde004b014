/**
 * 出版项 (place, publisher, year) and the items that take its place: a journal's 年卷期, a
 * newspaper's date and 版次, a patent's dates, an electronic resource's dates, and the host of
 * a part (析出文献).
 */
import type { CslItem } from '../../pack/types';
import { isoDate, names } from '../csl';
import { gbtNameList } from './names';
import { punctuate, type GbtContext } from './style';
import type { GbtTypeCode } from './typeCode';

/** What the element builders need to know about one record (see `entryFacts`). */
export interface EntryFacts {
  item: CslItem;
  ctx: GbtContext;
  /** A text field in the edition's punctuation; `toSentence` brings a Western title to sentence case. */
  text: (field: string, toSentence?: boolean) => string | undefined;
  code: GbtTypeCode;
  online: boolean;
  component: boolean;
  /** A 2025 standard with its number: `GB/T 7714—2025 信息与文献 参考文献著录规则[S].` */
  standard2025: boolean;
  /** A periodical as a whole: its `volume` holds the holdings `1984, 1(1)-`. */
  holdings: boolean;
  number?: string;
  volume?: string;
  /** 出版年 as printed (`2013`, `1957—1990`, `1865（清同治四年）`). */
  year?: string;
  /** The year of the publication item: undefined in the author-year system, which prints it in the head. */
  pubYear?: string;
  fullDate?: string;
  /** 引文页码: the locator, or the record's pages. */
  slot?: string;
  page?: string;
  place?: string;
  publisher?: string;
}

/** `24--29`, `24–29` → `24-29`. */
export function pageRange(page: string): string {
  return page.replace(/\s*(?:--|[–—‐‑])\s*/g, '-');
}

/** A volume of a multi-volume work: `第 1 卷` (2025) / `第1卷` (2015), `Vol. 1`, or as written. */
export function volumeText(volume: string, ctx: GbtContext): string {
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

const withSlot = (s: string, f: EntryFacts) => (f.slot ? (s ? s + f.ctx.p.colon + f.slot : f.slot) : s);

/**
 * The place and the publisher of an imprint, as printed; a printed 2015 record without one of
 * them gives `[出版地不详]` / `[S.l.]` or `[出版者不详]` / `[s.n.]` (GB/T 7714—2015, 8.4.1.3 and 8.4.2.3).
 */
function placeAndPublisher(f: EntryFacts): { place?: string; publisher?: string } {
  const { cjk, edition } = f.ctx;
  const marked = edition === '2015' && !f.online;
  const place = f.place ?? (marked ? (cjk ? '[出版地不详]' : '[S.l.]') : undefined);
  const publisher = f.publisher ?? (marked ? (cjk ? '[出版者不详]' : '[s.n.]') : undefined);
  return { ...(place ? { place } : {}), ...(publisher ? { publisher } : {}) };
}

/** `出版地：出版者，出版年：引文页码`. */
function imprint(f: EntryFacts): string {
  const { p } = f.ctx;
  let s: string;
  if (f.place || f.publisher) {
    const { place, publisher } = placeAndPublisher(f);
    s = [place, publisher].filter(Boolean).join(p.colon);
    if (f.pubYear) s += (s ? p.comma : '') + f.pubYear;
  } else s = f.pubYear ?? '';
  return withSlot(s, f);
}

/** 刊名，年，卷（期）：页码; an article published ahead of its issue gives its date. */
function journalItem(f: EntryFacts): string {
  const { p } = f.ctx;
  const journal = journalName(f.text('container-title') ?? '');
  const issue = f.text('issue');
  let s = [journal, f.pubYear].filter(Boolean).join(p.comma);
  if (f.volume) s += (s ? p.comma : '') + f.volume;
  if (issue) s += `${p.lp}${issue}${p.rp}`;
  if (!f.volume && !issue && !f.slot && f.fullDate) s = [journal, f.fullDate].filter(Boolean).join(p.comma);
  return withSlot(s, f);
}

/** 报纸名，出版日期（版次）: `中国青年报，2000-11-20（15）`. */
function newspaperItem(f: EntryFacts): string {
  const { p } = f.ctx;
  const paper = f.text('container-title') ?? '';
  const issue = f.text('issue') ?? f.text('section') ?? (f.page ? pageRange(f.page) : undefined);
  const s = [paper, isoDate(f.item.issued)].filter(Boolean).join(p.comma);
  return issue ? `${s}${p.lp}${issue}${p.rp}` : s;
}

/** 出版者，出版年：引文页码（更新或修改日期） of electronic resources, data sets, software and preprints. */
function electronicItem(f: EntryFacts): string {
  const { p } = f.ctx;
  const repository = f.publisher ?? f.text('archive') ?? f.text('container-title');
  if (!repository) {
    const s = f.fullDate ? `${p.lp}${f.fullDate}${p.rp}` : (f.pubYear ?? '');
    return withSlot(s, f);
  }
  // Data sets and preprints give their date in parentheses after the repository.
  const parenYear = (f.code === 'DS' || f.code === 'PP') && !f.fullDate ? f.year : undefined;
  let s = repository;
  if (f.pubYear && !f.fullDate && !parenYear) s += p.comma + f.pubYear;
  s = withSlot(s, f);
  if (f.fullDate || parenYear) s += `${p.lp}${f.fullDate ?? parenYear}${p.rp}`;
  return s;
}

/**
 * Reports and documents released without a publisher give their release date (发布日期):
 * `2013-09-30` (2025), `(2013-09-30)` (2015), `2005(2005-07-12)` (2015, an official document).
 */
function releaseDateItem(f: EntryFacts): string {
  const { p, edition } = f.ctx;
  let date = f.fullDate ?? f.year;
  if (edition === '2015') {
    const lead = f.code === 'A' && f.item.type !== 'manuscript' ? (f.pubYear ?? '') : '';
    date = f.fullDate ? `${lead}${p.lp}${f.fullDate}${p.rp}` : f.pubYear;
  }
  return [date, f.slot].filter(Boolean).join(p.colon);
}

/** Archives print their full date (`武汉：湖北省档案馆，1931-11-07`), in 2025 also in the author-year system. */
function archiveItem(f: EntryFacts): string {
  const { p, edition } = f.ctx;
  const s = [f.place, f.publisher].filter(Boolean).join(p.colon);
  const date = edition === '2025' ? (f.fullDate ?? f.year) : f.pubYear;
  return [s, date].filter(Boolean).join(p.comma) + (f.slot ? p.colon + f.slot : '');
}

/** The publication item of a record that is not a part of another work. */
export function publicationElement(f: EntryFacts): string | undefined {
  const { code } = f;
  if (code === 'J' && !f.holdings) return journalItem(f);
  if (code === 'N') return newspaperItem(f);
  // 公告日期或公开日期
  if (code === 'P') return [f.fullDate ?? f.year, f.slot].filter(Boolean).join(f.ctx.p.colon);
  if (f.standard2025) return undefined;
  if (code === 'EB' || code === 'DS' || code === 'CP' || code === 'PP' || code === 'DB') return electronicItem(f);
  if (!f.place && !f.publisher && (code === 'R' || code === 'A')) return releaseDateItem(f);
  if (code === 'A') return archiveItem(f);
  return imprint(f);
}

/**
 * The host of a part (析出文献): `//主要责任者. 题名. 出版项`. A host without a publisher (a
 * conference known by its event) takes the year and pages after a comma: `//CVPR，2024：4`.
 */
export function hostParts(f: EntryFacts): { lead: string; container?: string; publication?: string } {
  const { p } = f.ctx;
  const editors = gbtNameList(names(f.item, 'editor'), f.ctx);
  let host = f.text('container-title', true) ?? f.text('event-title', true) ?? '';
  if (f.volume) host += p.colon + volumeText(f.volume, f.ctx);
  let publication: string | undefined;
  if (!f.publisher) host += (f.pubYear ? p.comma + f.pubYear : '') + (f.slot ? p.colon + f.slot : '');
  else publication = imprint(f);
  return editors ? { lead: editors, container: host, publication } : { lead: host, publication };
}

/**
 * The place and the publisher of the record's publication item, when that item is an imprint
 * (`出版地：出版者，出版年`): the parts the element examples of places and publishers show alone.
 */
export function imprintParts(f: EntryFacts): { place?: string; publisher?: string } | undefined {
  if (!f.place && !f.publisher) return undefined;
  const { code } = f;
  const imprinted = f.component
    ? !!f.publisher
    : !((code === 'J' && !f.holdings) || code === 'N' || code === 'P' || f.standard2025 || code === 'A') &&
      !(code === 'EB' || code === 'DS' || code === 'CP' || code === 'PP' || code === 'DB');
  return imprinted ? placeAndPublisher(f) : undefined;
}
