/**
 * BibTeX / BibLaTeX parser: tolerant, and it keeps every entry's position.
 *
 * The parser never gives up on the whole file: a malformed entry (missing key, unbalanced
 * braces, a missing `=`, an unterminated value) becomes one Problem located at the entry, and
 * parsing resumes at the next line that starts an entry (`@type{`). A value left open is cut
 * at such a line, so one missing brace costs one entry, not the rest of the file.
 */
import type { Problem, TextRange } from '../../text/types';

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
/** English month names, the values of the predefined `jan` … `dec` macros. */
export const MONTH_NAMES = [
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
