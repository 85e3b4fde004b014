/**
 * Bibliography files on the VS Code side: read through their open editor or `workspace.fs`
 * (kept until the file's mtime or size changes), and watched, so that listeners hear when a
 * file some document uses changes on disk or in an editor, or the setting naming it changes.
 */
import * as vscode from 'vscode';
import type { BibliographyRead } from '../core/citations';

/** The open document of a URI (as a string), if any. */
export const openDocument = (uri: string): vscode.TextDocument | undefined => vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri);

function errorText(e: unknown): string {
  if (e instanceof vscode.FileSystemError) return e.code ? `${e.code}` : e.message;
  return e instanceof Error ? e.message : String(e);
}

export class BibliographyFiles implements vscode.Disposable {
  private readonly files = new Map<string, { stamp: string; text: string }>();
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChange = this.emitter.event;
  /** Every file read (also missing ones, to see them appear). */
  private readonly known = new Set<string>();
  private readonly disposables: vscode.Disposable[] = [this.emitter];

  constructor() {
    const watcher = vscode.workspace.createFileSystemWatcher('**/*.{bib,bibtex,json,yaml,yml}');
    const onFile = (uri: vscode.Uri): void => {
      if (!this.known.has(uri.toString())) return;
      this.files.delete(uri.toString());
      this.emitter.fire();
    };
    this.disposables.push(
      watcher,
      watcher.onDidChange(onFile),
      watcher.onDidCreate(onFile),
      watcher.onDidDelete(onFile),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length && this.known.has(e.document.uri.toString())) this.emitter.fire();
      }),
      vscode.workspace.onDidCloseTextDocument((d) => {
        if (!this.known.has(d.uri.toString())) return;
        this.files.delete(d.uri.toString());
        this.emitter.fire();
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('fintechLens.bibliography')) this.emitter.fire();
      }),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.emitter.fire()),
    );
  }

  async read(file: string): Promise<BibliographyRead> {
    this.known.add(file);
    const open = openDocument(file);
    if (open) return { kind: 'text', text: open.getText() };
    const uri = vscode.Uri.parse(file);
    let stat: vscode.FileStat;
    try {
      stat = await vscode.workspace.fs.stat(uri);
    } catch (e) {
      if (e instanceof vscode.FileSystemError && e.code === 'FileNotFound') return { kind: 'missing' };
      return { kind: 'unreadable', reason: { kind: 'error', detail: errorText(e) } };
    }
    if (stat.type & vscode.FileType.Directory) return { kind: 'unreadable', reason: { kind: 'folder' } };
    const stamp = `${stat.mtime}:${stat.size}`;
    const hit = this.files.get(file);
    if (hit?.stamp === stamp) return { kind: 'text', text: hit.text };
    try {
      const text = new TextDecoder('utf-8', { fatal: true }).decode(await vscode.workspace.fs.readFile(uri));
      this.files.set(file, { stamp, text });
      return { kind: 'text', text };
    } catch (e) {
      return { kind: 'unreadable', reason: e instanceof TypeError ? { kind: 'not-utf8' } : { kind: 'error', detail: errorText(e) } };
    }
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
