/**
 * The command line agrees with the editor: `fintech-lens check --format json`, run on the
 * workspace this VS Code has open, reports exactly the diagnostics the extension shows for the
 * same Markdown files (same rules, ranges, severities and messages). The example workspace's
 * drafts are copied in beside the fixture's own, so both are compared.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CliFinding as JsonFinding } from '../../../src/cli/report';
import { api, EXTENSION_ID, until, workspaceUri } from './helpers';

type CliFinding = Omit<JsonFinding, 'fixable'>;

const SEVERITY: Record<number, CliFinding['severity']> = {
  [vscode.DiagnosticSeverity.Error]: 'error',
  [vscode.DiagnosticSeverity.Warning]: 'warning',
  [vscode.DiagnosticSeverity.Information]: 'information',
  [vscode.DiagnosticSeverity.Hint]: 'hint',
};

/** A finding as one comparable line. */
const key = (f: CliFinding): string => `${f.file}:${f.line}:${f.column}-${f.endLine}:${f.endColumn} ${f.severity} ${f.rule} ${f.message}`;

function editorFindings(root: string, uris: vscode.Uri[]): string[] {
  const out: string[] = [];
  for (const uri of uris) {
    const file = path.relative(root, uri.fsPath).split(path.sep).join('/');
    for (const d of vscode.languages.getDiagnostics(uri)) {
      if (d.source !== 'Fintech Lens') continue;
      out.push(key({
        file,
        line: d.range.start.line + 1,
        column: d.range.start.character + 1,
        endLine: d.range.end.line + 1,
        endColumn: d.range.end.character + 1,
        severity: SEVERITY[d.severity],
        rule: String(typeof d.code === 'object' ? d.code.value : d.code),
        message: d.message,
      }));
    }
  }
  return out.sort();
}

describe('cli: fintech-lens check agrees with the editor', function () {
  this.timeout(60000);

  it('reports the diagnostics the editor shows, for the fixture drafts and the example workspace', async function () {
    if (vscode.env.language !== 'en') this.skip(); // the command line speaks English
    await api();
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    const root = vscode.workspace.workspaceFolders![0].uri.fsPath;
    const examples = path.join(ext.extensionPath, 'examples', 'workspace');
    const copied = path.join(root, 'cli-example');
    fs.cpSync(examples, copied, { recursive: true, filter: (src) => !src.endsWith('report.txt') });
    try {
      const globs = ['notes/**/*.md', 'cli-example/**/*.md'];
      const uris = (await Promise.all(globs.map((g) => vscode.workspace.findFiles(g)))).flat();
      assert.ok(uris.length >= 4, uris.map(String).join(', '));
      for (const uri of uris) await vscode.workspace.openTextDocument(uri);

      const cliJs = path.join(ext.extensionPath, 'dist', 'cli.js');
      const run = spawnSync(process.execPath, [cliJs, 'check', ...globs, '--format', 'json', '--quiet'], {
        cwd: root,
        encoding: 'utf8',
        env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
      });
      assert.ok(run.status === 0 || run.status === 1, `exit ${run.status}: ${run.stderr}`);
      const cli = (JSON.parse(run.stdout) as CliFinding[]).map(key).sort();
      assert.ok(cli.length > 0, 'the drafts have findings to compare');
      // The editor's diagnostics arrive debounced: wait until they settle on the CLI's, then compare.
      try {
        const same = (): boolean => JSON.stringify(editorFindings(root, uris)) === JSON.stringify(cli);
        await until('the editor diagnostics to match the CLI', same, 30000);
      } catch {
        /* the assertion below shows the difference */
      }
      assert.deepEqual(editorFindings(root, uris), cli);
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await vscode.workspace.fs.delete(workspaceUri('cli-example'), { recursive: true, useTrash: false });
    }
  });
});
