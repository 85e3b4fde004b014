/**
 * Pandoc for the tests that use it as the judge. `test/setup-pandoc.sh` installs it (CI runs
 * as root on Debian); without it these tests fail in CI and are skipped, loudly, elsewhere.
 */
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

let version: string | null | undefined;

/** Pandoc's version line, or null when it is not installed. */
export function pandocVersion(): string | null {
  if (version === undefined) {
    const r = spawnSync('pandoc', ['--version'], { encoding: 'utf8' });
    version = r.status === 0 ? r.stdout.split('\n')[0] : null;
  }
  return version;
}

/** Unless `present`: fails in CI, else skips the suite, loudly, with `message`. */
function requireOrSkip(ctx: Mocha.Context, present: boolean, message: string): void {
  if (present) return;
  if (process.env.CI) throw new Error(`${message}; CI must have it.`);
  console.warn(`\n  !!! SKIPPED: ${message}.\n`);
  ctx.skip();
}

/** Call in a `before` hook: skips the suite (or fails it in CI) when pandoc is missing. */
export function requirePandoc(ctx: Mocha.Context): void {
  requireOrSkip(ctx, !!pandocVersion(), 'pandoc is not installed: run `sh test/setup-pandoc.sh` (or install pandoc 2.17+ with citeproc)');
}

/** Call in a `before` hook: skips the suite (or fails it in CI) when `command` does not run. */
export function requireProgram(ctx: Mocha.Context, command: string, name: string): void {
  const runs = spawnSync(command, ['--version'], { encoding: 'utf8' }).status === 0;
  requireOrSkip(ctx, runs, `${name} is not installed: run \`sh test/setup-pandoc.sh\` (or install ${command})`);
}

/** Runs pandoc with `args` on `input`; stdout and stderr. */
export function pandoc(args: string[], input: string, cwd?: string): { stdout: string; stderr: string; status: number | null } {
  const r = spawnSync('pandoc', args, { input, encoding: 'utf8', cwd, maxBuffer: 64 * 1024 * 1024 });
  if (r.error) throw r.error;
  return { stdout: r.stdout, stderr: r.stderr, status: r.status };
}

export function pandocJson(markdown: string): { blocks: unknown } {
  return JSON.parse(execFileSync('pandoc', ['-f', 'markdown', '-t', 'json'], { input: markdown, encoding: 'utf8' })) as { blocks: unknown };
}

/** What `pandoc -f markdown` does to its input before reading it: no BOM, no CR, tabs expanded to stops of 4. */
export function asPandocInput(text: string): string {
  return text
    .replace(/^\uFEFF/, '')
    .replace(/\r/g, '')
    .split('\n')
    .map((line) => {
      if (!line.includes('\t')) return line;
      let out = '';
      let col = 0;
      for (const ch of line) {
        if (ch === '\t') {
          const n = 4 - (col % 4);
          out += ' '.repeat(n);
          col += n;
        } else {
          out += ch;
          col++;
        }
      }
      return out;
    })
    .join('\n');
}

export interface PandocReading {
  blocks: unknown[];
  /** A title block's fields (title, author, date), each a `Plain` block of its inlines. */
  head: unknown[];
  /** The metadata, stringified: `key=value; …` in key order. */
  meta: string;
}

/**
 * Pandoc's reading (`-f markdown`) of many documents in one run: a Lua filter reads each with
 * `pandoc.read`, after the input handling of the command line (`asPandocInput`).
 */
export function pandocReadMany(texts: string[]): PandocReading[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fintech-lens-read-'));
  try {
    const file = path.join(dir, 'cases');
    const inputs = texts.map(asPandocInput);
    for (const t of inputs) if (t.includes('\0')) throw new Error('a case holds a NUL byte');
    fs.writeFileSync(file, inputs.join('\0'));
    const lua = path.resolve(__dirname, '..', '..', '..', 'test', 'pandoc', 'read-cases.lua');
    const r = spawnSync('pandoc', ['-f', 'markdown', '-t', 'json', '--lua-filter', lua], {
      input: '',
      encoding: 'utf8',
      maxBuffer: 512 * 1024 * 1024,
      env: { ...process.env, FINTECH_LENS_CASES: file },
    });
    if (r.error) throw r.error;
    if (r.status !== 0) throw new Error(`pandoc failed: ${r.stderr}`);
    type Div = { t: string; c: [[string, string[], Array<[string, string]>], unknown[]] };
    const divs = (JSON.parse(r.stdout) as { blocks: Div[] }).blocks;
    if (divs.length !== texts.length) throw new Error(`pandoc read ${divs.length} of ${texts.length} cases`);
    return divs.map((d) => {
      const [head, body] = d.c[1] as Div[];
      return { head: head.c[1], blocks: body.c[1], meta: d.c[0][2].find(([k]) => k === 'meta')?.[1] ?? '' };
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
