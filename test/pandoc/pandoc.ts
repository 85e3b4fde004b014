/**
 * Pandoc for the tests that use it as the judge. `test/setup-pandoc.sh` installs it (CI runs
 * as root on Debian); without it these tests fail in CI and are skipped, loudly, elsewhere.
 */
import { execFileSync, spawnSync } from 'child_process';

let version: string | null | undefined;

/** Pandoc's version line, or null when it is not installed. */
export function pandocVersion(): string | null {
  if (version === undefined) {
    const r = spawnSync('pandoc', ['--version'], { encoding: 'utf8' });
    version = r.status === 0 ? r.stdout.split('\n')[0] : null;
  }
  return version;
}

/** Call in a `before` hook: skips the suite (or fails it in CI) when pandoc is missing. */
export function requirePandoc(ctx: Mocha.Context): void {
  if (pandocVersion()) return;
  const message = 'pandoc is not installed: run `sh test/setup-pandoc.sh` (or install pandoc 2.17+ with citeproc)';
  if (process.env.CI) throw new Error(`${message}; CI must have it.`);
  console.warn(`\n  !!! SKIPPED: ${message}.\n`);
  ctx.skip();
}

/** Call in a `before` hook: skips the suite (or fails it in CI) when `command` does not run. */
export function requireProgram(ctx: Mocha.Context, command: string, name: string): void {
  if (spawnSync(command, ['--version'], { encoding: 'utf8' }).status === 0) return;
  const message = `${name} is not installed: run \`sh test/setup-pandoc.sh\` (or install ${command})`;
  if (process.env.CI) throw new Error(`${message}; CI must have it.`);
  console.warn(`\n  !!! SKIPPED: ${message}.\n`);
  ctx.skip();
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
