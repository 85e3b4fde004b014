import type { TextRange } from '../text/types';
/** What the block and inline passes of the zone scanner share: the zone types, the sink they fill and character tests. */

export type ZoneKind =
  | 'front-matter'
  | 'code-fence'
  | 'indented-code'
  | 'blockquote'
  | 'html-comment'
  | 'code-span'
  | 'link-destination'
  | 'link-label'
  | 'reference-definition'
  | 'autolink'
  | 'html-tag'
  | 'bare-url'
  | 'citation-key';

/** A range of the text where no rule applies. */
export interface Zone extends TextRange {
  kind: ZoneKind;
}

/** An HTML comment: its whole range and the range of its body (between `<!--` and `-->`). */
export interface HtmlComment {
  range: TextRange;
  body: TextRange;
}

/** Collects zones, comments and prose paragraphs as the passes find them. */
export class ZoneSink {
  readonly zones: Zone[] = [];
  readonly comments: HtmlComment[] = [];
  readonly prose: TextRange[] = [];

  constructor(private readonly text: string) {}

  add(kind: ZoneKind, start: number, end: number): void {
    if (end <= start) return;
    const zones = this.zones;
    const last = zones[zones.length - 1];
    if (last && last.kind === kind && kind !== 'html-comment') {
      // Join consecutive lines of one block into one zone (the single line break between them included).
      const gap = start - last.end;
      if ((gap === 1 && isLineBreak(this.text.charCodeAt(last.end))) || (gap === 2 && this.text.startsWith('\r\n', last.end))) {
        last.end = Math.max(last.end, end);
        return;
      }
    }
    zones.push({ kind, start, end });
  }

  comment(start: number, end: number, bodyStart: number, bodyEnd: number): void {
    this.comments.push({ range: { start, end }, body: { start: bodyStart, end: bodyEnd } });
  }
}

function isLineBreak(c: number): boolean {
  return c === 10 || c === 13;
}

export function isBlankUnit(c: number): boolean {
  return c === 32 || c === 9;
}

/** Could the unit start a list marker (`-`, `*`, `+` or a digit)? */
export function mayStartList(c: number): boolean {
  return c === 45 || c === 42 || c === 43 || (c >= 48 && c <= 57);
}

export const LIST_ITEM = /^(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)/;
