/**
 * `fintech-lens`: the command line over the same core as the extension, for review pipelines.
 *
 *   fintech-lens check [globs…] [--format text|json|sarif|github] [--fix] [--config file] [--quiet] [--progress]
 *   fintech-lens cite --key K [--style S] [--locator L] [--file draft.md]
 *   fintech-lens packs
 *   fintech-lens import <report> [--out file.md] [--force]
 *   fintech-lens create-pack <report.md> [--out file] [--title …] [--author …] [--publisher …] [--year …] [--url …]
 *   fintech-lens export <draft.md> [--format html|md|docx|pdf] [--style S] [--tooltips] [--out file] [--force]
 *
 * Exit codes follow markdownlint-cli2: 0 nothing found (or the file was written), 1 findings,
 * 2 a usage or configuration error (bad arguments, an unreadable or invalid configuration, a
 * pack that cannot be loaded) or a file that could not be made (bad input, an existing output
 * without --force, Pandoc missing): then nothing is written.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { isYearOrEmpty, REVIEW_PRESELECTED } from '../core/import';
import { styleFromName } from '../core/render';
import { LineIndex } from '../core/text/lines';
import { runCheck } from './check';
import { citationChecker } from './citations';
import { ConfigError, loadConfig, type Config } from './config';
import { CommandError, createPack, exportDraft, importReport, type CliExportFormat, type OutputOptions, type Written } from './convert';
import { patternsOf } from './files';
import { OutputExists } from './output';
import { loadPacks, type LoadedPacks } from './packs';
import { progressOn } from './progress';
import { FORMATS, reporter, type Format } from './report';
import manifest from '../../package.json';

export const EXIT_CLEAN = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_ERROR = 2;

const USAGE = `Usage: fintech-lens <command> [options]

Commands:
  check [globs…]        Check Markdown drafts: terminology rules and citations (default: **/*.{md,markdown}).
                        A glob starting with ! excludes; files and folders may be named directly.
  cite --key K          Print the formatted reference of a citation key.
  packs                 List the loaded packs and their problems.
  import <report>       Convert a report (Markdown, text, HTML, Word .docx, PDF with a text layer) to its
                        Markdown copy with real headings, beside it (report.pdf → report.md).
  create-pack <rep.md>  Draft <name>.fintech-pack.json from a Markdown report: reference record, outline,
                        taxonomy skeleton and the top-ranked glossary candidates.
  export <draft.md>     Write the draft as its reader sees it: self-contained HTML (default), the rendered
                        Markdown copy (--format md), or Word / PDF through Pandoc (--format docx|pdf).

Options:
  --format F       check: text (default), json, sarif or github. export: html (default), md, docx or pdf.
  --fix            check: apply the terminology fixes (the editor's Fix All) and write the files it changes.
  --config FILE    Read the settings from FILE instead of .vscode/settings.json and .fintech-lens.json(c).
  --style S        cite: gbt7714-2025, gbt7714-2015 or apa7 (default: the fintechLens.citation.style setting).
                   export: those, or gbt7714-2025-author-date / gbt7714-2015-author-date (default: the
                   front matter's csl, else the settings).
  --tooltips       export (html, docx, pdf): glossary terms carry their short definition as a tooltip, as
                   in the preview (default: the fintechLens.preview.glossaryTooltips setting).
  --locator L      cite: a page or section, e.g. "p. 29" or "sec. 1.3".
  --file F         cite: the draft whose bibliography holds the key (default: the workspace's setting).
  --out FILE       import, create-pack, export: where to write (default: beside the input; - for stdout).
  --force          import, create-pack, export: replace an existing output file.
  --title T, --author A, --publisher P, --year Y, --url U
                   create-pack: the reference record (default: what the report's text and front matter say;
                   an empty value leaves a field out).
  --terms N        create-pack: how many of the top-ranked candidates enter the glossary (default ${REVIEW_PRESELECTED});
                   candidates a loaded pack already has (the built-in one, workspace packs) are left out.
  --id ID          create-pack: the pack id (default: the record's citation key).
  --progress       Show progress on stderr even when it is not a terminal (it is shown on a terminal).
  --quiet          No progress or summary on stderr.
  -h, --help       Show this help.
  -v, --version    Show the version.

Exit codes: 0 clean or written, 1 findings, 2 usage or configuration error, or nothing written
(bad or unreadable input, an existing output without --force, Pandoc missing).
`;

class UsageError extends Error {}

interface Args {
  command: string;
  operands: string[];
  /** --format as given (checked against the command's formats). */
  format?: string;
  fix: boolean;
  quiet: boolean;
  progress: boolean;
  force: boolean;
  tooltips: boolean;
  config?: string;
  key?: string;
  style?: string;
  locator?: string;
  file?: string;
  out?: string;
  terms?: string;
  id?: string;
  reference: Partial<Record<ReferenceField, string>>;
}

const COMMANDS = ['check', 'cite', 'packs', 'import', 'create-pack', 'export'];
const CITE_STYLES = ['gbt7714-2025', 'gbt7714-2015', 'apa7'];
const EXPORT_FORMATS: readonly CliExportFormat[] = ['html', 'md', 'docx', 'pdf'];
type ReferenceField = 'title' | 'author' | 'publisher' | 'year' | 'url';
const REFERENCE_OPTIONS = new Set(['--title', '--author', '--publisher', '--year', '--url']);
const VALUE_OPTIONS = new Set(['--format', '--config', '--key', '--style', '--locator', '--file', '--out', '--terms', '--id', ...REFERENCE_OPTIONS]);
/** Which commands take each option (the others refuse it). */
const OPTION_COMMANDS: Record<string, string[]> = {
  fix: ['check'],
  key: ['cite'],
  locator: ['cite'],
  file: ['cite'],
  style: ['cite', 'export'],
  tooltips: ['export'],
  format: ['check', 'export'],
  out: ['import', 'create-pack', 'export'],
  force: ['import', 'create-pack', 'export'],
  terms: ['create-pack'],
  id: ['create-pack'],
  reference: ['create-pack'],
};
/** How many operands each command takes: [min, max]. */
const OPERANDS: Record<string, [number, number]> = {
  check: [0, Infinity],
  cite: [0, 0],
  packs: [0, 0],
  import: [1, 1],
  'create-pack': [1, 1],
  export: [1, 1],
};

function given(args: Args, option: string): boolean {
  if (option === 'reference') return Object.keys(args.reference).length > 0;
  const v = (args as unknown as Record<string, unknown>)[option];
  return v !== undefined && v !== false;
}

/** Checks the options against the command. */
function checkArgs(args: Args): void {
  const c = args.command;
  if (!c) throw new UsageError('no command given');
  if (!COMMANDS.includes(c)) throw new UsageError(`unknown command "${c}"`);
  for (const [option, commands] of Object.entries(OPTION_COMMANDS)) {
    if (given(args, option) && !commands.includes(c)) {
      const name = option === 'reference' ? '--title, --author, --publisher, --year and --url' : `--${option}`;
      throw new UsageError(`${name} ${option === 'reference' ? 'belong' : 'belongs'} to ${commands.join(' and ')}`);
    }
  }
  const [min, max] = OPERANDS[c];
  if (args.operands.length < min) throw new UsageError(`${c} needs a file: fintech-lens ${c} <file>`);
  if (args.operands.length > max) throw new UsageError(max === 0 ? `${c} takes no file arguments` : `${c} takes one file`);
  if (c === 'cite' && !args.key) throw new UsageError('cite needs --key');
  if (args.format !== undefined) {
    const formats: readonly string[] = c === 'export' ? EXPORT_FORMATS : FORMATS;
    if (!formats.includes(args.format)) throw new UsageError(`--format must be one of ${formats.join(', ')}`);
  }
  if (args.style !== undefined) {
    if (c === 'cite' && !CITE_STYLES.includes(args.style)) throw new UsageError(`--style must be one of ${CITE_STYLES.join(', ')}`);
    if (c === 'export' && !styleFromName(args.style)) {
      throw new UsageError(`--style must be one of ${CITE_STYLES.join(', ')}, gbt7714-2025-author-date, gbt7714-2015-author-date`);
    }
  }
  if (args.terms !== undefined && !/^\d+$/.test(args.terms)) throw new UsageError('--terms must be a number');
  if (args.reference.year !== undefined && !isYearOrEmpty(args.reference.year)) throw new UsageError('--year must be a four-digit year');
}

export function parseArgs(argv: string[]): Args | 'help' | 'version' {
  const args: Args = { command: '', operands: [], fix: false, quiet: false, progress: false, force: false, tooltips: false, reference: {} };
  for (let i = 0; i < argv.length; i++) {
    let a = argv[i];
    if (a === '-h' || a === '--help') return 'help';
    if (a === '-v' || a === '--version') return 'version';
    let value: string | undefined;
    const eq = a.indexOf('=');
    if (a.startsWith('--') && eq > 0) {
      value = a.slice(eq + 1);
      a = a.slice(0, eq);
    }
    if (VALUE_OPTIONS.has(a)) {
      if (value === undefined) {
        if (i + 1 >= argv.length) throw new UsageError(`${a} needs a value`);
        value = argv[++i];
      }
      if (REFERENCE_OPTIONS.has(a)) args.reference[a.slice(2) as ReferenceField] = value;
      else (args as unknown as Record<string, string>)[a.slice(2)] = value;
    } else if (a === '--fix' || a === '--quiet' || a === '--progress' || a === '--force' || a === '--tooltips') {
      (args as unknown as Record<string, boolean>)[a.slice(2)] = true;
    } else if (a.startsWith('-') && a !== '-' && !a.startsWith('!')) {
      throw new UsageError(`unknown option ${a}`);
    } else if (!args.command) {
      args.command = a;
    } else {
      args.operands.push(a);
    }
  }
  checkArgs(args);
  return args;
}

interface Io {
  out: (s: string | Uint8Array) => void;
  err: (s: string) => void;
  cwd: string;
  /** Whether stderr is a terminal (progress is then redrawn in place). */
  tty: boolean;
  /** Milliseconds between progress reports (default two seconds). */
  progressInterval?: number;
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

function relative(root: string, file: string): string {
  return path.relative(root, file).split(path.sep).join('/') || file;
}

/** Pack problems as text lines (file:line:col severity code message). */
function packProblemLines(config: Config, packs: LoadedPacks): string[] {
  return packs.problems.map(({ file, text, problem }) => {
    const p = new LineIndex(text).positionAt(problem.range.start);
    return `${relative(config.root, file)}:${p.line + 1}:${p.character + 1} ${problem.severity} ${problem.code} ${problem.message}`;
  });
}

function failedPacksMessage(config: Config, packs: LoadedPacks): string {
  const files = packs.failed.map((f) => relative(config.root, f)).join(', ');
  return `fintech-lens: ${files}: the pack has errors and was not loaded (run \`fintech-lens packs\` for the problems)\n`;
}

async function check(args: Args, config: Config, io: Io): Promise<number> {
  const packs = loadPacks(config);
  if (packs.failed.length) io.err(failedPacksMessage(config, packs));
  const { include, exclude } = patternsOf(config.root, args.operands);
  const citations = citationChecker(config, packs);
  const progress = progressOn(io, args, io.progressInterval);
  const onFile = (n: number): void => progress.report(`${plural(n, 'file')} checked…`);
  const format = (args.format ?? 'text') as Format;
  const report = reporter(format, io.out, { version: manifest.version, rootUri: pathToFileURL(config.root + path.sep).href });
  const summary = await runCheck(config, packs, citations, { include, exclude, fix: args.fix, onFile }, report);
  progress.done();
  if (!args.quiet) {
    const fixed = args.fix ? `, fixed ${plural(summary.fixedFiles.length, 'file')}` : '';
    io.err(`fintech-lens: ${plural(summary.findings, 'finding')} in ${plural(summary.files, 'file')}${fixed}\n`);
  }
  if (packs.failed.length) return EXIT_ERROR;
  return summary.findings > 0 ? EXIT_FINDINGS : EXIT_CLEAN;
}

function listPacks(config: Config, io: Io): number {
  const packs = loadPacks(config);
  for (const { pack, file, builtin } of packs.packs) {
    const from = builtin ? 'built-in' : relative(config.root, file);
    io.out(`${pack.id}\t${pack.name.en || pack.id}\t${pack.glossary.length} terms\t${from}\n`);
  }
  for (const f of packs.failed) io.out(`(not loaded)\t${relative(config.root, f)}\n`);
  const lines = packProblemLines(config, packs);
  if (lines.length) io.out(`\nProblems:\n${lines.map((l) => `  ${l}\n`).join('')}`);
  if (packs.failed.length) return EXIT_ERROR;
  return packs.problems.length ? EXIT_FINDINGS : EXIT_CLEAN;
}

async function cite(args: Args, config: Config, io: Io): Promise<number> {
  const packs = loadPacks(config);
  if (packs.failed.length) io.err(failedPacksMessage(config, packs));
  const text = await citationChecker(config, packs).reference(args.key!, { style: args.style, locator: args.locator, file: args.file });
  if (text === undefined) {
    io.err(`fintech-lens: no bibliography entry or pack has the key "${args.key}"\n`);
    return EXIT_FINDINGS;
  }
  io.out(`${text}\n`);
  return EXIT_CLEAN;
}

/** Runs a command that writes one file: its summary on stderr, exit 0; or why nothing was written, exit 2. */
async function writeCommand(args: Args, io: Io, run: (o: OutputOptions) => Promise<Written> | Written): Promise<number> {
  const output: OutputOptions = { out: args.out, force: args.force, stdout: (d) => io.out(d) };
  let written: Written;
  try {
    written = await run(output);
  } catch (e) {
    if (!(e instanceof CommandError || e instanceof OutputExists)) throw e;
    io.err(`fintech-lens: ${e.message}\n`);
    return EXIT_ERROR;
  }
  if (!args.quiet) {
    for (const w of written.warnings ?? []) io.err(`fintech-lens: warning: ${w}\n`);
    io.err(`fintech-lens: ${written.summary}\n`);
  }
  return EXIT_CLEAN;
}

function resolveIn(io: Io, file: string): string {
  return path.resolve(io.cwd, file);
}

/** Paths as the user wrote them, resolved against the working directory (for messages: relative when inside it). */
function shown(io: Io, file: string | undefined): string | undefined {
  if (file === undefined || file === '-') return file;
  const rel = path.relative(io.cwd, resolveIn(io, file));
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : resolveIn(io, file);
}

export async function main(argv: string[], io: Io): Promise<number> {
  let args: Args | 'help' | 'version';
  try {
    args = parseArgs(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.err(`fintech-lens: ${e.message}\n\n${USAGE}`);
    return EXIT_ERROR;
  }
  if (args === 'help') {
    io.out(USAGE);
    return EXIT_CLEAN;
  }
  if (args === 'version') {
    io.out(`${manifest.version}\n`);
    return EXIT_CLEAN;
  }
  const progress = progressOn(io, args, io.progressInterval);
  const file = shown(io, args.operands[0])!;
  const out = shown(io, args.out);
  if (args.command === 'import') return writeCommand(args, io, (o) => importReport(file, { ...o, out }, progress));
  let config: Config;
  try {
    config = loadConfig(io.cwd, args.config);
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    io.err(`fintech-lens: ${e.message}\n`);
    return EXIT_ERROR;
  }
  if (!args.quiet) for (const w of config.unknown) io.err(`fintech-lens: warning: ${w}\n`);
  if (args.file && !fs.existsSync(args.file)) {
    io.err(`fintech-lens: ${args.file}: no such file\n`);
    return EXIT_ERROR;
  }
  switch (args.command) {
    case 'check':
      return check(args, config, io);
    case 'packs':
      return listPacks(config, io);
    case 'create-pack': {
      const terms = args.terms === undefined ? REVIEW_PRESELECTED : Number(args.terms);
      return writeCommand(args, io, (o) => createPack(file, config, { ...o, out, reference: args.reference, terms, id: args.id }));
    }
    case 'export': {
      const format = (args.format ?? 'html') as CliExportFormat;
      return writeCommand(args, io, (o) => exportDraft(file, config, { ...o, out, format, style: args.style, tooltips: args.tooltips || undefined }, progress));
    }
    default:
      return cite(args, config, io);
  }
}
