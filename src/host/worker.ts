/**
 * Worker thread for CPU-heavy core work (parsing large reports), so the shared
 * extension host never blocks on it. Bundled separately as dist/worker.js.
 */
import { parentPort } from 'worker_threads';
import { parseReport, type ReportFormat } from '../core/report';

export interface ParseRequest {
  id: number;
  text: string;
  fileName?: string;
  format?: ReportFormat;
}

parentPort?.on('message', (req: ParseRequest) => {
  try {
    const report = parseReport(req.text, { fileName: req.fileName, format: req.format });
    parentPort!.postMessage({ id: req.id, report });
  } catch (e) {
    parentPort!.postMessage({ id: req.id, error: e instanceof Error ? e.message : String(e) });
  }
});
