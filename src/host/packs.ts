/**
 * Loads the built-in pack and the workspace's packs, validates them, publishes their
 * problems as diagnostics in the pack files, and tells listeners when the set changes.
 * A broken pack never stops the others (nor the built-in one) from working.
 */
import * as vscode from 'vscode';
import { loadPack } from '../core/pack/load';
import type { ReportPack } from '../core/pack/types';
import { duplicatePackProblem, packLoadFailedProblem, untrustedPackProblem } from '../core/pack/select';
import type { Problem } from '../core/text/types';
import { LineIndex } from '../core/text/lines';
import { BUILTIN_PACK_PATH } from '../core/settings';
import { toDiagnostic } from './convert';
import { debounce } from './debounce';
import { readText } from './files';

export interface PackEntry {
  pack: ReportPack;
  uri: vscode.Uri;
  builtin: boolean;
  /** The pack file's text, for positions (diagnostics, Go to Definition). */
  text: string;
}

export { BUILTIN_PACK_PATH };

export class PackRegistry implements vscode.Disposable {
  private entries: PackEntry[] = [];
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChange = this.emitter.event;
  readonly diagnostics = vscode.languages.createDiagnosticCollection('fintechLens.packs');
  private readonly disposables: vscode.Disposable[] = [this.emitter, this.diagnostics];
  private loading: Promise<void> | undefined;
  private readonly notified = new Set<string>();
  readonly scheduleReload = debounce(() => void this.reload(), 300);

  constructor(private readonly extensionUri: vscode.Uri, private readonly log: vscode.LogOutputChannel) {
    this.disposables.push(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('fintechLens.packs') || e.affectsConfiguration('fintechLens.builtinPack.enabled')) this.scheduleReload();
      }),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.scheduleReload()),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.scheduleReload()),
      vscode.workspace.onDidSaveTextDocument((d) => {
        if (this.isPackFile(d.uri)) this.scheduleReload();
      }),
      { dispose: () => this.scheduleReload.cancel() },
    );
    const watcher = vscode.workspace.createFileSystemWatcher('**/*.{json,jsonc}');
    const onFile = (uri: vscode.Uri): void => {
      if (this.isPackFile(uri)) this.scheduleReload();
    };
    watcher.onDidCreate(onFile);
    watcher.onDidChange(onFile);
    watcher.onDidDelete(onFile);
    this.disposables.push(watcher);
  }

  get packs(): readonly PackEntry[] {
    return this.entries;
  }

  get builtinUri(): vscode.Uri {
    return vscode.Uri.joinPath(this.extensionUri, ...BUILTIN_PACK_PATH);
  }

  find(packId: string): PackEntry | undefined {
    return this.entries.find((e) => e.pack.id === packId);
  }

  private isPackFile(uri: vscode.Uri): boolean {
    if (this.entries.some((e) => e.uri.toString() === uri.toString())) return true;
    const patterns = vscode.workspace.getConfiguration('fintechLens', uri).get<string[]>('packs', []);
    return patterns.some((p) => vscode.languages.match({ pattern: p }, { uri, languageId: 'json' } as vscode.TextDocument) > 0);
  }

  /** Loads every pack again; concurrent calls share one load. */
  reload(): Promise<void> {
    if (!this.loading) {
      this.loading = this.doReload()
        .catch((e) => this.log.error(`Reloading the packs failed: ${e instanceof Error && e.stack ? e.stack : String(e)}`))
        .finally(() => (this.loading = undefined));
    }
    return this.loading;
  }

  private async doReload(): Promise<void> {
    const next: PackEntry[] = [];
    this.diagnostics.clear();
    const config = vscode.workspace.getConfiguration('fintechLens');
    if (config.get<boolean>('builtinPack.enabled', true)) {
      const entry = await this.loadOne(this.builtinUri, true);
      if (entry) next.push(entry);
    }
    if (vscode.workspace.isTrusted) {
      for (const uri of await this.findWorkspacePacks()) {
        const entry = await this.loadOne(uri, false);
        if (!entry) continue;
        const clash = next.find((e) => e.pack.id === entry.pack.id);
        if (clash) {
          this.addDiagnostic(
            uri,
            entry.text,
            duplicatePackProblem(entry.pack.id, clash.builtin ? undefined : vscode.workspace.asRelativePath(clash.uri)),
          );
          continue;
        }
        next.push(entry);
      }
    } else {
      const ignored = await this.findWorkspacePacks();
      for (const uri of ignored) this.addDiagnostic(uri, '', untrustedPackProblem());
      const count = ignored.length ? ` (${ignored.length} workspace pack(s) ignored)` : '';
      this.log.info(`Workspace is not trusted: only the built-in pack is loaded${count}.`);
    }
    this.entries = next;
    this.log.info(`Packs loaded: ${next.map((e) => `${e.pack.id} (${e.pack.glossary.length} terms)`).join(', ') || 'none'}`);
    this.emitter.fire();
  }

  private async findWorkspacePacks(): Promise<vscode.Uri[]> {
    const seen = new Map<string, vscode.Uri>();
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      const patterns = vscode.workspace.getConfiguration('fintechLens', folder.uri).get<string[]>('packs', []);
      for (const p of Array.isArray(patterns) ? patterns : []) {
        try {
          const found = await vscode.workspace.findFiles(new vscode.RelativePattern(folder, p), '**/node_modules/**', 200);
          for (const uri of found) seen.set(uri.toString(), uri);
        } catch (e) {
          this.log.error(`Cannot search the workspace for packs matching ${JSON.stringify(p)}: ${String(e)}`);
        }
      }
    }
    return [...seen.values()].sort((a, b) => a.toString().localeCompare(b.toString()));
  }

  /**
   * Reads, validates and publishes one pack. Never rejects: whatever goes wrong with this pack
   * becomes a diagnostic, an output-channel line and a notification, and the others load on.
   */
  private async loadOne(uri: vscode.Uri, builtin: boolean): Promise<PackEntry | undefined> {
    try {
      return await this.readAndValidate(uri, builtin);
    } catch (e) {
      const detail = e instanceof Error ? e.message : String(e);
      this.log.error(`Pack ${uri.toString()} failed to load: ${e instanceof Error && e.stack ? e.stack : detail}`);
      this.addDiagnostic(uri, '', packLoadFailedProblem(detail));
      this.notifyNotLoaded(uri, builtin);
      return undefined;
    }
  }

  private async readAndValidate(uri: vscode.Uri, builtin: boolean): Promise<PackEntry | undefined> {
    let text: string;
    try {
      text = await readText(uri);
    } catch (e) {
      this.log.error(`Cannot read pack ${uri.toString()}: ${String(e)}`);
      this.notify(uri, vscode.l10n.t('Fintech Lens could not read the pack {0}: {1}', vscode.workspace.asRelativePath(uri), String(e)));
      return undefined;
    }
    const { pack, problems } = loadPack(text);
    if (problems.length) {
      const lines = new LineIndex(text);
      this.diagnostics.set(uri, problems.map((p) => toDiagnostic(lines, p)));
      this.log.warn(`${uri.toString()}: ${problems.length} problem(s) in the pack`);
    }
    if (!pack) {
      this.notifyNotLoaded(uri, builtin);
      return undefined;
    }
    return { pack, uri, builtin, text };
  }

  private notifyNotLoaded(uri: vscode.Uri, builtin: boolean): void {
    const name = builtin ? vscode.l10n.t('built-in') : vscode.workspace.asRelativePath(uri);
    this.notify(uri, vscode.l10n.t('The pack {0} has errors and was not loaded. The other packs keep working.', name));
  }

  private addDiagnostic(uri: vscode.Uri, text: string, problem: Problem): void {
    this.diagnostics.set(uri, [...(this.diagnostics.get(uri) ?? []), toDiagnostic(new LineIndex(text), problem)]);
  }

  /** Adds a problem found later (e.g. by the term engine) to a loaded pack's diagnostics. */
  addProblem(entry: PackEntry, problem: Problem): void {
    this.addDiagnostic(entry.uri, entry.text, problem);
  }

  private notify(uri: vscode.Uri, message: string): void {
    const key = uri.toString() + message;
    if (this.notified.has(key)) return;
    this.notified.add(key);
    const show = vscode.l10n.t('Show Problems');
    void vscode.window.showWarningMessage(message, show).then((c) => {
      if (c === show) void vscode.commands.executeCommand('workbench.actions.view.problems');
    });
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
