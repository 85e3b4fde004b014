import * as vscode from 'vscode';
import { completeTerms, prepareCompletion, type CompletionIndex } from '../../core/glossary/complete';
import { orderedForms } from '../../core/glossary/card';
import { termCardMarkdown } from '../../host/cards';
import { inertMarkdown } from '../../host/links';
import type { ReportService } from '../../host/reports';
import type { TermService } from '../../host/terms';

/** Suggests glossary terms from English, Chinese (either script) or pinyin prefixes. */
export function registerCompletion(terms: TermService, reports: ReportService): vscode.Disposable {
  let prepared: CompletionIndex | undefined;
  const onChange = terms.onDidChange(() => (prepared = undefined));
  const provider: vscode.CompletionItemProvider = {
    provideCompletionItems(doc, pos) {
      if (!vscode.workspace.getConfiguration('fintechLens', doc).get<boolean>('completion.enabled', true)) return undefined;
      prepared ??= prepareCompletion(terms.index.terms);
      const line = doc.lineAt(pos.line).text.slice(0, pos.character);
      const script = terms.draftScript(doc);
      const display = terms.displayScript();
      const results = completeTerms(prepared, line, script);
      if (!results.length) return undefined;
      const items = results.map((r, i) => {
        const forms = orderedForms(r.term, script).filter((f) => f !== r.insertText);
        const item = new vscode.CompletionItem(
          { label: r.insertText, description: forms.join(' · ') },
          vscode.CompletionItemKind.Reference,
        );
        item.range = new vscode.Range(pos.line, pos.character - r.replaceLength, pos.line, pos.character);
        item.insertText = r.insertText;
        item.filterText = r.prefix + r.insertText;
        item.sortText = String(i).padStart(4, '0');
        item.detail = vscode.l10n.t('Fintech Lens term');
        const ref = terms.lookup(r.packId, r.term.id);
        if (ref) item.documentation = inertMarkdown(termCardMarkdown(ref.entry, ref.term, display, reports, { links: false }));
        return item;
      });
      return new vscode.CompletionList(items, true);
    },
  };
  return vscode.Disposable.from(
    onChange,
    vscode.languages.registerCompletionItemProvider([{ language: 'markdown' }, { language: 'plaintext' }], provider),
  );
}
