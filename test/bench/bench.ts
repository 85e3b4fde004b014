/**
 * The project's benchmark: `npm run bench` prints a table, `npm run bench -- --json` prints a JSON
 * array of `{ name, value, unit, target, pass }`. `--filter <area>` runs only matching areas.
 * Always exits 0; a missed target shows as pass: false.
 *
 * Each area registers its measurements in its own file (see framework.ts) imported here.
 */
import { formatTable, runBenchmarks } from './framework';
import './report';
import './terms';
import './citations';
import './lint';
import './taxonomy';

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const json = argv.includes('--json');
  const filter: string[] = [];
  for (let i = 0; i < argv.length; i++) if (argv[i] === '--filter' && argv[i + 1]) filter.push(argv[++i]);
  const results = await runBenchmarks({ filter });
  if (json) process.stdout.write(JSON.stringify(results, null, 2) + '\n');
  else process.stdout.write(formatTable(results) + '\n');
}

main().then(
  () => process.exit(0),
  (e) => {
    process.stderr.write(`benchmark failed: ${e instanceof Error ? e.stack : String(e)}\n`);
    process.exit(0);
  },
);
