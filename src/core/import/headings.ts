/**
 * Heading detection for text without markup: numbered headings in the styles Chinese and
 * English reports use, and their levels by the order in which the styles first appear.
 *
 *   第一章 / 第一部分   chapter       一、 / 二．      cn
 *   （一） / (二)      cnParen       1. / 1、 / 1.2   arabic (the dots give the depth)
 *   （1） / (2) / ①    arabicParen   a bare short line before a numbered one   bare
 */

export type HeadingStyle = 'chapter' | 'cn' | 'cnParen' | 'arabic' | 'arabicParen' | 'bare';

export interface HeadingMatch {
  style: HeadingStyle;
  /** Dot depth for `arabic` (1 for `1.`, 2 for `1.2`); 1 otherwise. */
  depth: number;
  /** The line as written, trimmed. */
  text: string;
  /** Body text that followed a run-in heading (`（一）市场规模。正文……`). */
  runIn?: string;
}

const CN_NUM = '[一二三四五六七八九十百零〇两兩]';
const CHAPTER = new RegExp(`^第(?:${CN_NUM}+|\\d{1,3})[章部篇编編](?:分)?(?:[\\s\\u3000:：、．.]+|(?=\\S))`);
const CN = new RegExp(`^${CN_NUM}{1,3}[、．.](?!\\d)[\\s\\u3000]*(?=\\S)`);
const CN_PAREN = new RegExp(`^[（(]${CN_NUM}{1,3}[）)][\\s\\u3000、]*(?=\\S)`);
const ARABIC = /^(\d{1,2}(?:\.\d{1,2}){0,3})(?:[.、．](?!\d)[\s\u3000]*|[\s\u3000]+)(?=\S)/;
const ARABIC_PAREN = /^(?:[（(]\d{1,2}[）)]|[\u2460-\u2473])[\s\u3000、]*(?=\S)/;

/** Longest heading text, in characters. */
export const MAX_HEADING = 48;
const SENTENCE_INSIDE = /[。！？!?]/;
const BAD_END = /[，,；;、。！？!?:：]$/;

function plausible(title: string): boolean {
  return title.length > 0 && title.length <= MAX_HEADING && !SENTENCE_INSIDE.test(title) && !BAD_END.test(title);
}

/** A numbered heading line, or undefined. Run-in headings of the parenthesised styles are split. */
export function matchNumberedHeading(line: string): HeadingMatch | undefined {
  const text = line.trim();
  const tries: Array<[RegExp, HeadingStyle]> = [
    [CHAPTER, 'chapter'],
    [CN_PAREN, 'cnParen'],
    [CN, 'cn'],
    [ARABIC_PAREN, 'arabicParen'],
    [ARABIC, 'arabic'],
  ];
  for (const [re, style] of tries) {
    const m = re.exec(text);
    if (!m) continue;
    const title = text.slice(m[0].length);
    const depth = style === 'arabic' ? m[1].split('.').length : 1;
    if (plausible(title)) return { style, depth, text };
    if (style === 'cnParen' || style === 'arabicParen' || style === 'chapter') {
      // `（一）市场规模持续扩大。2025年……`: the first sentence is the heading.
      const stop = /[。：:]/.exec(title);
      if (stop && stop.index > 0 && stop.index <= 24 && title.length > stop.index + 1) {
        const head = text.slice(0, m[0].length + stop.index);
        return { style, depth, text: head, runIn: title.slice(stop.index + 1).trim() };
      }
    }
    return undefined;
  }
  return undefined;
}

/** A short line with no sentence punctuation, which may be a bare title. */
export function isBareTitle(line: string, max = 40): boolean {
  const t = line.trim();
  return t.length > 0 && t.length <= max && !/[，,。；;！？!?]/.test(t) && !BAD_END.test(t) && !/^[-*•·\d\s.]+$/.test(t);
}

/**
 * Levels for a document's headings: each style takes the next level(s) in the order its
 * first heading appears; `arabic` takes as many levels as its deepest numbering.
 */
export function assignLevels(matches: Array<Pick<HeadingMatch, 'style' | 'depth'>>): number[] {
  const order: HeadingStyle[] = [];
  const minDepth = new Map<HeadingStyle, number>();
  const maxDepth = new Map<HeadingStyle, number>();
  for (const m of matches) {
    if (!minDepth.has(m.style)) order.push(m.style);
    minDepth.set(m.style, Math.min(minDepth.get(m.style) ?? m.depth, m.depth));
    maxDepth.set(m.style, Math.max(maxDepth.get(m.style) ?? m.depth, m.depth));
  }
  // `1.1` under `第一章` is one level down, not two: a style's levels start at its shallowest depth.
  const base = new Map<HeadingStyle, number>();
  let next = 1;
  for (const s of order) {
    base.set(s, next);
    next += maxDepth.get(s)! - minDepth.get(s)! + 1;
  }
  return matches.map((m) => base.get(m.style)! + m.depth - minDepth.get(m.style)!);
}
