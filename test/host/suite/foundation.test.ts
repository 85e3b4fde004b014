import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { api, deleteFile, stablecoinPack, until, workspaceUri, writeFile } from './helpers';

describe('foundation: packs, binding, activation', function () {
  this.timeout(30000);

  it('activates and loads the built-in pack', async () => {
    const a = await api();
    const builtin = a.packs.find('fintech-2026');
    assert.ok(builtin, 'built-in pack loaded');
    assert.equal(builtin.builtin, true);
    assert.ok(builtin.pack.glossary.length >= 40);
    assert.equal(builtin.pack.taxonomy.length, 7);
  });

  it('binds the pack to the report file in the workspace', async () => {
    const a = await api();
    const bound = await until('report bound', () => a.reports.get('fintech-2026'));
    assert.match(bound.uri.path, /report\.txt$/);
    assert.deepEqual(bound.binding.unmatched, []);
    const section = bound.parsed.sections.find((s) => s.id === bound.binding.sections.get('1.3'))!;
    assert.match(bound.text.slice(section.headingRange!.start, section.headingRange!.end), /監管與合規/);
  });

  it('shows a broken workspace pack\'s problems at their position and keeps the built-in pack', async () => {
    const a = await api();
    const uri = workspaceUri('packs', 'broken.fintech-pack.json');
    const text = '{\n  "id": "broken",\n  "name": { "en": "Broken" },\n  "glossary": [ { "id": "x", "forms": 42 } ]\n}\n';
    await writeFile(uri, text);
    try {
      await a.packs.reload();
      const diags = await until('pack diagnostics', () => {
        const d = vscode.languages.getDiagnostics(uri);
        return d.length ? d : undefined;
      });
      assert.ok(diags.every((d) => d.source === 'Fintech Lens'));
      const formsError = diags.find((d) => /glossary\[0\]\.forms/.test(d.message) && d.severity === vscode.DiagnosticSeverity.Error);
      assert.ok(formsError, diags.map((d) => d.message).join('\n'));
      assert.equal(formsError.range.start.line, 3);
      assert.ok(diags.some((d) => /reference/.test(d.message)));
      assert.ok(a.packs.find('fintech-2026'), 'built-in pack still loaded');
      assert.equal(a.packs.find('broken'), undefined);
    } finally {
      await deleteFile(uri);
      await a.packs.reload();
    }
    assert.equal(vscode.languages.getDiagnostics(uri).length, 0);
  });

  it('loads a valid workspace pack beside the built-in one', async () => {
    const a = await api();
    const uri = workspaceUri('packs', 'extra.fintech-pack.json');
    const pack = stablecoinPack('extra');
    await writeFile(uri, JSON.stringify(pack, null, 2));
    try {
      await a.packs.reload();
      assert.ok(a.packs.find('extra'));
      assert.ok(a.packs.find('fintech-2026'));
      assert.equal(vscode.languages.getDiagnostics(uri).length, 0);
    } finally {
      await deleteFile(uri);
      await a.packs.reload();
    }
    assert.equal(a.packs.find('extra'), undefined);
  });

  it('warns in the pack file about glossary forms the term engine cannot use, and keeps the rest', async () => {
    const a = await api();
    const uri = workspaceUri('packs', 'forms.fintech-pack.json');
    const pack = stablecoinPack('forms') as { glossary: Array<Record<string, unknown>>; taxonomy: Array<{ topics: Array<{ terms: string[] }> }> };
    pack.glossary.push({ ...pack.glossary[0], id: 'coin-copy', aliases: ['stablecoin', '幣'] });
    pack.taxonomy[0].topics[0].terms.push('coin-copy');
    const text = JSON.stringify(pack, null, 2);
    await writeFile(uri, text);
    try {
      await a.packs.reload();
      const diags = await until('term-engine warnings', () => {
        const d = vscode.languages.getDiagnostics(uri).filter((x) => String(x.code).startsWith('terms.'));
        return d.length >= 2 ? d : undefined;
      });
      const dup = diags.find((d) => d.code === 'terms.duplicate-form');
      assert.ok(dup, diags.map((d) => `${d.code}: ${d.message}`).join('\n'));
      assert.match(dup.message, /coin-copy/);
      assert.equal(dup.range.start.line, text.slice(0, text.indexOf('"id": "coin-copy"')).split('\n').length - 2, 'at the term\'s entry');
      assert.ok(diags.some((d) => d.code === 'terms.single-char' && /幣/.test(d.message)));
      assert.ok(a.packs.find('forms'), 'the pack still loads');
    } finally {
      await deleteFile(uri);
      await a.packs.reload();
    }
  });

  it('turns the built-in pack off with fintechLens.builtinPack.enabled', async () => {
    const a = await api();
    const config = vscode.workspace.getConfiguration('fintechLens');
    await config.update('builtinPack.enabled', false, vscode.ConfigurationTarget.Workspace);
    try {
      await until('built-in pack unloaded', () => !a.packs.find('fintech-2026'));
    } finally {
      await config.update('builtinPack.enabled', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await until('built-in pack back', () => a.packs.find('fintech-2026'));
  });

  it('contributes its commands, view container and schema', async () => {
    const cmds = await vscode.commands.getCommands(true);
    assert.ok(cmds.includes('fintechLens.reloadPacks'));
    const pkg = vscode.extensions.getExtension('fintech-lens.fintech-lens')!.packageJSON;
    assert.equal(pkg.contributes.viewsContainers.activitybar[0].id, 'fintechLens');
    assert.ok(pkg.contributes.jsonValidation.some((j: { fileMatch: string }) => j.fileMatch === '*.fintech-pack.json'));
  });
});
