/**
 * The report worker of VS Code for the Web: the same work as `src/host/worker.ts` (checking, parsing and binding
 * report files), in a Web Worker. Bundled as dist/web/worker.js.
 */
import { handleAnalyzeMessage } from '../host/workerProtocol';

declare const self: { onmessage: ((e: { data: unknown }) => void) | null; postMessage(m: unknown): void };

self.onmessage = (e) => self.postMessage(handleAnalyzeMessage(e.data));
