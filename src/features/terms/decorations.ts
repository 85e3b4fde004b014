import * as vscode from 'vscode';
import { toRange } from '../../host/convert';
import type { TermService } from '../../host/terms';
import { debounce } from '../../host/debounce';

/** Optional subtle underline on recognised terms (`fintechLens.decorations.enabled`, off by default). */
export function registerDecorations(terms: TermService): vscode.Disposable {
  const type = vscode.window.createTextEditorDecorationType({
    textDecoration: 'underline dotted',
    overviewRulerLane: undefined,
  });
  const enabled = (): boolean => vscode.workspace.getConfiguration('fintechLens').get<boolean>('decorations.enabled', false);
  const paint = (): void => {
    for (const editor of vscode.window.visibleTextEditors) {
      if (!enabled() || editor.document.languageId !== 'markdown') {
        editor.setDecorations(type, []);
        continue;
      }
      editor.setDecorations(type, terms.matches(editor.document).map((m) => toRange(editor.document, m)));
    }
  };
  const later = debounce(paint, 250);
  paint();
  return vscode.Disposable.from(
    type,
    { dispose: () => later.cancel() },
    terms.onDidChange(later),
    vscode.window.onDidChangeVisibleTextEditors(later),
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (vscode.window.visibleTextEditors.some((ed) => ed.document === e.document)) later();
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('fintechLens.decorations.enabled')) paint();
    }),
  );
}
