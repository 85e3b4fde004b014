/**
 * Citation diagnostics for Markdown documents (unknown keys, footnotes without definitions or
 * references, unreadable bibliographies) and for the bibliography files they use (malformed
 * entries at their place), with quick fixes where the fix is obvious.
 */
import * as vscode from 'vscode';
import { planFootnoteDefinition, planFootnoteRemoval } from '../../core/citations';
import { DIAGNOSTIC_SOURCE, fromRange, toRange } from '../../host/convert';
import type { HostCitationService } from '../../host/citationService';

const isMarkdown = (d: vscode.TextDocument) => d.languageId === 'markdown';

export function registerCitationDiagnostics(service: HostCitationService): vscode.Disposable {
  const collection = vscode.languages.createDiagnosticCollection('fintechLens.citations');
  /** Bibliography file → the documents whose diagnostics put problems in it. */
  const owners = new Map<string, Set<string>>();
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  const runs = new Map<string, number>();

  const forget = (docKey: string, keep: Set<string> = new Set()): void => {
    for (const [bib, set] of owners) {
      if (!set.has(docKey) || keep.has(bib)) continue;
      set.delete(docKey);
      if (set.size === 0) {
        owners.delete(bib);
        collection.delete(vscode.Uri.parse(bib));
      }
    }
  };

  const run = async (doc: vscode.TextDocument): Promise<void> => {
    const key = doc.uri.toString();
    const n = (runs.get(key) ?? 0) + 1;
    runs.set(key, n);
    try {
      const result = await service.diagnose(doc);
      if (doc.isClosed || runs.get(key) !== n) return;
      collection.set(doc.uri, result.document);
      const files = new Set(result.files.map((f) => f.uri.toString()));
      forget(key, files);
      for (const f of result.files) {
        const k = f.uri.toString();
        if (!owners.has(k)) owners.set(k, new Set());
        owners.get(k)!.add(key);
        collection.set(f.uri, f.diagnostics);
      }
    } catch (e) {
      service.log?.error(`Citation diagnostics failed for ${key}: ${String(e)}`);
    }
  };

  const schedule = (doc: vscode.TextDocument, ms: number): void => {
    if (!isMarkdown(doc)) return;
    const key = doc.uri.toString();
    clearTimeout(timers.get(key));
    timers.set(
      key,
      setTimeout(() => {
        timers.delete(key);
        void run(doc);
      }, ms),
    );
  };
  const all = (ms: number): void => {
    for (const d of vscode.workspace.textDocuments) schedule(d, ms);
  };

  const subscriptions: vscode.Disposable[] = [
    collection,
    vscode.workspace.onDidOpenTextDocument((d) => schedule(d, 0)),
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.contentChanges.length) schedule(e.document, 300);
    }),
    vscode.workspace.onDidCloseTextDocument((d) => {
      if (!isMarkdown(d)) return;
      const key = d.uri.toString();
      clearTimeout(timers.get(key));
      timers.delete(key);
      runs.delete(key);
      collection.delete(d.uri);
      forget(key);
    }),
    service.onDidChangeBibliography(() => all(100)),
    service.packs.onDidChange(() => all(100)),
    vscode.languages.registerCodeActionsProvider({ language: 'markdown' }, new CitationFixes(service), {
      providedCodeActionKinds: [vscode.CodeActionKind.QuickFix],
    }),
    { dispose: () => timers.forEach((t) => clearTimeout(t)) },
  ];
  all(0);
  return vscode.Disposable.from(...subscriptions);
}

class CitationFixes implements vscode.CodeActionProvider {
  constructor(private readonly service: HostCitationService) {}

  async provideCodeActions(
    doc: vscode.TextDocument,
    _range: vscode.Range,
    context: vscode.CodeActionContext,
  ): Promise<vscode.CodeAction[]> {
    const actions: vscode.CodeAction[] = [];
    for (const d of context.diagnostics) {
      if (d.source !== DIAGNOSTIC_SOURCE) continue;
      const at = doc.getText(d.range);
      if (d.code === 'citation.unknown-key') {
        const key = at.replace(/^-?@\{?/, '').replace(/\}$/, '');
        const pack = this.service.findPack(key);
        if (!pack) continue;
        const edit = await this.service.addEntryEdit(doc, key, pack);
        if (!edit) continue;
        const action = new vscode.CodeAction(
          vscode.l10n.t('Add "{0}" to the bibliography from the report pack', key),
          vscode.CodeActionKind.QuickFix,
        );
        action.edit = edit;
        action.diagnostics = [d];
        action.isPreferred = true;
        actions.push(action);
      } else if (d.code === 'footnote.undefined') {
        const label = at.replace(/^\[\^|\]$/g, '');
        const stub = planFootnoteDefinition(doc.getText(), label, '');
        if (!stub) continue;
        const action = new vscode.CodeAction(vscode.l10n.t('Add a definition for footnote {0}', at), vscode.CodeActionKind.QuickFix);
        action.edit = new vscode.WorkspaceEdit();
        action.edit.replace(doc.uri, toRange(doc, stub.range), stub.newText);
        action.diagnostics = [d];
        actions.push(action);
      } else if (d.code === 'footnote.unused') {
        const start = fromRange(doc, d.range).start;
        const def = this.service.scan(doc).footnoteDefs.find((f) => f.labelRange.start === start);
        if (!def) continue;
        const action = new vscode.CodeAction(
          vscode.l10n.t('Remove the unused footnote definition {0}', at),
          vscode.CodeActionKind.QuickFix,
        );
        action.edit = new vscode.WorkspaceEdit();
        const removal = planFootnoteRemoval(doc.getText(), def);
        action.edit.replace(doc.uri, toRange(doc, removal.range), removal.newText);
        action.diagnostics = [d];
        actions.push(action);
      }
    }
    return actions;
  }
}
