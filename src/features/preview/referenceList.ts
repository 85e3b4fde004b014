/**
 * Update Reference List (the formatted list of every cited source, between markers, in one
 * undo step), Export Rendered Markdown and Copy as Rendered Markdown.
 */
import * as vscode from 'vscode';
import { planReferenceList, renderedMarkdown } from '../../core/render';
import { toRange } from '../../host/convert';
import type { RenderDataService } from '../../host/renderData';
import { chooseTarget, draftDocument, loadDraft, siblingUri, type TargetArgs } from './draft';

function noDraft(): undefined {
  void vscode.window.showInformationMessage(vscode.l10n.t('Open a Markdown draft first.'));
  return undefined;
}

/** Writes or updates the maintained list; resolves to true when the document holds an up-to-date list. */
async function updateReferenceList(data: RenderDataService, arg: unknown): Promise<boolean> {
  const document = draftDocument(arg);
  if (!document) return noDraft() ?? false;
  const draft = await loadDraft(document, data);
  if (draft.processor.entries.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('The draft cites no source with a bibliography entry, so there is no reference list to write.'));
    return false;
  }
  const plan = planReferenceList(draft.text, draft.doc, draft.processor);
  if (plan.unknownKeys.length) {
    void vscode.window.showWarningMessage(vscode.l10n.t('These citation keys have no bibliography entry and are not in the list: {0}', plan.unknownKeys.join(', ')));
  }
  if (!plan.edit) return true;
  if (document.version !== draft.version) {
    void vscode.window.showWarningMessage(vscode.l10n.t('The draft changed while its sources were read; run Update Reference List again.'));
    return false;
  }
  const edit = new vscode.WorkspaceEdit();
  edit.replace(document.uri, toRange(document, plan.edit.range), plan.edit.newText);
  return vscode.workspace.applyEdit(edit);
}

async function renderedCopy(data: RenderDataService, arg: unknown): Promise<string | undefined> {
  const document = draftDocument(arg);
  if (!document) return noDraft();
  const draft = await loadDraft(document, data);
  return renderedMarkdown(draft.text, draft.doc, draft.processor);
}

/** Writes the rendered copy to a new file; resolves to its URI, or undefined when nothing was written. */
async function exportRenderedMarkdown(data: RenderDataService, arg: unknown): Promise<vscode.Uri | undefined> {
  const document = draftDocument(arg);
  if (!document) return noDraft();
  const text = await renderedCopy(data, document.uri);
  if (text === undefined) return undefined;
  const args = (arg && typeof arg === 'object' && !(arg instanceof vscode.Uri) ? arg : {}) as TargetArgs;
  const target = await chooseTarget(args, siblingUri(document, 'md'), { Markdown: ['md'] });
  if (!target) return undefined;
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
  if (!args.target) {
    const open = vscode.l10n.t('Open');
    void vscode.window.showInformationMessage(vscode.l10n.t('Wrote {0}.', vscode.workspace.asRelativePath(target)), open).then((a) => {
      if (a === open) void vscode.window.showTextDocument(target);
    });
  }
  return target;
}

export function registerReferenceListCommands(data: RenderDataService): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand('fintechLens.updateReferenceList', (arg?: unknown) => updateReferenceList(data, arg)),
    vscode.commands.registerCommand('fintechLens.exportRenderedMarkdown', (arg?: unknown) => exportRenderedMarkdown(data, arg)),
    vscode.commands.registerCommand('fintechLens.copyRenderedMarkdown', async (arg?: unknown) => {
      const text = await renderedCopy(data, arg);
      if (text === undefined) return false;
      await vscode.env.clipboard.writeText(text);
      void vscode.window.showInformationMessage(vscode.l10n.t('The draft with its citations rendered is on the clipboard.'));
      return true;
    }),
  );
}
