/**
 * The block pass of the zone scanner: front matter, fenced and indented code, blockquotes
 * (with their lazy continuation lines) and HTML comment blocks, line by line. Every other run
 * of non-blank lines is a prose paragraph, handed to the inline pass as it closes.
 */
import { scanInline } from './inlineZones';
import { isBlankUnit, LIST_ITEM, mayStartList, type HtmlComment, type ZoneSink } from './zoneSink';

const THEMATIC_BREAK = /^(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$/;

interface LineInfo {
  start: number;
  /** End of the line's content (before its line break). */
  end: number;
  /** First non-blank offset (== end for a blank line). */
  first: number;
  /** Indentation in columns (tabs to the next multiple of 4). */
  indent: number;
}

class BlockScanner {
  private readonly lineCount: number;
  private fence: { char: number; len: number } | undefined;
  private prevBlank = true;
  private inIndentedCode = false;
  private inList = false;
  private lazyQuote = false;
  private paraStart = -1;
  private paraEnd = -1;

  constructor(private readonly text: string, private readonly starts: Int32Array, private readonly sink: ZoneSink) {
    this.lineCount = starts.length;
  }

  private info(line: number): LineInfo {
    const { text, starts } = this;
    const start = starts[line];
    let end = line + 1 < this.lineCount ? starts[line + 1] : text.length;
    if (end > start && text.charCodeAt(end - 1) === 10) end--;
    if (end > start && text.charCodeAt(end - 1) === 13) end--;
    let p = start;
    let indent = 0;
    for (; p < end; p++) {
      const c = text.charCodeAt(p);
      if (c === 32) indent++;
      else if (c === 9) indent += 4 - (indent % 4);
      else if (c === 0xfeff && p === 0) continue;
      else break;
    }
    return { start, end, first: p, indent };
  }

  run(): void {
    for (let line = this.frontMatter(); line < this.lineCount; line++) line = this.scanLine(line);
    this.closeParagraph();
  }

  /** Front matter: `---` … `---`/`...` (YAML) or `+++` … `+++` (TOML) from the first line. Returns the first line after it. */
  private frontMatter(): number {
    const text = this.text;
    const first = this.info(0);
    const head = text.slice(first.first, first.end).trimEnd();
    if (first.first !== first.start + (text.charCodeAt(0) === 0xfeff ? 1 : 0) || (head !== '---' && head !== '+++')) return 0;
    for (let l = 1; l < this.lineCount; l++) {
      const li = this.info(l);
      const t = text.slice(li.start, li.end).trimEnd();
      if (t === head || (head === '---' && t === '...')) {
        this.sink.add('front-matter', first.start, li.end);
        return l + 1;
      }
    }
    return 0;
  }

  private closeParagraph(): void {
    if (this.paraStart >= 0) scanInline(this.text, this.starts, this.sink, this.paraStart, this.paraEnd);
    this.paraStart = -1;
  }

  /** Reads one line; returns the last line it consumed (a comment block may take several). */
  private scanLine(line: number): number {
    const li = this.info(line);
    const { start, end, first, indent } = li;
    const blank = first >= end;
    const c0 = blank ? 0 : this.text.charCodeAt(first);
    if (this.fence) {
      this.fenceLine(li, blank, c0);
      return line;
    }
    if (blank) {
      this.closeParagraph();
      this.prevBlank = true;
      this.lazyQuote = false;
      return line;
    }
    const wasBlank = this.prevBlank;
    this.prevBlank = false;
    const isListItem = indent < 4 && mayStartList(c0) && LIST_ITEM.test(this.text.slice(first, Math.min(end, first + 12)));
    // Indented code: four columns of indentation after a blank line, outside lists and paragraphs.
    if (indent >= 4 && (this.inIndentedCode || (wasBlank && !this.inList && this.paraStart < 0))) {
      this.closeParagraph();
      this.inIndentedCode = true;
      this.sink.add('indented-code', start, end);
      return line;
    }
    this.inIndentedCode = false;
    if (indent === 0 && !isListItem && wasBlank) this.inList = false;
    if (isListItem) this.inList = true;
    if (this.blockquote(li) || this.fenceOpen(li, c0) || this.lazyContinuation(li, c0, isListItem)) return line;
    this.lazyQuote = false;
    if (indent < 4 && this.text.startsWith('<!--', first)) return this.commentBlock(line, li);
    if (this.paraStart < 0) this.paraStart = start;
    this.paraEnd = end;
    return line;
  }

  /** A line inside fenced code; a closing fence ends it. */
  private fenceLine(li: LineInfo, blank: boolean, c0: number): void {
    const fence = this.fence!;
    const { text } = this;
    this.sink.add('code-fence', li.start, li.end);
    if (blank || c0 !== fence.char) return;
    let m = li.first;
    while (m < li.end && text.charCodeAt(m) === fence.char) m++;
    let rest = m;
    while (rest < li.end && isBlankUnit(text.charCodeAt(rest))) rest++;
    if (m - li.first >= fence.len && rest === li.end) this.fence = undefined;
  }

  /** Blockquotes, also inside list items (`- > …`). */
  private blockquote(li: LineInfo): boolean {
    const { text } = this;
    const { start, end } = li;
    let q = li.first;
    while (q < end) {
      const c = text.charCodeAt(q);
      if (c === 62 /* > */ || !mayStartList(c)) break;
      const m = LIST_ITEM.exec(text.slice(q, Math.min(end, q + 12)));
      if (!m) break;
      q += m[0].length;
      while (q < end && isBlankUnit(text.charCodeAt(q))) q++;
    }
    if (q >= end || text.charCodeAt(q) !== 62) return false;
    this.closeParagraph();
    this.sink.add('blockquote', start, end);
    let r = q + 1;
    while (r < end && (isBlankUnit(text.charCodeAt(r)) || text.charCodeAt(r) === 62)) r++;
    this.lazyQuote = r < end;
    findComments(text, start, end, this.sink.comments);
    return true;
  }

  /** An opening code fence (``` or ~~~, at least three). */
  private fenceOpen(li: LineInfo, c0: number): boolean {
    if (c0 !== 96 && c0 !== 126) return false;
    const { text } = this;
    let m = li.first;
    while (m < li.end && text.charCodeAt(m) === c0) m++;
    let tickInInfo = false;
    if (c0 === 96) for (let k = m; k < li.end && !tickInInfo; k++) tickInInfo = text.charCodeAt(k) === 96;
    if (m - li.first < 3 || tickInInfo) return false;
    this.closeParagraph();
    this.lazyQuote = false;
    this.fence = { char: c0, len: m - li.first };
    this.sink.add('code-fence', li.start, li.end);
    return true;
  }

  /** A lazy continuation line of a blockquote (one that starts no other block). */
  private lazyContinuation(li: LineInfo, c0: number, isListItem: boolean): boolean {
    if (!this.lazyQuote) return false;
    const { text } = this;
    const { first, end } = li;
    const startsBlock = c0 === 35 /* # */ || isListItem || (li.indent < 4 && text.startsWith('<!--', first)) ||
      ((c0 === 42 || c0 === 45 || c0 === 95) && THEMATIC_BREAK.test(text.slice(first, end)));
    if (startsBlock) return false;
    this.sink.add('blockquote', li.start, end);
    findComments(text, li.start, end, this.sink.comments);
    return true;
  }

  /** An HTML comment block: from `<!--` to the end of the line holding `-->`. Returns its last line. */
  private commentBlock(line: number, li: LineInfo): number {
    const { text, starts } = this;
    this.closeParagraph();
    const close = text.indexOf('-->', li.first + 4);
    const stop = close < 0 ? text.length : close + 3;
    let last = line;
    while (last + 1 < this.lineCount && starts[last + 1] <= stop - 1) last++;
    const end = Math.max(this.info(last).end, stop);
    this.sink.add('html-comment', li.start, end);
    findComments(text, li.first, end, this.sink.comments);
    return last;
  }
}

/** Scans the block structure of a text, passing each prose paragraph to the inline pass. */
export function scanBlocks(text: string, starts: Int32Array, sink: ZoneSink): void {
  new BlockScanner(text, starts, sink).run();
}

/** Collects the HTML comments in [a, b) (a block whose whole range is already a zone). */
function findComments(text: string, a: number, b: number, out: HtmlComment[]): void {
  let i = text.indexOf('<!--', a);
  while (i >= 0 && i < b) {
    const e = text.indexOf('-->', i + 4);
    if (e < 0) {
      out.push({ range: { start: i, end: text.length }, body: { start: i + 4, end: text.length } });
      return;
    }
    out.push({ range: { start: i, end: e + 3 }, body: { start: i + 4, end: e } });
    i = text.indexOf('<!--', e + 3);
  }
}
