/**
 * Runs a task so that only the latest request's run finishes: a request during a run marks that run superseded,
 * calls `cancel` (so work in flight, such as a parse in the worker, stops) and queues one more run.
 */
export class Superseded extends Error {
  constructor() {
    super('superseded by a newer request');
  }
}

export class LatestRun {
  private running: Promise<void> | undefined;
  private again = false;

  /**
   * `task` gets a check to call after each step that waited: it throws `Superseded` once a newer request came.
   * Errors other than `Superseded` (and than those `cancel` caused while superseded) go to `failed`.
   */
  constructor(
    private readonly task: (check: () => void) => Promise<void>,
    private readonly cancel: () => void,
    private readonly failed: (e: unknown) => void,
  ) {}

  /** Whether a run is under way. */
  get busy(): boolean {
    return this.running !== undefined;
  }

  /** Starts a run, or supersedes the one under way; settles when the latest run has finished. */
  request(): Promise<void> {
    if (this.running) {
      if (!this.again) {
        this.again = true;
        this.cancel();
      }
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        const check = (): void => {
          if (this.again) throw new Superseded();
        };
        try {
          await this.task(check);
        } catch (e) {
          if (!this.again && !(e instanceof Superseded)) this.failed(e);
        }
      } while (this.again);
    })().finally(() => (this.running = undefined));
    return this.running;
  }
}
