/**
 * The Taxonomy view's data provider: adapts the core taxonomy model to TreeItems, keeps the
 * coverage of the active Markdown draft up to date (debounced while typing), and refreshes
 * without collapsing anything when packs, the report or the display script change: node ids
 * are stable, and coverage changes refresh only the nodes whose counts changed.
 */
import * as vscode from 'vscode';
import { escapeMarkdown } from '../../core/glossary/card';
import type { Script } from '../../core/pack/types';
import {
  TaxonomyTree,
  countCoverage,
  coverageChange,
  nodeText,
  prepareFilter,
  rollUp,
  visibleChildren,
  warmFilter,
  type CoverageRollup,
  type FixedLabels,
  type PreparedFilter,
  type TaxonomyPackInput,
  type TaxonomyNode,
} from '../../core/taxonomy';
import { termCardMarkdown } from '../../host/cards';
import { toRange } from '../../host/convert';
import { safeMarkdown } from '../../host/links';
import type { PackRegistry } from '../../host/packs';
import type { ReportService } from '../../host/reports';
import type { TermService } from '../../host/terms';

/** Debounce of the coverage recount while the draft is edited. */
export const RECOUNT_DELAY_MS = 300;
const REBUILD_DELAY_MS = 50;
/** Filter entries whose pinyin is read per step of the warm-up. */
const WARM_STEP = 150;
/** The Taxonomy view's id (package.json `contributes.views`). */
export const TAXONOMY_VIEW_ID = 'fintechLens.taxonomy';
export const UNCOVERED_CONTEXT_KEY = 'fintechLens.taxonomy.uncoveredOnly';

class Delayed implements vscode.Disposable {
  private timer: ReturnType<typeof setTimeout> | undefined;
  constructor(private readonly fn: () => void, private readonly ms: number) {}
  schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.fn();
    }, this.ms);
  }
  /** Runs now if scheduled. */
  flush(): void {
    if (!this.timer) return;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.fn();
  }
  get pending(): boolean {
    return this.timer !== undefined;
  }
  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}

const KIND_ICON: Record<TaxonomyNode['kind'], string> = {
  pack: 'package',
  category: 'symbol-namespace',
  topic: 'tag',
  term: 'symbol-key',
  outline: 'list-tree',
  section: 'symbol-number',
  passage: 'quote',
};

export class TaxonomyProvider implements vscode.TreeDataProvider<TaxonomyNode>, vscode.Disposable {
  private treeModel = new TaxonomyTree([]);
  private rollupValue: CoverageRollup | undefined;
  private draftDoc: vscode.TextDocument | undefined;
  private uncovered = false;
  private scriptValue: Script;
  /** Problems already written to the log (rebuilds find them again). */
  private readonly logged = new Set<string>();
  private filterCache: { tree: TaxonomyTree; script: Script; prepared: PreparedFilter } | undefined;
  private readonly emitter = new vscode.EventEmitter<TaxonomyNode | TaxonomyNode[] | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private readonly stateEmitter = new vscode.EventEmitter<void>();
  /** Fires after a rebuild or a recount (for the view's message and tests). */
  readonly onDidChangeState = this.stateEmitter.event;
  private readonly rebuildSoon = new Delayed(() => this.rebuild(), REBUILD_DELAY_MS);
  private readonly recountSoon = new Delayed(() => this.recount(), RECOUNT_DELAY_MS);
  private readonly warmUp = new Delayed(() => this.prepare(), 0);
  private warmTimer: ReturnType<typeof setTimeout> | undefined;
  private disposed = false;
  private readonly disposables: vscode.Disposable[] = [this.emitter, this.stateEmitter, this.rebuildSoon, this.recountSoon, this.warmUp];
  readonly fixed: FixedLabels = { outline: vscode.l10n.t('Report outline'), otherTerms: vscode.l10n.t('Other terms') };

  constructor(
    readonly packs: PackRegistry,
    readonly reports: ReportService,
    readonly terms: TermService,
    private readonly log?: vscode.LogOutputChannel,
  ) {
    this.scriptValue = terms.displayScript();
    this.disposables.push(
      terms.onDidChange(() => this.rebuildSoon.schedule()),
      reports.onDidChange(() => this.rebuildSoon.schedule()),
      vscode.window.onDidChangeActiveTextEditor((e) => this.followEditor(e)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document === this.draftDoc && e.contentChanges.length) this.recountSoon.schedule();
      }),
      vscode.workspace.onDidCloseTextDocument((d) => {
        if (d === this.draftDoc) this.setDraft(this.otherVisibleDraft(d));
      }),
    );
    this.rebuild();
    this.followEditor(vscode.window.activeTextEditor);
  }

  // ---- state -------------------------------------------------------------------------------

  get tree(): TaxonomyTree {
    return this.treeModel;
  }

  get script(): Script {
    return this.scriptValue;
  }

  /** The Markdown draft whose coverage the tree shows. */
  get draft(): vscode.TextDocument | undefined {
    return this.draftDoc;
  }

  get rollup(): CoverageRollup | undefined {
    return this.rollupValue;
  }

  get uncoveredOnly(): boolean {
    return this.uncovered;
  }

  /** Whether any loaded pack has no report file bound. */
  get missingReport(): boolean {
    return this.treeModel.packIds().some((id) => !this.treeModel.report(id));
  }

  /** True while a rebuild or a recount is scheduled. */
  get busy(): boolean {
    return this.rebuildSoon.pending || this.recountSoon.pending;
  }

  /** Runs any scheduled rebuild or recount now. */
  flush(): void {
    this.rebuildSoon.flush();
    this.recountSoon.flush();
  }

  setUncoveredOnly(on: boolean): void {
    if (on === this.uncovered) return;
    this.uncovered = on;
    void vscode.commands.executeCommand('setContext', UNCOVERED_CONTEXT_KEY, on);
    this.emitter.fire(undefined);
    this.stateEmitter.fire();
  }

  /** The filter picker's entries for the current tree and script, prepared once. */
  filter(): PreparedFilter {
    const c = this.filterCache;
    if (c && c.tree === this.treeModel && c.script === this.scriptValue) return c.prepared;
    const prepared = prepareFilter(this.treeModel, this.scriptValue, this.fixed);
    this.filterCache = { tree: this.treeModel, script: this.scriptValue, prepared };
    return prepared;
  }

  /** Whether the view currently shows a node (the "uncovered only" filter may hide it). */
  isShown(node: TaxonomyNode): boolean {
    for (let n: TaxonomyNode | undefined = node; n; n = n.parent) {
      if (this.uncovered && this.rollupValue && !this.rollupValue.showsWhenUncoveredOnly(n)) return false;
    }
    return true;
  }

  private isDraft(doc: vscode.TextDocument): boolean {
    return doc.languageId === 'markdown' && !this.reports.isBound(doc.uri);
  }

  private otherVisibleDraft(except?: vscode.TextDocument): vscode.TextDocument | undefined {
    return vscode.window.visibleTextEditors.map((e) => e.document).find((d) => d !== except && !d.isClosed && this.isDraft(d));
  }

  /** The active editor decides the draft when it is Markdown; other editors (the report itself) keep the last draft. */
  private followEditor(editor: vscode.TextEditor | undefined): void {
    if (editor && this.isDraft(editor.document)) this.setDraft(editor.document);
    else if (!this.draftDoc || this.draftDoc.isClosed) this.setDraft(this.otherVisibleDraft());
  }

  private setDraft(doc: vscode.TextDocument | undefined): void {
    if (doc === this.draftDoc) return;
    this.draftDoc = doc;
    this.recountSoon.dispose();
    this.recount();
  }

  private inputs(): TaxonomyPackInput[] {
    return this.packs.packs.map((entry) => {
      const bound = this.reports.get(entry.pack.id);
      if (!bound) return { pack: entry.pack };
      return {
        pack: entry.pack,
        report: {
          text: bound.text,
          parsed: bound.parsed,
          sections: bound.binding.sections,
          matches: () => this.terms.reportMatches(bound),
        },
      };
    });
  }

  /** Builds the model again (packs, report or script changed) and refreshes the whole view; ids stay the same. */
  rebuild(): void {
    this.rebuildSoon.dispose();
    const t0 = Date.now();
    this.treeModel = new TaxonomyTree(this.inputs());
    this.scriptValue = this.terms.displayScript();
    for (const p of this.treeModel.problems) {
      const line = `Taxonomy (${p.packId}): ${p.message}`;
      if (this.logged.has(line)) continue;
      this.logged.add(line);
      this.log?.[p.severity === 'warning' ? 'warn' : 'info'](line);
    }
    this.rollupValue = this.draftDoc ? rollUp(this.treeModel, countCoverage(this.terms.matches(this.draftDoc))) : undefined;
    this.emitter.fire(undefined);
    this.stateEmitter.fire();
    // Index the report's passages now rather than on the first expansion, then prepare the
    // filter picker's entries (pinyin readings), so that both are ready when the user needs them.
    this.warmUp.schedule();
    this.log?.debug(`Taxonomy rebuilt in ${Date.now() - t0} ms.`);
  }

  /** Indexes the report's passages, then reads the filter entries' pinyin in small steps between other work. */
  private prepare(): void {
    const tree = this.treeModel;
    try {
      tree.prepare();
      const prepared = this.filter();
      const step = (): void => {
        this.warmTimer = undefined;
        if (tree !== this.treeModel || this.disposed) return;
        if (!warmFilter(prepared, WARM_STEP)) this.warmTimer = setTimeout(step, 0);
      };
      step();
    } catch (e) {
      this.log?.error(`Taxonomy: preparing the report's passages or the filter failed: ${String(e)}`);
    }
  }

  /** Counts the draft's terms again and refreshes the nodes whose counts changed. */
  recount(): void {
    this.recountSoon.dispose();
    const before = this.rollupValue;
    const doc = this.draftDoc;
    const after = doc && !doc.isClosed ? rollUp(this.treeModel, countCoverage(this.terms.matches(doc))) : undefined;
    this.rollupValue = after;
    const change = coverageChange(this.treeModel, before, after);
    if (this.uncovered && change.visibilityChanged) this.emitter.fire(undefined);
    else if (change.nodes.length) this.emitter.fire(change.nodes);
    this.stateEmitter.fire();
  }

  // ---- TreeDataProvider --------------------------------------------------------------------

  /** The current model's node with the same id (an element of an earlier build may still be in flight). */
  private current(node: TaxonomyNode): TaxonomyNode {
    return this.treeModel.get(node.id) ?? node;
  }

  getChildren(element?: TaxonomyNode): TaxonomyNode[] {
    return [...visibleChildren(this.treeModel, element && this.current(element), this.rollupValue, this.uncovered)];
  }

  getParent(element: TaxonomyNode): TaxonomyNode | undefined {
    return this.current(element).parent;
  }

  getTreeItem(element: TaxonomyNode): vscode.TreeItem {
    const node = this.current(element);
    const tree = this.treeModel;
    const script = this.scriptValue;
    const text = nodeText(tree, node, script, this.fixed);
    const label: vscode.TreeItemLabel = { label: text.label, highlights: text.highlights };
    let state = vscode.TreeItemCollapsibleState.None;
    if (node.kind === 'pack') state = vscode.TreeItemCollapsibleState.Expanded;
    else if (node.kind === 'outline' ||
      (node.kind !== 'passage' && tree.hasChildren(node))) state = vscode.TreeItemCollapsibleState.Collapsed;
    const item = new vscode.TreeItem(label, state);
    item.id = node.id;

    const coverage = this.rollupValue?.get(node);
    const description = text.description ?? '';
    item.description = coverage ? (description ? `${coverage.count}× — ${description}` : `${coverage.count}×`) : description || undefined;

    const covered = coverage ? coverage.count > 0 : undefined;
    const words: string[] = [node.kind];
    if (node.ref) words.push('ref');
    if (covered !== undefined) words.push(covered ? 'covered' : 'uncovered');
    const bound = this.reports.get(node.packId);
    if (bound) {
      if (node.kind === 'passage') words.push('bound');
      else if (node.kind === 'section' && bound.binding.sections.has(node.sectionId!)) words.push('bound');
      else if (node.kind === 'term' && tree.termPassages(node.packId, node.termId!).length > 0) words.push('bound');
    }
    item.contextValue = words.join(' ');

    if (covered === undefined) item.iconPath = new vscode.ThemeIcon(node.ref ? 'link' : node.other ? 'question' : KIND_ICON[node.kind]);
    else if (covered) item.iconPath = new vscode.ThemeIcon(
      node.kind === 'term' ? 'pass-filled' : KIND_ICON[node.kind],
      new vscode.ThemeColor('charts.green'),
    );
    else item.iconPath = new vscode.ThemeIcon(
      node.kind === 'term' ? 'circle-large-outline' : KIND_ICON[node.kind],
      new vscode.ThemeColor('list.warningForeground'),
    );

    item.tooltip = this.tooltip(node, text.tooltip);
    item.command = this.clickCommand(node);
    return item;
  }

  private coverageSentence(node: TaxonomyNode): string | undefined {
    const c = this.rollupValue?.get(node);
    const draft = this.draftDoc;
    if (!c || !draft) return undefined;
    const name = vscode.workspace.asRelativePath(draft.uri);
    if (node.kind === 'term') return c.count ? vscode.l10n.t(
      '{0} mentions this term {1} time(s).',
      name,
      c.count,
    ) : vscode.l10n.t('{0} does not mention this term.', name);
    return vscode.l10n.t('{0} mentions {1} of these {2} terms, {3} time(s) in all.', name, c.terms - c.uncovered, c.terms, c.count);
  }

  private tooltip(node: TaxonomyNode, plain: string | undefined): vscode.MarkdownString | string | undefined {
    const sentence = this.coverageSentence(node);
    if (node.kind === 'term') {
      const entry = this.packs.find(node.packId);
      const term = entry && this.treeModel.term(node.packId, node.termId!);
      if (entry && term) {
        const card = termCardMarkdown(entry, term, this.scriptValue, this.reports, { links: false });
        // The sentence is ours (a file name and numbers), escaped like any text.
        return safeMarkdown(sentence ? `${card}\n\n---\n\n${escapeMarkdown(sentence)}` : card);
      }
    }
    // Plain strings render as text: nothing in them is interpreted.
    const parts = [plain, sentence].filter((x): x is string => !!x);
    return parts.length ? parts.join('\n\n') : undefined;
  }

  private clickCommand(node: TaxonomyNode): vscode.Command | undefined {
    if (node.kind === 'term') {
      return {
        command: 'fintechLens.showDefinition',
        title: vscode.l10n.t('Show Definition'),
        arguments: [{ packId: node.packId, termId: node.termId }],
      };
    }
    if (node.kind === 'section') {
      return {
        command: 'fintechLens.openReportLocation',
        title: vscode.l10n.t('Open in Report'),
        arguments: [{ packId: node.packId, section: node.sectionId }],
      };
    }
    if (node.kind === 'passage') {
      const p = node.passage!;
      if (node.sectionId) {
        return {
          command: 'fintechLens.openReportLocation',
          title: vscode.l10n.t('Open in Report'),
          arguments: [{ packId: node.packId, section: node.sectionId, paragraph: p.ordinal }],
        };
      }
      const bound = this.reports.get(node.packId);
      if (bound) {
        return {
          command: 'vscode.open',
          title: vscode.l10n.t('Open in Report'),
          arguments: [bound.uri, { selection: toRange(bound.lines, p.range), preview: false }],
        };
      }
    }
    return undefined;
  }

  dispose(): void {
    this.disposed = true;
    if (this.warmTimer) clearTimeout(this.warmTimer);
    for (const d of this.disposables) d.dispose();
  }
}
