import * as vscode from 'vscode';
import { termOffsetInPack } from '../../core/pack/load';
import { LineIndex } from '../../core/text/lines';
import { toRange } from '../../host/convert';
import type { ReportService } from '../../host/reports';
import type { TermService } from '../../host/terms';

/**
 * Go to Definition on a term: the passage where the bound report first uses it, else the
 * term's entry in its pack file.
 */
export function registerGoToDefinition(terms: TermService, reports: ReportService): vscode.Disposable {
  const provider: vscode.DefinitionProvider = {
    provideDefinition(doc, pos) {
      const m = terms.at(doc, pos);
      if (!m) return undefined;
      const bound = reports.get(m.packId);
      if (bound && bound.uri.toString() !== doc.uri.toString()) {
        const first = terms.reportMatches(bound).find((r) => r.termId === m.termId);
        if (first) return new vscode.Location(bound.uri, toRange(bound.lines, first));
      }
      const ref = terms.lookup(m.packId, m.termId);
      if (!ref) return undefined;
      const offset = termOffsetInPack(ref.entry.text, m.termId);
      if (offset === undefined) return undefined;
      return new vscode.Location(ref.entry.uri, toRange(new LineIndex(ref.entry.text), { start: offset, end: offset }));
    },
  };
  return vscode.languages.registerDefinitionProvider([{ language: 'markdown' }, { language: 'plaintext' }], provider);
}
