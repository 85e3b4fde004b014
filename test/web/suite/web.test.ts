// The web subset of the integration suite: every feature of Fintech Lens, exercised through the `vscode` API inside
// the web worker extension host of a real VS Code 1.100.3 workbench (code-server, the extension forced to the
// browser side). The suite is bundled for the browser, so it has no Node built-ins either.
import MarkdownIt from 'markdown-it';
import * as vscode from 'vscode';
import { formatReference } from '../../../src/core/citations';
import type { CslItem } from '../../../src/core/pack/types';
import { exists } from '../../../src/host/files';
import * as assert from '../assert';
import { api, closeAll, deleteFile, EXTENSION_ID, openDoc, until, workspaceUri } from '../../host/suite/helpers';

const PACK = 'fintech-2026';
const KEY = 'zhongyan2026jinrong';

function hoverText(h: vscode.Hover): string {
  return h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : '')).join('\n');
}


describe('web worker extension host', function () {
  this.timeout(60000);

  before(async () => {
    await api();
  });
  afterEach(async () => {
    await closeAll();
  });

  it('runs the browser entry in the web worker, with no Node globals', () => {
    assert.strictEqual(vscode.env.uiKind, vscode.UIKind.Web);
    assert.strictEqual(typeof (globalThis as { process?: unknown }).process, 'undefined', 'no Node process object');
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext?.isActive, 'the extension is active');
    assert.strictEqual(ext.extensionKind, vscode.ExtensionKind.UI, 'it runs on the UI side (the web worker)');
    assert.match(ext.packageJSON.browser, /dist\/web\/extension\.js$/);
  });

  it('binds the workspace report and shows the taxonomy tree with its passages', async () => {
    const a = await api();
    await until('report bound', () => a.reports.get(PACK), 30000);
    const t = a.taxonomy;
    assert.ok(t, 'the taxonomy view is registered');
    await until('tree built with the report', async () => {
      await t.whenIdle();
      return t.provider.tree.report(PACK) && t.provider.getChildren().length > 0;
    }, 30000);
    assert.strictEqual(a.parser.mode, 'worker', `the report was parsed in a Web Worker, not on the extension host (${a.parser.workerProblem})`);
    const roots = t.provider.getChildren();
    assert.strictEqual(roots.filter((n) => n.kind === 'category').length, 7, 'seven categories');
    const topic = t.provider.tree.get(`p:${PACK}/c:regulation/t:regtech-tools`);
    assert.ok(topic, 'the RegTech topic');
    const passages = t.provider.getChildren(topic).filter((k) => k.kind === 'passage');
    assert.ok(passages.length > 0, 'RegTech lists passages of the bound report');
  });

  it('hovers a term with its card', async () => {
    const text = '我们关注监管科技的进展。';
    const doc = (await openDoc(text)).document;
    const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri,
      doc.positionAt(text.indexOf('科技')))) ?? [];
    const h = hovers.find((x) => /RegTech/.test(hoverText(x)));
    assert.ok(h?.range, 'our hover, with a range');
    assert.strictEqual(doc.getText(h.range), '监管科技');
    assert.match(hoverText(h), /監管科技/);
  });

  it('completes a term from pinyin initials', async () => {
    const doc = (await openDoc('这里写 jgkj')).document;
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri,
      doc.positionAt(doc.getText().length));
    const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    assert.ok(labels.some((l) => l.includes('监管科技')), `监管科技 offered (got ${labels.slice(0, 10).join(', ')})`);
  });

  it('goes to the definition of a term in the bound report', async () => {
    const text = '普惠金融的重点';
    const doc = (await openDoc(text)).document;
    const locs = await until('a definition location', async () => {
      const l = await vscode.commands.executeCommand<Array<vscode.Location | vscode.LocationLink>>(
        'vscode.executeDefinitionProvider', doc.uri, doc.positionAt(1));
      return l.length > 0 && l;
    }, 30000);
    const uri = 'targetUri' in locs[0] ? locs[0].targetUri : locs[0].uri;
    assert.match(uri.path, /report\.txt$|\.fintech-pack\.json$|pack\.json$/);
  });

  it('lints the draft and offers a quick fix', async () => {
    const doc = (await openDoc('监管科技很重要，監管科技也很重要。\n')).document;
    const diags = await until('terminology diagnostics', () => {
      const d = vscode.languages.getDiagnostics(doc.uri).filter((x) => x.source === 'Fintech Lens');
      return d.length > 0 && d;
    }, 30000);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri,
      diags[0].range);
    assert.ok(actions.some((x) => x.edit), 'a quick fix with an edit');
  });

  it('inserts a citation and writes the bibliography through workspace.fs', async () => {
    const draft = workspaceUri('notes', 'web-cite.md');
    const refs = workspaceUri('notes', 'references.json');
    await deleteFile(refs);
    await vscode.workspace.fs.writeFile(draft, new TextEncoder().encode('# 草稿\n\n监管科技的投入逐年增加。\n'));
    try {
      const doc = await vscode.workspace.openTextDocument(draft);
      const editor = await vscode.window.showTextDocument(doc);
      const end = doc.positionAt(doc.getText().indexOf('。'));
      editor.selection = new vscode.Selection(end, end);
      const ok = await vscode.commands.executeCommand<boolean>('fintechLens.insertCitation',
        { source: PACK, locator: { section: '1.3' }, syntax: 'pandoc' });
      assert.strictEqual(ok, true);
      assert.match(doc.getText(), new RegExp(`\\[@${KEY}, sec\\. 1\\.3\\]`));
      assert.match(doc.getText(), /bibliography: references\.json/);
      const bib = await until('references.json on disk', async () => (await exists(refs)) &&
        new TextDecoder().decode(await vscode.workspace.fs.readFile(refs)), 30000);
      const bibText = (await vscode.workspace.openTextDocument(refs)).getText() || bib;
      assert.match(bibText, new RegExp(`"id": "${KEY}"`));
    } finally {
      await closeAll();
      await deleteFile(draft);
      await deleteFile(refs);
    }
  });

  // code-server ships VS Code's Markdown extension without its browser build, so `markdown.api.render` cannot run in
  // this web worker host; the preview's plugin is exercised as that extension would call it (extendMarkdownIt on a
  // markdown-it instance), with the bibliography read through workspace.fs here.
  it('renders citations and the 参考文献 list through the preview plugin', async () => {
    const a = await api();
    const report = a.packs.packs.find((p) => p.pack.reference.id === KEY)?.pack.reference;
    assert.ok(report, 'the record of the built-in pack');
    const entry: CslItem = { id: 'smith2020open', type: 'book', author: [{ family: 'Smith', given: 'John' }],
      title: 'Open banking in practice', 'publisher-place': 'London', publisher: 'Harbour Press', issued: { 'date-parts': [[2020]] } };
    const refs = workspaceUri('web-preview', 'refs.json');
    await vscode.workspace.fs.writeFile(refs, new TextEncoder().encode(JSON.stringify([entry], null, 2)));
    const md = a.extendMarkdownIt(new MarkdownIt({ html: true }));
    const config = vscode.workspace.getConfiguration('fintechLens');
    await config.update('citation.style', 'gbt7714-2025', vscode.ConfigurationTarget.Workspace);
    try {
      const draft = ['---', 'bibliography: web-preview/refs.json', '---', '', '# 观察', '',
        '监管科技[@zhongyan2026jinrong, sec. 1.3]与开放银行[@smith2020open]。', ''].join('\n');
      const html = await until('the rendered reference list', async () => {
        const h = md.render(draft, {});
        return (h.match(/class="fl-entry"/g) ?? []).length === 2 && h;
      }, 30000);
      assert.match(html, /参考文献/);
      assert.match(html, /href="#ref-zhongyan2026jinrong">\[1\]<\/a>/);
      assert.match(html, /href="#ref-smith2020open">\[2\]<\/a>/);
      const text = (s: string) => s.replace(/&amp;/g, '&');
      const entries = [...html.matchAll(/<span class="fl-entry-text">([\s\S]*?)<\/span><\/div>/g)]
        .map((m) => text(m[1].replace(/<[^>]+>/g, '')));
      assert.deepStrictEqual(entries, [formatReference(report, 'gbt7714-2025'), formatReference(entry, 'gbt7714-2025')]);
      assert.ok(!/<script|command:/.test(html), 'no script and no command links');
    } finally {
      await config.update('citation.style', undefined, vscode.ConfigurationTarget.Workspace);
      await deleteFile(refs);
    }
  });

  it('maintains the reference list in one undo step, exports HTML, and refuses Word export without Pandoc', async () => {
    const folder = workspaceUri('web-export');
    const refs = vscode.Uri.joinPath(folder, 'refs.json');
    const draftUri = vscode.Uri.joinPath(folder, 'draft.md');
    const html = vscode.Uri.joinPath(folder, 'draft.html');
    const docx = vscode.Uri.joinPath(folder, 'draft.docx');
    const entry: CslItem = { id: 'smith2020open', type: 'book', author: [{ family: 'Smith', given: 'John' }],
      title: 'Open banking in practice', 'publisher-place': 'London', publisher: 'Harbour Press', issued: { 'date-parts': [[2020]] } };
    await vscode.workspace.fs.writeFile(refs, new TextEncoder().encode(JSON.stringify([entry])));
    await vscode.workspace.fs.writeFile(draftUri, new TextEncoder().encode(
      ['---', 'bibliography: refs.json', '---', '', '监管科技[@zhongyan2026jinrong]与开放银行[@smith2020open]。', ''].join('\n')));
    const config = vscode.workspace.getConfiguration('fintechLens');
    await config.update('citation.style', 'gbt7714-2025', vscode.ConfigurationTarget.Workspace);
    try {
      const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(draftUri));
      const before = editor.document.getText();
      const updated = await until('the list written', async () =>
        (await vscode.commands.executeCommand('fintechLens.updateReferenceList')) === true
        && editor.document.getText().includes('## 参考文献') && editor.document.getText(), 30000);
      assert.ok(updated.startsWith(before), 'the text before the list is unchanged');
      assert.match(updated, /<!-- \/fintech-lens:references -->\n$/);
      await vscode.commands.executeCommand('undo');
      assert.strictEqual(editor.document.getText(), before, 'one undo step takes the list back');

      const written = await vscode.commands.executeCommand<vscode.Uri>('fintechLens.exportDraft', { format: 'html', target: html });
      assert.strictEqual(written?.toString(), html.toString());
      const page = new TextDecoder().decode(await vscode.workspace.fs.readFile(html));
      // The page's body comes from `markdown.api.render`, which in this test setup answers from the server's Node
      // host (code-server has no browser build of VS Code's Markdown extension), where our plugin is not loaded: the
      // rendered citations are checked through the plugin above, and here the page itself.
      assert.match(page, /^<!DOCTYPE html>/);
      assert.match(page, /Content-Security-Policy" content="default-src 'none'/);
      assert.match(page, /监管科技/);
      assert.ok(!/<script/i.test(page), 'no script in the export');

      assert.strictEqual(await vscode.commands.executeCommand('fintechLens.exportDraft', { format: 'docx', target: docx }), undefined,
        'Word export needs Pandoc, which cannot run in the browser');
      assert.ok(!(await exists(docx)), 'nothing written');
    } finally {
      await config.update('citation.style', undefined, vscode.ConfigurationTarget.Workspace);
      await closeAll();
      await vscode.workspace.fs.delete(folder, { recursive: true }).then(undefined, () => undefined);
    }
  });
});
