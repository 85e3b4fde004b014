/**
 * Checks, parses and binds report files off the extension host's thread: in a worker (a Node worker thread on the
 * desktop, a Web Worker in VS Code for the Web; see `platform.ts`), and inline only where no worker can start.
 */
import { analyzeReport, type AnalyzeRequest, type AnalyzeResult } from '../core/pack/analyze';

/** What the parser needs of a worker, whether Node's `worker_threads` or a browser Web Worker. */
export interface WorkerChannel {
  post(message: unknown): void;
  /** `received` gets each message; `failed` is called once when the worker errors or stops. */
  listen(received: (message: unknown) => void, failed: (error: Error) => void): void;
  terminate(): void;
}

/** What `analyze` rejects with when `cancel` stopped it. */
export class ParseCancelled extends Error {
  constructor() {
    super('report analysis cancelled');
  }
}

interface Pending {
  req: AnalyzeRequest;
  resolve: (r: AnalyzeResult) => void;
  reject: (e: Error) => void;
}

export class ReportParser {
  private worker: WorkerChannel | undefined;
  /** Whether the worker has answered once: a worker that fails before that is given up for inline work. */
  private workerAnswered = false;
  /** Why the worker could not be used, when it could not. */
  workerProblem: string | undefined;
  private next = 1;
  private readonly pending = new Map<number, Pending>();
  /** Bumped by `cancel`: inline work queued under an older epoch does not start. */
  private epoch = 0;

  /** `startWorker` starts a worker running `dist/worker.js` (or its web twin); without one, work runs inline. */
  constructor(private startWorker: (() => WorkerChannel) | undefined) {}

  /** `worker` once a worker has answered, `inline` when work runs on this thread, `starting` before either. */
  get mode(): 'worker' | 'inline' | 'starting' {
    if (this.workerAnswered) return 'worker';
    return this.startWorker ? 'starting' : 'inline';
  }

  async analyze(req: AnalyzeRequest): Promise<AnalyzeResult> {
    const worker = this.ensureWorker();
    if (!worker) return this.inline(req);
    const id = this.next++;
    return new Promise<AnalyzeResult>((resolve, reject) => {
      this.pending.set(id, { req, resolve, reject });
      worker.post({ ...req, id });
    });
  }

  private ensureWorker(): WorkerChannel | undefined {
    if (this.worker || !this.startWorker) return this.worker;
    try {
      const w = this.startWorker();
      w.listen((m) => this.received(m as { id: number; result?: AnalyzeResult; error?: string }), (e) => this.failed(w, e));
      this.worker = w;
    } catch (e) {
      this.workerProblem = e instanceof Error ? e.message : String(e);
      this.startWorker = undefined;
    }
    return this.worker;
  }

  private received(m: { id: number; result?: AnalyzeResult; error?: string }): void {
    this.workerAnswered = true;
    const p = this.pending.get(m.id);
    if (!p) return;
    this.pending.delete(m.id);
    if (m.result) p.resolve(m.result);
    else p.reject(new Error(m.error ?? 'report analysis failed'));
  }

  private failed(w: WorkerChannel, e: Error): void {
    if (this.worker !== w) return;
    this.worker = undefined;
    const pending = [...this.pending.values()];
    this.pending.clear();
    if (!this.workerAnswered) {
      this.workerProblem = e.message;
      // The worker could not start here (e.g. a browser that refuses nested workers): work inline from now on.
      this.startWorker = undefined;
      for (const p of pending) this.inline(p.req).then(p.resolve, p.reject);
      return;
    }
    for (const p of pending) p.reject(e);
  }

  /**
   * Stops every analysis under way: each rejects with `ParseCancelled`. A worker that is busy is terminated (a
   * parse cannot be interrupted any other way) and the next request starts a fresh one, so superseded work
   * never holds the worker.
   */
  cancel(): void {
    this.epoch++;
    if (this.pending.size === 0) return;
    const pending = [...this.pending.values()];
    this.pending.clear();
    const w = this.worker;
    this.worker = undefined;
    w?.terminate();
    for (const p of pending) p.reject(new ParseCancelled());
  }

  /** Inline analysis, after yielding once so the caller's turn of the event loop finishes first. */
  private async inline(req: AnalyzeRequest): Promise<AnalyzeResult> {
    const epoch = this.epoch;
    await new Promise((r) => setTimeout(r, 0));
    if (epoch !== this.epoch) throw new ParseCancelled();
    return analyzeReport(req);
  }

  dispose(): void {
    this.worker?.terminate();
    this.worker = undefined;
  }
}
