import * as vscode from 'vscode';
import type { PackRegistry } from '../../host/packs';
import type { ReportService } from '../../host/reports';

/** A status-bar item on Markdown and text editors telling which report the packs are bound to. */
export function registerStatusBar(packs: PackRegistry, reports: ReportService): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('fintechLens.status', vscode.StatusBarAlignment.Right, 100);
  item.name = 'Fintech Lens';
  item.command = 'fintechLens.reloadPacks';
  const update = (): void => {
    const editor = vscode.window.activeTextEditor;
    if (!editor || !['markdown', 'plaintext'].includes(editor.document.languageId) || packs.packs.length === 0) {
      item.hide();
      return;
    }
    const bound = reports.all();
    if (bound.length) {
      item.text = `$(book) ${bound.map((b) => vscode.workspace.asRelativePath(b.uri, false)).join(', ')}`;
      item.tooltip = vscode.l10n.t(
        'Fintech Lens: report bound to {0}. Click to reload packs.',
        bound.map((b) => `${b.packId} → ${vscode.workspace.asRelativePath(b.uri)}`).join('; '),
      );
    } else {
      item.text = '$(book) ' + vscode.l10n.t('No report');
      item.tooltip = vscode.l10n.t(
        'Fintech Lens: no report file in this workspace is bound to a pack. Add the report (Markdown or text) to the workspace to link sections and passages.',
      );
    }
    item.show();
  };
  update();
  return vscode.Disposable.from(
    item,
    packs.onDidChange(update),
    reports.onDidChange(update),
    vscode.window.onDidChangeActiveTextEditor(update),
  );
}
