/**
 * CSL-YAML bibliography files (a list of items, or Pandoc's `references:` list, optionally
 * between `---` and `...`): parsing with positions (the `yaml` package) and appending items
 * in the file's indentation.
 */
import type { Problem, TextEdit } from '../text/types';
import { isMap, isSeq, parseAllDocuments, stringify, type Document, type YAMLSeq } from 'yaml';
import type { CslItem } from '../pack/types';
import { clampProblems, excessiveJsonNesting, MAX_JSON_DEPTH } from '../text/guard';
import { CslEntryCollector } from './cslItems';
import type { BibliographyEntry } from './types';

export interface CslYamlParseResult {
  entries: BibliographyEntry[];
  problems: Problem[];
}

type AnyDoc = Document.Parsed;

/** The sequence of items of a document: its root sequence, or the `references` sequence of a root map. */
function itemsSeq(doc: AnyDoc): YAMLSeq | undefined {
  const c = doc.contents;
  if (isSeq(c)) return c;
  if (isMap(c)) {
    const refs = c.get('references', true);
    if (isSeq(refs)) return refs;
  }
  return undefined;
}

/** Message templates of the CSL-YAML reader (localised by the host through `Problem.template`). */
export const CSL_YAML_MESSAGES = {
  syntax: 'YAML syntax error: {0}',
  notList: 'A CSL-YAML file must hold a list of items (or a `references:` list).',
  tooDeep: 'This item is nested more than {0} levels deep and was not read.',
} as const;

function syntaxProblem(e: { message: string; pos: [number, number] }, shift: number): Problem {
  const detail = e.message.split('\n')[0];
  return {
    severity: 'error',
    code: 'csl-yaml.syntax',
    message: `YAML syntax error: ${detail}`,
    template: CSL_YAML_MESSAGES.syntax,
    args: [detail],
    range: { start: e.pos[0] + shift, end: Math.max(e.pos[1], e.pos[0] + 1) + shift },
  };
}

function tooDeep(offset: number, shift: number): Problem {
  const template = CSL_YAML_MESSAGES.tooDeep;
  return {
    severity: 'error',
    code: 'csl-yaml.too-deep',
    message: template.replace('{0}', String(MAX_JSON_DEPTH)),
    template,
    args: [MAX_JSON_DEPTH],
    range: { start: offset + shift, end: offset + shift + 1 },
  };
}

/**
 * Reads a CSL-YAML file. Never throws. A syntax error costs only the item it is in: when the
 * file has errors, the list is cut into items at its dashes and each item is read on its own.
 * A leading BOM is skipped with offsets kept; problem ranges lie inside the text.
 */
export function parseCslYaml(text: string): CslYamlParseResult {
  const shift = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const body = shift ? text.slice(1) : text;
  let result: CslYamlParseResult;
  try {
    result = parseDocuments(body, shift);
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    result = { entries: [], problems: [syntaxProblem({ message: detail, pos: [0, 1] }, shift)] };
  }
  clampProblems(result.problems, text);
  return result;
}

function parseDocuments(text: string, shift: number): CslYamlParseResult {
  const problems: Problem[] = [];
  const items = new CslEntryCollector(problems);
  // Deep flow nesting (`[[[…`) makes the YAML parser slow and deep: such a file is read item by item.
  const deep = excessiveJsonNesting(text) !== undefined;
  const docs = deep ? [] : parseAllDocuments(text, { keepSourceTokens: false, prettyErrors: false });
  const list = Array.isArray(docs) ? docs : [];
  if (deep || list.some((d) => d.errors.length > 0)) {
    const chunks = itemChunks(text);
    if (chunks.length > 0) return parseItemByItem(text, chunks, list, shift);
    if (deep) return { entries: [], problems: [tooDeep(excessiveJsonNesting(text)!, shift)] };
  }
  for (const doc of list) {
    for (const e of doc.errors) problems.push(syntaxProblem(e, shift));
    if (doc.contents === null) continue;
    const seq = itemsSeq(doc);
    if (!seq) {
      const r = doc.contents.range;
      if (r) problems.push({
        severity: 'error',
        code: 'csl-yaml.not-a-list',
        message: CSL_YAML_MESSAGES.notList,
        template: CSL_YAML_MESSAGES.notList,
        args: [],
        range: { start: r[0] + shift, end: r[1] + shift },
      });
      continue;
    }
    for (const node of seq.items) {
      const r = (node as { range?: [number, number, number] }).range;
      items.add(nodeValue(node), r ? { start: r[0] + shift, end: r[1] + shift } : { start: shift, end: shift });
    }
  }
  return { entries: items.entries, problems };
}

function nodeValue(node: unknown): unknown {
  try {
    return (node as { toJSON?: () => unknown }).toJSON?.() ?? node;
  } catch {
    return undefined;
  }
}

/**
 * The items of a block list, by lines: each starts at a dash at the list's indentation and runs
 * to the next one. The list is the first block list of the text (at the top, or under
 * `references:`); it ends at a document marker or at a line indented less than its dashes.
 */
function itemChunks(text: string): Array<{ start: number; end: number }> {
  const chunks: Array<{ start: number; end: number }> = [];
  const lineRe = /[^\r\n]*(?:\r\n|\r|\n|$)/gy;
  let indent = -1;
  let start = -1;
  let m: RegExpExecArray | null;
  for (let at = 0; at < text.length; at = lineRe.lastIndex) {
    lineRe.lastIndex = at;
    m = lineRe.exec(text);
    if (!m || m[0] === '') break;
    const line = m[0].replace(/[\r\n]+$/, '');
    const lead = /^[ \t]*/.exec(line)![0].length;
    const blank = line.trim() === '' || line.trimStart().startsWith('#');
    const dash = /^[ \t]*-(?:[ \t]|$)/.test(line);
    if (indent < 0) {
      if (dash) {
        indent = lead;
        start = at;
      }
      continue;
    }
    const marker = /^(?:---|\.\.\.)(?:[ \t]|$)/.test(line);
    if (marker || (!blank && lead < indent) || (!blank && lead === indent && !dash && indent === 0 && /^[^\s#-][^:]*:(?:\s|$)/.test(line))) {
      chunks.push({ start, end: at });
      return chunks;
    }
    if (dash && lead === indent) {
      chunks.push({ start, end: at });
      start = at;
    }
  }
  if (start >= 0) chunks.push({ start, end: text.length });
  return chunks;
}

/** A list with syntax errors, read item by item; errors outside every item are reported as they are. */
function parseItemByItem(text: string, chunks: Array<{ start: number; end: number }>, docs: AnyDoc[], shift: number): CslYamlParseResult {
  const problems: Problem[] = [];
  const items = new CslEntryCollector(problems);
  const first = chunks[0].start;
  const last = chunks[chunks.length - 1].end;
  for (const doc of docs) {
    for (const e of doc.errors) if (e.pos[0] < first || e.pos[0] >= last) problems.push(syntaxProblem(e, shift));
  }
  for (const { start, end } of chunks) {
    // The item's own lines, with the text before it blanked so that indentation and offsets stay as they are.
    const lineStart = text.lastIndexOf('\n', start - 1) + 1;
    const slice = ' '.repeat(start - lineStart) + text.slice(start, end);
    const base = lineStart;
    const deepAt = excessiveJsonNesting(slice);
    if (deepAt !== undefined) {
      problems.push(tooDeep(base + deepAt, shift));
      continue;
    }
    const doc = parseAllDocuments(slice, { keepSourceTokens: false, prettyErrors: false });
    const parsed = Array.isArray(doc) ? doc : [];
    const errors = parsed.flatMap((d) => d.errors);
    if (errors.length) {
      for (const e of errors) problems.push(syntaxProblem({ message: e.message, pos: [e.pos[0] + base, e.pos[1] + base] }, shift));
      continue;
    }
    const seq = parsed[0] && isSeq(parsed[0].contents) ? parsed[0].contents : undefined;
    for (const node of seq?.items ?? []) {
      const r = (node as { range?: [number, number, number] }).range;
      items.add(nodeValue(node), r ? { start: r[0] + base + shift, end: r[1] + base + shift } : { start: start + shift, end: end + shift });
    }
  }
  return { entries: items.entries, problems };
}

/**
 * One item as YAML list lines: `- id: …` with continuation lines indented under the dash. Written
 * for YAML 1.1 readers too (Pandoc's): `yes`, `no`, `on` and `off` are quoted, as they are booleans there.
 */
function itemLines(item: CslItem, dashIndent: string): string[] {
  const yaml = stringify([item], { lineWidth: 0, version: '1.1' }).replace(/\n$/, '');
  return yaml.split('\n').map((line) => dashIndent + line);
}

/** A new CSL-YAML file holding the items. */
export function serializeCslYaml(items: CslItem[], eol: '\n' | '\r\n' = '\n'): string {
  if (items.length === 0) return `[]${eol}`;
  return items.map((it) => itemLines(it, '').join(eol)).join(eol) + eol;
}

/**
 * A new CSL-YAML file: Pandoc's `references:` list, the form `pandoc --citeproc` reads (it finds
 * no items in a file that is a bare list).
 */
export function serializeCslYamlFile(items: CslItem[], eol: '\n' | '\r\n' = '\n'): string {
  return items.length === 0 ? `references: []${eol}` : `references:${eol}${serializeCslYaml(items, eol)}`;
}

/**
 * The insertion that appends items to a CSL-YAML file after its last item, at the indentation
 * of its list. Returns a problem when the file cannot be appended to safely.
 */
export function planCslYamlAppend(text: string, items: CslItem[], eol: '\n' | '\r\n'): { edit: TextEdit } | { problem: Problem } {
  const docs = parseAllDocuments(text);
  const list = Array.isArray(docs) ? docs : [];
  const withContent = list.filter((d) => d.contents !== null);
  if (withContent.length === 0) {
    // Empty file (or only `---`): append Pandoc's `references:` list at the end.
    const prefix = text.length === 0 || /\r?\n$/.test(text) ? '' : eol;
    return { edit: { range: { start: text.length, end: text.length }, newText: prefix + serializeCslYamlFile(items, eol) } };
  }
  const errDoc = list.find((d) => d.errors.length > 0);
  if (errDoc) {
    const e = errDoc.errors[0];
    return { problem: {
      severity: 'error',
      code: 'csl-yaml.syntax',
      message: 'The bibliography file has YAML syntax errors; nothing was written to it.',
      range: { start: e.pos[0], end: Math.max(e.pos[1], e.pos[0] + 1) },
    } };
  }
  const doc = withContent[withContent.length - 1];
  const seq = itemsSeq(doc);
  if (!seq || seq.flow) {
    const r = doc.contents!.range!;
    return { problem: {
      severity: 'error',
      code: 'csl-yaml.not-a-list',
      message: 'The bibliography file holds no block list of items; nothing was written to it.',
      range: { start: r[0], end: r[1] },
    } };
  }
  const nodes = seq.items as Array<{ range?: [number, number, number] }>;
  const last = nodes[nodes.length - 1];
  if (!last?.range) {
    // `references:` with an empty block list cannot be told apart from null; give up cleanly.
    return { problem: {
      severity: 'error',
      code: 'csl-yaml.not-a-list',
      message: 'The bibliography list is empty in a form that cannot be appended to.',
      range: { start: 0, end: 0 },
    } };
  }
  // Indentation of the dashes: the text before the first item's `- ` on its line.
  const first = nodes[0].range!;
  const lineStart = text.lastIndexOf('\n', first[0] - 1) + 1;
  const dashLead = /^[ \t]*/.exec(text.slice(lineStart, first[0]))![0];
  // Separate items by a blank line when the file does.
  const blankBetween = nodes.length >= 2 && /\n[ \t]*\r?\n/.test(text.slice(nodes[0].range![1] - 1, nodes[1].range![0]));
  let at = last.range[1];
  // Keep trailing comments and blank lines of the last item where they are: insert after its content line.
  while (at > last.range[0] && /\s/.test(text[at - 1])) at--;
  const lineEnd = text.indexOf('\n', at);
  at = lineEnd < 0 ? text.length : text[lineEnd - 1] === '\r' ? lineEnd - 1 : lineEnd;
  const body = items.map((it) => itemLines(it, dashLead).join(eol)).join(blankBetween ? eol + eol : eol);
  return { edit: { range: { start: at, end: at }, newText: (blankBetween ? eol + eol : eol) + body } };
}
