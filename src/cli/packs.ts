/**
 * Packs for the command line, loaded the way the extension loads them: the built-in pack (unless
 * `builtinPack.enabled` is false), then every workspace file matching `fintechLens.packs`, in path
 * order, skipping a pack whose id is already loaded. A pack with errors is reported and left out;
 * the others keep working.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadPack } from '../core/pack/load';
import type { ReportPack } from '../core/pack/types';
import { BUILTIN_PACK_PATH } from '../core/settings';
import { buildTermIndex, type TermIndex } from '../core/terms';
import { duplicatePackProblem, packLoadFailedProblem, termWarningProblem } from '../core/pack/select';
import type { Problem } from '../core/text/types';
import type { Config } from './config';
import { walk } from './files';

export interface CliPack {
  pack: ReportPack;
  /** Absolute path of the pack file. */
  file: string;
  builtin: boolean;
}

/** A problem of a pack file, located in that file. */
export interface PackProblem {
  file: string;
  text: string;
  problem: Problem;
}

export interface LoadedPacks {
  packs: CliPack[];
  index: TermIndex;
  problems: PackProblem[];
  /** Pack files that could not be used at all (unreadable, or errors that stop loading). */
  failed: string[];
}

/** Where the built-in pack is: beside the bundle (dist/cli.js → media/…), or in the source tree. */
export function builtinPackFile(): string {
  const candidates = [path.resolve(__dirname, '..', ...BUILTIN_PACK_PATH), path.resolve(__dirname, '..', '..', ...BUILTIN_PACK_PATH)];
  return candidates.find((f) => fs.existsSync(f)) ?? candidates[0];
}

const MAX_WORKSPACE_PACKS = 200;

export function loadPacks(config: Config): LoadedPacks {
  const packs: CliPack[] = [];
  const problems: PackProblem[] = [];
  const failed: string[] = [];
  const texts = new Map<string, string>();
  const one = (file: string, builtin: boolean): CliPack | undefined => {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (e) {
      problems.push({ file, text: '', problem: packLoadFailedProblem((e as Error).message) });
      failed.push(file);
      return undefined;
    }
    const loaded = loadPack(text);
    for (const p of loaded.problems) problems.push({ file, text, problem: p });
    if (!loaded.pack) {
      failed.push(file);
      return undefined;
    }
    texts.set(file, text);
    return { pack: loaded.pack, file, builtin };
  };
  if (config.get('builtinPack.enabled') !== false) {
    const entry = one(builtinPackFile(), true);
    if (entry) packs.push(entry);
  }
  const globs = (config.get('packs') as string[] | undefined) ?? [];
  const found: string[] = [];
  if (globs.length) {
    for (const file of walk(config.root, globs, { exclude: ['**/node_modules/**'] })) {
      found.push(file);
      if (found.length >= MAX_WORKSPACE_PACKS) break;
    }
  }
  for (const file of found.sort()) {
    const entry = one(file, false);
    if (!entry) continue;
    const clash = packs.find((e) => e.pack.id === entry.pack.id);
    if (clash) {
      const from = clash.builtin ? undefined : path.relative(config.root, clash.file).split(path.sep).join('/');
      problems.push({ file, text: texts.get(file) ?? '', problem: duplicatePackProblem(entry.pack.id, from) });
      continue;
    }
    packs.push(entry);
  }
  const index = buildTermIndex(packs.map((e) => ({ packId: e.pack.id, terms: e.pack.glossary })));
  for (const w of index.warnings) {
    const entry = packs.find((e) => e.pack.id === w.packId);
    if (!entry) continue;
    const text = texts.get(entry.file) ?? '';
    problems.push({ file: entry.file, text, problem: termWarningProblem(w, text) });
  }
  return { packs, index, problems, failed };
}
