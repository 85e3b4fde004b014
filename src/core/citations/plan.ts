/**
 * The decision tree of one Insert Citation, over the document's bibliography as it is now:
 *
 * - Pandoc syntax: keys missing from the bibliography are appended to its first file that can
 *   take entries (BibTeX, CSL-JSON, CSL-YAML; a missing file is created). With no bibliography
 *   named, a `references.json` beside the document is adopted (and named in the front matter),
 *   else a new one is created and named. An unreadable bibliography stops everything.
 * - In an untrusted workspace only the document is written: missing entries are reported in a
 *   note, never added, and no file beside the document is adopted.
 * - Footnote and inline syntaxes write only the document.
 *
 * The result is plain data (document edits, file edits against the text that was read, a file
 * to create, notes); a host applies it as one undo step. Throws a CitationError when nothing
 * can be inserted safely.
 */
import type { CslItem, ReportPack } from '../pack/types';
import type { TextEdit } from '../text/types';
import { detectEol, planBibliographyAppend, serializeBibliography } from './bibliography';
import { planFrontMatterBibliography } from './frontMatter';
import { applyEdits } from '../text/edits';
import { planCitationInsertion, type CitationInsertionRequest, type CitationSourceRef } from './insert';
import { CitationError, citationMessage, messageOf, unreadableMessage, type CitationMessage } from './messages';
import type { BibliographyFile, CitationService, DocumentBibliography, ResolvedSource } from './service';
import type { CitationSyntax } from './types';
import type { CitationDocument } from './workspace';

/** Insertions into a bibliography file that exists, in offsets of `text` (its text as read). */
export interface FileEdit {
  file: string;
  text: string;
  edits: TextEdit[];
}

/** Every change of one command: a host applies them together, as one undo step. */
export interface CitationChanges {
  /** Edits to the document, in offsets of the text planned against; sorted, never overlapping. */
  documentEdits: TextEdit[];
  fileEdits: FileEdit[];
  /** A bibliography file to create, with its contents. */
  create?: { file: string; content: string };
}

export interface PlannedCitation extends CitationChanges {
  /** Where each citation went, in document offsets before the edit. */
  citations: Array<{ at: number; text: string }>;
  /** Messages for the user (warnings and notes); the changes are still valid. */
  notes: CitationMessage[];
}

function refOf(s: ResolvedSource, key = s.key): CitationSourceRef {
  return { key, item: s.item, ...(s.locator ? { locator: s.locator } : {}) };
}

function refuseUnreadable(f: BibliographyFile): never {
  throw new CitationError(unreadableMessage(f.path, f.reason ?? { kind: 'error', detail: '' }, true));
}

/**
 * With no bibliography named: the `references.json` beside the document when it exists (trusted
 * workspaces only), so the document's bibliography becomes that file.
 */
async function adoptBeside(
  service: CitationService,
  doc: CitationDocument,
  bib: DocumentBibliography,
): Promise<DocumentBibliography | undefined> {
  const beside = bib.files.length === 0 && service.host.isTrusted() ? service.besideFile(doc) : undefined;
  if (!beside) return undefined;
  const file = await service.loadFile(beside, 'references.json');
  if (file.status === 'unreadable') refuseUnreadable(file);
  return file.status === 'ok' ? { ...bib, files: [file], keys: new Set(file.loaded!.keys) } : undefined;
}

/** The changes that cite `sources` at each cursor (document offsets). */
export async function planCitation(
  service: CitationService,
  doc: CitationDocument,
  cursors: number[],
  sources: ResolvedSource[],
  syntax: CitationSyntax,
): Promise<PlannedCitation> {
  const { text } = doc;
  const trusted = service.host.isTrusted();
  const notes: CitationMessage[] = [];
  let refs = sources.map((s) => refOf(s));
  let bibliography: CitationInsertionRequest['bibliography'];
  let target: BibliographyFile | undefined;
  let newFile: string | undefined;
  let adoptedFrontMatter: TextEdit[] = [];

  if (syntax === 'pandoc') {
    let bib = await service.bibliography(doc);
    const unreadable = bib.files.find((f) => f.status === 'unreadable');
    if (unreadable) refuseUnreadable(unreadable);
    const adopted = await adoptBeside(service, doc, bib);
    if (adopted) bib = adopted;
    // Keys of pack sources are settled against the bibliography as it is now.
    refs = sources.map((s) => refOf(s, s.kind === 'pack' && s.pack ? service.packKey(s.pack, bib) : s.key));
    const keys = [...bib.keys];
    const missingKeys = refs.filter((r) => !bib.keys.has(r.key.toLowerCase()));
    target = bib.files.find((f) => f.status === 'ok' || f.status === 'missing');
    if (missingKeys.length > 0 && bib.files.length > 0 && !target) throw CitationError.of('notAppendable', bib.files[0].path);
    if (!trusted) {
      bibliography = { existing: { path: target?.path ?? 'references.json', keys } };
    } else if (target) {
      bibliography = { existing: { path: target.path, keys } };
      if (adopted) {
        const fm = planFrontMatterBibliography(text, 'references.json', service.scan(doc));
        if (fm.problem) throw CitationError.of('frontMatterBlocksNewFile');
        adoptedFrontMatter = fm.edits;
      }
    } else if (missingKeys.length > 0) {
      newFile = service.besideFile(doc);
      if (!newFile) throw CitationError.of('untitledNoFolder');
      bibliography = { existing: 'none', newFileName: 'references.json' };
    } else {
      bibliography = { existing: 'none' };
    }
  }

  const plan = planCitationInsertion({
    text,
    cursors: cursors.map((c) => ({ start: c, end: c })),
    syntax,
    sources: refs,
    style: service.style(doc),
    bibliography,
  });
  const error = plan.problems.find((p) => p.severity === 'error');
  if (error) throw new CitationError(messageOf(error));
  if (plan.newBibliographyFile && plan.problems.some((p) => p.code === 'front-matter.invalid')) {
    // A new file the front matter cannot name would be a bibliography nobody reads.
    throw CitationError.of('frontMatterBlocksNewFile');
  }
  for (const p of plan.problems) notes.push(messageOf(p));

  const documentEdits = adoptedFrontMatter.length ? mergeInsertions(adoptedFrontMatter, plan.edits) : plan.edits;
  const changes: PlannedCitation = { documentEdits, citations: plan.citations, notes, fileEdits: [] };
  if (plan.bibliography && plan.bibliography.items.length > 0) {
    if (!trusted) {
      notes.push(citationMessage('untrustedNotAdded', plan.bibliography.items.map((i) => i.id).join(', ')));
    } else if (target?.file && target.format) {
      const append = planBibliographyAppend(target.text ?? '', target.format, plan.bibliography.items);
      if (!append.edit) throw new CitationError(citationMessage('appendRefused', target.path, messageOf(append.problem)));
      if (target.status === 'missing') changes.create = { file: target.file, content: applyEdits('', [append.edit]) };
      else changes.fileEdits.push({ file: target.file, text: target.text ?? '', edits: [append.edit] });
    }
  }
  if (plan.newBibliographyFile && trusted && newFile) changes.create = { file: newFile, content: plan.newBibliographyFile.content };
  if (changes.create && doc.untitled) notes.push(citationMessage(
    'untitledCreated',
    plan.newBibliographyFile?.path ?? target?.path ?? 'references.json',
  ));
  return changes;
}

/**
 * The changes that add a pack's report to the document's bibliography under `key` (creating the
 * file and naming it in the front matter as needed), for a quick fix. Undefined when nothing
 * can be added safely (untrusted workspace, unreadable bibliography, invalid front matter).
 */
export async function planAddEntry(
  service: CitationService,
  doc: CitationDocument,
  key: string,
  pack: ReportPack,
): Promise<CitationChanges | undefined> {
  const bib = await service.bibliography(doc);
  if (!service.host.isTrusted() || bib.files.some((f) => f.status === 'unreadable')) return undefined;
  const item: CslItem = { ...pack.reference, id: key };
  const target = bib.files.find((f) => f.status === 'ok' || f.status === 'missing');
  if (target?.format && target.file) {
    const append = planBibliographyAppend(target.text ?? '', target.format, item);
    if (!append.edit) return undefined;
    if (target.status === 'missing') return {
      documentEdits: [],
      fileEdits: [],
      create: { file: target.file, content: applyEdits('', [append.edit]) },
    };
    return { documentEdits: [], fileEdits: [{ file: target.file, text: target.text ?? '', edits: [append.edit] }] };
  }
  const file = bib.files.length === 0 ? service.besideFile(doc) : undefined;
  if (!file) return undefined;
  const existing = await service.loadFile(file, 'references.json');
  const changes: CitationChanges = { documentEdits: [], fileEdits: [] };
  if (existing.status === 'ok') {
    const append = planBibliographyAppend(existing.text ?? '', 'csl-json', item);
    if (!append.edit) return undefined;
    changes.fileEdits.push({ file, text: existing.text ?? '', edits: [append.edit] });
  } else if (existing.status === 'missing') {
    changes.create = { file, content: serializeBibliography('csl-json', [item], detectEol(doc.text)) };
  } else return undefined;
  const fm = planFrontMatterBibliography(doc.text, 'references.json', service.scan(doc));
  if (fm.problem) return undefined;
  changes.documentEdits = fm.edits;
  return changes;
}

/**
 * Merges front matter insertions into a plan's document edits: insertions at the same offset
 * become one edit with the front matter first.
 */
function mergeInsertions(first: TextEdit[], edits: TextEdit[]): TextEdit[] {
  const out = edits.map((e) => ({ range: { ...e.range }, newText: e.newText }));
  for (const f of first) {
    const same = out.find((e) => e.range.start === f.range.start && e.range.end === f.range.end && f.range.start === f.range.end);
    if (same) same.newText = f.newText + same.newText;
    else out.push({ range: { ...f.range }, newText: f.newText });
  }
  return out.sort((a, b) => a.range.start - b.range.start || a.range.end - b.range.end);
}
