/**
 * Where a Pandoc citation (`[@key…]`) goes for a cursor, so that Pandoc reads it as a citation of
 * exactly its keys and reads the rest of the draft as before: the same citations, footnotes and
 * blocks (a paragraph, heading, list item, table or code block never becomes another). Each place
 * is judged by the citation scanner (`scanCitations`, which follows Pandoc's Markdown reader and
 * is checked against Pandoc in `test/pandoc/`) reading the draft with the citation inserted.
 *
 * A citation goes into text Pandoc reads as inlines (a paragraph, heading, list item, cell, …).
 * Places, best first: at the cursor (with a blank before or after it if need be); at the end of
 * the cursor's text line; at the end of the text before the cursor, or the start of the text
 * after it (a cursor on a blank line, a rule, a fence or a table's separator line); a paragraph
 * of its own at the end of the draft. A cursor strictly inside what Pandoc shows as it is (code,
 * raw HTML and TeX, comments, math, link addresses, link reference definitions) gets no place:
 * moving the citation out would put it somewhere the analyst did not point at. Rows of simple
 * tables (which Pandoc cuts at the columns) and footnotes nothing references (which Pandoc does
 * not show) take no citation; the nearest other text does.
 */
import type { TextRange } from '../text/types';
import { scanCitations, type MarkdownScan } from './markdown';

export interface PandocPlacement {
  at: number;
  /** The text inserted: the citation, with line breaks before it when it is a paragraph of its own. */
  text: string;
  /** A paragraph of its own. */
  own?: boolean;
}

/**
 * The place for `citation` at cursor `at`, or undefined when Pandoc would show it as text (or
 * nowhere keeps the draft's reading). `keys` are the citation's keys as Pandoc reads them.
 */
export function placePandocCitation(
  text: string,
  scan: MarkdownScan,
  at: number,
  citation: string,
  keys: string[],
): PandocPlacement | undefined {
  const full = scanCitations(text, { full: true });
  const fm = scan.frontMatter;
  if (full.skipped.some((r) => r.start < at && at < r.end) || (fm && fm.range.start <= at && at <= fm.range.end)) return undefined;
  // Not into a simple table's row, which Pandoc cuts at its columns (a citation across one would be cut too).
  const inTable = (l: TextRange) => full.simpleTableRows.some((r) => r.start <= l.start && l.end <= r.end);
  // Nor into a footnote nothing references, whose text Pandoc does not show.
  const referenced = new Set(full.footnoteRefs.map((f) => f.label.toLowerCase()));
  const hidden = full.footnoteDefs.filter((d) => !referenced.has(d.label.toLowerCase())).map((d) => d.range);
  const inHidden = (l: TextRange) => hidden.some((r) => r.start <= l.start && l.end <= r.end);
  const lines = full.inlineBlocks.flat().filter((l) => !inTable(l) && !inHidden(l)).sort((a, b) => a.start - b.start);
  const candidates: PandocPlacement[] = [];
  const around = (o: number) => [{ at: o, text: citation }, { at: o, text: ` ${citation}` }, { at: o, text: `${citation} ` }];
  const here = lines.find((l) => l.start <= at && at <= l.end);
  if (here) candidates.push(...around(at), ...around(here.end));
  const before = [...lines].reverse().find((l) => l.end <= at && l.end > l.start);
  const after = lines.find((l) => l.start >= at && l.end > l.start);
  if (before) candidates.push(...around(before.end));
  if (after) candidates.push(...around(after.start));
  const eol = scan.eol;
  const endsWithBreak = /(?:\r\n|\n|\r)$/.test(text);
  const trailing = /(?:\r\n|\n|\r)*$/.exec(text)![0];
  const breaks = (trailing.match(/\r\n|\n|\r/g) ?? []).length;
  // After a blank draft, on a line of its own at the start of a line (blanks before it would make it code).
  const lastLine = text.slice(Math.max(text.lastIndexOf('\n'), text.lastIndexOf('\r')) + 1).replace(/^\uFEFF/, '');
  const lead = text.replace(/^\uFEFF/, '').trim() !== '' ? eol.repeat(Math.max(0, 2 - breaks)) : lastLine !== '' ? eol : '';
  candidates.push({ at: text.length, text: lead + citation + (endsWithBreak ? eol : ''), own: true });
  // After an empty `[^1]:` line, one blank line would make the paragraph that note's text; two end the note.
  if (lead.length) candidates.push({ at: text.length, text: lead + eol + citation + (endsWithBreak ? eol : ''), own: true });
  const judge = new PandocJudge(text, full, lines);
  return candidates.find((c) => judge.reads(c, citation, keys));
}

/** Offsets of the draft with one insertion, mapped back to the draft (NaN inside the insertion). */
class Shift {
  constructor(private readonly at: number, private readonly length: number) {}
  /** Where an offset of the new text was in the draft (an offset at the insertion is the text that followed it). */
  of(x: number): number {
    return x <= this.at ? x : x >= this.at + this.length ? x - this.length : NaN;
  }
  range(r: TextRange): string {
    return `${this.of(r.start)}-${this.of(r.end)}`;
  }
}

type Reading = { citations: string[]; skipped: string[]; notes: string[]; blocks: string[]; head: string[] };

/** The scanner's reading of the draft, and of the draft with one insertion, compared. */
class PandocJudge {
  private readonly before: Reading;
  constructor(private readonly text: string, scan: MarkdownScan, private readonly lines: TextRange[]) {
    this.before = this.reading(scan, new Shift(Infinity, 0));
  }

  private reading(scan: MarkdownScan, shift: Shift): Reading {
    return {
      citations: scan.citations.map((c) => `${shift.range(c.range)}:${c.items.map((i) => i.key).join(';')}`),
      skipped: scan.skipped.map((r) => shift.range(r)),
      notes: [...scan.footnoteRefs.map((f) => `r${shift.range(f.range)}`), ...scan.footnoteDefs.map((d) => `d${shift.range(d.range)}`)],
      blocks: scan.inlineBlocks.map((b) => b.map((l) => shift.range(l)).join(',')),
      // A title block stays one (a citation before its `%` would end it), with its fields.
      head: scan.titleBlock
        ? [shift.range(scan.titleBlock.range), ...scan.titleBlock.fields.map((f) => f.map((l) => shift.range(l)).join(','))]
        : [],
    };
  }

  /** Whether the citation inserted as `c` is read as one citation of `keys`, and the rest as before. */
  reads(c: PandocPlacement, citation: string, keys: string[]): boolean {
    const own = c.own === true;
    // Into text read as inlines, or a paragraph of its own.
    if (!own && !this.lines.some((l) => l.start <= c.at && c.at <= l.end)) return false;
    const out = this.text.slice(0, c.at) + c.text + this.text.slice(c.at);
    const scan = scanCitations(out, { full: true });
    const start = c.at + c.text.indexOf(citation);
    const mine = scan.citations.filter((x) => x.range.start === start);
    if (mine.length !== 1 || mine[0].range.end !== start + citation.length || !mine[0].bracketed) return false;
    if (mine[0].items.map((i) => i.key).join('\u0000') !== keys.join('\u0000')) return false;
    // Never inside another citation (Pandoc would read it as that one's prefix or suffix).
    if (scan.citations.some((x) => x !== mine[0] && x.range.start <= start && start + citation.length <= x.range.end)) return false;
    // A paragraph of its own never joins a footnote, and nothing goes into one that nothing references.
    const refs = new Set(scan.footnoteRefs.map((f) => f.label.toLowerCase()));
    const inNote = scan.footnoteDefs.filter((d) => d.range.start <= start && start + citation.length <= d.range.end);
    if (inNote.some((d) => own || !refs.has(d.label.toLowerCase()))) return false;
    // Its own paragraph is one new block; otherwise the insertion joins the text around it.
    const shift = new Shift(c.at, c.text.length);
    const isOwn = (b: TextRange[]) => b.length === 1 && out.slice(b[0].start, b[0].end).trim() === citation;
    const rest = own ? scan.inlineBlocks.filter((b) => !isOwn(b)) : scan.inlineBlocks;
    if (own && rest.length !== scan.inlineBlocks.length - 1) return false;
    const after = this.reading({ ...scan, inlineBlocks: rest, citations: scan.citations.filter((x) => x !== mine[0]) }, shift);
    let blocks = after.blocks;
    if (!own) {
      // The text line it went into ends later by the insertion: map that end back to its end in the draft.
      blocks = blocks.map((b) => b.replace(/-NaN\b/g, `-${c.at}`));
    }
    const head = own ? after.head : after.head.map((h) => h.replace(/-NaN\b/g, `-${c.at}`));
    return same(after.citations, this.before.citations) && same(after.skipped, this.before.skipped)
      && same(after.notes, this.before.notes) && same(blocks, this.before.blocks) && same(head, this.before.head);
  }
}

const same = (a: string[], b: string[]) => a.length === b.length && a.every((x, i) => x === b[i]);
