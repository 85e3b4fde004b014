/**
 * Where terminology rules do not apply in a Markdown draft: front matter, fenced and indented
 * code, blockquotes (the source's words), HTML comments, code spans, link destinations and
 * labels, autolinks, bare URLs, HTML tags and citation keys. Link *text* stays prose.
 *
 * A single forward pass over the text: the block pass (blockZones.ts) reads block structure
 * line by line and hands each prose paragraph to the inline pass (inlineZones.ts), following
 * CommonMark/GFM closely enough for drafts. It does not build a syntax tree: a full Markdown
 * parser costs far more than the lint budget on large drafts.
 * Offsets are UTF-16 code units into the text as given (a BOM included); `\r\n`, `\r` and
 * `\n` end lines, as in VS Code.
 */
import { lineStartsOf } from '../text/lines';
import type { TextRange } from '../text/types';
import { scanBlocks } from './blockZones';
import { ZoneSink, type HtmlComment, type Zone } from './zoneSink';

export type { HtmlComment, Zone, ZoneKind } from './zoneSink';

export interface MarkdownZones {
  /** Sorted by start, never overlapping. */
  zones: Zone[];
  /** HTML comments outside code and front matter, in order (for lint directives). */
  comments: HtmlComment[];
  /** Offset at which each line starts. */
  lineStarts: Int32Array;
  /** Ranges of prose paragraphs (runs of non-blank lines outside block zones), in order. */
  prose: TextRange[];
}

/** Scans a Markdown text for the ranges where terminology rules do not apply. */
export function scanMarkdownZones(text: string): MarkdownZones {
  const starts = lineStartsOf(text);
  const sink = new ZoneSink(text);
  scanBlocks(text, starts, sink);
  const zones = sink.zones.sort((x, y) => x.start - y.start);
  return { zones, comments: sink.comments, lineStarts: starts, prose: sink.prose };
}
