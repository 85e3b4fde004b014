import type { Problem, TextRange } from '../text/types';
import { lineEndsOf, lineOf, lineStartsOf } from '../text/lines';
import { scanBlocks, type Line } from './pandocBlocks';
import { scanInlines } from './pandocInline';
import { citationProblem } from './messages';
/**
 * Citations in a Markdown draft, exactly where Pandoc finds them: bracketed citations
 * (`[see @a, sec. 1.3; -@b]`), in-text citations (`@a`, `@a [p. 33]`), footnote references
 * (`[^1]`) and footnote definitions (`[^1]: …`), with offsets.
 *
 * Pandoc citations are not CommonMark, and GFM parsers drop footnote references that have no
 * definition, which are exactly what diagnostics must find; so this is a scanner of its own,
 * written after Pandoc's Markdown reader and checked against Pandoc itself in the tests
 * (`test/fixtures/pandoc-citations/`). Nothing in code (spans, fenced and indented blocks),
 * math, raw HTML and TeX, HTML comments, autolinks, link destinations, link reference
 * definitions or the YAML front matter is read as a citation.
 */

export interface PandocCitationItem {
  key: string;
  /** The key without `@` (and without braces for `@{key}`). */
  keyRange: TextRange;
  /** `@key` (with a leading `-` when the author is suppressed). */
  range: TextRange;
  /** Text after the key up to `;` or `]`, without its leading comma: `sec. 1.3`. */
  locator?: string;
  /** Text before the key inside the brackets: `see`. */
  prefix?: string;
  suppressAuthor: boolean;
}

export interface PandocCitation {
  /** The whole citation: `[…]` when bracketed, else `@key` (or `@key [p. 33]`). */
  range: TextRange;
  bracketed: boolean;
  items: PandocCitationItem[];
}

export interface FootnoteReference {
  label: string;
  /** `[^label]`. */
  range: TextRange;
  labelRange: TextRange;
}

export interface FootnoteDefinition {
  label: string;
  /** From `[^label]:` to the end of the definition's last line (line break excluded). */
  range: TextRange;
  /** `[^label]` at the start of the definition. */
  labelRange: TextRange;
  /** The definition's text (after `]:` and blanks). */
  textRange: TextRange;
  text: string;
}

export interface MarkdownScan {
  eol: '\n' | '\r\n';
  /**
   * The YAML front matter block, `---` lines included: at the top of the document, or right after
   * a Pandoc title block (with a blank line between, as Pandoc needs there).
   */
  frontMatter?: { range: TextRange; contentRange: TextRange };
  /** A Pandoc title block (`% Title`, `% Author`, `% Date`) opening the document. */
  titleBlock?: TitleBlock;
  /** Parts never read for citations: front matter, code fences, inline code, HTML comments. Sorted. */
  skipped: TextRange[];
  /** True when a fenced code block is still open at the end of the document. */
  unclosedFence: boolean;
  citations: PandocCitation[];
  footnoteRefs: FootnoteReference[];
  footnoteDefs: FootnoteDefinition[];
  /** The blocks read as inlines (paragraphs, headings, cells, …): each one's lines (their text), in document order. */
  inlineBlocks: TextRange[][];
  /** Lines of simple tables (and headerless ones), which Pandoc cuts into cells at the columns of the dashes. */
  simpleTableRows: TextRange[];
  /** Offsets at which each line starts, and where its content ends (before the line break). */
  lineStarts: number[];
  lineEnds: number[];
}

/** A Pandoc title block: its lines, and the text of each `%` field (title, author, date), continuations included. */
export interface TitleBlock {
  range: TextRange;
  /** Each field's lines, from after `%` and blanks (continuation lines whole). */
  fields: TextRange[][];
}

/** The first line of a YAML front matter block (after a BOM), and the line that closes it. */
export const FRONT_MATTER_OPEN = /^---[ \t]*$/;
export const FRONT_MATTER_CLOSE = /^(?:---|\.\.\.)[ \t]*$/;

/** What opens a draft: a YAML front matter block, or a Pandoc title block and the YAML block after it (line indices included). */
export interface DraftHead {
  frontMatter?: { range: TextRange; contentRange: TextRange; openLine: number; closeLine: number };
  titleBlock?: TitleBlock & { lastLine: number };
}

/**
 * The head of a draft, as Pandoc reads it: YAML front matter at the top (after a BOM, a `---`
 * line up to the first `---` or `...` line), else a Pandoc title block and a YAML block right
 * after it. The line tables default to the text's own; markdown-it's `bMarks`/`eMarks` serve too.
 * The one reader of the head for the citation scanner, the export's title and the markdown-it rules.
 */
export function readDraftHead(
  text: string,
  starts: ArrayLike<number> = lineStartsOf(text),
  ends: ArrayLike<number> = lineEndsOf(text, starts),
): DraftHead {
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const top = yamlBlockAt(text, starts, ends, 0, bom);
  if (top) return { frontMatter: top };
  const titleBlock = titleBlockLines(text, starts, ends, bom);
  if (!titleBlock) return {};
  // After a title block, YAML is metadata when a blank line comes first and none right after its `---`.
  let k = titleBlock.lastLine + 1;
  while (k < starts.length && /^[ \t]*$/.test(text.slice(starts[k], ends[k]))) k++;
  const blankAfter = k + 1 < starts.length && /^[ \t]*$/.test(text.slice(starts[k + 1], ends[k + 1]));
  const frontMatter = k > titleBlock.lastLine + 1 && !blankAfter ? yamlBlockAt(text, starts, ends, k, bom) : undefined;
  return { titleBlock, ...(frontMatter ? { frontMatter } : {}) };
}

/**
 * Pandoc's title block: `%` lines at the top (title, author, date: at most three), each field
 * going on over lines that start with a blank; the first other line ends it.
 */
function titleBlockLines(text: string, starts: ArrayLike<number>, ends: ArrayLike<number>, bom: number): DraftHead['titleBlock'] {
  const fields: TextRange[][] = [];
  let last = -1;
  for (let i = 0; i < starts.length; i++) {
    const s = i === 0 ? starts[0] + bom : starts[i];
    const line = text.slice(s, ends[i]);
    if (line.startsWith('%') && fields.length < 3) {
      const lead = /^%[ \t]*/.exec(line)![0].length;
      fields.push([{ start: s + lead, end: ends[i] }]);
    } else if (fields.length && /^[ \t]+\S/.test(line)) {
      fields[fields.length - 1].push({ start: s, end: ends[i] });
    } else break;
    last = i;
  }
  if (last < 0) return undefined;
  return { range: { start: starts[0], end: ends[last] }, fields, lastLine: last };
}

/** A YAML block from line `open`: `---`, not followed by a blank line, up to a `---` or `...` line. */
function yamlBlockAt(
  text: string,
  starts: ArrayLike<number>,
  ends: ArrayLike<number>,
  open: number,
  bom: number,
): DraftHead['frontMatter'] {
  const s = open === 0 ? starts[0] + bom : starts[open];
  if (open >= starts.length || !FRONT_MATTER_OPEN.test(text.slice(s, ends[open]))) return undefined;
  for (let i = open + 1; i < starts.length; i++) {
    if (FRONT_MATTER_CLOSE.test(text.slice(starts[i], ends[i]))) {
      const range = { start: starts[open], end: ends[i] };
      return { range, contentRange: { start: starts[open + 1], end: starts[i] }, openLine: open, closeLine: i };
    }
  }
  return undefined;
}

/**
 * Scans a Markdown draft for Pandoc citations and footnotes, as Pandoc's Markdown reader
 * finds them (see `pandocBlocks.ts` and `pandocInline.ts` for the rules). Inline code, math,
 * autolinks and raw HTML are in `skipped` only in text that may hold a citation, unless `full`.
 */
export function scanCitations(text: string, options: { full?: boolean } = {}): MarkdownScan {
  const lineStarts = Array.from(lineStartsOf(text));
  const lineEnds = lineEndsOf(text, lineStarts);
  const firstBreak = text.indexOf('\n');
  const eol: '\n' | '\r\n' = firstBreak > 0 && text[firstBreak - 1] === '\r' ? '\r\n' : '\n';
  const n = lineStarts.length;

  const skipped: TextRange[] = [];
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const head = readDraftHead(text, lineStarts, lineEnds);
  const found = head.frontMatter;
  const frontMatter: MarkdownScan['frontMatter'] = found && { range: found.range, contentRange: found.contentRange };
  const titleBlock: TitleBlock | undefined = head.titleBlock && { range: head.titleBlock.range, fields: head.titleBlock.fields };
  if (frontMatter) skipped.push(frontMatter.range);

  const lines: Line[] = [];
  for (let i = 0; i < n; i++) {
    // The front matter's lines are no text (a title block above it is: Pandoc reads its citations).
    if (found && i >= found.openLine && i <= found.closeLine) continue;
    const s = i === 0 ? bom : lineStarts[i];
    lines.push({ s, t: text.slice(s, lineEnds[i]) });
  }
  const blocks = scanBlocks(lines);
  skipped.push(...blocks.skipped);
  const ctx = { refLabels: blocks.refLabels, examples: blocks.examples, full: options.full };
  const citations: PandocCitation[] = [];
  const footnoteRefs: FootnoteReference[] = [];
  for (const group of blocks.groups) {
    if (group.length === 1) {
      // One line: its offsets are the document's, shifted by its start.
      const r = scanInlines(group[0].t, ctx, group[0].s);
      citations.push(...r.citations);
      footnoteRefs.push(...r.footnoteRefs);
      skipped.push(...r.skipped);
      continue;
    }
    const joinStarts: number[] = [];
    let joined = '';
    for (const l of group) {
      if (joined) joined += '\n';
      joinStarts.push(joined.length);
      joined += l.t;
    }
    const at = (o: number): number => {
      const k = lineOf(joinStarts, o);
      return group[k].s + (o - joinStarts[k]);
    };
    const map = (r: TextRange): TextRange => ({ start: at(r.start), end: r.end > r.start ? at(r.end - 1) + 1 : at(r.start) });
    const r = scanInlines(joined, ctx, 0);
    for (const c of r.citations) {
      citations.push({
        range: map(c.range),
        bracketed: c.bracketed,
        items: c.items.map((it) => ({ ...it, range: map(it.range), keyRange: map(it.keyRange) })),
      });
    }
    for (const f of r.footnoteRefs) footnoteRefs.push({ label: f.label, range: map(f.range), labelRange: map(f.labelRange) });
    for (const k of r.skipped) skipped.push(map(k));
  }
  citations.sort((a, b) => a.range.start - b.range.start);
  footnoteRefs.sort((a, b) => a.range.start - b.range.start);
  const footnoteDefs: FootnoteDefinition[] = blocks.footnotes
    .map((f) => ({
      label: f.label,
      range: { start: f.start, end: f.textRange.end },
      labelRange: f.labelRange,
      textRange: f.textRange,
      text: text.slice(f.textRange.start, f.textRange.end),
    }))
    .sort((a, b) => a.range.start - b.range.start);
  skipped.sort((a, b) => a.start - b.start);
  const inlineBlocks = blocks.groups
    .map((g) => g.map((l) => ({ start: l.s, end: l.s + l.t.length })))
    .sort((a, b) => a[0].start - b[0].start);
  return { eol, frontMatter, ...(titleBlock && { titleBlock }), skipped, unclosedFence: blocks.unclosedFence,
    citations, footnoteRefs, footnoteDefs, inlineBlocks,
    simpleTableRows: blocks.simpleTableRows, lineStarts, lineEnds };
}

/** Citations and footnotes of a document, for hovers and diagnostics. */
export function findCitations(text: string): Pick<MarkdownScan, 'citations' | 'footnoteRefs' | 'footnoteDefs' | 'frontMatter'> {
  const { citations, footnoteRefs, footnoteDefs, frontMatter } = scanCitations(text);
  return { citations, footnoteRefs, footnoteDefs, frontMatter };
}

/** Whether an offset lies inside a skipped part (code, front matter, comment). */
export function isSkipped(scan: Pick<MarkdownScan, 'skipped'>, offset: number): boolean {
  let lo = 0;
  let hi = scan.skipped.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const r = scan.skipped[mid];
    if (offset < r.start) hi = mid - 1;
    else if (offset >= r.end) lo = mid + 1;
    else return true;
  }
  return false;
}

export interface CheckCitationsOptions {
  /** Whether a citation key exists in the document's bibliographies. Omit to skip key checks. */
  isKnownKey?: (key: string) => boolean;
  /** Check `@key` written without brackets too (Pandoc reads them as citations). Default true. */
  bareCitations?: boolean;
}

/**
 * Problems with the citations of a document:
 * - `citation.unknown-key` (warning; information for an in-text `@key`): a Pandoc key that no
 *   bibliography defines;
 * - `footnote.undefined` (warning): a footnote reference without a definition;
 * - `footnote.unused` (information): a definition that nothing references;
 * - `footnote.duplicate` (warning): a second definition of the same label.
 */
export function checkCitations(scan: Pick<MarkdownScan, 'citations' | 'footnoteRefs' | 'footnoteDefs'>, opts: CheckCitationsOptions = {}): Problem[] {
  const problems: Problem[] = [];
  if (opts.isKnownKey) {
    for (const c of scan.citations) {
      if (!c.bracketed && opts.bareCitations === false) continue;
      for (const it of c.items) {
        if (opts.isKnownKey(it.key)) continue;
        // In-text `@key` is a citation for Pandoc too (it prints `???`), but it may be meant as a plain `@`.
        if (c.bracketed) problems.push(citationProblem('warning', 'citation.unknown-key', it.range, 'unknownKey', it.key));
        else problems.push(citationProblem('information', 'citation.unknown-key', it.range, 'unknownInTextKey', it.key));
      }
    }
  }
  const defined = new Map<string, FootnoteDefinition>();
  for (const d of scan.footnoteDefs) {
    const label = d.label.toLowerCase();
    if (defined.has(label)) {
      problems.push({ severity: 'warning', code: 'footnote.duplicate', message: `Footnote [^${d.label}] is defined more than once; the first definition is used.`, range: d.labelRange });
    } else defined.set(label, d);
  }
  const referenced = new Set<string>();
  for (const r of scan.footnoteRefs) {
    const label = r.label.toLowerCase();
    referenced.add(label);
    if (!defined.has(label)) {
      problems.push({ severity: 'warning', code: 'footnote.undefined', message: `Footnote [^${r.label}] has no definition.`, range: r.range });
    }
  }
  for (const [label, d] of defined) {
    if (!referenced.has(label)) {
      problems.push({ severity: 'information', code: 'footnote.unused', message: `Footnote [^${d.label}] is never referenced.`, range: d.labelRange });
    }
  }
  return problems.sort((a, b) => a.range.start - b.range.start);
}

export type CitationAtOffset =
  | { kind: 'citation'; citation: PandocCitation; item: PandocCitationItem }
  | { kind: 'footnote-reference'; reference: FootnoteReference; definition?: FootnoteDefinition }
  | { kind: 'footnote-definition'; definition: FootnoteDefinition };

/**
 * What citation is at an offset, for hovers: a Pandoc citation item (the one whose `@key` or
 * locator holds the offset; the first one when the offset is on a bracket or a separator), a
 * footnote reference with its definition, or a footnote definition's label.
 */
export function citationAt(scan: Pick<MarkdownScan, 'citations' | 'footnoteRefs' | 'footnoteDefs'>, offset: number): CitationAtOffset | undefined {
  const inside = (r: TextRange) => offset >= r.start && offset <= r.end;
  for (const ref of scan.footnoteRefs) {
    if (inside(ref.range)) {
      const definition = scan.footnoteDefs.find((d) => d.label.toLowerCase() === ref.label.toLowerCase());
      return { kind: 'footnote-reference', reference: ref, ...(definition ? { definition } : {}) };
    }
  }
  for (const def of scan.footnoteDefs) if (inside(def.labelRange)) return { kind: 'footnote-definition', definition: def };
  for (const citation of scan.citations) {
    if (!inside(citation.range)) continue;
    // The item whose text (from its key to the next item) holds the offset.
    let pick = citation.items[0];
    for (const it of citation.items) if (offset >= it.range.start) pick = it;
    return { kind: 'citation', citation, item: pick };
  }
  return undefined;
}
