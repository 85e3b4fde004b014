/**
 * Turns a flat run of blocks (headings and paragraphs, in document order) into the
 * section tree both parsers share: number paths, ids, an introduction for text
 * before the first heading and, on request, a conclusion split off the last section.
 */

import type { TextRange } from '../text/types';
import type { ParsedReport, Passage, ReportFormat, ReportSection, SectionKind } from './model';

export type Block =
  | { type: 'heading'; level: number; number?: string; title: string; kind?: SectionKind; range: TextRange }
  | { type: 'paragraph'; range: TextRange };

const INTRO_TITLES = /^(引言|前言|導言|导言|概述|introduction|overview)$/i;
const CONCLUSION_TITLES = /^(結語|结语|結論|结论|總結|总结|小結|小结|結束語|结束语|conclusions?|summary|closing remarks)$/i;

/** Classifies a heading title as an introduction or conclusion by its words. */
export function kindFromTitle(title: string): SectionKind | undefined {
  const t = title.replace(/[\s:：.。]/g, '');
  if (INTRO_TITLES.test(t)) return 'intro';
  if (CONCLUSION_TITLES.test(t)) return 'conclusion';
  return undefined;
}

/** Splits `1.2 Title`, `1. 標題`, `一、標題`, `第一章 標題` into a number and a title. */
export function splitHeadingNumber(text: string): { number?: string; title: string; chineseOrdinal?: boolean } {
  const arabic = /^(\d{1,3}(?:\.\d{1,3})*)(?:[.、．](?!\d)[ \t\u3000]*|[ \t\u3000]+)(?=\S)/.exec(text);
  if (arabic) return { number: arabic[1], title: text.slice(arabic[0].length).trim() };
  const chinese = /^(?:第[一二三四五六七八九十百零〇\d]+[章部節节篇]|[一二三四五六七八九十]+[、．.])[ \t\u3000]*(?=\S)/.exec(text);
  if (chinese) return { title: text.slice(chinese[0].length).trim(), chineseOrdinal: true };
  return { title: text.trim() };
}

/**
 * Hands out section ids, each unique: a repeated base gets `~2`, `~3`, … in turn. Each base remembers the next
 * suffix to try, so ids for n repeats of one heading cost O(n) probes in all (counted in `probes`), not O(n²).
 */
export class IdAllocator {
  private readonly used = new Set<string>();
  private readonly nextSuffix = new Map<string, number>();
  /** How many candidate ids were looked up so far. */
  probes = 0;

  take(base: string): string {
    let n = this.nextSuffix.get(base) ?? 1;
    let id = n === 1 ? base : `${base}~${n}`;
    this.probes++;
    while (this.used.has(id)) {
      n++;
      id = `${base}~${n}`;
      this.probes++;
    }
    this.nextSuffix.set(base, n + 1);
    this.used.add(id);
    return id;
  }
}

export interface AssembleOptions {
  format: ReportFormat;
  title?: string;
  residue?: TextRange[];
  /** Split paragraphs that run past the typical section length off the last section. */
  detectConclusion?: boolean;
}

export function assemble(blocks: Block[], options: AssembleOptions): ParsedReport {
  const sections: ReportSection[] = [];
  const passages: Passage[] = [];
  const ids = new IdAllocator();
  const stack: ReportSection[] = [];
  /** Aligned with `sections` and `passages`: each one's parent section, by reference (ids would cost a map). */
  const parentOf: Array<ReportSection | undefined> = [];
  const sectionOfPassage: ReportSection[] = [];
  const counters: number[] = [];
  let untitled = 0;

  const uniqueId = (base: string): string => ids.take(base);

  const open = (s: ReportSection): void => {
    while (stack.length && stack[stack.length - 1].level >= s.level) stack.pop();
    const parent = stack[stack.length - 1];
    if (parent) {
      s.parentId = parent.id;
      if (parent.childIds.length === 0) parent.childIds = [s.id]; // see `addPassage`
      else parent.childIds.push(s.id);
    }
    sections.push(s);
    parentOf.push(parent);
    stack.push(s);
  };

  let current: ReportSection | undefined;
  for (const b of blocks) {
    if (b.type === 'heading') {
      const kind = b.kind ?? kindFromTitle(b.title) ?? (b.level === 1 ? 'part' : 'section');
      let id: string;
      let number: string | undefined;
      if (kind === 'intro' || kind === 'conclusion') {
        id = uniqueId(kind);
      } else {
        while (stack.length && stack[stack.length - 1].level >= b.level) stack.pop();
        const parent = stack[stack.length - 1];
        const parentNumber = parent?.number;
        counters.length = b.level; // drop deeper counters
        if (b.number) {
          const parts = b.number.split('.');
          counters[b.level - 1] = Number(parts[parts.length - 1]);
          number = parentNumber && parts.length < b.level ? `${parentNumber}.${b.number}` : b.number;
        } else if (parentNumber || b.level === 1) {
          counters[b.level - 1] = (counters[b.level - 1] ?? 0) + 1;
          number = parentNumber ? `${parentNumber}.${counters[b.level - 1]}` : String(counters[b.level - 1]);
        }
        id = uniqueId(number ?? `s${++untitled}`);
      }
      current = {
        id,
        number,
        title: b.title,
        level: kind === 'intro' || kind === 'conclusion' ? 1 : b.level,
        kind,
        headingRange: b.range,
        range: { start: b.range.start, end: b.range.end },
        childIds: [],
        passageIds: [],
      };
      open(current);
      continue;
    }
    if (!current) {
      current = { id: uniqueId('intro'), title: '', level: 1, kind: 'intro', range: { ...b.range }, childIds: [], passageIds: [] };
      open(current);
    }
    addPassage(current, b.range);
  }

  function addPassage(section: ReportSection, range: TextRange): void {
    const ordinal = section.passageIds.length + 1;
    const p: Passage = { id: `${section.id}#${ordinal}`, sectionId: section.id, ordinal, range };
    passages.push(p);
    sectionOfPassage.push(section);
    // A first push would give the empty array room for 16 ids; most sections keep a few, and every byte of the
    // result is copied by the young generation's collections before it settles in the old one.
    if (ordinal === 1) section.passageIds = [p.id];
    else section.passageIds.push(p.id);
  }

  if (options.detectConclusion) splitConclusion();

  // Section ranges reach to the end of their last passage or descendant. Descendants follow their ancestors, so in
  // reverse order each section's end is final before its parent reads it.
  passages.forEach((p, i) => {
    const s = sectionOfPassage[i];
    s.range.end = Math.max(s.range.end, p.range.end);
  });
  for (let i = sections.length - 1; i >= 0; i--) {
    const parent = parentOf[i];
    if (parent) parent.range.end = Math.max(parent.range.end, sections[i].range.end);
  }
  return { format: options.format, title: options.title, sections, passages, residue: options.residue ?? [] };

  /**
   * Plain-text reports often close with an untitled conclusion that runs straight on from
   * the last numbered section. When the last section holds more paragraphs than the
   * sections before it typically do (their median), the extra paragraphs become the conclusion.
   */
  function splitConclusion(): void {
    const leaves = sections.filter((s) => s.kind === 'section' && s.childIds.length === 0);
    if (leaves.length < 3 || sections.some((s) => s.kind === 'conclusion')) return;
    const last = leaves[leaves.length - 1];
    if (sections[sections.length - 1] !== last) return;
    const typical = Math.max(1, lowerMedianPassages(leaves, leaves.length - 1));
    if (last.passageIds.length <= typical) return;
    // The last section's passages are the last ones in document order, since it is the last section opened.
    const from = passages.length - (last.passageIds.length - typical);
    if (passages[from]?.id !== last.passageIds[typical]) return;
    last.passageIds.length = typical;
    const first = passages[from];
    const conclusion: ReportSection = {
      id: uniqueId('conclusion'),
      title: '',
      level: 1,
      kind: 'conclusion',
      range: { ...first.range },
      childIds: [],
      passageIds: [],
    };
    sections.push(conclusion);
    parentOf.push(undefined);
    for (let idx = from; idx < passages.length; idx++) {
      const ordinal = conclusion.passageIds.length + 1;
      const p: Passage = { id: `${conclusion.id}#${ordinal}`, sectionId: conclusion.id, ordinal, range: passages[idx].range };
      passages[idx] = p;
      sectionOfPassage[idx] = conclusion;
      conclusion.passageIds.push(p.id);
    }
  }
}

/**
 * The lower median of the passage counts of `sections[0..count)`, by counting: the counts are at most the number of
 * passages, so a tally finds the median in linear time where a sort would take n log n.
 */
function lowerMedianPassages(sections: ReportSection[], count: number): number {
  let max = 0;
  for (let i = 0; i < count; i++) max = Math.max(max, sections[i].passageIds.length);
  const tally = new Uint32Array(max + 1);
  for (let i = 0; i < count; i++) tally[sections[i].passageIds.length]++;
  const rank = Math.floor((count - 1) / 2);
  let seen = 0;
  for (let n = 0; n <= max; n++) {
    seen += tally[n];
    if (seen > rank) return n;
  }
  return max;
}
