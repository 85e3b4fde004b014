/**
 * The inline pass of the zone scanner: within one prose paragraph, the code spans, HTML
 * comments and tags, autolinks, link destinations and labels, reference definitions, footnote
 * labels, bare URLs and citation keys. Each construct has a reader that returns the offset just
 * past what it consumed, or -1 when the text there is not that construct.
 */
import { lineOf } from '../text/lines';
import { isBlankUnit, type ZoneKind, type ZoneSink } from './zoneSink';

const TAG = /<\/?[A-Za-z][A-Za-z0-9-]*(?:\s+[A-Za-z_:][\w.:-]*(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*\s*\/?>/y;
const AUTOLINK = /<(?:[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*|[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*)>/y;

/** ASCII units that may start inline structure: \\ ` < [ ] h w @ */
const SPECIAL = new Uint8Array(128);
for (const ch of '\\`<[]hw@') SPECIAL[ch.charCodeAt(0)] = 1;
/** The same, plus line breaks, so that a search never runs past the paragraph's next line. */
const SPECIAL_RE = /[\\`<[\]hw@\n\r]/g;

function isAsciiPunct(c: number): boolean {
  return (c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126);
}

function isAsciiAlnum(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
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

/** Units that may continue a citation key after its first character. */
function continuesKey(k: number): boolean {
  return isAsciiAlnum(k) || k === 95 || k === 58 || k === 46 || k === 35 || k === 36 || k === 37 || k === 38 || k === 45 || k === 43 ||
    k === 63 || k === 126 || k === 47;
}

/** The inline structure of one paragraph [a, b). */
class InlineScanner {
  /** Per backtick-run length: the offset before which no closing run exists (avoids rescanning). */
  private noCloser: Map<number, number> | undefined;

  constructor(
    private readonly text: string,
    private readonly starts: Int32Array,
    private readonly sink: ZoneSink,
    private readonly a: number,
    private readonly b: number,
  ) {}

  private zone(kind: ZoneKind, start: number, end: number): number {
    this.sink.add(kind, start, end);
    return end;
  }

  run(): void {
    const { text, b } = this;
    let i = this.a;
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
      let next = -1;
      switch (c) {
        case 92 /* \ */: next = i + (i + 1 < b && isAsciiPunct(text.charCodeAt(i + 1)) ? 2 : 1); break;
        case 96 /* ` */: next = this.codeSpan(i); break;
        case 60 /* < */: next = this.angle(i); break;
        case 93 /* ] */: next = this.afterLinkText(i); break;
        case 91 /* [ */: next = this.openBracket(i); break;
        case 104 /* h */:
        case 119 /* w */: next = this.bareUrl(i, c); break;
        case 64 /* @ */: next = this.citationKey(i); break;
      }
      i = next > i ? next : i + 1;
    }
  }

  /** A code span from a backtick run at `i`; an unclosed run is skipped whole. */
  private codeSpan(i: number): number {
    const { text, b } = this;
    let m = i;
    while (m < b && text.charCodeAt(m) === 96) m++;
    const len = m - i;
    const limit = this.noCloser?.get(len);
    if (limit !== undefined && m < limit) return m;
    for (let j = m; j < b; ) {
      const k = text.indexOf('`', j);
      if (k < 0 || k >= b) break;
      let e = k;
      while (e < b && text.charCodeAt(e) === 96) e++;
      if (e - k === len) return this.zone('code-span', i, k + len);
      j = e;
    }
    (this.noCloser ??= new Map()).set(len, b);
    return m;
  }

  /** An HTML comment, autolink or HTML tag at `<`. */
  private angle(i: number): number {
    const { text, b } = this;
    if (text.startsWith('<!--', i)) {
      const e = text.indexOf('-->', i + 4);
      if (e < 0 || e + 3 > b) return -1;
      this.sink.comment(i, e + 3, i + 4, e);
      return this.zone('html-comment', i, e + 3);
    }
    AUTOLINK.lastIndex = i;
    let hit = AUTOLINK.exec(text);
    let kind: ZoneKind = 'autolink';
    if (!hit) {
      TAG.lastIndex = i;
      hit = TAG.exec(text);
      kind = 'html-tag';
    }
    return hit && i + hit[0].length <= b ? this.zone(kind, i, i + hit[0].length) : -1;
  }

  /** After a link's text: its destination `](…)` or reference label `][…]`. */
  private afterLinkText(i: number): number {
    const { text, b } = this;
    if (i + 1 >= b) return -1;
    const d = text.charCodeAt(i + 1);
    if (d === 40 /* ( */) {
      const close = linkDestinationEnd(text, i + 1, b);
      return close > 0 ? this.zone('link-destination', i + 1, close) : -1;
    }
    if (d === 91 /* [ */) {
      const close = labelEnd(text, i + 1, b);
      return close > 0 ? this.zone('link-label', i + 1, close) : -1;
    }
    return -1;
  }

  /** A reference definition `[label]: destination "title"` at the start of a line, or a footnote label `[^…]`. */
  private openBracket(i: number): number {
    const { text, b } = this;
    const footnote = i + 1 < b && text.charCodeAt(i + 1) === 94; /* ^ (a footnote's text is prose) */
    if (!footnote && this.onlyIndentBefore(i)) {
      const close = labelEnd(text, i, b);
      if (close > 0 && text.charCodeAt(close) === 58 /* : */) {
        let e = close;
        while (e < b && text.charCodeAt(e) !== 10 && text.charCodeAt(e) !== 13) e++;
        return this.zone('reference-definition', i, e);
      }
    }
    if (footnote) {
      const close = labelEnd(text, i, b);
      if (close > 0) return this.zone('link-label', i, close);
    }
    return -1;
  }

  private onlyIndentBefore(i: number): boolean {
    const text = this.text;
    for (let k = this.starts[lineOf(this.starts, i)]; k < i; k++) {
      if (!isBlankUnit(text.charCodeAt(k)) && !(k === 0 && text.charCodeAt(0) === 0xfeff)) return false;
    }
    return true;
  }

  /** A bare URL (`http://`, `https://`, `www.`) at a word start. */
  private bareUrl(i: number, c: number): number {
    const { text, b } = this;
    if ((i !== this.a && isAsciiAlnum(text.charCodeAt(i - 1))) || text.charCodeAt(i + 1) !== (c === 104 ? 116 : 119)) return -1;
    const len = text.startsWith('https://', i) ? 8 : text.startsWith('http://', i) ? 7 : text.startsWith('www.', i) ? 4 : 0;
    if (len === 0 || i + len >= b || endsBareUrl(text.charCodeAt(i + len))) return -1;
    let e = i + len;
    while (e < b && !endsBareUrl(text.charCodeAt(e))) e++;
    // Trailing punctuation is not part of the URL (GFM).
    while (e > i + len && /[?!.,:*_~'")\]]/.test(text[e - 1])) e--;
    return this.zone('bare-url', i, e);
  }

  /** A Pandoc citation key `@key` after a space, `[`, `;`, `-` or CJK text. */
  private citationKey(i: number): number {
    const { text, a, b } = this;
    if (i + 1 >= b) return -1;
    const prev = i > a ? text.charCodeAt(i - 1) : 32;
    const next = text.charCodeAt(i + 1);
    if (!(prev <= 32 || prev === 91 || prev === 59 || prev === 45 || prev === 0x3000 || prev >= 0x2e80) ||
      !(isAsciiAlnum(next) || next === 95)) return -1;
    let e = i + 1;
    while (e < b && continuesKey(text.charCodeAt(e))) e++;
    while (e > i + 1 && /[.:\-/?#]/.test(text[e - 1])) e--;
    return this.zone('citation-key', i, e);
  }
}

/** Scans the inline structure of the paragraph [a, b) and records it as prose. */
export function scanInline(text: string, starts: Int32Array, sink: ZoneSink, a: number, b: number): void {
  sink.prose.push({ start: a, end: b });
  new InlineScanner(text, starts, sink, a, b).run();
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
  // A destination may not contain a line break, but its title may; both are allowed here.
  let depth = 0;
  for (; i < b; i++) {
    const c = text.charCodeAt(i);
    if (c === 92) { i++; continue; }
    if (c === 40) depth++;
    else if (c === 41) {
      if (depth === 0) return i + 1;
      depth--;
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
