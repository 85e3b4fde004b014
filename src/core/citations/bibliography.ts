/**
 * Bibliography files of every supported format behind one API: parse with positions, append
 * entries in the file's own format and style, and write new files.
 */
import type { Problem, TextEdit } from '../text/types';
import { clampProblems } from '../text/guard';
import type { CslItem } from '../pack/types';
import { bibtexToCsl, cslToBibtex, DEFAULT_BIBTEX_STYLE, detectBibtexStyle, parseBibtex } from './bibtex';
import { parseCslJson, planCslJsonAppend, serializeCslJson } from './cslJson';
import { parseCslYaml, planCslYamlAppend, serializeCslYamlFile } from './cslYaml';
import type { BibliographyEntry, BibliographyFormat } from './types';
import { citationProblem } from './messages';

/**
 * A key both BibTeX readers take whole, this one and Pandoc's: letters, digits and
 * ``! $ & * + - . / : ; ? @ [ ] _ ` `` (Pandoc rejects the whole file over a `~`, `^`, `|`, `<` or a backslash).
 */
export function isBibtexKey(key: string): boolean {
  return /^[\p{L}\p{N}!$&*+\-./:;?@[\]_`]+$/u.test(key);
}

/**
 * A key Pandoc reads back from a CSL-YAML file, where it takes every value for Markdown: none with
 * quotes, a backslash, `<`, `&`, `--`, `...` or a pair of emphasis, code or math marks (`_a_`).
 */
export function isCslYamlKey(key: string): boolean {
  return key !== '' && !/["'\\<&]|--|\.\.\.|([*_~^`$]).*\1/.test(key);
}

export interface ParsedBibliography {
  entries: BibliographyEntry[];
  problems: Problem[];
  /** The file's line ending (the first one found; `\n` when it has none). */
  eol: '\n' | '\r\n';
}

/** The line ending a text uses: its first line break decides. */
export function detectEol(text: string): '\n' | '\r\n' {
  const i = text.indexOf('\n');
  return i > 0 && text[i - 1] === '\r' ? '\r\n' : '\n';
}

/** The format of a bibliography file from its name: `.bib` → BibTeX, `.json` → CSL-JSON, `.yaml`/`.yml` → CSL-YAML. */
export function bibliographyFormatOf(path: string): BibliographyFormat | undefined {
  const m = /\.([A-Za-z]+)$/.exec(path);
  switch (m?.[1].toLowerCase()) {
    case 'bib':
    case 'bibtex':
      return 'bibtex';
    case 'json':
      return 'csl-json';
    case 'yaml':
    case 'yml':
      return 'csl-yaml';
    default:
      return undefined;
  }
}

/**
 * Parses a bibliography file. Malformed entries become problems located at their text; all
 * other entries stay usable.
 */
export function parseBibliography(text: string, format: BibliographyFormat): ParsedBibliography {
  const eol = detectEol(text);
  if (format === 'bibtex') {
    const parsed = parseBibtex(text);
    return {
      entries: parsed.entries.map((e) => ({ key: e.key, item: bibtexToCsl(e), range: e.range })),
      problems: clampProblems(parsed.problems, text),
      eol,
    };
  }
  const parsed = format === 'csl-json' ? parseCslJson(text) : parseCslYaml(text);
  return { ...parsed, eol };
}

export type AppendPlan = { edit: TextEdit; problem?: undefined } | { edit?: undefined; problem: Problem };

/**
 * The single insertion that appends items (keyed by their `id`) to a bibliography file, in
 * the file's format, indentation and line ending. Existing text is never changed: the edit is
 * an insertion (CSL-JSON: before the closing `]`, with the comma it needs; an empty file gets
 * a whole new list). When the file cannot be appended to safely (syntax errors in a CSL file,
 * no list of items, a key BibTeX cannot hold), a problem is returned instead and nothing must be written.
 */
export function planBibliographyAppend(text: string, format: BibliographyFormat, items: CslItem | CslItem[]): AppendPlan {
  const list = Array.isArray(items) ? items : [items];
  const eol = detectEol(text);
  if (format === 'csl-json') return planCslJsonAppend(text, list, eol);
  if (format === 'csl-yaml') {
    const badYamlKey = list.find((it) => !isCslYamlKey(String(it.id ?? '')));
    const end = { start: text.length, end: text.length };
    if (badYamlKey) {
      const key = String(badYamlKey.id ?? '');
      return { problem: citationProblem('error', 'bibliography.csl-yaml-key', end, 'keyNotCslYaml', key) };
    }
    return planCslYamlAppend(text, list, eol);
  }
  const badKey = list.find((it) => !isBibtexKey(String(it.id ?? '')));
  const end = { start: text.length, end: text.length };
  if (badKey) return { problem: citationProblem('error', 'bibliography.bibtex-key', end, 'keyNotBibtex', String(badKey.id ?? '')) };
  const parsed = parseBibtex(text);
  const style = parsed.entries.length ? detectBibtexStyle(text, parsed.entries, eol) : { ...DEFAULT_BIBTEX_STYLE, eol };
  const body = list.map((it) => cslToBibtex(it, style)).join(eol + eol);
  let prefix = '';
  if (text.length > 0) {
    const trailing = /(\r?\n)*$/.exec(text)![0];
    const breaks = (trailing.match(/\n/g) ?? []).length;
    prefix = eol.repeat(Math.max(0, 2 - breaks));
  }
  return { edit: { range: { start: text.length, end: text.length }, newText: prefix + body + eol } };
}

/** The text of a new bibliography file holding the items (CSL-JSON: a two-space indented array; CSL-YAML: a `references:` list). */
export function serializeBibliography(format: BibliographyFormat, items: CslItem[], eol: '\n' | '\r\n' = '\n'): string {
  if (format === 'csl-json') return serializeCslJson(items, eol);
  if (format === 'csl-yaml') return serializeCslYamlFile(items, eol);
  return items.map((it) => cslToBibtex(it, { ...DEFAULT_BIBTEX_STYLE, eol })).join(eol + eol) + (items.length ? eol : '');
}
