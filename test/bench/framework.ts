/**
 * A small benchmark framework: areas register measurement groups, the runner executes them
 * in order and prints a table (or a JSON array with `--json`).
 *
 * To add measurements, create `test/bench/<area>.ts`:
 *
 *   import { bench } from './framework';
 *   bench('area', async (r) => {
 *     const t = measure(() => work(), { runs: 9 });
 *     r.record('area.work_ms', t.median, 'ms', '< 50');
 *   });
 *
 * and import it from `test/bench/bench.ts`. Names must stay stable from run to run.
 * Targets are written `< x`, `<= x`, `> x`, `>= x`, or '' for information only.
 */

/** One line of the benchmark's output (also the JSON shape). */
export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  target: string;
  pass: boolean;
}

export interface Recorder {
  /** Records one figure; `pass` is computed from `target`. Returns the value. */
  record(name: string, value: number, unit: string, target?: string): number;
  /** Progress message (goes to stderr, never into the JSON). */
  log(message: string): void;
}

export type BenchGroup = { area: string; run: (r: Recorder) => void | Promise<void> };

const groups: BenchGroup[] = [];

/** Registers a group of measurements for an area (e.g. 'terms'). */
export function bench(area: string, run: (r: Recorder) => void | Promise<void>): void {
  groups.push({ area, run });
}

/** Evaluates a target such as `< 300` or `>= 100` for a value. An empty target always passes. */
export function meetsTarget(value: number, target: string): boolean {
  const t = target.trim();
  if (t === '') return Number.isFinite(value);
  const m = /^(<=|>=|<|>|≤|≥)\s*(-?[\d.]+(?:e-?\d+)?)/.exec(t);
  if (!m) throw new Error(`Unreadable target '${target}'`);
  const bound = Number(m[2]);
  if (!Number.isFinite(value)) return false;
  switch (m[1]) {
    case '<': return value < bound;
    case '<=': case '≤': return value <= bound;
    case '>': return value > bound;
    default: return value >= bound;
  }
}

export interface RunOptions {
  /** Only areas whose name contains one of these strings. */
  filter?: string[];
  log?: (message: string) => void;
}

/** The registered areas, in order. */
export function areas(): string[] {
  return [...new Set(groups.map((g) => g.area))];
}

/** Runs every registered group in order. A group that throws records `<area>.error` as failed and the run goes on. */
export async function runBenchmarks(options: RunOptions = {}): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  const log = options.log ?? ((m: string) => process.stderr.write(m + '\n'));
  for (const g of groups) {
    if (options.filter && options.filter.length > 0 && !options.filter.some((f) => g.area.includes(f))) continue;
    const recorder: Recorder = {
      record(name, value, unit, target = '') {
        results.push({ name, value: round(value), unit, target, pass: meetsTarget(value, target) });
        return value;
      },
      log: (m) => log(`[${g.area}] ${m}`),
    };
    try {
      log(`[${g.area}] running…`);
      await g.run(recorder);
    } catch (e) {
      log(`[${g.area}] failed: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
      results.push({ name: `${g.area}.error`, value: NaN, unit: '', target: 'no error', pass: false });
    }
  }
  return results;
}

function round(v: number): number {
  if (!Number.isFinite(v)) return v;
  const a = Math.abs(v);
  const digits = a >= 100 ? 1 : a >= 1 ? 3 : 4;
  return Number(v.toFixed(digits));
}

/** Formats results as an aligned text table. */
export function formatTable(results: readonly BenchResult[]): string {
  const rows = [['name', 'value', 'unit', 'target', 'pass']];
  for (const r of results) rows.push([r.name, String(r.value), r.unit, r.target, r.pass ? 'yes' : 'NO']);
  const widths = rows[0].map((_, c) => Math.max(...rows.map((row) => row[c].length)));
  const line = (row: string[]) => row.map((cell, c) => (c === 1 ? cell.padStart(widths[c]) : cell.padEnd(widths[c]))).join('  ').trimEnd();
  const out = [line(rows[0]), widths.map((w) => '-'.repeat(w)).join('  ')];
  for (const row of rows.slice(1)) out.push(line(row));
  const failed = results.filter((r) => !r.pass).length;
  out.push('', failed === 0 ? `all ${results.length} figures meet their targets` : `${failed} of ${results.length} figures miss their targets`);
  return out.join('\n');
}
