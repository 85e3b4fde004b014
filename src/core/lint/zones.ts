import type { TextRange } from '../text/types';
/**
 * Where terminology rules do not apply in a Markdown draft: front matter, fenced and indented
 * code, blockquotes (the source's words), HTML comments, code spans, link destinations and
 * labels, autolinks, bare URLs, HTML tags and citation keys. Link *text* stays prose.
 *
 * A single forward pass over the text, block structure line by line and inline structure per
 * paragraph, following CommonMark/GFM closely enough for drafts. It does not build a syntax
 * tree: a full Markdown parser costs far more than the lint budget on large drafts.
 * Offsets are UTF-16 code units into the text as given (a BOM included); `\r\n`, `\r` and
 * `\n` end lines, as in VS Code.
 */

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

function lineStartsOf(text: string): Int32Array {
  const n = text.length;
  const out: number[] = [0];
  if (text.indexOf('\r') < 0) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) out.push(i + 1);
  } else {
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) out.push(i + 1);
      else if (c === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        out.push(i + 1);
      }
    }
  }
  return Int32Array.from(out);
}

/** The line containing `offset` (binary search over line starts). */
export function lineOf(starts: Int32Array, offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function isAsciiPunct(c: number): boolean {
  return (c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126);
}

function isAsciiAlnum(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function isBlankUnit(c: number): boolean {
  return c === 32 || c === 9;
}

/**
 * Characters that end a bare URL: white space, `<`, and CJK or full-width punctuation (as
 * linkify does; Han characters themselves continue a URL, as in GFM).
 */
function endsBareUrl(c: number): boolean {
  return (
    c <= 32 || c === 60 || c === 0x7f ||
    (c >= 0x2018 && c <= 0x201f) || c === 0x2026 ||
    (c >= 0x3000 && c <= 0x303f) ||
    (c >= 0xff01 && c <= 0xff0f) || (c >= 0xff1a && c <= 0xff20) || (c >= 0xff3b && c <= 0xff40) || (c >= 0xff5b && c <= 0xff65)
  );
}

const TAG = /<\/?[A-Za-z][A-Za-z0-9-]*(?:\s+[A-Za-z_:][\w.:-]*(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*\s*\/?>/y;
const AUTOLINK = /<(?:[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*|[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*)>/y;
const LIST_ITEM = /^(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)/;
const THEMATIC_BREAK = /^(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$/;

/** ASCII units that may start inline structure: \\ ` < [ ] h w @ */
/** The same, plus line breaks, so that a search never runs past the paragraph's next line. */
const SPECIAL_RE = /[\\`<[\]hw@\n\r]/g;
const SPECIAL = new Uint8Array(128);
for (const ch of '\\`<[]hw@') SPECIAL[ch.charCodeAt(0)] = 1;

/** Could the unit start a list marker (`-`, `*`, `+` or a digit)? */
function mayStartList(c: number): boolean {
  return c === 45 || c === 42 || c === 43 || (c >= 48 && c <= 57);
}

interface LineInfo {
  start: number;
  /** End of the line's content (before its line break). */
  end: number;
  /** First non-blank offset (== end for a blank line). */
  first: number;
  /** Indentation in columns (tabs to the next multiple of 4). */
  indent: number;
}

/** Scans a Markdown text for the ranges where terminology rules do not apply. */
export function scanMarkdownZones(text: string): MarkdownZones {
  const starts = lineStartsOf(text);
  const lineCount = starts.length;
  const n = text.length;
  const zones: Zone[] = [];
  const comments: HtmlComment[] = [];
  const prose: TextRange[] = [];

  const info = (line: number): LineInfo => {
    const start = starts[line];
    let end = line + 1 < lineCount ? starts[line + 1] : n;
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
  };

  const addZone = (kind: ZoneKind, start: number, end: number): void => {
    if (end <= start) return;
    const last = zones[zones.length - 1];
    if (last && last.kind === kind && kind !== 'html-comment') {
      // Join consecutive lines of one block into one zone (the single line break between them included).
      const gap = text.slice(last.end, start);
      if (gap === '\n' || gap === '\r\n' || gap === '\r') { last.end = Math.max(last.end, end); return; }
    }
    zones.push({ kind, start, end });
  };

  // Inline structure of one paragraph [a, b).
  const scanInline = (a: number, b: number): void => {
    prose.push({ start: a, end: b });
    // Per backtick-run length: the offset before which no closing run exists (avoids rescanning).
    let noCloser: Map<number, number> | undefined;
    let i = a;
    while (i < b) {
      let c = text.charCodeAt(i);
      if (c >= 128 || SPECIAL[c] === 0) {
        // Jump to the next unit that may start inline structure (native search is faster on prose).
        // test() rather than exec(): no match array; the match is one unit, just before lastIndex.
        SPECIAL_RE.lastIndex = i + 1;
        if (!SPECIAL_RE.test(text) || SPECIAL_RE.lastIndex - 1 >= b) break;
        i = SPECIAL_RE.lastIndex - 1;
        c = text.charCodeAt(i);
      }
      if (c === 92 /* \ */) {
        i += i + 1 < b && isAsciiPunct(text.charCodeAt(i + 1)) ? 2 : 1;
        continue;
      }
      if (c === 96 /* ` */) {
        let m = i;
        while (m < b && text.charCodeAt(m) === 96) m++;
        const len = m - i;
        const limit = noCloser?.get(len);
        if (limit !== undefined && m < limit) { i = m; continue; }
        let j = m;
        let close = -1;
        while (j < b) {
          const k = text.indexOf('`', j);
          if (k < 0 || k >= b) break;
          let e = k;
          while (e < b && text.charCodeAt(e) === 96) e++;
          if (e - k === len) { close = k; break; }
          j = e;
        }
        if (close < 0) { (noCloser ??= new Map()).set(len, b); i = m; continue; }
        addZone('code-span', i, close + len);
        i = close + len;
        continue;
      }
      if (c === 60 /* < */) {
        if (text.startsWith('<!--', i)) {
          const e = text.indexOf('-->', i + 4);
          if (e >= 0 && e + 3 <= b) {
            comments.push({ range: { start: i, end: e + 3 }, body: { start: i + 4, end: e } });
            addZone('html-comment', i, e + 3);
            i = e + 3;
            continue;
          }
          i++;
          continue;
        }
        AUTOLINK.lastIndex = i;
        let hit = AUTOLINK.exec(text);
        let kind: ZoneKind = 'autolink';
        if (!hit) {
          TAG.lastIndex = i;
          hit = TAG.exec(text);
          kind = 'html-tag';
        }
        if (hit && i + hit[0].length <= b) {
          addZone(kind, i, i + hit[0].length);
          i += hit[0].length;
          continue;
        }
        i++;
        continue;
      }
      if (c === 93 /* ] */ && i + 1 < b) {
        const d = text.charCodeAt(i + 1);
        if (d === 40 /* ( */) {
          const close = linkDestinationEnd(text, i + 1, b);
          if (close > 0) {
            addZone('link-destination', i + 1, close);
            i = close;
            continue;
          }
        } else if (d === 91 /* [ */) {
          const close = labelEnd(text, i + 1, b);
          if (close > 0) {
            addZone('link-label', i + 1, close);
            i = close;
            continue;
          }
        }
        i++;
        continue;
      }
      if (c === 91 /* [ */) {
        // A reference definition: `[label]: destination "title"` at the start of a line.
        const ls = starts[lineOf(starts, i)];
        let onlyIndent = true;
        for (let k = ls; k < i; k++) if (!isBlankUnit(text.charCodeAt(k)) && !(k === 0 && text.charCodeAt(0) === 0xfeff)) { onlyIndent = false; break; }
        if (onlyIndent && text.charCodeAt(i + 1) !== 94 /* ^ (a footnote's text is prose) */) {
          const close = labelEnd(text, i, b);
          if (close > 0 && text.charCodeAt(close) === 58 /* : */) {
            let e = close;
            while (e < b && text.charCodeAt(e) !== 10 && text.charCodeAt(e) !== 13) e++;
            addZone('reference-definition', i, e);
            i = e;
            continue;
          }
        }
        if (i + 1 < b && text.charCodeAt(i + 1) === 94 /* ^ */) {
          const close = labelEnd(text, i, b);
          if (close > 0) {
            addZone('link-label', i, close);
            i = close;
            continue;
          }
        }
        i++;
        continue;
      }
      if ((c === 104 /* h */ || c === 119 /* w */) && (i === a || !isAsciiAlnum(text.charCodeAt(i - 1))) && text.charCodeAt(i + 1) === (c === 104 ? 116 : 119)) {
        const len = text.startsWith('https://', i) ? 8 : text.startsWith('http://', i) ? 7 : text.startsWith('www.', i) ? 4 : 0;
        if (len > 0 && i + len < b && !endsBareUrl(text.charCodeAt(i + len))) {
          let e = i + len;
          while (e < b && !endsBareUrl(text.charCodeAt(e))) e++;
          // Trailing punctuation is not part of the URL (GFM).
          while (e > i + len && /[?!.,:*_~'")\]]/.test(text[e - 1])) e--;
          addZone('bare-url', i, e);
          i = e;
          continue;
        }
        i++;
        continue;
      }
      if (c === 64 /* @ */ && i + 1 < b) {
        const prev = i > a ? text.charCodeAt(i - 1) : 32;
        const next = text.charCodeAt(i + 1);
        if ((prev <= 32 || prev === 91 || prev === 59 || prev === 45 || prev === 0x3000 || prev >= 0x2e80) && (isAsciiAlnum(next) || next === 95)) {
          let e = i + 1;
          while (e < b) {
            const k = text.charCodeAt(e);
            if (isAsciiAlnum(k) || k === 95 || k === 58 || k === 46 || k === 35 || k === 36 || k === 37 || k === 38 || k === 45 || k === 43 || k === 63 || k === 126 || k === 47) e++;
            else break;
          }
          while (e > i + 1 && /[.:\-/?#]/.test(text[e - 1])) e--;
          addZone('citation-key', i, e);
          i = e;
          continue;
        }
        i++;
        continue;
      }
      i++;
    }
  };

  let line = 0;
  // Front matter: `---` … `---`/`...` (YAML) or `+++` … `+++` (TOML) from the first line.
  {
    const first = info(0);
    const head = text.slice(first.first, first.end).trimEnd();
    if (first.first === first.start + (text.charCodeAt(0) === 0xfeff ? 1 : 0) && (head === '---' || head === '+++')) {
      for (let l = 1; l < lineCount; l++) {
        const li = info(l);
        const t = text.slice(li.start, li.end).trimEnd();
        if (t === head || (head === '---' && t === '...')) {
          addZone('front-matter', first.start, li.end);
          line = l + 1;
          break;
        }
      }
    }
  }

  let fence: { char: number; len: number } | undefined;
  let prevBlank = true;
  let inIndentedCode = false;
  let inList = false;
  let lazyQuote = false;
  let paraStart = -1;
  let paraEnd = -1;
  const closeParagraph = (): void => {
    if (paraStart >= 0) scanInline(paraStart, paraEnd);
    paraStart = -1;
  };

  for (; line < lineCount; line++) {
    const li = info(line);
    const { start, end, first, indent } = li;
    const blank = first >= end;
    const c0 = blank ? 0 : text.charCodeAt(first);

    if (fence) {
      addZone('code-fence', start, end);
      if (!blank && c0 === fence.char) {
        let m = first;
        while (m < end && text.charCodeAt(m) === fence.char) m++;
        let rest = m;
        while (rest < end && isBlankUnit(text.charCodeAt(rest))) rest++;
        if (m - first >= fence.len && rest === end) fence = undefined;
      }
      continue;
    }
    if (blank) {
      closeParagraph();
      prevBlank = true;
      lazyQuote = false;
      continue;
    }
    const wasBlank = prevBlank;
    prevBlank = false;
    const isListItem = indent < 4 && mayStartList(c0) && LIST_ITEM.test(text.slice(first, Math.min(end, first + 12)));

    // Indented code: four columns of indentation after a blank line, outside lists and paragraphs.
    if (indent >= 4 && (inIndentedCode || (wasBlank && !inList && paraStart < 0))) {
      closeParagraph();
      inIndentedCode = true;
      addZone('indented-code', start, end);
      continue;
    }
    inIndentedCode = false;
    if (indent === 0 && !isListItem && wasBlank) inList = false;
    if (isListItem) inList = true;

    // Blockquotes, also inside list items (`- > …`), and their lazy continuation lines.
    let q = first;
    while (q < end) {
      const c = text.charCodeAt(q);
      if (c === 62 /* > */ || !mayStartList(c)) break;
      const m = LIST_ITEM.exec(text.slice(q, Math.min(end, q + 12)));
      if (!m) break;
      q += m[0].length;
      while (q < end && isBlankUnit(text.charCodeAt(q))) q++;
    }
    if (q < end && text.charCodeAt(q) === 62) {
      closeParagraph();
      addZone('blockquote', start, end);
      let r = q + 1;
      while (r < end && (isBlankUnit(text.charCodeAt(r)) || text.charCodeAt(r) === 62)) r++;
      lazyQuote = r < end;
      findComments(text, start, end, comments);
      continue;
    }

    // Fenced code.
    if (c0 === 96 || c0 === 126) {
      let m = first;
      while (m < end && text.charCodeAt(m) === c0) m++;
      let tickInInfo = false;
      if (c0 === 96) for (let k = m; k < end && !tickInInfo; k++) tickInInfo = text.charCodeAt(k) === 96;
      if (m - first >= 3 && !tickInInfo) {
        closeParagraph();
        lazyQuote = false;
        fence = { char: c0, len: m - first };
        addZone('code-fence', start, end);
        continue;
      }
    }

    const startsBlock = c0 === 35 /* # */ || isListItem || (indent < 4 && text.startsWith('<!--', first)) || ((c0 === 42 || c0 === 45 || c0 === 95) && THEMATIC_BREAK.test(text.slice(first, end)));
    if (lazyQuote && !startsBlock) {
      addZone('blockquote', start, end);
      findComments(text, start, end, comments);
      continue;
    }
    lazyQuote = false;

    // HTML comment blocks: from `<!--` to the end of the line holding `-->`.
    if (indent < 4 && text.startsWith('<!--', first)) {
      closeParagraph();
      const close = text.indexOf('-->', first + 4);
      const stop = close < 0 ? n : close + 3;
      let last = line;
      while (last + 1 < lineCount && starts[last + 1] <= stop - 1) last++;
      const lastInfo = info(last);
      addZone('html-comment', start, Math.max(lastInfo.end, stop));
      findComments(text, first, Math.max(lastInfo.end, stop), comments);
      line = last;
      continue;
    }

    if (paraStart < 0) paraStart = start;
    paraEnd = end;
  }
  closeParagraph();
  zones.sort((x, y) => x.start - y.start);
  return { zones, comments, lineStarts: starts, prose };
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

/** After `](` at `open` (the offset of `(`): the offset just past the destination's `)`, or -1. */
function linkDestinationEnd(text: string, open: number, b: number): number {
  let i = open + 1;
  while (i < b && isBlankUnit(text.charCodeAt(i))) i++;
  if (text.charCodeAt(i) === 60 /* < */) {
    const gt = text.indexOf('>', i + 1);
    if (gt < 0 || gt >= b) return -1;
    i = gt + 1;
  }
  let depth = 0;
  for (; i < b; i++) {
    const c = text.charCodeAt(i);
    if (c === 92) { i++; continue; }
    if (c === 40) depth++;
    else if (c === 41) {
      if (depth === 0) return i + 1;
      depth--;
    } else if (c === 10 || c === 13) {
      // A destination may not contain a line break; a title may. Keep it simple: allow it.
    }
  }
  return -1;
}

/** At a `[` (offset `open`): the offset just past the matching `]` on a label with no nested brackets, or -1. */
function labelEnd(text: string, open: number, b: number): number {
  for (let i = open + 1; i < b && i < open + 1000; i++) {
    const c = text.charCodeAt(i);
    if (c === 92) { i++; continue; }
    if (c === 91) return -1;
    if (c === 93) return i > open + 1 ? i + 1 : -1;
  }
  return -1;
}
