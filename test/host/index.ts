// Entry point of the integration suite (extensionTestsPath). The extension host loads this module and calls run();
// it runs every bundled `*.test.js` beside it (dist/test/host/**) with mocha, inside the host, against the real
// `vscode` API. The same module serves the offline code-server runner (run.js) and @vscode/test-electron (electron.js).
// FINTECH_LENS_SUITE picks the folder: `suite` (the default, a trusted workspace) or `untrusted` (run.js --untrusted).
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import Mocha from 'mocha';

export const EXTENSION_ID = 'fintech-lens.fintech-lens';

function testFiles(dir: string): string[] {
  return (fs.readdirSync(dir, { recursive: true }) as string[])
    .filter((f) => f.endsWith('.test.js'))
    .map((f) => path.join(dir, f))
    .sort();
}

export async function run(): Promise<void> {
  // Every test expects the extension to be active, whatever its activation events say.
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  if (!ext) {
    console.error(`extension ${EXTENSION_ID} is not loaded in this host`);
  } else {
    try {
      await ext.activate();
    } catch (e) {
      console.error(`activating ${EXTENSION_ID} failed:`, e);
    }
  }

  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60000, reporter: 'spec' });
  if (process.env.MOCHA_GREP) mocha.grep(process.env.MOCHA_GREP);
  const dir = path.join(__dirname, process.env.FINTECH_LENS_SUITE === 'untrusted' ? 'untrusted' : 'suite');
  const files = testFiles(dir);
  for (const f of files) mocha.addFile(f);
  if (files.length === 0) throw new Error(`no *.test.js files under ${dir}`);

  const failures = await new Promise<number>((resolve, reject) => {
    try {
      const runner = mocha.run((n) => resolve(n));
      runner.on('end', () => {
        const s = runner.stats;
        if (!s) return;
        const stats = JSON.stringify({ passes: s.passes, failures: s.failures, pending: s.pending, tests: s.tests });
        // A machine-readable summary for the runners: run.js reads (and hides) this line; electron.js reads the file.
        console.log(`mocha-stats: ${stats}`);
        if (process.env.FINTECH_LENS_TEST_STATS) {
          try { fs.writeFileSync(process.env.FINTECH_LENS_TEST_STATS, stats); } catch { /* the console line remains */ }
        }
      });
    } catch (e) {
      reject(e);
    }
  });
  if (failures > 0) throw new Error(`${failures} integration test(s) failed`);
}
