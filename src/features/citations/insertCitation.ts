/**
 * Insert Citation (`fintechLens.insertCitation`) with its pickers or with arguments, the
 * citation hover, and citation diagnostics with quick fixes.
 */
import type { TextEdit } from '../../core/text/types';
import * as vscode from 'vscode';

import { CitationError, type CitationArgs, type ResolvedSource } from '../../core/citations';
import { localize } from '../../host/convert';
import type { HostCitationService, PlannedEdit } from '../../host/citationService';
import { registerCitationDiagnostics } from './diagnostics';
import { registerCitationHover } from './hover';
import { pickLocator, pickSources } from './picker';
import { OffsetTracker } from './tracker';

function isArgs(arg: unknown): arg is CitationArgs {
  return !!arg && typeof arg === 'object' && !(arg instanceof vscode.Uri) && 'source' in arg;
}

/** The Markdown editor to insert into: the active one, else a visible one (e.g. when the command comes from a view). */
function targetEditor(arg: unknown): vscode.TextEditor | undefined {
  if (arg instanceof vscode.Uri) {
    const e = vscode.window.visibleTextEditors.find((v) => v.document.uri.toString() === arg.toString());
    if (e) return e;
  }
  const active = vscode.window.activeTextEditor;
  if (active?.document.languageId === 'markdown') return active;
  return vscode.window.visibleTextEditors.find((e) => e.document.languageId === 'markdown');
}

/** Where each citation ends once the edits are applied (document offsets after the edit). */
function offsetsAfter(edits: TextEdit[], citations: Array<{ at: number; text: string }>): number[] {
  return citations.map((c) => {
    let shift = 0;
    let inside = 0;
    for (const e of edits) {
      if (e.range.start === c.at && e.range.end === c.at) {
        const i = e.newText.indexOf(c.text);
        inside = i >= 0 ? i : 0;
      } else if (e.range.end <= c.at) shift += e.newText.length - (e.range.end - e.range.start);
    }
    return c.at + shift + inside + c.text.length;
  });
}

async function insertCitation(service: HostCitationService, arg?: unknown): Promise<boolean> {
  const editor = targetEditor(arg);
  if (!editor) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Open a Markdown document to insert a citation.'));
    return false;
  }
  const doc = editor.document;
  const tracker = new OffsetTracker(doc, editor.selections.map((s) => doc.offsetAt(s.end)));
  try {
    let sources: ResolvedSource[];
    let syntax;
    if (isArgs(arg)) {
      ({ sources, syntax } = await service.resolveArgs(doc, arg));
    } else {
      const picked = await pickSources(service, doc);
      if (!picked) return false;
      for (let i = 0; i < picked.length; i++) {
        const locator = await pickLocator(service, picked[i], i + 1, picked.length);
        if (locator === undefined) return false;
        if (locator) picked[i] = { ...picked[i], locator };
        else delete picked[i].locator;
      }
      sources = picked;
      syntax = service.syntax(doc);
    }
    // Plan against the text as it is now; if it changes while the bibliography is read, plan again.
    let planned: PlannedEdit | undefined;
    for (let attempt = 0; attempt < 5 && (!planned || planned.version !== doc.version); attempt++) {
      const cursors = tracker.offsets();
      if (!cursors) {
        const message = tracker.documentClosed
          ? vscode.l10n.t('The document was closed; no citation was inserted.')
          : vscode.l10n.t('The text where the citation was to go was deleted meanwhile; no citation was inserted.');
        void vscode.window.showWarningMessage(message);
        return false;
      }
      planned = await service.plan(doc, cursors, sources, syntax);
    }
    if (!planned || planned.version !== doc.version) {
      void vscode.window.showWarningMessage(vscode.l10n.t('The document keeps changing; no citation was inserted.'));
      return false;
    }
    const version = doc.version;
    if (!(await vscode.workspace.applyEdit(planned.edit))) {
      void vscode.window.showErrorMessage(
        vscode.l10n.t(
          'The citation could not be inserted (the document or the bibliography changed, or a file could not be written). Nothing was changed.',
        ),
      );
      return false;
    }
    await service.saveWritten(planned);
    if (doc.version !== version && vscode.window.visibleTextEditors.includes(editor)) {
      const ends = offsetsAfter(planned.documentEdits, planned.citations).map((o) => doc.positionAt(o));
      if (ends.length) editor.selections = ends.map((p) => new vscode.Selection(p, p));
    }
    for (const note of planned.notes) void vscode.window.showInformationMessage(note);
    return true;
  } catch (e) {
    if (e instanceof CitationError) {
      void vscode.window.showErrorMessage(localize(e.detail));
      return false;
    }
    throw e;
  } finally {
    tracker.dispose();
  }
}

/**
 * Registers Insert Citation, the citation hover and the citation diagnostics. The command
 * takes one optional argument, `{ source, locator?, syntax? }` (see `CitationArgs`): with it
 * no picker opens. It resolves to true when a citation was inserted.
 */
export function registerCitations(service: HostCitationService): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand('fintechLens.insertCitation', (arg?: unknown) => insertCitation(service, arg)),
    registerCitationHover(service),
    registerCitationDiagnostics(service),
  );
}
