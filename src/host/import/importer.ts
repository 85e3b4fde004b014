/**
 * Runs report imports off the extension host's thread: one worker per import (pdf.js and
 * mammoth run there), terminated on cancellation or when it answers. Without a worker (the web
 * host, for now) text formats import inline with the same core; PDF and Word files are refused.
 */
import { convertReport, draftPack, importFailure, importFormatOf, type ImportOutcome, type PackDraft } from '../../core/import';
import { decodeText } from './decode';
import type { ImportProgress } from './readers';
import type { WorkerChannel } from '../parser';

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
  /** `startWorker` starts the import worker (dist/importWorker.js); without it only text formats import, inline. */
  constructor(private readonly startWorker: (() => WorkerChannel) | undefined) {}

  run(fileName: string, bytes: Uint8Array, token?: ImportCancellation, onProgress?: (p: ImportProgress) => void): Promise<ImportOutcome> {
    if (!this.startWorker) return this.inline(fileName, bytes, token);
    return this.inWorker<ImportOutcome>({ fileName, bytes }, token, (message, done, fail) => {
      const m = message as { progress?: ImportProgress; outcome?: ImportOutcome; error?: string };
      if (m.progress) onProgress?.(m.progress);
      else if (m.outcome) done(m.outcome);
      else fail(new Error(m.error ?? 'report import failed'));
    });
  }

  /** The pack draft of a Markdown report (term statistics over the whole text): in the worker too. */
  draft(markdown: string, token?: ImportCancellation): Promise<PackDraft> {
    if (!this.startWorker) return Promise.resolve(draftPack(markdown));
    return this.inWorker<PackDraft>({ draft: markdown }, token, (message, done, fail) => {
      const m = message as { draft?: PackDraft; error?: string };
      if (m.draft) done(m.draft);
      else fail(new Error(m.error ?? 'pack draft failed'));
    });
  }

  /**
   * Sends one request to a worker of its own and settles once: with what `answer` accepts, on the worker's
   * failure, or on cancellation. The worker is terminated whichever comes first.
   */
  private inWorker<T>(
    request: unknown,
    token: ImportCancellation | undefined,
    answer: (message: unknown, done: (value: T) => void, fail: (e: Error) => void) => void,
  ): Promise<T> {
    const worker = this.startWorker!();
    return new Promise<T>((resolve, reject) => {
      let settled = false;
      const finish = (f: () => void): void => {
        if (settled) return;
        settled = true;
        sub?.dispose();
        worker.terminate();
        f();
      };
      const done = (value: T) => finish(() => resolve(value));
      const fail = (e: Error) => finish(() => reject(e));
      const sub = token?.onCancellationRequested(() => fail(new ImportCancelled()));
      worker.listen((message) => answer(message, done, fail), fail);
      worker.post(request);
      if (token?.isCancellationRequested) fail(new ImportCancelled());
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
