/**
 * Field types of a CSL item read from untrusted text (a pack's `reference`, a CSL-JSON or
 * CSL-YAML file). Every field the project reads gets the type its readers expect, so a record
 * that was accepted never makes a formatter throw: a field of the wrong type is removed (or,
 * for a name, only its wrong parts), and each removal is reported.
 */
import type { CslItem } from '../pack/types';

/** Fields that hold text. */
const STRING_FIELDS = [
  'title', 'title-short', 'container-title', 'container-title-short', 'collection-title', 'publisher', 'publisher-place',
  'event', 'event-place', 'URL', 'DOI', 'ISBN', 'ISSN', 'PMID', 'PMCID', 'language', 'page', 'page-first', 'number',
  'medium', 'genre', 'note', 'abstract', 'source', 'status', 'version', 'section', 'archive', 'archive_location',
  'authority', 'dimensions', 'keyword', 'references', 'annote', 'citation-key', 'citation-label', 'jurisdiction',
  'original-title', 'original-publisher', 'original-publisher-place', 'reviewed-title', 'scale', 'call-number',
];
/** Fields that hold text or a number. */
const NUMBER_FIELDS = [
  'volume',
  'issue',
  'edition',
  'number-of-pages',
  'number-of-volumes',
  'collection-number',
  'chapter-number',
  'supplement-number',
  'citation-number',
];
/** Fields that hold a list of names. */
export const CSL_NAME_FIELDS = [
  'author', 'editor', 'translator', 'container-author', 'collection-editor', 'composer', 'director', 'interviewer',
  'recipient', 'reviewed-author', 'illustrator', 'editorial-director', 'original-author', 'chair', 'compiler',
  'contributor', 'curator', 'executive-producer', 'guest', 'host', 'narrator', 'organizer', 'performer', 'producer',
  'script-writer', 'series-creator',
];
/** Fields that hold a date. */
export const CSL_DATE_FIELDS = ['issued', 'accessed', 'event-date', 'original-date', 'submitted', 'available-date'];
const NAME_PARTS = ['family', 'given', 'literal', 'suffix', 'dropping-particle', 'non-dropping-particle'];

/** What was removed from an item, for a problem message: `author[1].family`, "a name". */
export interface CslFieldIssue {
  field: string;
  /** What the field must be: `text`, `text or a number`, `a list of names`, `a date`. */
  expected: 'text' | 'text or a number' | 'a list of names' | 'a date';
}

const isText = (v: unknown): v is string => typeof v === 'string';
const isTextOrNumber = (v: unknown): boolean => typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v));
const isPlainObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

function cleanName(name: unknown, field: string, i: number, issues: CslFieldIssue[]): Record<string, unknown> | undefined {
  if (!isPlainObject(name)) {
    issues.push({ field: `${field}[${i}]`, expected: 'a list of names' });
    return undefined;
  }
  const out: Record<string, unknown> = { ...name };
  for (const part of NAME_PARTS) {
    if (out[part] !== undefined && !isText(out[part])) {
      issues.push({ field: `${field}[${i}].${part}`, expected: 'text' });
      delete out[part];
    }
  }
  return out;
}

function isDate(v: unknown): boolean {
  if (!isPlainObject(v)) return false;
  const parts = v['date-parts'];
  if (parts !== undefined) {
    if (!Array.isArray(parts) || !parts.every((p) => Array.isArray(p) && p.every(isTextOrNumber))) return false;
  }
  return (v.raw === undefined || isText(v.raw)) && (v.literal === undefined || isText(v.literal)) && (v.season === undefined ||
    isTextOrNumber(v.season));
}

/**
 * Removes every field of `item` (in place) whose value has the wrong type and returns what was
 * removed. `id` and `type` are the caller's to check. Dates must already be CSL date objects.
 */
export function sanitizeCslFields(item: CslItem): CslFieldIssue[] {
  const issues: CslFieldIssue[] = [];
  for (const f of STRING_FIELDS) {
    if (item[f] !== undefined && !isText(item[f])) {
      issues.push({ field: f, expected: 'text' });
      delete item[f];
    }
  }
  for (const f of NUMBER_FIELDS) {
    if (item[f] !== undefined && !isTextOrNumber(item[f])) {
      issues.push({ field: f, expected: 'text or a number' });
      delete item[f];
    }
  }
  for (const f of CSL_NAME_FIELDS) {
    const v = item[f];
    if (v === undefined) continue;
    if (!Array.isArray(v)) {
      issues.push({ field: f, expected: 'a list of names' });
      delete item[f];
      continue;
    }
    const names = v.map((n, i) => cleanName(n, f, i, issues)).filter((n): n is Record<string, unknown> => n !== undefined);
    if (names.length) item[f] = names;
    else delete item[f];
  }
  for (const f of CSL_DATE_FIELDS) {
    if (item[f] !== undefined && !isDate(item[f])) {
      issues.push({ field: f, expected: 'a date' });
      delete item[f];
    }
  }
  return issues;
}
