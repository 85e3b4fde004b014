import type { TextRange } from '../text/types';
/**
 * The inline half of the Pandoc citation scanner: reads one block's inline text (a paragraph,
 * a heading, a table cell) the way Pandoc's Markdown reader does, far enough to find every
 * citation and footnote reference and nothing else.
 *
 * The rules follow Pandoc 2.17's reader (`cite`, `textualCite`, `normalCite`, `citeKey`):
 * - a key is `@` + a letter, digit or `_`, then letters, digits, `_`, and any of
 *   `:.#$%&-+?<>~/` when a letter, digit or `_` follows (`:` and `/` also before `/`);
 *   `@{…}` takes any non-blank text with balanced braces;
 * - `@` right after a word (letters, digits, `.`) or a closing emphasis is not a citation,
 *   which keeps e-mail addresses out;
 * - `[…]` is a citation when every `;`-separated part has a key (with a prefix before it and
 *   a suffix after it), and the `]` is not followed by `(`, `[` or `{`;
 * - `@key [suffix]` and `@key [suffix; @other]` extend an in-text citation;
 * - code spans, math, raw HTML and TeX, autolinks and link destinations hold no citations;
 *   link text, emphasis, inline notes and citation prefixes and suffixes do.
 */

export interface InlineCitationItem {
  key: string;
  keyRange: TextRange;
  /** `@key`, with the leading `-` when the author is suppressed. */
  range: TextRange;
  suppressAuthor: boolean;
  /** The suffix (after the key) without its leading comma and blanks, white space collapsed. */
  locator?: string;
  /** The prefix (before the key), white space collapsed. */
  prefix?: string;
}

export interface InlineCitation {
  range: TextRange;
  bracketed: boolean;
  items: InlineCitationItem[];
}

export interface InlineContext {
  /** Link reference labels defined in the document, normalised with `normalizeLabel`. */
  refLabels: ReadonlySet<string>;
  /** Example-list labels (`(@good)`) with the offset of their definition. */
  examples: ReadonlyMap<string, number>;
  /** Read every part Pandoc shows as it is (`skipped`), even in text with no `@` or `[`. */
  full?: boolean;
}

export interface InlineResult {
  citations: InlineCitation[];
  footnoteRefs: Array<{ label: string; range: TextRange; labelRange: TextRange }>;
  /** Code spans, math, raw HTML/TeX, autolinks and link destinations (in text that has `@` or `[`). */
  skipped: TextRange[];
}

/** Pandoc's reference-label key: case-folded, inner white space collapsed. */
export function normalizeLabel(label: string): string {
  return label.trim().replace(/\s+/g, ' ').toLowerCase();
}

// Pandoc's alphaNum is Haskell's isAlphaNum: Unicode letters and numbers (not marks).
const ALNUM = /[\p{L}\p{N}]/u;
const KEY_PUNCT = ':.#$%&-+?<>~/';
const ESCAPABLE_NEWLINE = '\n';
/** Longest bracketed construct read (Pandoc has no limit; real citations are far shorter). */
const MAX_BRACKET = 2000;
/** Longest `@{…}` key read. */
const MAX_BRACED_KEY = 512;
/** Deepest nesting of brackets read. */
const MAX_DEPTH = 24;
/** A tag name as Pandoc keeps it: a letter first, never a `:` last (`<https:…>` is no tag). */
const TAG_NAME = /^[a-zA-Z][a-zA-Z0-9_:-]*(?<!:)$/;

/**
 * URI schemes Pandoc 2.17 makes an autolink of in `<scheme:…>` (checked against pandoc; it knows
 * the registered schemes and a few more). Any other `<word:…>` is an HTML tag or text.
 */
const AUTOLINK_SCHEMES = new Set(
  (
    'aaa aaas about acap acct acr adiumxtra afp afs aim appdata apt attachment aw barion beshare bitcoin blob bolo ' +
    'browserext callto cap chrome chrome-extension cid coap coaps com-eventbrite-attendee content crid cvs data dav ' +
    'dict dis dlna-playcontainer dlna-playsingle dns dntp doi dtn dvb ed2k example facetime fax feed feedready file ' +
    'filesystem finger fish ftp geo gg git gizmoproject go gopher graph gtalk h323 ham hcp http https hxxp hxxps ' +
    'hydrazone iax icap icon im imap info iotdisco ipn ipp ipps irc irc6 ircs iris iris.beep iris.lwz iris.xpc ' +
    'iris.xpcs isbn isostore itms jabber jar javascript jms keyparc lastfm ldap ldaps lvlt magnet mailserver mailto ' +
    'maps market message mid mms modem mongodb moz ms-access ms-settings msnim msrp msrps mtqp mumble mupdate mvn ' +
    'news nfs ni nih nntp notes ocf oid onenote opaquelocktoken pack palm paparazzi pkcs11 platform pmid pop pres ' +
    'prospero proxy psyc qb query redis rediss reload res resource rmi rsync rtmfp rtmp rtsp rtsps rtspu secondlife ' +
    'service session sftp sgn shttp sieve sip sips skype smb sms smtp snews snmp soap.beep soap.beeps soldat ' +
    'spotify ssh steam stun stuns submit svn tag teamspeak tel teliaeid telnet tftp things thismessage tip tn3270 ' +
    'tool turn turns tv udp unreal urn ut2004 v-event vemmi ventrilo videotex view-source vnc wais webcal wpid ws ' +
    'wss wtai wyciwyg xcon xcon-userid xfire xmlrpc.beep xmlrpc.beeps xmpp xri ymsgr z39.50 z39.50r z39.50s'
  ).split(' '),
);

/** Letters and numbers of the Basic Multilingual Plane, computed once on first use. */
let bmpAlnum: Uint8Array | undefined;

function alnumTable(): Uint8Array {
  if (!bmpAlnum) {
    bmpAlnum = new Uint8Array(0x10000);
    for (let c = 0x80; c < 0x10000; c++) if (c < 0xd800 || c > 0xdfff) bmpAlnum[c] = ALNUM.test(String.fromCharCode(c)) ? 1 : 0;
  }
  return bmpAlnum;
}

/** UTF-16 units taken by the code point at `i`. */
function width(t: string, i: number): number {
  const c = t.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff) {
    const d = t.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return 2;
  }
  return 1;
}

function isAlnumAt(t: string, i: number): boolean {
  const c = t.charCodeAt(i);
  if (c < 0x80) return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  if (c !== c) return false; // past the end
  if (c >= 0xd800 && c <= 0xdbff) return width(t, i) === 2 && ALNUM.test(t.slice(i, i + 2));
  return alnumTable()[c] === 1;
}

const isRegChar = (t: string, i: number) => t.charCodeAt(i) === 95 || isAlnumAt(t, i);
const isSpace = (c: string | undefined) => c === ' ' || c === '\t' || c === '\n' || c === '\r';

/**
 * Scans the inline text `t` (one block; lines joined by `\n`). Offsets in the result are
 * offsets into `t`.
 */
export function scanInlines(t: string, ctx: InlineContext, base = 0): InlineResult {
  // Without `@` there is no citation, and without `[` no footnote reference either.
  if (!ctx.full && t.indexOf('@') < 0 && t.indexOf('[') < 0) return { citations: [], footnoteRefs: [], skipped: [] };
  const p = new InlineParser(t, ctx, base);
  p.inlinesUntil(0, () => false);
  return { citations: p.citations, footnoteRefs: p.notes, skipped: p.skips };
}

/**
 * Whether a normal (bracketed) citation starts at `t[0]`, as Pandoc decides whether `[…]:`
 * at the start of a line is a link reference definition.
 */
export function startsWithCitation(t: string, ctx: InlineContext): boolean {
  const p = new InlineParser(t, ctx, 0);
  return p.normalCite(0) !== undefined;
}

interface Snapshot {
  c: number;
  n: number;
  s: number;
  lastStr: number;
  emph: number;
}

class InlineParser {
  citations: InlineCitation[] = [];
  notes: InlineResult['footnoteRefs'] = [];
  skips: TextRange[] = [];
  /** Where the last word (Pandoc's `str`) or emphasis ended: no citation key starts there. */
  private lastStr = -1;
  /** Open emphasis delimiters (`*`, `_`). */
  private emph: string[] = [];
  private readonly end: number;
  /** Where the construct being parsed must end by (brackets are bounded, so input cannot make the scan quadratic). */
  private limit: number;
  private depth = 0;
  /** Memos of searches that failed: no citation / link at an offset, no closer after an offset. */
  private readonly noCite = new Set<number>();
  private readonly noLink = new Set<number>();
  private readonly noRunAfter = new Map<number, number>();
  private noCommentAfter = Infinity;
  private noMath = { from: Infinity, to: -1 };
  private closeFrom = -1;
  private closeAt = -1;

  constructor(
    private readonly t: string,
    private readonly ctx: InlineContext,
    private readonly base: number,
  ) {
    this.end = t.length;
    this.limit = t.length;
  }

  /** Whether a `]` comes after `i` within the current bound (a bracket cannot close otherwise). */
  private closes(i: number): boolean {
    if (!(this.closeFrom <= i && i <= this.closeAt)) {
      this.closeFrom = i;
      this.closeAt = this.t.indexOf(']', i);
      if (this.closeAt < 0) this.closeAt = Infinity;
    }
    return this.closeAt < Math.min(this.limit, i + MAX_BRACKET);
  }

  private isRefLabel(label: string): boolean {
    return this.ctx.refLabels.size > 0 && this.ctx.refLabels.has(normalizeLabel(label));
  }

  /** Runs `f` with the parse bounded to `max` characters after `open`, one nesting level deeper. */
  private bounded<T>(open: number, f: () => T, fail: T): T {
    if (this.depth >= MAX_DEPTH) return fail;
    const limit = this.limit;
    this.limit = Math.min(limit, open + MAX_BRACKET);
    this.depth++;
    try {
      return f();
    } finally {
      this.depth--;
      this.limit = limit;
    }
  }

  private snap(): Snapshot {
    return { c: this.citations.length, n: this.notes.length, s: this.skips.length, lastStr: this.lastStr, emph: this.emph.length };
  }

  private restore(s: Snapshot): void {
    // (Popping is far faster than assigning `length` in V8.)
    while (this.citations.length > s.c) this.citations.pop();
    while (this.notes.length > s.n) this.notes.pop();
    while (this.skips.length > s.s) this.skips.pop();
    while (this.emph.length > s.emph) this.emph.pop();
    this.lastStr = s.lastStr;
  }

  private skip(start: number, end: number): void {
    if (end > start) this.skips.push({ start: this.base + start, end: this.base + end });
  }

  private range(start: number, end: number): TextRange {
    return { start: this.base + start, end: this.base + end };
  }

  /** Parses inlines from `i` while `stop(i)` is false; returns where it stopped (or the end). */
  inlinesUntil(i: number, stop: (i: number) => boolean): number {
    while (i < this.limit && !stop(i)) i = this.inline(i);
    return i;
  }

  /** Parses one inline element at `i`; returns the offset after it (always > i). */
  private inline(i: number): number {
    const t = this.t;
    const code = t.charCodeAt(i);
    if (code >= 0x80) return isAlnumAt(t, i) ? this.str(i) : i + width(t, i);
    if ((code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57)) return this.str(i);
    const c = t[i];
    switch (c) {
      case ' ':
      case '\t':
      case '\n':
      case '\r':
        return i + 1;
      case '`':
        return this.code(i);
      case '*':
      case '_':
        return this.emphasis(i);
      case '^':
        if (t[i + 1] === '[') {
          const end = this.bounded(i, () => this.bracketedInlines(i + 2), -1);
          if (end >= 0) return end + 1;
        }
        return i + 1;
      case '[':
        return this.bracket(i);
      case '!':
        if (t[i + 1] === '[') {
          const link = this.link(i + 1);
          if (link >= 0) return link;
        }
        return i + 1;
      case '$':
        return this.math(i);
      case '<':
        return this.angle(i);
      case '\\':
        return this.backslash(i);
      case '@': {
        const end = this.textualCite(i);
        if (end >= 0) return end;
        return this.exampleRef(i);
      }
      case '.':
        if (t.startsWith('...', i)) return i + 3;
        return this.str(i);
      default:
        return i + 1;
    }
  }

  /**
   * Pandoc's `exampleRef`: an `@` that starts no citation takes the letters, digits, `_` and `-`
   * after it, and is not a word, so an `@` right after it can start a citation (`a@b@c` cites c).
   */
  private exampleRef(i: number): number {
    const t = this.t;
    let j = i + 1;
    while (isRegChar(t, j) || t.charCodeAt(j) === 45) j += width(t, j);
    return j;
  }

  /** Pandoc's `str`: a run of letters, digits and single full stops. */
  private str(i: number): number {
    const t = this.t;
    let j = i;
    for (;;) {
      if (isAlnumAt(t, j)) j += width(t, j);
      else if (t.charCodeAt(j) === 46 && t.charCodeAt(j + 1) !== 46) j++;
      else break;
    }
    if (j === i) j = i + 1;
    this.lastStr = j;
    return j;
  }

  private emphasis(i: number): number {
    const t = this.t;
    const c = t[i];
    let j = i;
    while (t[j] === c) j++;
    const before = t[i - 1];
    const after = t[j];
    const open = this.emph.lastIndexOf(c);
    const canClose = i > 0 && !isSpace(before) && open >= 0 && !(c === '_' && isAlnumAt(t, j));
    if (canClose) {
      this.emph.length = open;
      this.lastStr = j;
    } else if (after !== undefined && !isSpace(after) && !(c === '_' && i > 0 && isAlnumAt(t, i - 1))) {
      this.emph.push(c);
    }
    return j;
  }

  /** A code span (a run of n backticks up to the next run of exactly n), or literal backticks. */
  private code(i: number): number {
    const t = this.t;
    let j = i;
    while (t[j] === '`') j++;
    const n = j - i;
    if (j >= (this.noRunAfter.get(n) ?? Infinity)) return i + 1;
    let k = j;
    while (k < this.end) {
      if (t[k] !== '`') {
        k++;
        continue;
      }
      let m = k;
      while (t[m] === '`') m++;
      if (m - k === n) {
        this.skip(i, m);
        return m;
      }
      k = m;
    }
    this.noRunAfter.set(n, Math.min(j, this.noRunAfter.get(n) ?? Infinity));
    // Pandoc takes one backtick as text and tries again after it: "``a`" is "`" then code "a".
    return i + 1;
  }

  /** `$…$` or `$$…$$` math (Pandoc's tex_math_dollars). */
  private math(i: number): number {
    const t = this.t;
    if (i >= this.noMath.from && i < this.noMath.to) return t[i + 1] === '$' ? i + 2 : i + 1;
    if (t[i + 1] === '$') {
      const close = t.indexOf('$$', i + 2);
      if (close > i + 2) {
        this.skip(i, close + 2);
        return close + 2;
      }
      return i + 2;
    }
    const first = t[i + 1];
    if (first === undefined || isSpace(first)) return i + 1;
    let k = i + 1;
    for (; k < this.end; k++) {
      if (t[k] === '\\') {
        k++;
        continue;
      }
      if (t[k] === '\n' && t[k + 1] === '\n') break;
      if (t[k] === '$' && !isSpace(t[k - 1]) && !(t[k + 1] >= '0' && t[k + 1] <= '9')) {
        this.skip(i, k + 1);
        return k + 1;
      }
    }
    // No closing `$` up to k: none for any `$` before k either (single `$` only, `$$` ends earlier).
    this.noMath = { from: i, to: k };
    return i + 1;
  }

  /** Autolinks, HTML comments and tags (raw, no citations inside); else a literal `<`. */
  private angle(i: number): number {
    const t = this.t;
    if (t.startsWith('<!--', i)) {
      const close = i >= this.noCommentAfter ? -1 : t.indexOf('-->', i + 4);
      if (close >= 0) {
        this.skip(i, close + 3);
        return close + 3;
      }
      this.noCommentAfter = Math.min(this.noCommentAfter, i);
      return i + 1;
    }
    // <scheme:…> with a scheme Pandoc knows, or <user@host>
    const auto = /^<(?:([a-zA-Z][a-zA-Z0-9+.-]{1,31}):[^\s<>]*|[^\s<>@()[\]\\,;:"]+@[^\s<>@()[\]\\,;:"]+)>/.exec(t.slice(i, i + 2048));
    if (auto && (auto[1] === undefined || AUTOLINK_SCHEMES.has(auto[1].toLowerCase()))) {
      this.skip(i, i + auto[0].length);
      return i + auto[0].length;
    }
    const tag = htmlTagEnd(t, i);
    if (tag > 0) {
      this.skip(i, tag);
      return tag;
    }
    return i + 1;
  }

  /** Escapes, escaped line breaks and raw TeX commands (`\cite{…}`, with their arguments). */
  private backslash(i: number): number {
    const t = this.t;
    const next = t[i + 1];
    if (next === undefined) return i + 1;
    if (next === ESCAPABLE_NEWLINE) return i + 1;
    if (/\p{L}/u.test(next)) {
      // Pandoc's TeX reader takes any letter (`\金融`) and `@` (`\x@y`) in command names.
      let j = i + 2;
      while (/[\p{L}@]/u.test(t[j] ?? '')) j++;
      // `\begin{env}` is raw TeX through its `\end{env}`; without one, and a lone `\end`, Pandoc reads text.
      const name = t.slice(i + 1, j);
      if (name === 'end') return j;
      if (name === 'begin') {
        const env = /^\{([^{}\n]*)\}/.exec(t.slice(j, j + 256));
        const close = env ? t.indexOf(`\\end{${env[1]}}`, j + env[0].length) : -1;
        if (close < 0 || close > this.end) return j;
        this.skip(i, close + env![1].length + 6);
        return close + env![1].length + 6;
      }
      if (t[j] === '*') j++;
      // Blanks after a command name (one line break too) are TeX's: arguments may follow them (`\foo [x]`).
      const blanks = /^[ \t]*(?:\n[ \t]*)?/.exec(t.slice(j, j + 64))![0].length;
      if (t[j + blanks] === '[' || t[j + blanks] === '{') j += blanks;
      // Arguments: [optional] and {braced} groups.
      for (;;) {
        const open = t[j];
        if (open !== '{' && open !== '[') break;
        const close = balanced(t, j, open, open === '{' ? '}' : ']', Math.min(this.end, j + MAX_BRACKET));
        if (close < 0) break;
        j = close + 1;
      }
      this.skip(i, j);
      return j;
    }
    // Pandoc escapes every ASCII punctuation character (all_symbols_escapable).
    return i + 1 + width(t, i + 1);
  }

  /** `[` : a footnote reference, a citation, a bracketed span or a link, else a literal `[`. */
  private bracket(i: number): number {
    const t = this.t;
    if (t[i + 1] === '^') {
      const m = /^\[\^([^\s\]]+)\]/.exec(t.slice(i, i + 512));
      if (m) {
        this.notes.push({ label: m[1], range: this.range(i, i + m[0].length), labelRange: this.range(i + 2, i + 2 + m[1].length) });
        return i + m[0].length;
      }
    }
    const s = this.snap();
    const cite = this.noCite.has(i) ? undefined : this.normalCite(i);
    if (!cite) this.noCite.add(i);
    if (cite) {
      this.citations.push({ range: this.range(i, cite.end), bracketed: true, items: cite.items });
      this.moveNestedAfterLast(s.c);
      return cite.end;
    }
    this.restore(s);
    const link = this.link(i);
    if (link >= 0) return link;
    return i + 1;
  }

  /**
   * A link `[text](destination "title")`, `[text][label]` or `[text][]`/`[text]` with a defined
   * label, or a bracketed span `[text]{attributes}`: the text is read for citations, the rest is
   * skipped. -1 when `[` starts none of these.
   */
  private link(i: number): number {
    if (this.noLink.has(i) || !this.closes(i)) return -1;
    const end = this.bounded(i, () => this.linkAt(i), -1);
    if (end < 0) this.noLink.add(i);
    return end;
  }

  private linkAt(i: number): number {
    const t = this.t;
    const close = balanced(t, i, '[', ']', this.limit);
    if (close < 0) return -1;
    const after = t[close + 1];
    let tailEnd = -1;
    if (after === '(') {
      const paren = balanced(t, close + 1, '(', ')', this.limit);
      if (paren >= 0) tailEnd = paren + 1;
    } else if (after === '{') {
      const brace = balanced(t, close + 1, '{', '}', this.limit);
      if (brace >= 0) tailEnd = brace + 1;
    } else {
      // `[text]`, `[text][label]`, `[text][]`: Pandoc takes every balanced bracket for a
      // reference link and falls back to the text when no definition has the label; only the
      // label of a defined `[text][label]` is not read.
      tailEnd = close + 1;
      if (after === '[') {
        const labelEnd = balanced(t, close + 1, '[', ']', this.limit);
        const label = labelEnd >= 0 ? t.slice(close + 2, labelEnd) : '';
        if (labelEnd >= 0 && label && this.isRefLabel(label)) tailEnd = labelEnd + 1;
      }
    }
    if (tailEnd < 0) return -1;
    const s = this.snap();
    const textEnd = this.bracketedInlines(i + 1);
    if (textEnd !== close) {
      // The text's inlines run past the bracket (a code span, say): not this link.
      this.restore(s);
      return -1;
    }
    this.skip(close + 1, tailEnd);
    return tailEnd;
  }

  /** Inlines from `i` up to the matching `]`; returns its offset, or -1. */
  private bracketedInlines(i: number): number {
    const t = this.t;
    let depth = 0;
    let j = i;
    while (j < this.limit) {
      const c = t[j];
      if (c === ']') {
        if (depth === 0) return j;
        depth--;
        j++;
        continue;
      }
      const next = this.inline(j);
      // A literal `[` (one that opened nothing) is matched by a later `]`.
      if (c === '[' && next === j + 1) depth++;
      j = next;
    }
    return -1;
  }

  /** Pandoc's `spnl`: blanks, then at most one line break and its indentation. */
  private spnl(i: number): number {
    const t = this.t;
    while (t[i] === ' ' || t[i] === '\t') i++;
    if (t[i] === '\n') {
      let j = i + 1;
      while (t[j] === ' ' || t[j] === '\t') j++;
      if (t[j] !== '\n') i = j;
    }
    return i;
  }

  /** Pandoc's `citeKey`: `-`? `@` key; the key and where it ends. */
  private citeKey(i: number): { key: string; keyStart: number; keyEnd: number; end: number; suppress: boolean } | undefined {
    const t = this.t;
    if (this.lastStr === i) return undefined;
    let j = i;
    const suppress = t[j] === '-';
    if (suppress) j++;
    if (t[j] !== '@') return undefined;
    j++;
    const start = j;
    if (isRegChar(t, j) || t[j] === '*') {
      j += width(t, j);
      for (;;) {
        if (isRegChar(t, j)) j += width(t, j);
        else if (KEY_PUNCT.includes(t[j] ?? '\u0000') && t[j] !== undefined && isRegChar(t, j + 1)) j++;
        else if ((t[j] === ':' || t[j] === '/') && t[j + 1] === '/') j++;
        else break;
      }
      return { key: t.slice(start, j), keyStart: start, keyEnd: j, end: j, suppress };
    }
    if (t[j] === '{') {
      // Non-blank characters with balanced braces.
      let depth = 0;
      const stop = Math.min(this.end, j + MAX_BRACED_KEY);
      for (let k = j; k < stop; k++) {
        const c = t[k];
        if (isSpace(c)) return undefined;
        if (c === '{') depth++;
        else if (c === '}') {
          depth--;
          if (depth === 0) return { key: t.slice(j + 1, k), keyStart: j + 1, keyEnd: k, end: k + 1, suppress };
        }
      }
    }
    return undefined;
  }

  private item(key: NonNullable<ReturnType<InlineParser['citeKey']>>, at: number): InlineCitationItem {
    return {
      key: key.key,
      keyRange: this.range(key.keyStart, key.keyEnd),
      range: this.range(at, key.end),
      suppressAuthor: key.suppress,
    };
  }

  /** Pandoc's `normalCite`: `[` citeList `]`, not followed by `{`, `(` or `[`. */
  normalCite(i: number): { items: InlineCitationItem[]; end: number } | undefined {
    if (!this.closes(i)) return undefined;
    return this.bounded(i, () => this.normalCiteAt(i), undefined);
  }

  private normalCiteAt(i: number): { items: InlineCitationItem[]; end: number } | undefined {
    const t = this.t;
    if (t[i] !== '[') return undefined;
    const list = this.citeList(this.spnl(i + 1));
    if (!list) return undefined;
    const j = this.spnl(list.end);
    if (t[j] !== ']') return undefined;
    const after = t[j + 1];
    if (after === '{' || after === '(' || after === '[') return undefined;
    return { items: list.items, end: j + 1 };
  }

  /** `citation (; spnl citation)*`. */
  private citeList(i: number): { items: InlineCitationItem[]; end: number } | undefined {
    const items: InlineCitationItem[] = [];
    let j = i;
    for (;;) {
      const s = this.snap();
      const one = this.citation(j);
      if (!one) {
        this.restore(s);
        if (items.length === 0) return undefined;
        return { items, end: j - 1 }; // give back the `;`
      }
      items.push(one.item);
      j = one.end;
      if (this.t[j] !== ';') return { items, end: j };
      j = this.spnl(j + 1);
    }
  }

  /** One citation inside brackets: prefix, key, suffix. */
  private citation(i: number): { item: InlineCitationItem; end: number } | undefined {
    const t = this.t;
    // Prefix: inlines until a key can start (or fail at `]` / `;`).
    let j = i;
    let key: ReturnType<InlineParser['citeKey']>;
    for (;;) {
      if (j >= this.limit) return undefined;
      key = this.citeKey(j);
      if (key) break;
      if (t[j] === ']' || t[j] === ';') return undefined;
      j = this.inline(j);
    }
    const prefix = collapse(t.slice(i, j));
    const at = j;
    const suffixStart = key.end;
    const k = this.suffix(suffixStart);
    const item = this.item(key, at);
    const locator = locatorText(t.slice(suffixStart, k));
    if (locator) item.locator = locator;
    if (prefix) item.prefix = prefix;
    return { item, end: k };
  }

  /** Pandoc's `suffix`: inlines up to `;` or `]`. */
  private suffix(i: number): number {
    return this.inlinesUntil(i, (k) => this.t[k] === ';' || this.t[k] === ']');
  }

  /** Pandoc's `textualCite` at `@`: `@key`, `@key [suffix]`, `@key [suffix; @b]`, `@key [@b]`. */
  private textualCite(i: number): number {
    const t = this.t;
    const key = this.citeKey(i);
    if (!key) return -1;
    const example = this.ctx.examples.get(key.key);
    // An example defined earlier is an example reference, not a citation.
    if (example !== undefined && example < this.base + i) return -1;
    const first = this.item(key, i);
    const s = this.snap();
    // `@key [@b; @c]`
    const afterKey = key.end;
    const open = this.spnl(afterKey);
    if (t[open] === '[') {
      const normal = this.normalCite(open);
      if (normal) {
        this.citations.push({ range: this.range(i, normal.end), bracketed: false, items: [first, ...normal.items] });
        this.moveNestedAfterLast(s.c);
        return normal.end;
      }
      this.restore(s);
      const bare = this.bounded(open, () => this.bareloc(open), undefined);
      if (bare) {
        const inner = t.slice(open + 1, bare.close);
        if (this.isRefLabel(inner)) {
          // `@key [label]` where `[label]` is a reference link: the citation is `@key` alone.
          this.restore(s);
          this.citations.push({ range: this.range(i, key.end), bracketed: false, items: [first] });
          return key.end;
        }
        const locator = locatorText(t.slice(open + 1, bare.suffixEnd));
        if (locator) first.locator = locator;
        this.citations.push({ range: this.range(i, bare.end), bracketed: false, items: [first, ...bare.rest] });
        this.moveNestedAfterLast(s.c);
        return bare.end;
      }
      this.restore(s);
    }
    if (example !== undefined) return key.end; // an example defined later: Pandoc resolves it to its number
    this.citations.push({ range: this.range(i, key.end), bracketed: false, items: [first] });
    return key.end;
  }

  /** Keeps the outer citation (pushed last) before the nested ones found while parsing it. */
  private moveNestedAfterLast(from: number): void {
    const outer = this.citations.pop()!;
    this.citations.splice(from, 0, outer);
  }

  /** Pandoc's `bareloc` at `[`: suffix, optional `; citeList`, `]` not followed by `[` or `(`. */
  private bareloc(open: number): { suffixEnd: number; close: number; end: number; rest: InlineCitationItem[] } | undefined {
    const t = this.t;
    if (t[open] !== '[' || t[open + 1] === '^' || !this.closes(open)) return undefined;
    const suffixEnd = this.suffix(open + 1);
    let j = suffixEnd;
    let rest: InlineCitationItem[] = [];
    if (t[j] === ';') {
      const s = this.snap();
      const list = this.citeList(this.spnl(j + 1));
      if (list) {
        rest = list.items;
        j = list.end;
      } else this.restore(s);
    }
    j = this.spnl(j);
    if (t[j] !== ']') return undefined;
    if (t[j + 1] === '[' || t[j + 1] === '(') return undefined;
    return { suffixEnd, close: j, end: j + 1, rest };
  }
}

/** A suffix as a locator: without its leading comma, white space collapsed. */
function locatorText(s: string): string {
  const comma = /^\s*,/.exec(s);
  return collapse(comma ? s.slice(comma[0].length) : s);
}

function collapse(s: string): string {
  if (s === '') return s;
  return /\s\s|[\t\n\r]/.test(s) ? s.replace(/\s+/g, ' ').trim() : s.trim();
}

/** Offset of the bracket closing the one at `open` (escapes and code spans respected), or -1. */
function balanced(t: string, open: number, o: string, c: string, end: number): number {
  let depth = 0;
  for (let k = open; k < end; k++) {
    const ch = t[k];
    if (ch === '\\') {
      k++;
      continue;
    }
    if (ch === '`') {
      let m = k;
      while (t[m] === '`') m++;
      const run = t.slice(k, m);
      const close = t.indexOf(run, m);
      if (close >= 0 && t[close + run.length] !== '`') {
        k = close + run.length - 1;
        continue;
      }
      k = m - 1;
      continue;
    }
    if (ch === o) depth++;
    else if (ch === c) {
      depth--;
      if (depth === 0) return k;
    }
  }
  return -1;
}

/** An attribute name Pandoc keeps a tag for: a letter, then letters, digits, `-`, `_` and `:`. */
const ATTRIBUTE_NAME = /^\p{L}[\p{L}\p{N}_:-]*$/u;
const ATTRIBUTE_NAME_END = /[\s=>/"'<]/;

/**
 * End of an HTML tag (`<name …>`, `</name>`, `<?…?>`, `<!…>`) at `i`, or -1. As in Pandoc, a
 * tag whose attribute names are not names (`<a @g>`, `<a b.c>`) is no tag: its `<` is text.
 */
export function htmlTagEnd(t: string, i: number): number {
  if (t[i] !== '<') return -1;
  let j = i + 1;
  if (t[j] === '?' || t[j] === '!') {
    const close = t.indexOf('>', j);
    return close > 0 ? close + 1 : -1;
  }
  if (t[j] === '/') j++;
  const nameStart = j;
  while (j < t.length && /[a-zA-Z0-9_:-]/.test(t[j])) j++;
  if (j === nameStart || !TAG_NAME.test(t.slice(nameStart, j))) return -1;
  // Attributes: names, then `=` and a quoted or unquoted value.
  const limit = Math.min(t.length, i + MAX_BRACKET);
  while (j < limit) {
    const c = t[j];
    if (c === '>') return j + 1;
    if (isSpace(c) || c === '/') {
      j++;
      continue;
    }
    if (c === '<') return -1;
    const nameAt = j;
    while (j < limit && !ATTRIBUTE_NAME_END.test(t[j])) j++;
    const attr = t.slice(nameAt, j);
    if (attr && !ATTRIBUTE_NAME.test(attr)) return -1;
    let k = j;
    while (isSpace(t[k])) k++;
    if (t[k] !== '=') {
      if (!attr) return -1;
      continue;
    }
    k++;
    while (isSpace(t[k])) k++;
    const q = t[k];
    if (q === '"' || q === "'") {
      const close = t.indexOf(q, k + 1);
      if (close < 0) return -1;
      j = close + 1;
    } else {
      while (k < limit && !isSpace(t[k]) && t[k] !== '>') k++;
      j = k;
    }
  }
  return -1;
}
