/**
 * Plain-text reports: numbered headings in the usual Chinese and English styles, bare part
 * titles before numbered sections (the seed report's shape), paragraphs one per line or
 * separated by blank lines (hard-wrapped lines are joined), and web-page residue at the end.
 */
import type { ImportBlock, ImportedDocument } from './types';
import { assignLevels, isBareTitle, matchNumberedHeading, type HeadingMatch } from './headings';
import { joinBroken } from './text';
import { kindFromTitle } from '../report/assemble';

interface Line {
  index: number;
  text: string;
}

const MAX_RESIDUE = 20;

/** Drops a few short lines at the very end that a run of blank lines cuts off from the body. */
function dropResidue(lines: Line[], lineCount: number): Line[] {
  if (lines.length < 3) return lines;
  let start = lines.length;
  while (start > 0 && lines.length - start < 4 && lines[start - 1].text.length <= MAX_RESIDUE && !/[。！？.!?]$/.test(lines[start - 1].text)) start--;
  if (start === lines.length || lines.length - start > 3 || start === 0) return lines;
  const gap = lines[start].index - lines[start - 1].index - 1;
  void lineCount;
  return gap >= 2 ? lines.slice(0, start) : lines;
}

/**
 * The heading lines among `lines`: numbered headings, and bare short lines that are part
 * titles because a numbered heading follows them or their words say so (引言, 結語).
 */
export function findHeadings(lines: Array<{ text: string; index: number }>, blankSeparated = false): Array<HeadingMatch | undefined> {
  const matches: Array<HeadingMatch | undefined> = lines.map((l) => matchNumberedHeading(l.text));
  for (let i = 0; i < lines.length; i++) {
    if (matches[i]) continue;
    const next = matches[i + 1];
    // Where blank lines separate paragraphs, a title stands alone: a wrapped line before a heading is not one.
    const alone = !blankSeparated || ((i === 0 || lines[i - 1].index < lines[i].index - 1) && (i + 1 >= lines.length || lines[i + 1].index > lines[i].index + 1));
    if (alone && isBareTitle(lines[i].text) && ((next && next.style !== 'bare') || (i > 0 && kindFromTitle(lines[i].text)))) {
      matches[i] = { style: 'bare', depth: 1, text: lines[i].text.trim() };
    }
  }
  return matches;
}

/** Headings and paragraphs of the lines of a text (no markup). */
export function structureLines(lines: Line[]): { title?: string; blocks: ImportBlock[] } {
  let gaps = 0;
  for (let i = 1; i < lines.length; i++) if (lines[i].index - lines[i - 1].index > 1) gaps++;
  const blankSeparated = lines.length > 1 && gaps >= (lines.length - 1) / 2;
  const matches = findHeadings(lines, blankSeparated);
  // Hard-wrapped text whose paragraphs start with an indent (ideographic or plain spaces) and no blank lines.
  const indented = lines.filter((l) => /^[\s\u3000]{2,}\S/.test(l.text)).length;
  const indentSeparated = !blankSeparated && indented >= 2 && indented >= lines.length * 0.1 && indented < lines.length * 0.9;

  // A short bare first line followed by body text is the document's title.
  let title: string | undefined;
  let from = 0;
  // A bare first line before a numbered heading is the title when no other bare part title follows.
  if (matches[0]?.style === 'bare' && !kindFromTitle(lines[0].text) && !matches.slice(1).some((m) => m?.style === 'bare') && matches.some((m, i) => i > 0 && m)) {
    title = lines[0].text.trim();
    from = 1;
  } else if (lines.length > 1 && !matches[0] && isBareTitle(lines[0].text) && lines[0].text.length <= 60 && (lines[1].index > lines[0].index + 1 || !blankSeparated)) {
    if (!isBareTitle(lines[1].text) || matches[1] || blankSeparated) {
      title = lines[0].text.trim();
      from = 1;
    }
  }

  const heads = matches.slice(from).filter((m): m is HeadingMatch => !!m);
  const levels = assignLevels(heads);
  const blocks: ImportBlock[] = [];
  let para: string | undefined;
  let prev = -2;
  const flush = (): void => {
    if (para !== undefined) blocks.push({ type: 'paragraph', text: para });
    para = undefined;
  };
  let h = 0;
  for (let i = from; i < lines.length; i++) {
    const l = lines[i];
    const m = matches[i];
    if (m) {
      flush();
      blocks.push({ type: 'heading', level: levels[h++], text: m.text });
      if (m.runIn) para = m.runIn;
    } else if (para !== undefined && ((blankSeparated && l.index === prev + 1) || (indentSeparated && !/^[\s\u3000]/.test(l.text)))) {
      para = joinBroken(para, l.text.trim());
    } else {
      flush();
      para = l.text.trim();
    }
    prev = l.index;
  }
  flush();
  return { title, blocks };
}

export function importPlainText(text: string): ImportedDocument {
  const raw = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  let lines: Line[] = [];
  raw.forEach((t, index) => {
    if (t.trim()) lines.push({ index, text: t.replace(/\s+$/, '') });
  });
  lines = dropResidue(lines, raw.length);
  const { title, blocks } = structureLines(lines);
  return { title, blocks, metadata: { title } };
}
