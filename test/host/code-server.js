// Shared helpers for the offline VS Code host: code-server 4.100.3 (VS Code 1.100.3) driven by Debian's Chromium
// through playwright-core. Used by run.js (integration tests), start.js (`npm start`) and screenshot.js.
'use strict';
const { spawn, spawnSync } = require('child_process');
const fs = require('fs');
const http = require('http');
const net = require('net');
const os = require('os');
const path = require('path');

const ROOT = path.resolve(__dirname, '..', '..');
const CS_VERSION = process.env.CS_VERSION || '4.100.3';
const INSTALL_DIR = path.resolve(process.env.VSCODE_TEST_HOME || path.join(ROOT, '.vscode-test', 'code-server'));
const CS_DIR = path.resolve(process.env.CODE_SERVER || path.join(INSTALL_DIR, 'node_modules', 'code-server'));
const ENTRY = path.join(CS_DIR, 'out', 'node', 'entry.js');
const SEED = path.resolve(ROOT, '..', 'shared', 'seed', 'fintech-report-2026.txt');

function isInstalled() {
  return fs.existsSync(ENTRY)
    && fs.existsSync(path.join(INSTALL_DIR, 'node_modules', 'playwright-core', 'package.json'))
    && (Boolean(process.env.CODE_SERVER) || fs.existsSync(path.join(INSTALL_DIR, `.installed-${CS_VERSION}`)));
}

/** Runs setup-code-server.sh when code-server or playwright-core is missing. Throws when the setup fails. */
function ensureInstalled(log = console.log) {
  if (isInstalled()) return;
  log(`installing code-server ${CS_VERSION} into ${INSTALL_DIR} (first run only)`);
  const r = spawnSync('bash', [path.join(__dirname, 'setup-code-server.sh'), INSTALL_DIR], { stdio: 'inherit' });
  if (r.status !== 0 || !isInstalled()) throw new Error(`setup-code-server.sh failed (exit ${r.status})`);
}

function playwright() {
  return require(require.resolve('playwright-core', { paths: [INSTALL_DIR, ROOT] }));
}

function findChromium() {
  if (process.env.CHROMIUM) return process.env.CHROMIUM;
  for (const name of ['chromium', 'chromium-browser']) {
    const r = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
    if (r.status === 0 && r.stdout.trim()) return r.stdout.trim();
  }
  return '/usr/bin/chromium';
}

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];

async function launchBrowser() {
  return playwright().chromium.launch({ executablePath: findChromium(), headless: true, args: CHROMIUM_ARGS });
}

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
  });
}

function httpStatus(url) {
  return new Promise((resolve) => {
    const req = http.get(url, (res) => { res.resume(); resolve(res.statusCode); });
    req.on('error', () => resolve(0));
    req.setTimeout(2000, () => { req.destroy(); resolve(0); });
  });
}

/** Settings for a quiet, deterministic workbench that works offline. */
const QUIET_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'git.enabled': false,
  'npm.autoDetect': 'off',
  'chat.commandCenter.enabled': false,
};

/**
 * Makes the folders of one code-server instance under `base` (user data, extensions, config, XDG dirs) and writes
 * the user settings (unless `keepSettings` and they exist). Returns the folder paths.
 */
function prepareDirs(base, settings = {}, { keepSettings = false } = {}) {
  const dirs = {};
  for (const d of ['user-data', 'extensions', 'config', 'data']) {
    dirs[d] = path.join(base, d);
    fs.mkdirSync(dirs[d], { recursive: true });
  }
  fs.mkdirSync(path.join(dirs['user-data'], 'User'), { recursive: true });
  const settingsFile = path.join(dirs['user-data'], 'User', 'settings.json');
  if (!keepSettings || !fs.existsSync(settingsFile)) {
    fs.writeFileSync(settingsFile, JSON.stringify({ ...QUIET_SETTINGS, ...settings }, null, 2));
  }
  fs.writeFileSync(path.join(dirs.config, 'config.yaml'), 'bind-addr: 127.0.0.1:0\nauth: none\ncert: false\n');
  return dirs;
}

/** Arguments and environment shared by every code-server invocation over `dirs`. */
function commonArgs(dirs) {
  return ['--config', path.join(dirs.config, 'config.yaml'), '--user-data-dir', dirs['user-data'],
    '--extensions-dir', dirs.extensions];
}

function serverEnv(dirs, extra = {}) {
  // EXTENSIONS_GALLERY='{}' stops marketplace look-ups, which fail offline.
  const env = { ...process.env, XDG_CONFIG_HOME: dirs.config, XDG_DATA_HOME: dirs.data, EXTENSIONS_GALLERY: '{}', ...extra };
  // code-server reads $PORT too; the port is always given with --bind-addr.
  for (const k of ['PORT', 'VSCODE_IPC_HOOK_CLI', 'VSCODE_PID', 'VSCODE_CWD', 'ELECTRON_RUN_AS_NODE', 'VSCODE_NLS_CONFIG',
    'VSCODE_HANDLES_UNCAUGHT_ERRORS', 'VSCODE_ESM_ENTRYPOINT', 'VSCODE_CODE_CACHE_PATH', 'VSCODE_CRASH_REPORTER_PROCESS_TYPE']) {
    delete env[k];
  }
  return env;
}

/**
 * Starts code-server in its own process group. `workspaceTrust: false` passes --disable-workspace-trust, so every
 * folder is trusted (the extension honours trust and its tests need a trusted workspace).
 */
function startServer({ dirs, host = '127.0.0.1', port, env = {}, logFile, workspaceTrust = false, stdio }) {
  const args = [ENTRY, ...commonArgs(dirs), '--bind-addr', `${host}:${port}`, '--auth', 'none',
    '--disable-telemetry', '--disable-update-check', '--disable-getting-started-override', '--disable-proxy',
    '--ignore-last-opened'];
  if (!workspaceTrust) args.push('--disable-workspace-trust');
  let io = stdio;
  if (!io) {
    const fd = fs.openSync(logFile, 'a');
    io = ['ignore', fd, fd];
  }
  return spawn(process.execPath, args, { env: serverEnv(dirs, env), stdio: io, detached: true });
}

async function waitHealthy(base, proc, timeoutMs = 60000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    if (await httpStatus(base + '/healthz') === 200) return;
    if (proc.exitCode !== null || proc.signalCode) throw new Error(`code-server exited early (code ${proc.exitCode})`);
    if (Date.now() > until) throw new Error(`code-server did not answer ${base}/healthz within ${timeoutMs / 1000}s`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Stops code-server and everything it started (its process group); resolves when it has exited (at most 5 s). */
function stopServer(proc) {
  if (!proc || proc.exitCode !== null || proc.signalCode) return Promise.resolve();
  const exited = new Promise((r) => proc.once('exit', r));
  try { process.kill(-proc.pid, 'SIGTERM'); } catch { try { proc.kill('SIGTERM'); } catch { /* gone */ } }
  return Promise.race([exited, new Promise((r) => setTimeout(r, 5000).unref())]);
}

/**
 * The workbench URL that opens `folder` with the extension under development (and optionally a test module) loaded.
 * The web workbench reads extensionDevelopmentPath / extensionTestsPath from the `payload` query parameter; paths are
 * vscode-remote URIs on the server's authority.
 */
function workbenchUrl({ base, folder, extensionDevelopmentPath, extensionTestsPath, extensionDevelopmentKind }) {
  const authority = new URL(base).host;
  const remote = (p) => `vscode-remote://${authority}${p.split('/').map(encodeURIComponent).join('/')}`;
  const payload = [];
  if (extensionDevelopmentPath) payload.push(['extensionDevelopmentPath', remote(extensionDevelopmentPath)]);
  if (extensionTestsPath) payload.push(['extensionTestsPath', remote(extensionTestsPath)]);
  if (extensionDevelopmentKind) payload.push(['extensionDevelopmentKind', extensionDevelopmentKind]);
  let url = `${base}/?folder=${encodeURIComponent(folder)}`;
  if (payload.length) url += `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  return url;
}

/**
 * Starts code-server over `dirs` on a free port, waits for it, and opens the workbench on `folder` in headless
 * Chromium. Returns the page and a `close()` that shuts the browser and the server down.
 */
async function openWorkbench({ dirs, folder, logFile, extensionDevelopmentPath, viewport }) {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const server = startServer({ dirs, port, logFile });
  let browser;
  const close = async () => {
    if (browser) await browser.close().catch(() => {});
    await stopServer(server);
  };
  try {
    await waitHealthy(base, server);
    browser = await launchBrowser();
    const page = await browser.newPage(viewport ? { viewport } : {});
    await page.goto(workbenchUrl({ base, folder, extensionDevelopmentPath }));
    return { page, base, close };
  } catch (e) {
    await close();
    throw e;
  }
}

/** All files below `dir` whose name matches `re`. */
function findFiles(dir, re) {
  const out = [];
  const walk = (d) => {
    let entries;
    try { entries = fs.readdirSync(d, { withFileTypes: true }); } catch { return; }
    for (const e of entries) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p); else if (re.test(e.name)) out.push(p);
    }
  };
  walk(dir);
  return out.sort();
}

function tail(file, lines) {
  try {
    const all = fs.readFileSync(file, 'utf8').split(/\r?\n/);
    return all.slice(Math.max(0, all.length - lines)).join('\n');
  } catch { return ''; }
}

function tmpDir(prefix) {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

module.exports = {
  ROOT, CS_VERSION, INSTALL_DIR, CS_DIR, ENTRY, SEED, isInstalled, ensureInstalled, playwright, findChromium,
  launchBrowser, freePort, httpStatus, prepareDirs, commonArgs, serverEnv, startServer, waitHealthy, stopServer,
  workbenchUrl, openWorkbench, findFiles, tail, tmpDir,
};
