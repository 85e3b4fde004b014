import * as vscode from 'vscode';
import type { PackRegistry } from '../../host/packs';
import type { ReportService } from '../../host/reports';

/** `fintechLens.reloadPacks`: loads the packs again and re-binds the report files. */
export function registerPackCommands(packs: PackRegistry, reports: ReportService): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand('fintechLens.reloadPacks', async () => {
      await packs.reload();
      await reports.refresh();
      const names = packs.packs.map((p) => p.pack.id).join(', ');
      void vscode.window.setStatusBarMessage(vscode.l10n.t('Fintech Lens: loaded {0}', names || vscode.l10n.t('no packs')), 3000);
    }),
    vscode.commands.registerCommand('fintechLens.openPack', async (packId?: string) => {
      const entry = packId ? packs.find(packId) : packs.packs[0];
      if (!entry) {
        void vscode.window.showWarningMessage(vscode.l10n.t('No Fintech Lens pack is loaded.'));
        return;
      }
      await vscode.window.showTextDocument(entry.uri, { preview: true });
    }),
  );
}
