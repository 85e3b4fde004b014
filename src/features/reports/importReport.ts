/**
 * `fintechLens.importReport`: a report file (PDF, Word, HTML, text or Markdown) from the
 * explorer, an argument or a file picker becomes a Markdown copy with real headings beside it,
 * which the binder, passages and citations then read. The conversion runs in a worker with
 * progress and cancellation; a file that cannot be imported gets its reason and nothing is written.
 */
import * as vscode from 'vscode';
import { importTargetName, type ImportOutcome } from '../../core/import';
import { ImportCancelled, type ReportImporter } from '../../host/import/importer';
import { localize } from '../../host/convert';
import { exists } from '../../host/files';
import type { ReportService } from '../../host/reports';

export interface ImportReportOptions {
  /** Replace an earlier import of the same file without asking (tests, scripts). */
  overwrite?: boolean;
  /** Open the copy in an editor (default true). */
  open?: boolean;
  /** Offer "Create Pack from Report" afterwards (default true). */
  offerPack?: boolean;
}

const EXTENSIONS = ['pdf', 'docx', 'html', 'htm', 'txt', 'md', 'markdown'];


/** Whether `uri` is an earlier import of `source` (its front matter names the source file). */
async function isImportOf(uri: vscode.Uri, sourceName: string): Promise<boolean> {
  try {
    const head = new TextDecoder().decode((await vscode.workspace.fs.readFile(uri)).subarray(0, 4096));
    return new RegExp(`^---\\n[\\s\\S]*?^source: ${JSON.stringify(sourceName).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'm').test(head);
  } catch {
    return false;
  }
}

/** The copy's location: beside the source; never a file the analyst wrote (another name is taken instead). */
async function targetFor(source: vscode.Uri, options: ImportReportOptions): Promise<vscode.Uri | undefined> {
  const sourceName = source.path.split('/').pop()!;
  const first = source.with({ path: importTargetName(source.path) });
  const candidates = [first, ...[1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => source.with({ path: first.path.replace(/\.md$/, n === 1 ? '.imported.md' : `.imported-${n}.md`) }))];
  for (const c of candidates) {
    if (c.path === source.path) continue;
    if (!(await exists(c))) return c;
    if (await isImportOf(c, sourceName)) {
      if (options.overwrite) return c;
      const replace = vscode.l10n.t('Replace');
      const answer = await vscode.window.showWarningMessage(
        vscode.l10n.t('"{0}" was already imported to "{1}". Replace that copy?', sourceName, vscode.workspace.asRelativePath(c)),
        { modal: true },
        replace,
      );
      return answer === replace ? c : undefined;
    }
  }
  return undefined;
}

export function registerImportReport(importer: ReportImporter, reports: ReportService, log: vscode.LogOutputChannel): vscode.Disposable {
  return vscode.commands.registerCommand('fintechLens.importReport', async (
    arg?: vscode.Uri,
    second?: unknown,
    third?: ImportReportOptions,
  ) => {
    const options: ImportReportOptions = (second && !Array.isArray(second) && typeof second === 'object' &&
      !(second instanceof vscode.Uri) ? (second as ImportReportOptions) : third) ??
      {};
    let source = arg instanceof vscode.Uri ? arg : undefined;
    if (!source) {
      const picked = await vscode.window.showOpenDialog({
        canSelectMany: false,
        openLabel: vscode.l10n.t('Import'),
        title: vscode.l10n.t('Import a report (PDF, Word, HTML, text or Markdown)'),
        filters: { [vscode.l10n.t('Reports')]: EXTENSIONS },
        defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri,
      });
      source = picked?.[0];
    }
    if (!source) return undefined;
    const name = source.path.split('/').pop()!;
    const target = await targetFor(source, options);
    if (!target) return undefined;

    let outcome: ImportOutcome;
    try {
      const bytes = await vscode.workspace.fs.readFile(source);
      outcome = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Importing {0}…', name), cancellable: true },
        (progress, token) => {
          let reported = 0;
          return importer.run(name, bytes, token, (p) => {
            const pct = (p.done / Math.max(1, p.total)) * 100;
            progress.report({ message: vscode.l10n.t('page {0} of {1}', p.done, p.total), increment: pct - reported });
            reported = pct;
          });
        },
      );
    } catch (e) {
      if (e instanceof ImportCancelled) {
        void vscode.window.showInformationMessage(vscode.l10n.t('Import of {0} cancelled; nothing was written.', name));
        return undefined;
      }
      log.error(`import of ${source.toString()} failed: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
      void vscode.window.showErrorMessage(vscode.l10n.t('Cannot import "{0}": {1}', name, e instanceof Error ? e.message : String(e)));
      return undefined;
    }
    if (!outcome.ok) {
      log.warn(outcome.failure.message);
      void vscode.window.showErrorMessage(localize(outcome.failure, outcome.failure.message));
      return undefined;
    }
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(outcome.markdown));
    log.info(`imported ${source.toString()} (${outcome.format}, ${outcome.headings} headings) to ${target.toString()}`);
    reports.scheduleRefresh();
    if (options.open !== false) await vscode.window.showTextDocument(target, { preview: false });
    if (options.offerPack !== false) {
      const create = vscode.l10n.t('Create Pack from Report');
      void vscode.window
        .showInformationMessage(
          vscode.l10n.t('Imported {0} to {1} ({2} headings).', name, vscode.workspace.asRelativePath(target), outcome.headings),
          create,
        )
        .then((a) => (a === create ? vscode.commands.executeCommand('fintechLens.createPackFromReport', target) : undefined));
    }
    return target;
  });
}
