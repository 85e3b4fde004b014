/**
 * Runs report imports off the extension host's thread: one worker thread per import (pdf.js
 * and mammoth run there), terminated on cancellation. Without worker threads (a browser host)
 * the import runs inline, with the same core.
 */
import type { Worker as NodeWorker } from 'worker_threads';
import { convertReport, importFailure, importFormatOf, type ImportOutcome } from '../../core/import';
import { decodeText } from './decode';
import type { ImportProgress } from './readers';

export interface ImportCancellation {
  readonly isCancellationRequested: boolean;
  onCancellationRequested(listener: () => void): { dispose(): void };
}

export class ImportCancelled extends Error {
  constructor() {
    super('import cancelled');
  }
}

export class ReportImporter {
  constructor(private readonly workerPath: string | undefined) {}

  run(fileName: string, bytes: Uint8Array, token?: ImportCancellation, onProgress?: (p: ImportProgress) => void): Promise<ImportOutcome> {
    let Worker: typeof NodeWorker | undefined;
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      if (this.workerPath) Worker = (require('worker_threads') as typeof import('worker_threads')).Worker;
    } catch {
      Worker = undefined;
    }
    if (!Worker || !this.workerPath) return this.inline(fileName, bytes, token);
    const worker = new Worker(this.workerPath);
    return new Promise<ImportOutcome>((resolve, reject) => {
      let settled = false;
      const finish = (f: () => void): void => {
        if (settled) return;
        settled = true;
        sub?.dispose();
        void worker.terminate();
        f();
      };
      const sub = token?.onCancellationRequested(() => finish(() => reject(new ImportCancelled())));
      worker.on('message', (m: { progress?: ImportProgress; outcome?: ImportOutcome; error?: string }) => {
        if (m.progress) onProgress?.(m.progress);
        else if (m.outcome) finish(() => resolve(m.outcome!));
        else finish(() => reject(new Error(m.error ?? 'report import failed')));
      });
      worker.on('error', (e) => finish(() => reject(e)));
      worker.on('exit', (code) => finish(() => reject(new Error(`report import worker stopped (${code})`))));
      const copy = bytes.slice(); // transferred to the worker
      worker.postMessage({ fileName, bytes: copy }, [copy.buffer]);
      if (token?.isCancellationRequested) finish(() => reject(new ImportCancelled()));
    });
  }

  /** Text formats only: pdf.js and mammoth are bundled into the worker, not into the extension. */
  private async inline(fileName: string, bytes: Uint8Array, token?: ImportCancellation): Promise<ImportOutcome> {
    const format = importFormatOf(fileName, bytes.subarray(0, 8));
    if (!format) return { ok: false, failure: importFailure('unsupported', fileName) };
    if (format === 'pdf' || format === 'docx') return { ok: false, failure: importFailure('needsWorker', fileName) };
    const outcome = convertReport({ format, fileName, text: decodeText(bytes) });
    if (token?.isCancellationRequested) throw new ImportCancelled();
    return outcome;
  }
}
