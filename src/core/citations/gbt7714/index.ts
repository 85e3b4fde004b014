/**
 * GB/T 7714 reference formatting, for the 2025 edition (GB/T 7714—2025, in force from
 * 2026-07-01) and the 2015 edition it replaces, in the numeric system (顺序编码制) and the
 * author-year system (著者-出版年制). The standards' own examples are the test: see
 * test/fixtures/gbt7714/ and the README ("GB/T 7714 against the standards' examples").
 *
 * Public API (stable; add, do not break):
 *  - `formatGbt7714(item, edition, opts)`: one reference-list entry (without the `[n]` label);
 *    `opts.system` chooses numeric (default) or author-year, `opts.locator` fills 引文页码.
 *  - `formatGbt7714AuthorDate(sources, edition)`: in-text author-year citation `（作者，2026）`.
 *  - `gbtElements(item, edition, opts)` / `joinGbtElements(elements)`: the entry as its named
 *    elements (names, year, title, other, edition, publication, url, doi, cstr), for
 *    element-level rendering and checks. The author-year head is `names` and `year` (joined by a
 *    comma), each marked `placeholder` where the formatter supplies 佚名 / 无日期; an imprint's
 *    `publication` element carries its `parts` (place, publisher).
 *  - Element functions: `gbtName`, `gbtNameList`, `gbtInitials`, `gbtTypeCode`, `gbtEditionText`,
 *    `gbtYear`, `gbtFullDate`, `gbtAccessDate`, `sentenceCase`, `gbtLocatorText`.
 *
 * Layout of an entry (each item is present only when the record has it):
 *
 *   主要责任者. 题名：其他题名信息：编号[类型/OL]. 其他责任者. 版本. 出版地：出版者，出版年：引文页码[引用日期]. URL. DOI:….
 *
 * In the author-year system the year follows the names (`博伯尔，2023.`) and leaves the
 * publication item; a record without names is listed under `佚名` / `Anon`, without a date
 * under `无日期` / `n.d.` (or the access year in brackets, `[2025]`).
 *
 * Rules, each following the edition's own examples:
 *  - Punctuation: 2025 prints `，：；（）` full width in every entry, also inside Western titles
 *    and publisher names (`Group，Inc.`); 2015 prints `, : ; ()` half width. The option
 *    `westernPunctuation: 'ascii'` keeps Western 2025 entries in `, :`.
 *  - Language per entry: the record's `language` (BibTeX `langid`) decides; without it, CJK
 *    characters in the title, names, container or publisher make a CJK entry (等, 译, 佚名).
 *  - Titles of Western entries in sentence case; words the record protects (`{AI}` in BibTeX,
 *    `<span class="nocase">` in CSL) keep their case. Journal names are printed as written.
 *  - Names: family name first, given names as initials without points (`Peebles P Z，Jr`),
 *    or whole when the record keeps them so (BibTeX `{\relax Jiangning}`: `LI Jiangning`);
 *    2015 writes Western family names in capitals (`PEEBLES P Z, Jr`) and hyphenated initials
 *    without the hyphen (`J L`, 2025 `J-L`). More than three names: three, then 等 / et al.
 *  - Edition: `2 版` (2025) / `2版` (2015), `2nd ed.`, `4th ed.`; other statements as written.
 *  - Type codes: from the CSL type, or the record's own code (BibTeX `mark`); `/OL` for records
 *    with a URL or an online medium.
 *  - Dates: non-Gregorian years as written (`1865（清同治四年）`); ranges `1957—1990`, open
 *    `1984—`; newspapers `2000-11-20（15）` (版次 from the page).
 *  - Access date `[2024-03-05]`: 2015 prints it for every network resource; 2025 only for
 *    electronic resources, data sets, software and preprints (EB, DS, CP, PP), as its examples do.
 *  - Unknown place or publisher: 2015 writes `[出版地不详]` / `[S.l.]` and `[出版者不详]` /
 *    `[s.n.]` for printed records (GB/T 7714—2015, 8.4.1.3 and 8.4.2.3); 2025's examples omit them.
 *  - A citation locator fills the 引文页码 slot (`：29`, `：第 1.3 节`, `: sec. 1.3`).
 *  - Volume of a multi-volume book: other title information after the title (`第 1 卷`).
 *  - A DOI (and a CSTR) is printed after the URL unless the URL already contains it.
 */
import type { CslItem } from '../../pack/types';
import type { Locator } from '../types';
import { asText, names } from '../csl';
import { gbtYear } from './dates';
import { gbtContext, gbtElements, gbtLocatorText, joinGbtElements, type GbtOptions } from './elements';
import { gbtCitationName } from './names';
import { FULL, HALF, type GbtEdition } from './style';

export type { GbtEdition, GbtSystem } from './style';
export type { GbtOptions, GbtElement, GbtElementName } from './elements';
export type { GbtTypeCode } from './typeCode';
export type { GbtNameOptions } from './names';
export { gbtElements, joinGbtElements, gbtLocatorText, pageRange } from './elements';
export { gbtName, gbtNameList, gbtInitials } from './names';
export { gbtTypeCode, isOnline } from './typeCode';
export { gbtEditionText, gbtVersionText } from './edition';
export { gbtYear, gbtFullDate, gbtAccessDate } from './dates';
export { sentenceCase } from './title';
export { isGbtCjkEntry } from './style';

/** Formats one CSL item as a GB/T 7714 reference list entry (without the `[n]` label). */
export function formatGbt7714(item: CslItem, edition: GbtEdition, opts: GbtOptions = {}): string {
  return joinGbtElements(gbtElements(item, edition, opts));
}

/** Who an author-date citation names: one author, or the first followed by 等 / et al. */
function authorDateName(item: CslItem, cjk: boolean, edition: GbtEdition): string {
  const list = names(item, 'author').length ? names(item, 'author') : names(item, 'editor');
  if (list.length === 0) return asText(item.title) ?? '';
  const name = gbtCitationName(list[0], edition);
  if (list.length === 1) return name;
  return cjk ? `${name}等` : `${name} et al.`;
}

/**
 * Author-date text for one or more sources in GB/T 7714 style: `（中研產業研究院，2026）`
 * (2025, full-width) or `(中研產業研究院, 2026)` (2015). A locator fills the 引文页码 slot:
 * `（中研產業研究院，2026：第 1.3 節）`.
 */
export function formatGbt7714AuthorDate(sources: Array<{ item: CslItem; locator?: Locator }>, edition: GbtEdition): string {
  const p = edition === '2025' ? FULL : HALF;
  const parts = sources.map(({ item, locator }) => {
    // The same words as the author-year reference list: Korean entries take the Western ones.
    const ctx = gbtContext(item, edition);
    const chineseWords = ctx.cjk && !ctx.korean;
    const year = gbtYear(item.issued, { edition }) ?? (chineseWords ? '无日期' : 'n.d.');
    let s = [authorDateName(item, chineseWords, edition), year].join(p.comma);
    if (locator) s += p.colon + gbtLocatorText(locator, item, edition);
    return s;
  });
  return `${p.lp}${parts.join(p.semicolon)}${p.rp}`;
}
