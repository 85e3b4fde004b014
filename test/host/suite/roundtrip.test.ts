/**
 * Pandoc as the judge of Insert Citation: for each bibliography situation (a new references.json, an
 * existing .bib, CSL-JSON and CSL-YAML file), the command inserts citations, the bibliography is on
 * disk (read from the file, not the editor's model), and `pandoc --citeproc` on the saved document
 * resolves every citation with no warning. A bibliography an editor tab shows stays for the analyst
 * to save; once saved, Pandoc resolves it too.
 *
 * Needs pandoc on PATH (`test/setup-pandoc.sh`): fails in CI without it, and is skipped, loudly, elsewhere.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as vscode from 'vscode';
import { exists } from '../../../src/host/files';
import { api, closeAll, until, workspaceUri, writeFile } from './helpers';

const KEY = 'zhongyan2026jinrong';
const REPORT_TITLE = '金融科技產業現狀及未來發展趨勢分析報告';
const folderOf = (name: string) => workspaceUri('roundtrip', name);

/** The file's bytes on disk, as text. */
async function onDisk(uri: vscode.Uri): Promise<string> {
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
}

/** `pandoc --citeproc` on the saved document in its folder: the plain text and the warnings. */
function citeproc(doc: vscode.Uri): { stdout: string; stderr: string } {
  const folder = vscode.Uri.joinPath(doc, '..').fsPath;
  const args = ['--citeproc', '-f', 'markdown', '-t', 'plain', '--wrap=none', doc.fsPath];
  const r = spawnSync('pandoc', args, { cwd: folder, encoding: 'utf8' });
  if (r.error) throw r.error;
  assert.equal(r.status, 0, r.stderr);
  return { stdout: r.stdout, stderr: r.stderr };
}

function assertResolved(out: { stdout: string; stderr: string }, titles: string[]): void {
  assert.equal(out.stderr.trim(), '', 'pandoc --citeproc warns of nothing');
  assert.ok(!out.stdout.includes('???') && !/\(\S+\?\)/.test(out.stdout), `every citation resolves:\n${out.stdout}`);
  for (const t of titles) assert.ok(out.stdout.includes(t), `the reference list holds "${t}":\n${out.stdout}`);
}

/** A draft on disk, shown in an editor with the cursor before `marker` (which is removed). */
async function draftAt(folder: string, text: string, marker = '|'): Promise<vscode.TextEditor> {
  const at = text.indexOf(marker);
  const uri = vscode.Uri.joinPath(folderOf(folder), 'note.md');
  await writeFile(uri, text.slice(0, at) + text.slice(at + marker.length));
  const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
  const p = editor.document.positionAt(at);
  editor.selection = new vscode.Selection(p, p);
  return editor;
}

const cite = (args: unknown) => vscode.commands.executeCommand<boolean>('fintechLens.insertCitation', args);

/** Moves the cursor before the first `needle` of the document. */
function moveBefore(editor: vscode.TextEditor, needle: string): void {
  const at = editor.document.getText().indexOf(needle);
  assert.ok(at >= 0, needle);
  const p = editor.document.positionAt(at);
  editor.selection = new vscode.Selection(p, p);
}

/** Undo in the document's editor; one step per call. */
async function undoIn(editor: vscode.TextEditor): Promise<void> {
  await vscode.window.showTextDocument(editor.document);
  await vscode.commands.executeCommand('undo');
}

describe('round trip: pandoc --citeproc resolves every citation Insert Citation writes', function () {
  this.timeout(120000);

  before(async function () {
    if (spawnSync('pandoc', ['--version']).status !== 0) {
      const message = 'pandoc is not on PATH: run `sh test/setup-pandoc.sh` (Debian\'s pandoc 2.17 with citeproc)';
      if (process.env.CI) throw new Error(`${message}; CI must have it.`);
      console.warn(`\n  !!! SKIPPED: ${message}.\n`);
      this.skip();
    }
    await api();
  });
  afterEach(async () => {
    for (let i = 0; i < 10 && vscode.window.visibleTextEditors.length > 0; i++) await closeAll();
  });
  after(async () => {
    try {
      await vscode.workspace.fs.delete(workspaceUri('roundtrip'), { recursive: true, useTrash: false });
    } catch {
      /* already gone */
    }
  });

  it('a new references.json', async () => {
    const text = '# Note\n\nFintech keeps growing|. Regulation follows.\n';
    const editor = await draftAt('new', text);
    assert.equal(await cite({ source: 'fintech-2026', locator: { section: '1.3' }, syntax: 'pandoc' }), true);
    moveBefore(editor, ' follows');
    assert.equal(await cite({ source: 'fintech-2026', syntax: 'pandoc' }), true);
    const refs = vscode.Uri.joinPath(folderOf('new'), 'references.json');
    const items = JSON.parse(await onDisk(refs)) as Array<{ id: string }>;
    assert.deepEqual(items.map((i) => i.id), [KEY], 'created on disk, with the entry once');
    assert.equal((await vscode.workspace.openTextDocument(refs)).isDirty, false, 'no invisible dirty model');
    const doc = editor.document;
    assert.match(doc.getText(), /^---\nbibliography: references\.json\n---\n/);
    assert.ok(await doc.save());
    assertResolved(citeproc(doc.uri), [REPORT_TITLE]);

    // Each command is one undo step for the document; the first one's undo also removes the file.
    await undoIn(editor);
    await undoIn(editor);
    assert.equal(doc.getText(), text.replace('|', ''));
    await until('references.json removed by the same undo', async () => !(await exists(refs)), 30000);
  });

  it('an existing .bib', async () => {
    const bibUri = vscode.Uri.joinPath(folderOf('bib'), 'refs.bib');
    const bib = [
      '@book{chen2000guoshi,',
      '  author    = {陈登原},',
      '  title     = {国史旧闻},',
      '  publisher = {中华书局},',
      '  address   = {北京},',
      '  year      = {2000},',
      '}',
      '',
    ].join('\n');
    await writeFile(bibUri, bib);
    const text = '---\nbibliography: refs.bib\n---\n\nOne claim|. Another.\n';
    const editor = await draftAt('bib', text);
    assert.equal(await cite({ source: ['chen2000guoshi', 'fintech-2026'], locator: { page: '29' }, syntax: 'pandoc' }), true);
    const saved = await onDisk(bibUri);
    assert.ok(saved.startsWith(bib) && saved.includes(`@techreport{${KEY},`), 'the entry is appended on disk');
    assert.equal((await vscode.workspace.openTextDocument(bibUri)).isDirty, false, 'no invisible dirty model');
    assert.ok(await editor.document.save());
    assertResolved(citeproc(editor.document.uri), ['国史旧闻', REPORT_TITLE]);
    await undoIn(editor);
    assert.equal(editor.document.getText(), text.replace('|', ''), 'one undo step for the document');
  });

  it('an existing CSL-JSON file, with a key Pandoc reads only in braces', async () => {
    const jsonUri = vscode.Uri.joinPath(folderOf('json'), 'refs.json');
    const smith = {
      id: 'smith2020.',
      type: 'book',
      title: 'Payments at scale',
      author: [{ family: 'Smith', given: 'Ann' }],
      issued: { 'date-parts': [[2020]] },
    };
    const json = JSON.stringify([smith], null, 2) + '\n';
    await writeFile(jsonUri, json);
    const text = '---\nbibliography: refs.json\n---\n\nA claim|.\n';
    const editor = await draftAt('json', text);
    assert.equal(await cite({ source: ['smith2020.', 'fintech-2026'], syntax: 'pandoc' }), true);
    assert.ok(editor.document.getText().includes(`A claim[@{smith2020.}; @${KEY}].`), editor.document.getText());
    const items = JSON.parse(await onDisk(jsonUri)) as Array<{ id: string }>;
    assert.deepEqual(items.map((i) => i.id), ['smith2020.', KEY], 'the entry is appended on disk');
    assert.equal((await vscode.workspace.openTextDocument(jsonUri)).isDirty, false, 'no invisible dirty model');
    assert.ok(await editor.document.save());
    assertResolved(citeproc(editor.document.uri), ['Payments at Scale', REPORT_TITLE]);
  });

  it('an existing CSL-YAML file', async () => {
    const yamlUri = vscode.Uri.joinPath(folderOf('yaml'), 'refs.yaml');
    const yaml = [
      'references:',
      '- id: chen2000guoshi',
      '  type: book',
      '  title: 国史旧闻',
      '  author:',
      '  - family: 陈',
      '    given: 登原',
      '  issued:',
      '    date-parts:',
      '    - [2000]',
      '',
    ].join('\n');
    await writeFile(yamlUri, yaml);
    const text = '---\nbibliography: refs.yaml\n---\n\nA claim|.\n';
    const editor = await draftAt('yaml', text);
    assert.equal(await cite({ source: ['chen2000guoshi', 'fintech-2026'], locator: { page: '3' }, syntax: 'pandoc' }), true);
    const saved = await onDisk(yamlUri);
    assert.ok(saved.startsWith(yaml) && saved.includes(`- id: ${KEY}\n`), `the entry is appended on disk:\n${saved}`);
    assert.equal((await vscode.workspace.openTextDocument(yamlUri)).isDirty, false, 'no invisible dirty model');
    assert.ok(await editor.document.save());
    assertResolved(citeproc(editor.document.uri), ['国史旧闻', REPORT_TITLE]);
  });

  it('a bibliography an editor tab shows: left for the analyst to save, then resolved', async () => {
    const bibUri = vscode.Uri.joinPath(folderOf('shown'), 'refs.bib');
    const bib = '@book{chen2000guoshi,\n  title = {国史旧闻},\n  year = {2000},\n}\n';
    await writeFile(bibUri, bib);
    const bibDoc = await vscode.workspace.openTextDocument(bibUri);
    await vscode.window.showTextDocument(bibDoc, { preview: false });
    const text = '---\nbibliography: refs.bib\n---\n\nA claim|.\n';
    const editor = await draftAt('shown', text);
    assert.equal(await cite({ source: 'fintech-2026', syntax: 'pandoc' }), true);
    assert.ok(bibDoc.getText().includes(`@techreport{${KEY},`));
    assert.equal(bibDoc.isDirty, true, 'the tab shows the change, unsaved');
    assert.equal(await onDisk(bibUri), bib, 'the file on disk is the analyst\'s to save');
    assert.ok(await editor.document.save());
    const before = citeproc(editor.document.uri);
    const disk = await onDisk(bibUri);
    const state = `dirty ${bibDoc.isDirty}, on disk:\n${disk}\npandoc:\n${before.stdout}`;
    assert.match(before.stderr, new RegExp(`citation ${KEY} not found`), `Pandoc reads the file as it is on disk (${state})`);
    assert.ok(await bibDoc.save());
    assertResolved(citeproc(editor.document.uri), [REPORT_TITLE]);
  });
});
