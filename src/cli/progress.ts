/**
 * Progress of a long run on stderr (stdout stays the command's output): shown when stderr is a
 * terminal, redrawn in place, or with `--progress` as a line every two seconds; never with
 * `--quiet`. The first report waits one interval, so short runs print none.
 */
export interface ProgressIo {
  err: (s: string) => void;
  tty: boolean;
}

export interface Progress {
  /** Reports `message` (throttled). */
  report(message: string): void;
  /** Ends the progress line, if one was drawn. */
  done(): void;
}

export const PROGRESS_INTERVAL_MS = 2000;

export function progressOn(io: ProgressIo, options: { quiet?: boolean; progress?: boolean }, interval = PROGRESS_INTERVAL_MS): Progress {
  const enabled = !options.quiet && (io.tty || options.progress === true);
  const now = Date.now;
  let last = now();
  let drawn = false;
  return {
    report(message) {
      if (!enabled) return;
      const t = now();
      if (t - last < interval) return;
      last = t;
      if (io.tty) {
        io.err(`\r\x1b[Kfintech-lens: ${message}`);
        drawn = true;
      } else {
        io.err(`fintech-lens: ${message}\n`);
      }
    },
    done() {
      if (drawn) io.err('\r\x1b[K');
      drawn = false;
    },
  };
}
