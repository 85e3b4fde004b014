/**
 * The Taxonomy view (`fintechLens.taxonomy`): wires the tree provider, its commands, drag and
 * drop into Markdown drafts and the glossary view, and keeps the view's message and
 * description (the draft whose coverage is shown) current.
 */
import * as vscode from 'vscode';
import type { TaxonomyNode } from '../../core/taxonomy';
import type { HostCitationService } from '../../host/citationService';
import type { PackRegistry } from '../../host/packs';
import type { ReportService } from '../../host/reports';
import type { TermService } from '../../host/terms';
import { GlossaryView, registerGlossaryView } from './glossaryView';
import { TaxonomyCommands } from './commands';
import { TaxonomyDragAndDrop, TaxonomyDropProvider, registerTaxonomyDrop } from './drop';
import { TAXONOMY_VIEW_ID, TaxonomyProvider, UNCOVERED_CONTEXT_KEY } from './provider';


/** What the integration tests (and other features) reach through the extension's API. */
export interface TaxonomyApi {
  readonly provider: TaxonomyProvider;
  readonly view: vscode.TreeView<TaxonomyNode>;
  readonly commands: TaxonomyCommands;
  /** The glossary view (a term's card in a webview). */
  readonly glossary: GlossaryView;
  readonly drop: TaxonomyDropProvider;
  readonly dragAndDrop: TaxonomyDragAndDrop;
  /** Resolves once no rebuild or coverage recount is pending. */
  whenIdle(): Promise<void>;
}

export interface TaxonomyRegistration extends vscode.Disposable {
  readonly api: TaxonomyApi;
}

export function registerTaxonomyTree(
  packs: PackRegistry,
  reports: ReportService,
  terms: TermService,
  citations: HostCitationService,
  log?: vscode.LogOutputChannel,
): TaxonomyRegistration {
  const provider = new TaxonomyProvider(packs, reports, terms, log);
  const dragAndDrop = new TaxonomyDragAndDrop();
  const view = vscode.window.createTreeView(
    TAXONOMY_VIEW_ID,
    { treeDataProvider: provider, showCollapseAll: true, dragAndDropController: dragAndDrop },
  );
  const commands = new TaxonomyCommands(provider, view, log);
  const glossary = new GlossaryView(terms, reports);
  const drop = new TaxonomyDropProvider(provider, (d, p, a) => citations.tryDropEdit(d, p, a));
  void vscode.commands.executeCommand('setContext', UNCOVERED_CONTEXT_KEY, false);

  const updateView = (): void => {
    const messages: string[] = [];
    if (provider.tree.roots().length > 0 && provider.missingReport) {
      messages.push(
        vscode.l10n.t(
          'No report file is bound, so topics and terms list the sections that discuss them. Add the report (Markdown or plain text) to the workspace to list its passages.',
        ),
      );
    }
    const draft = provider.draft;
    if (provider.uncoveredOnly) {
      messages.push(draft ? vscode.l10n.t(
        'Showing only what {0} does not mention.',
        baseName(draft.uri),
      ) : vscode.l10n.t('Open a Markdown draft to see what it does not cover.'));
    }
    view.message = messages.length ? messages.join(' ') : undefined;
    view.description = draft ? baseName(draft.uri) : undefined;
  };
  updateView();

  const api: TaxonomyApi = {
    provider,
    view,
    commands,
    glossary,
    drop,
    dragAndDrop,
    whenIdle: async () => {
      while (provider.busy) await new Promise((r) => setTimeout(r, 25));
    },
  };
  const disposable = vscode.Disposable.from(
    provider,
    view,
    commands,
    glossary,
    provider.onDidChangeState(updateView),
    registerGlossaryView(glossary),
    registerTaxonomyDrop(drop),
  );
  return { api, dispose: () => disposable.dispose() };
}

function baseName(uri: vscode.Uri): string {
  return uri.path.slice(uri.path.lastIndexOf('/') + 1);
}
