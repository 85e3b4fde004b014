// Mocha's browser build: it defines the global `mocha` (and, after setup, `describe`/`it`) in the web worker.
import 'mocha/mocha';

/** The browser build's global (its typings describe only the Node API). */
export interface BrowserMocha {
  setup(options: Record<string, unknown>): void;
  run(done: (failures: number) => void): Mocha.Runner;
}
declare const mocha: BrowserMocha;

mocha.setup({ ui: 'bdd', reporter: 'spec', timeout: 20000, color: false });
