/**
 * What the citation service needs from its host, in the manner of a language service's
 * workspace: the document, bibliography files read by name, the settings that matter, the
 * report packs, and workspace trust. A VS Code adapter reads through `workspace.fs` and open
 * editors; a command line reads the disk; tests use an in-memory host.
 */
import type { ReportPack, Script } from '../pack/types';
import type { UnreadableReason } from './messages';

/** A Markdown document to cite in. `uri` is the host's name for it; `text` is its text now. */
export interface CitationDocument {
  uri: string;
  text: string;
  /** An unsaved document without a file name. */
  untitled?: boolean;
}

/** What reading a bibliography file found. */
export type BibliographyRead =
  | { kind: 'text'; text: string }
  | { kind: 'missing' }
  | { kind: 'unreadable'; reason: UnreadableReason };

/** The settings the citation service reads (for one document). */
export interface CitationSettings {
  /** `fintechLens.bibliography`: a bibliography file for documents whose front matter names none. */
  bibliography?: string;
  /** `fintechLens.citation.style`: a style, or `auto`. */
  style?: string;
  /** `fintechLens.citation.syntax`. */
  syntax?: string;
  /** The display script (chooses the style for `auto`, and pack names). */
  displayScript: Script;
}

export interface CitationHost {
  /** Whether the workspace is trusted. Untrusted: the bibliography setting is ignored and only the document is written. */
  isTrusted(): boolean;
  settings(doc: CitationDocument): CitationSettings;
  /** The loaded report packs, in the order the picker lists them. */
  reportPacks(): readonly ReportPack[];
  /**
   * The host's name of the file `path` names for `doc` (an absolute path, or one relative to
   * the document's folder or to the workspace folder); undefined when there is no folder to
   * resolve a relative path in.
   */
  resolve(doc: CitationDocument, path: string, relativeTo: 'document' | 'workspace'): string | undefined;
  /** Reads a bibliography file (the open editor's text when it is open). */
  read(file: string): Promise<BibliographyRead>;
}
