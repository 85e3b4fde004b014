/**
 * PDF layout → document structure. The host extracts text items with pdf.js (string,
 * position, size, font); this module, pure, rebuilds lines, drops running headers, footers
 * and page numbers, finds headings by size, weight and numbering, and re-joins the lines
 * of each paragraph (without spaces between Chinese characters), across pages too.
 */
import type { ImportBlock, ImportedDocument, ImportMetadata } from './types';
import { importFailure, ImportError } from './types';
import { assignLevels, matchNumberedHeading, type HeadingStyle } from './headings';
import { endsSentence, isCjk, joinBroken, squash } from './text';

/** One text run as pdf.js reports it, in PDF user space (y grows upwards, baseline). */
export interface PdfTextItem {
  str: string;
  x: number;
  y: number;
  width: number;
  /** Font size in user-space units. */
  size: number;
  font: string;
  bold?: boolean;
}

export interface PdfPage {
  width: number;
  height: number;
  items: PdfTextItem[];
}

export interface PdfDocumentInput {
  pages: PdfPage[];
  /** The document information dictionary (Title, Author, CreationDate, …). */
  info?: Record<string, unknown>;
  /** XMP metadata fields when present (dc:title, dc:creator, …). */
  xmp?: Record<string, string>;
  fileName: string;
}

interface Line {
  page: number;
  text: string;
  x: number;
  xEnd: number;
  y: number;
  size: number;
  bold: boolean;
}

const round = (n: number, step = 0.5): number => Math.round(n / step) * step;

function mode(values: number[], weights?: number[]): number {
  const tally = new Map<number, number>();
  values.forEach((v, i) => tally.set(v, (tally.get(v) ?? 0) + (weights ? weights[i] : 1)));
  let best = values[0] ?? 0;
  let bestN = -1;
  for (const [v, n] of tally) if (n > bestN || (n === bestN && v < best)) [best, bestN] = [v, n];
  return best;
}

function median(values: number[]): number {
  if (!values.length) return 0;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Groups a page's items into lines, top to bottom, each left to right. */
export function pageLines(page: PdfPage, pageNo: number): Line[] {
  const items = page.items.filter((it) => it.str.length > 0 && it.str.trim().length > 0);
  items.sort((a, b) => b.y - a.y || a.x - b.x);
  const rows: PdfTextItem[][] = [];
  for (const it of items) {
    const row = rows[rows.length - 1];
    const tol = Math.max(1, 0.45 * Math.min(it.size, row?.[0].size ?? it.size));
    if (row && Math.abs(row[0].y - it.y) <= tol) row.push(it);
    else rows.push([it]);
  }
  return attachScripts(rows).map((row) => {
    row.sort((a, b) => a.x - b.x);
    let text = '';
    let end = -Infinity;
    let chars = 0;
    let boldChars = 0;
    const sizes: number[] = [];
    const weights: number[] = [];
    for (const it of row) {
      const gap = it.x - end;
      const s = it.str;
      if (text && gap > 0.2 * it.size) {
        const a = text.charCodeAt(text.length - 1);
        const b = s.charCodeAt(0);
        if (!(isCjk(a) && isCjk(b)) || gap > 1.5 * it.size) text += ' ';
      }
      text += s;
      end = Math.max(end, it.x + it.width);
      const n = s.trim().length;
      chars += n;
      if (it.bold) boldChars += n;
      sizes.push(round(it.size));
      weights.push(n);
    }
    return {
      page: pageNo,
      text: squash(text),
      x: row[0].x,
      xEnd: end,
      y: row[0].y,
      size: mode(sizes, weights),
      bold: chars > 0 && boldChars >= chars * 0.6,
    };
  });
}

/**
 * Superscripts and subscripts (citation numbers, footnote marks, exponents) are set in a smaller
 * (or the same) font above or below their line's baseline, so they come out as rows of their own,
 * before or after the text they belong to. A row no larger than the line next to it, whose
 * baseline lies within that line's em box (raised by at most 0.75 em, or lowered by at most
 * 0.4 em: closer than any separate line could be without overlapping it), and whose items lie
 * within that line's width, joins that line.
 */
function attachScripts(rows: PdfTextItem[][]): PdfTextItem[][] {
  const out: PdfTextItem[][] = [];
  // Loops, not spread arguments: a row of a hostile PDF may hold any number of items.
  const sizeOf = (row: PdfTextItem[]) => row.reduce((m, it) => Math.max(m, it.size), 0);
  const baseOf = (row: PdfTextItem[]) => row.reduce((a, b) => (b.size > a.size ? b : a)).y;
  const within = (small: PdfTextItem[], line: PdfTextItem[], size: number) => {
    const left = line.reduce((m, it) => Math.min(m, it.x), Infinity) - size;
    const right = line.reduce((m, it) => Math.max(m, it.x + it.width), -Infinity) + size;
    return small.every((it) => it.x >= left && it.x + it.width <= right);
  };
  /** Whether `small` is a script of `line`: `raised` above its baseline, or lowered below it. */
  const scriptOf = (small: PdfTextItem[], line: PdfTextItem[] | undefined, raised: boolean): boolean => {
    if (!line) return false;
    const size = sizeOf(line);
    if (sizeOf(small) > size) return false;
    const d = (baseOf(small) - baseOf(line)) * (raised ? 1 : -1);
    return d > 0 && d <= (raised ? 0.75 : 0.4) * size && within(small, line, size);
  };
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    if (scriptOf(row, rows[i + 1], true)) {
      rows[i + 1] = rows[i + 1].concat(row);
    } else if (scriptOf(row, out[out.length - 1], false)) {
      out[out.length - 1] = out[out.length - 1].concat(row);
    } else {
      out.push(row);
    }
  }
  return out;
}

const PAGE_NUMBER = /^(?:[-–—\s]*\d{1,4}[-–—\s]*|(?:page|p\.)\s*\d{1,4}(?:\s*(?:of|\/)\s*\d{1,4})?|\d{1,4}\s*\/\s*\d{1,4}|第\s*\d{1,4}\s*页(?:\s*[/,，]?\s*共\s*\d{1,4}\s*页)?|第\s*\d{1,4}\s*頁(?:\s*[/,，]?\s*共\s*\d{1,4}\s*頁)?|[ivxlcdm]{1,6}|-\s*[ivxlcdm]{1,6}\s*-)$/i;

/** Drops running headers and footers (the same text, digits aside, near the top or bottom of many pages) and page numbers. */
export function dropRunningLines(pages: Line[][], heights: number[]): Line[][] {
  const band = (l: Line): 'top' | 'bottom' | undefined => {
    const h = heights[l.page];
    if (l.y > h * 0.9) return 'top';
    if (l.y < h * 0.1) return 'bottom';
    return undefined;
  };
  const key = (l: Line): string => `${band(l)}:${l.text.replace(/\d+/g, '#').replace(/\s+/g, '')}`;
  const seen = new Map<string, Set<number>>();
  for (const lines of pages) {
    // Only the first and last two lines of a page can run.
    const edge = [...lines.slice(0, 2), ...lines.slice(-2)];
    for (const l of edge) {
      if (!band(l)) continue;
      const k = key(l);
      if (!seen.has(k)) seen.set(k, new Set());
      seen.get(k)!.add(l.page);
    }
  }
  const minPages = Math.max(3, Math.ceil(pages.length * 0.3));
  return pages.map((lines) =>
    lines.filter((l, i) => {
      if (i >= 2 && i < lines.length - 2) return true;
      if (!band(l)) return true;
      if (PAGE_NUMBER.test(l.text)) return false;
      return (seen.get(key(l))?.size ?? 0) < minPages;
    }),
  );
}

interface Heading {
  line: Line;
  text: string;
  style: HeadingStyle | 'plain';
  depth: number;
}

/** The document (title, headings, paragraphs) of a PDF's text items. */
export function layoutPdf(input: PdfDocumentInput): ImportedDocument {
  const chars = input.pages.reduce((n, p) => n + p.items.reduce((m, it) => m + it.str.trim().length, 0), 0);
  if (input.pages.length === 0 || chars === 0 || chars < input.pages.length * 8) {
    throw new ImportError(importFailure(chars === 0 && input.pages.length > 0 ? 'scanned' : input.pages.length ? 'scanned' : 'empty', input.fileName));
  }
  const heights = input.pages.map((p) => p.height);
  const pages = dropRunningLines(input.pages.map((p, i) => pageLines(p, i)), heights);
  const all = pages.flat();
  const bodySize = mode(all.map((l) => l.size), all.map((l) => l.text.length));
  const body = all.filter((l) => l.size === bodySize);
  const bodyBold = body.filter((l) => l.bold).length > body.length / 2;
  const left = mode(body.map((l) => round(l.x, 2)));
  const widths = body.map((l) => l.xEnd).sort((a, b) => a - b);
  const right = widths[Math.floor(widths.length * 0.9)] ?? 0;
  const spacing: number[] = [];
  for (let i = 1; i < all.length; i++) {
    const a = all[i - 1];
    const b = all[i];
    if (a.page === b.page && a.size === bodySize && b.size === bodySize && a.y > b.y) spacing.push(a.y - b.y);
  }
  const lineGap = median(spacing) || bodySize * 1.4;

  const isFull = (l: Line): boolean => l.xEnd >= right - 1.5 * l.size;
  const headingOf = (l: Line, prev: Line | undefined, next: Line | undefined): Heading | undefined => {
    if (l.text.length > 60) return undefined;
    const numbered = matchNumberedHeading(l.text);
    const bigger = l.size >= bodySize * 1.12;
    const bolder = l.bold && !bodyBold && l.size >= bodySize * 0.95;
    const standalone = !isFull(l) || !next || next.size !== l.size || next.y < l.y - lineGap * 1.3 || next.page !== l.page;
    const apart = !prev || prev.page !== l.page || prev.y - l.y > lineGap * 1.3 || prev.size !== l.size || (prev.xEnd < right - 2 * prev.size && endsSentence(prev.text));
    if ((bigger || bolder) && !/[，,；;。]$/.test(l.text)) {
      return { line: l, text: l.text, style: numbered?.style ?? 'plain', depth: numbered?.depth ?? 1 };
    }
    if (numbered && !numbered.runIn && standalone && apart && l.size >= bodySize * 0.95 && !endsSentence(l.text)) {
      return { line: l, text: l.text, style: numbered.style, depth: numbered.depth };
    }
    return undefined;
  };

  // Headings, with the lines of a heading that wrapped joined.
  type Item = { kind: 'heading'; h: Heading } | { kind: 'line'; line: Line };
  const items: Item[] = [];
  for (let i = 0; i < all.length; i++) {
    const l = all[i];
    const h = headingOf(l, all[i - 1], all[i + 1]);
    const last = items[items.length - 1];
    if (h && last?.kind === 'heading' && h.style === 'plain' && last.h.line.size === l.size && last.h.line.bold === l.bold && last.h.line.page === l.page && last.h.line.y - l.y < l.size * 1.8) {
      last.h.text = joinBroken(last.h.text, l.text);
      last.h.line = { ...last.h.line, y: l.y };
      continue;
    }
    items.push(h ? { kind: 'heading', h } : { kind: 'line', line: l });
  }

  // The title: the largest heading on the first page, larger than every later heading.
  const heads = items.filter((it): it is { kind: 'heading'; h: Heading } => it.kind === 'heading').map((it) => it.h);
  let title: Heading | undefined;
  if (heads.length && heads[0].line.page === 0) {
    const first = heads.filter((h) => h.line.page === 0).sort((a, b) => b.line.size - a.line.size)[0];
    if (first.line.size >= bodySize * 1.2 && heads.every((h) => h === first || h.line.size < first.line.size)) title = first;
  }
  const rest = heads.filter((h) => h !== title);
  // Levels: larger sizes first; within one size, bold before regular, then the numbering styles by first appearance.
  const groupKey = (h: Heading): string => `${round(h.line.size, 1)}|${h.line.bold ? 1 : 0}`;
  const groups = [...new Set(rest.map(groupKey))].sort((a, b) => {
    const [sa, ba] = a.split('|').map(Number);
    const [sb, bb] = b.split('|').map(Number);
    return sb - sa || bb - ba;
  });
  const level = new Map<Heading, number>();
  let base = 0;
  for (const g of groups) {
    const members = rest.filter((h) => groupKey(h) === g);
    const levels = assignLevels(members.map((h) => ({ style: h.style === 'plain' ? ('bare' as const) : h.style, depth: h.depth })));
    members.forEach((h, i) => level.set(h, base + levels[i]));
    base += Math.max(...levels);
  }

  const blocks: ImportBlock[] = [];
  let para: { text: string; last: Line } | undefined;
  const flush = (): void => {
    if (para) blocks.push({ type: 'paragraph', text: para.text });
    para = undefined;
  };
  for (const it of items) {
    if (it.kind === 'heading') {
      flush();
      if (it.h !== title) blocks.push({ type: 'heading', level: level.get(it.h)!, text: it.h.text });
      continue;
    }
    const l = it.line;
    if (para) {
      const p = para.last;
      const samePage = p.page === l.page;
      const gapBreak = samePage && p.y - l.y > lineGap * 1.45;
      // An indented line after one at the margin starts a paragraph (a first-line indent), unless
      // that line ran to the right margin mid-sentence: then it is a hanging indent (a reference list).
      const indent = l.x > left + 1.2 * l.size && p.x <= left + 0.5 * p.size && !(isFull(p) && !endsSentence(p.text));
      const shortEnd = !isFull(p) && endsSentence(p.text);
      const bullet = /^([•·▪●○■□◆◇\-–*]|\(?\d{1,2}[).]|[（(][一二三四五六七八九十\d]{1,3}[）)])\s*/.test(l.text) && !/^\d/.test(p.text.slice(-1));
      const sizeChange = l.size !== p.size;
      if (gapBreak || indent || shortEnd || bullet || sizeChange || (!samePage && !isFull(p))) {
        flush();
      } else {
        para.text = joinBroken(para.text, l.text);
        para.last = l;
        continue;
      }
    }
    para = { text: l.text, last: l };
  }
  flush();

  const metadata = pdfMetadata(input);
  const titleText = title?.text;
  if (titleText && !metadata.title) metadata.title = titleText;
  return { title: titleText ?? metadata.title, blocks, metadata };
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() ? squash(v) : undefined;
}

function pdfMetadata(input: PdfDocumentInput): ImportMetadata {
  const info = input.info ?? {};
  const xmp = input.xmp ?? {};
  const title = str(xmp['dc:title']) ?? str(info.Title);
  const date = str(xmp['xmp:createdate']) ?? str(info.CreationDate);
  const year = date ? /((?:19|20)\d\d)/.exec(date)?.[1] : undefined;
  // Producer/Creator name software, not publishers; they are ignored.
  return {
    title: title && !/^(untitled|microsoft word - .*|.*\.(docx?|pdf))$/i.test(title) ? title.replace(/^microsoft word - /i, '') : undefined,
    author: str(xmp['dc:creator']) ?? str(info.Author),
    publisher: str(xmp['dc:publisher']),
    year: year ? Number(year) : undefined,
  };
}
