/**
 * The `bibliography:` key of a Markdown document's YAML front matter: reading the files it
 * names, and the smallest edit that adds one more, keeping every other key as written.
 */
import type { Problem, TextEdit } from '../text/types';
import { isMap, isScalar, isSeq, parseDocument, type Pair, type Scalar, type YAMLSeq } from 'yaml';

import { scanCitations, type MarkdownScan } from './markdown';
import { citationProblem } from './messages';

type Scan = Pick<MarkdownScan, 'frontMatter' | 'eol' | 'titleBlock'>;

/** The bibliography files the front matter names (`bibliography: a.bib` or a list), in order. */
export function frontMatterBibliography(text: string, scan: Scan = scanCitations(text)): string[] {
  const fm = scan.frontMatter;
  if (!fm) return [];
  const doc = parseDocument(text.slice(fm.contentRange.start, fm.contentRange.end));
  if (doc.errors.length > 0 || !isMap(doc.contents)) return [];
  const value = doc.get('bibliography', true);
  if (isScalar(value)) return value.value === null || value.value === '' ? [] : [String(value.value)];
  if (isSeq(value)) return value.items.filter(isScalar).map((s) => String((s as Scalar).value));
  return [];
}

/** A YAML plain scalar when it is safe, else a double-quoted one. */
function yamlString(s: string): string {
  return /^[A-Za-z0-9_./\\-][^:#\n]*$/.test(s) && !/\s$/.test(s) ? s : JSON.stringify(s);
}

export interface FrontMatterPlan {
  /** Insertions (or the replacement of an empty value), in document order; none when nothing is needed. */
  edits: TextEdit[];
  problem?: Problem;
}

/**
 * The edit that makes the front matter name `path` as a bibliography:
 * - no front matter: a new one at the top of the document, or after a Pandoc title block (`% Title`);
 * - no `bibliography:` key: a new line at the end of the front matter;
 * - `bibliography: other.bib`: becomes `[other.bib, path]`;
 * - a block list: a new `- path` item after the last one, at the same indentation;
 * - a flow list: `, path` before its `]`.
 * No edit when the file is already named. Front matter that is not valid YAML is left alone,
 * with a problem.
 */
export function planFrontMatterBibliography(text: string, path: string, scan: Scan = scanCitations(text)): FrontMatterPlan {
  const eol = scan.eol;
  const fm = scan.frontMatter;
  const entry = yamlString(path);
  if (!fm && scan.titleBlock) {
    // A YAML block above a Pandoc title block would end it: the block goes after it, a blank line between.
    const end = scan.titleBlock.range.end;
    const next = text.slice(end).match(/^(?:\r\n|\n|\r)?/)![0];
    const rest = text.slice(end + next.length);
    const blankAfter = rest === '' || /^[ \t]*(?:\r\n|\n|\r)/.test(rest);
    const block = `---${eol}bibliography: ${entry}${eol}---`;
    return { edits: [{ range: { start: end, end }, newText: `${eol}${eol}${block}${blankAfter ? '' : eol}` }] };
  }
  if (!fm) {
    const at = text.charCodeAt(0) === 0xfeff ? 1 : 0;
    return { edits: [{ range: { start: at, end: at }, newText: `---${eol}bibliography: ${entry}${eol}---${eol}${eol}` }] };
  }
  const base = fm.contentRange.start;
  const content = text.slice(base, fm.contentRange.end);
  const doc = parseDocument(content);
  if (doc.errors.length > 0 || (doc.contents !== null && !isMap(doc.contents))) {
    return {
      edits: [],
      problem: citationProblem('warning', 'front-matter.invalid', fm.range, 'frontMatterInvalid'),
    };
  }
  const map = doc.contents;
  const pair = isMap(map) ? (map.items.find((p) => isScalar(p.key) &&
    (p.key as Scalar).value === 'bibliography') as Pair | undefined) : undefined;
  if (!pair) {
    // A new last line; the content always ends with a line break (the closing fence follows).
    return { edits: [{ range: { start: fm.contentRange.end, end: fm.contentRange.end }, newText: `bibliography: ${entry}${eol}` }] };
  }
  const value = pair.value;
  const keyNode = pair.key as Scalar;
  if (value === null || (isScalar(value) && (value.value === null || value.value === ''))) {
    // `bibliography:` with nothing after it.
    const keyEnd = base + keyNode.range![1];
    const colon = text.indexOf(':', keyEnd);
    const r = isScalar(value) && value.range ? {
      start: base + value.range[0],
      end: base + value.range[1],
    } : { start: colon + 1, end: colon + 1 };
    return { edits: [{ range: r, newText: r.start === colon + 1 ? ` ${entry}` : entry }] };
  }
  if (isScalar(value)) {
    if (String(value.value) === path) return { edits: [] };
    const r = { start: base + value.range![0], end: base + value.range![1] };
    return {
      edits: [
        { range: { start: r.start, end: r.start }, newText: '[' },
        { range: { start: r.end, end: r.end }, newText: `, ${entry}]` },
      ],
    };
  }
  if (isSeq(value)) {
    const seq = value as YAMLSeq;
    if (seq.items.some((s) => isScalar(s) && String((s as Scalar).value) === path)) return { edits: [] };
    if (seq.flow) {
      const end = base + seq.range![1];
      const close = text.lastIndexOf(']', end);
      const empty = seq.items.length === 0;
      return { edits: [{ range: { start: close, end: close }, newText: empty ? entry : `, ${entry}` }] };
    }
    const last = seq.items[seq.items.length - 1] as Scalar;
    const lastStart = base + last.range![0];
    const lastEnd = base + last.range![1];
    const lineStart = text.lastIndexOf('\n', lastStart - 1) + 1;
    const dashPrefix = text.slice(lineStart, lastStart); // e.g. "  - "
    return { edits: [{ range: { start: lastEnd, end: lastEnd }, newText: `${eol}${dashPrefix}${entry}` }] };
  }
  return {
    edits: [],
    problem: citationProblem('warning', 'front-matter.invalid', fm.range, 'frontMatterNotList'),
  };
}
