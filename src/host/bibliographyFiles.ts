/**
 * Bibliography files on the VS Code side: read through their open editor or `workspace.fs`
 * (kept until the file's mtime or size changes), and watched, so that listeners hear when a
 * file some document uses changes on disk or in an editor, or the setting naming it changes.
 *
 * A file our edit changes while no editor shows it is saved once it holds what the edit wrote:
 * otherwise it would stay an invisible dirty model, and Pandoc would read the old file.
 */
import * as vscode from 'vscode';
import type { BibliographyRead } from '../core/citations';

/** The open document of a URI (as a string), if any. */
export const openDocument = (uri: string): vscode.TextDocument | undefined =>
  vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri);

/** Whether an editor tab shows the file. */
function isShown(file: string): boolean {
  return vscode.window.tabGroups.all.some((g) => g.tabs.some((t) => t.input instanceof vscode.TabInputText &&
    t.input.uri.toString() === file));
}

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
  /** Files an edit of ours is about to change (while no editor shows them) → their text after it. */
  private readonly toSave = new Map<string, string>();
  private readonly saving = new Map<string, Promise<void>>();

  constructor(private readonly log?: vscode.LogOutputChannel) {
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
        // Also on the event without changes that tells the document became dirty.
        if (this.toSave.has(e.document.uri.toString())) void this.saveIfWritten(e.document, false);
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

  /**
   * Our edit will make `file` read `text`: once it does, the file is saved, unless an editor tab
   * shows it (the analyst sees it is modified) or it had unsaved changes of the analyst's before.
   */
  expectWrite(file: string, text: string): void {
    if (openDocument(file)?.isDirty || isShown(file)) this.toSave.delete(file);
    else this.toSave.set(file, text);
  }

  /** Saves the files of `files` that now hold what our edit wrote, and waits for saves under way (after a command's edit). */
  async saveWritten(files: readonly string[]): Promise<void> {
    for (const file of files) {
      const doc = openDocument(file);
      if (doc) void this.saveIfWritten(doc, true);
      await this.saving.get(file);
    }
  }

  /** Saves `doc` when it holds what our edit wrote and is dirty; `last`: the edit is applied, stop waiting. */
  private saveIfWritten(doc: vscode.TextDocument, last: boolean): Promise<void> {
    const key = doc.uri.toString();
    const want = this.toSave.get(key);
    if (want === undefined || doc.getText() !== want) return Promise.resolve();
    // The text changes before the document is marked dirty: wait for that.
    if (!doc.isDirty && !last) return Promise.resolve();
    this.toSave.delete(key);
    if (!doc.isDirty || isShown(key)) return Promise.resolve();
    const saving = Promise.resolve(doc.save()).then(
      (ok) => {
        if (!ok) this.log?.warn(`Could not save the bibliography ${key}`);
      },
      (e: unknown) => this.log?.warn(`Could not save the bibliography ${key}: ${String(e)}`),
    );
    const done = saving.finally(() => {
      if (this.saving.get(key) === done) this.saving.delete(key);
    });
    this.saving.set(key, done);
    return done;
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
