/**
 * CSL-JSON bibliography files: parsing with positions (jsonc-parser) and appending items
 * without touching what is already written.
 */
import type { Problem, TextEdit } from '../text/types';
import {
  createScanner,
  findNodeAtLocation,
  getNodeValue,
  parseTree,
  printParseErrorCode,
  type Node,
  type ParseError,
  type SyntaxKind as ScannerKind,
} from 'jsonc-parser';
import { blankBom, clampProblems, excessiveJsonNesting, MAX_JSON_DEPTH } from '../text/guard';
import type { CslItem } from '../pack/types';
import { CslEntryCollector } from './cslItems';
import type { BibliographyEntry } from './types';

export interface CslJsonParseResult {
  entries: BibliographyEntry[];
  problems: Problem[];
}

/** The array that holds the items: the root array, or an `items`/`references` array of a root object. */
function itemsArray(root: Node | undefined): Node | undefined {
  if (!root) return undefined;
  if (root.type === 'array') return root;
  if (root.type === 'object') {
    for (const key of ['items', 'references']) {
      const n = findNodeAtLocation(root, [key]);
      if (n?.type === 'array') return n;
    }
  }
  return undefined;
}

/**
 * Offsets of the elements of a top-level JSON array, found by a scan that only tracks strings
 * and nesting. Only used on text that `JSON.parse` accepted; undefined when the root is not an array.
 */
function topLevelElements(text: string): Array<{ start: number; end: number }> | undefined {
  let i = 0;
  const n = text.length;
  const ws = (c: number) => c === 32 || c === 9 || c === 10 || c === 13 || c === 0xfeff;
  while (i < n && ws(text.charCodeAt(i))) i++;
  if (text.charCodeAt(i) !== 91 /* [ */) return undefined;
  const out: Array<{ start: number; end: number }> = [];
  let depth = 0;
  let start = -1;
  let lastNonWs = -1;
  for (; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) {
      if (depth === 1 && start < 0) start = i;
      i++;
      while (i < n && text.charCodeAt(i) !== 34) {
        if (text.charCodeAt(i) === 92 /* \ */) i++;
        i++;
      }
      lastNonWs = i;
      continue;
    }
    if (ws(c)) continue;
    if (c === 91 || c === 123) {
      depth++;
      if (depth === 2 && start < 0) start = i;
      else if (depth === 1) continue;
    } else if (c === 93 || c === 125) {
      depth--;
      if (depth === 0) {
        if (start >= 0) out.push({ start, end: lastNonWs + 1 });
        return out;
      }
    } else if (c === 44 /* , */ && depth === 1) {
      out.push({ start, end: lastNonWs + 1 });
      start = -1;
      continue;
    } else if (depth === 1 && start < 0) start = i;
    lastNonWs = i;
  }
  return undefined;
}

/** The fast path for plain JSON arrays: JSON.parse for values, a light scan for positions. */
function parseStrictArray(text: string): CslJsonParseResult | undefined {
  let values: unknown;
  try {
    values = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!Array.isArray(values)) return undefined;
  const ranges = topLevelElements(text);
  if (!ranges || ranges.length !== values.length) return undefined;
  const items = new CslEntryCollector();
  values.forEach((value, i) => items.add(value, ranges[i]));
  return { entries: items.entries, problems: items.problems };
}

/** jsonc-parser's token kinds (a const enum, which isolated modules cannot read). */
const SyntaxKind = {
  OpenBraceToken: 1, CloseBraceToken: 2, OpenBracketToken: 3, CloseBracketToken: 4, CommaToken: 5,
  LineCommentTrivia: 12, BlockCommentTrivia: 13, LineBreakTrivia: 14, Trivia: 15, EOF: 17,
} as const satisfies Record<string, ScannerKind>;

/** Message templates of the CSL-JSON reader (localised by the host through `Problem.template`). */
export const CSL_JSON_MESSAGES = {
  syntax: 'JSON syntax error: {0}.',
  tooDeep: 'This item is nested more than {0} levels deep and was not read.',
  notList: 'A CSL-JSON file must hold an array of items.',
} as const;

function syntaxProblem(code: string, offset: number, length: number): Problem {
  return {
    severity: 'error',
    code: 'csl-json.syntax',
    message: `JSON syntax error: ${code}.`,
    template: CSL_JSON_MESSAGES.syntax,
    args: [code],
    range: { start: offset, end: offset + Math.max(length, 1) },
  };
}

/**
 * Reads a CSL-JSON file. Never throws. A syntax error costs only the item it is in: the items of
 * a top-level array are found by a token scan that tolerates a missing `}`, `]` or comma, and each
 * item is parsed on its own. A leading BOM is read as whitespace; problem ranges lie inside the text.
 */
export function parseCslJson(text: string): CslJsonParseResult {
  const source = blankBom(text);
  let result: CslJsonParseResult | undefined;
  if (excessiveJsonNesting(source) === undefined) result = parseStrictArray(source);
  if (!result) result = startsWithArray(source) ? parseArrayItemByItem(source) : parseWhole(source);
  clampProblems(result.problems, text);
  return result;
}

/** Whether only whitespace and comments follow `offset`. */
function onlyTriviaAfter(text: string, offset: number): boolean {
  const scanner = createScanner(text, true);
  scanner.setPosition(offset);
  return scanner.scan() === SyntaxKind.EOF;
}

/** Whether the first token of the text is `[`. */
function startsWithArray(text: string): boolean {
  const scanner = createScanner(text, true);
  return scanner.scan() === SyntaxKind.OpenBracketToken;
}

/** A file whose root is not an array: an object with an `items`/`references` array, or a single item. */
function parseWhole(text: string): CslJsonParseResult {
  const deep = excessiveJsonNesting(text);
  if (deep !== undefined) {
    const problem: Problem = {
      severity: 'error',
      code: 'csl-json.too-deep',
      message: `This item is nested more than ${MAX_JSON_DEPTH} levels deep and was not read.`,
      template: CSL_JSON_MESSAGES.tooDeep,
      args: [MAX_JSON_DEPTH],
      range: { start: deep, end: deep + 1 },
    };
    return { entries: [], problems: [problem] };
  }
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  const problems: Problem[] = errors.map((e) => syntaxProblem(printParseErrorCode(e.error), e.offset, e.length));
  if (!root || text.trim() === '') return { entries: [], problems };
  const list = itemsArray(root);
  const nodes = list ? (list.children ?? []) : root.type === 'object' ? [root] : [];
  if (!list && root.type !== 'object') {
    problems.push({
      severity: 'error',
      code: 'csl-json.not-a-list',
      message: CSL_JSON_MESSAGES.notList,
      template: CSL_JSON_MESSAGES.notList,
      args: [],
      range: { start: root.offset, end: root.offset + root.length },
    });
  }
  const items = new CslEntryCollector(problems);
  for (const node of nodes) items.add(toPlain(getNodeValue(node)), { start: node.offset, end: node.offset + node.length });
  return { entries: items.entries, problems };
}

/** A top-level array read item by item: each item's syntax errors cost that item only. */
function parseArrayItemByItem(text: string): CslJsonParseResult {
  const { elements, problems } = splitTopLevelArray(text);
  const items = new CslEntryCollector(problems);
  for (const { start, end } of elements) {
    const slice = text.slice(start, end);
    const deep = excessiveJsonNesting(slice);
    if (deep !== undefined) {
      problems.push({
        severity: 'error',
        code: 'csl-json.too-deep',
        message: `This item is nested more than ${MAX_JSON_DEPTH} levels deep and was not read.`,
        template: CSL_JSON_MESSAGES.tooDeep,
        args: [MAX_JSON_DEPTH],
        range: { start: start + deep, end: start + deep + 1 },
      });
      continue;
    }
    const errors: ParseError[] = [];
    const node = parseTree(slice, errors, { allowTrailingComma: true, disallowComments: false });
    for (const e of errors) problems.push(syntaxProblem(printParseErrorCode(e.error), start + e.offset, e.length));
    if (errors.length || !node) continue;
    items.add(toPlain(getNodeValue(node)), { start, end });
  }
  return { entries: items.entries, problems };
}

/**
 * The elements of the top-level array of `text` (which starts with `[`), found by a token scan
 * with an explicit stack (it never recurses). Where the structure is broken it guesses the way a
 * reader would: a `{` where an object expects a key, or a close bracket that matches an outer
 * container, ends the element that is open; a missing comma between elements, a missing `]` and
 * text after it are reported.
 */
function splitTopLevelArray(text: string): { elements: Array<{ start: number; end: number }>; problems: Problem[] } {
  const scanner = createScanner(text, false);
  const elements: Array<{ start: number; end: number }> = [];
  const problems: Problem[] = [];
  // Containers open inside the current element: '{' or '['; `expectKey` is true right after `{` or a `,` in an object.
  const stack: Array<'{' | '['> = [];
  let expectKey = false;
  let elementStart = -1;
  let lastEnd = 0;
  let beforeComma = 0;
  let needComma = false;
  let rootClosed = false;
  const close = (): void => {
    if (elementStart >= 0) elements.push({ start: elementStart, end: lastEnd });
    elementStart = -1;
    stack.length = 0;
    needComma = true;
  };
  while (scanner.scan() !== SyntaxKind.OpenBracketToken && scanner.getToken() !== SyntaxKind.EOF); // to the root `[`
  lastEnd = scanner.getTokenOffset() + scanner.getTokenLength();
  for (let kind: number = scanner.scan(); kind !== SyntaxKind.EOF; kind = scanner.scan()) {
    if (kind === SyntaxKind.Trivia || kind === SyntaxKind.LineBreakTrivia || kind === SyntaxKind.LineCommentTrivia ||
      kind === SyntaxKind.BlockCommentTrivia) continue;
    const offset = scanner.getTokenOffset();
    const end = offset + scanner.getTokenLength();
    if (rootClosed) {
      problems.push(syntaxProblem('EndOfFileExpected', offset, end - offset));
      break;
    }
    if (elementStart < 0) {
      // Between elements, at the top level of the root array.
      if (kind === SyntaxKind.CommaToken) {
        if (!needComma) problems.push(syntaxProblem('ValueExpected', offset, 1));
        needComma = false;
      } else if (kind === SyntaxKind.CloseBracketToken) {
        if (onlyTriviaAfter(text, end)) rootClosed = true;
        else problems.push(syntaxProblem('ValueExpected', offset, 1)); // a stray `]`: the list goes on after it
      } else if (kind === SyntaxKind.CloseBraceToken) {
        problems.push(syntaxProblem('ValueExpected', offset, 1));
      } else {
        if (needComma) problems.push(syntaxProblem('CommaExpected', offset, end - offset));
        elementStart = offset;
        if (kind === SyntaxKind.OpenBraceToken || kind === SyntaxKind.OpenBracketToken) {
          stack.push(kind === SyntaxKind.OpenBraceToken ? '{' : '[');
          expectKey = kind === SyntaxKind.OpenBraceToken;
          lastEnd = end;
        } else {
          lastEnd = end;
          close();
        }
      }
      lastEnd = Math.max(lastEnd, end);
      continue;
    }
    // Inside an element.
    const top = stack[stack.length - 1];
    if (kind === SyntaxKind.OpenBraceToken && top === '{' && expectKey) {
      // A `{` where a key belongs: the element lost its closing brace; a new element starts here.
      lastEnd = beforeComma;
      close();
      needComma = false;
      elementStart = offset;
      stack.push('{');
      expectKey = true;
      lastEnd = end;
      continue;
    }
    if (kind === SyntaxKind.OpenBraceToken || kind === SyntaxKind.OpenBracketToken) {
      stack.push(kind === SyntaxKind.OpenBraceToken ? '{' : '[');
      expectKey = kind === SyntaxKind.OpenBraceToken;
    } else if (kind === SyntaxKind.CloseBraceToken || kind === SyntaxKind.CloseBracketToken) {
      const want = kind === SyntaxKind.CloseBraceToken ? '{' : '[';
      const at = stack.lastIndexOf(want);
      if (at < 0) {
        if (want === '[' && onlyTriviaAfter(text, end)) {
          // The root's `]`: the element lost its closing brace.
          close();
          rootClosed = true;
        } else {
          // A stray close bracket inside the element: the element's own parse reports it.
          lastEnd = end;
        }
        continue;
      }
      stack.length = at;
      expectKey = false;
      lastEnd = end;
      if (stack.length === 0) close();
      continue;
    } else if (kind === SyntaxKind.CommaToken) {
      expectKey = top === '{';
      beforeComma = lastEnd;
    } else {
      expectKey = false;
    }
    lastEnd = end;
  }
  if (elementStart >= 0) close();
  if (!rootClosed) problems.push(syntaxProblem('CloseBracketExpected', text.length, 0));
  return { elements, problems };
}

/** jsonc-parser builds objects without a prototype: copy them into ordinary objects. */
function toPlain(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toPlain);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = toPlain(v);
    return out;
  }
  return value;
}

/** Column of an offset (UTF-16 units since the start of its line). */
function columnOf(text: string, offset: number): number {
  const lineStart = Math.max(text.lastIndexOf('\n', offset - 1), text.lastIndexOf('\r', offset - 1)) + 1;
  return offset - lineStart;
}

/** The indentation unit of a JSON object node: the column of its first property minus its own column. */
function indentUnit(text: string, obj: Node | undefined): string {
  const prop = obj?.children?.[0];
  if (!obj || !prop) return '  ';
  const lineStart = text.lastIndexOf('\n', prop.offset - 1) + 1;
  const lead = /^[ \t]*/.exec(text.slice(lineStart, prop.offset))![0];
  if (lead.length === 0 || lineStart <= obj.offset) return '  ';
  const objLineStart = text.lastIndexOf('\n', obj.offset - 1) + 1;
  const objLead = /^[ \t]*/.exec(text.slice(objLineStart))![0];
  const unit = lead.slice(objLead.length);
  return unit || '  ';
}

/** Serialises items as JSON lines indented by `base`, with `unit` per level. */
function serializeItems(items: CslItem[], base: string, unit: string, eol: string): string {
  return items
    .map((item) => JSON.stringify(item, null, unit).split('\n').map((l) => base + l).join(eol))
    .join(`,${eol}`);
}

/** A new CSL-JSON file holding the items. */
export function serializeCslJson(items: CslItem[], eol: '\n' | '\r\n' = '\n'): string {
  if (items.length === 0) return `[]${eol}`;
  return `[${eol}${serializeItems(items, '  ', '  ', eol)}${eol}]${eol}`;
}

/**
 * The insertion that appends items to a CSL-JSON file: before the closing `]`, after the
 * last item (with a comma), in the file's indentation. Returns a problem instead when the
 * file cannot be appended to safely (syntax errors, no array).
 */
export function planCslJsonAppend(text: string, items: CslItem[], eol: '\n' | '\r\n'): { edit: TextEdit } | { problem: Problem } {
  if (text.trim() === '') return { edit: { range: { start: 0, end: text.length }, newText: serializeCslJson(items, eol) } };
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  if (errors.length > 0 || !root) {
    const e = errors[0];
    return {
      problem: {
        severity: 'error',
        code: 'csl-json.syntax',
        message: 'The bibliography file has JSON syntax errors; nothing was written to it.',
        range: e ? { start: e.offset, end: e.offset + Math.max(1, e.length) } : { start: 0, end: 0 },
      },
    };
  }
  const list = itemsArray(root);
  if (!list) {
    return { problem: {
      severity: 'error',
      code: 'csl-json.not-a-list',
      message: 'The bibliography file holds no array of items; nothing was written to it.',
      range: { start: root.offset, end: root.offset + root.length },
    } };
  }
  const children = list.children ?? [];
  const close = list.offset + list.length - 1; // the `]`
  if (children.length === 0) {
    const baseCol = columnOf(text, list.offset);
    const outer = ' '.repeat(baseCol);
    const inner = text.slice(list.offset + 1, close);
    const newText = `${eol}${serializeItems(items, outer + '  ', '  ', eol)}${eol}${outer}`;
    // Replace only the blank space between the brackets (insert before `]` if something else is there).
    return /^\s*$/.test(inner)
      ? { edit: { range: { start: list.offset + 1, end: close }, newText } }
      : { edit: { range: { start: close, end: close }, newText } };
  }
  const last = children[children.length - 1];
  const lastEnd = last.offset + last.length;
  const between = text.slice(lastEnd, close);
  const hasTrailingComma = /^\s*,/.test(between);
  const lastLineStart = text.lastIndexOf('\n', last.offset - 1) + 1;
  const onOwnLine = /^[ \t]*$/.test(text.slice(lastLineStart, last.offset));
  const base = onOwnLine ? text.slice(lastLineStart, last.offset) : '';
  const unit = indentUnit(text, children.find((c) => c.type === 'object'));
  const sep = onOwnLine ? eol : ' ';
  const body = serializeItems(items, base, unit, eol).replace(/^[ \t]*/, '');
  if (hasTrailingComma) {
    const commaAt = lastEnd + between.indexOf(',') + 1;
    return { edit: { range: { start: commaAt, end: commaAt }, newText: `${sep}${base}${body},` } };
  }
  return { edit: { range: { start: lastEnd, end: lastEnd }, newText: `,${sep}${base}${body}` } };
}
