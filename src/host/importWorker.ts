/**
 * Worker thread for report import (pdf.js, mammoth and the layout analysis) and pack drafts, so the shared
 * extension host never blocks on a 300-page PDF. One worker per import: cancelling
 * terminates it. Bundled separately as dist/importWorker.js.
 */
import { parentPort } from 'worker_threads';
import { importBytes } from './import/readers';
import { draftPack } from '../core/import';

/** An import (a file's bytes), or a pack draft (a Markdown report's text). */
export type ImportWorkerRequest = { fileName: string; bytes: Uint8Array } | { draft: string };

parentPort?.once('message', (req: ImportWorkerRequest) => {
  if ('draft' in req) {
    try {
      parentPort!.postMessage({ draft: draftPack(req.draft) });
    } catch (e) {
      parentPort!.postMessage({ error: e instanceof Error ? e.message : String(e) });
    }
    return;
  }
  importBytes(req.fileName, req.bytes, (p) => parentPort!.postMessage({ progress: p })).then(
    (outcome) => parentPort!.postMessage({ outcome }),
    (e: unknown) => parentPort!.postMessage({ error: e instanceof Error ? e.message : String(e) }),
  );
});
