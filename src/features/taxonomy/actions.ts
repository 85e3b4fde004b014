/**
 * What the Taxonomy view inserts into a draft: a citation for a section or passage, the
 * term's preferred form in the draft's script for a term. Shared by the context menu and
 * drag and drop.
 */
import * as vscode from 'vscode';
import { preferredForm } from '../../core/glossary/card';
import type { CitationArgs } from '../../core/citations';
import type { TaxonomyNode } from '../../core/taxonomy';
import type { TaxonomyProvider } from './provider';

/** The citation a section or passage node stands for; undefined for other nodes. */
export function citationArgs(node: TaxonomyNode): CitationArgs | undefined {
  if (node.kind === 'section') return { source: node.packId, locator: { section: node.sectionId } };
  if (node.kind === 'passage') {
    if (!node.sectionId) return { source: node.packId };
    return { source: node.packId, locator: { section: node.sectionId, paragraph: node.passage!.ordinal } };
  }
  return undefined;
}

/** The preferred form of a term node's term in the script the draft is written in. */
export function termInsertText(provider: TaxonomyProvider, node: TaxonomyNode, doc: vscode.TextDocument | undefined): string | undefined {
  if (node.kind !== 'term') return undefined;
  const term = provider.tree.term(node.packId, node.termId!);
  if (!term) return undefined;
  const script = doc ? provider.terms.draftScript(doc) : provider.script;
  return preferredForm(term, script);
}

/** The Markdown editor to insert into: the active one, else the one showing the tracked draft. */
export function targetEditor(provider: TaxonomyProvider): vscode.TextEditor | undefined {
  const active = vscode.window.activeTextEditor;
  if (active && active.document.languageId === 'markdown') return active;
  const draft = provider.draft;
  return draft ? vscode.window.visibleTextEditors.find((e) => e.document === draft) : undefined;
}

/** Replaces every selection of an editor with `text`. */
export async function insertAtSelections(editor: vscode.TextEditor, text: string): Promise<boolean> {
  return editor.edit((b) => {
    for (const sel of editor.selections) b.replace(sel, text);
  });
}
