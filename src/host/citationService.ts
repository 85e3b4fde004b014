/**
 * Citations on the VS Code side, a thin adapter over the core citation service
 * (`core/citations/service.ts`): it reads bibliography files through `workspace.fs` (or
 * their open editor), watches them, gives the core the settings, packs and workspace trust,
 * and turns the core's changes into one `WorkspaceEdit` and its problems into diagnostics.
 */
import * as vscode from 'vscode';
import {
  CitationError,
  CitationService,
  planAddEntry,
  planCitation,
  type BibliographyRead,
  type CitationArgs,
  type CitationChanges,
  type CitationDocument,
  type CitationHost,
  type CitationSyntax,
  type MarkdownScan,
  type ResolvedSource,
} from '../core/citations';
import type { ReportPack } from '../core/pack/types';
import type { TextEdit } from '../core/text/types';
import { applyEdits } from '../core/text/edits';
import { LineIndex } from '../core/text/lines';
import { BibliographyFiles, openDocument } from './bibliographyFiles';
import { localize, toDiagnostic, toRange } from './convert';
import type { PackRegistry } from './packs';
import type { ReportService } from './reports';
import type { TermService } from './terms';

/** A planned citation as one WorkspaceEdit, with what the user should be told. */
export interface PlannedEdit {
  edit: vscode.WorkspaceEdit;
  /** Document edits (document offsets), also inside `edit`. */
  documentEdits: TextEdit[];
  /** Where each citation went, in document offsets before the edit. */
  citations: Array<{ at: number; text: string }>;
  notes: string[];
  /** Bibliography files the edit changes or creates. */
  files: vscode.Uri[];
  /** The document version the plan was made for; apply only to that version. */
  version: number;
}

/** The drop kind of citations (the taxonomy view uses the same one). */
export const CITATION_DROP_KIND = vscode.DocumentDropOrPasteEditKind.Empty.append('fintechLens', 'citation');

function isAbsolutePath(p: string): boolean {
  return p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p) || p.startsWith('\\\\');
}

export class HostCitationService implements vscode.Disposable, CitationHost {
  readonly core = new CitationService(this);
  private readonly bibFiles: BibliographyFiles;
  /** Fires when a bibliography file may have changed (on disk or in an editor), or the setting did. */
  readonly onDidChangeBibliography: vscode.Event<void>;
  private readonly disposables: vscode.Disposable[];

  constructor(
    readonly packs: PackRegistry,
    readonly reports: ReportService,
    readonly terms: TermService,
    readonly log?: vscode.LogOutputChannel,
  ) {
    this.bibFiles = new BibliographyFiles(log);
    this.onDidChangeBibliography = this.bibFiles.onDidChange;
    this.disposables = [this.bibFiles, vscode.workspace.onDidCloseTextDocument((d) => this.core.forget(d.uri.toString()))];
  }

  // ---- the core's host -------------------------------------------------------------------

  isTrusted(): boolean {
    return vscode.workspace.isTrusted;
  }

  settings(doc: CitationDocument): ReturnType<CitationHost['settings']> {
    const config = vscode.workspace.getConfiguration('fintechLens', vscode.Uri.parse(doc.uri));
    return {
      bibliography: config.get<string>('bibliography', ''),
      style: config.get<string>('citation.style', 'auto'),
      syntax: config.get<string>('citation.syntax', 'pandoc'),
      displayScript: this.terms.displayScript(),
    };
  }

  reportPacks(): readonly ReportPack[] {
    return this.packs.packs.map((p) => p.pack);
  }

  resolve(doc: CitationDocument, path: string, relativeTo: 'document' | 'workspace'): string | undefined {
    const like = vscode.Uri.parse(doc.uri);
    if (isAbsolutePath(path)) {
      if (/^[A-Za-z]:[\\/]/.test(path) || like.scheme === 'file' || like.scheme === 'untitled') return vscode.Uri.file(path).toString();
      return like.with({ path: path.replace(/\\/g, '/'), query: '', fragment: '' }).toString();
    }
    const folders = vscode.workspace.workspaceFolders;
    let base = like.scheme === 'untitled' ? folders?.[0]?.uri : vscode.Uri.joinPath(like, '..');
    if (relativeTo === 'workspace') base = (vscode.workspace.getWorkspaceFolder(like) ?? folders?.[0])?.uri ?? base;
    return base ? vscode.Uri.joinPath(base, path.replace(/\\/g, '/')).toString() : undefined;
  }

  read(file: string): Promise<BibliographyRead> {
    return this.bibFiles.read(file);
  }

  // ---- features ----------------------------------------------------------------------------

  document(doc: vscode.TextDocument): CitationDocument {
    return { uri: doc.uri.toString(), text: doc.getText(), untitled: doc.uri.scheme === 'untitled' };
  }

  scan(doc: vscode.TextDocument): MarkdownScan {
    return this.core.scan(this.document(doc));
  }

  syntax(doc: vscode.TextDocument): CitationSyntax {
    return this.core.syntax(this.document(doc));
  }

  findPack(id: string): ReportPack | undefined {
    return this.core.findPack(id);
  }

  sources(doc: vscode.TextDocument): ReturnType<CitationService['sources']> {
    return this.core.sources(this.document(doc));
  }

  resolveArgs(doc: vscode.TextDocument, args: CitationArgs): ReturnType<CitationService['resolveArgs']> {
    return this.core.resolveArgs(this.document(doc), args);
  }

  reference(doc: vscode.TextDocument, key: string, locatorText?: string): ReturnType<CitationService['reference']> {
    return this.core.reference(this.document(doc), key, locatorText);
  }

  /** The edit that cites `sources` at each cursor (document offsets); throws a CitationError when nothing can be inserted. */
  async plan(
    doc: vscode.TextDocument,
    cursors: number[],
    sources: ResolvedSource[],
    syntax: CitationSyntax,
    writeCreated = false,
  ): Promise<PlannedEdit> {
    const version = doc.version;
    const planned = await planCitation(this.core, this.document(doc), cursors, sources, syntax);
    const { edit, files } = this.workspaceEdit(doc, planned, writeCreated);
    return {
      edit,
      files,
      documentEdits: planned.documentEdits,
      citations: planned.citations,
      notes: planned.notes.map((n) => localize(n)),
      version,
    };
  }

  /**
   * The drop edit for a citation at `position`: the citation (with whatever else the plan inserts
   * at the same place) as the insert text, every other change as the additional edit.
   */
  async dropEdit(
    document: vscode.TextDocument,
    position: vscode.Position,
    args: CitationArgs,
  ): Promise<vscode.DocumentDropEdit | undefined> {
    const { sources, syntax } = await this.resolveArgs(document, args);
    const at = document.offsetAt(position);
    const planned = await planCitation(this.core, this.document(document), [at], sources, syntax);
    if (planned.citations.length === 0) return undefined;
    // Where the citation cannot go at the drop point (it would break a heading, say), it goes where the plan puts
    // it, through the additional edit, and the drop itself inserts nothing.
    const main = planned.documentEdits.find((e) => e.range.start === at && e.range.end === at &&
      planned.citations.some((c) => c.at === at));
    const drop = new vscode.DocumentDropEdit(main?.newText ?? '', vscode.l10n.t('Insert Citation'), CITATION_DROP_KIND);
    drop.additionalEdit = this.workspaceEdit(
      document,
      { ...planned, documentEdits: planned.documentEdits.filter((e) => e !== main) },
      true,
    ).edit;
    return drop;
  }

  /** Saves the bibliography files an applied plan wrote that no editor shows (see `BibliographyFiles.expectWrite`). */
  saveWritten(planned: PlannedEdit): Promise<void> {
    return this.bibFiles.saveWritten(planned.files.map((u) => u.toString()));
  }

  /** `dropEdit`, undefined when nothing can be cited (a drop should not raise messages; the reason is logged). */
  async tryDropEdit(
    document: vscode.TextDocument,
    position: vscode.Position,
    args: CitationArgs,
  ): Promise<vscode.DocumentDropEdit | undefined> {
    try {
      return await this.dropEdit(document, position, args);
    } catch (e) {
      if (!(e instanceof CitationError)) throw e;
      this.log?.info(`No citation dropped: ${e.message}`);
      return undefined;
    }
  }

  /** The edit that adds a pack's report to the document's bibliography under `key`, for a quick fix. */
  async addEntryEdit(doc: vscode.TextDocument, key: string, pack: ReportPack): Promise<vscode.WorkspaceEdit | undefined> {
    const changes = await planAddEntry(this.core, this.document(doc), key, pack);
    return changes && this.workspaceEdit(doc, changes, true).edit;
  }

  /**
   * One WorkspaceEdit of every change: the document, the bibliography file, a new file (with its
   * contents, or created empty and then written when the edit may be serialised again, as a drop
   * edit's or a quick fix's is).
   */
  private workspaceEdit(
    doc: vscode.TextDocument,
    changes: CitationChanges,
    writeCreated: boolean,
  ): { edit: vscode.WorkspaceEdit; files: vscode.Uri[] } {
    const edit = new vscode.WorkspaceEdit();
    const files: vscode.Uri[] = [];
    for (const e of changes.documentEdits) edit.replace(doc.uri, toRange(doc, e.range), e.newText);
    for (const f of changes.fileEdits) {
      const uri = vscode.Uri.parse(f.file);
      const mapper = openDocument(f.file) ?? new LineIndex(f.text);
      for (const e of f.edits) edit.replace(uri, toRange(mapper, e.range), e.newText);
      this.bibFiles.expectWrite(f.file, applyEdits(f.text, f.edits));
      files.push(uri);
    }
    if (changes.create) {
      const uri = vscode.Uri.parse(changes.create.file);
      if (writeCreated) {
        edit.createFile(uri, { overwrite: false, ignoreIfExists: false });
        edit.insert(uri, new vscode.Position(0, 0), changes.create.content);
        this.bibFiles.expectWrite(changes.create.file, changes.create.content);
      } else {
        edit.createFile(uri, { contents: new TextEncoder().encode(changes.create.content), overwrite: false, ignoreIfExists: false });
      }
      files.push(uri);
    }
    return { edit, files };
  }

  /** Problems of a Markdown document and of the bibliography files it uses, as diagnostics. */
  async diagnose(
    doc: vscode.TextDocument,
    attempts = 3,
  ): Promise<{ document: vscode.Diagnostic[]; files: Array<{ uri: vscode.Uri; diagnostics: vscode.Diagnostic[] }> }> {
    const version = doc.version;
    const result = await this.core.diagnose(this.document(doc));
    if (doc.version !== version && attempts > 1) return this.diagnose(doc, attempts - 1);
    const document = result.document.map((p) => {
      const d = toDiagnostic(doc, p);
      if (p.code === 'footnote.unused') d.tags = [vscode.DiagnosticTag.Unnecessary];
      return d;
    });
    const files = result.files.map((f) => {
      const mapper = openDocument(f.file) ?? new LineIndex(f.text);
      return { uri: vscode.Uri.parse(f.file), diagnostics: f.problems.map((p) => toDiagnostic(mapper, p)) };
    });
    return { document, files };
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
