/**
 * Terminology diagnostics for Markdown drafts (`fintechLens.lint.*`): the core linter's findings
 * as diagnostics, refreshed on open and, debounced, on change; quick fixes per diagnostic; a
 * "Fix all terminology issues" action (quick fix and `source.fixAll.fintechLens`) and command
 * that apply every fix as one WorkspaceEdit, hence one undo step.
 */
import * as vscode from 'vscode';
import { fixAll, lintDraft, LINT_RULES, type Finding, type LintOptions, type LintRuleCode } from '../../core/lint';
import { lintOptionsFromSettings } from '../../core/settings';
import { DIAGNOSTIC_SOURCE, localize, toDiagnostic, toRange, toTextEdit } from '../../host/convert';
import type { ReportService } from '../../host/reports';
import { MAX_MATCH_CHARS, type TermService } from '../../host/terms';

export const FIX_ALL_COMMAND = 'fintechLens.lint.fixAll';
export const FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append('fintechLens');

/** Debounce after an edit; larger drafts wait a little longer. */
const CHANGE_DELAY_MS = 300;
const OPEN_DELAY_MS = 30;

const SCHEMES_SKIPPED = new Set(['git', 'output', 'vscode-scm', 'gitlens', 'pr', 'review', 'comment', 'vscode-notebook-cell-output']);

/** The document's length in UTF-16 units, without building its text. */
function docLength(doc: vscode.TextDocument): number {
  return doc.offsetAt(doc.lineAt(doc.lineCount - 1).range.end);
}

interface Cached {
  doc: vscode.TextDocument;
  version: number;
  generation: number;
  findings: Finding[];
}

export function registerLint(terms: TermService, reports: ReportService): vscode.Disposable {
  const collection = vscode.languages.createDiagnosticCollection('fintechLens.lint');
  const cache = new Map<string, Cached>();
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  let generation = 0;

  const options = (_doc: vscode.TextDocument): LintOptions | undefined => {
    const config = vscode.workspace.getConfiguration('fintechLens');
    return lintOptionsFromSettings((key) => config.get(key));
  };

  const eligible = (doc: vscode.TextDocument): boolean =>
    doc.languageId === 'markdown' && !SCHEMES_SKIPPED.has(doc.uri.scheme) && docLength(doc) <= MAX_MATCH_CHARS && !reports.isBound(doc.uri);

  /** The findings for the document's current version (linted now if not cached). */
  const findingsFor = (doc: vscode.TextDocument): Finding[] => {
    if (!eligible(doc)) return [];
    const opts = options(doc);
    if (!opts) return [];
    const key = doc.uri.toString();
    const hit = cache.get(key);
    if (hit && hit.doc === doc && hit.version === doc.version && hit.generation === generation) return hit.findings;
    const findings = lintDraft(doc.getText(), terms.index, { ...opts, matches: terms.matches(doc) });
    cache.set(key, { doc, version: doc.version, generation, findings });
    return findings;
  };

  const publish = (doc: vscode.TextDocument): void => {
    if (doc.isClosed) return;
    const findings = findingsFor(doc);
    if (findings.length === 0) {
      collection.delete(doc.uri);
      return;
    }
    collection.set(doc.uri, findings.map((f) => toDiagnostic(doc, f)));
  };

  const schedule = (doc: vscode.TextDocument, delay: number): void => {
    const key = doc.uri.toString();
    const pending = timers.get(key);
    if (pending) clearTimeout(pending);
    if (!eligible(doc)) {
      timers.delete(key);
      collection.delete(doc.uri);
      cache.delete(key);
      return;
    }
    timers.set(key, setTimeout(() => {
      timers.delete(key);
      try {
        publish(doc);
      } catch (e) {
        console.error('Fintech Lens: lint failed', e);
      }
    }, delay));
  };

  const relintAll = (): void => {
    generation++;
    for (const doc of vscode.workspace.textDocuments) schedule(doc, OPEN_DELAY_MS);
  };

  const fixAllEdit = (doc: vscode.TextDocument): vscode.WorkspaceEdit | undefined => {
    const findings = findingsFor(doc);
    const opts = options(doc);
    if (!opts || !findings.some((f) => f.fixes.length > 0)) return undefined;
    // Fix All leaves nothing fixable behind: the core fixes, lints the result again and composes.
    const { edits } = fixAll(doc.getText(), terms.index, { ...opts, matches: terms.matches(doc) }, findings);
    if (edits.length === 0) return undefined;
    const we = new vscode.WorkspaceEdit();
    we.set(doc.uri, edits.map((e) => toTextEdit(doc, e)));
    return we;
  };

  const provider: vscode.CodeActionProvider = {
    provideCodeActions(doc, _range, context) {
      if (!eligible(doc)) return [];
      const only = context.only;
      const wantQuickFix = !only || only.contains(vscode.CodeActionKind.QuickFix);
      const wantFixAll = !only || only.contains(FIX_ALL_KIND) || FIX_ALL_KIND.contains(only);
      const actions: vscode.CodeAction[] = [];
      const findings = findingsFor(doc);
      if (wantQuickFix) {
        for (const diag of context.diagnostics) {
          if (diag.source !== DIAGNOSTIC_SOURCE || !LINT_RULES.includes(diag.code as LintRuleCode)) continue;
          const f = findings.find((x) => x.code === diag.code && x.fixes.length > 0 && toRange(doc, x.range).isEqual(diag.range));
          if (!f) continue;
          const action = new vscode.CodeAction(localize(f.fixes[0]), vscode.CodeActionKind.QuickFix);
          action.edit = new vscode.WorkspaceEdit();
          action.edit.set(doc.uri, f.fixes[0].edits.map((e) => toTextEdit(doc, e)));
          action.diagnostics = [diag];
          action.isPreferred = true;
          actions.push(action);
        }
      }
      const fixable = findings.filter((f) => f.fixes.length > 0).length;
      // In the light bulb: once there is more than one fix to apply; on request (source.fixAll): always.
      if ((wantQuickFix && actions.length > 0 && fixable > 1) || (only && wantFixAll && fixable > 0)) {
        const edit = fixAllEdit(doc);
        if (edit) {
          const kind = only && wantFixAll && !only.contains(vscode.CodeActionKind.QuickFix) ? FIX_ALL_KIND : vscode.CodeActionKind.QuickFix;
          const action = new vscode.CodeAction(vscode.l10n.t('Fix all terminology issues'), kind);
          action.edit = edit;
          actions.push(action);
        }
      }
      return actions;
    },
  };

  const fixAllCommand = async (arg?: vscode.Uri | string): Promise<number> => {
    const uri = typeof arg === 'string'
      ? vscode.Uri.parse(arg)
      : arg instanceof vscode.Uri
      ? arg
      : vscode.window.activeTextEditor?.document.uri;
    const doc = uri ? vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString()) : undefined;
    if (!doc) return 0;
    const edit = fixAllEdit(doc);
    if (!edit) {
      vscode.window.setStatusBarMessage(vscode.l10n.t('No terminology issues to fix.'), 3000);
      return 0;
    }
    const count = edit.get(doc.uri).length;
    return (await vscode.workspace.applyEdit(edit)) ? count : 0;
  };

  for (const doc of vscode.workspace.textDocuments) schedule(doc, OPEN_DELAY_MS);

  return vscode.Disposable.from(
    collection,
    { dispose: () => { for (const t of timers.values()) clearTimeout(t); timers.clear(); cache.clear(); } },
    vscode.languages.registerCodeActionsProvider({ language: 'markdown' }, provider, {
      providedCodeActionKinds: [vscode.CodeActionKind.QuickFix, FIX_ALL_KIND],
    }),
    vscode.commands.registerCommand(FIX_ALL_COMMAND, fixAllCommand),
    vscode.workspace.onDidOpenTextDocument((doc) => schedule(doc, OPEN_DELAY_MS)),
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.contentChanges.length === 0) return;
      schedule(e.document, CHANGE_DELAY_MS + Math.min(700, Math.floor(docLength(e.document) / 5_000)));
    }),
    vscode.workspace.onDidCloseTextDocument((doc) => {
      const key = doc.uri.toString();
      const pending = timers.get(key);
      if (pending) clearTimeout(pending);
      timers.delete(key);
      cache.delete(key);
      collection.delete(doc.uri);
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('fintechLens.lint')) relintAll();
    }),
    terms.onDidChange(relintAll),
    reports.onDidChange(relintAll),
  );
}
