/**
 * The files a command works on: a walk of the workspace that yields one path at a time (nothing
 * is collected, so a 10,000-file repository costs no more memory than a small one), matched
 * against glob patterns relative to the root. `!pattern` excludes; `.git` and `node_modules`
 * are never entered.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import picomatch from 'picomatch';

export const DEFAULT_GLOBS = ['**/*.{md,markdown}'];
const NEVER_ENTERED = new Set(['.git', 'node_modules']);

export interface WalkOptions {
  /** Patterns excluded in addition to the `!` patterns. */
  exclude?: string[];
}

/** Turns command-line operands (globs, files, folders) into include and exclude patterns. */
export function patternsOf(root: string, operands: string[]): { include: string[]; exclude: string[] } {
  const include: string[] = [];
  const exclude: string[] = [];
  for (const raw of operands) {
    const negated = raw.startsWith('!');
    let p = (negated ? raw.slice(1) : raw).split(path.sep).join('/');
    const abs = path.resolve(root, p);
    if (!/[*?[\]{}]/.test(p) && fs.existsSync(abs)) {
      const rel = path.relative(root, abs).split(path.sep).join('/');
      p = fs.statSync(abs).isDirectory() ? `${rel ? `${rel}/` : ''}**/*.{md,markdown}` : rel;
    } else if (p.startsWith('./')) {
      p = p.slice(2);
    }
    (negated ? exclude : include).push(p);
  }
  return { include: include.length ? include : [...DEFAULT_GLOBS], exclude };
}

/** Yields the absolute path of every file under `root` that matches `patterns`, in a stable order. */
export function* walk(root: string, patterns: string[], options: WalkOptions = {}): Generator<string> {
  const include = patterns.filter((p) => !p.startsWith('!'));
  const exclude = [...patterns.filter((p) => p.startsWith('!')).map((p) => p.slice(1)), ...(options.exclude ?? [])];
  const isIncluded = picomatch(include, { dot: false });
  const isExcluded = exclude.length ? picomatch(exclude, { dot: true }) : () => false;
  const pending: string[] = [''];
  while (pending.length) {
    const rel = pending.pop()!;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(path.join(root, rel), { withFileTypes: true });
    } catch {
      continue; // a folder that vanished or cannot be read
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const dirs: string[] = [];
    for (const e of entries) {
      const child = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) {
        if (!NEVER_ENTERED.has(e.name)) dirs.push(child);
      } else if ((e.isFile() || e.isSymbolicLink()) && isIncluded(child) && !isExcluded(child)) {
        yield path.join(root, child);
      }
    }
    // Depth-first, in name order: push in reverse so that the first folder is walked first.
    for (let i = dirs.length - 1; i >= 0; i--) pending.push(dirs[i]);
  }
}
