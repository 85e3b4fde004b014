// The extension is present in a real extension host, activates, and registers its commands.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

const ID = 'fintech-lens.fintech-lens';

describe('extension smoke', () => {
  it('is installed and activates', async () => {
    const ext = vscode.extensions.getExtension(ID);
    assert.ok(ext, `${ID} is not loaded`);
    await ext.activate();
    assert.equal(ext.isActive, true);
  });

  it('registers fintechLens.reloadPacks', async () => {
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes('fintechLens.reloadPacks'), 'fintechLens.reloadPacks is not registered');
  });
});
