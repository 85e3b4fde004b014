/**
 * The library side of report import: bytes → what the pure core converts (text, HTML,
 * pdf.js text items). pdf.js and mammoth need Node or browser APIs, so they are called here,
 * in the import worker, never in src/core.
 */
import './pdfjsEnv';
import * as mammoth from 'mammoth';
import JSZip from 'jszip';
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import * as pdfjsWorker from 'pdfjs-dist/legacy/build/pdf.worker.mjs';
import {
  convertReport,
  importFailure,
  importFormatOf,
  type ImportInput,
  type ImportMetadata,
  type ImportOutcome,
  type PdfPage,
  type PdfTextItem,
} from '../../core/import';
import { decodeText } from './decode';

// pdf.js runs its "worker" in this thread: the import worker already keeps it off the host's thread.
(globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = pdfjsWorker;

export interface ImportProgress {
  /** Pages read so far, for PDFs. */
  done: number;
  total: number;
}

export const MAX_IMPORT_BYTES = 200 * 1024 * 1024;

/** The title, creator and date of a Word file's docProps/core.xml. */
async function docxMetadata(bytes: Uint8Array): Promise<ImportMetadata> {
  try {
    const zip = await JSZip.loadAsync(bytes);
    const xml = await zip.file('docProps/core.xml')?.async('string');
    if (!xml) return {};
    const field = (tag: string): string | undefined => {
      const m = new RegExp(`<${tag}(?:\\s[^>]*)?>([^<]*)</${tag}>`).exec(xml);
      const v = m?.[1].replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&').trim();
      return v || undefined;
    };
    const date = field('dcterms:created') ?? field('dcterms:modified');
    const year = date ? /((?:19|20)\d\d)/.exec(date)?.[1] : undefined;
    return { title: field('dc:title'), author: field('dc:creator'), publisher: field('cp:category') ? undefined : undefined, year: year ? Number(year) : undefined };
  } catch {
    return {};
  }
}

const DOCX_STYLES = [
  "p[style-name='Title'] => h1.doc-title:fresh",
  "p[style-name='Subtitle'] => p:fresh",
  "p[style-name='标题'] => h1.doc-title:fresh",
  "p[style-name='標題'] => h1.doc-title:fresh",
];

async function docxInput(fileName: string, bytes: Uint8Array): Promise<ImportInput> {
  let html: string;
  try {
    const result = await mammoth.convertToHtml({ buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) }, { styleMap: DOCX_STYLES, includeDefaultStyleMap: true });
    html = result.value;
  } catch (e) {
    throw new ImportFailureError(importFailure('corrupt', fileName, 'Word', e instanceof Error ? e.message : String(e)));
  }
  return { format: 'docx', fileName, html, metadata: await docxMetadata(bytes) };
}

const BOLD_NAME = /bold|black|heavy|semibold|demibold|-bd\b|,bold/i;

/** Text items of every page with pdf.js, and the document's metadata. */
export async function pdfInput(fileName: string, bytes: Uint8Array, onProgress?: (p: ImportProgress) => void): Promise<ImportInput> {
  let doc: pdfjs.PDFDocumentProxy;
  try {
    doc = await pdfjs.getDocument({
      data: bytes,
      isEvalSupported: false,
      disableFontFace: true,
      useSystemFonts: false,
      verbosity: pdfjs.VerbosityLevel.ERRORS,
    }).promise;
  } catch (e) {
    const name = (e as { name?: string })?.name;
    if (name === 'PasswordException') throw new ImportFailureError(importFailure('encrypted', fileName));
    throw new ImportFailureError(importFailure('corrupt', fileName, 'PDF', e instanceof Error ? e.message : String(e)));
  }
  try {
    const pages: PdfPage[] = [];
    const bold = new Map<string, boolean>();
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const view = page.view; // [x0, y0, x1, y1]
      const content = await page.getTextContent();
      const raw = content.items.filter((it): it is typeof it & { str: string; transform: number[]; width: number; fontName: string } => 'str' in it);
      if (raw.some((it) => !bold.has(it.fontName))) {
        // Font weights are known once the page's fonts are loaded (its operator list).
        await page.getOperatorList();
        for (const it of raw) {
          if (bold.has(it.fontName)) continue;
          let isBold = false;
          try {
            const font = page.commonObjs.get(it.fontName) as { name?: string; bold?: boolean; black?: boolean } | undefined;
            isBold = !!font && (font.bold === true || font.black === true || BOLD_NAME.test(font.name ?? ''));
          } catch {
            isBold = false;
          }
          bold.set(it.fontName, isBold);
        }
      }
      const items: PdfTextItem[] = raw.map((it) => {
        const [a, b, , d, e, f] = it.transform;
        return { str: it.str, x: e - view[0], y: f - view[1], width: it.width, size: Math.hypot(a, b) || Math.abs(d), font: it.fontName, bold: bold.get(it.fontName) };
      });
      pages.push({ width: view[2] - view[0], height: view[3] - view[1], items });
      page.cleanup();
      onProgress?.({ done: n, total: doc.numPages });
    }
    const meta = await doc.getMetadata().catch(() => undefined);
    const xmp: Record<string, string> = {};
    const md = meta?.metadata as { getAll?: () => Record<string, unknown> } | undefined;
    if (md?.getAll) for (const [k, v] of Object.entries(md.getAll())) if (typeof v === 'string') xmp[k] = v;
    return { format: 'pdf', fileName, pdf: { pages, info: (meta?.info ?? {}) as Record<string, unknown>, xmp, fileName } };
  } finally {
    void doc.destroy();
  }
}

class ImportFailureError extends Error {
  constructor(readonly failure: ReturnType<typeof importFailure>) {
    super(failure.message);
  }
}

/** Reads and converts one report file. */
export async function importBytes(fileName: string, bytes: Uint8Array, onProgress?: (p: ImportProgress) => void): Promise<ImportOutcome> {
  if (bytes.byteLength > MAX_IMPORT_BYTES) return { ok: false, failure: importFailure('tooLarge', fileName, MAX_IMPORT_BYTES / 1024 / 1024) };
  const format = importFormatOf(fileName, bytes.subarray(0, 8));
  if (!format) return { ok: false, failure: importFailure('unsupported', fileName) };
  try {
    let input: ImportInput;
    if (format === 'pdf') input = await pdfInput(fileName, bytes, onProgress);
    else if (format === 'docx') input = await docxInput(fileName, bytes);
    else input = { format, fileName, text: decodeText(bytes) };
    return convertReport(input);
  } catch (e) {
    if (e instanceof ImportFailureError) return { ok: false, failure: e.failure };
    throw e;
  }
}
