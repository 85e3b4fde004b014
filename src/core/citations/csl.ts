/**
 * Small helpers over CSL-JSON items: dates, names, and the language an entry is written in.
 */
import type { CslDate, CslItem, CslName } from '../pack/types';
import { isHan, toSimplified } from '../script/fold';

/** True for Han, kana or hangul: the writing systems GB/T 7714 treats as "Chinese-style" entries. */
export function isCjkCode(code: number): boolean {
  return (
    isHan(code) ||
    (code >= 0x3040 && code <= 0x30ff) || // hiragana, katakana
    (code >= 0xac00 && code <= 0xd7af) // hangul syllables
  );
}

export function hasCjk(text: string | undefined): boolean {
  if (!text) return false;
  for (const ch of text) if (isCjkCode(ch.codePointAt(0)!)) return true;
  return false;
}

/** The date parts of a CSL date: [year, month?, day?], or undefined. */
export function dateParts(date: CslDate | undefined): number[] | undefined {
  if (!date) return undefined;
  const parts = date['date-parts']?.[0];
  if (parts && parts.length > 0) {
    const nums = parts.map((p) => (typeof p === 'number' ? p : parseInt(String(p), 10)));
    if (nums.every((n) => Number.isFinite(n))) return nums;
  }
  const raw = date.raw ?? date.literal;
  if (raw) {
    const m = /^(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?/.exec(raw.trim());
    if (m) return [m[1], m[2], m[3]].filter((x) => x !== undefined).map((x) => parseInt(x!, 10));
  }
  return undefined;
}

/** The year of a date as text (`2026`), the literal/raw form when it is not numeric, or undefined. */
export function dateYear(date: CslDate | undefined): string | undefined {
  const parts = dateParts(date);
  if (parts) return String(parts[0]);
  return date?.literal ?? date?.raw;
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** ISO form `YYYY-MM-DD` (or `YYYY-MM`, `YYYY`) of a date, as GB/T 7714 writes dates. */
export function isoDate(date: CslDate | undefined): string | undefined {
  const parts = dateParts(date);
  if (!parts) return date?.literal ?? date?.raw;
  return [String(parts[0]), ...parts.slice(1).map(pad2)].join('-');
}

/** True when a date gives a day (not only a year or a month). */
export function hasFullDate(date: CslDate | undefined): boolean {
  return (dateParts(date)?.length ?? 0) >= 3;
}

export function asText(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  const s = String(value).trim();
  return s === '' ? undefined : s;
}

/** The names of a role, skipping empty ones. */
export function names(item: CslItem, role: string): CslName[] {
  const list = item[role];
  if (!Array.isArray(list)) return [];
  return (list as CslName[]).filter((n) => n && (n.literal || n.family || n.given));
}

/** Language tags that mark an entry written in Chinese, Japanese or Korean. */
const CJK_LANG = /^(zh|ja|ko|cn|chinese|japanese|korean|chs|cht|jp|kr)\b/i;

/**
 * Whether an entry is a "Chinese-style" entry (GB/T 7714 uses 等 and CJK conventions for it).
 * The `language` field decides when present; otherwise CJK characters in the title or the
 * first name do.
 */
export function isCjkEntry(item: CslItem): boolean {
  const lang = asText(item.language);
  if (lang) return CJK_LANG.test(lang);
  const first = names(item, 'author')[0] ?? names(item, 'editor')[0];
  const firstName = first ? `${first.literal ?? ''}${first.family ?? ''}${first.given ?? ''}` : '';
  return hasCjk(item.title) || hasCjk(firstName) || hasCjk(asText(item['container-title']));
}

/** Converts Traditional Chinese text to Simplified (OpenCC phrases and characters). */
export function toSimplifiedChinese(text: string): string {
  return hasCjk(text) ? toSimplified(text) : text;
}

/**
 * Which Chinese script an entry is written in: the `language` field decides when it names one
 * (zh-Hant, zh-TW, zh-HK, zh-MO → Traditional); otherwise the title is Traditional when
 * converting it to Simplified changes it.
 */
export function entryChineseScript(item: CslItem): 'zh-Hans' | 'zh-Hant' {
  const lang = asText(item.language)?.toLowerCase() ?? '';
  if (/^zh[-_](hant|tw|hk|mo)\b/.test(lang)) return 'zh-Hant';
  if (/^zh[-_](hans|cn|sg)\b/.test(lang)) return 'zh-Hans';
  const sample = `${item.title ?? ''}${item['container-title'] ?? ''}`;
  return sample && toSimplifiedChinese(sample) !== sample ? 'zh-Hant' : 'zh-Hans';
}
