/**
 * CSL-YAML bibliography files (a list of items, or Pandoc's `references:` list, optionally
 * between `---` and `...`): parsing with positions (the `yaml` package) and appending items
 * in the file's indentation.
 */
import type { Problem, TextEdit } from '../text/types';
import { isMap, isSeq, parseAllDocuments, stringify, type Document, type YAMLSeq } from 'yaml';
import type { CslItem } from '../pack/types';
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

export function parseCslYaml(text: string): CslYamlParseResult {
  const problems: Problem[] = [];
  const items = new CslEntryCollector(problems);
  const docs = parseAllDocuments(text, { keepSourceTokens: false, prettyErrors: false });
  const list = Array.isArray(docs) ? docs : [];
  for (const doc of list) {
    for (const e of doc.errors) {
      problems.push({ severity: 'error', code: 'csl-yaml.syntax', message: `YAML syntax error: ${e.message.split('\n')[0]}`, range: { start: e.pos[0], end: Math.max(e.pos[1], e.pos[0] + 1) } });
    }
    if (doc.contents === null) continue;
    const seq = itemsSeq(doc);
    if (!seq) {
      const r = doc.contents.range;
      if (r) problems.push({ severity: 'error', code: 'csl-yaml.not-a-list', message: 'A CSL-YAML file must hold a list of items (or a `references:` list).', range: { start: r[0], end: r[1] } });
      continue;
    }
    for (const node of seq.items) {
      const r = (node as { range?: [number, number, number] }).range;
      const range = r ? { start: r[0], end: r[1] } : { start: 0, end: 0 };
      let value: unknown;
      try {
        value = (node as { toJSON?: () => unknown }).toJSON?.() ?? node;
      } catch {
        value = undefined;
      }
      items.add(value, range);
    }
  }
  return { entries: items.entries, problems };
}

/** One item as YAML list lines: `- id: …` with continuation lines indented under the dash. */
function itemLines(item: CslItem, dashIndent: string): string[] {
  const yaml = stringify([item], { lineWidth: 0 }).replace(/\n$/, '');
  return yaml.split('\n').map((line) => dashIndent + line);
}

/** A new CSL-YAML file holding the items. */
export function serializeCslYaml(items: CslItem[], eol: '\n' | '\r\n' = '\n'): string {
  if (items.length === 0) return `[]${eol}`;
  return items.map((it) => itemLines(it, '').join(eol)).join(eol) + eol;
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
    // Empty file (or only `---`): append a list at the end.
    const prefix = text.length === 0 || /\r?\n$/.test(text) ? '' : eol;
    return { edit: { range: { start: text.length, end: text.length }, newText: prefix + serializeCslYaml(items, eol) } };
  }
  const errDoc = list.find((d) => d.errors.length > 0);
  if (errDoc) {
    const e = errDoc.errors[0];
    return { problem: { severity: 'error', code: 'csl-yaml.syntax', message: 'The bibliography file has YAML syntax errors; nothing was written to it.', range: { start: e.pos[0], end: Math.max(e.pos[1], e.pos[0] + 1) } } };
  }
  const doc = withContent[withContent.length - 1];
  const seq = itemsSeq(doc);
  if (!seq || seq.flow) {
    const r = doc.contents!.range!;
    return { problem: { severity: 'error', code: 'csl-yaml.not-a-list', message: 'The bibliography file holds no block list of items; nothing was written to it.', range: { start: r[0], end: r[1] } } };
  }
  const nodes = seq.items as Array<{ range?: [number, number, number] }>;
  const last = nodes[nodes.length - 1];
  if (!last?.range) {
    // `references:` with an empty block list cannot be told apart from null; give up cleanly.
    return { problem: { severity: 'error', code: 'csl-yaml.not-a-list', message: 'The bibliography list is empty in a form that cannot be appended to.', range: { start: 0, end: 0 } } };
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
