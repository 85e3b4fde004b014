#!/usr/bin/env node
// Runs the integration suite (dist/test/host/index.js) inside a real VS Code 1.100.3 extension host, offline:
// code-server serves the workbench and the Node extension host, headless Debian Chromium opens the workbench.
// The workbench URL carries extensionDevelopmentPath (the repo) and extensionTestsPath (the suite) in its payload;
// window.codeAutomationLog receives the suite's console output and window.codeAutomationExit its exit code.
//
// With --web (`npm run test:web`) it runs the web suite (dist/test/web/index.js) in the same workbench's web worker
// extension host instead: the user setting `remote.extensionKind` puts the extension on the browser side, where
// VS Code loads its `browser` entry (dist/web/extension.js); the closing line then reads `web-extension-host: …`.
//
// With --untrusted it runs the untrusted-workspace suite (dist/test/host/untrusted/) in the Node extension host of a
// workbench with workspace trust enabled: a fresh user data dir has no trust decision, and the startup prompt is
// off, so the workspace stays in restricted mode; the closing line reads `untrusted-extension-host: …`.
// `npm run test:host` runs the trusted suite, then this one (`--with-untrusted`); with --grep there, a suite with no
// matching test is skipped, and the run fails only when neither had one.
//
// Usage: node test/host/run.js [--web | --untrusted | --with-untrusted] [--timeout <seconds>] [--grep <pattern>]
//   (`npm run test:host` bundles the suite with `node esbuild.js --tests` first.)
// Env:   FINTECH_LENS_HOST_TIMEOUT (seconds, default 600), KEEP_TMP=1 (keep the temp dir), VERBOSE=1 (server and
//        browser output), CHROMIUM (browser path), VSCODE_TEST_HOME (code-server install dir), MOCHA_GREP.
// Prints the mocha output and a closing line `extension-host: N passed, N failed`; exits non-zero on any failure,
// when no test ran, or on timeout.
'use strict';
const fs = require('fs');
const path = require('path');
const util = require('util');
const cs = require('./code-server');

const t0 = Date.now();
const log = (...a) => console.log(`[host ${((Date.now() - t0) / 1000).toFixed(1)}s]`, ...a);
function arg(name, def) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1] : def;
}

const ROOT = cs.ROOT;
const WEB = process.argv.includes('--web') || process.env.FINTECH_LENS_WEB === '1';
// The suites to run, one workbench each: `--untrusted` the untrusted one, `--with-untrusted` the trusted one, then it.
const MODES = process.argv.includes('--untrusted') ? [true]
  : process.argv.includes('--with-untrusted') && !WEB ? [false, true] : [false];
/** The suite under way: set before each run of main(). */
let UNTRUSTED = false;
let LABEL = '';
const TESTS = path.join(ROOT, 'dist', 'test', WEB ? 'web' : 'host', 'index.js');
const FIXTURE = path.join(ROOT, 'test', 'fixtures', 'workspace');
const timeoutS = Number(arg('timeout', process.env.FINTECH_LENS_HOST_TIMEOUT || '600'));
const grep = arg('grep', process.env.MOCHA_GREP || '');

// Informational lines the web workbench itself sends through codeAutomationLog on every start.
const WORKBENCH_NOISE = new RegExp('^(Resolving connection token|Resolved connection token|Creating a socket|'
  + 'Ignoring fetching additional builtin extensions|\\[Service Worker\\]|ChatSessionStore:|'
  + 'Updating additional builtin extensions cache)');

/** The lines of a log worth reading after a failure: errors, warnings, our extension's lines, then the last few. */
function interesting(file, lastN = 15, max = 120) {
  let lines;
  try { lines = fs.readFileSync(file, 'utf8').split(/\r?\n/).filter((l) => l.trim()); } catch { return []; }
  const keep = new Set();
  lines.forEach((l, i) => { if (/\[(error|warning)\]|fintech/i.test(l) || i >= lines.length - lastN) keep.add(i); });
  return [...keep].sort((a, b) => a - b).slice(-max).map((i) => lines[i]);
}

/** Prints the extension host's logs, so a failure in CI can be diagnosed from the output alone. */
function printLogs(tmp, dirs) {
  const logsDir = path.join(dirs['user-data'], 'logs');
  const show = (file, lines) => {
    if (!lines.length) return;
    console.log(`----- ${path.relative(tmp, file)} -----`);
    console.log(lines.join('\n'));
  };
  const files = cs.findFiles(logsDir, /\.log$/);
  for (const f of files.filter((x) => /exthost\.log$/.test(x))) show(f, interesting(f));
  // the extension's own log output channels (exthost*/fintech-lens.fintech-lens/*.log)
  for (const f of files.filter((x) => x.includes(`${path.sep}fintech-lens.fintech-lens${path.sep}`))) {
    show(f, cs.tail(f, 80).split('\n').filter((l) => l.trim()));
  }
  for (const f of files.filter((x) => /remoteagent\.log$/.test(x))) show(f, interesting(f, 5));
  show(path.join(tmp, 'code-server.log'), interesting(path.join(tmp, 'code-server.log'), 10)
    .filter((l) => !/vsda/.test(l)));
  if (!files.length) console.log(`(no logs found under ${logsDir})`);
}

/** Runs one suite; `mayBeEmpty`: a suite in which no test matched --grep passes (the caller checks the total). */
async function main(mayBeEmpty = false) {
  if (!fs.existsSync(TESTS)) {
    console.error(`[host] ${path.relative(ROOT, TESTS)} is missing: run \`node esbuild.js --tests\` first (npm run test:host does).`);
    console.log(`${LABEL}: 0 passed, 1 failed`);
    return { code: 1, passed: 0 };
  }
  cs.ensureInstalled(log);

  const tmp = cs.tmpDir('fintech-lens-host-');
  const dirs = cs.prepareDirs(tmp, {
    // The server runs with --disable-workspace-trust, so the fixture workspace is trusted, as the suite expects;
    // the untrusted suite enables trust and never asks, so the workspace opens in restricted mode.
    ...(UNTRUSTED
      ? { 'security.workspace.trust.enabled': true, 'security.workspace.trust.startupPrompt': 'never',
        'security.workspace.trust.banner': 'never', 'security.workspace.trust.untrustedFiles': 'open' }
      : { 'security.workspace.trust.enabled': false }),
    // The web suite: run the extension in the browser's web worker extension host, not the server's Node one.
    ...(WEB ? { 'remote.extensionKind': { 'fintech-lens.fintech-lens': ['web'] } } : {}),
  });
  const workspace = path.join(tmp, 'workspace');
  if (fs.existsSync(FIXTURE)) {
    fs.cpSync(FIXTURE, workspace, { recursive: true });
  } else {
    log(`warning: ${path.relative(ROOT, FIXTURE)} does not exist; opening an empty workspace`);
    fs.mkdirSync(workspace, { recursive: true });
  }

  const env = { FINTECH_LENS_TEST: '1', FINTECH_LENS_SUITE: UNTRUSTED ? 'untrusted' : 'suite' };
  if (fs.existsSync(cs.SEED)) env.FINTECH_LENS_TEST_SEED = cs.SEED;
  if (grep) env.MOCHA_GREP = grep;
  const port = await cs.freePort();
  const base = `http://127.0.0.1:${port}`;
  const logFile = path.join(tmp, 'code-server.log');
  log(`starting code-server ${cs.CS_VERSION} on ${base}` + (env.FINTECH_LENS_TEST_SEED ? ' (seed report available)' : ''));
  const server = cs.startServer({ dirs, port, env, logFile, workspaceTrust: UNTRUSTED });

  let browser;
  let exitCode;
  let stats = null;
  const summary = { passed: 0, failed: 0, pending: 0 };
  let interrupted = false;
  const onSignal = (sig) => {
    interrupted = true;
    log(`${sig}: stopping`);
    cs.stopServer(server);
    if (browser) browser.close().catch(() => {});
    if (!process.env.KEEP_TMP) fs.rmSync(tmp, { recursive: true, force: true });
    console.log(`${LABEL}: ${summary.passed} passed, ${Math.max(1, summary.failed)} failed`);
    process.exit(130);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  try {
    await cs.waitHealthy(base, server, 60000);
    log('code-server is up; launching Chromium');
    browser = await cs.launchBrowser();
    const page = await (await browser.newContext()).newPage();

    let finish;
    const finished = new Promise((r) => { finish = r; });
    await page.exposeFunction('codeAutomationLog', (_type, args) => {
      const line = util.format(...(Array.isArray(args) ? args : [args]));
      // index.ts reports mocha's own counters on a line of its own; the spec summary is only a fallback.
      const m = /^mocha-stats: (\{.*\})$/.exec(line.trim());
      if (m) { try { stats = JSON.parse(m[1]); } catch { /* keep fallback */ } return; }
      let s;
      if ((s = /^\s*(\d+) passing( \(\d+m?s\))?\s*$/m.exec(line))) summary.passed = Number(s[1]);
      if ((s = /^\s*(\d+) failing\s*$/m.exec(line))) summary.failed = Number(s[1]);
      if ((s = /^\s*(\d+) pending\s*$/m.exec(line))) summary.pending = Number(s[1]);
      if (process.env.DEBUG_HOST_LOG) console.log('RAW', _type, JSON.stringify(args));
      if (!process.env.VERBOSE && WORKBENCH_NOISE.test(line)) return;
      console.log(line);
    });
    await page.exposeFunction('codeAutomationExit', (code) => finish(Number(code)));
    const seenErrors = new Set();
    page.on('console', (m) => {
      // The workbench styles its log lines with %c; the same error often arrives twice.
      const t = m.text().replace(/%c/g, '').replace(/\bcolor: #[0-9a-f]+/gi, '').replace(/^\s*(ERR|WARN)\s+/, '').trim();
      if (!process.env.VERBOSE) {
        // 404s are vsda (a module only Microsoft's builds ship): harmless.
        if (m.type() !== 'error' || /status of 404/.test(t) || seenErrors.has(t)) return;
        seenErrors.add(t);
      }
      console.log(`[browser ${m.type()}] ${t}`);
    });
    page.on('pageerror', (e) => console.log('[browser pageerror]', e.message));
    page.on('requestfailed', (r) => {
      if (process.env.VERBOSE || !r.url().startsWith(base)) console.log('[browser requestfailed]', r.url(), r.failure()?.errorText);
    });

    const url = cs.workbenchUrl({ base, folder: workspace, extensionDevelopmentPath: ROOT, extensionTestsPath: TESTS });
    log('opening the workbench on', workspace);
    await page.goto(url);
    let timer;
    const timeout = new Promise((r) => { timer = setTimeout(() => r('timeout'), timeoutS * 1000); });
    const res = await Promise.race([finished, timeout]);
    clearTimeout(timer);
    if (res === 'timeout') {
      const shot = path.join(ROOT, 'test-results', 'host-timeout.png');
      fs.mkdirSync(path.dirname(shot), { recursive: true });
      await page.screenshot({ path: shot }).catch(() => {});
      throw new Error(`the suite did not finish within ${timeoutS}s (screenshot: ${path.relative(ROOT, shot)})`);
    }
    exitCode = res;
    log('suite finished with exit code', exitCode);
  } catch (e) {
    console.error('[host] ERROR', (e && e.stack) || e);
    exitCode = 1;
  }

  if (stats) {
    summary.passed = stats.passes;
    summary.failed = stats.failures;
    summary.pending = stats.pending;
  }
  if (exitCode !== 0 && summary.failed === 0) summary.failed = 1; // the suite failed before or outside mocha
  if (exitCode === 0 && summary.failed > 0) exitCode = 1;
  if (exitCode === 0 && summary.passed === 0 && !mayBeEmpty) {
    console.error('[host] no test ran');
    exitCode = 1;
  }
  if (exitCode !== 0 && !interrupted) printLogs(tmp, dirs);

  if (browser) await browser.close().catch(() => {});
  await cs.stopServer(server);
  if (process.env.KEEP_TMP) log('kept', tmp);
  else fs.rmSync(tmp, { recursive: true, force: true });
  log('total', ((Date.now() - t0) / 1000).toFixed(1) + 's');
  console.log(`${LABEL}: ${summary.passed} passed, ${summary.failed} failed`
    + (summary.pending ? `, ${summary.pending} skipped` : ''));
  process.off('SIGINT', onSignal);
  process.off('SIGTERM', onSignal);
  return { code: exitCode, passed: summary.passed };
}

async function all() {
  let code = 0;
  let passed = 0;
  for (const untrusted of MODES) {
    UNTRUSTED = untrusted;
    LABEL = WEB ? 'web-extension-host' : UNTRUSTED ? 'untrusted-extension-host' : 'extension-host';
    const r = await main(MODES.length > 1 && Boolean(grep));
    code = code || r.code;
    passed += r.passed;
  }
  if (code === 0 && passed === 0) {
    console.error('[host] no test ran');
    return 1;
  }
  return code;
}

all().then((code) => process.exit(code), (e) => {
  console.error(e);
  console.log(`${LABEL || 'extension-host'}: 0 passed, 1 failed`);
  process.exit(1);
});
