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
//        node test/host/screenshot.js --import [--out media/import.png] [--source <report file>] [--stage pack|review]
//                                             [--expand <tree label>]... [--hover <text>[#n]] [--sidebar 440|360]
//          the import workflow as a user runs it, through the Command Palette and the real pickers: "Fintech Lens:
//          Import Report…" picks the project's synthetic Simplified-Chinese report (test/fixtures/draft/
//          insurtech-report.txt, or --source) in the file dialog and opens its Markdown copy; the notification's
//          "Create Pack from Report" button drafts the pack; the five reference boxes are accepted as found.
//          --stage pack (the default, the README's shot) accepts the glossary review as preselected and shows the
//          imported report beside the new pack's taxonomy (the other packs folded, its first category and topic or the
//          --expand rows open) with the hover of 知识图谱 (--hover: the n-th occurrence of a text in the editor).
//          --stage review is the review itself: the ranked candidates with their forms, counts, sections and
//          definitions over the imported report, the Explorer showing the report beside its copy and its outline.
// Builds the extension first (node esbuild.js). Uses a temporary copy of examples/workspace, with the synthetic
// fixture report (test/fixtures/workspace/report.txt, or --report) as report.txt.
'use strict';
/* global document, NodeFilter, getComputedStyle -- used only in functions that run in the page (page.evaluate) */
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
const IMPORT = process.argv.includes('--import');
if (IMPORT && !process.argv.includes('--out')) process.argv.push('--out', 'media/import.png');
const STAGE = arg('stage', 'pack');
// The README's import shot: the new pack's tree beside the imported fixture report, and 知识图谱's card from the new pack.
if (IMPORT && !process.argv.includes('--source') && !process.argv.includes('--hover') && STAGE === 'pack') {
  process.argv.push('--hover', '知识图谱');
}
if (IMPORT && !['review', 'pack'].includes(STAGE)) throw new Error(`--stage ${STAGE}: review or pack`);
if (PREVIEW) {
  if (!process.argv.includes('--out')) process.argv.push('--out', 'media/preview.png');
  if (!process.argv.includes('--file')) process.argv.push('--file', 'notes/preview.md');
}
// Without view options, the README's shot: the Simplified-Chinese draft, RegTech expanded and its definition card.
if (!IMPORT && !process.argv.slice(2).some((a) => /^--(file|expand|click|hover|sidebar)$/.test(a))) {
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

/** Widens the side bar to `px` by dragging its sash. */
async function widenSidebar(page, px) {
  const box = await page.locator('.sidebar').boundingBox();
  const x = box.x + box.width;
  const y = box.y + box.height / 2;
  await page.mouse.move(x - 1, y);
  await page.mouse.down();
  await page.mouse.move(box.x + px, y, { steps: 8 });
  await page.mouse.up();
}

/**
 * Rests the mouse on `spec` ("text" or "text#n", the n-th occurrence from 1) in the editor's visible lines, at the
 * centre of exactly those characters, and waits until the hover has shown and faded in.
 */
async function hoverText(page, spec) {
  const [, text, nth] = /^(.*?)(?:#(\d+))?$/.exec(spec);
  const rect = await page.evaluate(([t, n]) => {
    let seen = 0;
    for (const line of document.querySelectorAll('.monaco-editor .view-lines .view-line')) {
      const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        for (let at = node.data.indexOf(t); at >= 0; at = node.data.indexOf(t, at + 1)) {
          if (++seen < n) continue;
          const range = document.createRange();
          range.setStart(node, at);
          range.setEnd(node, at + t.length);
          const r = range.getBoundingClientRect();
          return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
        }
      }
    }
    return undefined;
  }, [text, Number(nth || 1)]);
  if (!rect) {
    log(`"${spec}" is not visible in the editor`);
    return;
  }
  await page.mouse.move(rect.x, rect.y);
  const shown = '.monaco-editor .monaco-hover:not(.hidden) .hover-contents';
  await page.waitForSelector(shown, { timeout: 10000 }).catch(() => log('no hover appeared'));
  await page.waitForFunction((sel) => {
    const h = document.querySelector(sel)?.closest('.monaco-hover');
    return !!h && getComputedStyle(h).opacity === '1';
  }, shown, { timeout: 5000 }).catch(() => {});
  log('hover:', (await page.locator(shown).allInnerTexts().catch(() => [])).join(' ').replace(/\s+/g, ' ').slice(0, 200));
}

/** Drags the sash above the side bar pane whose header is `header` so that the header's top is at `y`. */
async function movePaneTop(page, header, y) {
  const box = await header.boundingBox();
  const x = box.x + box.width / 2;
  await page.mouse.move(x, box.y);
  await page.mouse.down();
  await page.mouse.move(x, y, { steps: 8 });
  await page.mouse.up();
  const top = (await header.boundingBox()).y;
  if (Math.abs(top - y) > 8) log(`the pane header stays at y=${top.toFixed(0)}, not ${y}`);
}

/** Waits for the quick input titled `title` (a prefix) and returns its input's value. */
async function untilQuickInput(page, title, timeout = 60000) {
  await page.waitForSelector(`.quick-input-widget .quick-input-title:has-text("${title}")`, { state: 'visible', timeout });
  return page.locator('.quick-input-widget .quick-input-box input').inputValue();
}

/** Expands or collapses the side bar's tree row `row` (a locator) by its twistie, so its command does not run. */
async function setExpanded(page, row, expanded) {
  await row.waitFor({ timeout: 30000 });
  if (await row.getAttribute('aria-expanded') === String(!expanded)) await row.locator('.monaco-tl-twistie').click();
  await row.and(page.locator(`[aria-expanded="${expanded}"]`)).waitFor({ timeout: 10000 });
}

/**
 * The import workflow as an analyst runs it: Import Report… from the Command Palette with the file dialog, the
 * notification's Create Pack from Report, the reference boxes accepted as found, then the glossary review (the shot
 * for --stage review) or, for --stage pack, the review accepted and the new pack's taxonomy beside the report.
 */
async function importWorkflow(page, ws, source) {
  const name = path.basename(source);
  const copy = name.replace(/\.[^.]+$/, '.md');
  await runCommandInto(page, 'Fintech Lens: Import Report…');
  const start = await untilQuickInput(page, 'Import a report');
  log('file dialog opens at', start);
  await page.locator('.quick-input-widget .quick-input-box input').fill(path.join(ws, name));
  await page.waitForSelector(`.quick-input-list .monaco-list-row:has-text("${name}")`, { timeout: 15000 });
  await page.keyboard.press('Enter');
  await page.waitForSelector(`.tabs-container .tab:has-text("${copy}")`, { timeout: 60000 });
  const toast = page.locator('.notification-toast', { hasText: `Imported ${name}` });
  await toast.waitFor({ timeout: 30000 });
  log('notification:', (await toast.locator('.notification-list-item-message').innerText()).trim());
  if (STAGE === 'review') { // the Explorer's Outline: the headings the import found
    const outline = page.locator('.sidebar .pane-header', { hasText: 'Outline' });
    if (await outline.getAttribute('aria-expanded') !== 'true') await outline.click();
    await movePaneTop(page, outline, 250); // the Outline's top sash up, below the Explorer's files
    await page.waitForSelector('.sidebar .monaco-list-row:has-text("保险科技发展现状")', { timeout: 30000 });
    await page.waitForSelector(`.sidebar .explorer-folders-view .monaco-list-row:has-text("${copy}")`, { timeout: 30000 });
  }
  await toast.locator('.monaco-button', { hasText: 'Create Pack from Report' }).click();
  let title = '';
  for (let i = 1; i <= 5; i++) {
    const value = await untilQuickInput(page, `Create Pack from Report (${i}/5)`);
    log(`reference box ${i}/5:`, JSON.stringify(value));
    if (i === 1) title = value;
    await page.keyboard.press('Enter'); // the next wait is for the next box's title
  }
  await untilQuickInput(page, 'Terms for the glossary');
  await page.waitForSelector('.quick-input-list .monaco-list-row', { timeout: 15000 });
  log('review:', (await page.locator('.quick-input-widget .quick-input-title').innerText()).trim());
  const shown = await page.locator('.quick-input-list .monaco-list-row').allInnerTexts();
  log('review rows:', shown.slice(0, 8).map((r) => r.replace(/\s+/g, ' ')).join(' | '));
  if (STAGE === 'review') return;

  await page.keyboard.press('Enter');
  const pack = copy.replace(/\.md$/, '.fintech-pack.json');
  await page.waitForSelector(`.tabs-container .tab:has-text("${pack}")`, { timeout: 60000 });
  await page.locator(`.tabs-container .tab:has-text("${copy}")`).click();
  await page.waitForSelector(`.tabs-container .tab.active:has-text("${copy}")`, { timeout: 10000 });
  // The new pack's tree: the other packs and the empty Definition view folded away, its first category and topic open.
  const definition = page.locator('.sidebar .pane-header', { hasText: 'Definition' });
  if (await definition.getAttribute('aria-expanded') === 'true') await definition.click();
  const packs = page.locator('.sidebar .monaco-list-row[aria-level="1"]');
  await packs.filter({ hasText: title }).waitFor({ timeout: 30000 }); // the tree holds the new pack
  const others = packs.filter({ hasNotText: title });
  for (let i = 0; i < await others.count(); i++) await setExpanded(page, others.nth(i), false);
  const expand = args('expand');
  if (expand.length) {
    for (const label of expand) await setExpanded(page, page.locator('.sidebar .monaco-list-row', { hasText: label }).first(), true);
  } else {
    await setExpanded(page, page.locator('.sidebar .monaco-list-row[aria-level="2"]').first(), true);
    await setExpanded(page, page.locator('.sidebar .monaco-list-row[aria-level="3"][aria-expanded]').first(), true);
    await page.locator('.sidebar .monaco-list-row[aria-level="4"]').first().waitFor({ timeout: 10000 });
  }
}

/** Runs a command by its palette label when the command opens a quick input of its own (a dialog, a box). */
async function runCommandInto(page, label) {
  await page.keyboard.press('F1');
  await page.waitForSelector('.quick-input-widget input', { state: 'visible' });
  await page.keyboard.type(label);
  await page.waitForSelector(`.quick-input-list .monaco-list-row:has-text("${label}")`, { timeout: 15000 });
  await page.keyboard.press('Enter');
}

/** Quick Opens the workspace file `file` and waits for its tab. */
async function quickOpen(page, file) {
  await page.keyboard.press('Control+P');
  await page.waitForSelector('.quick-input-widget input', { state: 'visible' });
  await page.keyboard.type(file);
  await page.waitForSelector(`.quick-input-list .monaco-list-row:has-text("${path.basename(file)}")`, { timeout: 15000 });
  await page.keyboard.press('Enter');
  await page.waitForSelector(`.tabs-container .tab:has-text("${path.basename(file)}")`, { timeout: 15000 });
}

/** The README's default shot: the packs' tree with the --expand rows expanded and the --click rows clicked. */
async function viewTree(page) {
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
  if (IMPORT) {
    const source = path.resolve(ROOT, arg('source', path.join('test', 'fixtures', 'draft', 'insurtech-report.txt')));
    fs.copyFileSync(source, path.join(ws, path.basename(source)));
    return { ws, file: '', source };
  }
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
  const { ws, file, source } = prepareWorkspace(tmp);
  let workbench;
  let ok = false;
  try {
    workbench = await cs.openWorkbench({ dirs, folder: ws, logFile: path.join(tmp, 'code-server.log'), extensionDevelopmentPath: ROOT, viewport: { width: WIDTH, height: HEIGHT } });
    const { page } = workbench;
    page.on('pageerror', (e) => log('[pageerror]', e.message));
    await page.waitForSelector('.monaco-workbench', { timeout: 60000 });
    await page.waitForSelector('.activitybar .action-item a[aria-label^="Explorer"]', { timeout: 60000 });
    log('workbench up;', IMPORT ? `importing ${path.basename(source)}` : `opening ${file}`);

    const sidebar = Number(arg('sidebar', IMPORT ? (STAGE === 'pack' ? '440' : '360') : '0'));
    await page.locator('.monaco-workbench').click({ position: { x: WIDTH / 2, y: HEIGHT / 2 } }).catch(() => {});
    if (!IMPORT) await quickOpen(page, file);

    // The Fintech Lens view container; for the review, the Explorer (the report beside its copy, and its outline).
    const container = IMPORT && STAGE === 'review' ? 'Explorer' : 'Fintech Lens';
    const item = page.locator(`.activitybar .action-item a[aria-label^="${container}"]`);
    await item.waitFor({ timeout: 30000 });
    if (!(await page.locator(`.sidebar .composite.title:has-text("${container}")`).count())) await item.click();
    await page.waitForSelector('.sidebar .pane-body', { timeout: 15000 });
    if (sidebar) await widenSidebar(page, sidebar);
    if (IMPORT) {
      await page.waitForSelector('.sidebar .monaco-list-row', { timeout: 30000 });
      // the extension's commands are registered once its view container shows in the activity bar
      await page.locator('.activitybar .action-item a[aria-label^="Fintech Lens"]').waitFor({ timeout: 30000 });
      await importWorkflow(page, ws, source);
    } else {
      await viewTree(page);
    }
    const rows = await page.locator('.sidebar .monaco-list-row').allInnerTexts();
    log('side bar rows:', rows.slice(0, 12).map((r) => r.replace(/\s+/g, ' ')).join(' | ') || '(none)');

    if (PREVIEW) await showPreview(page);
    const hover = arg('hover', '');
    if (hover) {
      await hoverText(page, hover);
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
