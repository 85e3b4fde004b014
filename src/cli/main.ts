/**
 * `fintech-lens`: the command line over the same core as the extension, for review pipelines.
 *
 *   fintech-lens check [globs…] [--format text|json|sarif|github] [--fix] [--config file] [--quiet]
 *   fintech-lens cite --key K [--style S] [--locator L] [--file draft.md]
 *   fintech-lens packs
 *
 * Exit codes follow markdownlint-cli2: 0 nothing found, 1 findings, 2 a usage or configuration
 * error (bad arguments, an unreadable or invalid configuration, a pack that cannot be loaded).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LineIndex } from '../core/text/lines';
import { runCheck } from './check';
import { citationChecker } from './citations';
import { ConfigError, loadConfig, type Config } from './config';
import { patternsOf } from './files';
import { loadPacks, type LoadedPacks } from './packs';
import { FORMATS, reporter, type Format } from './report';
import manifest from '../../package.json';

export const EXIT_CLEAN = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_ERROR = 2;

const USAGE = `Usage: fintech-lens <command> [options]

Commands:
  check [globs…]   Check Markdown drafts: terminology rules and citations (default: **/*.{md,markdown}).
                   A glob starting with ! excludes; files and folders may be named directly.
  cite --key K     Print the formatted reference of a citation key.
  packs            List the loaded packs and their problems.

Options:
  --format F       check: text (default), json, sarif or github.
  --fix            check: apply the terminology fixes (the editor's Fix All) and write the files it changes.
  --config FILE    Read the settings from FILE instead of .vscode/settings.json and .fintech-lens.json(c).
  --style S        cite: gbt7714-2025, gbt7714-2015 or apa7 (default: the fintechLens.citation.style setting).
  --locator L      cite: a page or section, e.g. "p. 29" or "sec. 1.3".
  --file F         cite: the draft whose bibliography holds the key (default: the workspace's setting).
  --quiet          No progress or summary on stderr.
  -h, --help       Show this help.
  -v, --version    Show the version.

Exit codes: 0 clean, 1 findings, 2 usage or configuration error.
`;

class UsageError extends Error {}

interface Args {
  command: string;
  operands: string[];
  format: Format;
  fix: boolean;
  quiet: boolean;
  config?: string;
  key?: string;
  style?: string;
  locator?: string;
  file?: string;
}

const STYLES = ['gbt7714-2025', 'gbt7714-2015', 'apa7'];
const VALUE_OPTIONS = new Set(['--format', '--config', '--key', '--style', '--locator', '--file']);

export function parseArgs(argv: string[]): Args | 'help' | 'version' {
  const args: Args = { command: '', operands: [], format: 'text', fix: false, quiet: false };
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
      switch (a) {
        case '--format':
          if (!(FORMATS as readonly string[]).includes(value)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}`);
          args.format = value as Format;
          break;
        case '--config':
          args.config = value;
          break;
        case '--key':
          args.key = value;
          break;
        case '--style':
          if (!STYLES.includes(value)) throw new UsageError(`--style must be one of ${STYLES.join(', ')}`);
          args.style = value;
          break;
        case '--locator':
          args.locator = value;
          break;
        default:
          args.file = value;
      }
    } else if (a === '--fix') {
      args.fix = true;
    } else if (a === '--quiet') {
      args.quiet = true;
    } else if (a.startsWith('-') && a !== '-' && !a.startsWith('!')) {
      throw new UsageError(`unknown option ${a}`);
    } else if (!args.command) {
      args.command = a;
    } else {
      args.operands.push(a);
    }
  }
  if (!args.command) throw new UsageError('no command given');
  if (!['check', 'cite', 'packs'].includes(args.command)) throw new UsageError(`unknown command "${args.command}"`);
  if (args.command === 'cite' && !args.key) throw new UsageError('cite needs --key');
  if (args.command !== 'check' && (args.fix || args.format !== 'text')) throw new UsageError(`--fix and --format belong to check`);
  if (args.command !== 'check' && args.operands.length) throw new UsageError(`${args.command} takes no file arguments`);
  return args;
}

interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
  cwd: string;
  /** Whether stderr is a terminal (progress is then redrawn in place). */
  tty: boolean;
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
  const started = Date.now();
  let lastProgress = started;
  const progress = (n: number): void => {
    if (args.quiet) return;
    const now = Date.now();
    if (now - lastProgress < 2000) return;
    lastProgress = now;
    io.err(io.tty ? `\rfintech-lens: ${n} files checked…` : `fintech-lens: ${n} files checked…\n`);
  };
  const report = reporter(args.format, io.out, { version: manifest.version, rootUri: pathToFileURL(config.root + path.sep).href });
  const summary = await runCheck(config, packs, citations, { include, exclude, fix: args.fix, onFile: progress }, report);
  if (!args.quiet) {
    if (io.tty && lastProgress !== started) io.err('\r');
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
    default:
      return cite(args, config, io);
  }
}
