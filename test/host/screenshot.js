#!/usr/bin/env node
// Takes the README screenshot from the real workbench: code-server (VS Code 1.100.3) in headless Chromium, the
// example workspace open, a Markdown draft in the editor and the Fintech Lens view container in the side bar.
//
// Usage: node test/host/screenshot.js [--out media/screenshot.png] [--file <workspace-relative .md>] [--report <file>]
//                                     [--expand <tree label>]... [--click <tree label>[#n]]...
//                                     [--hover <text in the draft>] [--sidebar <px>]
//                                     [--width 1440 --height 900]
//        node test/host/screenshot.js --preview [--out media/preview.png] [--file notes/preview.md]
//          the draft beside its Markdown preview (Markdown: Open Preview to the Side), taken once the preview
//          shows the reference list (参考文献).
// Builds the extension first (node esbuild.js). Uses a temporary copy of examples/workspace, with the synthetic
// fixture report (test/fixtures/workspace/report.txt, or --report) as report.txt.
'use strict';
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const cs = require('./code-server');

const ROOT = cs.ROOT;
const t0 = Date.now();
const log = (...a) => console.log(`[screenshot ${((Date.now() - t0) / 1000).toFixed(1)}s]`, ...a);
function arg(name, def) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1] : def;
}
function args(name) {
  const out = [];
  process.argv.forEach((a, i) => { if (a === `--${name}` && i + 1 < process.argv.length) out.push(process.argv[i + 1]); });
  return out;
}
const PREVIEW = process.argv.includes('--preview');
if (PREVIEW) {
  if (!process.argv.includes('--out')) process.argv.push('--out', 'media/preview.png');
  if (!process.argv.includes('--file')) process.argv.push('--file', 'notes/preview.md');
}
// Without view options, the README's shot: the Simplified-Chinese draft, RegTech expanded and its definition card.
if (!process.argv.slice(2).some((a) => /^--(file|expand|click|hover|sidebar)$/.test(a))) {
  process.argv.push('--sidebar', '440', '--expand', 'Regulation and compliance', '--expand', 'RegTech', '--click', 'RegTech#2');
  if (fs.existsSync(path.join(ROOT, 'examples', 'workspace', 'notes', 'draft.md'))) process.argv.push('--file', 'notes/draft.md');
}
/** Runs a command by its Command Palette label. */
async function runCommand(page, label) {
  await page.keyboard.press('F1');
  await page.waitForSelector('.quick-input-widget input', { state: 'visible' });
  await page.keyboard.type(label);
  await page.waitForSelector(`.quick-input-list .monaco-list-row:has-text("${label}")`, { timeout: 15000 });
  await page.keyboard.press('Enter');
  await page.waitForSelector('.quick-input-widget input', { state: 'hidden' });
}

/** The text of the first webview frame (the preview's content) that contains `text`, polled until it does. */
async function untilWebviewText(page, text, timeout = 60000) {
  const end = Date.now() + timeout;
  for (;;) {
    for (const frame of page.frames()) {
      if (frame === page.mainFrame()) continue;
      const body = await frame.locator('body').innerText({ timeout: 1000 }).catch(() => '');
      if (body.includes(text)) return body;
    }
    if (Date.now() > end) throw new Error(`no webview shows "${text}"`);
    await page.waitForTimeout(250);
  }
}

/** The draft beside its Markdown preview, once the preview shows the reference list. */
async function showPreview(page) {
  await runCommand(page, 'View: Close Primary Side Bar');
  await runCommand(page, 'Markdown: Open Preview to the Side');
  const body = await untilWebviewText(page, '参考文献');
  log('preview shows:', body.replace(/\s+/g, ' ').slice(0, 300));
}

const OUT = path.resolve(ROOT, arg('out', 'media/screenshot.png'));
const WIDTH = Number(arg('width', '1440'));
const HEIGHT = Number(arg('height', '900'));

function prepareWorkspace(tmp) {
  const ws = path.join(tmp, 'workspace');
  const example = path.join(ROOT, 'examples', 'workspace');
  if (fs.existsSync(example)) fs.cpSync(example, ws, { recursive: true });
  else fs.mkdirSync(ws, { recursive: true });
  // The README's picture shows the synthetic report written for the tests, never the real report's text.
  const report = path.resolve(ROOT, arg('report', path.join('test', 'fixtures', 'workspace', 'report.txt')));
  fs.copyFileSync(report, path.join(ws, 'report.txt'));
  let file = arg('file', '');
  if (!file) {
    // a draft rather than the workspace's README
    const md = cs.findFiles(ws, /\.(md|markdown)$/i).filter((f) => !f.includes(`${path.sep}node_modules${path.sep}`))
      .sort((a, b) => Number(/readme/i.test(path.basename(a))) - Number(/readme/i.test(path.basename(b))));
    file = md.length ? path.relative(ws, md[0]) : '';
  }
  if (!file) {
    file = 'draft.md';
    fs.writeFileSync(path.join(ws, file), '# 金融科技觀察筆記\n\n監管科技（RegTech）與人工智能正在改變普惠金融的服務方式。\n');
  }
  if (!fs.existsSync(path.join(ws, file))) throw new Error(`--file ${file} is not in the workspace`);
  return { ws, file };
}

/** Chromium draws Chinese as empty boxes without a CJK font: install Debian's Noto CJK when none is present. */
function ensureCjkFont() {
  const r = spawnSync('fc-list', [':lang=zh'], { encoding: 'utf8' });
  if (r.status === 0 && r.stdout.trim()) return;
  log('no CJK font found: apt-get install fonts-noto-cjk');
  const sudo = process.getuid && process.getuid() !== 0 ? ['sudo'] : [];
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const run = (argv) => spawnSync(argv[0], argv.slice(1), { stdio: 'inherit', env }).status === 0;
  if (!run([...sudo, 'apt-get', 'install', '-y', '-qq', '--no-install-recommends', 'fonts-noto-cjk'])
    && !(run([...sudo, 'apt-get', 'update', '-qq'])
      && run([...sudo, 'apt-get', 'install', '-y', '-qq', '--no-install-recommends', 'fonts-noto-cjk']))) {
    log('warning: could not install fonts-noto-cjk; Chinese text will show as boxes');
  }
}

async function main() {
  ensureCjkFont();
  log('building: node esbuild.js');
  const b = spawnSync(process.execPath, [path.join(ROOT, 'esbuild.js')], { cwd: ROOT, stdio: 'inherit' });
  if (b.status !== 0) throw new Error('build failed');
  cs.ensureInstalled(log);

  const tmp = cs.tmpDir('fintech-lens-shot-');
  const dirs = cs.prepareDirs(tmp, {
    'workbench.colorTheme': 'Default Light Modern',
    'window.autoDetectColorScheme': false,
    'editor.minimap.enabled': false,
    'editor.wordWrap': 'on',
    'workbench.tips.enabled': false,
    'workbench.layoutControl.enabled': false,
    'breadcrumbs.enabled': false,
    'security.workspace.trust.enabled': false,
  });
  const { ws, file } = prepareWorkspace(tmp);
  let workbench;
  let ok = false;
  try {
    workbench = await cs.openWorkbench({ dirs, folder: ws, logFile: path.join(tmp, 'code-server.log'), extensionDevelopmentPath: ROOT, viewport: { width: WIDTH, height: HEIGHT } });
    const { page } = workbench;
    page.on('pageerror', (e) => log('[pageerror]', e.message));
    await page.waitForSelector('.monaco-workbench', { timeout: 60000 });
    await page.waitForSelector('.activitybar .action-item a[aria-label^="Explorer"]', { timeout: 60000 });
    log('workbench up; opening', file);

    const sidebar = Number(arg('sidebar', '0'));
    // Quick Open the Markdown file.
    await page.locator('.monaco-workbench').click({ position: { x: WIDTH / 2, y: HEIGHT / 2 } }).catch(() => {});
    await page.keyboard.press('Control+P');
    await page.waitForSelector('.quick-input-widget input', { state: 'visible' });
    await page.keyboard.type(file);
    await page.waitForSelector(`.quick-input-list .monaco-list-row:has-text("${path.basename(file)}")`, { timeout: 15000 });
    await page.keyboard.press('Enter');
    await page.waitForSelector(`.tabs-container .tab:has-text("${path.basename(file)}")`, { timeout: 15000 });

    // The Fintech Lens view container.
    const item = page.locator('.activitybar .action-item a[aria-label^="Fintech Lens"]');
    await item.waitFor({ timeout: 30000 });
    await item.click();
    await page.waitForSelector('.sidebar .pane-body', { timeout: 15000 });
    if (sidebar) { // widen the side bar by dragging its sash
      const box = await page.locator('.sidebar').boundingBox();
      const x = box.x + box.width;
      const y = box.y + box.height / 2;
      await page.mouse.move(x - 1, y);
      await page.mouse.down();
      await page.mouse.move(box.x + sidebar, y, { steps: 8 });
      await page.mouse.up();
    }
    // let the packs load and the tree fill in
    await page.waitForSelector('.sidebar .monaco-list-row', { timeout: 20000 }).catch(() => log('the side bar shows no tree rows'));
    await page.waitForTimeout(1500);
    for (const label of args('expand')) {
      const row = page.locator(`.sidebar .monaco-list-row:has-text("${label}")`).first();
      if (await row.count()) {
        // the twistie expands without running the row's command
        await row.locator('.monaco-tl-twistie').click();
        await page.waitForTimeout(600);
      } else {
        log(`no tree row labelled "${label}"`);
      }
    }
    for (const spec of args('click')) { // "label" or "label#n" (n-th row with that label, from 1)
      const [, label, nth] = /^(.*?)(?:#(\d+))?$/.exec(spec);
      const rows = page.locator(`.sidebar .monaco-list-row:has-text("${label}")`);
      const n = Number(nth || 1) - 1;
      if (await rows.count() > n) {
        await rows.nth(n).locator('.monaco-icon-label').click();
        await page.waitForTimeout(1500);
      } else {
        log(`no tree row "${spec}" to click`);
      }
    }
    const rows = await page.locator('.sidebar .monaco-list-row').allInnerTexts();
    log('side bar rows:', rows.slice(0, 12).map((r) => r.replace(/\s+/g, ' ')).join(' | ') || '(none)');

    if (PREVIEW) await showPreview(page);
    const hover = arg('hover', '');
    if (hover) {
      const word = page.locator(`.monaco-editor .view-lines span:has-text("${hover}")`).first();
      if (await word.count()) {
        const box = await word.boundingBox();
        const text = await word.innerText();
        const at = Math.max(0, text.indexOf(hover));
        const x = box.x + ((at + hover.length / 2) / Math.max(1, text.length)) * box.width;
        await page.mouse.move(x, box.y + box.height / 2);
        await page.waitForSelector('.monaco-hover:not(.hidden)', { timeout: 10000 }).catch(() => log('no hover appeared'));
        await page.waitForTimeout(500);
      } else {
        log(`"${hover}" is not visible in the editor`);
      }
    } else {
      await page.mouse.move(WIDTH * 0.7, HEIGHT * 0.7); // away from the activity bar, so no tooltip shows
      await page.waitForTimeout(1000);
    }
    fs.mkdirSync(path.dirname(OUT), { recursive: true });
    await page.screenshot({ path: OUT });
    log('saved', path.relative(ROOT, OUT));
    ok = true;
  } catch (e) {
    console.error('[screenshot] FAILED', (e && e.stack) || e);
    const pg = workbench && workbench.page;
    if (pg) {
      const fail = path.join(ROOT, 'test-results', 'screenshot-failed.png');
      fs.mkdirSync(path.dirname(fail), { recursive: true });
      await pg.screenshot({ path: fail }).catch(() => {});
      console.error('[screenshot] page at failure:', path.relative(ROOT, fail));
    }
  } finally {
    if (workbench) await workbench.close();
    if (!process.env.KEEP_TMP) fs.rmSync(tmp, { recursive: true, force: true });
  }
  return ok ? 0 : 1;
}

main().then((c) => process.exit(c), (e) => { console.error(e); process.exit(1); });
