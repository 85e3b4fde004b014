/**
 * Worker thread for CPU-heavy core work (checking, parsing and binding report files), so
 * the shared extension host never blocks on it. Bundled separately as dist/worker.js.
 */
import { parentPort } from 'worker_threads';
import { handleAnalyzeMessage } from './workerProtocol';

parentPort?.on('message', (m: unknown) => parentPort!.postMessage(handleAnalyzeMessage(m)));
