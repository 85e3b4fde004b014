/**
 * Citation keys: ASCII, stable and readable, built from the first author's name (pinyin for
 * Chinese names), the year and the first word of the title: `zhongyan2026jinrong`,
 * `chen2000guoshi`, `smith2020study`.
 *
 * - Personal Chinese names give their family name (compound surnames such as 欧阳 kept whole),
 *   read with surname readings (单 → shan).
 * - Chinese organisation names give the pinyin of their first two characters (中研產業研究院
 *   → zhongyan). Traditional characters are read directly.
 * - Western names give the lower-case family name, accents removed (Müller → muller).
 * - The title word skips leading numbers and year ranges (`2026-2030年`), quotation marks
 *   and English articles; a Chinese title gives its first two characters (金融 → jinrong).
 * - Without an author the key starts with the title word. Keys collide with none of the
 *   existing keys (compared case-insensitively, as BibTeX does): `a`, `b`, … are appended.
 */
import { pinyin } from 'pinyin-pro';
import type { CslItem, CslName } from '../pack/types';
import { dateYear, hasCjk, names } from './csl';
import { isHan, letterSuffix } from '../text/chars';

const COMPOUND_SURNAMES = new Set(
  [
    '欧阳 歐陽 司马 司馬 上官 诸葛 諸葛 东方 東方 皇甫 尉迟 尉遲 公孙 公孫 慕容 长孙 長孫 宇文 司徒 令狐 夏侯 轩辕 軒轅 端木',
    '独孤 獨孤 南宫 南宮 西门 西門 百里 呼延 澹台 澹臺 公冶 太史 申屠 钟离 鍾離 闻人 聞人 万俟 萬俟 赫连 赫連 拓跋 完颜 完顏',
  ].join(' ').split(' '),
);

/** Endings that mark an organisation in a Chinese name (…研究院, …大学, …公司). */
const ORG_MARK = /(院|所|局|部|会|會|社|司|厂|廠|校|学|學|馆|館|处|處|委|办|辦|署|中心|集团|集團|银行|銀行|协会|協會|联盟|聯盟|网|網|组织|組織|政府|机构|機構)$/;

const EN_STOP = new Set(['a', 'an', 'the', 'of', 'on', 'in', 'and', 'for', 'to', 'with', 'at', 'by', 'from', 'toward', 'towards', 'about']);

/** Lower-case ASCII letters and digits of a Latin-script text, accents removed. */
export function asciiFold(text: string): string {
  return text
    .replace(/ß/g, 'ss')
    .replace(/[æÆ]/g, 'ae')
    .replace(/[œŒ]/g, 'oe')
    .replace(/[øØ]/g, 'o')
    .replace(/[łŁ]/g, 'l')
    .replace(/[đĐð]/g, 'd')
    .replace(/[þÞ]/g, 'th')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

function hanPinyin(text: string, surname: boolean): string {
  const syllables = pinyin(text, {
    toneType: 'none',
    type: 'array',
    v: true,
    nonZh: 'removed',
    ...(surname ? { mode: 'surname' as const, surname: 'head' as const } : {}),
  });
  return asciiFold(syllables.join(''));
}

/** The leading Han characters of a text (after skipping non-Han characters), at most `max`. */
function leadingHan(text: string, max: number): string {
  let out = '';
  let started = false;
  for (const ch of text) {
    const han = isHan(ch.codePointAt(0)!);
    if (han) {
      out += ch;
      started = true;
      if ([...out].length >= max) break;
    } else if (started) break;
  }
  return out;
}

function chineseFamilyName(full: string): string {
  const han = leadingHan(full, 4);
  const two = [...han].slice(0, 2).join('');
  return COMPOUND_SURNAMES.has(two) ? two : [...han].slice(0, 1).join('');
}

/** The name part of a key for one name. */
export function nameKeyPart(n: CslName): string {
  // A CJK family name without a given name is a whole name (钱学森) or an organisation.
  const whole = n.literal ?? (n.family && !n.given && hasCjk(n.family) ? n.family : undefined);
  if (whole) {
    const lit = whole.trim();
    if (hasCjk(lit)) {
      const han = leadingHan(lit, 32);
      const isOrg = [...han].length > 4 || ORG_MARK.test(lit);
      return hanPinyin(isOrg ? [...han].slice(0, 2).join('') : chineseFamilyName(han), !isOrg);
    }
    // A Latin literal is usually an organisation: its first significant word.
    const words = lit.split(/[\s,;/]+/).map((w) => w.replace(/\./g, ''));
    const word = words.find((w) => w && !EN_STOP.has(w.toLowerCase())) ?? '';
    return asciiFold(word);
  }
  const family = (n.family ?? '').trim();
  if (family) return hasCjk(family) ? hanPinyin(family, true) : asciiFold(family);
  const given = (n.given ?? '').trim();
  return hasCjk(given) ? hanPinyin(chineseFamilyName(given), true) : asciiFold(given);
}

/** The first meaningful word of a title, in ASCII. */
export function titleKeyPart(title: string | undefined): string {
  if (!title) return '';
  // Skip leading numbers, year ranges (2026-2030年, 2023—2024 年度) and punctuation.
  let rest = title;
  for (let prev = ''; prev !== rest; ) {
    prev = rest;
    rest = rest.replace(/^[\s\p{P}\p{S}]+/u, '').replace(/^\d+\s*(?:年度|年代|年)?/u, '');
  }
  const first = rest.charAt(0);
  if (first && isHan(rest.codePointAt(0)!)) return hanPinyin(leadingHan(rest, 2), false);
  for (const word of rest.split(/[^\p{L}\p{N}'’]+/u)) {
    const w = word.replace(/['’]/g, '');
    if (!w || EN_STOP.has(w.toLowerCase()) || /^\d+$/.test(w)) continue;
    if (hasCjk(w)) return hanPinyin(leadingHan(w, 2), false);
    const folded = asciiFold(w);
    if (folded) return folded;
  }
  return '';
}

/** The key an item would get if no other key existed. */
export function citationKeyBase(item: CslItem): string {
  const person = names(item, 'author')[0] ?? names(item, 'editor')[0];
  const year = (dateYear(item.issued) ?? '').replace(/\D/g, '').slice(0, 4) || 'nd';
  const title = titleKeyPart(item.title);
  const author = person ? nameKeyPart(person) : '';
  let key = author ? `${author}${year}${title}` : title ? `${title}${year}` : `ref${year}`;
  key = key.replace(/[^a-z0-9]/g, '');
  if (!/^[a-z]/.test(key)) key = `ref${key}`;
  return key;
}

/**
 * A citation key for `item` that none of `existingKeys` uses (compared case-insensitively).
 * The same item and the same existing keys always give the same key.
 */
export function makeCitationKey(item: CslItem, existingKeys: Iterable<string>): string {
  const taken = new Set<string>();
  for (const k of existingKeys) taken.add(k.toLowerCase());
  const base = citationKeyBase(item);
  if (!taken.has(base)) return base;
  for (let i = 0; ; i++) {
    const key = base + letterSuffix(i);
    if (!taken.has(key)) return key;
  }
}
