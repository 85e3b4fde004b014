/**
 * The Taxonomy view's commands: Filter Taxonomy (a picker over every node, matched in
 * English, either Chinese script or pinyin), Reveal in Taxonomy (and following the cursor),
 * the "not covered by this draft" toggle, and the context-menu actions.
 */
import * as vscode from 'vscode';
import { filterTaxonomy, localized, type FilterEntry, type TaxonomyNode } from '../../core/taxonomy';
import { toRange } from '../../host/convert';
import { citationArgs, insertAtSelections, targetEditor, termInsertText } from './actions';
import { TAXONOMY_VIEW_ID, type TaxonomyProvider } from './provider';

export interface FilterPickItem extends vscode.QuickPickItem {
  node: TaxonomyNode;
}

export interface RevealArgs {
  packId: string;
  termId: string;
}

const PICK_ICON: Partial<Record<TaxonomyNode['kind'], string>> = {
  pack: 'package',
  category: 'symbol-namespace',
  topic: 'tag',
  term: 'symbol-key',
  section: 'symbol-number',
};
const FOLLOW_DELAY_MS = 250;
/** How long a reveal waits for the workbench to report the view shown or the node selected. */
const REVEAL_WAIT_MS = 5000;

export class TaxonomyCommands implements vscode.Disposable {
  private pick: vscode.QuickPick<FilterPickItem> | undefined;
  private followTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly provider: TaxonomyProvider,
    private readonly view: vscode.TreeView<TaxonomyNode>,
    private readonly log?: vscode.LogOutputChannel,
  ) {
    const reg = (
      id: string,
      fn: (...args: never[]) => unknown,
    ) => this.disposables.push(vscode.commands.registerCommand(id, fn as (...args: unknown[]) => unknown));
    reg('fintechLens.filterTaxonomy', (args?: { query?: string }) => this.filter(args?.query));
    reg('fintechLens.revealInTaxonomy', (args?: RevealArgs) => this.revealTerm(args));
    reg('fintechLens.taxonomy.showUncovered', () => provider.setUncoveredOnly(true));
    reg('fintechLens.taxonomy.showAll', () => provider.setUncoveredOnly(false));
    reg('fintechLens.tree.insertCitation', (node?: TaxonomyNode) => this.insertCitation(node ?? view.selection[0]));
    reg('fintechLens.tree.insertTerm', (node?: TaxonomyNode) => this.insertTerm(node ?? view.selection[0]));
    reg('fintechLens.tree.copyDefinition', (node?: TaxonomyNode) => this.copyDefinition(node ?? view.selection[0]));
    reg('fintechLens.tree.openInReport', (node?: TaxonomyNode) => this.openInReport(node ?? view.selection[0]));
    this.disposables.push(
      vscode.window.onDidChangeTextEditorSelection((e) => this.onSelection(e)),
      { dispose: () => this.followTimer && clearTimeout(this.followTimer) },
    );
  }

  /** The open Filter Taxonomy picker, if any. */
  get quickPick(): vscode.QuickPick<FilterPickItem> | undefined {
    return this.pick;
  }

  // ---- reveal ------------------------------------------------------------------------------

  /**
   * Reveals and selects a node, turning the "uncovered only" filter off when it hides the node.
   * The workbench reveals only items it has already fetched: a view that was hidden while the
   * tree was rebuilt catches up only once it is shown, and a reveal sent in between selects
   * nothing. So a hidden view is shown first, and a reveal that did not select its node (the
   * workbench reports the selection back) is sent once more.
   */
  async reveal(node: TaxonomyNode, focus: boolean): Promise<boolean> {
    this.provider.flush();
    const current = this.provider.tree.get(node.id) ?? node;
    if (!this.provider.isShown(current)) this.provider.setUncoveredOnly(false);
    try {
      if (!this.view.visible) await this.showView();
      for (let attempt = 0; ; attempt++) {
        const selected = this.view.selection[0]?.id === current.id ? undefined : this.selectionOf(current.id);
        await this.view.reveal(this.provider.tree.get(current.id) ?? current, { select: true, focus, expand: false });
        if (!selected || (await selected)) return true;
        if (attempt === 1) break;
        this.provider.flush();
      }
      this.log?.warn(`Taxonomy: the view did not select ${current.id}.`);
      return false;
    } catch (e) {
      this.log?.warn(`Taxonomy: cannot reveal ${current.id}: ${String(e)}`);
      return false;
    }
  }

  /** Shows the view and resolves when the workbench says it is visible. */
  private async showView(): Promise<void> {
    const shown = this.settle((done) => this.view.onDidChangeVisibility((e) => e.visible && done(true)), () => this.view.visible);
    await vscode.commands.executeCommand(`${TAXONOMY_VIEW_ID}.focus`);
    await shown;
  }

  /** Resolves true once the view's selection is the node with `id`, false if it is not within a few seconds. */
  private selectionOf(id: string): Promise<boolean> {
    return this.settle(
      (done) => this.view.onDidChangeSelection((e) => e.selection[0]?.id === id && done(true)),
      () => this.view.selection[0]?.id === id,
    );
  }

  /** An event-driven wait with a cap, so that a workbench that never answers cannot hang a command. */
  private settle(listen: (done: (v: boolean) => void) => vscode.Disposable, already: () => boolean): Promise<boolean> {
    return new Promise<boolean>((resolve) => {
      const subs: vscode.Disposable[] = [];
      const finish = (v: boolean): void => {
        clearTimeout(timer);
        subs.forEach((d) => d.dispose());
        resolve(v);
      };
      const timer = setTimeout(() => finish(already()), REVEAL_WAIT_MS);
      subs.push(listen(finish));
    });
  }

  /** The term under the cursor of the active editor, or the term given by `args`. */
  private async revealTerm(args?: RevealArgs): Promise<void> {
    let ref = args?.packId && args.termId ? { packId: args.packId, termId: args.termId } : undefined;
    if (!ref) {
      const editor = vscode.window.activeTextEditor;
      const m = editor && this.provider.terms.at(editor.document, editor.selection.active);
      if (m) ref = { packId: m.packId, termId: m.termId };
    }
    if (!ref) {
      void vscode.window.showInformationMessage(vscode.l10n.t('There is no glossary term at the cursor.'));
      return;
    }
    this.provider.flush();
    const node = this.provider.tree.termNodes(ref.packId, ref.termId)[0];
    if (!node) {
      void vscode.window.showInformationMessage(vscode.l10n.t('The term "{0}" is not in the Taxonomy view.', ref.termId));
      return;
    }
    await this.reveal(node, true);
  }

  private onSelection(e: vscode.TextEditorSelectionChangeEvent): void {
    if (!vscode.workspace.getConfiguration('fintechLens').get<boolean>('taxonomy.followCursor', false)) return;
    if (!this.view.visible || e.textEditor !== vscode.window.activeTextEditor) return;
    if (this.followTimer) clearTimeout(this.followTimer);
    this.followTimer = setTimeout(() => {
      this.followTimer = undefined;
      const editor = e.textEditor;
      if (editor !== vscode.window.activeTextEditor || editor.document.isClosed) return;
      const m = this.provider.terms.at(editor.document, editor.selection.active);
      if (!m) return;
      const node = this.provider.tree.termNodes(m.packId, m.termId)[0];
      const selected = this.view.selection[0];
      if (!node || (selected?.kind === 'term' && selected.packId === m.packId && selected.termId === m.termId)) return;
      void this.reveal(node, false);
    }, FOLLOW_DELAY_MS);
  }

  // ---- filter ------------------------------------------------------------------------------

  private items(query: string): FilterPickItem[] {
    return filterTaxonomy(this.provider.filter(), query, 300).map((e: FilterEntry) => {
      const coverage = this.provider.rollup?.get(e.node);
      const icon = e.node.kind === 'category' && e.node.other ? 'question' : PICK_ICON[e.node.kind] ?? 'circle-small';
      return {
        label: `$(${icon}) ${e.label}`,
        description: [coverage ? `${coverage.count}×` : '', e.description ?? ''].filter(Boolean).join(' — ') || undefined,
        detail: e.path || undefined,
        alwaysShow: true,
        node: e.node,
      };
    });
  }

  /** Opens the picker (with `query` typed in already, when given) and reveals the chosen node. */
  private filter(query?: string): void {
    this.provider.flush();
    if (this.provider.tree.roots().length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('No report pack is loaded.'));
      return;
    }
    this.pick?.dispose();
    const qp = vscode.window.createQuickPick<FilterPickItem>();
    this.pick = qp;
    qp.title = vscode.l10n.t('Filter Taxonomy');
    qp.placeholder = vscode.l10n.t('Type a term, topic or section in English, Chinese or pinyin (e.g. jgkj)');
    qp.matchOnDescription = true;
    qp.matchOnDetail = false;
    const update = (value: string) => {
      qp.items = this.items(value);
    };
    qp.value = query ?? '';
    update(qp.value);
    qp.onDidChangeValue(update);
    qp.onDidAccept(() => {
      const chosen = qp.selectedItems[0] ?? qp.activeItems[0];
      qp.hide();
      if (chosen) void this.reveal(chosen.node, true);
    });
    qp.onDidHide(() => {
      qp.dispose();
      if (this.pick === qp) this.pick = undefined;
    });
    qp.show();
  }

  // ---- context menu ------------------------------------------------------------------------

  private editorOrTell(): vscode.TextEditor | undefined {
    const editor = targetEditor(this.provider);
    if (!editor) void vscode.window.showInformationMessage(vscode.l10n.t('Open a Markdown draft to insert into.'));
    return editor;
  }

  private async insertCitation(node: TaxonomyNode | undefined): Promise<void> {
    const args = node && citationArgs(node);
    if (!args) return;
    await vscode.commands.executeCommand('fintechLens.insertCitation', args);
  }

  private async insertTerm(node: TaxonomyNode | undefined): Promise<void> {
    if (!node || node.kind !== 'term') return;
    const editor = this.editorOrTell();
    if (!editor) return;
    const text = termInsertText(this.provider, node, editor.document);
    if (text) await insertAtSelections(editor, text);
  }

  private async copyDefinition(node: TaxonomyNode | undefined): Promise<void> {
    if (!node || node.kind !== 'term') return;
    const term = this.provider.tree.term(node.packId, node.termId!);
    if (term) await vscode.env.clipboard.writeText(localized(term.definition, this.provider.script));
  }

  private async openInReport(node: TaxonomyNode | undefined): Promise<void> {
    if (!node) return;
    if (node.kind === 'section' || node.kind === 'passage') {
      const cmd = this.provider.getTreeItem(node).command;
      if (cmd) await vscode.commands.executeCommand(cmd.command, ...(cmd.arguments ?? []));
      return;
    }
    if (node.kind === 'term') {
      const bound = this.provider.reports.get(node.packId);
      const first = this.provider.tree.termPassages(node.packId, node.termId!)[0];
      if (!bound || !first) return;
      const doc = await vscode.workspace.openTextDocument(bound.uri);
      await vscode.window.showTextDocument(doc, { selection: toRange(doc, { start: first.start, end: first.end }), preview: false });
    }
  }

  dispose(): void {
    this.pick?.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
