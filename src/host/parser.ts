/**
 * Parses reports off the extension host's thread: in a worker thread when the host
 * runs on Node, inline otherwise (e.g. a browser host, where the core runs unchanged).
 */
import type { Worker as NodeWorker } from 'worker_threads';
import { parseReport, type ParsedReport, type ReportFormat } from '../core/report';

export class ReportParser {
  private worker: NodeWorker | undefined;
  private next = 1;
  private readonly pending = new Map<number, { resolve: (r: ParsedReport) => void; reject: (e: Error) => void }>();

  constructor(private workerPath: string | undefined) {}

  async parse(text: string, fileName?: string, format?: ReportFormat): Promise<ParsedReport> {
    const worker = this.ensureWorker();
    if (!worker) return parseReport(text, { fileName, format });
    const id = this.next++;
    return new Promise<ParsedReport>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, text, fileName, format });
    });
  }

  private ensureWorker(): NodeWorker | undefined {
    if (this.worker || !this.workerPath) return this.worker;
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { Worker } = require('worker_threads') as typeof import('worker_threads');
      const w = new Worker(this.workerPath);
      w.unref();
      w.on('message', (m: { id: number; report?: ParsedReport; error?: string }) => {
        const p = this.pending.get(m.id);
        if (!p) return;
        this.pending.delete(m.id);
        if (m.report) p.resolve(m.report);
        else p.reject(new Error(m.error ?? 'parse failed'));
      });
      w.on('error', (e) => this.failAll(e));
      w.on('exit', () => {
        this.worker = undefined;
        this.failAll(new Error('report parser stopped'));
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
