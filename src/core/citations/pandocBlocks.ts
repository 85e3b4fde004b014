import type { TextRange } from '../text/types';
import { htmlTagEnd, normalizeLabel, startsWithCitation } from './pandocInline';
/**
 * The block half of the Pandoc citation scanner: splits a Markdown document into the blocks
 * Pandoc's Markdown reader sees, far enough to know which text is read as inlines (paragraphs,
 * headings, table cells, list items, block quotes, footnotes, definition lists) and which is
 * not (fenced and indented code, raw HTML and TeX blocks, HTML comments, link reference
 * definitions).
 *
 * Like Pandoc, a container (list item, block quote, footnote) is cut out of the document with
 * its indentation or `>` markers removed, and its lines are parsed as blocks again; every line
 * keeps the offset of its first character, so positions stay exact. The rules follow Pandoc
 * 2.17's defaults: a blank line is needed before a list, a block quote and a heading; list
 * items continue on lines indented to the item's content; footnotes and definitions continue
 * on lines indented by four spaces; a fence that is never closed is no fence.
 */

/** One line of a (possibly nested) block: its text and the document offset of its first character. */
export interface Line {
  s: number;
  t: string;
}

export interface BlockFootnote {
  label: string;
  /** `[^label]` */
  labelRange: TextRange;
  /** From the start of the definition's text to the end of its last line. */
  textRange: TextRange;
  start: number;
}

export interface BlockScan {
  /** Text read as inlines: each group is one block's lines (a paragraph, a heading, a cell). */
  groups: Line[][];
  skipped: TextRange[];
  footnotes: BlockFootnote[];
  refLabels: Set<string>;
  examples: Map<string, number>;
  /** A line that opens a fence has no closing fence (Pandoc reads it as text). */
  unclosedFence: boolean;
  /** Rows of simple tables, which Pandoc cuts into cells at the columns of the dashes (read here as whole lines). */
  simpleTableRows: TextRange[];
}

/** Whether offset `at` of a line is inside a code span of that line (a run of backticks closed by one as long). */
function inCodeSpan(t: string, at: number): boolean {
  let i = t.indexOf('`');
  while (i >= 0 && i < at) {
    let j = i;
    while (t[j] === '`') j++;
    let k = j;
    let close = -1;
    while (k < t.length && close < 0) {
      if (t[k] !== '`') {
        k++;
        continue;
      }
      let m = k;
      while (t[m] === '`') m++;
      if (m - k === j - i) close = m;
      k = m;
    }
    // Without a closing run, Pandoc takes one backtick as text and tries again after it.
    if (close < 0) i = t.indexOf('`', i + 1);
    else if (at < close) return true;
    else i = t.indexOf('`', close);
  }
  return false;
}

/**
 * Where a block-level HTML tag (`<div>`, `</div>`, `<pre>`, …) starts in a paragraph's line, or -1:
 * not escaped, not in a code span.
 */
function blockTagIn(t: string): number {
  if (t.indexOf('<') < 0) return -1;
  const re = /<\/?([a-zA-Z][a-zA-Z0-9]*)(?=[\s/>]|$)/g;
  for (let m = re.exec(t); m; m = re.exec(t)) {
    const name = m[1].toLowerCase();
    if (!(BLOCK_TAGS.has(name) || /^(?:pre|script|style|textarea)$/.test(name)) || (m.index > 0 && t[m.index - 1] === '\\')) continue;
    if (inCodeSpan(t, m.index)) continue;
    if (htmlTagEnd(t, m.index) >= 0) return m.index;
  }
  return -1;
}

/** Deepest nesting of block quotes, list items and notes read as such. */
const MAX_NESTING = 48;
const NO_CONTEXT = { refLabels: new Set<string>(), examples: new Map<string, number>() };

function isBlank(t: string): boolean {
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c !== 32 && c !== 9) return false;
  }
  return true;
}

/** Columns and characters of a line's leading white space (tabs to multiples of 4). */
function lead(t: string): { cols: number; chars: number } {
  let cols = 0;
  let i = 0;
  for (; i < t.length; i++) {
    if (t[i] === ' ') cols++;
    else if (t[i] === '\t') cols += 4 - (cols % 4);
    else break;
  }
  return { cols, chars: i };
}

/** The line without `n` columns of indentation; undefined when it has fewer. */
function gobble(l: Line, n: number): Line | undefined {
  let cols = 0;
  let i = 0;
  while (cols < n) {
    const c = l.t[i];
    if (c === ' ') cols++;
    else if (c === '\t') cols += 4 - (cols % 4);
    else return undefined;
    i++;
  }
  return { s: l.s + i, t: l.t.slice(i) };
}

/** The line without at most `n` columns of indentation. */
function gobbleAtMost(l: Line, n: number): Line {
  let cols = 0;
  let i = 0;
  while (i < l.t.length) {
    const c = l.t[i];
    const w = c === ' ' ? 1 : c === '\t' ? 4 - (cols % 4) : 0;
    if (!w || cols + w > n) break;
    cols += w;
    i++;
  }
  return i ? { s: l.s + i, t: l.t.slice(i) } : l;
}

/** Whether an HTML comment is open at the end of `t` (`open`: one is open at its start). */
function commentOpen(t: string, open: boolean): boolean {
  let k = 0;
  if (open) {
    const close = t.indexOf('-->');
    if (close < 0) return true;
    k = close + 3;
  }
  for (;;) {
    const start = t.indexOf('<!--', k);
    if (start < 0) return false;
    const close = t.indexOf('-->', start + 4);
    if (close < 0) return true;
    k = close + 3;
  }
}

const lastCloses = new WeakMap<Line[], number>();

/** Whether a `-->` comes on line `j` or after it. */
function closedLater(lines: Line[], j: number): boolean {
  let last = lastCloses.get(lines);
  if (last === undefined) {
    last = -1;
    for (let k = lines.length - 1; k >= 0; k--) {
      if (lines[k].t.includes('-->')) {
        last = k;
        break;
      }
    }
    lastCloses.set(lines, last);
  }
  return j <= last;
}

const from = (l: Line, k: number): Line => ({ s: l.s + k, t: l.t.slice(k) });
const end = (l: Line) => l.s + l.t.length;

const HRULE = /^[ \t]*([*_-])(?:[ \t]*\1){2,}[ \t]*$/;
const BULLET = /^( {0,3})([*+-])(?=[ \t]|$)/;
// Ordered and example markers: 1. 1) (1) #. a) (A) iv. (@) @good.
const ORDINAL = String.raw`(?:\d{1,9}|#|[a-zA-Z]|[ivxlcdmIVXLCDM]+|@[\p{L}\p{N}_-]*)`;
const ORDERED = new RegExp(String.raw`^( {0,3})(\(${ORDINAL}\)|${ORDINAL}[.)])(?=[ \t]|$)`, 'u');
const FENCE = /^( {0,3})(`{3,}|~{3,})[ \t]*(?:\{[^}\n]*\}|[^ \t`{][^ \t]*|)[ \t]*$/;
const ATX = /^#{1,6}(?![.)])(?=[ \t]|$)/;
const SETEXT = /^(?:=+|-+)[ \t]*$/;
const BLOCKQUOTE = /^ {0,3}>/;
const NOTE = /^ {0,3}\[\^([^\s\]]+)\]:/;
const DEF_MARKER = /^( {0,3})[:~](?: {1,}|\t)(?=\S)/;
const DIV_FENCE = /^ {0,3}:{3,}/;
const DIV_CLOSE = /^ {0,3}:{3,}[ \t]*$/;
const PIPE_SEP = /^[ \t]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$/;
const SIMPLE_SEP = /^ {0,3}-+(?:[ \t]+-+)+[ \t]*$/;
const VERBATIM_TAG = /^ {0,3}<(pre|script|style|textarea)(?=[\s>])/i;
const BLOCK_TAGS = new Set(
  'address article aside blockquote body center dd details dialog dir div dl dt fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 head header hgroup hr html li main menu nav ol p section summary table tbody td tfoot th thead tr ul'.split(
    ' ',
  ),
);

interface ListMarker {
  /** Characters of the marker with the blanks after it (the item's first line starts there). */
  content: number;
  /** Column where continuation lines must be indented to. */
  indent: number;
  example?: string;
}

function listMarker(t: string): ListMarker | undefined {
  let m = BULLET.exec(t);
  let example: string | undefined;
  if (m) {
    if (HRULE.test(t)) return undefined;
  } else {
    m = ORDERED.exec(t);
    if (!m) return undefined;
    if (/^p\.[ \t]+\d/.test(t.slice(m[1].length))) return undefined;
    const marker = m[2];
    const at = marker.indexOf('@');
    if (at >= 0) example = marker.slice(at + 1).replace(/[.)]$/, '').replace(/\)$/, '');
    // `B. Russell`: an upper-case letter (or I, V, X…) with a full stop needs two blanks.
    if (/^[A-Z]\.$/.test(marker) || /^[IVXLCDM]\.$/.test(marker)) {
      const rest = t.slice(m[0].length);
      if (rest !== '' && !/^[ \t][ \t]|^[ \t]$/.test(rest)) return undefined;
    }
  }
  const markerEnd = m[0].length;
  const rest = t.slice(markerEnd);
  const ex = example !== undefined ? { example } : {};
  if (rest === '' || isBlank(rest)) return { content: t.length, indent: colOf(t, markerEnd) + 1, ...ex };
  const blanks = lead(rest);
  // One blank is required; up to four more belong to the marker when text follows them.
  if (blanks.cols <= 4) return { content: markerEnd + blanks.chars, indent: colOf(t, markerEnd + blanks.chars), ...ex };
  return { content: markerEnd + 1, indent: colOf(t, markerEnd) + 1, ...ex };
}

/** The column of character `k` of a line (tabs to multiples of 4). */
function colOf(t: string, k: number): number {
  let cols = 0;
  for (let i = 0; i < k; i++) cols = t[i] === '\t' ? cols + 4 - (cols % 4) : cols + 1;
  return cols;
}

const isListStart = (t: string) => listMarker(t) !== undefined;

export function scanBlocks(lines: Line[]): BlockScan {
  const out: BlockScan = {
    groups: [], skipped: [], footnotes: [], refLabels: new Set(), examples: new Map(), unclosedFence: false, simpleTableRows: [],
  };
  new BlockParser(out).blocks(lines, false);
  return out;
}

class BlockParser {
  constructor(private readonly out: BlockScan) {}

  private skip(start: number, stop: number): void {
    if (stop > start) this.out.skipped.push({ start, end: stop });
  }

  private depth = 0;

  blocks(lines: Line[], inList: boolean): void {
    // Containers nested deeper than anyone writes are read as plain paragraphs.
    if (this.depth >= MAX_NESTING) {
      this.paragraphs(lines);
      return;
    }
    this.depth++;
    try {
      this.blocksAt(lines, inList);
    } finally {
      this.depth--;
    }
  }

  private paragraphs(lines: Line[]): void {
    let group: Line[] = [];
    for (const l of lines) {
      if (!isBlank(l.t)) group.push(l);
      else if (group.length) {
        this.out.groups.push(group);
        group = [];
      }
    }
    if (group.length) this.out.groups.push(group);
  }

  private blocksAt(lines: Line[], inList: boolean): void {
    let i = 0;
    while (i < lines.length) {
      const l = lines[i];
      if (isBlank(l.t)) {
        i++;
        continue;
      }
      const next =
        this.fenced(lines, i) ??
        this.list(lines, i, BULLET) ??
        this.divFence(lines, i) ??
        this.header(lines, i, inList) ??
        this.html(lines, i, inList) ??
        this.table(lines, i) ??
        this.indentedCode(lines, i) ??
        this.rawTex(lines, i) ??
        this.lineBlock(lines, i) ??
        this.blockQuote(lines, i, inList) ??
        this.hrule(lines, i) ??
        this.list(lines, i, ORDERED) ??
        this.definitionList(lines, i) ??
        this.note(lines, i) ??
        this.referenceKey(lines, i) ??
        this.para(lines, i, inList);
      i = next;
    }
  }

  private fenced(lines: Line[], i: number): number | undefined {
    const m = FENCE.exec(lines[i].t);
    if (!m) return undefined;
    const ch = m[2][0];
    const len = m[2].length;
    const close = new RegExp(`^ {0,3}${ch === '`' ? '`' : '~'}{${len},}[ \\t]*$`);
    for (let j = i + 1; j < lines.length; j++) {
      if (close.test(lines[j].t)) {
        this.skip(lines[i].s, end(lines[j]));
        return j + 1;
      }
    }
    this.out.unclosedFence = true;
    return undefined;
  }

  /** Fenced divs open: a bare `:::` closes one, and is text when none is open. */
  private openDivs = 0;

  /** A fenced div's opening line (with a closing fence later; else it is text) or its closing line. */
  private divFence(lines: Line[], i: number): number | undefined {
    const t = lines[i].t;
    if (!DIV_FENCE.test(t)) return undefined;
    if (DIV_CLOSE.test(t)) {
      if (this.openDivs === 0) return undefined;
      this.openDivs--;
      return i + 1;
    }
    for (let j = i + 1; j < lines.length; j++) {
      if (DIV_CLOSE.test(lines[j].t)) {
        this.openDivs++;
        return i + 1;
      }
    }
    return undefined;
  }

  private header(lines: Line[], i: number, inList: boolean): number | undefined {
    const l = lines[i];
    const atx = ATX.exec(l.t);
    if (atx) {
      let t = l.t.slice(atx[0].length);
      // The closing hashes (and an attribute block) are not text.
      t = t.replace(/[ \t]+#+[ \t]*$|^#+[ \t]*$/, '');
      this.out.groups.push([{ s: l.s + atx[0].length, t }]);
      return i + 1;
    }
    const next = lines[i + 1];
    // Pandoc reads headers before indented code: an indented title over `===` is a header (not in a list item).
    if (next && SETEXT.test(next.t) && !isBlank(l.t) && (lead(l.t).cols < 4 || !inList)) {
      this.out.groups.push([l]);
      return i + 2;
    }
    return undefined;
  }

  /**
   * Raw HTML from `open` at column `ind` of line `i` to the first `close`, skipped: the next line to read (the rest of
   * the closing line when text follows it there), or undefined when nothing closes it.
   */
  private delimited(lines: Line[], i: number, ind: number, open: string, close: string): number | undefined {
    const l = lines[i];
    for (let j = i; j < lines.length; j++) {
      const k = lines[j].t.indexOf(close, j === i ? ind + open.length : 0);
      if (k < 0) continue;
      this.skip(l.s + ind, lines[j].s + k + close.length);
      const rest = from(lines[j], k + close.length);
      if (isBlank(rest.t)) return j + 1;
      lines[j] = rest;
      return j;
    }
    return undefined;
  }

  private html(lines: Line[], i: number, inList: boolean): number | undefined {
    const l = lines[i];
    const ind = lead(l.t).chars;
    if (l.t[ind] !== '<' || ind > 3) return undefined;
    const text = l.t.slice(ind);
    // A comment runs to the first `-->`, a processing instruction to its `?>`, over blank lines too; unclosed, it is text.
    if (text.startsWith('<!--')) return this.delimited(lines, i, ind, '<!--', '-->');
    if (text.startsWith('<?')) return this.delimited(lines, i, ind, '<?', '?>');
    const verb = VERBATIM_TAG.exec(l.t);
    if (verb) {
      const close = new RegExp(`</${verb[1]}\\s*>`, 'i');
      for (let j = i; j < lines.length; j++) {
        const m = close.exec(lines[j].t);
        if (m) {
          this.skip(l.s + ind, lines[j].s + m.index + m[0].length);
          return j + 1;
        }
      }
      // Unclosed, only the tag is raw HTML; the lines after it are read as Markdown.
      return this.tagOnly(lines, i, ind);
    }
    const name = /^<\/?([a-zA-Z][a-zA-Z0-9]*)/.exec(text);
    if (!name || !BLOCK_TAGS.has(name[1].toLowerCase())) return undefined;
    // Markdown inside HTML blocks: go on after the tag.
    void inList;
    return this.tagOnly(lines, i, ind);
  }

  /** The tag at column `ind` of line `i` skipped as raw HTML, the rest of the line read as Markdown: the next line to read. */
  private tagOnly(lines: Line[], i: number, ind: number): number | undefined {
    const l = lines[i];
    const tagEnd = htmlTagEnd(l.t, ind);
    if (tagEnd < 0) return undefined;
    this.skip(l.s + ind, l.s + tagEnd);
    const rest = from(l, tagEnd);
    if (isBlank(rest.t)) return i + 1;
    lines[i] = rest;
    return i;
  }

  private table(lines: Line[], i: number): number | undefined {
    const l = lines[i];
    const next = lines[i + 1];
    // Grid table.
    if (/^ {0,3}\+[-=]/.test(l.t)) {
      let j = i;
      for (; j < lines.length && !isBlank(lines[j].t); j++) {
        const t = lines[j].t;
        if (/^ {0,3}\+/.test(t)) continue;
        this.cells(lines[j], Infinity);
      }
      return j;
    }
    if (next && l.t.includes('|') && lead(l.t).cols < 4 && PIPE_SEP.test(next.t) && next.t.includes('-')
      && (next.t.includes('|') || l.t.trim().startsWith('|'))) {
      // Pandoc keeps as many cells of each row as the separator line has columns.
      const columns = next.t.trim().replace(/^\|/, '').replace(/\|$/, '').split('|').length;
      this.cells(l, columns);
      let j = i + 2;
      for (; j < lines.length && !isBlank(lines[j].t); j++) this.cells(lines[j], columns);
      return this.caption(lines, j);
    }
    if (next && !isBlank(l.t) && SIMPLE_SEP.test(next.t)) {
      this.out.groups.push([l]);
      this.out.simpleTableRows.push({ start: l.s, end: end(l) });
      let j = i + 2;
      for (; j < lines.length && !isBlank(lines[j].t); j++) {
        if (!SIMPLE_SEP.test(lines[j].t) && !/^ {0,3}-+[ \t]*$/.test(lines[j].t)) {
          this.out.groups.push([lines[j]]);
          this.out.simpleTableRows.push({ start: lines[j].s, end: end(lines[j]) });
        }
      }
      return this.caption(lines, j);
    }
    // A headerless simple table: a line of dashes, rows, and a line of dashes before a blank line.
    if (SIMPLE_SEP.test(l.t)) {
      let j = i + 1;
      while (j < lines.length && !isBlank(lines[j].t) && !/^ {0,3}-+(?:[ \t]+-+)*[ \t]*$/.test(lines[j].t)) j++;
      if (j === i + 1 || j >= lines.length || isBlank(lines[j].t)) return undefined;
      for (let k = i + 1; k < j; k++) {
        this.out.groups.push([lines[k]]);
        this.out.simpleTableRows.push({ start: lines[k].s, end: end(lines[k]) });
      }
      return this.caption(lines, j + 1);
    }
    return undefined;
  }

  /** A table caption (`Table: …` or `: …`) after the blank line that ends a table. */
  private caption(lines: Line[], j: number): number {
    let k = j;
    while (k < lines.length && isBlank(lines[k].t)) k++;
    const c = lines[k];
    const m = c && /^ {0,3}(?:Table)?:[ \t]/.exec(c.t);
    if (!m) return j;
    const group = [from(c, m[0].length)];
    for (k++; k < lines.length && !isBlank(lines[k].t); k++) group.push(lines[k]);
    this.out.groups.push(group);
    return k;
  }

  /** The cells of a table row, each read on its own (cells split at `|` outside code). */
  private cells(l: Line, columns: number): void {
    let start = 0;
    let cells = 0;
    const t = l.t;
    for (let k = 0; k <= t.length; k++) {
      const c = t[k];
      if (c === '\\') {
        k++;
        continue;
      }
      if (c === '`') {
        let m = k;
        while (t[m] === '`') m++;
        const close = t.indexOf(t.slice(k, m), m);
        k = close >= 0 ? close + (m - k) - 1 : m - 1;
        continue;
      }
      if (c === '|' || k === t.length) {
        // A leading pipe opens the first cell; every other pipe ends one.
        if (k > start || cells > 0 || c !== '|') {
          if (cells++ >= columns) return;
          if (k > start && !isBlank(t.slice(start, k))) this.out.groups.push([{ s: l.s + start, t: t.slice(start, k) }]);
        } else if (!isBlank(t.slice(0, k))) cells++;
        start = k + 1;
      }
    }
  }

  private indentedCode(lines: Line[], i: number): number | undefined {
    if (lead(lines[i].t).cols < 4) return undefined;
    let last = i;
    for (let j = i + 1; j < lines.length; j++) {
      if (isBlank(lines[j].t)) continue;
      if (lead(lines[j].t).cols < 4) break;
      last = j;
    }
    this.skip(lines[i].s, end(lines[last]));
    return last + 1;
  }

  private rawTex(lines: Line[], i: number): number | undefined {
    const m = /^\\begin\{([^}]+)\}/.exec(lines[i].t);
    if (!m) return undefined;
    const close = `\\end{${m[1]}}`;
    for (let j = i; j < lines.length; j++) {
      const k = lines[j].t.indexOf(close, j === i ? m[0].length : 0);
      if (k >= 0) {
        this.skip(lines[i].s, lines[j].s + k + close.length);
        return j + 1;
      }
    }
    return undefined;
  }

  private lineBlock(lines: Line[], i: number): number | undefined {
    if (!/^\|(?: |$)/.test(lines[i].t)) return undefined;
    let j = i;
    while (j < lines.length && /^\|(?: |$)/.test(lines[j].t)) {
      const group = [from(lines[j], 1)];
      j++;
      while (j < lines.length && /^ /.test(lines[j].t) && !isBlank(lines[j].t)) group.push(lines[j++]);
      this.out.groups.push(group);
    }
    return j;
  }

  private blockQuote(lines: Line[], i: number, inList: boolean): number | undefined {
    if (!BLOCKQUOTE.test(lines[i].t)) return undefined;
    const inner: Line[] = [];
    let j = i;
    let lazyOk = false;
    for (; j < lines.length; j++) {
      const l = lines[j];
      const m = /^ {0,3}> ?/.exec(l.t);
      if (m) {
        const rest = from(l, m[0].length);
        inner.push(rest);
        lazyOk = !isBlank(rest.t) && !FENCE.test(rest.t);
        continue;
      }
      if (lazyOk && !isBlank(l.t) && !(inList && isListStart(l.t)) && !/^ {0,3}`{3,}/.test(l.t)) {
        inner.push(l);
        continue;
      }
      break;
    }
    this.blocks(inner, false);
    return j;
  }

  private hrule(lines: Line[], i: number): number | undefined {
    return HRULE.test(lines[i].t) ? i + 1 : undefined;
  }

  private list(lines: Line[], i: number, kind: RegExp): number | undefined {
    const first = lines[i];
    if (!kind.test(first.t)) return undefined;
    const marker = listMarker(first.t);
    if (!marker) return undefined;
    if (marker.example !== undefined && !this.out.examples.has(marker.example)) this.out.examples.set(marker.example, first.s);
    const n = marker.indent;
    const item: Line[] = [from(first, marker.content)];
    let j = i + 1;
    // The item's first paragraph: following lines that start no list or fence.
    for (; j < lines.length; j++) {
      const l = lines[j];
      if (isBlank(l.t) || isListStart(l.t) || FENCE.test(l.t)) break;
      item.push(gobbleAtMost(l, n));
    }
    // Continuations: blank lines, then lines indented to the item's content.
    for (;;) {
      let k = j;
      while (k < lines.length && isBlank(lines[k].t)) k++;
      const l = lines[k];
      const cont = l && gobble(l, n);
      if (!cont) break;
      for (let b = j; b < k; b++) item.push(lines[b]);
      item.push(cont);
      j = k + 1;
      for (; j < lines.length; j++) {
        const m = lines[j];
        if (isBlank(m.t)) break;
        const g = gobble(m, n);
        if (g) item.push(g);
        else if (!isListStart(m.t)) item.push(m);
        else break;
      }
    }
    this.blocks(item, true);
    return j;
  }

  private definitionList(lines: Line[], i: number): number | undefined {
    let k = i + 1;
    if (lines[k] && isBlank(lines[k].t)) k++;
    if (!lines[k] || !DEF_MARKER.test(lines[k].t)) return undefined;
    this.out.groups.push([lines[i]]);
    let j = k;
    while (j < lines.length) {
      let at = j;
      if (isBlank(lines[at].t)) at++;
      const l = lines[at];
      const m = l && DEF_MARKER.exec(l.t);
      if (!m) break;
      const body: Line[] = [from(l, m[0].length)];
      j = at + 1;
      for (; j < lines.length && !isBlank(lines[j].t); j++) {
        const g = gobble(lines[j], 4);
        if (g) body.push(g);
        else if (!DEF_MARKER.test(lines[j].t)) body.push(lines[j]);
        else break;
      }
      for (;;) {
        let b = j;
        while (b < lines.length && isBlank(lines[b].t)) b++;
        const c = lines[b] && gobble(lines[b], 4);
        if (!c || b === j) break;
        for (let x = j; x < b; x++) body.push(lines[x]);
        body.push(c);
        j = b + 1;
        for (; j < lines.length && !isBlank(lines[j].t); j++) {
          const g = gobble(lines[j], 4);
          if (g) body.push(g);
          else if (!DEF_MARKER.test(lines[j].t)) body.push(lines[j]);
          else break;
        }
      }
      this.blocks(body, false);
    }
    return j;
  }

  private note(lines: Line[], i: number): number | undefined {
    const l = lines[i];
    const m = NOTE.exec(l.t);
    if (!m) return undefined;
    const labelStart = l.s + l.t.indexOf('[');
    const body: Line[] = [];
    let j = i;
    let firstLine = from(l, m[0].length);
    if (isBlank(firstLine.t) && lines[i + 1] && !isBlank(lines[i + 1].t)) {
      j = i + 1;
      firstLine = lines[j];
    } else if (isBlank(firstLine.t) && lines[i + 1] && lines[i + 2] && !isBlank(lines[i + 2].t) && !NOTE.test(lines[i + 2].t)) {
      // An empty `[^1]:` line, then one blank line: Pandoc takes that blank line for the note's first, and the
      // paragraph after it (indented or not) for its text. Two blank lines end the note.
      j = i + 2;
      firstLine = lines[j];
    }
    firstLine = gobbleAtMost(firstLine, 4);
    const textStart = firstLine.s + lead(firstLine.t).chars;
    body.push(firstLine);
    let last = isBlank(firstLine.t) ? l : firstLine;
    const rawLines = () => {
      for (j++; j < lines.length; j++) {
        const x = lines[j];
        if (isBlank(x.t) || NOTE.test(x.t)) break;
        const g = gobble(x, 4) ?? x;
        body.push(g);
        last = g;
      }
    };
    rawLines();
    for (;;) {
      let b = j;
      while (b < lines.length && isBlank(lines[b].t)) b++;
      if (b === j) break;
      const c = lines[b] && gobble(lines[b], 4);
      if (!c || isBlank(c.t)) break;
      for (let x = j; x < b; x++) body.push(lines[x]);
      body.push(c);
      last = c;
      j = b;
      rawLines();
    }
    const stop = end(last);
    this.out.footnotes.push({
      label: m[1],
      labelRange: { start: labelStart, end: labelStart + m[1].length + 3 },
      textRange: { start: Math.min(textStart, stop), end: stop },
      start: labelStart,
    });
    this.blocks(body, false);
    return j;
  }

  private referenceKey(lines: Line[], i: number): number | undefined {
    const l = lines[i];
    const m = /^ {0,3}\[((?:[^\]\\]|\\.)+)\]:/.exec(l.t);
    if (!m) return undefined;
    const ind = lead(l.t).chars;
    if (startsWithCitation(l.t.slice(ind), NO_CONTEXT)) return undefined;
    let j = i + 1;
    let stop = end(l);
    // The destination may be on the next line, and the title too.
    const rest = l.t.slice(m[0].length);
    if (isBlank(rest) && lines[j] && !isBlank(lines[j].t)) stop = end(lines[j++]);
    if (lines[j] && /^[ \t]+["'(]/.test(lines[j].t)) stop = end(lines[j++]);
    this.out.refLabels.add(normalizeLabel(m[1]));
    this.skip(l.s + ind + m[0].length - ind, stop);
    return j;
  }

  private para(lines: Line[], i: number, inList: boolean): number {
    const group: Line[] = [lines[i]];
    let comment = commentOpen(lines[i].t, false);
    let cut = comment ? -1 : blockTagIn(lines[i].t);
    if (cut >= 0) return this.paraUntilTag(lines, i, group, cut);
    let j = i + 1;
    for (; j < lines.length; j++) {
      const l = lines[j];
      // An HTML comment that is closed later runs over blank lines; the paragraph goes on after it.
      if (comment && closedLater(lines, j)) {
        group.push(l);
        comment = commentOpen(l.t, true);
        continue;
      }
      if (isBlank(l.t)) break;
      if (inList && isListStart(l.t)) break;
      if (this.openDivs > 0 && DIV_CLOSE.test(l.t)) break;
      if (FENCE.test(l.t)) {
        if (!this.closes(lines, j)) this.out.unclosedFence = true;
        else if (/^ {0,3}`/.test(l.t)) break;
      }
      if (/^ {0,3}<\/([a-zA-Z]+)\s*>/.test(l.t) && BLOCK_TAGS.has(/^ {0,3}<\/([a-zA-Z]+)/.exec(l.t)![1].toLowerCase())) break;
      group.push(l);
      cut = comment ? -1 : blockTagIn(l.t);
      if (cut >= 0) return this.paraUntilTag(lines, j, group, cut);
      comment = commentOpen(l.t, false);
    }
    this.out.groups.push(group);
    return j;
  }

  /**
   * A block-level HTML tag inside a paragraph ends it, as in Pandoc (`a <div> b` is a paragraph
   * `a`, a raw block `<div>` and a paragraph `b`): the text before the tag at `cut` on line `j`
   * is the paragraph's last, and the line goes on after the tag.
   */
  private paraUntilTag(lines: Line[], j: number, group: Line[], cut: number): number {
    const l = lines[j];
    group[group.length - 1] = { s: l.s, t: l.t.slice(0, cut) };
    if (isBlank(group[group.length - 1].t)) group.pop();
    if (group.length) this.out.groups.push(group);
    const tagEnd = htmlTagEnd(l.t, cut);
    this.skip(l.s + cut, l.s + tagEnd);
    const rest = from(l, tagEnd);
    if (isBlank(rest.t)) return j + 1;
    lines[j] = rest;
    return j;
  }

  /** Whether the fence opened at line `i` is closed later. */
  private closes(lines: Line[], i: number): boolean {
    const m = FENCE.exec(lines[i].t)!;
    const close = new RegExp(`^ {0,3}${m[2][0] === '`' ? '`' : '~'}{${m[2].length},}[ \\t]*$`);
    for (let j = i + 1; j < lines.length; j++) if (close.test(lines[j].t)) return true;
    return false;
  }
}
