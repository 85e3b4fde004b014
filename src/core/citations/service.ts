/**
 * The citation service: the rules of citing in a Markdown draft, behind a small host
 * (`CitationHost`: bibliography files by name, settings, packs, trust).
 *
 * - Which bibliography files a document uses: the front matter's `bibliography:`, else the
 *   `fintechLens.bibliography` setting (trusted workspaces only), parsed once per text.
 * - What can be cited: the packs' reports (under the key their work already has in the
 *   bibliography, else their own id, else a fresh key) and the bibliography's entries.
 * - The command's arguments: checked and resolved to sources and locators.
 * - Diagnostics: unknown keys, footnotes, bibliography files that are missing, unreadable or
 *   of an unknown format, and malformed entries in them.
 * - Insertion plans (`plan.ts`): the document edits, the bibliography append, a new file.
 */
import type { CslItem, ReportPack } from '../pack/types';
import type { Problem, TextRange } from '../text/types';
import { foldText } from '../script/fold';
import { stripPunctuation } from '../text/chars';
import { bibliographyFormatOf } from './bibliography';
import { formatReference } from './format';
import { frontMatterBibliography } from './frontMatter';
import { makeCitationKey } from './keys';
import { locatorFromArgs, parseLocatorText, type LocatorArgs } from './locatorText';
import { checkCitations, scanCitations, type MarkdownScan } from './markdown';
import {
  CitationError,
  citationMessage,
  citationProblem,
  problemOf,
  unreadableMessage,
  type CitationMessage,
  type UnreadableReason,
} from './messages';
import { BibliographyCache, toPickItem, type CitablePickItem, type LoadedBibliography } from './sources';
import {
  CITATION_STYLES,
  CITATION_SYNTAXES,
  type BibliographyEntry,
  type BibliographyFormat,
  type CitationStyle,
  type CitationSyntax,
  type Locator,
} from './types';
import type { CitationDocument, CitationHost } from './workspace';

/** The argument object of `fintechLens.insertCitation`; with it, no picker opens. */
export interface CitationArgs {
  /** Pack id, a pack's reference key, or a bibliography key; several for `[@a; @b]`. */
  source: string | string[];
  /** Where in the source (for several sources: in the first one). */
  locator?: LocatorArgs;
  syntax?: CitationSyntax;
}

/** A source ready to cite: its key in the document's bibliography, its item and locator. */
export interface ResolvedSource {
  kind: 'pack' | 'bibliography';
  /** Pack id, or the bibliography key. */
  id: string;
  key: string;
  item: CslItem;
  pack?: ReportPack;
  locator?: Locator;
}

/** One bibliography file a document uses. */
export interface BibliographyFile {
  /** The host's name of the file; undefined when the path could not be resolved. */
  file?: string;
  /** As the front matter or the setting names it. */
  path: string;
  format?: BibliographyFormat;
  /** `missing`: no such file (it is created when an entry is added). */
  status: 'ok' | 'missing' | 'unreadable' | 'unsupported';
  reason?: UnreadableReason;
  text?: string;
  loaded?: LoadedBibliography;
}

export interface DocumentBibliography {
  origin: 'front-matter' | 'setting' | 'none';
  files: BibliographyFile[];
  /** Every key of every readable file, in lower case. */
  keys: Set<string>;
}

/** Problems of a document and of the bibliography files it uses. */
export interface CitationDiagnostics {
  document: Problem[];
  /** Malformed entries, in offsets of `text` (the file's text as read). */
  files: Array<{ file: string; text: string; problems: Problem[] }>;
}

/** A pack key may be written bare in Pandoc only when it looks like this (else a fresh key is made). */
const PLAIN_KEY = /^[A-Za-z0-9_][\w:.#$%&\-+?<>~/]*$/;

/** Titles compared across scripts, widths, spacing and punctuation. */
function titleKey(title: unknown): string {
  return typeof title === 'string' ? stripPunctuation(foldText(title)).toLowerCase() : '';
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

export class CitationService {
  private readonly parsed = new BibliographyCache();
  private readonly scans = new Map<string, { text: string; scan: MarkdownScan }>();

  constructor(readonly host: CitationHost) {}

  // ---- documents -------------------------------------------------------------------------

  /** The citation scan of a document, kept until its text changes. */
  scan(doc: CitationDocument): MarkdownScan {
    const hit = this.scans.get(doc.uri);
    if (hit && hit.text === doc.text) return hit.scan;
    const scan = scanCitations(doc.text);
    this.scans.set(doc.uri, { text: doc.text, scan });
    return scan;
  }

  /** Forgets what is kept for a document or bibliography file (closed, deleted). */
  forget(uri: string): void {
    this.scans.delete(uri);
    this.parsed.delete(uri);
  }

  /** The resolved citation style: the setting, or GB/T 7714-2025 for a Chinese display script and APA 7 for English. */
  style(doc: CitationDocument): CitationStyle {
    const settings = this.host.settings(doc);
    const s = settings.style as CitationStyle;
    if (CITATION_STYLES.includes(s)) return s;
    return settings.displayScript === 'en' ? 'apa7' : 'gbt7714-2025';
  }

  /** The citation syntax setting (`pandoc` unless it says `footnote` or `inline`). */
  syntax(doc: CitationDocument): CitationSyntax {
    const s = this.host.settings(doc).syntax as CitationSyntax;
    return CITATION_SYNTAXES.includes(s) ? s : 'pandoc';
  }

  /** The bibliography files a document uses: the front matter's, else the setting's (trusted workspaces only). */
  async bibliography(doc: CitationDocument): Promise<DocumentBibliography> {
    let origin: DocumentBibliography['origin'] = 'none';
    let relativeTo: 'document' | 'workspace' = 'document';
    let paths = frontMatterBibliography(doc.text, this.scan(doc));
    if (paths.length) origin = 'front-matter';
    else if (this.host.isTrusted()) {
      const setting = (this.host.settings(doc).bibliography ?? '').trim();
      if (setting) {
        origin = 'setting';
        relativeTo = 'workspace';
        paths = [setting.replace(/^\$\{workspaceFolder\}[\\/]?/, '')];
      }
    }
    const files: BibliographyFile[] = [];
    const keys = new Set<string>();
    for (const path of paths) {
      const file = this.host.resolve(doc, path, relativeTo);
      const loaded: BibliographyFile = file ? await this.loadFile(file, path) : {
        path,
        status: 'unreadable',
        reason: { kind: 'no-folder' },
      };
      files.push(loaded);
      for (const k of loaded.loaded?.keys ?? []) keys.add(k);
    }
    return { origin, files, keys };
  }

  /** Reads and parses one bibliography file (parsed again only when its text changed). */
  async loadFile(file: string, path: string): Promise<BibliographyFile> {
    const format = bibliographyFormatOf(path) ?? bibliographyFormatOf(file);
    if (!format) return { file, path, status: 'unsupported' };
    const read = await this.host.read(file);
    if (read.kind === 'missing') return { file, path, format, status: 'missing' };
    if (read.kind === 'unreadable') return { file, path, format, status: 'unreadable', reason: read.reason };
    const loaded = this.parsed.load(file, read.text, format);
    return { file, path, format, status: 'ok', text: read.text, loaded };
  }

  /** The `references.json` beside a document (undefined for an untitled document outside a workspace). */
  besideFile(doc: CitationDocument): string | undefined {
    return this.host.resolve(doc, 'references.json', 'document');
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
  packKey(pack: ReportPack, bib: DocumentBibliography): string {
    const ref = pack.reference;
    const title = titleKey(ref.title);
    if (title) {
      for (const file of bib.files) {
        const same = file.loaded && titleIndex(file.loaded).get(title);
        if (same) return same;
      }
    }
    if (ref.id && !bib.keys.has(ref.id.toLowerCase()) && PLAIN_KEY.test(ref.id)) return ref.id;
    return makeCitationKey(ref, bib.keys);
  }

  /** The pack whose id or reference key is `id`. */
  findPack(id: string): ReportPack | undefined {
    const packs = this.host.reportPacks();
    return packs.find((p) => p.id === id) ?? packs.find((p) => p.reference.id?.toLowerCase() === id.toLowerCase());
  }

  /** Citable sources for the picker: the packs' reports, then the bibliography's other entries. */
  async sources(doc: CitationDocument): Promise<{
    bib: DocumentBibliography;
    items: Array<{ pick: CitablePickItem; source: ResolvedSource }>
  }> {
    const bib = await this.bibliography(doc);
    const items: Array<{ pick: CitablePickItem; source: ResolvedSource }> = [];
    const taken = new Set<string>();
    const script = this.host.settings(doc).displayScript;
    for (const pack of this.host.reportPacks()) {
      const key = this.packKey(pack, bib);
      taken.add(key.toLowerCase());
      const pick = { ...toPickItem(key, pack.reference) };
      pick.detail = `${pick.detail} · ${pack.name?.[script] || pack.id}`;
      items.push({ pick, source: { kind: 'pack', id: pack.id, key, item: pack.reference, pack } });
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

  /** A locator from the command's arguments, for one source (throws a CitationError for a section the pack lacks). */
  locatorFor(source: Pick<ResolvedSource, 'id' | 'pack'>, loc: LocatorArgs | undefined): Locator | undefined {
    return locatorFromArgs(source, loc);
  }

  /** Checks and resolves the command's arguments; throws a CitationError when a source is unknown. */
  async resolveArgs(doc: CitationDocument, args: CitationArgs): Promise<{ sources: ResolvedSource[]; syntax: CitationSyntax }> {
    const raw: unknown[] = Array.isArray(args.source) ? args.source : [args.source];
    const ids = raw.map((s) => (typeof s === 'string' ? s.trim() : ''));
    if (ids.length === 0 || ids.some((s) => !s)) throw CitationError.of('badSource');
    if (args.syntax !== undefined && !CITATION_SYNTAXES.includes(args.syntax)) throw CitationError.of('badSyntax', String(args.syntax));
    const bib = await this.bibliography(doc);
    const sources = ids.map((id, i): ResolvedSource => {
      let source: ResolvedSource;
      const pack = this.findPack(id);
      if (pack) source = { kind: 'pack', id: pack.id, key: this.packKey(pack, bib), item: pack.reference, pack };
      else {
        const found = this.findEntry(bib, id);
        if (!found) throw CitationError.of('unknownSource', id);
        source = { kind: 'bibliography', id: found.entry.key, key: found.entry.key, item: found.entry.item };
      }
      if (i === 0) {
        const locator = this.locatorFor(source, args.locator);
        if (locator) source.locator = locator;
      }
      return source;
    });
    return { sources, syntax: args.syntax ?? this.syntax(doc) };
  }

  /** The formatted reference for a key: from the bibliography, else from a pack whose report has that key. */
  async reference(
    doc: CitationDocument,
    key: string,
    locatorText?: string,
  ): Promise<{ text: string; source: 'bibliography' | 'pack'; path?: string } | undefined> {
    const bib = await this.bibliography(doc);
    const style = this.style(doc);
    const locator = locatorText ? parseLocatorText(locatorText) : undefined;
    const found = this.findEntry(bib, key);
    if (found) return { text: formatReference(found.entry.item, style, { locator }), source: 'bibliography', path: found.file.path };
    const k = key.toLowerCase();
    const pack = this.host.reportPacks().find((p) => p.reference.id?.toLowerCase() === k || this.packKey(p, bib).toLowerCase() === k);
    if (pack) return { text: formatReference(pack.reference, style, { locator }), source: 'pack' };
    return undefined;
  }

  // ---- diagnostics -----------------------------------------------------------------------

  /** Problems of a document (unknown keys, footnotes, bibliography files) and of the files it uses (malformed entries). */
  async diagnose(doc: CitationDocument): Promise<CitationDiagnostics> {
    const scan = this.scan(doc);
    const bib = await this.bibliography(doc);
    // Keys are checked in a draft that cites (a bracketed citation, or a bibliography), and only when every
    // bibliography could be read (a missing one has no keys yet).
    const cites = scan.citations.some((c) => c.bracketed) || bib.files.length > 0;
    const keyed = cites && bib.files.every((f) => f.status === 'ok' || f.status === 'missing');
    const problems = checkCitations(scan, { isKnownKey: keyed ? (k) => bib.keys.has(k.toLowerCase()) : undefined });
    const document = problems.map((p) => withTemplate(p, doc.text));
    const files: CitationDiagnostics['files'] = [];
    for (const f of bib.files) {
      const range = this.pathRange(doc, scan, bib, f.path);
      const message = fileStatusMessage(f);
      if (message) document.push(problemOf(f.status === 'unreadable' ? 'error' : 'warning', `bibliography.${f.status}`, range, message));
      if (f.status === 'ok' && f.loaded && f.file) files.push({ file: f.file, text: f.text ?? '', problems: f.loaded.problems });
    }
    return { document, files };
  }

  /** Where the front matter names a bibliography path (the front matter, or the start for the setting). */
  private pathRange(doc: CitationDocument, scan: MarkdownScan, bib: DocumentBibliography, path: string): TextRange {
    const fm = scan.frontMatter;
    if (bib.origin !== 'front-matter' || !fm) return { start: 0, end: 0 };
    const i = doc.text.indexOf(path, fm.contentRange.start);
    return i >= 0 && i < fm.contentRange.end ? { start: i, end: i + path.length } : fm.range;
  }
}

/** The diagnostic message of a bibliography file that cannot be used as it is. */
function fileStatusMessage(f: BibliographyFile): CitationMessage | undefined {
  if (f.status === 'unreadable') return unreadableMessage(f.path, f.reason ?? { kind: 'error', detail: '' }, false);
  if (f.status === 'missing') return citationMessage('missing', f.path);
  if (f.status === 'unsupported') return citationMessage('unsupported', f.path);
  return undefined;
}

const CHECK_TEMPLATES = {
  'citation.unknown-key': 'unknownKey',
  'footnote.undefined': 'footnoteUndefined',
  'footnote.unused': 'footnoteUnused',
  'footnote.duplicate': 'footnoteDuplicate',
} as const;

/** A problem of the Markdown check with its message template (the key, or the footnote as written). */
function withTemplate(p: Problem, text: string): Problem {
  if (p.template) return p;
  const key = CHECK_TEMPLATES[p.code as keyof typeof CHECK_TEMPLATES];
  if (!key) return p;
  const at = text.slice(p.range.start, p.range.end);
  const arg = p.code === 'citation.unknown-key' ? at.replace(/^-?@\{?|\}$/g, '') : at;
  return citationProblem(p.severity, p.code, p.range, key, arg);
}
