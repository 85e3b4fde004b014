/**
 * CSL-JSON bibliography files: parsing with positions (jsonc-parser) and appending items
 * without touching what is already written.
 */
import type { Problem, TextEdit } from '../text/types';
import { findNodeAtLocation, getNodeValue, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
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
    values = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
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

export function parseCslJson(text: string): CslJsonParseResult {
  const fast = parseStrictArray(text);
  if (fast) return fast;
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  const problems: Problem[] = errors.map((e) => ({
    severity: 'error',
    code: 'csl-json.syntax',
    message: `JSON syntax error: ${printParseErrorCode(e.error)}.`,
    range: { start: e.offset, end: e.offset + Math.max(e.length, 1) },
  }));
  if (!root || text.trim() === '') return { entries: [], problems };
  const list = itemsArray(root);
  const nodes = list ? (list.children ?? []) : root.type === 'object' ? [root] : [];
  if (!list && root.type !== 'object') {
    problems.push({ severity: 'error', code: 'csl-json.not-a-list', message: 'A CSL-JSON file must hold an array of items.', range: { start: root.offset, end: root.offset + root.length } });
  }
  const items = new CslEntryCollector(problems);
  for (const node of nodes) items.add(toPlain(getNodeValue(node)), { start: node.offset, end: node.offset + node.length });
  return { entries: items.entries, problems };
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
    return { problem: { severity: 'error', code: 'csl-json.not-a-list', message: 'The bibliography file holds no array of items; nothing was written to it.', range: { start: root.offset, end: root.offset + root.length } } };
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
