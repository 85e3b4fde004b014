import * as vscode from 'vscode';
import { termCardMarkdown } from '../../host/cards';
import { toRange } from '../../host/convert';
import { safeMarkdown } from '../../host/links';
import type { ReportService } from '../../host/reports';
import type { TermService } from '../../host/terms';

function selector(): vscode.DocumentSelector {
  const langs = vscode.workspace.getConfiguration('fintechLens').get<string[]>('hover.languages', ['markdown', 'plaintext']);
  return langs.map((language) => ({ language }));
}

/** Hover definitions for glossary terms; the range is exactly the matched term. */
export function registerHover(terms: TermService, reports: ReportService): vscode.Disposable {
  const provider: vscode.HoverProvider = {
    provideHover(doc, pos) {
      const m = terms.at(doc, pos);
      if (!m) return undefined;
      const ref = terms.lookup(m.packId, m.termId);
      if (!ref) return undefined;
      const md = termCardMarkdown(ref.entry, ref.term, terms.displayScript(), reports, { links: true, allDefinitions: true });
      return new vscode.Hover(safeMarkdown(md), toRange(doc, m));
    },
  };
  let registration = vscode.languages.registerHoverProvider(selector(), provider);
  const config = vscode.workspace.onDidChangeConfiguration((e) => {
    if (!e.affectsConfiguration('fintechLens.hover.languages')) return;
    registration.dispose();
    registration = vscode.languages.registerHoverProvider(selector(), provider);
  });
  return { dispose: () => (registration.dispose(), config.dispose()) };
}
