/**
 * `fintech-lens check`: the terminology rules and the citation checks over Markdown files, one
 * file at a time, with the same core functions and settings as the editor's diagnostics. `--fix`
 * applies the editor's Fix All (the terminology fixes) and writes only the files it changes.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fixAll, lintDraft, type Finding, type LintOptions } from '../core/lint';
import { lintOptionsFromSettings } from '../core/settings';
import { LineIndex } from '../core/text/lines';
import type { Problem } from '../core/text/types';
import type { Config } from './config';
import { type CitationChecker } from './citations';
import { walk } from './files';
import type { LoadedPacks } from './packs';
import type { CliFinding, Reporter } from './report';

/** Drafts longer than this are not linted (the editor's limit for term matching). */
export const MAX_LINT_CHARS = 5_000_000;

export interface CheckOptions {
  include: string[];
  exclude: string[];
  fix: boolean;
  /** Called after each file (for progress). */
  onFile?: (checked: number) => void;
}

export interface CheckSummary {
  files: number;
  findings: number;
  fixedFiles: string[];
  /** Files that could not be read (reported as findings too). */
  unreadable: number;
}

/** A Markdown file's text as the editor sees it: decoded as UTF-8, without its BOM. */
export function readDraft(file: string): { text: string; bom: boolean } | { error: string } {
  let bytes: Uint8Array;
  try {
    bytes = fs.readFileSync(file);
  } catch (e) {
    return { error: (e as Error).message };
  }
  try {
    const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), bom };
  } catch {
    return { error: 'it is not UTF-8 text' };
  }
}

type Located = Pick<Problem, 'range' | 'severity' | 'code' | 'message'>;

function toFinding(file: string, lines: LineIndex, p: Located, fixable: boolean): CliFinding {
  const s = lines.positionAt(p.range.start);
  const e = lines.positionAt(p.range.end);
  return {
    file,
    line: s.line + 1,
    column: s.character + 1,
    endLine: e.line + 1,
    endColumn: e.character + 1,
    severity: p.severity,
    rule: p.code,
    message: p.message,
    fixable,
  };
}

/** The editor's findings for one draft: terminology, then citations, in document order within each. */
export async function checkText(
  file: string,
  absolute: string,
  text: string,
  packs: LoadedPacks,
  config: Config,
  citations: CitationChecker,
): Promise<{ findings: CliFinding[]; lint: Finding[]; options?: LintOptions }> {
  const lines = new LineIndex(text);
  const findings: CliFinding[] = [];
  const options = lintOptionsFromSettings(config.get);
  const lint = options && text.length <= MAX_LINT_CHARS ? lintDraft(text, packs.index, options) : [];
  for (const f of lint) findings.push(toFinding(file, lines, f, f.fixes.length > 0));
  for (const p of await citations.document(absolute, text)) findings.push(toFinding(file, lines, p, false));
  return { findings, lint, options };
}

export async function runCheck(
  config: Config,
  packs: LoadedPacks,
  citations: CitationChecker,
  options: CheckOptions,
  report: Reporter,
): Promise<CheckSummary> {
  const summary: CheckSummary = { files: 0, findings: 0, fixedFiles: [], unreadable: 0 };
  const rel = (abs: string): string => path.relative(config.root, abs).split(path.sep).join('/');
  const emit = (f: CliFinding): void => {
    summary.findings++;
    report.finding(f);
  };
  for (const absolute of walk(config.root, [...options.include, ...options.exclude.map((p) => `!${p}`)])) {
    const file = rel(absolute);
    summary.files++;
    const read = readDraft(absolute);
    if ('error' in read) {
      summary.unreadable++;
      const message = `Cannot read ${file}: ${read.error}`;
      emit({ file, line: 1, column: 1, endLine: 1, endColumn: 1, severity: 'error', rule: 'file.unreadable', message, fixable: false });
      continue;
    }
    let text = read.text;
    let result = await checkText(file, absolute, text, packs, config, citations);
    if (options.fix && result.options && result.lint.some((f) => f.fixes.length > 0)) {
      // The editor's Fix All: fix, lint the result again, and compose the rounds into one set of edits.
      const fixed = fixAll(text, packs.index, result.options, result.lint).text;
      if (fixed !== text) {
        fs.writeFileSync(absolute, (read.bom ? '\uFEFF' : '') + fixed);
        summary.fixedFiles.push(file);
        text = fixed;
        result = await checkText(file, absolute, text, packs, config, citations);
      }
    }
    for (const f of result.findings) emit(f);
    // Problems inside the bibliography files this draft uses, each file reported once.
    for (const bib of citations.takeFileProblems()) {
      const lines = new LineIndex(bib.text);
      for (const p of bib.problems) emit(toFinding(rel(bib.file), lines, p, false));
    }
    citations.forget(absolute);
    options.onFile?.(summary.files);
  }
  report.end();
  return summary;
}
