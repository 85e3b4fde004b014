/**
 * What differs between the editions: punctuation width, and how the text of a field is
 * brought to the edition's punctuation.
 */
import type { CslItem } from '../../pack/types';
import { asText, hasCjk, names } from '../csl';

export type GbtEdition = '2025' | '2015';
/** 顺序编码制 (numeric) or 著者-出版年制 (author-year). */
export type GbtSystem = 'numeric' | 'authoryear';

export interface Punct {
  comma: string;
  colon: string;
  semicolon: string;
  lp: string;
  rp: string;
}

/** 2025: full-width `，：；（）` in every entry, as the 2025 examples print them. */
export const FULL: Punct = { comma: '，', colon: '：', semicolon: '；', lp: '（', rp: '）' };
/** 2015: half-width `, : ; ( )` followed by a space. */
export const HALF: Punct = { comma: ', ', colon: ': ', semicolon: '; ', lp: '(', rp: ')' };

/** Everything a formatter of one entry needs to know besides the item. */
export interface GbtContext {
  edition: GbtEdition;
  system: GbtSystem;
  p: Punct;
  /** A Chinese, Japanese or Korean entry (等, 译, 佚名, 无日期), decided per entry. */
  cjk: boolean;
  /** A Korean entry (`제 1 권`). */
  korean?: boolean;
}

/** Language tags of CJK entries. */
const CJK_LANG = /^(zh|ja|ko|cn|chinese|schinese|tchinese|japanese|korean|chs|cht|jp|kr)\b/i;

/**
 * Whether an entry is written in Chinese, Japanese or Korean: its `language` decides when
 * given; otherwise CJK characters in the title, the first name or the container title do.
 */
export function isGbtCjkEntry(item: CslItem): boolean {
  const lang = asText(item.language);
  if (lang) return CJK_LANG.test(lang);
  const first = names(item, 'author')[0] ?? names(item, 'editor')[0];
  const firstName = first ? `${first.literal ?? ''}${first.family ?? ''}${first.given ?? ''}` : '';
  return (
    hasCjk(item.title) ||
    hasCjk(firstName) ||
    hasCjk(asText(item['container-title'])) ||
    hasCjk(asText(item.publisher)) ||
    hasCjk(asText(item['publisher-place']))
  );
}

/**
 * The text of a field in the edition's punctuation. 2025 prints `，：；` full width in every
 * entry (`Probability，random variables`, `Washington，D.C.`); 2015 prints them half width with
 * a space (`为人民服务; 纪念白求恩`, `学报 (自然科学版)`). A colon inside a word or a number
 * (`ISO 15836:2009`) is not punctuation and is kept.
 */
export function punctuate(text: string, ctx: GbtContext): string {
  if (ctx.edition === '2025') {
    return text
      .replace(/\s*,\s*/g, '，')
      .replace(/\s*;\s+/g, '；')
      .replace(/\s*:\s+|(?<=\p{Script=Han})\s*:\s*|\s*:\s*(?=\p{Script=Han})/gu, '：')
      .replace(/\s*\(\s*/g, '（')
      .replace(/\s*\)\s*/g, '）');
  }
  return text
    .replace(/\s*，\s*/g, ', ')
    .replace(/\s*；\s*/g, '; ')
    .replace(/\s*：\s*/g, ': ')
    .replace(/？/g, '?')
    .replace(/\s*（\s*/g, ' (')
    .replace(/\s*）(?=\p{Script=Han})/gu, ') ')
    .replace(/\s*）/g, ')')
    .replace(/^ \(/, '(');
}
