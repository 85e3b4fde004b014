/**
 * Shared settings for the fast-check property tests (test/unit/property/*.test.ts).
 *
 * - `npm test` / `npm run test:unit` run every property with a fixed seed, a bounded number of runs and a bounded
 *   time, so a run is reproducible and never slow.
 * - `npm run fuzz` runs the same properties with `FUZZ=10`: ten times the runs and ten times the time budget, and a
 *   fresh seed unless `FUZZ_SEED` is set. A failure prints the seed and path to replay it.
 *
 * Usage:
 *   import { checkProperty, propertyTimeout } from './config';
 *   it('never throws', function () {
 *     this.timeout(propertyTimeout());
 *     checkProperty(fc.property(fc.string(), (s) => { parse(s); }));
 *   });
 */
import * as fc from 'fast-check';

/** The seed of `npm test`. */
export const FIXED_SEED = 20260701;

function envNumber(name: string): number | undefined {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return undefined;
  const n = Number(raw);
  return Number.isFinite(n) && n > 0 ? n : undefined;
}

/** How much longer than `npm test` this run is: 1 normally, 10 under `npm run fuzz` (`FUZZ=10`). */
export function fuzzMultiplier(): number {
  return envNumber('FUZZ') ?? 1;
}

/** The seed of this run: fixed in `npm test`; random under `npm run fuzz` unless `FUZZ_SEED` pins it. */
export function propertySeed(): number {
  const pinned = envNumber('FUZZ_SEED');
  if (pinned !== undefined) return pinned;
  return fuzzMultiplier() > 1 ? (Date.now() ^ (Math.random() * 0x7fffffff)) >>> 0 : FIXED_SEED;
}

export interface PropertyBudget {
  /** Runs in `npm test` (multiplied under fuzz). Default 100. */
  numRuns?: number;
  /** Time budget in ms in `npm test` (multiplied under fuzz). Default 1,500. */
  timeMs?: number;
}

const DEFAULT_RUNS = 100;
const DEFAULT_TIME_MS = 1500;

/**
 * fast-check parameters for one property: the run's seed, `numRuns` and a time limit, both scaled by the fuzz
 * multiplier. Hitting the time limit ends the run without failing it (the runs done so far all passed), so the
 * budget bounds the time on a loaded machine without making the test flaky.
 */
export function propertyParams<T>(budget: PropertyBudget = {}): fc.Parameters<T> {
  const m = fuzzMultiplier();
  return {
    seed: propertySeed(),
    numRuns: Math.max(1, Math.round((budget.numRuns ?? DEFAULT_RUNS) * m)),
    interruptAfterTimeLimit: Math.round((budget.timeMs ?? DEFAULT_TIME_MS) * m),
    markInterruptAsFailure: false,
  };
}

/** The mocha timeout for a test that checks properties with a total budget of `timeMs` (before scaling). */
export function propertyTimeout(timeMs = DEFAULT_TIME_MS): number {
  // Time limit + shrinking of a failure + setup: generous, because a timeout would hide the counterexample.
  return Math.round(timeMs * fuzzMultiplier()) * 4 + 10_000;
}

/** Asserts a property with the shared parameters (see `propertyParams`). */
export function checkProperty<Ts extends [unknown, ...unknown[]]>(
  property: fc.IProperty<Ts>,
  budget: PropertyBudget = {},
): void {
  fc.assert(property, propertyParams<Ts>(budget));
}

/** Asserts an asynchronous property with the shared parameters. */
export async function checkAsyncProperty<Ts extends [unknown, ...unknown[]]>(
  property: fc.IAsyncProperty<Ts>,
  budget: PropertyBudget = {},
): Promise<void> {
  await fc.assert(property, propertyParams<Ts>(budget));
}
