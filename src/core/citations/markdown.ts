import type { Problem, TextRange } from '../text/types';
/**
 * Finds citations in a Markdown draft: Pandoc citations (`[@key, sec. 1.3]`, `[@a; @b]`,
 * `@key`), footnote references (`[^1]`) and footnote definitions (`[^1]: …`), with offsets.
 *
 * A careful line scanner rather than a Markdown parser: Pandoc citations are not CommonMark,
 * and GFM parsers drop footnote references that have no definition, which are exactly what
 * diagnostics must find. The scanner skips front matter, fenced code blocks (``` and ~~~,
 * also inside block quotes and list items), HTML comments and inline code spans, so nothing in
 * them is taken for a citation or a footnote. Indented code blocks are not recognised (their
 * indentation cannot be told apart from footnote continuation lines without a full parser).
 */

export interface PandocCitationItem {
  key: string;
  /** The key without `@` (and without braces for `@{key}`). */
  keyRange: TextRange;
  /** `@key` (with a leading `-` when the author is suppressed). */
  range: TextRange;
  /** Text after the key up to `;` or `]`, without its leading comma: `sec. 1.3`. */
  locator?: string;
  suppressAuthor: boolean;
}

export interface PandocCitation {
  /** The whole citation: `[…]` when bracketed, else `@key`. */
  range: TextRange;
  bracketed: boolean;
  items: PandocCitationItem[];
}

export interface FootnoteReference {
  label: string;
  /** `[^label]`. */
  range: TextRange;
  labelRange: TextRange;
}

export interface FootnoteDefinition {
  label: string;
  /** From `[^label]:` to the end of the definition's last line (line break excluded). */
  range: TextRange;
  /** `[^label]` at the start of the definition. */
  labelRange: TextRange;
  /** The definition's text (after `]:` and blanks). */
  textRange: TextRange;
  text: string;
}

export interface MarkdownScan {
  eol: '\n' | '\r\n';
  /** The YAML front matter block, `---` lines included, when the document starts with one. */
  frontMatter?: { range: TextRange; contentRange: TextRange };
  /** Parts never read for citations: front matter, code fences, inline code, HTML comments. Sorted. */
  skipped: TextRange[];
  /** True when a fenced code block is still open at the end of the document. */
  unclosedFence: boolean;
  citations: PandocCitation[];
  footnoteRefs: FootnoteReference[];
  footnoteDefs: FootnoteDefinition[];
  /** Offsets at which each line starts, and where its content ends (before the line break). */
  lineStarts: number[];
  lineEnds: number[];
}

const DEF_START = /^ {0,3}\[\^([^\]\s]+)\]:/;
const FENCE = /^(`{3,}|~{3,})(.*)$/;

/** Splits a line into its container prefix (block quote markers, list markers, indentation) and the rest. */
function containerPrefix(line: string): number {
  const m = /^(?:[ \t]*>[ \t]?)*(?:[ \t]*(?:[-+*]|\d{1,9}[.)])[ \t]+)?[ \t]*/.exec(line);
  return m ? m[0].length : 0;
}

export function scanMarkdown(text: string): MarkdownScan {
  const lineStarts: number[] = [];
  const lineEnds: number[] = [];
  {
    let start = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10 || c === 13) {
        lineStarts.push(start);
        lineEnds.push(i);
        if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
        start = i + 1;
      }
    }
    lineStarts.push(start);
    lineEnds.push(text.length);
  }
  const firstBreak = text.indexOf('\n');
  const eol: '\n' | '\r\n' = firstBreak > 0 && text[firstBreak - 1] === '\r' ? '\r\n' : '\n';
  const line = (i: number) => text.slice(lineStarts[i], lineEnds[i]);
  const n = lineStarts.length;

  const skipped: TextRange[] = [];
  let first = 0;
  let frontMatter: MarkdownScan['frontMatter'];
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  if (/^---[ \t]*$/.test(line(0).slice(bom))) {
    for (let i = 1; i < n; i++) {
      if (/^(---|\.\.\.)[ \t]*$/.test(line(i))) {
        frontMatter = {
          range: { start: lineStarts[0], end: lineEnds[i] },
          contentRange: { start: lineStarts[1], end: lineStarts[i] },
        };
        skipped.push(frontMatter.range);
        first = i + 1;
        break;
      }
    }
  }

  // Pass 1: block structure — fences, comments, footnote definitions; collect inline segments.
  const segments: TextRange[] = [];
  const footnoteDefs: FootnoteDefinition[] = [];
  let fence: { char: string; len: number; start: number } | undefined;
  let inComment = false;
  let def: { label: string; labelRange: TextRange; textStart: number; start: number; lastLine: number } | undefined;
  let blankRun = false;

  const closeDef = () => {
    if (!def) return;
    const end = lineEnds[def.lastLine];
    const textStart = Math.min(def.textStart, end);
    footnoteDefs.push({
      label: def.label,
      range: { start: def.start, end },
      labelRange: def.labelRange,
      textRange: { start: textStart, end },
      text: text.slice(textStart, end),
    });
    def = undefined;
  };

  for (let i = first; i < n; i++) {
    const s = lineStarts[i];
    const raw = line(i);
    if (fence) {
      const body = raw.slice(containerPrefix(raw));
      const m = FENCE.exec(body);
      if (m && m[1][0] === fence.char && m[1].length >= fence.len && m[2].trim() === '') {
        skipped.push({ start: fence.start, end: lineEnds[i] });
        fence = undefined;
      }
      continue;
    }
    if (inComment) {
      const close = raw.indexOf('-->');
      if (close < 0) continue;
      skipped[skipped.length - 1].end = s + close + 3;
      inComment = false;
      segments.push({ start: s + close + 3, end: lineEnds[i] });
      continue;
    }
    const blank = raw.trim() === '';
    const body = raw.slice(containerPrefix(raw));
    const fm = FENCE.exec(body);
    const opensFence = fm && !(fm[1][0] === '`' && fm[2].includes('`'));
    if (def) {
      const indented = /^( {4}|\t)/.test(raw);
      const startsDef = DEF_START.test(raw);
      if (blank) {
        blankRun = true;
      } else if (startsDef || opensFence || (blankRun && !indented) || (!indented && /^ {0,3}(#{1,6}\s|(\*\s*){3,}$|(-\s*){3,}$|(_\s*){3,}$)/.test(raw))) {
        closeDef();
      } else {
        def.lastLine = i;
        blankRun = false;
      }
    }
    if (opensFence) {
      closeDef();
      fence = { char: fm![1][0], len: fm![1].length, start: s };
      continue;
    }
    if (blank) continue;
    // An HTML comment left open at the end of the line hides the following lines up to `-->`.
    let segEnd = lineEnds[i];
    for (let from = 0; ; ) {
      const open = raw.indexOf('<!--', from);
      if (open < 0) break;
      const close = raw.indexOf('-->', open + 4);
      if (close < 0) {
        segEnd = s + open;
        skipped.push({ start: s + open, end: text.length });
        inComment = true;
        break;
      }
      from = close + 3;
    }
    const dm = DEF_START.exec(raw);
    let segStart = s;
    if (dm) {
      closeDef();
      const open = raw.indexOf('[');
      const labelRange = { start: s + open, end: s + open + dm[1].length + 3 };
      const after = s + dm[0].length;
      const textStart = after + (/^[ \t]*/.exec(raw.slice(dm[0].length))![0].length);
      def = { label: dm[1], labelRange, textStart, start: s + open, lastLine: i };
      blankRun = false;
      segStart = after;
    }
    if (segEnd > segStart) segments.push({ start: segStart, end: segEnd });
  }
  if (fence) skipped.push({ start: fence.start, end: text.length });
  closeDef();

  // Pass 2: inline — comments, code spans, footnote references, citations.
  const footnoteRefs: FootnoteReference[] = [];
  const citations: PandocCitation[] = [];
  const inlineSkips: TextRange[] = [];
  for (let k = 0; k < segments.length; k++) {
    const seg = segments[k];
    let i = seg.start;
    while (i < seg.end) {
      const c = text[i];
      if (c === '\\') {
        i += 2;
        continue;
      }
      if (c === '`') {
        let j = i;
        while (j < seg.end && text[j] === '`') j++;
        const run = j - i;
        const close = findRun(text, j, seg.end, run);
        if (close >= 0) {
          inlineSkips.push({ start: i, end: close + run });
          i = close + run;
        } else i = j;
        continue;
      }
      if (c === '<' && text.startsWith('<!--', i)) {
        // Pass 1 cut segments at comments left open, so this one closes on the line.
        const close = text.indexOf('-->', i + 4);
        const end = close >= 0 && close + 3 <= seg.end ? close + 3 : seg.end;
        inlineSkips.push({ start: i, end });
        i = end;
        continue;
      }
      if (c === '[') {
        if (text[i + 1] === '^') {
          const m = /^\[\^([^\]\s]+)\]/.exec(text.slice(i, Math.min(seg.end, i + 200)));
          if (m) {
            footnoteRefs.push({ label: m[1], range: { start: i, end: i + m[0].length }, labelRange: { start: i + 2, end: i + 2 + m[1].length } });
            i += m[0].length;
            continue;
          }
        } else {
          const found = bracketedCitation(text, i, segments, k);
          if (found) {
            if (found.citation) citations.push(found.citation);
            // Skip the citation, or the text and destination of a link (no citations in them).
            const end = found.end;
            while (k + 1 < segments.length && segments[k + 1].start < end) k++;
            i = end;
            if (i >= segments[k].end) break;
            continue;
          }
        }
      }
      if (c === '@' || (c === '-' && text[i + 1] === '@')) {
        const at = c === '@' ? i : i + 1;
        const prev = text[(c === '@' ? i : i) - 1];
        if (!prev || !/[\p{L}\p{N}_@.]/u.test(prev)) {
          const key = readKey(text, at, seg.end);
          if (key) {
            const start = c === '-' ? i : at;
            citations.push({
              range: { start, end: key.end },
              bracketed: false,
              items: [{ key: key.key, keyRange: key.keyRange, range: { start, end: key.end }, suppressAuthor: c === '-' }],
            });
            i = key.end;
            continue;
          }
        }
      }
      i++;
    }
  }
  const allSkipped = [...skipped, ...inlineSkips].sort((a, b) => a.start - b.start);
  return { eol, frontMatter, skipped: allSkipped, unclosedFence: !!fence, citations, footnoteRefs, footnoteDefs, lineStarts, lineEnds };
}

/** Start of the next run of exactly `len` backticks in [from, end), or -1. */
function findRun(text: string, from: number, end: number, len: number): number {
  let i = from;
  while (i < end) {
    if (text[i] !== '`') {
      i++;
      continue;
    }
    let j = i;
    while (j < end && text[j] === '`') j++;
    if (j - i === len) return i;
    i = j;
  }
  return -1;
}

const KEY_START = /[\p{L}\p{N}_]/u;
const KEY_CHAR = /[\p{L}\p{N}_]/u;
const KEY_PUNCT = /[:.#$%&\-+?<>~/]/;

/** Reads a Pandoc citation key after `@` at `at`: `@key`, `@{key with spaces}`. */
function readKey(text: string, at: number, end: number): { key: string; keyRange: TextRange; end: number } | undefined {
  let i = at + 1;
  if (text[i] === '{') {
    const close = text.indexOf('}', i + 1);
    if (close < 0 || close >= end || close === i + 1) return undefined;
    return { key: text.slice(i + 1, close), keyRange: { start: i + 1, end: close }, end: close + 1 };
  }
  if (i >= end || !KEY_START.test(text[i])) return undefined;
  const start = i;
  i++;
  while (i < end) {
    if (KEY_CHAR.test(text[i])) i++;
    else if (KEY_PUNCT.test(text[i]) && i + 1 < end && KEY_CHAR.test(text[i + 1])) i += 2;
    else break;
  }
  return { key: text.slice(start, i), keyRange: { start, end: i }, end: i };
}

/**
 * A bracketed citation starting at `[`: `[see @a, p. 3; -@b]`. The brackets may span the
 * lines of one paragraph; it is not a citation when followed by `(` or `[` (a link) or when
 * it holds no `@key`.
 */
function bracketedCitation(
  text: string,
  open: number,
  segments: TextRange[],
  k: number,
): { citation?: PandocCitation; end: number } | undefined {
  // Find the closing bracket within this segment or the following ones of the same paragraph.
  let close = -1;
  let depth = 0;
  let segIdx = k;
  let i = open + 1;
  const maxEnd = Math.min(text.length, open + 2000);
  while (i < maxEnd && segIdx < segments.length) {
    const seg = segments[segIdx];
    if (i >= seg.end) {
      const next = segments[segIdx + 1];
      // The paragraph goes on only into the very next line.
      if (!next || !/^\r?\n$|^\r$/.test(text.slice(seg.end, next.start).replace(/^[ \t>]*/, ''))) break;
      if (text.slice(next.start, next.end).trim() === '') break;
      segIdx++;
      i = next.start;
      continue;
    }
    const c = text[i];
    if (c === '\\') {
      i += 2;
      continue;
    }
    if (c === '`') return undefined;
    if (c === '[') depth++;
    else if (c === ']') {
      if (depth === 0) {
        close = i;
        break;
      }
      depth--;
    }
    i++;
  }
  if (close < 0) return undefined;
  const after = text[close + 1];
  if (after === ':') return { end: segments[segIdx].end }; // a link reference definition
  if (after === '(' || after === '[') {
    // A link: skip its destination (or reference label) too.
    const closer = after === '(' ? ')' : ']';
    const end = text.indexOf(closer, close + 2);
    return { end: end >= 0 && end < segments[segIdx].end ? end + 1 : close + 1 };
  }
  const items: PandocCitationItem[] = [];
  let partStart = open + 1;
  const parts: TextRange[] = [];
  for (let j = open + 1; j <= close; j++) {
    if (j === close || text[j] === ';') {
      parts.push({ start: partStart, end: j });
      partStart = j + 1;
    }
  }
  for (const part of parts) {
    let found: PandocCitationItem | undefined;
    for (let j = part.start; j < part.end; j++) {
      if (text[j] !== '@') continue;
      const prev = text[j - 1];
      if (prev && /[\p{L}\p{N}_]/u.test(prev)) continue;
      const key = readKey(text, j, part.end);
      if (!key) continue;
      const suppress = prev === '-';
      const suffix = text.slice(key.end, part.end).replace(/^\s*,?\s*/, '').replace(/\s+/g, ' ').trim();
      found = {
        key: key.key,
        keyRange: key.keyRange,
        range: { start: suppress ? j - 1 : j, end: key.end },
        suppressAuthor: suppress,
        ...(suffix ? { locator: suffix } : {}),
      };
      break;
    }
    if (!found) return undefined; // every part of a citation names a key
    items.push(found);
  }
  if (items.length === 0) return undefined;
  return { citation: { range: { start: open, end: close + 1 }, bracketed: true, items }, end: close + 1 };
}

/** Citations and footnotes of a document, for hovers and diagnostics. */
export function findCitations(text: string): Pick<MarkdownScan, 'citations' | 'footnoteRefs' | 'footnoteDefs' | 'frontMatter'> {
  const { citations, footnoteRefs, footnoteDefs, frontMatter } = scanMarkdown(text);
  return { citations, footnoteRefs, footnoteDefs, frontMatter };
}

/** Whether an offset lies inside a skipped part (code, front matter, comment). */
export function isSkipped(scan: Pick<MarkdownScan, 'skipped'>, offset: number): boolean {
  let lo = 0;
  let hi = scan.skipped.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const r = scan.skipped[mid];
    if (offset < r.start) hi = mid - 1;
    else if (offset >= r.end) lo = mid + 1;
    else return true;
  }
  return false;
}

export interface CheckCitationsOptions {
  /** Whether a citation key exists in the document's bibliographies. Omit to skip key checks. */
  isKnownKey?: (key: string) => boolean;
  /** Check `@key` written without brackets too (Pandoc reads them as citations). Default true. */
  bareCitations?: boolean;
}

/**
 * Problems with the citations of a document:
 * - `citation.unknown-key` (warning): a Pandoc key that no bibliography defines;
 * - `footnote.undefined` (warning): a footnote reference without a definition;
 * - `footnote.unused` (information): a definition that nothing references;
 * - `footnote.duplicate` (warning): a second definition of the same label.
 */
export function checkCitations(scan: Pick<MarkdownScan, 'citations' | 'footnoteRefs' | 'footnoteDefs'>, opts: CheckCitationsOptions = {}): Problem[] {
  const problems: Problem[] = [];
  if (opts.isKnownKey) {
    for (const c of scan.citations) {
      if (!c.bracketed && opts.bareCitations === false) continue;
      for (const it of c.items) {
        if (!opts.isKnownKey(it.key)) {
          problems.push({ severity: 'warning', code: 'citation.unknown-key', message: `No bibliography entry has the key '${it.key}'.`, range: it.range });
        }
      }
    }
  }
  const defined = new Map<string, FootnoteDefinition>();
  for (const d of scan.footnoteDefs) {
    const label = d.label.toLowerCase();
    if (defined.has(label)) {
      problems.push({ severity: 'warning', code: 'footnote.duplicate', message: `Footnote [^${d.label}] is defined more than once; the first definition is used.`, range: d.labelRange });
    } else defined.set(label, d);
  }
  const referenced = new Set<string>();
  for (const r of scan.footnoteRefs) {
    const label = r.label.toLowerCase();
    referenced.add(label);
    if (!defined.has(label)) {
      problems.push({ severity: 'warning', code: 'footnote.undefined', message: `Footnote [^${r.label}] has no definition.`, range: r.range });
    }
  }
  for (const [label, d] of defined) {
    if (!referenced.has(label)) {
      problems.push({ severity: 'information', code: 'footnote.unused', message: `Footnote [^${d.label}] is never referenced.`, range: d.labelRange });
    }
  }
  return problems.sort((a, b) => a.range.start - b.range.start);
}

export type CitationAtOffset =
  | { kind: 'citation'; citation: PandocCitation; item: PandocCitationItem }
  | { kind: 'footnote-reference'; reference: FootnoteReference; definition?: FootnoteDefinition }
  | { kind: 'footnote-definition'; definition: FootnoteDefinition };

/**
 * What citation is at an offset, for hovers: a Pandoc citation item (the one whose `@key` or
 * locator holds the offset; the first one when the offset is on a bracket or a separator), a
 * footnote reference with its definition, or a footnote definition's label.
 */
export function citationAt(scan: Pick<MarkdownScan, 'citations' | 'footnoteRefs' | 'footnoteDefs'>, offset: number): CitationAtOffset | undefined {
  const inside = (r: TextRange) => offset >= r.start && offset <= r.end;
  for (const ref of scan.footnoteRefs) {
    if (inside(ref.range)) {
      const definition = scan.footnoteDefs.find((d) => d.label.toLowerCase() === ref.label.toLowerCase());
      return { kind: 'footnote-reference', reference: ref, ...(definition ? { definition } : {}) };
    }
  }
  for (const def of scan.footnoteDefs) if (inside(def.labelRange)) return { kind: 'footnote-definition', definition: def };
  for (const citation of scan.citations) {
    if (!inside(citation.range)) continue;
    // The item whose text (from its key to the next item) holds the offset.
    let pick = citation.items[0];
    for (const it of citation.items) if (offset >= it.range.start) pick = it;
    return { kind: 'citation', citation, item: pick };
  }
  return undefined;
}
