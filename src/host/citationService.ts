/**
 * Citations on the host side: finds a document's bibliography files (front matter
 * `bibliography:` or the `fintechLens.bibliography` setting), reads them through
 * `vscode.workspace.fs` (or the open document) and keeps them parsed until they change;
 * lists citable sources (report packs and bibliography entries); turns a citation request
 * into one `WorkspaceEdit` (the document, the bibliography append or a new `references.json`),
 * so that one command is one undo step; and computes diagnostics, hovers and quick fixes.
 *
 * In an untrusted workspace the bibliography setting is not read, and nothing is written
 * but the document edit.
 */
import type { Problem, TextRange } from '../core/text/types';
import * as vscode from 'vscode';
import {
  BibliographyCache,
  bibliographyFormatOf,
  checkCitations,
  formatReference,
  frontMatterBibliography,
  makeCitationKey,
  planBibliographyAppend,
  planCitationInsertion,
  planFrontMatterBibliography,
  scanMarkdown,
  serializeBibliography,
  toPickItem,
  type BibliographyEntry,
  type BibliographyFormat,
  type CitablePickItem,
  type CitationSourceRef,
  type CitationStyle,
  type CitationSyntax,
  type CslItem,
  type LoadedBibliography,
  type Locator,
  type MarkdownScan,
} from '../core/citations';
import type { TextEdit } from '../core/text/types';
import type { OutlineSection } from '../core/pack/types';
import { foldText } from '../core/script/fold';
import { LineIndex } from '../core/text/lines';
import { DIAGNOSTIC_SOURCE, problemMessage, toRange, toSeverity } from './convert';
import type { PackEntry, PackRegistry } from './packs';
import type { ReportService } from './reports';
import type { TermService } from './terms';

/** The argument object of `fintechLens.insertCitation`; with it, no picker opens. */
export interface CitationArgs {
  /** Pack id, a pack's reference key, or a bibliography key; several for `[@a; @b]`. */
  source: string | string[];
  /**
   * Where in the source (for several sources: in the first one). `section` is an outline
   * section id for a pack (any text for a bibliography entry), `paragraph` the 1-based
   * passage ordinal in that section, `page` a page or page range.
   */
  locator?: { section?: string; paragraph?: number; page?: string };
  syntax?: CitationSyntax;
}

/** A source ready to cite: its key in the document's bibliography, its item and locator. */
export interface ResolvedSource {
  kind: 'pack' | 'bibliography';
  /** Pack id, or the bibliography key. */
  id: string;
  key: string;
  item: CslItem;
  pack?: PackEntry;
  locator?: Locator;
}

/** One bibliography file a document uses. */
export interface BibliographyFile {
  uri: vscode.Uri;
  /** As the front matter or the setting names it. */
  path: string;
  format?: BibliographyFormat;
  /** `missing`: no such file (it is created when an entry is added); `unreadable`: see `error`. */
  status: 'ok' | 'missing' | 'unreadable' | 'unsupported';
  error?: string;
  text?: string;
  loaded?: LoadedBibliography;
  /** The open document of the file, when there is one (edits go to it). */
  document?: vscode.TextDocument;
}

export interface DocumentBibliography {
  origin: 'front-matter' | 'setting' | 'none';
  /** The folder relative paths are resolved against (undefined: an untitled document without a workspace). */
  base: vscode.Uri | undefined;
  files: BibliographyFile[];
  /** Every key of every readable file, in lower case. */
  keys: Set<string>;
}

/** An error to show to the user; nothing was changed. */
export class CitationError extends Error {}

/** The edit that inserts a citation, and what the user should be told about it. */
export interface PlannedCitation {
  edit: vscode.WorkspaceEdit;
  /** Document edits (document offsets), also inside `edit`. */
  documentEdits: TextEdit[];
  /** Where each citation went, in document offsets before the edit. */
  citations: Array<{ at: number; text: string }>;
  /** Messages for the user (warnings and notes); the edit is still valid. */
  notes: string[];
  /** Edits to an existing bibliography file, also inside `edit`. */
  fileEdits: Array<{ uri: vscode.Uri; range: vscode.Range; newText: string }>;
  /** A bibliography file the edit creates, with its contents. */
  create?: { uri: vscode.Uri; contents: Uint8Array };
  /** The document version the plan was made for; apply only to that version. */
  version: number;
}

function isAbsolutePath(p: string): boolean {
  return p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p) || p.startsWith('\\\\');
}

/** `file:`-style paths with backslashes become forward slashes for URIs. */
function slashes(p: string): string {
  return p.replace(/\\/g, '/');
}

/** Titles compared across scripts, widths, spacing and punctuation. */
function titleKey(title: unknown): string {
  return typeof title === 'string' ? foldText(title).replace(/[\s\p{P}\p{S}]+/gu, '').toLowerCase() : '';
}

function flattenOutline(outline: OutlineSection[], out: OutlineSection[] = []): OutlineSection[] {
  for (const s of outline) {
    out.push(s);
    if (s.children) flattenOutline(s.children, out);
  }
  return out;
}

/**
 * Reads a locator typed by the analyst: `29`, `p. 29`, `pp. 24-29`, `sec. 1.3`, `§ 2`,
 * `para. 3`, `第 29 页`, `第 1.3 节`, `第 3 段`. Anything else is a section. Empty: none.
 */
export function parseLocatorText(input: string): Locator | undefined {
  const s = input.trim();
  if (!s) return undefined;
  let m = /^(?:pp?\.?|pages?)\s*(.+)$/i.exec(s);
  if (m) return { label: 'page', value: m[1].trim() };
  m = /^第\s*(\d+(?:\s*[-–—~]\s*\d+)?)\s*[页頁]$/.exec(s);
  if (m) return { label: 'page', value: m[1].replace(/\s+/g, '') };
  if (/^\d+(?:\s*[-–—]+\s*\d+)?$/.test(s)) return { label: 'page', value: s.replace(/\s+/g, '') };
  m = /^(?:para(?:graph)?\.?|¶)\s*(.+)$/i.exec(s) ?? /^第\s*(\d+)\s*段$/.exec(s);
  if (m) return { label: 'paragraph', value: m[1].trim() };
  m = /^(?:sec(?:tion)?\.?|§)\s*(.+)$/i.exec(s) ?? /^第\s*(.+?)\s*[节節章]$/.exec(s);
  if (m) return { label: 'section', value: m[1].trim() };
  return { label: 'section', value: s };
}

/** The resolved citation style: the setting, or GB/T 7714-2025 for a Chinese display script and APA 7 for English. */
export function citationStyle(terms: TermService): CitationStyle {
  const s = vscode.workspace.getConfiguration('fintechLens').get<string>('citation.style', 'auto');
  if (s === 'gbt7714-2025' || s === 'gbt7714-2015' || s === 'apa7') return s;
  return terms.displayScript() === 'en' ? 'apa7' : 'gbt7714-2025';
}

export function citationSyntax(): CitationSyntax {
  const s = vscode.workspace.getConfiguration('fintechLens').get<string>('citation.syntax', 'pandoc');
  return s === 'footnote' || s === 'inline' ? s : 'pandoc';
}

interface FileCacheEntry {
  /** `v<version>` for open documents, `<mtime>:<size>` for files on disk. */
  stamp: string;
  text: string;
}

let current: CitationService | undefined;

/** The citation service of the running extension (undefined before activation). */
export function citationService(): CitationService | undefined {
  return current;
}

export class CitationService implements vscode.Disposable {
  private readonly parsed = new BibliographyCache();
  private readonly files = new Map<string, FileCacheEntry>();
  private readonly scans = new Map<string, { version: number; scan: MarkdownScan }>();
  private readonly emitter = new vscode.EventEmitter<void>();
  /** Fires when a bibliography file may have changed (on disk or in an editor), or the setting did. */
  readonly onDidChangeBibliography = this.emitter.event;
  /** Every bibliography file some document was found to use (also missing ones, to see them appear). */
  private readonly known = new Set<string>();
  private readonly disposables: vscode.Disposable[] = [this.emitter];

  constructor(
    readonly packs: PackRegistry,
    readonly reports: ReportService,
    readonly terms: TermService,
    readonly log?: vscode.LogOutputChannel,
  ) {
    const watcher = vscode.workspace.createFileSystemWatcher('**/*.{bib,bibtex,json,yaml,yml}');
    const onFile = (uri: vscode.Uri): void => {
      const key = uri.toString();
      if (!this.known.has(key)) return;
      this.files.delete(key);
      this.emitter.fire();
    };
    watcher.onDidChange(onFile);
    watcher.onDidCreate(onFile);
    watcher.onDidDelete(onFile);
    this.disposables.push(
      watcher,
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length && this.known.has(e.document.uri.toString())) this.emitter.fire();
      }),
      vscode.workspace.onDidCloseTextDocument((d) => {
        this.scans.delete(d.uri.toString());
        if (this.known.has(d.uri.toString())) {
          this.files.delete(d.uri.toString());
          this.emitter.fire();
        }
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('fintechLens.bibliography')) this.emitter.fire();
      }),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.emitter.fire()),
    );
    current = this; // eslint-disable-line @typescript-eslint/no-this-alias -- the module's one instance
  }

  // ---- documents -------------------------------------------------------------------------

  /** The citation scan of a document, cached per version. */
  scan(doc: vscode.TextDocument): MarkdownScan {
    const key = doc.uri.toString();
    const hit = this.scans.get(key);
    if (hit && hit.version === doc.version) return hit.scan;
    const scan = scanMarkdown(doc.getText());
    this.scans.set(key, { version: doc.version, scan });
    return scan;
  }

  /** The folder a document's relative bibliography paths start from. */
  baseFolder(doc: vscode.TextDocument): vscode.Uri | undefined {
    if (doc.uri.scheme === 'untitled') return vscode.workspace.workspaceFolders?.[0]?.uri;
    return vscode.Uri.joinPath(doc.uri, '..');
  }

  private resolvePath(base: vscode.Uri | undefined, p: string, like: vscode.Uri): vscode.Uri | undefined {
    if (isAbsolutePath(p)) {
      if (/^[A-Za-z]:[\\/]/.test(p) || like.scheme === 'file' || like.scheme === 'untitled') return vscode.Uri.file(p);
      return like.with({ path: slashes(p), query: '', fragment: '' });
    }
    return base ? vscode.Uri.joinPath(base, slashes(p)) : undefined;
  }

  /** The bibliography files a document uses: the front matter's, else the setting's (trusted workspaces only). */
  async bibliography(doc: vscode.TextDocument, text = doc.getText()): Promise<DocumentBibliography> {
    let origin: DocumentBibliography['origin'] = 'none';
    let base = this.baseFolder(doc);
    let paths = frontMatterBibliography(text, this.scanOf(doc, text));
    if (paths.length) origin = 'front-matter';
    else if (vscode.workspace.isTrusted) {
      const setting = (vscode.workspace.getConfiguration('fintechLens', doc.uri).get<string>('bibliography', '') ?? '').trim();
      if (setting) {
        origin = 'setting';
        const folder = vscode.workspace.getWorkspaceFolder(doc.uri) ?? vscode.workspace.workspaceFolders?.[0];
        base = folder?.uri ?? base;
        paths = [setting.replace(/^\$\{workspaceFolder\}[\\/]?/, '')];
      }
    }
    const files: BibliographyFile[] = [];
    const keys = new Set<string>();
    for (const p of paths) {
      const uri = this.resolvePath(base, p, doc.uri);
      if (!uri) {
        files.push({ uri: doc.uri, path: p, status: 'unreadable', error: vscode.l10n.t('an untitled document outside a workspace has no folder to find it in') });
        continue;
      }
      const file = await this.loadFile(uri, p);
      files.push(file);
      for (const k of file.loaded?.keys ?? []) keys.add(k);
    }
    return { origin, base, files, keys };
  }

  private scanOf(doc: vscode.TextDocument, text: string): MarkdownScan {
    return text === doc.getText() ? this.scan(doc) : scanMarkdown(text);
  }

  /** Reads and parses one bibliography file, from the open document when there is one. */
  async loadFile(uri: vscode.Uri, path = uri.path): Promise<BibliographyFile> {
    const key = uri.toString();
    this.known.add(key);
    const format = bibliographyFormatOf(uri.path);
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === key);
    if (!format) {
      return { uri, path, status: 'unsupported', document };
    }
    let text: string;
    if (document) {
      text = document.getText();
    } else {
      let stat: vscode.FileStat;
      try {
        stat = await vscode.workspace.fs.stat(uri);
      } catch (e) {
        if (e instanceof vscode.FileSystemError && e.code === 'FileNotFound') return { uri, path, format, status: 'missing' };
        return { uri, path, format, status: 'unreadable', error: errorText(e) };
      }
      if (stat.type & vscode.FileType.Directory) {
        return { uri, path, format, status: 'unreadable', error: vscode.l10n.t('it is a folder') };
      }
      const stamp = `${stat.mtime}:${stat.size}`;
      const hit = this.files.get(key);
      if (hit && hit.stamp === stamp) text = hit.text;
      else {
        try {
          const bytes = await vscode.workspace.fs.readFile(uri);
          text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
        } catch (e) {
          const error = e instanceof TypeError ? vscode.l10n.t('it is not UTF-8 text') : errorText(e);
          return { uri, path, format, status: 'unreadable', error };
        }
        this.files.set(key, { stamp, text });
      }
    }
    const loaded = this.parsed.load(key, text, format);
    return { uri, path, format, status: 'ok', text, loaded, document };
  }

  /** The entry of a key in the document's bibliography files (case-insensitive, the first file wins). */
  findEntry(bib: DocumentBibliography, key: string): { file: BibliographyFile; entry: BibliographyEntry } | undefined {
    const k = key.toLowerCase();
    for (const file of bib.files) {
      if (!file.loaded?.keys.has(k)) continue;
      const entry = file.loaded.entries.find((e) => e.key.toLowerCase() === k);
      if (entry) return { file, entry };
    }
    return undefined;
  }

  // ---- sources ---------------------------------------------------------------------------

  /** The key a pack's report has in this bibliography: the entry of the same work, its own id, or a fresh key. */
  packKey(entry: PackEntry, bib: DocumentBibliography): string {
    const ref = entry.pack.reference;
    const title = titleKey(ref.title);
    if (title) {
      for (const file of bib.files) {
        const same = file.loaded && titleIndex(file.loaded).get(title);
        if (same) return same;
      }
    }
    if (ref.id && !bib.keys.has(ref.id.toLowerCase()) && /^[A-Za-z0-9_][\w:.#$%&\-+?<>~/]*$/.test(ref.id)) return ref.id;
    return makeCitationKey(ref, bib.keys);
  }

  /** The pack whose id or reference key is `id`. */
  findPack(id: string): PackEntry | undefined {
    return this.packs.find(id) ?? this.packs.packs.find((p) => p.pack.reference.id?.toLowerCase() === id.toLowerCase());
  }

  /** Citable sources for the picker: the packs' reports, then the bibliography's other entries. */
  async sources(doc: vscode.TextDocument): Promise<{ bib: DocumentBibliography; items: Array<{ pick: CitablePickItem; source: ResolvedSource }> }> {
    const bib = await this.bibliography(doc);
    const items: Array<{ pick: CitablePickItem; source: ResolvedSource }> = [];
    const taken = new Set<string>();
    const script = this.terms.displayScript();
    for (const entry of this.packs.packs) {
      const key = this.packKey(entry, bib);
      taken.add(key.toLowerCase());
      const pick = { ...toPickItem(key, entry.pack.reference) };
      pick.detail = `${pick.detail} · ${entry.pack.name[script] || entry.pack.id}`;
      items.push({ pick, source: { kind: 'pack', id: entry.pack.id, key, item: entry.pack.reference, pack: entry } });
    }
    for (const file of bib.files) {
      for (const pick of file.loaded?.items ?? []) {
        const k = pick.key.toLowerCase();
        if (taken.has(k)) continue;
        taken.add(k);
        items.push({ pick, source: { kind: 'bibliography', id: pick.key, key: pick.key, item: pick.item } });
      }
    }
    return { bib, items };
  }

  /** The outline section of a pack, by id. */
  outlineSection(entry: PackEntry, id: string): OutlineSection | undefined {
    return flattenOutline(entry.pack.outline).find((s) => s.id === id);
  }

  /** A locator from the command's arguments, for one source. */
  locatorFor(source: Pick<ResolvedSource, 'kind' | 'pack' | 'id'>, loc: CitationArgs['locator']): Locator | undefined {
    if (!loc) return undefined;
    if (loc.page !== undefined && String(loc.page).trim() !== '') return { label: 'page', value: String(loc.page).trim() };
    const paragraph = loc.paragraph !== undefined && Number.isInteger(loc.paragraph) && loc.paragraph > 0 ? String(loc.paragraph) : undefined;
    if (loc.section !== undefined && String(loc.section).trim() !== '') {
      const id = String(loc.section).trim();
      let value = id;
      let text: string | undefined;
      if (source.kind === 'pack' && source.pack) {
        const s = this.outlineSection(source.pack, id);
        if (!s) throw new CitationError(vscode.l10n.t('The report "{0}" has no section "{1}".', source.id, id));
        value = s.number ?? s.title;
        text = s.title;
      }
      const locator: Locator = { label: 'section', value, ...(text ? { text } : {}) };
      return paragraph ? withParagraph(locator, paragraph) : locator;
    }
    return paragraph ? { label: 'paragraph', value: paragraph } : undefined;
  }

  /** Resolves the command's arguments against the document's bibliography; throws a CitationError when a source is unknown. */
  async resolveArgs(doc: vscode.TextDocument, args: CitationArgs): Promise<{ sources: ResolvedSource[]; syntax: CitationSyntax }> {
    const ids = (Array.isArray(args.source) ? args.source : [args.source]).map((s) => (typeof s === 'string' ? s.trim() : ''));
    if (ids.length === 0 || ids.some((s) => !s)) throw new CitationError(vscode.l10n.t('Insert Citation: "source" must name a pack or a bibliography key.'));
    if (args.syntax !== undefined && args.syntax !== 'pandoc' && args.syntax !== 'footnote' && args.syntax !== 'inline') {
      throw new CitationError(vscode.l10n.t('Insert Citation: unknown syntax "{0}".', String(args.syntax)));
    }
    const bib = await this.bibliography(doc);
    const sources: ResolvedSource[] = [];
    ids.forEach((id, i) => {
      let source: ResolvedSource;
      const pack = this.findPack(id);
      if (pack) {
        source = { kind: 'pack', id: pack.pack.id, key: this.packKey(pack, bib), item: pack.pack.reference, pack };
      } else {
        const found = this.findEntry(bib, id);
        if (!found) throw new CitationError(vscode.l10n.t('There is no pack or bibliography entry "{0}" to cite.', id));
        source = { kind: 'bibliography', id: found.entry.key, key: found.entry.key, item: found.entry.item };
      }
      if (i === 0) source.locator = this.locatorFor(source, args.locator);
      sources.push(source);
    });
    return { sources, syntax: args.syntax ?? citationSyntax() };
  }

  // ---- planning --------------------------------------------------------------------------

  /**
   * The edit that cites `sources` at each cursor (document offsets), in one WorkspaceEdit:
   * the document, the bibliography file's append or a new file. Throws a CitationError when
   * nothing can be inserted safely.
   */
  async plan(doc: vscode.TextDocument, cursors: number[], sources: ResolvedSource[], syntax: CitationSyntax): Promise<PlannedCitation> {
    const version = doc.version;
    const text = doc.getText();
    const style = citationStyle(this.terms);
    const trusted = vscode.workspace.isTrusted;
    const notes: string[] = [];
    const refs: CitationSourceRef[] = [];
    let bibliography: Parameters<typeof planCitationInsertion>[0]['bibliography'];
    let target: BibliographyFile | undefined;
    let newFile: vscode.Uri | undefined;
    let extraFrontMatter: TextEdit[] = [];

    if (syntax === 'pandoc') {
      let bib = await this.bibliography(doc, text);
      const unreadable = bib.files.find((f) => f.status === 'unreadable');
      if (unreadable) {
        throw new CitationError(vscode.l10n.t('Cannot read the bibliography {0}: {1}. Nothing was inserted.', unreadable.path, unreadable.error ?? ''));
      }
      let adopted = false;
      if (bib.files.length === 0 && trusted && bib.base) {
        // No bibliography named, but a references.json beside the document: add to it, and name it.
        const beside = await this.loadFile(vscode.Uri.joinPath(bib.base, 'references.json'), 'references.json');
        if (beside.status === 'unreadable') {
          throw new CitationError(vscode.l10n.t('Cannot read the bibliography {0}: {1}. Nothing was inserted.', 'references.json', beside.error ?? ''));
        }
        if (beside.status === 'ok') {
          bib = { ...bib, files: [beside], keys: new Set(beside.loaded!.keys) };
          adopted = true;
        }
      }
      // Keys of pack sources are settled against the bibliography as it is now.
      for (const s of sources) {
        const key = s.kind === 'pack' && s.pack ? this.packKey(s.pack, bib) : s.key;
        refs.push({ key, item: s.item, ...(s.locator ? { locator: s.locator } : {}) });
      }
      const keys = [...bib.keys];
      const missingKeys = refs.filter((r) => !bib.keys.has(r.key.toLowerCase()));
      target = bib.files.find((f) => f.status === 'ok' || f.status === 'missing');
      if (missingKeys.length > 0 && bib.files.length > 0 && !target) {
        throw new CitationError(vscode.l10n.t('Entries can only be added to BibTeX (.bib), CSL-JSON (.json) or CSL-YAML (.yaml) bibliographies; {0} is none of them. Nothing was inserted.', bib.files[0].path));
      }
      if (!trusted) {
        // Only the document is written: the missing entries are reported, not added.
        bibliography = { existing: { path: target?.path ?? 'references.json', keys } };
      } else if (target) {
        bibliography = { existing: { path: target.path, keys, text: target.text ?? '', format: target.format } };
        if (adopted) {
          const fm = planFrontMatterBibliography(text, 'references.json', this.scanOf(doc, text));
          if (fm.problem) throw new CitationError(vscode.l10n.t('The front matter is not valid YAML, so the bibliography cannot be named in it. Nothing was inserted.'));
          extraFrontMatter = fm.edits;
        }
      } else if (missingKeys.length > 0) {
        if (!bib.base) {
          throw new CitationError(vscode.l10n.t('This untitled document has no folder for a bibliography file. Save it, open a folder, or use the footnote or inline citation syntax.'));
        }
        newFile = vscode.Uri.joinPath(bib.base, 'references.json');
        bibliography = { existing: 'none', newFileName: 'references.json' };
      } else {
        bibliography = { existing: 'none' };
      }
    } else {
      for (const s of sources) refs.push({ key: s.key, item: s.item, ...(s.locator ? { locator: s.locator } : {}) });
    }

    const plan = planCitationInsertion({
      text,
      cursors: cursors.map((c) => ({ start: c, end: c })),
      syntax,
      sources: refs,
      style,
      bibliography,
    });
    const error = plan.problems.find((p) => p.severity === 'error');
    if (error) throw new CitationError(this.problemMessage(error));
    if (plan.newBibliographyFile && plan.problems.some((p) => p.code === 'front-matter.invalid')) {
      // A new file the front matter cannot name would be a bibliography nobody reads.
      throw new CitationError(vscode.l10n.t('The front matter is not valid YAML, so the bibliography cannot be named in it. Nothing was inserted.'));
    }
    for (const p of plan.problems) notes.push(this.problemMessage(p));

    let documentEdits = plan.edits;
    let citations = plan.citations;
    if (extraFrontMatter.length) {
      const merged = mergeInsertions(extraFrontMatter, plan.edits, plan.citations);
      documentEdits = merged.edits;
      citations = merged.citations;
    }

    const fileEdits: PlannedCitation['fileEdits'] = [];
    let create: PlannedCitation['create'];
    if (plan.bibliography && plan.bibliography.items.length > 0) {
      if (!trusted) {
        notes.push(vscode.l10n.t('This workspace is not trusted, so the bibliography was not changed. Add these entries to it yourself: {0}.', plan.bibliography.items.map((i) => i.id).join(', ')));
      } else if (target && plan.bibliography.edits) {
        if (target.status === 'missing') {
          create = { uri: target.uri, contents: new TextEncoder().encode(applyInsertions('', plan.bibliography.edits)) };
        } else {
          const mapper = target.document ?? new LineIndex(target.text ?? '');
          for (const e of plan.bibliography.edits) fileEdits.push({ uri: target.uri, range: toRange(mapper, e.range), newText: e.newText });
        }
      }
    }
    if (plan.newBibliographyFile && trusted && newFile) {
      create = { uri: newFile, contents: new TextEncoder().encode(plan.newBibliographyFile.content) };
    }
    if (create && doc.uri.scheme === 'untitled') {
      notes.push(vscode.l10n.t('The document is untitled, so its bibliography {0} was created in the workspace folder; save the document in that folder to keep the link.', vscode.workspace.asRelativePath(create.uri)));
    }
    const planned: Omit<PlannedCitation, 'edit'> = { documentEdits, citations, notes, fileEdits, create, version };
    return { ...planned, edit: this.workspaceEdit(doc, planned) };
  }

  /**
   * One WorkspaceEdit of every change: the document, the bibliography file, a new file (with
   * its contents, or created empty and then written when the edit may be serialised again,
   * as a drop edit's is).
   */
  workspaceEdit(doc: vscode.TextDocument, planned: Omit<PlannedCitation, 'edit'>, skip?: TextEdit, writeCreated = false): vscode.WorkspaceEdit {
    const edit = new vscode.WorkspaceEdit();
    for (const e of planned.documentEdits) {
      if (e !== skip) edit.replace(doc.uri, toRange(doc, e.range), e.newText);
    }
    for (const e of planned.fileEdits) edit.replace(e.uri, e.range, e.newText);
    if (planned.create && writeCreated) {
      edit.createFile(planned.create.uri, { overwrite: false, ignoreIfExists: false });
      edit.insert(planned.create.uri, new vscode.Position(0, 0), new TextDecoder().decode(planned.create.contents));
    } else if (planned.create) {
      edit.createFile(planned.create.uri, { contents: planned.create.contents, overwrite: false, ignoreIfExists: false });
    }
    return edit;
  }

  /** A problem's message in the UI language, by its code (other problems as every host adapter localises them). */
  problemMessage(p: Problem, doc?: vscode.TextDocument): string {
    const at = doc ? doc.getText(toRange(doc, p.range)) : '';
    switch (p.code) {
      case 'citation.unknown-key':
        return vscode.l10n.t('No bibliography entry has the key "{0}".', at.replace(/^-?@\{?|\}$/g, ''));
      case 'footnote.undefined':
        return vscode.l10n.t('Footnote {0} has no definition.', at);
      case 'footnote.unused':
        return vscode.l10n.t('Footnote {0} is never referenced.', at);
      case 'footnote.duplicate':
        return vscode.l10n.t('Footnote {0} is defined more than once; the first definition is used.', at);
      case 'citation.cursor-in-front-matter':
        return vscode.l10n.t('A citation cannot go inside the front matter; that cursor was skipped.');
      case 'citation.no-cursor':
        return vscode.l10n.t('There is no place to insert the citation.');
      case 'footnote.unclosed-code-fence':
        return vscode.l10n.t('The document ends inside an unclosed code block, so a footnote cannot be added after it. Nothing was inserted.');
      case 'front-matter.invalid':
        return vscode.l10n.t('The front matter is not valid YAML, so the bibliography cannot be named in it.');
      default:
        return problemMessage(p);
    }
  }

  /**
   * The drop edit for a citation at `position`: the citation (with whatever else the plan
   * inserts at the same place) as the insert text, and every other change (front matter,
   * footnote definition, bibliography) as the additional edit. The same result as the command.
   */
  async dropEdit(document: vscode.TextDocument, position: vscode.Position, args: CitationArgs): Promise<vscode.DocumentDropEdit | undefined> {
    const { sources, syntax } = await this.resolveArgs(document, args);
    const at = document.offsetAt(position);
    const planned = await this.plan(document, [at], sources, syntax);
    const main = planned.documentEdits.find((e) => e.range.start === at && e.range.end === at && planned.citations.some((c) => c.at === at));
    if (!main) return undefined;
    const additional = this.workspaceEdit(document, planned, main, true);
    const drop = new vscode.DocumentDropEdit(main.newText, vscode.l10n.t('Insert Citation'), CITATION_DROP_KIND);
    drop.additionalEdit = additional;
    return drop;
  }

  // ---- diagnostics, hovers, fixes ----------------------------------------------------------

  /**
   * Problems of a Markdown document (unknown keys, footnotes, unreadable bibliographies) and of
   * the bibliography files it uses (malformed entries), as diagnostics.
   */
  async diagnose(doc: vscode.TextDocument, attempts = 3): Promise<{ document: vscode.Diagnostic[]; files: Array<{ uri: vscode.Uri; diagnostics: vscode.Diagnostic[] }> }> {
    const version = doc.version;
    const text = doc.getText();
    const scan = this.scanOf(doc, text);
    const bib = await this.bibliography(doc, text);
    if (doc.version !== version && attempts > 1) return this.diagnose(doc, attempts - 1);
    const document: vscode.Diagnostic[] = [];
    // Keys are checked only when every bibliography could be read (a missing one has no keys yet).
    const keyed = scan.citations.some((c) => c.bracketed) && bib.files.every((f) => f.status === 'ok' || f.status === 'missing');
    const problems = checkCitations(scan, { isKnownKey: keyed ? (k) => bib.keys.has(k.toLowerCase()) : undefined, bareCitations: false });
    for (const p of problems) document.push(this.diagnostic(doc, p));
    const where = (path: string): vscode.Range => {
      const fm = scan.frontMatter;
      if (bib.origin === 'front-matter' && fm) {
        const i = text.indexOf(path, fm.contentRange.start);
        if (i >= 0 && i < fm.contentRange.end) return toRange(doc, { start: i, end: i + path.length });
        return toRange(doc, fm.range);
      }
      return new vscode.Range(0, 0, 0, 0);
    };
    const files: Array<{ uri: vscode.Uri; diagnostics: vscode.Diagnostic[] }> = [];
    for (const f of bib.files) {
      let d: vscode.Diagnostic | undefined;
      if (f.status === 'unreadable') {
        d = new vscode.Diagnostic(where(f.path), vscode.l10n.t('Cannot read the bibliography {0}: {1}', f.path, f.error ?? ''), vscode.DiagnosticSeverity.Error);
        d.code = 'bibliography.unreadable';
      } else if (f.status === 'missing') {
        d = new vscode.Diagnostic(where(f.path), vscode.l10n.t('The bibliography {0} does not exist; it is created when a citation adds an entry to it.', f.path), vscode.DiagnosticSeverity.Warning);
        d.code = 'bibliography.missing';
      } else if (f.status === 'unsupported') {
        d = new vscode.Diagnostic(where(f.path), vscode.l10n.t('The bibliography {0} is not BibTeX, CSL-JSON or CSL-YAML; its entries are not read.', f.path), vscode.DiagnosticSeverity.Warning);
        d.code = 'bibliography.unsupported';
      }
      if (d) {
        d.source = DIAGNOSTIC_SOURCE;
        document.push(d);
      }
      if (f.status === 'ok' && f.loaded) {
        const mapper = f.document ?? new LineIndex(f.text ?? '');
        files.push({
          uri: f.uri,
          diagnostics: f.loaded.problems.map((p) => {
            const diag = new vscode.Diagnostic(toRange(mapper, p.range), p.message, toSeverity(p.severity));
            diag.source = DIAGNOSTIC_SOURCE;
            diag.code = p.code;
            return diag;
          }),
        });
      }
    }
    return { document, files };
  }

  private diagnostic(doc: vscode.TextDocument, p: Problem): vscode.Diagnostic {
    const d = new vscode.Diagnostic(toRange(doc, p.range), this.problemMessage(p, doc), toSeverity(p.severity));
    d.source = DIAGNOSTIC_SOURCE;
    d.code = p.code;
    if (p.code === 'footnote.unused') d.tags = [vscode.DiagnosticTag.Unnecessary];
    return d;
  }

  /** The formatted reference for a key: from the bibliography, else from a pack whose report has that key. */
  async reference(doc: vscode.TextDocument, key: string, locatorText?: string): Promise<{ text: string; source: 'bibliography' | 'pack'; path?: string } | undefined> {
    const bib = await this.bibliography(doc);
    const style = citationStyle(this.terms);
    const locator = locatorText ? parseLocatorText(locatorText) : undefined;
    const found = this.findEntry(bib, key);
    if (found) return { text: formatReference(found.entry.item, style, { locator }), source: 'bibliography', path: found.file.path };
    const pack = this.packs.packs.find((p) => p.pack.reference.id?.toLowerCase() === key.toLowerCase() || this.packKey(p, bib).toLowerCase() === key.toLowerCase());
    if (pack) return { text: formatReference(pack.pack.reference, style, { locator }), source: 'pack' };
    return undefined;
  }

  /** The edit that adds a pack's report to the document's bibliography under `key` (creating the file and front matter as needed). */
  async addEntryEdit(doc: vscode.TextDocument, key: string, pack: PackEntry): Promise<vscode.WorkspaceEdit | undefined> {
    const text = doc.getText();
    const bib = await this.bibliography(doc, text);
    if (!vscode.workspace.isTrusted || bib.files.some((f) => f.status === 'unreadable')) return undefined;
    const item: CslItem = { ...pack.pack.reference, id: key };
    const edit = new vscode.WorkspaceEdit();
    const target = bib.files.find((f) => f.status === 'ok' || f.status === 'missing');
    if (target?.format) {
      const append = planBibliographyAppend(target.text ?? '', target.format, item);
      if (!append.edit) return undefined;
      if (target.status === 'missing') {
        // Created empty, then written: a quick fix's edit travels without file contents.
        edit.createFile(target.uri, { overwrite: false, ignoreIfExists: true });
        edit.insert(target.uri, new vscode.Position(0, 0), applyInsertions('', [append.edit]));
      } else {
        edit.replace(target.uri, toRange(target.document ?? new LineIndex(target.text ?? ''), append.edit.range), append.edit.newText);
      }
      return edit;
    }
    if (bib.files.length > 0 || !bib.base) return undefined;
    const uri = vscode.Uri.joinPath(bib.base, 'references.json');
    const existing = await this.loadFile(uri, 'references.json');
    if (existing.status === 'ok') {
      const append = planBibliographyAppend(existing.text ?? '', 'csl-json', item);
      if (!append.edit) return undefined;
      edit.replace(uri, toRange(existing.document ?? new LineIndex(existing.text ?? ''), append.edit.range), append.edit.newText);
    } else if (existing.status === 'missing') {
      const eol = doc.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n';
      edit.createFile(uri, { overwrite: false, ignoreIfExists: true });
      edit.insert(uri, new vscode.Position(0, 0), serializeBibliography('csl-json', [item], eol));
    } else return undefined;
    const fm = planFrontMatterBibliography(text, 'references.json', this.scanOf(doc, text));
    if (fm.problem) return undefined;
    for (const e of fm.edits) edit.replace(doc.uri, toRange(doc, e.range), e.newText);
    return edit;
  }

  /** The footnote definition stub `[^label]: ` at the end of the document's footnote block. */
  footnoteStubEdit(doc: vscode.TextDocument, label: string): TextEdit {
    const text = doc.getText();
    const scan = this.scanOf(doc, text);
    const eol = scan.eol;
    const stub = `[^${label}]: `;
    const last = scan.footnoteDefs[scan.footnoteDefs.length - 1];
    const tail = text.slice(last ? last.range.end : text.length);
    if (last && tail.trim() === '') return { range: { start: last.range.end, end: last.range.end }, newText: eol + stub };
    if (text.length === 0) return { range: { start: 0, end: 0 }, newText: stub };
    const breaks = (/(?:\r?\n|\r)*$/.exec(text)![0].match(/\r?\n|\r/g) ?? []).length;
    return { range: { start: text.length, end: text.length }, newText: eol.repeat(Math.max(0, 2 - breaks)) + stub };
  }

  /** The range that removes a footnote definition with its lines (and one blank line it leaves behind). */
  footnoteRemovalRange(doc: vscode.TextDocument, def: { range: TextRange }): TextRange {
    const start = doc.lineAt(doc.positionAt(def.range.start).line);
    const endLine = doc.positionAt(def.range.end).line;
    let from = doc.offsetAt(start.range.start);
    let to = endLine + 1 < doc.lineCount ? doc.offsetAt(new vscode.Position(endLine + 1, 0)) : doc.getText().length;
    const blankBefore = start.lineNumber > 0 && doc.lineAt(start.lineNumber - 1).isEmptyOrWhitespace;
    if (endLine + 1 >= doc.lineCount || (endLine + 1 === doc.lineCount - 1 && doc.lineAt(endLine + 1).isEmptyOrWhitespace && doc.lineAt(endLine + 1).text === '')) {
      // The last definition: take the line break before it instead, so no blank tail is left.
      if (start.lineNumber > 0) from = doc.offsetAt(doc.lineAt(start.lineNumber - 1).range.end);
      if (blankBefore && start.lineNumber > 1) from = doc.offsetAt(doc.lineAt(start.lineNumber - 2).range.end);
      to = endLine + 1 < doc.lineCount ? doc.offsetAt(doc.lineAt(endLine).range.end) : doc.getText().length;
    } else if (blankBefore && doc.lineAt(endLine + 1).isEmptyOrWhitespace) {
      to = endLine + 2 < doc.lineCount ? doc.offsetAt(new vscode.Position(endLine + 2, 0)) : doc.getText().length;
    }
    return { start: from, end: to };
  }

  dispose(): void {
    if (current === this) current = undefined;
    for (const d of this.disposables) d.dispose();
  }
}

/** The drop kind of citations (the taxonomy view uses the same one). */
export const CITATION_DROP_KIND = vscode.DocumentDropOrPasteEditKind.Empty.append('fintechLens', 'citation');

/**
 * A drop edit that inserts a citation at `position`, for drag and drop: the same text,
 * footnote, front matter and bibliography changes as `fintechLens.insertCitation` with the
 * same arguments. Undefined when the extension is not active or nothing can be cited (the
 * reason is logged, not shown: a drop should not raise messages).
 */
export async function citationDropEdit(
  document: vscode.TextDocument,
  position: vscode.Position,
  args: { source: string | string[]; locator?: CitationArgs['locator']; syntax?: CitationSyntax },
): Promise<vscode.DocumentDropEdit | undefined> {
  const service = current;
  if (!service) return undefined;
  try {
    return await service.dropEdit(document, position, args);
  } catch (e) {
    if (e instanceof CitationError) return undefined;
    throw e;
  }
}

const titleIndexes = new WeakMap<LoadedBibliography, Map<string, string>>();

/** Folded title → the first key with that title, built once per parsed bibliography. */
function titleIndex(loaded: LoadedBibliography): Map<string, string> {
  let index = titleIndexes.get(loaded);
  if (!index) {
    index = new Map();
    for (const e of loaded.entries) {
      const t = titleKey(e.item.title);
      if (t && !index.has(t)) index.set(t, e.key);
    }
    titleIndexes.set(loaded, index);
  }
  return index;
}

/** A paragraph inside a section: `sec. 1.3, para. 2`. */
function withParagraph(section: Locator, paragraph: string): Locator {
  return { ...section, paragraph };
}

function errorText(e: unknown): string {
  if (e instanceof vscode.FileSystemError) return e.code ? `${e.code}` : e.message;
  return e instanceof Error ? e.message : String(e);
}

/** Applies insertions (sorted or not) to a text. */
function applyInsertions(text: string, edits: TextEdit[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.range.start - a.range.start)) out = out.slice(0, e.range.start) + e.newText + out.slice(e.range.end);
  return out;
}

/**
 * Merges front matter insertions into a plan's document edits: insertions at the same offset
 * become one edit with the front matter first; citation offsets stay those of the original text.
 */
function mergeInsertions(first: TextEdit[], edits: TextEdit[], citations: Array<{ at: number; text: string }>): { edits: TextEdit[]; citations: Array<{ at: number; text: string }> } {
  const out = edits.map((e) => ({ range: { ...e.range }, newText: e.newText }));
  for (const f of first) {
    const same = out.find((e) => e.range.start === f.range.start && e.range.end === f.range.end && f.range.start === f.range.end);
    if (same) same.newText = f.newText + same.newText;
    else out.push({ range: { ...f.range }, newText: f.newText });
  }
  out.sort((a, b) => a.range.start - b.range.start || a.range.end - b.range.end);
  return { edits: out, citations };
}
