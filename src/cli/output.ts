/**
 * Writing what a command makes (an imported copy, a pack, an export): new files only, unless
 * `--force`. The file is created exclusively, so a file that appears meanwhile is not replaced
 * either; nothing is written when the command fails.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export class OutputExists extends Error {
  constructor(readonly file: string) {
    super(`${file} exists (use --force to replace it, or --out to write elsewhere); nothing was written`);
  }
}

/** Writes `data` to a new file `file` (replacing one only with `force`); throws `OutputExists`. */
export function writeOutput(file: string, data: string | Uint8Array, force: boolean): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  try {
    fs.writeFileSync(file, data, { flag: force ? 'w' : 'wx' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') throw new OutputExists(file);
    throw e;
  }
}

/** Refuses early (before any long work) when `file` exists and may not be replaced. */
export function checkOutput(file: string, force: boolean): void {
  if (!force && fs.existsSync(file)) throw new OutputExists(file);
}
