/**
 * The draft a command works on, with its citations read and its sources loaded: the Markdown
 * editor the command names or the active one, planned against one version of its text.
 */
import * as vscode from 'vscode';
import { CitationProcessor, exportFileName, htmlLangOf, readCiteDocument, type EXPORT_SUFFIX, type CiteDocument, type RenderData } from '../../core/render';
import { exists } from '../../host/files';
import type { RenderDataService } from '../../host/renderData';

export interface LoadedDraft {
  document: vscode.TextDocument;
  text: string;
  version: number;
  doc: CiteDocument;
  data: RenderData;
  processor: CitationProcessor;
}

/** The Markdown document a command is about: a URI argument's, else the active or a visible Markdown editor's. */
export function draftDocument(arg: unknown): vscode.TextDocument | undefined {
  const uri = arg instanceof vscode.Uri ? arg : arg && typeof arg === 'object' && (arg as { uri?: unknown }).uri instanceof vscode.Uri ? ((arg as { uri: vscode.Uri }).uri) : undefined;
  if (uri) return vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  const active = vscode.window.activeTextEditor;
  if (active?.document.languageId === 'markdown') return active.document;
  return vscode.window.visibleTextEditors.find((e) => e.document.languageId === 'markdown')?.document;
}

/** Reads the draft and loads its sources; reads again when the text changed while they loaded. */
export async function loadDraft(document: vscode.TextDocument, data: RenderDataService): Promise<LoadedDraft> {
  for (let attempt = 0; ; attempt++) {
    const version = document.version;
    const text = document.getText();
    const doc = readCiteDocument(text);
    const d = await data.dataFor(document.uri, doc, text);
    if (document.version === version || attempt >= 4) {
      return { document, text, version, doc, data: d, processor: new CitationProcessor(doc, d.style, d.sources) };
    }
  }
}

/** The HTML `lang` of a draft. */
export function htmlLang(d: LoadedDraft): string {
  return htmlLangOf(d.doc, d.text);
}


/** A sibling of the draft: `note.md` → `note.rendered.md`, `note.html`. */
export function siblingUri(document: vscode.TextDocument, format: keyof typeof EXPORT_SUFFIX): vscode.Uri {
  const folder = document.uri.scheme === 'untitled' ? vscode.workspace.workspaceFolders?.[0]?.uri : vscode.Uri.joinPath(document.uri, '..');
  const name = exportFileName(document.uri.path.split('/').pop() ?? 'draft', format);
  return folder ? vscode.Uri.joinPath(folder, name) : vscode.Uri.parse(`untitled:${name}`);
}

export interface TargetArgs {
  /** Where to write (no dialog). */
  target?: vscode.Uri;
  /** For a `target` that exists: true replaces it, false leaves it (and writes nothing); unset asks. */
  overwrite?: boolean;
}

/**
 * Where to write a new file: the argument's target, else a save dialog (which itself asks before
 * replacing a file). An existing target named by the argument is replaced only when `overwrite`
 * says so or the user agrees. Undefined: nothing is to be written.
 */
export async function chooseTarget(args: TargetArgs, suggested: vscode.Uri, filters: Record<string, string[]>): Promise<vscode.Uri | undefined> {
  if (!args.target) return vscode.window.showSaveDialog({ defaultUri: suggested, filters });
  if (!(await exists(args.target))) return args.target;
  if (args.overwrite === true) return args.target;
  if (args.overwrite === false) return undefined;
  const replace = vscode.l10n.t('Replace');
  const answer = await vscode.window.showWarningMessage(vscode.l10n.t('{0} already exists. Replace it?', vscode.workspace.asRelativePath(args.target)), { modal: true }, replace);
  return answer === replace ? args.target : undefined;
}
