/**
 * The data a rendering of a draft needs (style, sources, localised words), read the way the
 * citation feature reads a document's bibliography. markdown-it renders synchronously, so the
 * bibliography is loaded ahead: a render whose data is not loaded yet gets the last data for
 * the same bibliography (or none: citations show as written), and a preview refresh follows
 * as soon as it is there. Bibliography, pack and setting changes refresh the preview too.
 */
import * as vscode from 'vscode';
import { termTooltips, type CiteDocument, type RenderData, type RenderSources, type RenderStyle, type RenderTerms } from '../core/render';
import type { Script } from '../core/pack/types';
import type { TermIndex } from '../core/terms';
import type { CitationDocument } from '../core/citations';
import { renderItems, renderSourcesOf, renderStyleOf } from '../core/render/sources';
import type { HostCitationService } from './citationService';
import { renderMessages } from './convert';
import type { PackRegistry } from './packs';
import type { TermService } from './terms';

interface Loaded {
  /** Bibliography entries first (the first file wins), then the packs' reports. */
  sources: RenderSources;
}

/** The render style from the front matter's `csl`/`citation-style`, else the settings. */
export function renderStyle(
  doc: Pick<CiteDocument, 'meta'> | undefined,
  citations: HostCitationService,
  target: CitationDocument,
): RenderStyle {
  const config = vscode.workspace.getConfiguration('fintechLens');
  return renderStyleOf(doc, citations.core.style(target), (key) => config.get(key));
}

export class RenderDataService implements vscode.Disposable {
  private readonly loaded = new Map<string, Loaded>();
  private readonly loading = new Map<string, Promise<Loaded>>();
  private readonly disposables: vscode.Disposable[] = [];
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;
  /** Bumped on every change, so that a load started before it is not kept. */
  private generation = 0;

  constructor(
    private readonly citations: HostCitationService,
    private readonly packs: PackRegistry,
    private readonly terms?: TermService,
  ) {
    this.disposables.push(
      citations.onDidChangeBibliography(() => this.invalidate()),
      packs.onDidChange(() => this.invalidate()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('fintechLens')) this.invalidate();
      }),
    );
  }

  private invalidate(): void {
    this.generation++;
    this.loading.clear();
    // The stale data stays until the new one is loaded, so that the preview does not flicker.
    for (const [key, target] of this.targets) void this.start(key, target).catch(() => undefined);
    this.scheduleRefresh();
  }

  private scheduleRefresh(): void {
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = undefined;
      void vscode.commands.executeCommand('markdown.preview.refresh').then(undefined, () => undefined);
    }, 50);
  }

  /**
   * The citation document of a render: the document's URI, or for text without one an
   * untitled name (its bibliography paths are then read from the workspace folder).
   */
  private target(uri: vscode.Uri | undefined, text: string): CitationDocument {
    if (uri && uri.scheme !== 'untitled') return { uri: uri.toString(), text };
    return { uri: (uri ?? vscode.Uri.parse('untitled:Draft')).toString(), text, untitled: true };
  }

  /** Texts with the same folder and the same bibliography paths share their sources. */
  private cacheKey(target: CitationDocument, paths: string[]): string {
    const folder = target.untitled ? '' : target.uri.replace(/[^/]*$/, '');
    return JSON.stringify([folder, paths.length ? '' : target.uri, ...paths]);
  }

  /** Loads (or reloads) the sources of a cache key. */
  private start(key: string, target: CitationDocument): Promise<Loaded> {
    const pending = this.loading.get(key);
    if (pending) return pending;
    const generation = this.generation;
    const promise = this.load(target).then(
      (value) => {
        if (generation === this.generation || !this.loaded.has(key)) {
          this.loaded.set(key, value);
          this.targets.set(key, target);
          this.scheduleRefresh();
        }
        this.loading.delete(key);
        return value;
      },
      (e: unknown) => {
        this.loading.delete(key);
        throw e;
      },
    );
    this.loading.set(key, promise);
    return promise;
  }

  /** The last text each cache key was loaded for, to load it again after a change. */
  private readonly targets = new Map<string, CitationDocument>();

  private async load(target: CitationDocument): Promise<Loaded> {
    const core = this.citations.core;
    const bib = await core.bibliography(target);
    const items = renderItems(bib, this.packs.packs.map((e) => e.pack), (p, b) => core.packKey(p, b));
    return { sources: renderSourcesOf(items) };
  }

  /** The sources of a text, loaded: for commands, which can wait. */
  async dataFor(uri: vscode.Uri | undefined, doc: CiteDocument, text: string): Promise<RenderData> {
    const target = this.target(uri, text);
    const key = this.cacheKey(target, doc.meta.bibliography);
    const loaded = this.loading.get(key) ? await this.loading.get(key)! : (this.loaded.get(key) ?? (await this.start(key, target)));
    return this.toData(loaded, doc, target);
  }

  /** The data for a render, now: undefined while the bibliography has never been loaded. */
  dataNow(uri: vscode.Uri | undefined, doc: CiteDocument, text: string): RenderData | undefined {
    const target = this.target(uri, text);
    const key = this.cacheKey(target, doc.meta.bibliography);
    const loaded = this.loaded.get(key);
    if (!loaded) {
      void this.start(key, target).catch(() => undefined);
      return undefined;
    }
    return this.toData(loaded, doc, target);
  }

  /** Whether glossary terms in the preview carry their short definition as a tooltip. */
  tooltipsEnabled(): boolean {
    return !!this.terms && vscode.workspace.getConfiguration('fintechLens').get<boolean>('preview.glossaryTooltips', false);
  }

  private readonly termCache = new WeakMap<TermIndex, Map<Script, RenderTerms>>();

  /** The term index and tooltips for a render of `text` (in the draft's script), or undefined when off. */
  termsNow(text: string): RenderTerms | undefined {
    if (!this.terms || !this.tooltipsEnabled()) return undefined;
    const index = this.terms.index;
    const script = this.terms.scriptOf(text);
    let byScript = this.termCache.get(index);
    if (!byScript) this.termCache.set(index, (byScript = new Map()));
    let t = byScript.get(script);
    if (!t) byScript.set(script, (t = termTooltips(index, script)));
    return t;
  }

  private readonly dataCache = new WeakMap<Loaded, Map<string, RenderData>>();

  private toData(loaded: Loaded, doc: CiteDocument, target: CitationDocument): RenderData {
    const style = renderStyle(doc, this.citations, target);
    const id = `${style.style}|${style.system}|${style.numbers}`;
    let byStyle = this.dataCache.get(loaded);
    if (!byStyle) this.dataCache.set(loaded, (byStyle = new Map()));
    let data = byStyle.get(id);
    if (!data) {
      data = {
        style,
        sources: loaded.sources,
        unknownKeyMessage: renderMessages().unknownKey,
      };
      byStyle.set(id, data);
    }
    return data;
  }

  dispose(): void {
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    for (const d of this.disposables) d.dispose();
  }
}
