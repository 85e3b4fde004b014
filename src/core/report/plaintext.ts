/**
 * Plain-text reports, as copied from a web page: part titles on bare lines, numbered
 * section lines such as `1. 核心技術體系:從單點突破到融合應用`, body paragraphs either one
 * per line or separated by blank lines, and web-page residue at the end.
 */

import type { TextRange } from '../text/types';
import { assemble, type Block, kindFromTitle, splitHeadingNumber } from './assemble';
import type { ParsedReport } from './model';
import { LineIndex, isSpace } from '../text/lines';

const SENTENCE_PUNCT = /[，。；！？,;!?]/;
const TERMINAL_PUNCT = /[。！？；.!?;:：]$/;
const MAX_TITLE = 40;
const MAX_RESIDUE = 20;

/** What a line's text says it is: `NUMBERED` for a numbered heading, `ORDINAL` for one with a Chinese ordinal. */
const NUMBERED = 1;
const ORDINAL = 2;

function numberedHeading(text: string): number {
  const { number, title, chineseOrdinal } = splitHeadingNumber(text);
  if (!number && !chineseOrdinal) return 0;
  if (!(title.length > 0 && title.length <= MAX_TITLE && !TERMINAL_PUNCT.test(title) && !/[。！？]/.test(title))) return 0;
  return chineseOrdinal ? ORDINAL : NUMBERED;
}

function isBareTitle(text: string): boolean {
  return text.length <= MAX_TITLE && !SENTENCE_PUNCT.test(text) && !TERMINAL_PUNCT.test(text);
}

/**
 * The non-blank lines of a text: line number and trimmed content range, in typed arrays. A 5 MB report has some
 * hundred thousand lines, and an object (and a string) per line would outlive the young generation's collections and
 * be copied into the old one, a cost that grows faster than the text.
 */
class Lines {
  readonly line: Int32Array;
  readonly start: Int32Array;
  readonly end: Int32Array;
  length = 0;

  constructor(readonly text: string) {
    const index = new LineIndex(text);
    const count = index.lineCount;
    this.line = new Int32Array(count);
    this.start = new Int32Array(count);
    this.end = new Int32Array(count);
    for (let i = 0; i < count; i++) {
      let start = index.starts[i];
      let end = index.lineEnd(i);
      while (start < end && isSpace(text.charCodeAt(start))) start++;
      while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
      if (end <= start) continue;
      this.line[this.length] = i;
      this.start[this.length] = start;
      this.end[this.length] = end;
      this.length++;
    }
  }

  /** The trimmed text of the `i`th non-blank line. */
  at(i: number): string {
    return this.text.slice(this.start[i], this.end[i]);
  }

  range(i: number): TextRange {
    return { start: this.start[i], end: this.end[i] };
  }
}

export function parsePlainText(text: string): ParsedReport {
  const lines = new Lines(text);

  // Web-page residue: a few short lines at the very end, cut off from the body by a run of blank lines.
  const residue: TextRange[] = [];
  const last = lines.length - 1;
  let tailStart = last;
  while (
    tailStart >= 0 &&
    (tailStart === last || lines.line[tailStart] === lines.line[tailStart + 1] - 1) &&
    lines.end[tailStart] - lines.start[tailStart] <= MAX_RESIDUE &&
    !TERMINAL_PUNCT.test(lines.at(tailStart))
  )
    tailStart--;
  tailStart++;
  if (tailStart <= last && last - tailStart < 4 && tailStart > 0) {
    // Blank lines between the residue and the line before it.
    const blanks = lines.line[tailStart] - lines.line[tailStart - 1] - 1;
    if (blanks >= 2) {
      for (let i = tailStart; i <= last; i++) residue.push(lines.range(i));
      lines.length = tailStart;
    }
  }

  const count = lines.length;
  const numbered = new Uint8Array(count + 1); // one past the end: no numbered line follows the last
  for (let i = 0; i < count; i++) numbered[i] = numberedHeading(lines.at(i));
  // A bare short line is a part title when a numbered section follows it, or when its words say so.
  const part = new Uint8Array(count);
  let hasParts = false;
  for (let i = 0; i < count; i++) {
    if (numbered[i] === ORDINAL) hasParts = true;
    if (numbered[i]) continue;
    const t = lines.at(i);
    if (isBareTitle(t) && (numbered[i + 1] !== 0 || (!!kindFromTitle(t) && i > 0))) part[i] = 1;
    if (part[i]) hasParts = true;
  }

  // Paragraphs are blank-line separated when most gaps between lines are blank; otherwise one per line.
  let gaps = 0;
  for (let i = 1; i < count; i++) if (lines.line[i] - lines.line[i - 1] > 1) gaps++;
  const blankSeparated = count > 1 && gaps >= (count - 1) / 2;

  let title: string | undefined;
  const blocks: Block[] = [];
  let para: TextRange | undefined;
  let prevIndex = -2;
  const flush = (): void => {
    if (para) blocks.push({ type: 'paragraph', range: para });
    para = undefined;
  };
  for (let i = 0; i < count; i++) {
    const index = lines.line[i];
    if (numbered[i] || part[i]) {
      flush();
      const split = splitHeadingNumber(lines.at(i));
      const depth = split.number ? split.number.split('.').length : 1;
      const level = split.chineseOrdinal || part[i] ? 1 : depth + (hasParts ? 1 : 0);
      blocks.push({ type: 'heading', level, number: split.number, title: split.title, range: lines.range(i) });
    } else if (i === 0 && count > 1 && !numbered[1] && !blankSeparated && isFirstLineTitle(lines.at(0))) {
      title = lines.at(0); // a short bare first line followed by body text: the document's title
    } else if (blankSeparated && para && index === prevIndex + 1) {
      para = { start: para.start, end: lines.end[i] };
    } else {
      flush();
      para = lines.range(i);
    }
    prevIndex = index;
  }
  flush();
  return assemble(blocks, { format: 'plaintext', title, residue, detectConclusion: true });
}

function isFirstLineTitle(t: string): boolean {
  return isBareTitle(t) && !kindFromTitle(t) && t.length < MAX_TITLE / 2;
}
