/**
 * The pack file Create Pack from Report writes, decided the same way by the editor's command
 * and the command line's `create-pack`: its name beside the report, its id, the review's
 * defaults, the year check of the reference record and the JSON text.
 */
import { citationKey, type ReferenceDraft } from './pack';

/** How many ranked candidates the review lists, and how many of them start selected (the CLI's default). */
export const REVIEW_LISTED = 150;
export const REVIEW_PRESELECTED = 40;

/** The fields of the reference record, in the order they are confirmed. */
export const REFERENCE_FIELDS: ReadonlyArray<keyof ReferenceDraft> = ['title', 'author', 'publisher', 'year', 'url'];

/** Whether a report file can be drafted from (Markdown: an imported copy or a Markdown report). */
export function isMarkdownReport(fileName: string): boolean {
  return /\.(md|markdown)$/i.test(fileName);
}

/** `notes/report.imported.md` → `notes/report.fintech-pack.json` (also for `.imported-2.md`, `.markdown`). */
export function packFileName(reportPath: string): string {
  return reportPath.replace(/(\.imported(-\d+)?)?\.(md|markdown)$/i, '.fintech-pack.json');
}

/** The pack id: `id` when given, else the reference's citation key, as lower-case ASCII with dashes. */
export function packIdOf(reference: ReferenceDraft, id?: string): string {
  return (id ?? citationKey(reference)).toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+/, '') || 'report';
}

/** Whether `value` is a year the record accepts: four digits from 1800 to 2199, or nothing. */
export function isYearOrEmpty(value: string): boolean {
  const v = value.trim();
  return !v || /^(1[89]|20|21)\d\d$/.test(v);
}

/** A record field's value from text: trimmed, the year as a number; undefined when empty. */
export function referenceValue(field: keyof ReferenceDraft, value: string): string | number | undefined {
  const v = value.trim();
  if (!v) return undefined;
  return field === 'year' ? Number(v) : v;
}

/** The pack file's text. */
export function packText(pack: unknown): string {
  return `${JSON.stringify(pack, null, 2)}\n`;
}
