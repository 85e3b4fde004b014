/** pdf.js's worker module, loaded in-thread as `globalThis.pdfjsWorker` (it ships no typings). */
declare module 'pdfjs-dist/legacy/build/pdf.worker.mjs' {
  export const WorkerMessageHandler: unknown;
}
