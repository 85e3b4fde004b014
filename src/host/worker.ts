/**
 * Worker thread for CPU-heavy core work (checking, parsing and binding report files), so
 * the shared extension host never blocks on it. Bundled separately as dist/worker.js.
 */
import { parentPort } from 'worker_threads';
import { analyzeReport, type AnalyzeRequest } from '../core/pack/analyze';

parentPort?.on('message', (req: AnalyzeRequest & { id: number }) => {
  try {
    parentPort!.postMessage({ id: req.id, result: analyzeReport(req) });
  } catch (e) {
    parentPort!.postMessage({ id: req.id, error: e instanceof Error ? e.message : String(e) });
  }
});
