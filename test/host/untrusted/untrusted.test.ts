// An untrusted workspace (run.js --untrusted: workspace trust enabled, no trust decision, no prompt). Only the
// built-in pack loads, and a workspace pack gets a diagnostic saying why it is not loaded; the restricted settings
// (`fintechLens.bibliography`, `fintechLens.packs`) are ignored while others apply; Insert Citation writes the
// citation but no bibliography file.
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import type { FintechLensApi } from '../../../src/extension';
import { exists } from '../../../src/host/files';
import { api, stablecoinPack, until, workspaceUri, writeFile } from '../suite/helpers';

const PACK = 'fintech-2026';
const KEY = 'zhongyan2026jinrong';
const config = () => vscode.workspace.getConfiguration('fintechLens');
const folder = workspaceUri('untrusted');
const extraPack = workspaceUri('untrusted', 'extra.fintech-pack.json');
const shared = workspaceUri('untrusted', 'shared.json');
const settings = workspaceUri('.vscode', 'settings.json');
const SHARED = '[]\n';

async function diskText(uri: vscode.Uri): Promise<string> {
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
}

describe('untrusted workspace', function () {
  this.timeout(120000);
  let a: FintechLensApi;
  let savedSettings: string;

  before(async () => {
    a = await api();
    savedSettings = await diskText(settings);
    await writeFile(extraPack, JSON.stringify(stablecoinPack('untrusted-extra'), null, 2));
    await writeFile(shared, SHARED);
    await writeFile(settings, JSON.stringify({
      'fintechLens.bibliography': 'untrusted/shared.json',
      'fintechLens.packs': ['untrusted/*.json'],
      'fintechLens.citation.style': 'apa7',
    }, null, 2));
    // The settings file is read: the unrestricted setting applies.
    await until('the workspace settings read', () => config().get('citation.style') === 'apa7', 30000);
    await a.packs.reload();
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await writeFile(settings, savedSettings);
    await vscode.workspace.fs.delete(folder, { recursive: true, useTrash: false });
  });

  it('runs in an untrusted workspace', () => {
    assert.equal(vscode.workspace.isTrusted, false);
  });

  it('loads only the built-in pack, and says so at the workspace pack', async () => {
    assert.deepEqual(a.packs.packs.map((e) => [e.pack.id, e.builtin]), [[PACK, true]]);
    const d = await until('the untrusted-pack diagnostic', () =>
      vscode.languages.getDiagnostics(extraPack).find((x) => x.code === 'pack.untrusted'));
    assert.equal(d.severity, vscode.DiagnosticSeverity.Information);
    assert.match(d.message, /not trusted/);
    assert.ok(a.terms.index, 'the built-in terms are indexed');
  });

  it('ignores the restricted settings', () => {
    assert.equal(config().get('bibliography'), '');
    assert.deepEqual(config().get('packs'), ['**/*.fintech-pack.json']);
  });

  it('Insert Citation writes the citation, and neither the bibliography setting\'s file nor a new one', async () => {
    const uri = workspaceUri('untrusted', 'note.md');
    await writeFile(uri, 'A claim.\n');
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const doc = editor.document;
    editor.selection = new vscode.Selection(doc.positionAt(7), doc.positionAt(7));
    assert.equal(await vscode.commands.executeCommand('fintechLens.insertCitation', { source: PACK, syntax: 'pandoc' }), true);
    assert.equal(doc.getText(), `A claim[@${KEY}].\n`, 'no front matter names a bibliography');
    assert.equal(await diskText(shared), SHARED, 'the file fintechLens.bibliography names is untouched');
    assert.equal(await exists(workspaceUri('untrusted', 'references.json')), false, 'no references.json is created');
  });
});
