/**
 * Worker thread for report import (pdf.js, mammoth and the layout analysis), so the shared
 * extension host never blocks on a 300-page PDF. One worker per import: cancelling
 * terminates it. Bundled separately as dist/importWorker.js.
 */
import { parentPort } from 'worker_threads';
import { importBytes } from './import/readers';

export interface ImportWorkerRequest {
  fileName: string;
  bytes: Uint8Array;
}

parentPort?.once('message', (req: ImportWorkerRequest) => {
  importBytes(req.fileName, req.bytes, (p) => parentPort!.postMessage({ progress: p })).then(
    (outcome) => parentPort!.postMessage({ outcome }),
    (e: unknown) => parentPort!.postMessage({ error: e instanceof Error ? e.message : String(e) }),
  );
});
