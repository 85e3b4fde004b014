// Bad input never breaks the extension: a workspace with pathological packs (6,251 `[`, JSON nested 3,000 deep,
// fields of the wrong type) and pathological bibliographies (CSL-JSON nested 5,000 deep, a broken CSL-YAML file
// with a BOM and CRLF line ends, named by `fintechLens.bibliography`). Each bad file gets its diagnostics, and the
// built-in pack's tree, hovers and citations keep working. The files are written at test time and removed after.
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import type { FintechLensApi } from '../../../src/extension';
import type { TaxonomyApi } from '../../../src/features/taxonomy/tree';
import { api, stablecoinPack, until, workspaceUri, writeFile } from './helpers';

const PACK = 'fintech-2026';
const config = () => vscode.workspace.getConfiguration('fintechLens');

const brackets = workspaceUri('robust', 'brackets.fintech-pack.json');
const deepPack = workspaceUri('robust', 'deep.fintech-pack.json');
const wrongTypes = workspaceUri('robust', 'wrong-types.fintech-pack.json');
const deepCsl = workspaceUri('robust', 'json', 'deep.json');
const brokenYaml = workspaceUri('robust', 'refs.yaml');

/** A pack that parses, with titles, labels and definitions of the wrong JSON types. */
function wrongTypesPack(): Record<string, unknown> {
  const pack = stablecoinPack('robust-wrong-types', [{ id: 'x1', title: 'Reserves' }, { id: 'x2', title: 'Deposits' }], ['x1']);
  const outline = pack.outline as Array<Record<string, unknown>>;
  outline[0].titles = { 'zh-Hans': [] };
  outline[1].titles = { en: 5 };
  const glossary = pack.glossary as Array<Record<string, unknown>>;
  glossary[0].definition = { en: ['not text'], 'zh-Hans': 7 };
  glossary[0].related = 'stablecoin';
  return pack;
}

/** CSL-YAML with a BOM and CRLF line ends; item b has a tab-indented line (YAML forbids tabs there). */
const BROKEN_YAML = '\uFEFF- id: alpha2020\r\n  type: book\r\n  title: Alpha\r\n- id: beta2021\r\n\ttitle: [unclosed\r\n'
  + '- id: gamma2022\r\n  type: book\r\n  title: Gamma\r\n';

const diagnosticsOf = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Fintech Lens' || d.code);

function hoverText(h: vscode.Hover): string {
  return h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : '')).join('\n');
}

async function draft(path: string[], text: string): Promise<vscode.TextEditor> {
  const uri = workspaceUri('robust', ...path);
  await writeFile(uri, text);
  const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
  const end = editor.document.positionAt(text.length);
  editor.selection = new vscode.Selection(end, end);
  return editor;
}

describe('robustness: a workspace with pathological packs and bibliographies', function () {
  this.timeout(120000);
  let a: FintechLensApi;
  let t: TaxonomyApi;

  before(async () => {
    a = await api();
    assert.ok(a.taxonomy);
    t = a.taxonomy;
    await writeFile(brackets, '['.repeat(6251));
    await writeFile(deepPack, '{"a":'.repeat(3000) + '1' + '}'.repeat(3000));
    await writeFile(wrongTypes, JSON.stringify(wrongTypesPack(), null, 2));
    await writeFile(deepCsl, `[{"id":"deep","type":"book","title":${'['.repeat(5000)}${']'.repeat(5000)}}]\n`);
    await writeFile(brokenYaml, BROKEN_YAML);
    await config().update('bibliography', 'robust/refs.yaml', vscode.ConfigurationTarget.Workspace);
    await a.packs.reload();
    await a.reports.refresh();
  });

  after(async () => {
    await config().update('bibliography', undefined, vscode.ConfigurationTarget.Workspace);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(workspaceUri('robust'), { recursive: true, useTrash: false });
    await a.packs.reload();
    await a.reports.refresh();
    await until('the tree back to the built-in pack alone', async () => {
      await t.whenIdle();
      const roots = t.provider.getChildren();
      return roots.length > 0 && roots.every((n) => n.kind !== 'pack');
    });
  });

  it('gives each bad pack its diagnostics and still loads the built-in pack and the pack that parses', async () => {
    for (const uri of [brackets, deepPack]) {
      const d = await until(`diagnostics of ${uri.path}`, () => (diagnosticsOf(uri).length ? diagnosticsOf(uri) : undefined));
      assert.ok(d.some((x) => x.severity === vscode.DiagnosticSeverity.Error), d.map((x) => x.message).join('\n'));
    }
    const wrong = await until('diagnostics of the wrong-type pack', () =>
      (diagnosticsOf(wrongTypes).length >= 3 ? diagnosticsOf(wrongTypes) : undefined));
    assert.ok(wrong.some((x) => /titles/.test(x.message)), wrong.map((x) => x.message).join('\n'));
    assert.deepEqual(a.packs.packs.map((e) => e.pack.id).sort(), [PACK, 'robust-wrong-types']);
  });

  it('shows the built-in pack\'s tree with its categories, and the wrong-type pack\'s without throwing', async () => {
    const roots = await until('two packs in the tree', async () => {
      await t.whenIdle();
      const r = t.provider.getChildren();
      return r.length === 2 ? r : undefined;
    });
    assert.deepEqual(roots.map((r) => [r.kind, r.packId]), [['pack', PACK], ['pack', 'robust-wrong-types']]);
    const categories = t.provider.getChildren(roots[0]).filter((n) => n.kind === 'category');
    assert.equal(categories.length, 7);
    for (const n of [...roots, ...categories]) assert.ok(t.provider.getTreeItem(n).label);
    // Every node of the pack whose fields had the wrong types renders (labels, descriptions, tooltips).
    const walk = (n: (typeof roots)[number]): void => {
      const item = t.provider.getTreeItem(n);
      assert.ok(item.label !== undefined, n.id);
      for (const c of t.provider.getChildren(n)) walk(c);
    };
    walk(roots[1]);
  });

  it('hovers 監管科技 with the built-in pack\'s card', async () => {
    const editor = await draft(['hover.md'], '# 筆記\n\n監管科技正在改變合規。\n');
    const doc = editor.document;
    const offset = doc.getText().indexOf('監管科技') + 1;
    const text = await until('a term hover', async () => {
      const at = doc.positionAt(offset);
      const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, at)) ?? [];
      return hovers.map(hoverText).find((h) => /RegTech/.test(h));
    });
    assert.match(text, /監管科技|监管科技/);
  });

  it('flags both bad bibliographies at their files', async () => {
    await draft(['json', 'note.md'], '---\nbibliography: deep.json\n---\n\nA claim.\n');
    const deep = await until('CSL-JSON diagnostics', () => (diagnosticsOf(deepCsl).length ? diagnosticsOf(deepCsl) : undefined));
    assert.ok(deep.some((d) => d.severity === vscode.DiagnosticSeverity.Error), deep.map((d) => d.message).join('\n'));
    await draft(['yaml-note.md'], 'A claim.\n');
    const yaml = await until('CSL-YAML diagnostics', () => (diagnosticsOf(brokenYaml).length ? diagnosticsOf(brokenYaml) : undefined));
    const lines = yaml.map((d) => `${d.range.start.line}: ${d.message}`).join('\n');
    assert.ok(yaml.some((d) => d.range.start.line >= 3 && d.range.start.line <= 4), lines);
  });

  it('cites the broken CSL-YAML\'s readable entries, and writes nothing into it', async () => {
    const editor = await draft(['cite-yaml.md'], 'A claim. Another.\n');
    const doc = editor.document;
    const cite = (at: number, args: unknown): Thenable<boolean | undefined> => {
      editor.selection = new vscode.Selection(doc.positionAt(at), doc.positionAt(at));
      return vscode.commands.executeCommand<boolean>('fintechLens.insertCitation', args);
    };
    assert.equal(await cite(7, { source: ['alpha2020', 'gamma2022'], syntax: 'pandoc' }), true);
    assert.equal(doc.getText(), 'A claim[@alpha2020; @gamma2022]. Another.\n');
    // The report is not in the file, and a file with YAML syntax errors is never appended to: refused, nothing changed.
    const before = doc.getText();
    assert.equal(await cite(before.indexOf('. Another') + 9, { source: PACK, syntax: 'pandoc' }), false);
    assert.equal(doc.getText(), before);
    const yaml = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await vscode.workspace.fs.readFile(brokenYaml));
    assert.equal(yaml, BROKEN_YAML, 'the bibliography is untouched');
  });

  it('inserts a footnote citation of the report in a draft whose CSL-JSON bibliography is too deep', async () => {
    const editor = await draft(['json', 'footnote.md'], '---\nbibliography: deep.json\n---\n\nA claim.\n');
    const doc = editor.document;
    const at = doc.getText().indexOf('.\n', 30);
    editor.selection = new vscode.Selection(doc.positionAt(at), doc.positionAt(at));
    const args = { source: PACK, locator: { section: '1.3' }, syntax: 'footnote' };
    assert.equal(await vscode.commands.executeCommand('fintechLens.insertCitation', args), true);
    assert.match(doc.getText(), /A claim\[\^1\]\.\n[\s\S]*\[\^1\]: .+/);
  });
});
