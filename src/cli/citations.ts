/**
 * The core citation service over the disk: the command line's `CitationHost`. The workspace is
 * trusted (the user runs the command on their own files), bibliography paths resolve against the
 * draft's folder or the workspace root, and files are read as UTF-8.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CITATION_MESSAGES, CitationService, type BibliographyRead, type CitationDocument, type CitationHost, type CitationSettings } from '../core/citations';
import { loadRenderData, type CiteDocument, type RenderData } from '../core/render';
import { resolveDisplayScript } from '../core/glossary/card';
import type { Problem } from '../core/text/types';
import type { Config } from './config';
import type { LoadedPacks } from './packs';

export interface BibliographyProblems {
  file: string;
  text: string;
  problems: Problem[];
}

export interface CitationChecker {
  /** The citation problems of a draft (unknown keys, footnotes, bibliography files it names). */
  document(file: string, text: string): Promise<Problem[]>;
  /** Problems inside bibliography files met since the last call, each file once per run. */
  takeFileProblems(): BibliographyProblems[];
  /** Drops what is kept for a draft once it is checked. */
  forget(file: string): void;
  /** The formatted reference of `key` for a draft (or for the workspace root when there is none). */
  reference(key: string, options: { style?: string; locator?: string; file?: string }): Promise<string | undefined>;
  /**
   * What rendering a draft needs (its style and sources), as the editor's preview and Export
   * Draft load it; `style` (a name `styleFromName` knows) overrides the front matter and settings.
   */
  renderData(file: string, text: string, doc: CiteDocument, style?: string): Promise<RenderData>;
}

function readBibliography(file: string): BibliographyRead {
  let bytes: Uint8Array;
  try {
    if (fs.statSync(file).isDirectory()) return { kind: 'unreadable', reason: { kind: 'folder' } };
    bytes = fs.readFileSync(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' };
    return { kind: 'unreadable', reason: { kind: 'error', detail: (e as Error).message } };
  }
  try {
    return { kind: 'text', text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return { kind: 'unreadable', reason: { kind: 'not-utf8' } };
  }
}

export function citationChecker(config: Config, packs: LoadedPacks): CitationChecker {
  let styleOverride: string | undefined;
  const settings = (): CitationSettings => ({
    bibliography: config.get('bibliography') as string | undefined,
    style: styleOverride ?? (config.get('citation.style') as string | undefined),
    syntax: config.get('citation.syntax') as string | undefined,
    displayScript: resolveDisplayScript(config.get('displayScript') as string | undefined, 'en'),
  });
  // Files do not change during a run (`--fix` writes only drafts): each bibliography is read once.
  const reads = new Map<string, BibliographyRead>();
  const host: CitationHost = {
    isTrusted: () => true,
    settings,
    reportPacks: () => packs.packs.map((p) => p.pack),
    resolve: (doc, p, relativeTo) => {
      if (path.isAbsolute(p)) return p;
      return path.resolve(relativeTo === 'document' ? path.dirname(doc.uri) : config.root, p);
    },
    read: async (file) => {
      let r = reads.get(file);
      if (!r) reads.set(file, (r = readBibliography(file)));
      return r;
    },
  };
  const service = new CitationService(host);
  const reported = new Set<string>();
  let pending: BibliographyProblems[] = [];
  return {
    async document(file, text) {
      const result = await service.diagnose({ uri: file, text });
      for (const f of result.files) {
        if (reported.has(f.file)) continue;
        reported.add(f.file);
        if (f.problems.length) pending.push({ file: f.file, text: f.text, problems: f.problems });
      }
      return result.document;
    },
    takeFileProblems() {
      const out = pending;
      pending = [];
      return out;
    },
    forget: (file) => service.forget(file),
    async reference(key, options) {
      const doc: CitationDocument = options.file
        ? { uri: path.resolve(options.file), text: fs.readFileSync(options.file, 'utf8').replace(/^\uFEFF/, '') }
        : { uri: path.join(config.root, '.fintech-lens-cite.md'), text: '' };
      styleOverride = options.style;
      try {
        return (await service.reference(doc, key, options.locator))?.text;
      } finally {
        styleOverride = undefined;
      }
    },
    renderData(file, text, doc, style) {
      const styled = style ? { ...doc, meta: { ...doc.meta, csl: style } } : doc;
      return loadRenderData(service, { uri: path.resolve(file), text }, styled, config.get, CITATION_MESSAGES.unknownKey);
    },
  };
}
