/**
 * Plain-text reports, as copied from a web page: part titles on bare lines, numbered
 * section lines such as `1. 核心技術體系:從單點突破到融合應用`, body paragraphs either one
 * per line or separated by blank lines, and web-page residue at the end.
 */

import type { TextRange } from '../text/types';
import { assemble, type Block, kindFromTitle, splitHeadingNumber } from './assemble';
import type { ParsedReport } from './model';
import { LineIndex, trimRange } from '../text/lines';

interface Line {
  index: number;
  range: TextRange; // trimmed content
  text: string; // trimmed content
}

const SENTENCE_PUNCT = /[，。；！？,;!?]/;
const TERMINAL_PUNCT = /[。！？；.!?;:：]$/;
const MAX_TITLE = 40;
const MAX_RESIDUE = 20;

function isNumberedHeading(text: string): boolean {
  const { number, title, chineseOrdinal } = splitHeadingNumber(text);
  if (!number && !chineseOrdinal) return false;
  return title.length > 0 && title.length <= MAX_TITLE && !TERMINAL_PUNCT.test(title) && !/[。！？]/.test(title);
}

function isBareTitle(text: string): boolean {
  return text.length <= MAX_TITLE && !SENTENCE_PUNCT.test(text) && !TERMINAL_PUNCT.test(text);
}

export function parsePlainText(text: string): ParsedReport {
  const index = new LineIndex(text);
  const all: Array<Line | undefined> = [];
  for (let i = 0; i < index.lineCount; i++) {
    const range = trimRange(text, { start: index.starts[i], end: index.lineEnd(i) });
    all.push(range.end > range.start ? { index: i, range, text: text.slice(range.start, range.end) } : undefined);
  }

  // Web-page residue: a few short lines at the very end, cut off from the body by a run of blank lines.
  const residue: TextRange[] = [];
  let last = all.length - 1;
  while (last >= 0 && !all[last]) last--;
  let tailStart = last;
  while (tailStart >= 0 && all[tailStart] && all[tailStart]!.text.length <= MAX_RESIDUE && !TERMINAL_PUNCT.test(all[tailStart]!.text)) tailStart--;
  tailStart++;
  if (tailStart <= last && last - tailStart < 4) {
    let blanks = 0;
    for (let i = tailStart - 1; i >= 0 && !all[i]; i--) blanks++;
    if (blanks >= 2 && tailStart - blanks > 0) {
      for (let i = tailStart; i <= last; i++) residue.push(all[i]!.range);
      for (let i = tailStart; i <= last; i++) all[i] = undefined;
    }
  }

  const lines = all.filter((l): l is Line => !!l);
  const numbered = lines.map((l) => isNumberedHeading(l.text));
  // A bare short line is a part title when a numbered section follows it, or when its words say so.
  const part = lines.map((l, i) => !numbered[i] && isBareTitle(l.text) && (numbered[i + 1] === true || (!!kindFromTitle(l.text) && i > 0)));
  const hasParts = part.some(Boolean) || lines.some((l, i) => numbered[i] && !!splitHeadingNumber(l.text).chineseOrdinal);

  // Paragraphs are blank-line separated when most gaps between lines are blank; otherwise one per line.
  let gaps = 0;
  for (let i = 1; i < lines.length; i++) if (lines[i].index - lines[i - 1].index > 1) gaps++;
  const blankSeparated = lines.length > 1 && gaps >= (lines.length - 1) / 2;

  let title: string | undefined;
  const blocks: Block[] = [];
  let para: TextRange | undefined;
  let prevIndex = -2;
  const flush = (): void => {
    if (para) blocks.push({ type: 'paragraph', range: para });
    para = undefined;
  };
  lines.forEach((l, i) => {
    if (numbered[i] || part[i]) {
      flush();
      const split = splitHeadingNumber(l.text);
      const depth = split.number ? split.number.split('.').length : 1;
      const level = split.chineseOrdinal || part[i] ? 1 : depth + (hasParts ? 1 : 0);
      blocks.push({ type: 'heading', level, number: split.number, title: split.title, range: l.range });
    } else if (i === 0 && lines.length > 1 && !numbered[1] && isBareTitle(l.text) && !kindFromTitle(l.text) && blankSeparated === false && l.text.length < MAX_TITLE / 2) {
      title = l.text; // a short bare first line followed by body text: the document's title
    } else if (blankSeparated && para && l.index === prevIndex + 1) {
      para = { start: para.start, end: l.range.end };
    } else {
      flush();
      para = { ...l.range };
    }
    prevIndex = l.index;
  });
  flush();
  return assemble(blocks, { format: 'plaintext', title, residue, detectConclusion: true });
}
