/**
 * Export Draft: a self-contained HTML file (always; the preview's renderer and a print
 * stylesheet with CJK fonts), and Word or PDF through Pandoc where it is installed, from that
 * same HTML, so the file shows the preview's numbers and references. Pandoc runs through the
 * platform's program runner (absent in the web extension host, where only HTML is offered).
 * New files only: an existing file is replaced only when the user agrees.
 */
import * as vscode from 'vscode';
import { draftTitle, exportHtml, renderDraftBody, pandocExportArgs, pdfEngineNeedsPandoc, weasyprintArgs, PANDOC_URL, PDF_ENGINES, type ExportFormat } from '../../core/render';
import type { ProgramRunner } from '../../host/platform';
import type { RenderDataService } from '../../host/renderData';
import { exists } from '../../host/files';
import { chooseTarget, draftDocument, htmlLang, loadDraft, siblingUri, type LoadedDraft, type TargetArgs } from './draft';

interface ExportArgs extends TargetArgs {
  format?: ExportFormat;
}

function pandocPath(): string {
  const p = vscode.workspace.isTrusted ? vscode.workspace.getConfiguration('fintechLens').get<string>('export.pandocPath', 'pandoc') : 'pandoc';
  return p?.trim() || 'pandoc';
}

/** Whether a program runs (`--version`), asked once per Export Draft and program: the picker and the export share it. */
type Probe = (command: string) => Promise<boolean>;

function probeOf(programs: ProgramRunner | undefined): Probe {
  const seen = new Map<string, Promise<boolean>>();
  return (command) => {
    let p = seen.get(command);
    if (!p) {
      p = programs
        ? Promise.resolve().then(() => programs.run(command, ['--version'])).then((r) => r.code === 0, () => false)
        : Promise.resolve(false);
      seen.set(command, p);
    }
    return p;
  };
}

/** The draft's body as the preview renders it (VS Code's Markdown engine with every contributed plugin). */
async function renderBody(draft: LoadedDraft, data: RenderDataService): Promise<string> {
  try {
    const html = await vscode.commands.executeCommand<string>('markdown.api.render', draft.document);
    if (typeof html === 'string') return html;
  } catch {
    // The Markdown extension is disabled: the project's own engine renders the same citations.
  }
  return renderDraftBody(draft.text, draft.data, data.termsNow(draft.text));
}

async function exportDraft(data: RenderDataService, programs: ProgramRunner | undefined, arg: unknown): Promise<vscode.Uri | undefined> {
  const document = draftDocument(arg);
  if (!document) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Open a Markdown draft first.'));
    return undefined;
  }
  const args = (arg && typeof arg === 'object' && !(arg instanceof vscode.Uri) ? arg : {}) as ExportArgs;
  const available = probeOf(programs);
  const format = args.format ?? (await pickFormat(available));
  if (!format) return undefined;
  let engine: string | undefined;
  if (format !== 'html') {
    if (!programs) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Word and PDF export runs Pandoc, which cannot run here (VS Code for the Web). Export to HTML and print it to PDF from a browser.'));
      return undefined;
    }
    if (format === 'pdf') {
      engine = await findPdfEngine(available);
      if (!engine) {
        void vscode.window.showErrorMessage(vscode.l10n.t('PDF export needs WeasyPrint (Debian and Ubuntu: sudo apt-get install weasyprint), or Pandoc with {0}; none was found. Export to HTML and print it to PDF from a browser, or export to Word.', PDF_ENGINES.filter(pdfEngineNeedsPandoc).join(', ')));
        return undefined;
      }
    }
    if ((format === 'docx' || pdfEngineNeedsPandoc(engine!)) && !(await available(pandocPath()))) {
      const get = vscode.l10n.t('How to Install Pandoc');
      void vscode.window
        .showErrorMessage(vscode.l10n.t('Pandoc was not found ({0}). Word and PDF export needs it: install it from pandoc.org (Debian and Ubuntu: sudo apt-get install pandoc), or set fintechLens.export.pandocPath. HTML export works without it.', pandocPath()), get)
        .then((a) => {
          if (a === get) void vscode.env.openExternal(vscode.Uri.parse(PANDOC_URL));
        });
      return undefined;
    }
  }
  const filters: Record<string, string[]> = format === 'html' ? { HTML: ['html'] } : format === 'docx' ? { Word: ['docx'] } : { PDF: ['pdf'] };
  const target = await chooseTarget(args, siblingUri(document, format), filters);
  if (!target) return undefined;
  if (format !== 'html' && target.scheme !== 'file') {
    void vscode.window.showErrorMessage(vscode.l10n.t('Pandoc writes only to files on this computer; choose a local folder.'));
    return undefined;
  }
  const existed = await exists(target);
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Exporting {0}', vscode.workspace.asRelativePath(target)), cancellable: true },
    async (progress, token) => {
      progress.report({ message: vscode.l10n.t('Rendering the draft') });
      const draft = await loadDraft(document, data);
      const body = await renderBody(draft, data);
      const name = document.uri.path.split('/').pop() ?? 'draft';
      const html = exportHtml(body, draft.text, draft.doc, name);
      if (token.isCancellationRequested) return undefined;
      if (format === 'html') {
        await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(html));
        return done(target, !args.target);
      }
      const viaPandoc = format === 'docx' || pdfEngineNeedsPandoc(engine!);
      const local = document.uri.scheme === 'file';
      const commandArgs = viaPandoc
        ? pandocExportArgs(format, target.fsPath, {
          lang: htmlLang(draft),
          resourcePath: local ? vscode.Uri.joinPath(document.uri, '..').fsPath : undefined,
          engine,
          title: draftTitle(draft.text, name),
        })
        : weasyprintArgs(target.fsPath, local ? document.uri.toString(true) : undefined);
      progress.report({ message: viaPandoc ? vscode.l10n.t('Running Pandoc') : vscode.l10n.t('Running {0}', engine!) });
      const result = await programs!.run(viaPandoc ? pandocPath() : engine!, commandArgs, { input: html, token });
      if (token.isCancellationRequested) {
        if (!existed) await vscode.workspace.fs.delete(target).then(undefined, () => undefined);
        return undefined;
      }
      if (result.code !== 0) {
        void vscode.window.showErrorMessage(vscode.l10n.t('{0} could not write {1}: {2}', viaPandoc ? 'Pandoc' : engine!, vscode.workspace.asRelativePath(target), result.stderr.trim().slice(0, 500)));
        return undefined;
      }
      return done(target, !args.target);
    },
  );
}

/** The first PDF engine that runs, in the order of `PDF_ENGINES`. */
async function findPdfEngine(available: Probe): Promise<string | undefined> {
  for (const e of PDF_ENGINES) if (await available(e)) return e;
  return undefined;
}

function done(target: vscode.Uri, tell: boolean): vscode.Uri {
  if (tell) {
    const reveal = vscode.l10n.t('Reveal in Explorer');
    void vscode.window.showInformationMessage(vscode.l10n.t('Wrote {0}.', vscode.workspace.asRelativePath(target)), reveal).then((a) => {
      if (a === reveal) void vscode.commands.executeCommand('revealInExplorer', target);
    });
  }
  return target;
}

async function pickFormat(available: Probe): Promise<ExportFormat | undefined> {
  const pandoc = await available(pandocPath());
  const needs = vscode.l10n.t('needs Pandoc');
  const pdf = (await available('weasyprint')) || pandoc;
  const items: Array<vscode.QuickPickItem & { format: ExportFormat }> = [
    { label: 'HTML', description: '.html', detail: vscode.l10n.t('A self-contained page; print it to PDF from a browser.'), format: 'html' },
    { label: 'Word', description: pandoc ? '.docx' : `.docx · ${needs}`, detail: vscode.l10n.t('Through Pandoc, with the preview\'s numbers and references.'), format: 'docx' },
    {
      label: 'PDF',
      description: pdf ? '.pdf' : `.pdf · ${vscode.l10n.t('needs WeasyPrint or Pandoc')}`,
      detail: vscode.l10n.t('The HTML printed by WeasyPrint, or through Pandoc and a PDF engine.'),
      format: 'pdf',
    },
  ];
  const picked = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Export Draft'), placeHolder: vscode.l10n.t('Choose a format') });
  return picked?.format;
}

export function registerExport(data: RenderDataService, programs: ProgramRunner | undefined): vscode.Disposable {
  return vscode.commands.registerCommand('fintechLens.exportDraft', (arg?: unknown) => exportDraft(data, programs, arg));
}
