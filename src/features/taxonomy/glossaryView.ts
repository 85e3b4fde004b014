/**
 * The glossary view: a webview that keeps a term's card visible (the hover's content). Its
 * contributed id is `fintechLens.definition` and its title "Definition" (what the user reads);
 * `fintechLens.showDefinition` with `{ packId, termId }` shows a term and opens the view.
 * (Go to Definition, the editor's F12, is features/terms/goToDefinition.ts.) The HTML is our own,
 * every piece of pack text in it escaped; it runs no script, loads nothing, and its links may run
 * only our own commands.
 */
import * as vscode from 'vscode';
import { preferredForm } from '../../core/glossary/card';
import { renderCardHtml, type HtmlLink } from '../../core/taxonomy';
import { sectionLabel } from '../../host/cards';
import { commandLink, LINK_COMMANDS } from '../../host/links';
import type { ReportService } from '../../host/reports';
import type { TermService } from '../../host/terms';

export const GLOSSARY_VIEW_ID = 'fintechLens.definition';

export interface TermRefArgs {
  packId: string;
  termId: string;
}

function nonce(): string {
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let s = '';
  for (let i = 0; i < 32; i++) s += chars[Math.floor(Math.random() * chars.length)];
  return s;
}

export class GlossaryView implements vscode.WebviewViewProvider, vscode.Disposable {
  private view: vscode.WebviewView | undefined;
  private currentRef: TermRefArgs | undefined;
  private lastHtml = '';
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly terms: TermService, private readonly reports: ReportService) {
    this.disposables.push(
      terms.onDidChange(() => this.render()),
      reports.onDidChange(() => this.render()),
    );
    this.render();
  }

  /** The term shown, if any. */
  get current(): TermRefArgs | undefined {
    return this.currentRef;
  }

  /** The HTML document last rendered (also when the view is not open). */
  get html(): string {
    return this.lastHtml;
  }

  /** Whether the webview is resolved (the view has been opened). */
  get resolved(): boolean {
    return !!this.view;
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    this.view = view;
    view.webview.options = { enableScripts: false, enableForms: false, enableCommandUris: [...LINK_COMMANDS], localResourceRoots: [] };
    view.onDidDispose(() => {
      if (this.view === view) this.view = undefined;
    });
    this.render();
  }

  /** Shows a term's card and brings the view into sight without taking the focus from where it is. */
  async show(ref: TermRefArgs | undefined): Promise<void> {
    if (!ref?.packId || !ref.termId || !this.terms.lookup(ref.packId, ref.termId)) return;
    this.currentRef = { packId: ref.packId, termId: ref.termId };
    this.render();
    if (this.view) this.view.show(true);
    else await vscode.commands.executeCommand(`${GLOSSARY_VIEW_ID}.focus`);
  }

  private render(): void {
    const script = this.terms.displayScript();
    const found = this.currentRef && this.terms.lookup(this.currentRef.packId, this.currentRef.termId);
    const labels = {
      title: vscode.l10n.t('Definition'),
      otherScripts: vscode.l10n.t('Other scripts'),
      sections: vscode.l10n.t('In the report'),
      related: vscode.l10n.t('Related'),
      category: vscode.l10n.t('Category'),
      empty: vscode.l10n.t('Click a term in the Taxonomy view to see its definition here.'),
    };
    let sections: HtmlLink[] = [];
    let related: HtmlLink[] = [];
    let actions: HtmlLink[] = [];
    if (found) {
      const { entry, term } = found;
      const packId = entry.pack.id;
      const bound = this.reports.get(packId);
      sections = (term.sections ?? []).map((id) => ({
        label: sectionLabel(entry, id, script),
        href: bound ? commandLink('fintechLens.openReportLocation', { packId, section: id }) : undefined,
      }));
      related = (term.related ?? []).flatMap((id) => {
        const r = entry.pack.glossary.find((t) => t.id === id);
        return r ? [{ label: preferredForm(r, script), href: commandLink('fintechLens.showDefinition', { packId, termId: id }) }] : [];
      });
      actions = [
        {
          label: vscode.l10n.t('Insert Citation'),
          href: commandLink(
            'fintechLens.insertCitation',
            { source: packId, locator: term.sections?.[0] ? { section: term.sections[0] } : undefined },
          ),
        },
        { label: vscode.l10n.t('Show in Taxonomy'), href: commandLink('fintechLens.revealInTaxonomy', { packId, termId: term.id }) },
      ];
    }
    this.lastHtml = renderCardHtml({
      term: found?.term,
      pack: found?.entry.pack,
      script,
      labels,
      sections,
      related,
      actions,
      nonce: nonce(),
    });
    if (this.view) {
      this.view.description = found ? preferredForm(found.term, script) : undefined;
      this.view.webview.html = this.lastHtml;
    }
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

/** Registers the glossary view and `fintechLens.showDefinition`. */
export function registerGlossaryView(view: GlossaryView): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.window.registerWebviewViewProvider(GLOSSARY_VIEW_ID, view, { webviewOptions: { retainContextWhenHidden: false } }),
    vscode.commands.registerCommand('fintechLens.showDefinition', (args?: TermRefArgs) => view.show(args)),
  );
}
