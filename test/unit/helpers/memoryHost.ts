/**
 * An in-memory host for the citation service: files by `mem:/ws/<path>` name, a workspace
 * folder `mem:/ws`, settings, packs and trust that tests set, and a record of every read.
 */
import * as fs from 'fs';
import type { BibliographyRead, CitationChanges, CitationDocument, CitationHost, CitationSettings } from '../../../src/core/citations';
import { applyTextEdits } from '../../../src/core/citations/insert';
import { loadPack } from '../../../src/core/pack/load';
import type { ReportPack } from '../../../src/core/pack/types';

export const WS = 'mem:/ws';

let builtin: ReportPack | undefined;

/** The built-in pack, loaded as the extension loads it. */
export function builtinPack(): ReportPack {
  builtin ??= loadPack(fs.readFileSync('media/packs/fintech-2026/pack.json', 'utf8')).pack!;
  return builtin;
}

function normalize(path: string): string {
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '..') out.pop();
    else if (part !== '.' && part !== '') out.push(part);
  }
  return out.join('/');
}

export class MemoryHost implements CitationHost {
  readonly files = new Map<string, string>();
  /** Names that are folders (reading them fails). */
  readonly folders = new Set<string>();
  /** Names whose bytes are not UTF-8. */
  readonly binary = new Set<string>();
  readonly reads: string[] = [];
  trusted = true;
  /** Whether there is a workspace folder (an untitled document outside one has no folder). */
  workspace = true;
  settingsValue: CitationSettings = { displayScript: 'zh-Hant', style: 'auto', syntax: 'pandoc', bibliography: '' };
  packList: ReportPack[] = [builtinPack()];

  /** Adds files by path relative to the workspace folder. */
  constructor(files: Record<string, string> = {}) {
    for (const [p, text] of Object.entries(files)) this.files.set(`${WS}/${normalize(p)}`, text);
  }

  isTrusted(): boolean {
    return this.trusted;
  }

  settings(): CitationSettings {
    return this.settingsValue;
  }

  reportPacks(): readonly ReportPack[] {
    return this.packList;
  }

  resolve(doc: CitationDocument, path: string, relativeTo: 'document' | 'workspace'): string | undefined {
    if (path.startsWith('/')) return `mem:${normalize(path) ? `/${normalize(path)}` : '/'}`;
    const docFolder = doc.untitled ? (this.workspace ? WS : undefined) : doc.uri.slice(0, doc.uri.lastIndexOf('/'));
    const base = relativeTo === 'workspace' && this.workspace ? WS : docFolder;
    if (!base) return undefined;
    return `mem:/${normalize(`${base.slice('mem:'.length)}/${path}`)}`;
  }

  async read(file: string): Promise<BibliographyRead> {
    this.reads.push(file);
    if (this.folders.has(file)) return { kind: 'unreadable', reason: { kind: 'folder' } };
    if (this.binary.has(file)) return { kind: 'unreadable', reason: { kind: 'not-utf8' } };
    const text = this.files.get(file);
    return text === undefined ? { kind: 'missing' } : { kind: 'text', text };
  }

  /** A document at `path` (relative to the workspace folder) with `text`. */
  doc(path: string, text: string): CitationDocument {
    return { uri: `${WS}/${normalize(path)}`, text };
  }

  /** Applies a plan's changes: the document's new text is returned, files are written. */
  apply(doc: CitationDocument, changes: CitationChanges): string {
    for (const f of changes.fileEdits) {
      if (this.files.get(f.file) !== f.text) throw new Error(`${f.file} changed since it was read`);
      this.files.set(f.file, applyTextEdits(f.text, f.edits));
    }
    if (changes.create) {
      if (this.files.has(changes.create.file)) throw new Error(`${changes.create.file} exists`);
      this.files.set(changes.create.file, changes.create.content);
    }
    const text = applyTextEdits(doc.text, changes.documentEdits);
    this.files.set(doc.uri, text);
    return text;
  }
}
