/**
 * Report import: any report file (Markdown, plain text, HTML, Word via mammoth's HTML, PDF via
 * pdf.js text items) becomes one Markdown copy with real headings, which the binder,
 * passages and citations then read. Pure: the host extracts bytes with the libraries that
 * need them and hands over text, HTML or text items.
 */
import { importHtml } from './html';
import { importPlainText } from './plaintext';
import { layoutPdf, type PdfDocumentInput } from './pdf';
import { writeMarkdown } from './write';
import { ImportError, importFailure, type ImportedDocument, type ImportFormat, type ImportOutcome } from './types';

export * from './types';
export { layoutPdf, pageLines, dropRunningLines } from './pdf';
export type { PdfDocumentInput, PdfPage, PdfTextItem } from './pdf';
export { importHtml } from './html';
export { importPlainText } from './plaintext';
export { matchNumberedHeading, assignLevels } from './headings';
export { joinBroken, isCjk } from './text';
export { writeMarkdown } from './write';

export type ImportInput =
  | { format: 'markdown' | 'plaintext' | 'html'; fileName: string; text: string }
  /** A Word file as mammoth's HTML, with the metadata of its docProps/core.xml. */
  | { format: 'docx'; fileName: string; html: string; metadata?: ImportedDocument['metadata'] }
  | { format: 'pdf'; fileName: string; pdf: PdfDocumentInput };

/** The import format of a file, by its name, else by its first bytes. */
export function importFormatOf(fileName: string, head?: Uint8Array): ImportFormat | undefined {
  const ext = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase();
  switch (ext) {
    case 'md': case 'markdown': case 'mdown': case 'mkd':
      return 'markdown';
    case 'txt': case 'text':
      return 'plaintext';
    case 'html': case 'htm': case 'xhtml': case 'shtml':
      return 'html';
    case 'docx':
      return 'docx';
    case 'pdf':
      return 'pdf';
  }
  if (head && head.length >= 5) {
    if (head[0] === 0x25 && head[1] === 0x50 && head[2] === 0x44 && head[3] === 0x46) return 'pdf'; // %PDF
    if (head[0] === 0x50 && head[1] === 0x4b) return 'docx'; // a zip
  }
  return undefined;
}

/** The Markdown file name an import writes beside the source. */
export function importTargetName(fileName: string): string {
  const base = fileName.replace(/\.[^./\\]+$/, '');
  return /\.(md|markdown|mdown|mkd)$/i.test(fileName) ? `${base}.imported.md` : `${base}.md`;
}

function markdownCopy(text: string, fileName: string): ImportOutcome {
  let t = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  if (!t.trim()) return { ok: false, failure: importFailure('empty', fileName) };
  if (!/^---\n[\s\S]*?\n---\n/.test(t)) t = `---\nsource: ${JSON.stringify(fileName)}\nsource-format: markdown\n---\n\n${t}`;
  const headings = (t.match(/^#{1,6}[ \t]+\S/gm) ?? []).length;
  const title = /^#[ \t]+(.+)$/m.exec(t)?.[1]?.trim();
  return { ok: true, markdown: t.endsWith('\n') ? t : `${t}\n`, metadata: { title }, format: 'markdown', headings };
}

/** Converts one report to Markdown, or says why it cannot be. */
export function convertReport(input: ImportInput): ImportOutcome {
  try {
    if (input.format === 'markdown') return markdownCopy(input.text, input.fileName);
    let doc: ImportedDocument;
    switch (input.format) {
      case 'plaintext':
        doc = importPlainText(input.text);
        break;
      case 'html':
        doc = importHtml(input.text);
        break;
      case 'docx':
        doc = importHtml(input.html, { fragment: true });
        doc.metadata = { ...doc.metadata, ...stripEmpty(input.metadata ?? {}) };
        if (!doc.title && doc.metadata.title) doc.title = doc.metadata.title;
        break;
      case 'pdf':
        doc = layoutPdf(input.pdf);
        break;
    }
    if (!doc.blocks.some((b) => b.type !== 'heading' || b.text.trim())) return { ok: false, failure: importFailure('empty', input.fileName) };
    const { markdown, headings } = writeMarkdown(doc, input.fileName, input.format);
    return { ok: true, markdown, metadata: doc.metadata, format: input.format, headings };
  } catch (e) {
    if (e instanceof ImportError) return { ok: false, failure: e.failure };
    throw e;
  }
}

function stripEmpty<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== '')) as Partial<T>;
}
export * from './draft';
