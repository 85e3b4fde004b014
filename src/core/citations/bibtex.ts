/**
 * BibTeX / BibLaTeX files: a tolerant parser that keeps every entry's position, a converter
 * to CSL-JSON for the common fields, and a writer that appends entries in the file's own style.
 *
 * The parser never gives up on the whole file: a malformed entry (missing key, unbalanced
 * braces, a missing `=`, an unterminated value) becomes one Problem located at the entry, and
 * parsing resumes at the next line that starts an entry (`@type{`). A value left open is cut
 * at such a line, so one missing brace costs one entry, not the rest of the file.
 */
import type { Problem, TextRange } from '../text/types';
import type { CslItem, CslName } from '../pack/types';
import { hasCjk, isoDate, dateParts } from './csl';

export interface BibtexEntry {
  /** Entry type, lower-case: `article`, `book`, … */
  type: string;
  /** Type as written (`Article`, `ARTICLE`), for writing new entries the same way. */
  typeAsWritten: string;
  key: string;
  /** Field values with `@string` macros expanded and concatenations joined; LaTeX is kept. */
  fields: Record<string, string>;
  range: TextRange;
  keyRange: TextRange;
}

export interface BibtexParseResult {
  entries: BibtexEntry[];
  problems: Problem[];
  /** `@string` macros defined in the file. */
  strings: Record<string, string>;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH_NAMES = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
];

class BibSyntaxError extends Error {
  constructor(
    message: string,
    readonly at: number,
  ) {
    super(message);
  }
}

const isSpace = (c: string) => c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f' || c === '\v';
/** Characters that end an identifier (field name, macro name): blanks and `"#%'(),={}@\`. */
const NOT_IDENT = new Set([...' \t\n\r\f\v"#%\'(),={}@\\']);
/** Characters that end a citation key. */
const NOT_KEY = new Set([...' \t\n\r\f\v,{}()="#%\'']);
const isIdentChar = (c: string) => c !== '' && !NOT_IDENT.has(c);

/** Offsets of lines that start a new entry (`@word{` or `@word(` after optional blanks). */
function entryStarts(text: string): number[] {
  const out: number[] = [];
  const re = /^[ \t]*@[A-Za-z][\w-]*[ \t]*[{(]/gm;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) out.push(m.index + m[0].indexOf('@'));
  return out;
}

export function parseBibtex(text: string): BibtexParseResult {
  const entries: BibtexEntry[] = [];
  const problems: Problem[] = [];
  const strings: Record<string, string> = {};
  MONTHS.forEach((m, i) => (strings[m] = MONTH_NAMES[i]));
  const starts = entryStarts(text);
  let startIdx = 0;
  /** The next line-start entry strictly after `pos`, or the end of the text. */
  const nextStart = (pos: number) => {
    while (startIdx < starts.length && starts[startIdx] <= pos) startIdx++;
    return startIdx < starts.length ? starts[startIdx] : text.length;
  };
  const seen = new Map<string, BibtexEntry>();

  let pos = 0;
  while (pos < text.length) {
    const at = text.indexOf('@', pos);
    if (at < 0) break;
    const limit = nextStart(at);
    let p = at + 1;
    const typeMatch = /^[A-Za-z][\w-]*/.exec(text.slice(p, p + 64));
    if (!typeMatch) {
      pos = at + 1;
      continue;
    }
    const typeAsWritten = typeMatch[0];
    const type = typeAsWritten.toLowerCase();
    p += typeAsWritten.length;
    while (p < limit && isSpace(text[p])) p++;
    const open = text[p];
    if (open !== '{' && open !== '(') {
      // `@` in free text between entries (an e-mail address, say) is a comment.
      pos = p;
      continue;
    }
    const close = open === '{' ? '}' : ')';
    if (type === 'comment') {
      pos = skipBalanced(text, p, limit) ?? limit;
      continue;
    }
    try {
      if (type === 'preamble') {
        const end = skipBalanced(text, p, limit);
        if (end === undefined) throw new BibSyntaxError('Unterminated @preamble.', p);
        pos = end;
        continue;
      }
      const reader = new Reader(text, p + 1, limit, strings);
      if (type === 'string') {
        reader.skipSpace();
        const name = reader.ident();
        if (!name) throw new BibSyntaxError('Expected a macro name after @string.', reader.pos);
        reader.skipSpace();
        reader.expect('=');
        const value = reader.value();
        reader.skipSpace();
        reader.expect(close);
        strings[name.toLowerCase()] = value;
        pos = reader.pos;
        continue;
      }
      reader.skipSpace();
      const keyStart = reader.pos;
      const key = reader.key();
      const keyEnd = keyStart + key.length;
      if (!key) throw new BibSyntaxError('Entry has no citation key.', keyStart);
      reader.skipSpace();
      const fields: Record<string, string> = {};
      if (reader.peek() === ',') {
        reader.pos++;
        for (;;) {
          reader.skipSpace();
          if (reader.peek() === close) break;
          if (reader.peek() === ',') {
            reader.pos++;
            continue;
          }
          const nameAt = reader.pos;
          const name = reader.ident();
          if (!name) throw new BibSyntaxError(`Expected a field name or '${close}'.`, nameAt);
          reader.skipSpace();
          if (reader.peek() !== '=') throw new BibSyntaxError(`Expected '=' after field '${name}'.`, reader.pos);
          reader.pos++;
          const value = reader.value();
          fields[name.toLowerCase()] = value;
          reader.skipSpace();
          const c = reader.peek();
          if (c === ',') reader.pos++;
          else if (c !== close) throw new BibSyntaxError(`Expected ',' or '${close}' after field '${name}'.`, reader.pos);
        }
      } else if (reader.peek() !== close) {
        throw new BibSyntaxError(`Expected ',' after the citation key.`, reader.pos);
      }
      reader.expect(close);
      const entry: BibtexEntry = {
        type,
        typeAsWritten,
        key,
        fields,
        range: { start: at, end: reader.pos },
        keyRange: { start: keyStart, end: keyEnd },
      };
      const prior = seen.get(key.toLowerCase());
      if (prior) {
        problems.push({
          severity: 'warning',
          code: 'bibliography.duplicate-key',
          message: `Duplicate citation key '${key}': the first entry is used.`,
          range: entry.keyRange,
        });
      } else {
        seen.set(key.toLowerCase(), entry);
        entries.push(entry);
      }
      pos = reader.pos;
    } catch (e) {
      if (!(e instanceof BibSyntaxError)) throw e;
      const end = trimEnd(text, at, limit);
      problems.push({
        severity: 'error',
        code: 'bibtex.syntax',
        message: `Malformed @${typeAsWritten} entry: ${e.message}`,
        range: { start: at, end },
      });
      pos = limit;
    }
  }
  return { entries, problems, strings };
}

/** End of the text in [start, limit) without trailing blanks. */
function trimEnd(text: string, start: number, limit: number): number {
  let end = limit;
  while (end > start && isSpace(text[end - 1])) end--;
  return end;
}

/** Skips a `{…}` / `(…)` group starting at `open`; returns the offset after it, or undefined. */
function skipBalanced(text: string, open: number, limit: number): number | undefined {
  const o = text[open];
  const c = o === '{' ? '}' : ')';
  let depth = 0;
  for (let i = open; i < limit; i++) {
    const ch = text[i];
    if (ch === '\\') {
      i++;
      continue;
    }
    if (ch === o || (o === '(' && ch === '{')) depth++;
    else if (ch === c || (o === '(' && ch === '}')) {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return undefined;
}

class Reader {
  constructor(
    readonly text: string,
    public pos: number,
    readonly limit: number,
    readonly strings: Record<string, string>,
  ) {}

  peek(): string {
    return this.pos < this.limit ? this.text[this.pos] : '';
  }

  skipSpace(): void {
    while (this.pos < this.limit && isSpace(this.text[this.pos])) this.pos++;
  }

  expect(c: string): void {
    if (this.peek() !== c) {
      throw new BibSyntaxError(this.pos >= this.limit ? `Missing '${c}' (the entry is not closed).` : `Expected '${c}'.`, this.pos);
    }
    this.pos++;
  }

  ident(): string {
    const start = this.pos;
    while (this.pos < this.limit && isIdentChar(this.text[this.pos])) this.pos++;
    return this.text.slice(start, this.pos);
  }

  key(): string {
    const start = this.pos;
    while (this.pos < this.limit && !NOT_KEY.has(this.text[this.pos])) this.pos++;
    return this.text.slice(start, this.pos);
  }

  /** A field value: parts joined by `#`. */
  value(): string {
    let out = '';
    for (;;) {
      this.skipSpace();
      const c = this.peek();
      if (c === '{') out += this.braced();
      else if (c === '"') out += this.quoted();
      else if (c >= '0' && c <= '9') out += this.ident();
      else if (c && isIdentChar(c)) {
        const at = this.pos;
        const name = this.ident();
        const macro = this.strings[name.toLowerCase()];
        if (macro === undefined) throw new BibSyntaxError(`Undefined macro '${name}'.`, at);
        out += macro;
      } else throw new BibSyntaxError(c ? `Unexpected '${c}' where a value was expected.` : 'Missing value.', this.pos);
      this.skipSpace();
      if (this.peek() !== '#') return out;
      this.pos++;
    }
  }

  private braced(): string {
    const start = this.pos;
    let depth = 0;
    for (let i = this.pos; i < this.limit; i++) {
      const ch = this.text[i];
      if (ch === '\\') {
        i++;
        continue;
      }
      if (ch === '{') depth++;
      else if (ch === '}') {
        depth--;
        if (depth === 0) {
          this.pos = i + 1;
          return this.text.slice(start + 1, i);
        }
      }
    }
    throw new BibSyntaxError('Unbalanced braces in a value.', start);
  }

  private quoted(): string {
    const start = this.pos;
    let depth = 0;
    for (let i = this.pos + 1; i < this.limit; i++) {
      const ch = this.text[i];
      if (ch === '\\') {
        i++;
        continue;
      }
      if (ch === '{') depth++;
      else if (ch === '}') depth--;
      else if (ch === '"' && depth === 0) {
        this.pos = i + 1;
        return this.text.slice(start + 1, i);
      }
    }
    throw new BibSyntaxError('Unterminated quoted value.', start);
  }
}

// ---------------------------------------------------------------------------------------------
// LaTeX → Unicode

const ACCENTS: Record<string, string> = {
  '"': '\u0308', "'": '\u0301', '`': '\u0300', '^': '\u0302', '~': '\u0303', '=': '\u0304', '.': '\u0307',
  u: '\u0306', v: '\u030c', H: '\u030b', c: '\u0327', k: '\u0328', r: '\u030a', d: '\u0323', b: '\u0331',
};

const SYMBOLS: Record<string, string> = {
  ss: 'ß', o: 'ø', O: 'Ø', ae: 'æ', AE: 'Æ', oe: 'œ', OE: 'Œ', aa: 'å', AA: 'Å', l: 'ł', L: 'Ł', i: 'ı', j: 'ȷ',
  dh: 'ð', DH: 'Ð', th: 'þ', TH: 'Þ', ng: 'ŋ', NG: 'Ŋ',
  textendash: '–', textemdash: '—', ldots: '…', dots: '…', textellipsis: '…',
  textquoteleft: '‘', textquoteright: '’', textquotedblleft: '“', textquotedblright: '”',
  S: '§', P: '¶', copyright: '©', textregistered: '®', texttrademark: '™', textdegree: '°', euro: '€', pounds: '£',
  quad: ' ', qquad: ' ', space: ' ', enspace: ' ', thinspace: ' ', textbackslash: '\\', textasciitilde: '~',
  LaTeX: 'LaTeX', TeX: 'TeX', BibTeX: 'BibTeX', textunderscore: '_', textbar: '|', textless: '<', textgreater: '>',
};

/** Converts the LaTeX of a BibTeX value to plain Unicode text (braces removed). */
export function latexToText(value: string, opts: { dashes?: boolean } = {}): string {
  // Most values hold no LaTeX at all.
  if (!/[\\{}~$]|--|\s\s|[\t\n\r]/.test(value)) return value.trim();
  let s = value;
  // Accented letters: \"{u}, {\"u}, \"u, \v{s}, \c c, \'{\i}. Letter accents (\v, \c, …) need a
  // brace group or a space before their letter, so that \url or \cite are not taken for accents.
  const accent = (m: string, acc: string, a?: string, b?: string) => {
    const base = (a ?? b ?? '').replace(/^\\i$/, 'i').replace(/^\\j$/, 'j');
    const mark = ACCENTS[acc];
    return mark && base ? (base + mark).normalize('NFC') : m;
  };
  s = s.replace(/\\(["'`^~=.])\s*(?:\{\s*(\\[ij]|[A-Za-z])\s*\}|(\\[ij](?![A-Za-z])|[A-Za-z]))/g, accent);
  s = s.replace(/\\([uvHckrdb])(?:\s*\{\s*(\\[ij]|[A-Za-z])\s*\}|\s+(\\[ij](?![A-Za-z])|[A-Za-z]))/g, accent);
  s = s.replace(/\\([&%$#_{}])/g, (_m, c: string) => `\u0000${c.charCodeAt(0)}\u0000`);
  // \href{url}{text} → text; \url{x} → x; formatting commands keep their argument.
  s = s.replace(/\\href\s*\{[^{}]*\}\s*\{([^{}]*)\}/g, '$1');
  s = s.replace(/\\([A-Za-z]+)\s*(?=\{)/g, (_m, name: string) => (name in SYMBOLS ? SYMBOLS[name] : ''));
  s = s.replace(/\\([A-Za-z]+)(?![A-Za-z])\s?/g, (_m, name: string) => SYMBOLS[name] ?? '');
  s = s.replace(/\\[,;:! ]/g, ' ').replace(/\\\\/g, ' ');
  s = s.replace(/\$([^$]*)\$/g, '$1');
  s = s.replace(/[{}]/g, '');
  if (opts.dashes !== false) s = s.replace(/---/g, '—').replace(/--/g, '–');
  s = s.replace(/~/g, ' ');
  s = s.replace(/\u0000(\d+)\u0000/g, (_m, code: string) => String.fromCharCode(parseInt(code, 10)));
  return s.replace(/\s+/g, ' ').trim();
}

// ---------------------------------------------------------------------------------------------
// BibTeX names

/** Splits a string at top-level (brace depth 0) matches of a sticky separator regex. */
function splitTop(value: string, sep: RegExp): string[] {
  const parts: string[] = [];
  let depth = 0;
  let last = 0;
  for (let i = 0; i < value.length; i++) {
    const ch = value[i];
    if (ch === '\\') {
      i++;
      continue;
    }
    if (ch === '{') depth++;
    else if (ch === '}') depth--;
    else if (depth === 0) {
      sep.lastIndex = i;
      const m = sep.exec(value);
      if (m && m[0].length > 0) {
        parts.push(value.slice(last, i));
        i += m[0].length - 1;
        last = i + 1;
      }
    }
  }
  parts.push(value.slice(last));
  return parts.map((p) => p.trim()).filter(Boolean);
}

const SEP_AND = /\s+and\s+/iy;
const SEP_COMMA = /,/y;
const SEP_SPACE = /\s+/y;

/** Parses a BibTeX name list (`Last, First and {Org Name} and First von Last`). */
export function parseBibtexNames(value: string): CslName[] {
  const out: CslName[] = [];
  for (const raw of splitTop(value, SEP_AND)) {
    if (/^others$/i.test(raw)) continue;
    if (/^\{[\s\S]*\}$/.test(raw) && balancedWhole(raw)) {
      out.push({ literal: latexToText(raw) });
      continue;
    }
    const commaParts = splitTop(raw, SEP_COMMA);
    if (commaParts.length >= 2) {
      // von Last, First  |  von Last, Jr, First
      const family = latexToText(commaParts[0]);
      const given = latexToText(commaParts[commaParts.length - 1]);
      const name: CslName & Record<string, string> = { family, given };
      if (commaParts.length >= 3) name.suffix = latexToText(commaParts[1]);
      splitParticle(name);
      out.push(name);
      continue;
    }
    const words = splitTop(raw, SEP_SPACE);
    const text = latexToText(raw);
    if (words.length === 1) {
      // A single word (钱学森, Plato) is a family name.
      out.push({ family: text });
      continue;
    }
    if (hasCjk(text)) {
      // A CJK name with spaces but no comma: keep it whole.
      out.push({ literal: text });
      continue;
    }
    // First von Last: the family name starts at the first lower-case word, or is the last word.
    let i = words.findIndex((w, idx) => idx > 0 && idx < words.length - 1 && /^[a-z]/.test(latexToText(w)));
    if (i < 0) i = words.length - 1;
    const name: CslName & Record<string, string> = {
      given: latexToText(words.slice(0, i).join(' ')),
      family: latexToText(words.slice(i).join(' ')),
    };
    splitParticle(name);
    out.push(name);
  }
  return out;
}

/** True when the braces at both ends of `s` enclose the whole of it. */
function balancedWhole(s: string): boolean {
  let depth = 0;
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '\\') {
      i++;
      continue;
    }
    if (s[i] === '{') depth++;
    else if (s[i] === '}') {
      depth--;
      if (depth === 0 && i < s.length - 1) return false;
    }
  }
  return true;
}

/** Moves a lower-case particle (`van der`, `de`) from the family name to CSL's particle field. */
function splitParticle(name: CslName & Record<string, string>): void {
  const m = /^((?:[a-z][\p{L}'’]*\s+)+)(\S[\s\S]*)$/u.exec(name.family ?? '');
  if (m) {
    name['non-dropping-particle'] = m[1].trim();
    name.family = m[2];
  }
}

// ---------------------------------------------------------------------------------------------
// BibTeX → CSL

const TYPE_TO_CSL: Record<string, string> = {
  article: 'article-journal',
  book: 'book',
  mvbook: 'book',
  inbook: 'chapter',
  incollection: 'chapter',
  bookinbook: 'chapter',
  suppbook: 'chapter',
  inproceedings: 'paper-conference',
  conference: 'paper-conference',
  proceedings: 'book',
  mvproceedings: 'book',
  collection: 'book',
  mvcollection: 'book',
  phdthesis: 'thesis',
  mastersthesis: 'thesis',
  thesis: 'thesis',
  techreport: 'report',
  report: 'report',
  online: 'webpage',
  electronic: 'webpage',
  www: 'webpage',
  webpage: 'webpage',
  manual: 'book',
  booklet: 'pamphlet',
  unpublished: 'manuscript',
  patent: 'patent',
  standard: 'standard',
  dataset: 'dataset',
  software: 'software',
  periodical: 'periodical',
  newspaper: 'article-newspaper',
  image: 'graphic',
  archive: 'manuscript',
  misc: 'document',
};

const LANGID_TO_CSL: Record<string, string> = {
  chinese: 'zh', schinese: 'zh-Hans', tchinese: 'zh-Hant', english: 'en', american: 'en-US', usenglish: 'en-US',
  british: 'en-GB', ukenglish: 'en-GB', japanese: 'ja', korean: 'ko', german: 'de', ngerman: 'de', french: 'fr',
  russian: 'ru', spanish: 'es', italian: 'it',
};

function parseBibDate(fields: Record<string, string>): CslItem['issued'] | undefined {
  const date = fields.date ? latexToText(fields.date) : undefined;
  if (date) {
    const m = /^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$/.exec(date);
    if (m) return { 'date-parts': [[m[1], m[2], m[3]].filter(Boolean).map((x) => parseInt(x!, 10))] };
    return { raw: date };
  }
  const year = fields.year ? latexToText(fields.year) : undefined;
  if (!year) return undefined;
  if (!/^\d{1,4}$/.test(year)) return { literal: year };
  const parts: number[] = [parseInt(year, 10)];
  const month = fields.month ? latexToText(fields.month) : undefined;
  if (month) {
    const num = /^\d{1,2}$/.test(month) ? parseInt(month, 10) : MONTH_NAMES.findIndex((n) => n.toLowerCase().startsWith(month.toLowerCase().slice(0, 3))) + 1;
    if (num >= 1 && num <= 12) parts.push(num);
  }
  return { 'date-parts': [parts] };
}

function simpleDate(value: string | undefined): CslItem['accessed'] | undefined {
  if (!value) return undefined;
  const v = latexToText(value);
  const m = /^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?/.exec(v);
  return m ? { 'date-parts': [[m[1], m[2], m[3]].filter(Boolean).map((x) => parseInt(x!, 10))] } : { raw: v };
}

/** Converts one BibTeX entry to a CSL-JSON item (common fields; unknown fields are dropped). */
export function bibtexToCsl(entry: BibtexEntry): CslItem {
  const f = entry.fields;
  const t = (name: string) => (f[name] !== undefined ? latexToText(f[name]) || undefined : undefined);
  const verbatim = (name: string) => (f[name] !== undefined ? f[name].replace(/[{}]/g, '').replace(/\\([&%$#_])/g, '$1').trim() || undefined : undefined);
  let type = TYPE_TO_CSL[entry.type] ?? 'document';
  const sub = (f.entrysubtype ?? '').toLowerCase();
  if (entry.type === 'article' && sub === 'newspaper') type = 'article-newspaper';
  if (entry.type === 'article' && sub === 'magazine') type = 'article-magazine';
  if (entry.type === 'misc' && (f.url || f.howpublished?.includes('\\url'))) type = 'webpage';

  const item: CslItem = { id: entry.key, type };
  const set = (field: string, value: unknown) => {
    if (value !== undefined && value !== '' && !(Array.isArray(value) && value.length === 0)) item[field] = value;
  };
  set('author', f.author ? parseBibtexNames(f.author) : undefined);
  set('editor', f.editor ? parseBibtexNames(f.editor) : undefined);
  set('translator', f.translator ? parseBibtexNames(f.translator) : undefined);
  const title = t('title');
  const subtitle = t('subtitle');
  set('title', title && subtitle ? `${title}: ${subtitle}` : title);
  const container = t('journaltitle') ?? t('journal') ?? t('booktitle');
  set('container-title', container);
  set('collection-title', t('series'));
  const institution = t('institution') ?? t('school') ?? t('organization');
  set('publisher', t('publisher') ?? institution);
  set('publisher-place', t('location') ?? t('address'));
  set('issued', parseBibDate(f));
  set('accessed', simpleDate(f.urldate));
  let url = verbatim('url');
  if (!url && f.howpublished) url = /\\url\{([^}]*)\}/.exec(f.howpublished)?.[1];
  set('URL', url);
  set('DOI', verbatim('doi')?.replace(/^https?:\/\/(?:dx\.)?doi\.org\//i, ''));
  set('ISBN', t('isbn'));
  set('ISSN', t('issn'));
  set('volume', t('volume'));
  set('edition', t('edition'));
  const isPeriodical = type.startsWith('article');
  if (isPeriodical) set('issue', t('number') ?? t('issue'));
  else {
    set('number', t('number'));
    set('issue', t('issue'));
  }
  const pages = t('pages')?.replace(/\s*[–—]\s*/g, '-');
  set('page', pages ?? t('eid'));
  set('genre', t('type') ?? (entry.type === 'phdthesis' ? 'Doctoral dissertation' : entry.type === 'mastersthesis' ? "Master's thesis" : undefined));
  set('note', t('note'));
  set('abstract', t('abstract'));
  set('keyword', t('keywords'));
  set('version', t('version'));
  const lang = (t('langid') ?? t('language'))?.toLowerCase();
  set('language', lang ? (LANGID_TO_CSL[lang] ?? lang) : undefined);
  item['citation-key'] = entry.key;
  return item;
}

// ---------------------------------------------------------------------------------------------
// CSL → BibTeX

const CSL_TO_TYPE: Record<string, string> = {
  'article-journal': 'article',
  'article-magazine': 'article',
  'article-newspaper': 'article',
  book: 'book',
  chapter: 'incollection',
  'paper-conference': 'inproceedings',
  thesis: 'phdthesis',
  report: 'techreport',
  webpage: 'online',
  post: 'online',
  'post-weblog': 'online',
  patent: 'patent',
  standard: 'standard',
  dataset: 'dataset',
  software: 'software',
  manuscript: 'unpublished',
  pamphlet: 'booklet',
};

const CSL_TO_LANGID: Array<[RegExp, string]> = [
  [/^zh/i, 'chinese'],
  [/^en-US/i, 'american'],
  [/^en-GB/i, 'british'],
  [/^en/i, 'english'],
  [/^ja/i, 'japanese'],
  [/^ko/i, 'korean'],
  [/^de/i, 'german'],
  [/^fr/i, 'french'],
  [/^ru/i, 'russian'],
  [/^es/i, 'spanish'],
  [/^it/i, 'italian'],
];

/** Escapes the characters BibTeX gives a meaning to; keeps braces balanced. */
export function escapeBibtex(value: string): string {
  return value.replace(/[\\&%$#_{}~]/g, (c) => (c === '\\' ? '\\textbackslash{}' : c === '~' ? '\\textasciitilde{}' : `\\${c}`));
}

/** Escapes a title and protects words whose capitals must survive a style's case changes (AI, RegTech). */
function escapeTitle(value: string): string {
  return escapeBibtex(value).replace(/(?<![\\\w])([A-Za-z]*[A-Z][A-Za-z]*[A-Z][A-Za-z]*|[A-Z]{2,}\w*)/g, '{$1}');
}

function bibName(n: CslName): string {
  const extra = n as CslName & Record<string, string | undefined>;
  if (n.literal) return `{${escapeBibtex(n.literal)}}`;
  const family = [extra['non-dropping-particle'], n.family].filter(Boolean).join(' ');
  if (!family) return `{${escapeBibtex(n.given ?? '')}}`;
  const fam = escapeBibtex(family);
  const famPart = /\s/.test(family) && !extra['non-dropping-particle'] ? `{${fam}}` : fam;
  if (!n.given) return famPart;
  return extra.suffix ? `${famPart}, ${escapeBibtex(extra.suffix)}, ${escapeBibtex(n.given)}` : `${famPart}, ${escapeBibtex(n.given)}`;
}

/** How a file writes its entries, detected from its last entry. */
export interface BibtexStyle {
  indent: string;
  eol: '\n' | '\r\n';
  /** Column (from the indent) at which `=` stands, when the file aligns its fields; else undefined. */
  alignEquals?: number;
  typeCase: 'lower' | 'capitalized' | 'upper';
  fieldCase: 'lower' | 'upper';
  /** Whether the last field is followed by a comma. */
  trailingComma: boolean;
}

export const DEFAULT_BIBTEX_STYLE: BibtexStyle = {
  indent: '  ',
  eol: '\n',
  typeCase: 'lower',
  fieldCase: 'lower',
  trailingComma: false,
};

/** Reads the writing style of a BibTeX file from its last well-formed entry. */
export function detectBibtexStyle(text: string, entries: BibtexEntry[], eol: '\n' | '\r\n'): BibtexStyle {
  const last = entries[entries.length - 1];
  if (!last) return { ...DEFAULT_BIBTEX_STYLE, eol };
  const body = text.slice(last.range.start, last.range.end);
  const lines = body.split(/\r?\n/).slice(1);
  const fieldLines = lines.filter((l) => /^\s*[A-Za-z][\w-]*\s*=/.test(l));
  const indent = fieldLines.length ? /^\s*/.exec(fieldLines[0])![0] : DEFAULT_BIBTEX_STYLE.indent;
  const eqCols = fieldLines.map((l) => l.indexOf('='));
  const nameLens = fieldLines.map((l) => /^\s*([A-Za-z][\w-]*)/.exec(l)![1].length + indent.length);
  const aligned = eqCols.length >= 2 && eqCols.every((c) => c === eqCols[0]) && eqCols.some((c, i) => c - nameLens[i] > 1);
  const t = last.typeAsWritten;
  const typeCase = t === t.toUpperCase() ? 'upper' : t[0] === t[0].toUpperCase() ? 'capitalized' : 'lower';
  const names = fieldLines.map((l) => /^\s*([A-Za-z][\w-]*)/.exec(l)![1]);
  const fieldCase = names.length && names.every((n) => n === n.toUpperCase()) ? 'upper' : 'lower';
  const trailingComma = /,\s*[})]\s*$/.test(body);
  return { indent, eol, alignEquals: aligned ? eqCols[0] - indent.length : undefined, typeCase, fieldCase, trailingComma };
}

/** Writes a CSL item as a BibTeX entry whose key is the item's id. */
export function cslToBibtex(item: CslItem, style: BibtexStyle = DEFAULT_BIBTEX_STYLE): string {
  const type = CSL_TO_TYPE[item.type] ?? 'misc';
  const fields: Array<[string, string]> = [];
  const add = (name: string, value: string | undefined, raw = false) => {
    if (value !== undefined && value !== '') fields.push([name, raw ? value : escapeBibtex(value)]);
  };
  const str = (v: unknown) => (v === undefined || v === null || v === '' ? undefined : String(v));
  const nameList = (role: string) => {
    const list = item[role];
    return Array.isArray(list) && list.length ? (list as CslName[]).map(bibName).join(' and ') : undefined;
  };
  add('author', nameList('author'), true);
  add('editor', nameList('editor'), true);
  add('translator', nameList('translator'), true);
  if (item.title) fields.push(['title', escapeTitle(item.title)]);
  const container = str(item['container-title']);
  if (container) add(type === 'article' ? 'journal' : type === 'online' ? 'organization' : 'booktitle', container);
  if (type === 'article' && item.type === 'article-newspaper') add('entrysubtype', 'newspaper');
  add('series', str(item['collection-title']));
  add('edition', str(item.edition));
  add('volume', str(item.volume));
  add('number', type === 'article' ? str(item.issue) : str(item.number));
  if (type !== 'article') add('issue', str(item.issue));
  add('pages', str(item.page)?.replace(/(\d)\s*[-–—]\s*(?=\d)/g, '$1--'), true);
  add('address', str(item['publisher-place']));
  const publisherField = type === 'techreport' ? 'institution' : type === 'phdthesis' ? 'school' : 'publisher';
  add(publisherField, str(item.publisher));
  add('type', str(item.genre));
  const parts = dateParts(item.issued);
  if (parts) {
    add('year', String(parts[0]));
    if (parts.length >= 2) add('date', isoDate(item.issued));
  } else add('year', item.issued?.literal ?? item.issued?.raw);
  if (item.accessed) add('urldate', isoDate(item.accessed));
  add('url', str(item.URL), true);
  add('doi', str(item.DOI), true);
  add('isbn', str(item.ISBN));
  add('issn', str(item.ISSN));
  const lang = str(item.language);
  if (lang) add('langid', CSL_TO_LANGID.find(([re]) => re.test(lang))?.[1] ?? lang);
  add('note', str(item.note));

  const typeText = style.typeCase === 'upper' ? type.toUpperCase() : style.typeCase === 'capitalized' ? type[0].toUpperCase() + type.slice(1) : type;
  const lines = fields.map(([name, value], i) => {
    const n = style.fieldCase === 'upper' ? name.toUpperCase() : name;
    const align = style.alignEquals;
    const eq = align !== undefined && n.length < align ? `${n.padEnd(align)}= ` : `${n} = `;
    const comma = i < fields.length - 1 || style.trailingComma ? ',' : '';
    return `${style.indent}${eq}{${value}}${comma}`;
  });
  return [`@${typeText}{${item.id}${fields.length ? ',' : ''}`, ...lines, '}'].join(style.eol);
}
