/**
 * Problems of choosing the packs to load, shared by every host: a pack file that could not be
 * loaded at all, and a second pack with an id already loaded (ignored, reported at the start of
 * its file), and the term engine's warnings about a pack's glossary.
 */
import { makeProblem } from '../text/messages';
import type { Problem } from '../text/types';
import type { TermIndexWarning } from '../terms/types';
import { termOffsetInPack } from './load';

/** A pack whose loading failed outright (unreadable file, unexpected error); `detail` says why. */
export function packLoadFailedProblem(detail: string): Problem {
  const range = { start: 0, end: 0 };
  return makeProblem('The pack could not be loaded: {0}. The other packs keep working.', [detail], 'error', 'pack.load-failed', range);
}

/** A workspace pack left unloaded because the workspace is not trusted. */
export function untrustedPackProblem(): Problem {
  const range = { start: 0, end: 0 };
  const template = 'This workspace is not trusted, so its packs are not loaded; only the built-in pack is used.';
  return makeProblem(template, [], 'information', 'pack.untrusted', range);
}

/** A second pack with an id already loaded from `otherPath` (undefined: the built-in pack). */
export function duplicatePackProblem(packId: string, otherPath: string | undefined): Problem {
  const range = { start: 0, end: 1 };
  const code = 'pack.duplicate-pack';
  return otherPath === undefined
    ? makeProblem('A pack with id "{0}" is already loaded from the built-in pack; this one is ignored.', [packId], 'error', code, range)
    : makeProblem('A pack with id "{0}" is already loaded from {1}; this one is ignored.', [packId, otherPath], 'error', code, range);
}

/** A term-index warning as a problem of its pack file, at the term's entry (else at the start). */
export function termWarningProblem(w: TermIndexWarning, packText: string): Problem {
  const at = (w.termId ? termOffsetInPack(packText, w.termId) : undefined) ?? 0;
  return { severity: w.severity, code: w.code, message: w.message, template: w.template, args: w.args, range: { start: at, end: at + 1 } };
}
