/**
 * The project's benchmark: `npm run bench` prints a table, `npm run bench -- --json` prints a JSON
 * array of `{ name, value, unit, target, pass }`. `--filter <area>` runs only matching areas.
 * Exits 1 when a figure misses its target (after printing them all: pass: false, or NO in the table).
 *
 * Each area registers its measurements in its own file (see framework.ts) imported here.
 */
import { spawnSync } from 'child_process';
import { areas, formatTable, runBenchmarks, type BenchResult } from './framework';
import './report';
import './terms';
import './citations';
import './lint';
import './taxonomy';
import './import';
import './cli';
import './preview';

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  const json = argv.includes('--json');
  const filter: string[] = [];
  for (let i = 0; i < argv.length; i++) if (argv[i] === '--filter' && argv[i + 1]) filter.push(argv[++i]);
  // Each area runs in a process of its own, so one area's heap and compiled code do not weigh on the next.
  const results: BenchResult[] = [];
  if (filter.length > 0) {
    results.push(...(await runBenchmarks({ filter })));
  } else {
    for (const area of areas()) {
      const child = spawnSync(process.execPath, [...process.execArgv, __filename, '--json', '--filter', area], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 * 1024 * 1024 });
      try {
        results.push(...(JSON.parse(child.stdout) as BenchResult[]).filter((r) => r.name.startsWith(`${area}.`)));
      } catch {
        results.push({ name: `${area}.error`, value: NaN, unit: '', target: 'no error', pass: false });
      }
    }
  }
  if (json) process.stdout.write(JSON.stringify(results, null, 2) + '\n');
  else process.stdout.write(formatTable(results) + '\n');
  return results.every((r) => r.pass) ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    process.stderr.write(`benchmark failed: ${e instanceof Error ? e.stack : String(e)}\n`);
    process.exit(1);
  },
);
