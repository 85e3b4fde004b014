/** 出版年, full dates, date ranges and 引用日期 as GB/T 7714 writes them. */
import type { CslDate } from '../../pack/types';
import { dateParts, hasFullDate, isoDate } from '../csl';
import type { GbtContext } from './style';

const pad2 = (n: number) => String(n).padStart(2, '0');
const iso = (parts: number[]) => [String(parts[0]), ...parts.slice(1).map(pad2)].join('-');

/** The second date of a range (`1957/1990`), `null` for an open range (`1984/`), else undefined. */
function rangeEnd(date: CslDate | undefined): number[] | null | undefined {
  const end = date?.['date-parts']?.[1];
  if (Array.isArray(end) && end.length > 0) return end.map((p) => (typeof p === 'number' ? p : parseInt(String(p), 10)));
  if (/\/\s*$/.test(date?.raw ?? '')) return null;
  return undefined;
}

/** The dash of a date range: `—` (2025 examples: `1957—1990`, `1984—`) or `-` (2015). */
const RANGE_DASH = { '2025': '—', '2015': '-' } as const;

/**
 * 出版年: `2013`, a range `1957—1990` or an open range `1984—`, or the record's own text when
 * it is not a plain year (`1865（清同治四年）`, `c1988`, `[1936]`).
 */
export function gbtYear(date: CslDate | undefined, ctx: Pick<GbtContext, 'edition'>): string | undefined {
  if (!date) return undefined;
  const literal = date.literal ?? (date['date-parts'] ? undefined : date.raw);
  if (literal && !/^\d{4}(?:[-/]\d{1,2}){0,2}\/?$/.test(literal.trim())) return literal.trim();
  const parts = dateParts(date);
  if (!parts) return literal;
  const end = rangeEnd(date);
  if (date.circa) return `[${parts[0]}]`;
  const dash = RANGE_DASH[ctx.edition];
  if (end === null) return `${parts[0]}${dash}`;
  if (end) return `${parts[0]}${dash}${end[0]}`;
  return String(parts[0]);
}

/** A full date `YYYY-MM-DD` when the record gives a day, else undefined. */
export function gbtFullDate(date: CslDate | undefined): string | undefined {
  if (!hasFullDate(date) || rangeEnd(date) !== undefined) return undefined;
  const parts = dateParts(date)!;
  return iso(parts.slice(0, 3));
}

/** 引用日期 `[2024-03-05]`. */
export function gbtAccessDate(date: CslDate | undefined): string | undefined {
  const text = isoDate(date);
  return text ? `[${text}]` : undefined;
}
