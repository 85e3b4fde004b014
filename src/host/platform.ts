/**
 * What differs between the desktop (Node) extension host and the web worker one. This is the Node version; the
 * browser builds resolve this module to `src/web/platform.ts` (see esbuild.js), so features import one name.
 */
import * as vscode from 'vscode';
import { Worker } from 'worker_threads';
import { ReportParser, type WorkerChannel } from './parser';
import { ReportImporter } from './import/importer';
import { nodePrograms, type ProgramRunner } from './programs';

export type { ProgramRunner };

export interface Platform {
  readonly kind: 'node' | 'web';
  /** Whether local programs (pandoc) can run here. */
  readonly canRunPrograms: boolean;
  /** The report parser, with its worker. */
  reportParser(extensionUri: vscode.Uri): ReportParser;
  /** Report import, with one worker per import where pdf.js and mammoth can run. */
  reportImporter(extensionUri: vscode.Uri): ReportImporter;
  /** Runs local programs (Pandoc for Word and PDF export); absent where none can run. */
  readonly programs?: ProgramRunner;
}

function nodeWorker(file: string): WorkerChannel {
  const w = new Worker(file);
  w.unref();
  return {
    post: (m) => w.postMessage(m),
    listen(received, failed) {
      let done = false;
      const fail = (e: Error) => { if (!done) { done = true; failed(e); } };
      w.on('message', received);
      w.on('error', fail);
      w.on('exit', () => fail(new Error('report worker stopped')));
    },
    terminate: () => void w.terminate(),
  };
}

export const platform: Platform = {
  kind: 'node',
  canRunPrograms: true,
  programs: nodePrograms,
  reportParser: (extensionUri) => new ReportParser(() => nodeWorker(vscode.Uri.joinPath(extensionUri, 'dist', 'worker.js').fsPath)),
  reportImporter: (extensionUri) => new ReportImporter(() => nodeWorker(vscode.Uri.joinPath(
    extensionUri,
    'dist',
    'importWorker.js',
  ).fsPath)),
};
