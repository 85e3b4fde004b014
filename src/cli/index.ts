/** Entry point of `dist/cli.js` (the package's `fintech-lens` bin). */
import { EXIT_ERROR, main } from './main';

main(process.argv.slice(2), {
  out: (s) => void process.stdout.write(s),
  err: (s) => void process.stderr.write(s),
  cwd: process.cwd(),
  tty: Boolean(process.stderr.isTTY),
  // For tests: progress reports without the two-second wait.
  progressInterval: /^\d+$/.test(process.env.FINTECH_LENS_PROGRESS_MS ?? '') ? Number(process.env.FINTECH_LENS_PROGRESS_MS) : undefined,
}).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`fintech-lens: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = EXIT_ERROR;
  },
);
