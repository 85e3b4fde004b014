/**
 * Checks, parses and binds report files off the extension host's thread: in a worker
 * thread when the host runs on Node, inline otherwise (e.g. a browser host, where the core
 * runs unchanged).
 */
import type { Worker as NodeWorker } from 'worker_threads';
import { analyzeReport, type AnalyzeRequest, type AnalyzeResult } from '../core/pack/analyze';

export class ReportParser {
  private worker: NodeWorker | undefined;
  private next = 1;
  private readonly pending = new Map<number, { resolve: (r: AnalyzeResult) => void; reject: (e: Error) => void }>();

  constructor(private workerPath: string | undefined) {}

  async analyze(req: AnalyzeRequest): Promise<AnalyzeResult> {
    const worker = this.ensureWorker();
    if (!worker) return analyzeReport(req);
    const id = this.next++;
    return new Promise<AnalyzeResult>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ ...req, id });
    });
  }

  private ensureWorker(): NodeWorker | undefined {
    if (this.worker || !this.workerPath) return this.worker;
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { Worker } = require('worker_threads') as typeof import('worker_threads');
      const w = new Worker(this.workerPath);
      w.unref();
      w.on('message', (m: { id: number; result?: AnalyzeResult; error?: string }) => {
        const p = this.pending.get(m.id);
        if (!p) return;
        this.pending.delete(m.id);
        if (m.result) p.resolve(m.result);
        else p.reject(new Error(m.error ?? 'report analysis failed'));
      });
      w.on('error', (e) => this.failAll(e));
      w.on('exit', () => {
        this.worker = undefined;
        this.failAll(new Error('report worker stopped'));
      });
      this.worker = w;
    } catch {
      this.workerPath = undefined;
    }
    return this.worker;
  }

  private failAll(e: Error): void {
    for (const p of this.pending.values()) p.reject(e);
    this.pending.clear();
  }

  dispose(): void {
    void this.worker?.terminate();
    this.worker = undefined;
  }
}
