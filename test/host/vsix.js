#!/usr/bin/env node
// Packs the extension as a .vsix, installs it into code-server (VS Code 1.100.3) like a user would, opens a
// workspace whose README.md (Markdown) opens at start-up, and checks in the extension host's logs that
// Fintech Lens activated on `onLanguage:markdown`, loaded its built-in pack, and logged no error.
//
// Usage: node test/host/vsix.js [--keep]        (part of `npm test`)
'use strict';
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const cs = require('./code-server');

const ROOT = cs.ROOT;
const t0 = Date.now();
const log = (...a) => console.log(`[vsix ${((Date.now() - t0) / 1000).toFixed(1)}s]`, ...a);
const pkg = require(path.join(ROOT, 'package.json'));
const EXT_ID = `${pkg.publisher}.${pkg.name}`;

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { cwd: ROOT, encoding: 'utf8', ...opts });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}):\n${(r.stdout || '') + (r.stderr || '')}`);
  return r.stdout;
}

/**
 * The browser bundle's size budget (VS Code for the Web downloads it on every start): the minified
 * dist/web/extension.js that `vsce package` built (vscode:prepublish → production build) must stay within it.
 */
const WEB_BUNDLE_BUDGET = 5 * 1024 * 1024;
const WEB_WORKER_BUDGET = 1024 * 1024;

function checkWebBudget() {
  for (const [file, budget] of [['dist/web/extension.js', WEB_BUNDLE_BUDGET], ['dist/web/worker.js', WEB_WORKER_BUDGET]]) {
    const size = fs.statSync(path.join(ROOT, file)).size;
    const line = `${file}: ${(size / 1024).toFixed(0)} KiB minified (budget ${(budget / 1024).toFixed(0)} KiB)`;
    if (size > budget) throw new Error(`the browser bundle is over its budget: ${line}`);
    log(line);
  }
}

async function main() {
  cs.ensureInstalled(log);
  const tmp = cs.tmpDir('fintech-lens-vsix-');
  const vsix = path.join(tmp, `${pkg.name}-${pkg.version}.vsix`);
  log('packaging', path.basename(vsix));
  run(process.execPath, [require.resolve('@vscode/vsce/vsce'), 'package', '--no-dependencies', '--no-rewrite-relative-links', '--out', vsix]);
  const listing = run(process.execPath, [require.resolve('@vscode/vsce/vsce'), 'ls', '--no-dependencies']);
  const files = listing.split(/\r?\n/).filter(Boolean);
  for (const must of ['dist/extension.js', 'dist/worker.js', 'dist/web/extension.js', 'dist/web/worker.js', 'dist/importWorker.js', 'media/packs/fintech-2026/pack.json', 'media/schemas/pack.schema.json', 'syntaxes/citations.injection.tmLanguage.json', 'package.nls.zh-cn.json', 'l10n/bundle.l10n.zh-cn.json']) {
    if (!files.includes(must)) throw new Error(`the .vsix lacks ${must}`);
  }
  const stray = files.filter((f) => /^(src|test)\//.test(f) || /\.ts$/.test(f) || /\.map$/.test(f));
  if (stray.length) throw new Error(`the .vsix holds sources or tests: ${stray.join(', ')}`);
  // The README's images, which the extension's details page shows from the package, and no other picture.
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const images = [...new Set([...readme.matchAll(/\]\((media\/[^)\s]+\.(?:png|jpe?g|gif|svg))\)/g)].map((m) => m[1]))];
  const missing = images.filter((f) => !files.includes(f));
  if (missing.length) throw new Error(`the .vsix lacks the README's images: ${missing.join(', ')}`);
  const stale = files.filter((f) => /^media\/[^/]+\.png$/.test(f) && !images.includes(f));
  if (stale.length) throw new Error(`the .vsix holds pictures the README does not show: ${stale.join(', ')}`);
  checkWebBudget();
  log(`.vsix holds ${files.length} files, ${(fs.statSync(vsix).size / 1024).toFixed(0)} KiB, no sources or tests, and the README's ${images.length} images`);

  const dirs = cs.prepareDirs(path.join(tmp, 'cs'), { 'workbench.startupEditor': 'readme' });
  const ws = path.join(tmp, 'workspace');
  fs.mkdirSync(ws, { recursive: true });
  fs.writeFileSync(path.join(ws, 'README.md'), '# 研究笔记\n\n监管科技（RegTech）与普惠金融。\n');
  log('installing into code-server');
  run(process.execPath, [cs.ENTRY, ...cs.commonArgs(dirs), '--install-extension', vsix], { env: cs.serverEnv(dirs) });
  const listed = run(process.execPath, [cs.ENTRY, ...cs.commonArgs(dirs), '--list-extensions'], { env: cs.serverEnv(dirs) });
  if (!listed.split(/\s+/).includes(EXT_ID)) throw new Error(`${EXT_ID} is not listed after install:\n${listed}`);

  let workbench;
  let ok = false;
  try {
    workbench = await cs.openWorkbench({ dirs, folder: ws, logFile: path.join(tmp, 'code-server.log') });
    // Wait for the extension host to activate us and log the loaded pack.
    const deadline = Date.now() + 120000;
    let ours;
    let exthost;
    for (;;) {
      ours = cs.findFiles(dirs['user-data'], /^Fintech Lens\.log$/).map((f) => fs.readFileSync(f, 'utf8')).join('\n');
      exthost = cs.findFiles(dirs['user-data'], /^(remoteexthost|exthost)\.log$/).map((f) => fs.readFileSync(f, 'utf8')).join('\n');
      if (/Packs loaded: fintech-2026/.test(ours)) break;
      if (Date.now() > deadline) throw new Error(`no activation within 120 s.\nextension host log:\n${exthost.slice(-3000)}\nFintech Lens log:\n${ours}`);
      await new Promise((r) => setTimeout(r, 250));
    }
    await new Promise((r) => setTimeout(r, 1500)); // let late errors reach the logs
    exthost = cs.findFiles(dirs['user-data'], /^(remoteexthost|exthost)\.log$/).map((f) => fs.readFileSync(f, 'utf8')).join('\n');
    ours = cs.findFiles(dirs['user-data'], /^Fintech Lens\.log$/).map((f) => fs.readFileSync(f, 'utf8')).join('\n');
    const activation = exthost.split('\n').find((l) => l.includes(EXT_ID) && /activat/i.test(l));
    if (activation) log('extension host:', activation.trim());
    if (activation && !/onLanguage:markdown/.test(activation)) throw new Error(`activated by something other than opening Markdown: ${activation}`);
    const errors = [...exthost.split('\n'), ...ours.split('\n')].filter((l) => /\[error\]/i.test(l));
    if (errors.length) throw new Error(`errors in the extension host log:\n${errors.join('\n')}`);
    log('Fintech Lens log:', ours.split('\n').filter((l) => /Packs loaded|Term index/.test(l)).map((l) => l.replace(/^.*\] /, '')).join(' | '));
    ok = true;
  } finally {
    if (workbench) await workbench.close();
    if (!ok) console.error(cs.tail(path.join(tmp, 'code-server.log'), 40));
    if (!process.argv.includes('--keep')) fs.rmSync(tmp, { recursive: true, force: true });
    else log('kept', tmp);
  }
  log('the installed .vsix activates on opening Markdown with no errors');
}

main().catch((e) => {
  console.error('[vsix] FAILED:', e.message || e);
  process.exit(1);
});
