/**
 * The web worker extension host's platform (VS Code for the Web): the report parser runs in a nested Web Worker
 * made from `dist/web/worker.js`, inline only where no worker can start; no local programs run here.
 *
 * VS Code refuses `new Worker(<vscode-remote URI>)` from a web extension served by a remote (code-server, Codespaces),
 * but its `fetch` resolves such URIs: the worker's script is fetched and started from a `blob:` URL.
 */
import * as vscode from 'vscode';
import { ReportParser, type WorkerChannel } from '../host/parser';
import type { Platform } from '../host/platform';
import { ReportImporter } from '../host/import/importer';

/** The parts of the browser APIs used here (the project's type checks have no DOM library). */
interface WebWorker {
  postMessage(message: unknown): void;
  onmessage: ((e: { data: unknown }) => void) | null;
  onerror: ((e: { message?: string; preventDefault(): void }) => void) | null;
  terminate(): void;
}
declare const Worker: (new (url: string) => WebWorker) | undefined;
declare const Blob: new (parts: string[], options: { type: string }) => object;
declare const URL: { createObjectURL(blob: object): string; revokeObjectURL(url: string): void };
declare function fetch(url: string): Promise<{ ok: boolean; status: number; text(): Promise<string> }>;

async function startWebWorker(uri: vscode.Uri): Promise<WebWorker> {
  const res = await fetch(uri.toString(true));
  if (!res.ok) throw new Error(`could not load the report worker (HTTP ${res.status})`);
  const url = URL.createObjectURL(new Blob([await res.text()], { type: 'application/javascript' }));
  try {
    return new Worker!(url);
  } finally {
    // The worker has its own reference to the script once constructed.
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }
}

function webWorker(uri: vscode.Uri): WorkerChannel {
  const queue: unknown[] = [];
  let worker: WebWorker | undefined;
  let stopped = false;
  let onMessage: (m: unknown) => void = () => undefined;
  let onFailure: (e: Error) => void = () => undefined;
  startWebWorker(uri).then((w) => {
    if (stopped) return w.terminate();
    w.onmessage = (e) => onMessage(e.data);
    w.onerror = (e) => {
      e.preventDefault();
      onFailure(new Error(e.message || 'report worker failed'));
    };
    worker = w;
    for (const m of queue.splice(0)) w.postMessage(m);
  }, (e: unknown) => onFailure(e instanceof Error ? e : new Error(String(e))));
  return {
    post: (m) => (worker ? worker.postMessage(m) : queue.push(m)),
    listen(received, failed) {
      onMessage = received;
      onFailure = failed;
    },
    terminate() {
      stopped = true;
      worker?.terminate();
    },
  };
}

export const platform: Platform = {
  kind: 'web',
  canRunPrograms: false,
  reportParser: (extensionUri) => new ReportParser(typeof Worker === 'function'
    ? () => webWorker(vscode.Uri.joinPath(extensionUri, 'dist', 'web', 'worker.js'))
    : undefined),
  // pdf.js and mammoth are bundled for Node only: here Markdown, text and HTML reports import inline.
  reportImporter: () => new ReportImporter(undefined),
};
