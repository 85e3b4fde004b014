/**
 * Finds, for each pack, the report file in the workspace (Markdown or plain text, either
 * script) and binds the pack's outline to it by section title. Parsing happens in a
 * worker; re-binding follows edits to the report and changes on disk.
 */
import * as vscode from 'vscode';
import { bindOutline, normalizeTitle, type Binding } from '../core/pack/bind';
import type { OutlineSection, ReportPack } from '../core/pack/types';
import type { ParsedReport } from '../core/report';
import { foldText } from '../core/script/fold';
import { LineIndex } from '../core/text/lines';
import type { PackRegistry } from './packs';
import type { ReportParser } from './parser';
import { debounce, fileSize, readText } from './util';

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

function titled(outline: OutlineSection[], out: string[] = []): string[] {
  for (const s of outline) {
    const n = normalizeTitle(s.title);
    if (n.length >= 4 && s.id !== 'intro' && s.id !== 'conclusion') out.push(n.slice(0, 4));
    if (s.children) titled(s.children, out);
  }
  return out;
}

export class ReportService implements vscode.Disposable {
  private bound = new Map<string, BoundReport>();
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChange = this.emitter.event;
  private readonly disposables: vscode.Disposable[] = [this.emitter];
  private running: Promise<void> | undefined;
  private again = false;
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

  /** Finds and binds report files again; a call during a refresh queues one more. */
  refresh(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        try {
          await this.doRefresh();
        } catch (e) {
          this.log.error(`Binding reports failed: ${String(e)}`);
        }
      } while (this.again);
    })().finally(() => (this.running = undefined));
    return this.running;
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

  private async doRefresh(): Promise<void> {
    const packs = this.packs.packs.map((e) => e.pack);
    const next = new Map<string, BoundReport>();
    if (packs.length) {
      const keys = new Map<ReportPack, string[]>(packs.map((p) => [p, titled(p.outline)]));
      const parsedCache = new Map<string, { text: string; parsed: ParsedReport }>();
      for (const uri of await this.candidates()) {
        const size = await fileSize(uri);
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
        const folded = foldText(text.length > 4_000_000 ? text.slice(0, 4_000_000) : text).replace(/[\s\p{P}\p{S}]+/gu, '');
        for (const pack of packs) {
          const k = keys.get(pack)!;
          const hits = k.filter((t) => folded.includes(t)).length;
          if (!k.length || hits < Math.max(2, Math.ceil(k.length / 2))) continue;
          let entry = parsedCache.get(uri.toString());
          if (!entry) {
            entry = { text, parsed: await this.parser.parse(text, uri.path) };
            parsedCache.set(uri.toString(), entry);
          }
          const binding = bindOutline(pack, entry.parsed);
          const prev = next.get(pack.id);
          if (binding.score >= MIN_SCORE && (!prev || binding.score > prev.binding.score)) {
            next.set(pack.id, { packId: pack.id, uri, text: entry.text, lines: new LineIndex(entry.text), parsed: entry.parsed, binding });
          }
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
