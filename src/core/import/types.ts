/**
 * The shared shapes of report import: the blocks every reader produces, the metadata it
 * finds, and the problems that stop an import (a message template plus arguments, English;
 * the host localises them).
 */

export type ImportFormat = 'markdown' | 'plaintext' | 'html' | 'docx' | 'pdf';

/** Bibliographic facts found in the file's metadata or its text; each may be missing. */
export interface ImportMetadata {
  title?: string;
  author?: string;
  publisher?: string;
  year?: number;
  url?: string;
}

/** One block of the imported document, in reading order. Text is plain (not yet Markdown). */
export type ImportBlock =
  | { type: 'heading'; level: number; text: string }
  | { type: 'paragraph'; text: string }
  | { type: 'list'; ordered: boolean; items: string[] }
  | { type: 'quote'; text: string }
  | { type: 'code'; text: string }
  | { type: 'table'; rows: string[][] };

export interface ImportedDocument {
  /** The document title, written as the one `#` heading. */
  title?: string;
  blocks: ImportBlock[];
  metadata: ImportMetadata;
}

/** Messages that stop an import. Hosts localise the template. */
export const IMPORT_MESSAGES = {
  unsupported: 'Cannot import "{0}": only Markdown, text, HTML, Word (.docx) and PDF files can be imported.',
  empty: 'Cannot import "{0}": no text was found in it.',
  scanned: 'Cannot import "{0}": the PDF has no text layer (it looks scanned). Run OCR on it first, then import the result.',
  encrypted: 'Cannot import "{0}": the PDF is encrypted or password-protected.',
  corrupt: 'Cannot import "{0}": the file is damaged or not a valid {1} file ({2}).',
  tooLarge: 'Cannot import "{0}": it is larger than {1} MiB.',
  needsWorker: 'Cannot import "{0}" in this VS Code host: PDF and Word files are read in a worker thread, which it does not offer.',
} as const;

export type ImportMessageKey = keyof typeof IMPORT_MESSAGES;

export interface ImportFailure {
  code: `import.${ImportMessageKey}`;
  template: string;
  args: Array<string | number>;
  message: string;
}

export function importFailure(key: ImportMessageKey, ...args: Array<string | number>): ImportFailure {
  const template = IMPORT_MESSAGES[key];
  const message = template.replace(/\{(\d+)\}/g, (_, i: string) => String(args[Number(i)] ?? ''));
  return { code: `import.${key}`, template, args, message };
}

/** Thrown inside a reader and turned into an `ImportFailure` by the entry point. */
export class ImportError extends Error {
  constructor(readonly failure: ImportFailure) {
    super(failure.message);
  }
}

export type ImportOutcome =
  | { ok: true; markdown: string; metadata: ImportMetadata; format: ImportFormat; headings: number }
  | { ok: false; failure: ImportFailure };
