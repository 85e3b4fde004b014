#!/usr/bin/env node
// `npm start`: builds Fintech Lens and opens it on its built-in pack and the example workspace.
//  - With desktop VS Code (`code` on PATH): `code --extensionDevelopmentPath=<repo> examples/workspace`.
//  - Otherwise: the code-server workbench (VS Code 1.100.3) on 127.0.0.1 with the extension loaded for development;
//    prints the URL to open and keeps serving until Ctrl-C.
// Env: PORT (default 8080), HOST (default 127.0.0.1), FINTECH_LENS_NO_CODE=1 (use code-server even when `code` exists),
//      FINTECH_LENS_WORKSPACE_TRUST=1 (keep VS Code's workspace trust prompt in code-server).
'use strict';
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '..', '..');
const WORKSPACE = path.join(ROOT, 'examples', 'workspace');
const SEED = path.resolve(ROOT, '..', 'shared', 'seed', 'fintech-report-2026.txt');
const log = (...a) => console.log('[start]', ...a);

function onPath(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

function build() {
  log('building: node esbuild.js');
  const r = spawnSync(process.execPath, [path.join(ROOT, 'esbuild.js')], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) { console.error('[start] build failed'); process.exit(r.status || 1); }
}

function prepareWorkspace() {
  fs.mkdirSync(WORKSPACE, { recursive: true });
  const report = path.join(WORKSPACE, 'report.txt');
  if (fs.existsSync(SEED)) {
    fs.copyFileSync(SEED, report);
    log(`copied the report to ${path.relative(ROOT, report)}`);
  } else if (!fs.existsSync(report)) {
    log('the report text is not beside the project (../shared/seed/): the built-in pack works without it; '
      + 'put the report in examples/workspace/ to bind its sections');
  }
}

function startDesktop() {
  log(`opening desktop VS Code: code --extensionDevelopmentPath=${ROOT} ${path.relative(ROOT, WORKSPACE)}`);
  const r = spawnSync('code', [`--extensionDevelopmentPath=${ROOT}`, WORKSPACE], { stdio: 'inherit' });
  process.exit(r.status ?? 0);
}

async function startCodeServer() {
  const cs = require('./code-server');
  cs.ensureInstalled(log);
  const host = process.env.HOST || '127.0.0.1';
  const port = Number(process.env.PORT || 8080);
  // State kept between runs (open editors, layout), inside the gitignored .vscode-test folder.
  const dirs = cs.prepareDirs(path.join(ROOT, '.vscode-test', 'start'), {}, { keepSettings: true });
  const trust = process.env.FINTECH_LENS_WORKSPACE_TRUST === '1';
  const server = cs.startServer({
    dirs, host, port, workspaceTrust: trust, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const keep = (d) => { out = (out + d).slice(-4000); if (process.env.VERBOSE) process.stdout.write(d); };
  server.stdout.on('data', keep);
  server.stderr.on('data', keep);
  let stopping = false;
  const stop = async (sig) => {
    if (stopping) return;
    stopping = true;
    log(`${sig}: stopping code-server`);
    await cs.stopServer(server);
    process.exit(0);
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));

  const base = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  try {
    await cs.waitHealthy(base, server, 60000);
  } catch (e) {
    console.error(`[start] ${e.message}`);
    console.error(out.trim());
    if (/EADDRINUSE/.test(out)) console.error(`[start] port ${port} is taken: run with PORT=<another port> npm start`);
    await cs.stopServer(server);
    process.exit(1);
  }
  server.on('exit', (code) => {
    if (stopping) return;
    console.error(`[start] code-server exited (${code})`);
    console.error(out.trim());
    process.exit(code || 1);
  });
  const url = cs.workbenchUrl({ base, folder: WORKSPACE, extensionDevelopmentPath: ROOT });
  console.log('');
  console.log('Fintech Lens is running in the VS Code workbench (code-server, VS Code 1.100.3). Open:');
  console.log('');
  console.log(`  ${url}`);
  console.log('');
  console.log('The Fintech Lens view is in the activity bar. Press Ctrl-C here to stop.');
}

build();
prepareWorkspace();
if (onPath('code') && process.env.FINTECH_LENS_NO_CODE !== '1') startDesktop();
else startCodeServer();
