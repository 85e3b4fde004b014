import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { exists } from '../../../src/host/files';
import { formatInlineCitation, formatReference } from '../../../src/core/citations';
import type { CslItem } from '../../../src/core/pack/types';
import { packLocatorItems } from '../../../src/features/citations/picker';
import type { FintechLensApi } from '../../../src/extension';
import { api, until, workspaceUri, writeFile } from './helpers';

const config = () => vscode.workspace.getConfiguration('fintechLens');
const KEY = 'zhongyan2026jinrong';
/** Resolves when the next Insert Citation picker of `kind` opens (it listens from the moment it is called). */
function pickerShown(a: FintechLensApi, kind: 'sources' | 'locator'): Promise<void> {
  return new Promise((resolve) => {
    const sub = a.onDidShowCitationPicker((k) => {
      if (k !== kind) return;
      sub.dispose();
      resolve();
    });
  });
}

async function removeTree(uri: vscode.Uri): Promise<void> {
  try {
    await vscode.workspace.fs.delete(uri, { recursive: true, useTrash: false });
  } catch {
    /* already gone */
  }
}

/** Closes every editor without saving. */
async function closeEditors(): Promise<void> {
  for (let i = 0; i < 30 && vscode.window.visibleTextEditors.length > 0; i++) {
    await vscode.window.showTextDocument(vscode.window.visibleTextEditors[0].document);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/** A draft on disk in its own folder, shown in an editor, with cursors at `cursors` (default: the end). */
async function draft(folder: string, text: string, cursors?: number[]): Promise<vscode.TextEditor> {
  const uri = workspaceUri('cite', folder, 'note.md');
  await writeFile(uri, text);
  const doc = await vscode.workspace.openTextDocument(uri);
  const editor = await vscode.window.showTextDocument(doc);
  const at = cursors ?? [text.length];
  editor.selections = at.map((o) => new vscode.Selection(doc.positionAt(o), doc.positionAt(o)));
  return editor;
}

async function cite(args: unknown): Promise<boolean | undefined> {
  return vscode.commands.executeCommand<boolean>('fintechLens.insertCitation', args);
}

/** A file's current text: its document's when open (edits may be unsaved), else from disk. */
async function textOf(uri: vscode.Uri): Promise<string> {
  return (await vscode.workspace.openTextDocument(uri)).getText();
}


/** A file's text on disk (what Pandoc reads), whatever an editor holds. */
async function diskText(uri: vscode.Uri): Promise<string> {
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
}

async function undo(editor: vscode.TextEditor): Promise<void> {
  await vscode.window.showTextDocument(editor.document);
  await vscode.commands.executeCommand('undo');
}

function hoverText(h: vscode.Hover): string {
  return h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : '')).join('\n');
}

/** The reference as a hover shows it: escaped Markdown, compared without the escapes. */
function unescapeHover(s: string): string {
  return s.replace(/\u200B/g, '').replace(/\\([\\`*_{}[\]()#+\-.!|~>])/g, '$1').replace(/&lt;/g, '<').replace(/&amp;/g, '&');
}

describe('citations: Insert Citation, hover, diagnostics', function () {
  this.timeout(60000);
  let report: CslItem;

  before(async () => {
    const a = await api();
    report = a.packs.find('fintech-2026')!.pack.reference;
    await config().update('citation.style', 'gbt7714-2025', vscode.ConfigurationTarget.Global);
  });
  afterEach(async () => {
    await closeEditors();
  });
  after(async () => {
    await config().update('citation.style', undefined, vscode.ConfigurationTarget.Global);
    await config().update('citation.syntax', undefined, vscode.ConfigurationTarget.Global);
    await config().update('displayScript', undefined, vscode.ConfigurationTarget.Global);
    await removeTree(workspaceUri('cite'));
  });

  it('pandoc: creates references.json with the CSL-JSON item and the front matter, in one undo step', async () => {
    const text = '# Note\n\nFintech keeps growing.\n';
    const editor = await draft('pandoc-new', text, [text.indexOf('.\n')]);
    assert.equal(await cite({ source: 'fintech-2026', locator: { section: '1.3' }, syntax: 'pandoc' }), true);
    const doc = editor.document;
    assert.equal(doc.getText(), `---\nbibliography: references.json\n---\n\n# Note\n\nFintech keeps growing[@${KEY}, sec. 1.3].\n`);
    const refsUri = workspaceUri('cite', 'pandoc-new', 'references.json');
    const items = JSON.parse(await textOf(refsUri)) as CslItem[];
    assert.equal(items.length, 1);
    assert.equal(items[0].id, KEY);
    assert.equal(items[0].type, 'report');
    assert.equal(items[0].title, report.title, 'the report keeps its Traditional title');
    assert.deepEqual(items[0].author, report.author);
    // The cursor follows the citation.
    assert.equal(doc.offsetAt(editor.selection.active), doc.getText().indexOf('].') + 1);

    await undo(editor);
    assert.equal(doc.getText(), text, 'one undo restores the document exactly');
    await until('references.json removed by the same undo', async () => !(await exists(refsUri)));
  });

  it('pandoc: appends to the .bib the front matter names, in BibTeX, keeping the user\'s text', async () => {
    const bib = '% My references\n@book{chen2000guoshi,\n    author    = {陈登原},\n    title     = {国史旧闻},\n    publisher = {中华书局},\n    address   = {北京},\n    year      = {2000},\n}\n';
    const bibUri = workspaceUri('cite', 'pandoc-bib', 'refs.bib');
    await writeFile(bibUri, bib);
    const text = '---\ntitle: Draft\nbibliography: refs.bib\n---\n\nOne claim. Another claim.\n';
    const first = text.indexOf('. Another');
    const editor = await draft('pandoc-bib', text, [first]);
    const doc = editor.document;

    assert.equal(await cite({ source: 'fintech-2026', syntax: 'pandoc' }), true);
    const afterFirst = doc.getText();
    assert.equal(afterFirst, text.slice(0, first) + `[@${KEY}]` + text.slice(first), 'front matter untouched, citation at the cursor');
    const bib1 = await textOf(bibUri);
    assert.ok(bib1.startsWith(bib), 'the user\'s entries and comment are kept as written');
    const added = bib1.slice(bib.length);
    assert.match(added, new RegExp(`^\\n@techreport\\{${KEY},\\n`));
    assert.match(added, /\n {4}title {5}= \{2026-2030年金融科技產業現狀及未來發展趨勢分析報告\},\n/, 'same alignment as the user\'s entry');
    assert.ok(added.endsWith('}\n'));
    assert.equal(await diskText(bibUri), bib1, 'the bibliography no editor shows is saved with the entry');
    assert.equal((await vscode.workspace.openTextDocument(bibUri)).isDirty, false, 'no invisible dirty model is left');

    // Citing it again, and the user's own entry with a page: nothing more is appended.
    const end = doc.getText().indexOf('Another claim') + 'Another claim'.length;
    editor.selection = new vscode.Selection(doc.positionAt(end), doc.positionAt(end));
    assert.equal(await cite({ source: [KEY, 'chen2000guoshi'], locator: { section: '2.1' }, syntax: 'pandoc' }), true);
    assert.ok(doc.getText().includes(`Another claim[@${KEY}, sec. 2.1; @chen2000guoshi].`), doc.getText());
    assert.equal(await textOf(bibUri), bib1, 'no duplicate entry');
    assert.equal(await cite({ source: 'chen2000guoshi', locator: { page: '29' }, syntax: 'pandoc' }), true);
    assert.ok(doc.getText().includes('[@chen2000guoshi, p. 29]'));

    await undo(editor);
    await undo(editor);
    assert.equal(doc.getText(), afterFirst);
    await undo(editor);
    assert.equal(doc.getText(), text);
  });

  it('pandoc: appends to a CSL-YAML bibliography from fintechLens.bibliography, open and unsaved in an editor', async () => {
    const yamlUri = workspaceUri('cite', 'yaml', 'refs.yaml');
    const yaml = '# shared references\n- id: chen2000guoshi\n  type: book\n  title: 国史旧闻\n  author:\n    - family: 陈\n      given: 登原\n  issued:\n    date-parts:\n      - [2000]\n';
    await writeFile(yamlUri, yaml);
    await config().update('bibliography', 'cite/yaml/refs.yaml', vscode.ConfigurationTarget.Workspace);
    try {
      // The bibliography is open with an unsaved change of the user's.
      const bibEditor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(yamlUri));
      assert.ok(await bibEditor.edit((b) => b.insert(new vscode.Position(0, 0), '# unsaved note\n')));
      const text = 'A claim.\n';
      const editor = await draft('yaml', text, [7]);
      assert.equal(await cite({ source: ['chen2000guoshi', 'fintech-2026'], locator: { page: '29' }, syntax: 'pandoc' }), true);
      assert.equal(editor.document.getText(), `A claim[@chen2000guoshi, p. 29; @${KEY}].\n`, 'the setting needs no front matter');
      const after = bibEditor.document.getText();
      assert.ok(after.startsWith('# unsaved note\n' + yaml), 'the unsaved text and the user\'s entries are kept');
      assert.match(after.slice(yaml.length + 15), new RegExp(`^- id: ${KEY}\\n  type: report\\n`));
      assert.equal(bibEditor.document.isDirty, true, 'the open bibliography is edited as a document');
    } finally {
      await config().update('bibliography', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  it('pandoc: leaves a bibliography an editor tab shows for the analyst to save', async () => {
    const bibUri = workspaceUri('cite', 'shown', 'refs.bib');
    const bib = '@book{chen2000guoshi,\n  title = {国史旧闻},\n  year = {2000},\n}\n';
    await writeFile(bibUri, bib);
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(bibUri), { preview: false });
    const text = '---\nbibliography: refs.bib\n---\n\nA claim.\n';
    const editor = await draft('shown', text, [text.length - 2]);
    assert.equal(await cite({ source: 'fintech-2026', syntax: 'pandoc' }), true);
    assert.ok(editor.document.getText().includes(`[@${KEY}]`));
    const bibDoc = await vscode.workspace.openTextDocument(bibUri);
    assert.ok(bibDoc.getText().includes(`@techreport{${KEY},`));
    assert.equal(bibDoc.isDirty, true, 'the tab shows the change, unsaved');
    assert.equal(await diskText(bibUri), bib);
    await closeEditors();
  });

  it('pandoc: uses a references.json already beside the document, and the key its entry of the report has', async () => {
    const refsUri = workspaceUri('cite', 'beside', 'references.json');
    const refs = `[\n  {\n    "id": "zy2026",\n    "type": "report",\n    "title": "2026-2030年金融科技产业现状及未来发展趋势分析报告",\n    "issued": { "date-parts": [[2026]] }\n  }\n]\n`;
    await writeFile(refsUri, refs);
    const text = 'A claim.\n';
    const editor = await draft('beside', text, [7]);
    assert.equal(await cite({ source: 'fintech-2026', syntax: 'pandoc' }), true);
    assert.equal(editor.document.getText(), '---\nbibliography: references.json\n---\n\nA claim[@zy2026].\n', 'the same work in Simplified is found by its title');
    assert.equal(await textOf(refsUri), refs, 'nothing appended');

    // Now named in the front matter, its entries are citable by key.
    assert.equal(await cite({ source: 'zy2026', locator: { page: '5-7' }, syntax: 'pandoc' }), true);
    assert.ok(editor.document.getText().includes('[@zy2026, pp. 5-7]'));
    assert.equal(await textOf(refsUri), refs);
  });

  it('footnote: next free label, reuse for the same source and locator, definitions at the end', async () => {
    const text = 'First point[^1]. Second point. Third point.\n\n[^1]: A note of my own.\n';
    const editor = await draft('footnote', text, [text.indexOf('. Third')]);
    const doc = editor.document;
    const reference = formatReference(report, 'gbt7714-2025', { locator: { label: 'section', value: '1.3' } });

    assert.equal(await cite({ source: 'fintech-2026', locator: { section: '1.3' }, syntax: 'footnote' }), true);
    const once = doc.getText();
    assert.equal(once, `First point[^1]. Second point[^2]. Third point.\n\n[^1]: A note of my own.\n[^2]: ${reference}\n`);

    // The same source and locator again: the footnote is reused.
    const third = doc.getText().indexOf('.\n\n');
    editor.selection = new vscode.Selection(doc.positionAt(third), doc.positionAt(third));
    assert.equal(await cite({ source: 'fintech-2026', locator: { section: '1.3' }, syntax: 'footnote' }), true);
    assert.equal(doc.getText(), `First point[^1]. Second point[^2]. Third point[^2].\n\n[^1]: A note of my own.\n[^2]: ${reference}\n`);

    // Another locator (a passage): a new footnote [^3].
    const start = 0;
    editor.selection = new vscode.Selection(doc.positionAt(start), doc.positionAt(start));
    assert.equal(await cite({ source: 'fintech-2026', locator: { section: '2.1', paragraph: 2 }, syntax: 'footnote' }), true);
    const passage = formatReference(report, 'gbt7714-2025', { locator: { label: 'section', value: '2.1', paragraph: '2' } });
    assert.match(passage, /第 2\.1 節第 2 段\.$/);
    assert.equal(doc.getText(), `[^3]First point[^1]. Second point[^2]. Third point[^2].\n\n[^1]: A note of my own.\n[^2]: ${reference}\n[^3]: ${passage}\n`);

    await undo(editor);
    await undo(editor);
    await undo(editor);
    assert.equal(doc.getText(), text);
  });

  it('inline: author-date text in GB/T 7714-2025 and APA 7', async () => {
    const text = '监管科技正在普及。\n';
    const editor = await draft('inline', text, [text.indexOf('。')]);
    const doc = editor.document;
    assert.equal(await cite({ source: 'fintech-2026', locator: { section: '1.3' }, syntax: 'inline' }), true);
    assert.equal(doc.getText(), '监管科技正在普及（中研產業研究院，2026：第 1.3 節）。\n');

    await config().update('citation.style', 'apa7', vscode.ConfigurationTarget.Global);
    try {
      const end = doc.getText().length - 1;
      editor.selection = new vscode.Selection(doc.positionAt(end), doc.positionAt(end));
      assert.equal(await cite({ source: 'fintech-2026', locator: { section: '1.3' }, syntax: 'inline' }), true);
      const apa = formatInlineCitation([{ item: report, locator: { label: 'section', value: '1.3' } }], 'apa7');
      assert.equal(apa, '(中研產業研究院, 2026, sec. 1.3)');
      assert.equal(doc.getText(), `监管科技正在普及（中研產業研究院，2026：第 1.3 節）。${apa}\n`);
    } finally {
      await config().update('citation.style', 'gbt7714-2025', vscode.ConfigurationTarget.Global);
    }
    assert.equal(await exists(workspaceUri('cite', 'inline', 'references.json')), false, 'inline citations write no bibliography');
  });

  it('follows fintechLens.citation.syntax and the auto style from the display script', async () => {
    await config().update('citation.syntax', 'inline', vscode.ConfigurationTarget.Global);
    await config().update('citation.style', 'auto', vscode.ConfigurationTarget.Global);
    try {
      await config().update('displayScript', 'en', vscode.ConfigurationTarget.Global);
      const editor = await draft('auto', 'Text.\n', [4]);
      assert.equal(await cite({ source: 'fintech-2026' }), true);
      assert.equal(editor.document.getText(), 'Text(中研產業研究院, 2026).\n');
      await config().update('displayScript', 'zh-Hant', vscode.ConfigurationTarget.Global);
      editor.selection = new vscode.Selection(0, 0, 0, 0);
      assert.equal(await cite({ source: 'fintech-2026' }), true);
      assert.equal(editor.document.getText(), '（中研產業研究院，2026）Text(中研產業研究院, 2026).\n');
    } finally {
      await config().update('citation.syntax', undefined, vscode.ConfigurationTarget.Global);
      await config().update('displayScript', undefined, vscode.ConfigurationTarget.Global);
      await config().update('citation.style', 'gbt7714-2025', vscode.ConfigurationTarget.Global);
    }
  });

  it('keeps a CRLF document CRLF, front matter and footnotes included', async () => {
    const text = '# Note\r\n\r\nA claim.\r\nAnother.';
    const editor = await draft('crlf', text, [text.indexOf('.\r\n')]);
    const doc = editor.document;
    assert.equal(doc.eol, vscode.EndOfLine.CRLF);
    assert.equal(await cite({ source: 'fintech-2026', syntax: 'pandoc' }), true);
    assert.equal(doc.getText(), `---\r\nbibliography: references.json\r\n---\r\n\r\n# Note\r\n\r\nA claim[@${KEY}].\r\nAnother.`);
    const refs = await textOf(workspaceUri('cite', 'crlf', 'references.json'));
    assert.ok(refs.includes('\r\n') && !/[^\r]\n/.test(refs), 'the new bibliography follows the document\'s line ends');

    editor.selection = new vscode.Selection(doc.positionAt(doc.getText().length), doc.positionAt(doc.getText().length));
    assert.equal(await cite({ source: 'fintech-2026', syntax: 'footnote' }), true);
    const out = doc.getText();
    assert.ok(!/[^\r]\n/.test(out), 'no lone LF');
    assert.ok(out.endsWith(`Another.[^1]\r\n\r\n[^1]: ${formatReference(report, 'gbt7714-2025')}`), JSON.stringify(out.slice(-200)));
    assert.equal(doc.eol, vscode.EndOfLine.CRLF);
  });

  it('puts a citation at each of several cursors', async () => {
    const text = 'Alpha. Beta. Gamma.\n';
    const editor = await draft('multi', text, [text.indexOf('. Beta'), text.indexOf('. Gamma')]);
    const doc = editor.document;
    assert.equal(await cite({ source: 'fintech-2026', locator: { section: '1.1' }, syntax: 'footnote' }), true);
    const ref = formatReference(report, 'gbt7714-2025', { locator: { label: 'section', value: '1.1' } });
    assert.equal(doc.getText(), `Alpha[^1]. Beta[^1]. Gamma.\n\n[^1]: ${ref}\n`);
    assert.equal(editor.selections.length, 2);
    assert.deepEqual(editor.selections.map((s) => doc.offsetAt(s.active)).sort((a, b) => a - b), [9, 19]);
    await undo(editor);
    assert.equal(doc.getText(), text);

    editor.selections = [text.indexOf('. Beta'), text.indexOf('. Gamma')].map((o) => new vscode.Selection(doc.positionAt(o), doc.positionAt(o)));
    assert.equal(await cite({ source: 'fintech-2026', syntax: 'pandoc' }), true);
    assert.equal(doc.getText(), `---\nbibliography: references.json\n---\n\nAlpha[@${KEY}]. Beta[@${KEY}]. Gamma.\n`);
  });

  it('works in an untitled document, with the bibliography in the workspace folder', async () => {
    const refsUri = workspaceUri('references.json');
    await removeTree(refsUri);
    try {
      const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: 'Untitled claim.' });
      const editor = await vscode.window.showTextDocument(doc);
      editor.selection = new vscode.Selection(0, 14, 0, 14);
      assert.equal(await cite({ source: 'fintech-2026', syntax: 'pandoc' }), true);
      assert.equal(doc.getText(), `---\nbibliography: references.json\n---\n\nUntitled claim[@${KEY}].`);
      assert.equal(doc.isUntitled, true);
      const items = JSON.parse(await textOf(refsUri)) as CslItem[];
      assert.deepEqual(items.map((i) => i.id), [KEY]);
    } finally {
      await closeEditors();
      await removeTree(refsUri);
    }
  });

  it('gives a drop edit that produces what the command does', async () => {
    const a = await api();
    const text = 'Claim one. Claim two.\n\n[^1]: Mine.\n';
    const at = text.indexOf('. Claim two');
    const viaCommand = await draft('drop-a', text, [at]);
    assert.equal(await cite({ source: 'fintech-2026', locator: { section: '1.2' }, syntax: 'footnote' }), true);
    const viaDrop = await draft('drop-b', text, [0]);
    const doc = viaDrop.document;
    const drop = await a.citations!.dropEdit(doc, doc.positionAt(at), { source: 'fintech-2026', locator: { section: '1.2' }, syntax: 'footnote' });
    assert.ok(drop);
    assert.equal(typeof drop.insertText, 'string');
    const edit = new vscode.WorkspaceEdit();
    edit.insert(doc.uri, doc.positionAt(at), drop.insertText as string);
    for (const [uri, edits] of drop.additionalEdit?.entries() ?? []) for (const e of edits) edit.replace(uri, e.range, e.newText);
    assert.ok(await vscode.workspace.applyEdit(edit));
    assert.equal(doc.getText(), viaCommand.document.getText());
    assert.match(doc.getText(), /Claim one\[\^2\]\. Claim two\.\n\n\[\^1\]: Mine\.\n\[\^2\]: /);
  });

  it('gives a drop edit that creates the bibliography and front matter as the command does', async () => {
    const a = await api();
    const text = 'Claim.\n';
    const at = 5;
    const viaCommand = await draft('drop-c', text, [at]);
    assert.equal(await cite({ source: 'fintech-2026', locator: { section: '2.2' }, syntax: 'pandoc' }), true);
    const viaDrop = await draft('drop-d', text, [0]);
    const doc = viaDrop.document;
    const drop = await a.citations!.dropEdit(doc, doc.positionAt(at), { source: 'fintech-2026', locator: { section: '2.2' }, syntax: 'pandoc' });
    assert.ok(drop?.additionalEdit);
    assert.equal(drop.insertText, `[@${KEY}, sec. 2.2]`);
    assert.ok(await vscode.workspace.applyEdit(drop.additionalEdit));
    const shifted = at + doc.getText().length - text.length;
    assert.ok(await viaDrop.edit((b) => b.insert(doc.positionAt(shifted), drop.insertText as string)));
    assert.equal(doc.getText(), viaCommand.document.getText());
    assert.equal(await textOf(workspaceUri('cite', 'drop-d', 'references.json')), await textOf(workspaceUri('cite', 'drop-c', 'references.json')));
  });

  // Its time budget is `citations.bib_load_ms` in `npm run bench`.
  it('lists every source of a 10,000-entry bibliography, and again from the cache', async () => {
    const a = await api();
    const entries: string[] = [];
    for (let i = 0; i < 10000; i++) {
      entries.push(`@article{key${i},\n  author = {Author${i}, Alex and 王${i % 50}},\n  title = {金融科技研究第${i}篇: Digital finance ${i}},\n  journal = {Journal ${i % 40}},\n  year = {${2000 + (i % 25)}},\n}\n`);
    }
    await writeFile(workspaceUri('cite', 'big', 'big.bib'), entries.join('\n'));
    const editor = await draft('big', '---\nbibliography: big.bib\n---\n\nText.\n');
    const first = await a.citations!.sources(editor.document);
    assert.equal(first.items.length, 10001, 'the report and every entry');
    const again = await a.citations!.sources(editor.document);
    assert.deepEqual(again.items.map((i) => i.source.key), first.items.map((i) => i.source.key));
  });

  it('offers the report\'s sections and, from the bound report, its passages as locators', async () => {
    const a = await api();
    await until('report bound', () => a.reports.get('fintech-2026'));
    await config().update('displayScript', 'zh-Hant', vscode.ConfigurationTarget.Global);
    try {
      const editor = await draft('locators', 'Text.\n');
      const { sources } = await a.citations!.resolveArgs(editor.document, { source: 'fintech-2026' });
      const items = packLocatorItems(a.citations!, sources[0]);
      assert.equal(items[0].locator, undefined, '"No locator" comes first');
      const section = items.find((i) => i.locator?.label === 'section' && i.locator.value === '1.3' && !i.locator.paragraph);
      assert.ok(section, 'section 1.3');
      assert.match(section.label, /^1\.3 監管與合規/);
      const passages = items.filter((i) => i.locator?.value === '1.3' && i.locator.paragraph);
      assert.ok(passages.length >= 1, 'passages of 1.3 from the bound report');
      assert.equal(passages[0].locator!.paragraph, '1');
      assert.match(passages[0].description ?? '', /1 金融科技行業發展現狀分析 › 1\.3 監管與合規.* › ¶1$/);
      assert.ok(passages[0].label.length <= 40, 'first words only');
      assert.ok(items.indexOf(passages[0]) === items.indexOf(section) + 1, 'passages follow their section');
    } finally {
      await config().update('displayScript', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('rejects unknown sources and sections without changing anything', async () => {
    const text = 'Text.\n';
    const editor = await draft('errors', text, [4]);
    assert.equal(await cite({ source: 'no-such-pack', syntax: 'pandoc' }), false);
    assert.equal(await cite({ source: 'fintech-2026', locator: { section: '9.9' }, syntax: 'pandoc' }), false);
    assert.equal(editor.document.getText(), text);
    // Front matter that is not YAML cannot name a new bibliography: nothing is written.
    const bad = '---\ntitle: [unclosed\n---\n\nText.\n';
    const badEditor = await draft('errors-fm', bad, [bad.length - 2]);
    assert.equal(await cite({ source: 'fintech-2026', syntax: 'pandoc' }), false);
    assert.equal(badEditor.document.getText(), bad);
    assert.equal(await exists(workspaceUri('cite', 'errors', 'references.json')), false);
    assert.equal(await exists(workspaceUri('cite', 'errors-fm', 'references.json')), false);
  });

  it('writes nothing when the bibliography cannot be read', async () => {
    const folder = workspaceUri('cite', 'unreadable');
    // A folder where the bibliography file should be: it cannot be read as a file.
    await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(folder, 'refs.json'));
    const text = '---\nbibliography: refs.json\n---\n\nClaim.\n';
    const editor = await draft('unreadable', text, [text.length - 2]);
    assert.equal(await cite({ source: 'fintech-2026', syntax: 'pandoc' }), false);
    assert.equal(editor.document.getText(), text);
    const diags = await until('unreadable bibliography diagnostic', () => {
      const d = vscode.languages.getDiagnostics(editor.document.uri).filter((x) => x.code === 'bibliography.unreadable');
      return d.length ? d : undefined;
    });
    assert.equal(diags[0].severity, vscode.DiagnosticSeverity.Error);
    assert.equal(editor.document.getText(diags[0].range), 'refs.json');
  });

  it('hovers a Pandoc citation and a footnote reference with the formatted reference', async () => {
    const bibUri = workspaceUri('cite', 'hover', 'refs.json');
    const chen = { id: 'chen2000guoshi', type: 'book', author: [{ family: '陈', given: '登原' }], title: '国史旧闻', volume: 1, 'publisher-place': '北京', publisher: '中华书局', issued: { 'date-parts': [[2000]] } };
    await writeFile(bibUri, JSON.stringify([chen], null, 2) + '\n');
    const text = '---\nbibliography: refs.json\n---\n\nAs shown [@chen2000guoshi, p. 29], and noted[^1].\n\n[^1]: A *plain* note <b>x</b>.\n';
    const editor = await draft('hover', text, [0]);
    const doc = editor.document;
    const hovers = async (offset: number) =>
      ((await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, doc.positionAt(offset))) ?? []).map(hoverText);
    const onKey = await until('citation hover', async () => (await hovers(text.indexOf('chen2000') + 3)).find((h) => h.includes('chen2000guoshi')));
    assert.ok(unescapeHover(onKey).includes('陈登原. 国史旧闻：第 1 卷[M]. 北京：中华书局，2000：29.'), onKey);
    const onNote = (await hovers(text.indexOf('[^1]') + 2)).find((h) => h.includes('plain'));
    assert.ok(onNote, 'footnote hover');
    assert.ok(!onNote.includes('<b>'), 'HTML is escaped');
    assert.ok(onNote.includes('\\*plain\\*'), 'Markdown is escaped');
  });

  it('hovers and checks in-text citations (@key, @key [p. 33]) as Pandoc reads them, and not e-mail addresses', async () => {
    const bibUri = workspaceUri('cite', 'intext', 'refs.json');
    const chen = {
      id: 'chen2000guoshi', type: 'book', author: [{ family: '陈', given: '登原' }], title: '国史旧闻',
      'publisher-place': '北京', publisher: '中华书局', issued: { 'date-parts': [[2000]] },
    };
    await writeFile(bibUri, JSON.stringify([chen], null, 2) + '\n');
    const text = '---\nbibliography: refs.json\n---\n\n'
      + '@chen2000guoshi [p. 29] 指出，@nosuch2001 也提到；寫信至 analyst@example.com。\n';
    const editor = await draft('intext', text, [0]);
    const doc = editor.document;
    const hovers = async (offset: number) => {
      const list = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, doc.positionAt(offset));
      return (list ?? []).map(hoverText);
    };
    const onKey = await until('in-text citation hover', async () =>
      (await hovers(text.indexOf('chen2000') + 3)).find((h) => h.includes('chen2000guoshi')));
    assert.ok(unescapeHover(onKey).includes('陈登原. 国史旧闻[M]. 北京：中华书局，2000：29.'), onKey);
    const unknown = await until('in-text unknown key', () => {
      const d = vscode.languages.getDiagnostics(doc.uri).filter((x) => x.code === 'citation.unknown-key');
      return d.length ? d : undefined;
    });
    const texts = unknown.map((d) => doc.getText(d.range));
    assert.deepEqual(texts, ['@nosuch2001'], 'one unknown key: not the known one, not the e-mail address');
    assert.match(unknown[0].message, /nosuch2001/);
  });

  it('flags unknown keys, footnote problems and a malformed .bib entry at its position; the others stay citable', async () => {
    const bibUri = workspaceUri('cite', 'diag', 'refs.bib');
    const bib = '@book{good2020,\n  title = {Good book},\n  author = {Doe, Jane},\n  year = {2020},\n}\n\n@article{broken2021,\n  title = {Broken\n  year = 2021,\n\n@misc{fine2022,\n  title = {Fine},\n  year = {2022},\n}\n';
    await writeFile(bibUri, bib);
    const text = '---\nbibliography: refs.bib\n---\n\nSee [@good2020; @nosuchkey] and [@fine2022].[^9]\n\n[^1]: Never used.\n';
    const editor = await draft('diag', text, [text.indexOf('[^9]')]);
    const doc = editor.document;
    const diags = await until('citation diagnostics', () => {
      const d = vscode.languages.getDiagnostics(doc.uri).filter((x) => x.source === 'Fintech Lens');
      return d.length >= 3 ? d : undefined;
    });
    const unknown = diags.filter((d) => d.code === 'citation.unknown-key');
    assert.equal(unknown.length, 1, diags.map((d) => `${String(d.code)} ${d.message}`).join('\n'));
    assert.equal(doc.getText(unknown[0].range), '@nosuchkey');
    const undefinedNote = diags.find((d) => d.code === 'footnote.undefined');
    assert.ok(undefinedNote);
    assert.equal(doc.getText(undefinedNote.range), '[^9]');
    const unused = diags.find((d) => d.code === 'footnote.unused');
    assert.ok(unused);
    assert.equal(doc.getText(unused.range), '[^1]');

    const bibDiags = await until('bibliography diagnostics', () => {
      const d = vscode.languages.getDiagnostics(bibUri).filter((x) => x.source === 'Fintech Lens');
      return d.length ? d : undefined;
    });
    assert.ok(bibDiags.some((d) => d.range.start.line >= 6 && d.range.start.line <= 9), bibDiags.map((d) => `${d.range.start.line}: ${d.message}`).join('\n'));

    // The well-formed entries are still citable by key.
    const end = doc.getText().indexOf('\n\n[^1]');
    editor.selection = new vscode.Selection(doc.positionAt(end), doc.positionAt(end));
    assert.equal(await cite({ source: 'fine2022', locator: { page: '3' }, syntax: 'pandoc' }), true);
    assert.ok(doc.getText().includes('[@fine2022, p. 3]'));
  });

  it('offers quick fixes: add the report\'s entry, add a footnote definition, remove an unused one', async () => {
    const text = `Claim [@${KEY}] and more[^2].\n\n[^1]: Unused note.\n`;
    const editor = await draft('fixes', text, [0]);
    const doc = editor.document;
    const fixes = async (code: string): Promise<vscode.CodeAction[]> => {
      const d = await until(code, () => vscode.languages.getDiagnostics(doc.uri).find((x) => x.code === code));
      return (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, d.range, vscode.CodeActionKind.QuickFix.value)) ?? [];
    };
    const apply = async (action: vscode.CodeAction | undefined) => {
      assert.ok(action?.edit, 'a quick fix with an edit');
      assert.ok(await vscode.workspace.applyEdit(action.edit));
    };

    await apply((await fixes('citation.unknown-key')).find((a) => a.title.includes(KEY)));
    assert.ok(doc.getText().startsWith('---\nbibliography: references.json\n---\n\n'));
    const items = JSON.parse(await textOf(workspaceUri('cite', 'fixes', 'references.json'))) as CslItem[];
    assert.equal(items[0].id, KEY);
    await until('the new bibliography saved', async () => (await diskText(workspaceUri('cite', 'fixes', 'references.json'))).includes(`"${KEY}"`));
    await until('unknown key fixed', () => !vscode.languages.getDiagnostics(doc.uri).some((x) => x.code === 'citation.unknown-key'));

    await apply((await fixes('footnote.undefined')).find((a) => a.title.includes('[^2]')));
    assert.ok(doc.getText().endsWith('[^1]: Unused note.\n[^2]: \n'), JSON.stringify(doc.getText()));

    await until('fresh unused diagnostic', () => vscode.languages.getDiagnostics(doc.uri).some((x) => x.code === 'footnote.unused') && !vscode.languages.getDiagnostics(doc.uri).some((x) => x.code === 'footnote.undefined'));
    await apply((await fixes('footnote.unused')).find((a) => a.title.includes('[^1]')));
    assert.equal(doc.getText(), `---\nbibliography: references.json\n---\n\nClaim [@${KEY}] and more[^2].\n\n[^2]: \n`);
  });

  it('inserts at the same logical place when the document changes while a picker is open, and aborts when the place is gone', async () => {
    const text = 'Alpha beta gamma.\n';
    const editor = await draft('moving', text, [text.indexOf(' gamma')]);
    const doc = editor.document;
    const a = await api();
    let sources = pickerShown(a, 'sources');
    let locator = pickerShown(a, 'locator');
    const run = cite(undefined);
    await sources;
    // The document changes under the open picker: text is added before the cursor.
    assert.ok(await editor.edit((b) => b.insert(new vscode.Position(0, 0), 'New start. ')));
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    await locator;
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    assert.equal(await run, true);
    assert.equal(doc.getText(), `---\nbibliography: references.json\n---\n\nNew start. Alpha beta[@${KEY}] gamma.\n`);

    // Now the text around the cursor is deleted while the picker is open.
    const cursor = doc.getText().indexOf('beta') + 2;
    editor.selection = new vscode.Selection(doc.positionAt(cursor), doc.positionAt(cursor));
    const before = doc.getText();
    sources = pickerShown(a, 'sources');
    locator = pickerShown(a, 'locator');
    const run2 = cite(undefined);
    await sources;
    const betaStart = before.indexOf('beta');
    assert.ok(await editor.edit((b) => b.delete(new vscode.Range(doc.positionAt(betaStart), doc.positionAt(betaStart + 4)))));
    const afterDelete = doc.getText();
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    await locator;
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    assert.equal(await run2, false);
    assert.equal(doc.getText(), afterDelete, 'nothing inserted, the user\'s text untouched');
  });
});
