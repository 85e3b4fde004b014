/**
 * Finds, for each pack, the report file in the workspace (Markdown or plain text, either
 * script) and binds the pack's outline to it by section title. Parsing happens in a
 * worker; re-binding follows edits to the report and changes on disk.
 */
import * as vscode from 'vscode';
import type { Binding } from '../core/pack/bind';
import type { ParsedReport } from '../core/report';
import { LineIndex } from '../core/text/lines';
import type { PackRegistry } from './packs';
import type { ReportParser } from './parser';
import { debounce } from './debounce';
import { LatestRun } from './latest';
import { fileSize, readText } from './files';

export interface BoundReport {
  packId: string;
  uri: vscode.Uri;
  text: string;
  lines: LineIndex;
  parsed: ParsedReport;
  binding: Binding;
}

/** Reports larger than this are not considered (and the user is told why). */
export const MAX_REPORT_BYTES = 20 * 1024 * 1024;
const MIN_SCORE = 0.5;
const EXCLUDE = '**/{node_modules,.git,dist,out,.vscode-test}/**';

export class ReportService implements vscode.Disposable {
  private bound = new Map<string, BoundReport>();
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChange = this.emitter.event;
  private readonly disposables: vscode.Disposable[] = [this.emitter];
  /** Binding runs one at a time; a newer request cancels the parse under way and binds again. */
  private readonly run = new LatestRun(
    (check) => this.doRefresh(check),
    () => this.parser.cancel(),
    (e) => this.log.error(`Binding reports failed: ${String(e)}`),
  );
  readonly scheduleRefresh = debounce(() => void this.refresh(), 500);

  constructor(private readonly packs: PackRegistry, private readonly parser: ReportParser, private readonly log: vscode.LogOutputChannel) {
    const isCandidate = (uri: vscode.Uri): boolean => /\.(md|markdown|txt|text)$/i.test(uri.path);
    const watcher = vscode.workspace.createFileSystemWatcher('**/*.{md,markdown,txt,text}');
    watcher.onDidCreate(() => this.scheduleRefresh());
    watcher.onDidDelete(() => this.scheduleRefresh());
    watcher.onDidChange((uri) => {
      if (this.isBound(uri)) this.scheduleRefresh();
    });
    this.disposables.push(
      watcher,
      packs.onDidChange(() => void this.refresh()),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length && this.isBound(e.document.uri)) this.scheduleRefresh();
      }),
      vscode.workspace.onDidOpenTextDocument((d) => {
        if (isCandidate(d.uri) && !this.isBound(d.uri) && [...this.packs.packs].some((p) => !this.bound.has(p.pack.id))) this.scheduleRefresh();
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('fintechLens.reportFiles')) this.scheduleRefresh();
      }),
      { dispose: () => this.scheduleRefresh.cancel() },
    );
  }

  get(packId: string): BoundReport | undefined {
    return this.bound.get(packId);
  }

  all(): BoundReport[] {
    return [...this.bound.values()];
  }

  isBound(uri: vscode.Uri): boolean {
    const key = uri.toString();
    return [...this.bound.values()].some((b) => b.uri.toString() === key);
  }

  /**
   * Finds and binds report files again. A call during a refresh supersedes it: the parse under way is cancelled
   * (its worker stopped), nothing of the stale run is kept, and one more refresh follows.
   */
  refresh(): Promise<void> {
    return this.run.request();
  }

  private async candidates(): Promise<vscode.Uri[]> {
    const seen = new Map<string, vscode.Uri>();
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      const patterns = vscode.workspace.getConfiguration('fintechLens', folder.uri).get<string[]>('reportFiles', ['**/*.{md,markdown,txt}']);
      for (const p of patterns) {
        for (const uri of await vscode.workspace.findFiles(new vscode.RelativePattern(folder, p), EXCLUDE, 500)) seen.set(uri.toString(), uri);
      }
    }
    for (const d of vscode.workspace.textDocuments) {
      if (d.uri.scheme === 'untitled' || /\.(md|markdown|txt|text)$/i.test(d.uri.path)) seen.set(d.uri.toString(), d.uri);
    }
    return [...seen.values()];
  }

  /** `check` throws once a newer refresh was requested, after each step that waited. */
  private async doRefresh(check: () => void): Promise<void> {
    const packs = this.packs.packs.map((e) => ({ packId: e.pack.id, outline: e.pack.outline }));
    const next = new Map<string, BoundReport>();
    if (packs.length) {
      const candidates = await this.candidates();
      check();
      for (const uri of candidates) {
        const size = await fileSize(uri);
        check();
        if (size !== undefined && size > MAX_REPORT_BYTES) {
          this.log.warn(`Skipping ${uri.toString()}: ${(size / 1e6).toFixed(1)} MB is over the ${MAX_REPORT_BYTES / 1024 / 1024} MiB limit for report files.`);
          continue;
        }
        let text: string;
        try {
          text = await readText(uri);
        } catch (e) {
          this.log.warn(`Cannot read ${uri.toString()}: ${String(e)}`);
          continue;
        }
        check();
        const result = await this.parser.analyze({ text, fileName: uri.path, packs });
        check();
        if (!result.parsed) continue;
        let lines: LineIndex | undefined;
        for (const b of result.bindings) {
          const prev = next.get(b.packId);
          if (b.score < MIN_SCORE || (prev && b.score <= prev.binding.score)) continue;
          lines ??= new LineIndex(text);
          const binding: Binding = { sections: new Map(b.sections), score: b.score, unmatched: b.unmatched };
          next.set(b.packId, { packId: b.packId, uri, text, lines, parsed: result.parsed, binding });
        }
      }
    }
    this.bound = next;
    for (const b of next.values()) {
      this.log.info(`Pack ${b.packId} bound to ${vscode.workspace.asRelativePath(b.uri)} (${Math.round(b.binding.score * 100)}% of sections matched).`);
    }
    await vscode.commands.executeCommand('setContext', 'fintechLens.reportBound', next.size > 0);
    this.emitter.fire();
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
