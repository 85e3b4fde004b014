// Entry point of the web suite (extensionTestsPath in the web worker extension host).
import type { BrowserMocha } from './setup';
import './setup';
import './suite/web.test';


declare const mocha: BrowserMocha;

export function run(): Promise<void> {
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => (failures ? reject(new Error(`${failures} web test(s) failed`)) : resolve()));
    runner.on('end', () => {
      const s = runner.stats;
      if (s) console.log(`mocha-stats: ${JSON.stringify({ passes: s.passes, failures: s.failures, pending: s.pending, tests: s.tests })}`);
    });
  });
}
