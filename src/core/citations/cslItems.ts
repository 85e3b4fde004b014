/**
 * Checks and normalises CSL items read from CSL-JSON or CSL-YAML files.
 */
import type { Problem, TextRange } from '../text/types';
import type { CslItem } from '../pack/types';
import type { BibliographyEntry } from './types';
import { sanitizeCslFields } from './cslFields';

export interface CslItemCheck {
  /** The item, normalised, when it can be cited. */
  item?: CslItem;
  /** What is wrong with it; `error` problems make it unusable. */
  issues: Array<{ severity: 'error' | 'warning'; code: string; message: string }>;
}

const NAME_FIELDS = [
  'author',
  'editor',
  'translator',
  'container-author',
  'collection-editor',
  'composer',
  'director',
  'interviewer',
  'recipient',
  'reviewed-author',
];
const DATE_FIELDS = ['issued', 'accessed', 'event-date', 'original-date', 'submitted'];

/** A date given as a string or number (`2026`, `2026-01-02`, as Pandoc's CSL-YAML allows) → CSL date. */
function normalizeDate(value: unknown): unknown {
  if (typeof value === 'number') return { 'date-parts': [[value]] };
  if (typeof value === 'string') {
    const m = /^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$/.exec(value.trim());
    if (m) return { 'date-parts': [[m[1], m[2], m[3]].filter(Boolean).map((x) => parseInt(x!, 10))] };
    return { raw: value };
  }
  if (value instanceof Date) return { 'date-parts': [[value.getUTCFullYear(), value.getUTCMonth() + 1, value.getUTCDate()]] };
  return value;
}

/** Validates one parsed value as a CSL item and normalises dates and the id. */
export function checkCslItem(value: unknown): CslItemCheck {
  const issues: CslItemCheck['issues'] = [];
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { issues: [{ severity: 'error', code: 'csl.not-an-item', message: 'A bibliography item must be an object.' }] };
  }
  const raw = value as Record<string, unknown>;
  const id = raw.id;
  if ((typeof id !== 'string' && typeof id !== 'number') || String(id).trim() === '') {
    return { issues: [{ severity: 'error', code: 'csl.missing-id', message: 'The item has no `id` (its citation key).' }] };
  }
  const item: CslItem = { ...(raw as object), id: String(id).trim() } as CslItem;
  if (typeof raw.type !== 'string' || raw.type.trim() === '') {
    issues.push({ severity: 'warning', code: 'csl.missing-type', message: `Item '${item.id}' has no \`type\`; it is read as a document.` });
    item.type = 'document';
  }
  for (const field of NAME_FIELDS) {
    const v = raw[field];
    if (v === undefined) continue;
    if (!Array.isArray(v) || v.some((n) => n === null || typeof n !== 'object')) {
      issues.push({
        severity: 'warning',
        code: 'csl.bad-names',
        message: `Item '${item.id}': \`${field}\` must be a list of names; it is ignored.`,
      });
      delete item[field];
    }
  }
  for (const field of DATE_FIELDS) {
    if (raw[field] === undefined) continue;
    const d = normalizeDate(raw[field]);
    if (d === null || typeof d !== 'object') {
      issues.push({ severity: 'warning', code: 'csl.bad-date', message: `Item '${item.id}': \`${field}\` is not a date; it is ignored.` });
      delete item[field];
    } else item[field] = d;
  }
  for (const { field, expected } of sanitizeCslFields(item)) {
    issues.push({
      severity: 'warning',
      code: 'csl.bad-field',
      message: `Item '${item.id}': \`${field}\` must be ${expected}; it is ignored.`,
    });
  }
  return { item, issues };
}

/**
 * Gathers the items of a CSL-JSON or CSL-YAML file: each value is checked, its problems are
 * reported at its range, and a repeated key (compared ignoring case) keeps the first item.
 */
export class CslEntryCollector {
  readonly entries: BibliographyEntry[] = [];
  constructor(readonly problems: Problem[] = []) {}
  private readonly seen = new Set<string>();

  add(value: unknown, range: TextRange): void {
    const check = checkCslItem(value);
    for (const issue of check.issues) this.problems.push({ ...issue, range });
    if (!check.item) return;
    const key = check.item.id;
    if (this.seen.has(key.toLowerCase())) {
      this.problems.push({
        severity: 'warning',
        code: 'bibliography.duplicate-key',
        message: `Duplicate citation key '${key}': the first item is used.`,
        range,
      });
      return;
    }
    this.seen.add(key.toLowerCase());
    this.entries.push({ key, item: check.item, range });
  }
}
