/**
 * Drag and drop from the Taxonomy view into a Markdown editor: a section or passage drops a
 * citation, a term drops its preferred form in the draft's script. The tree puts the dragged
 * node ids under its own MIME type; a DocumentDropEditProvider for Markdown turns them into text.
 */
import * as vscode from 'vscode';
import type { TaxonomyNode, TaxonomyTree } from '../../core/taxonomy';
import type { CitationArgs } from '../../core/citations';
import { CITATION_DROP_KIND } from '../../host/citationService';
import { citationArgs, termInsertText } from './actions';
import type { TaxonomyProvider } from './provider';

/** The tree's MIME type: `application/vnd.code.tree.<view id in lower case>`. */
export const TREE_MIME = 'application/vnd.code.tree.fintechlens.taxonomy';

interface Payload {
  fintechLens?: number;
  nodes?: unknown;
  /** What the workbench itself puts under the tree's MIME type when no extension data is there. */
  itemHandles?: unknown;
}

/** The nodes named by a data transfer, in either the tree's own payload or the workbench's handles. */
export async function nodesFromTransfer(tree: TaxonomyTree, dataTransfer: vscode.DataTransfer): Promise<TaxonomyNode[]> {
  const item = dataTransfer.get(TREE_MIME);
  if (!item) return [];
  let payload: Payload | undefined;
  const value: unknown = item.value;
  try {
    if (value && typeof value === 'object' && !Array.isArray(value)) payload = value as Payload;
    else payload = JSON.parse(await item.asString()) as Payload;
  } catch {
    return [];
  }
  const ids = Array.isArray(payload?.nodes) ? payload.nodes : Array.isArray(payload?.itemHandles) ? payload.itemHandles : [];
  const out: TaxonomyNode[] = [];
  for (const raw of ids) {
    if (typeof raw !== 'string') continue;
    // Handles of items with an id look like `<prefix>/<id>`.
    const node = tree.get(raw) ?? tree.get(raw.replace(/^\d+\//, ''));
    if (node) out.push(node);
  }
  return out;
}

export class TaxonomyDragAndDrop implements vscode.TreeDragAndDropController<TaxonomyNode> {
  readonly dropMimeTypes: readonly string[] = [];
  readonly dragMimeTypes: readonly string[] = [TREE_MIME];

  handleDrag(source: readonly TaxonomyNode[], dataTransfer: vscode.DataTransfer): void {
    dataTransfer.set(TREE_MIME, new vscode.DataTransferItem(JSON.stringify({ fintechLens: 1, nodes: source.map((n) => n.id) })));
  }
}

export type CitationDropEdit = (
  document: vscode.TextDocument,
  position: vscode.Position,
  args: CitationArgs,
) => Promise<vscode.DocumentDropEdit | undefined>;

export class TaxonomyDropProvider implements vscode.DocumentDropEditProvider {
  static readonly citationKind = CITATION_DROP_KIND;
  static readonly termKind = vscode.DocumentDropOrPasteEditKind.Empty.append('fintechLens', 'term');

  /** `citationDropEdit` is the citation service's drop edit (the same changes as Insert Citation). */
  constructor(private readonly provider: TaxonomyProvider, private readonly citationDropEdit: CitationDropEdit) {}

  async provideDocumentDropEdits(
    document: vscode.TextDocument,
    position: vscode.Position,
    dataTransfer: vscode.DataTransfer,
    token: vscode.CancellationToken,
  ): Promise<vscode.DocumentDropEdit | undefined> {
    const nodes = await nodesFromTransfer(this.provider.tree, dataTransfer);
    if (token.isCancellationRequested || nodes.length === 0) return undefined;
    return this.dropEdit(document, position, nodes);
  }

  /** The edit for dropping `nodes` at `position` (the first node that can be inserted wins). */
  async dropEdit(
    document: vscode.TextDocument,
    position: vscode.Position,
    nodes: readonly TaxonomyNode[],
  ): Promise<vscode.DocumentDropEdit | undefined> {
    for (const node of nodes) {
      const args = citationArgs(node);
      if (args) {
        const edit = await this.citationDropEdit(document, position, args);
        if (edit) return edit;
        continue;
      }
      const text = termInsertText(this.provider, node, document);
      if (text) return new vscode.DocumentDropEdit(text, vscode.l10n.t('Insert Term'), TaxonomyDropProvider.termKind);
    }
    return undefined;
  }
}

export function registerTaxonomyDrop(drop: TaxonomyDropProvider): vscode.Disposable {
  return vscode.languages.registerDocumentDropEditProvider({ language: 'markdown' }, drop, {
    dropMimeTypes: [TREE_MIME],
    providedDropEditKinds: [TaxonomyDropProvider.citationKind, TaxonomyDropProvider.termKind],
  });
}
