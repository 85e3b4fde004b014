#!/usr/bin/env node
// Runs the integration suite in desktop VS Code 1.100.3 through @vscode/test-electron, wherever VS Code can be
// downloaded (`npm run test:electron`; the suite is bundled first by `node esbuild.js --tests`). Same suite and
// same fixture workspace as run.js, which runs it offline in code-server.
//
// Env: VSCODE_VERSION (default 1.100.3), VSCODE_EXECUTABLE (use an installed VS Code instead of downloading),
//      KEEP_TMP=1. On Linux without a display, the run re-executes itself under `xvfb-run` when that exists.
'use strict';
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const ROOT = path.resolve(__dirname, '..', '..');
const TESTS = path.join(ROOT, 'dist', 'test', 'host', 'index.js');
const FIXTURE = path.join(ROOT, 'test', 'fixtures', 'workspace');
const SEED = path.resolve(ROOT, '..', 'shared', 'seed', 'fintech-report-2026.txt');

function rerunUnderXvfb() {
  if (process.platform !== 'linux' || process.env.DISPLAY || process.env.WAYLAND_DISPLAY || process.env.FINTECH_LENS_XVFB) return null;
  if (spawnSync('sh', ['-c', 'command -v xvfb-run'], { stdio: 'ignore' }).status !== 0) {
    console.warn('[electron] no display and no xvfb-run: VS Code may fail to start (apt-get install xvfb)');
    return null;
  }
  const r = spawnSync('xvfb-run', ['-a', process.execPath, __filename, ...process.argv.slice(2)], {
    stdio: 'inherit', env: { ...process.env, FINTECH_LENS_XVFB: '1' },
  });
  return r.status ?? 1;
}

async function main() {
  if (!fs.existsSync(TESTS)) {
    console.error(`[electron] ${path.relative(ROOT, TESTS)} is missing: run \`node esbuild.js --tests\` first.`);
    return 1;
  }
  const { runTests } = require('@vscode/test-electron');
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'fintech-lens-electron-'));
  const workspace = path.join(tmp, 'workspace');
  if (fs.existsSync(FIXTURE)) fs.cpSync(FIXTURE, workspace, { recursive: true });
  else fs.mkdirSync(workspace, { recursive: true });
  const userData = path.join(tmp, 'user-data');
  fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
  fs.writeFileSync(path.join(userData, 'User', 'settings.json'), JSON.stringify({
    'workbench.startupEditor': 'none',
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'git.enabled': false,
  }, null, 2));
  const statsFile = path.join(tmp, 'mocha-stats.json');
  const env = { FINTECH_LENS_TEST: '1', FINTECH_LENS_TEST_STATS: statsFile };
  if (fs.existsSync(SEED)) env.FINTECH_LENS_TEST_SEED = SEED;
  if (process.env.MOCHA_GREP) env.MOCHA_GREP = process.env.MOCHA_GREP;

  let code;
  try {
    code = await runTests({
      version: process.env.VSCODE_VERSION || '1.100.3',
      vscodeExecutablePath: process.env.VSCODE_EXECUTABLE || undefined,
      extensionDevelopmentPath: ROOT,
      extensionTestsPath: TESTS,
      extensionTestsEnv: env,
      launchArgs: [
        workspace,
        '--user-data-dir', userData,
        '--extensions-dir', path.join(tmp, 'extensions'),
        '--disable-extensions', // other installed extensions; the one under development still loads
        '--disable-gpu',
        // runTests adds --disable-workspace-trust itself: the fixture workspace is trusted, as the suite expects.
      ],
    });
  } catch (e) {
    console.error('[electron] ERROR', (e && e.message) || e);
    code = typeof e?.code === 'number' && e.code !== 0 ? e.code : 1;
  }
  let stats = null;
  try { stats = JSON.parse(fs.readFileSync(statsFile, 'utf8')); } catch { /* no mocha run */ }
  if (!process.env.KEEP_TMP) fs.rmSync(tmp, { recursive: true, force: true });
  const passed = stats ? stats.passes : 0;
  let failed = stats ? stats.failures : 0;
  if (code !== 0 && failed === 0) failed = 1;
  if (code === 0 && failed > 0) code = 1;
  if (code === 0 && passed === 0) { console.error('[electron] no test ran'); code = 1; }
  console.log(`extension-host: ${passed} passed, ${failed} failed` + (stats?.pending ? `, ${stats.pending} skipped` : ''));
  return code;
}

const viaXvfb = rerunUnderXvfb();
if (viaXvfb !== null) process.exit(viaXvfb);
main().then((c) => process.exit(c), (e) => { console.error(e); process.exit(1); });
