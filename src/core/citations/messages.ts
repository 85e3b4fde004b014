/**
 * Message templates of the citation service. `{0}`, `{1}` are filled from the arguments; hosts
 * localise a message by its template (the English text is also carried, for hosts without
 * translations, such as a command line).
 */
import type { Problem, Severity, TextRange } from '../text/types';
import { formatMessage } from '../text/messages';

export const CITATION_MESSAGES = {
  noSource: 'Nothing to cite.',
  cursorInFrontMatter: 'A citation cannot go inside the front matter; that cursor was skipped.',
  noCursor: 'There is no place to insert the citation.',
  unclosedFence: 'The document ends inside an unclosed code block, so a footnote cannot be added after it. Nothing was inserted.',
  footnoteCursorSkipped: 'Markdown would show a footnote reference at that cursor as text (it is in code, an HTML block or a comment); that cursor was skipped.',
  footnoteNowhere: 'Markdown would show a footnote reference at the cursor as text (it is in code, an HTML block or a comment). Move the cursor out of it. Nothing was inserted.',
  pandocCursorSkipped: 'Pandoc would show a citation at that cursor as text (it is in code, raw HTML or TeX, math, a link address or a comment); that cursor was skipped.',
  pandocNowhere: 'Pandoc would show a citation at the cursor as text (it is in code, raw HTML or TeX, math, a link address or a comment). Move the cursor out of it. Nothing was inserted.',
  frontMatterInvalid: 'The front matter is not valid YAML, so the bibliography cannot be named in it.',
  frontMatterNotList: '`bibliography:` in the front matter is neither a file name nor a list; it was not changed.',
  frontMatterBlocksNewFile: 'The front matter is not valid YAML, so the bibliography cannot be named in it. Nothing was inserted.',
  unknownKey: 'No bibliography entry has the key "{0}".',
  unknownInTextKey: 'No bibliography entry has the key "{0}". Pandoc reads @{0} as a citation; write \\@ for a plain @.',
  keyNotPandoc: 'The key "{0}" cannot be written in Pandoc\'s citation syntax (it has a blank or an unbalanced brace). Nothing was inserted.',
  keyNotCslYaml: 'The key "{0}" cannot be a CSL-YAML key, as Pandoc reads it as Markdown there: use no quotes, backslash, <, &, -- or ... and no pair of * _ ~ ^ ` $.',
  keyNotBibtex: 'The key "{0}" cannot be a BibTeX key: use only letters, digits and ! $ & * + - . / : ; ? @ [ ] _ `.',
  footnoteUndefined: 'Footnote {0} has no definition.',
  footnoteUnused: 'Footnote {0} is never referenced.',
  footnoteDuplicate: 'Footnote {0} is defined more than once; the first definition is used.',
  unreadable: 'Cannot read the bibliography {0}: {1}',
  unreadableFolder: 'Cannot read the bibliography {0}: it is a folder',
  unreadableNotUtf8: 'Cannot read the bibliography {0}: it is not UTF-8 text',
  unreadableNoFolder: 'Cannot read the bibliography {0}: an untitled document outside a workspace has no folder to find it in',
  cannotRead: 'Cannot read the bibliography {0}: {1}. Nothing was inserted.',
  cannotReadFolder: 'Cannot read the bibliography {0}: it is a folder. Nothing was inserted.',
  cannotReadNotUtf8: 'Cannot read the bibliography {0}: it is not UTF-8 text. Nothing was inserted.',
  cannotReadNoFolder: 'Cannot read the bibliography {0}: an untitled document outside a workspace has no folder to find it in. Nothing was inserted.',
  missing: 'The bibliography {0} does not exist; it is created when a citation adds an entry to it.',
  unsupported: 'The bibliography {0} is not BibTeX, CSL-JSON or CSL-YAML; its entries are not read.',
  notAppendable: 'Entries can only be added to BibTeX (.bib), CSL-JSON (.json) or CSL-YAML (.yaml) bibliographies; {0} is none of them. Nothing was inserted.',
  appendRefused: '{0}: {1}',
  untitledNoFolder: 'This untitled document has no folder for a bibliography file. Save it, open a folder, or use the footnote or inline citation syntax.',
  untitledCreated: 'The document is untitled, so its bibliography {0} was created in the workspace folder; save the document in that folder to keep the link.',
  untrustedNotAdded: 'This workspace is not trusted, so the bibliography was not changed. Add these entries to it yourself: {0}.',
  noSection: 'The report "{0}" has no section "{1}".',
  badSource: 'Insert Citation: "source" must name a pack or a bibliography key.',
  badSyntax: 'Insert Citation: unknown syntax "{0}".',
  unknownSource: 'There is no pack or bibliography entry "{0}" to cite.',
} as const;

export type CitationMessageKey = keyof typeof CITATION_MESSAGES;

/** A message for the user: its English template and arguments, and the English text. */
export interface CitationMessage {
  template: string;
  /** Arguments; a message argument is localised before it is filled in. */
  args: MessageArg[];
  message: string;
}

export type MessageArg = string | number | CitationMessage;

const english = (a: MessageArg): string | number => (typeof a === 'object' ? a.message : a);

export function citationMessage(key: CitationMessageKey, ...args: MessageArg[]): CitationMessage {
  const template = CITATION_MESSAGES[key];
  return { template, args, message: formatMessage(template, args.map(english)) };
}

/** A problem's message as a citation message (its template, else its English text). */
export function messageOf(p: Pick<Problem, 'message' | 'template' | 'args'>): CitationMessage {
  return p.template ? {
    template: p.template,
    args: p.args ?? [],
    message: p.message,
  } : { template: p.message, args: [], message: p.message };
}

export function citationProblem(
  severity: Severity,
  code: string,
  range: TextRange,
  key: CitationMessageKey,
  ...args: Array<string | number>
): Problem {
  return problemOf(severity, code, range, citationMessage(key, ...args));
}

/** A problem with a message (message arguments are given in English: problems carry plain arguments). */
export function problemOf(severity: Severity, code: string, range: TextRange, m: CitationMessage): Problem {
  return { severity, code, range, template: m.template, args: m.args.map(english), message: m.message };
}

/** Nothing can be inserted or resolved; `message` says why. Nothing was changed. */
export class CitationError extends Error {
  constructor(readonly detail: CitationMessage) {
    super(detail.message);
  }

  static of(key: CitationMessageKey, ...args: MessageArg[]): CitationError {
    return new CitationError(citationMessage(key, ...args));
  }
}

/** Why a bibliography file could not be read. */
export type UnreadableReason = { kind: 'folder' } | { kind: 'not-utf8' } | { kind: 'no-folder' } | { kind: 'error'; detail: string };

/** "Cannot read the bibliography …", as a diagnostic (`inserting` false) or as the reason nothing was inserted. */
export function unreadableMessage(path: string, reason: UnreadableReason, inserting: boolean): CitationMessage {
  switch (reason.kind) {
    case 'folder':
      return citationMessage(inserting ? 'cannotReadFolder' : 'unreadableFolder', path);
    case 'not-utf8':
      return citationMessage(inserting ? 'cannotReadNotUtf8' : 'unreadableNotUtf8', path);
    case 'no-folder':
      return citationMessage(inserting ? 'cannotReadNoFolder' : 'unreadableNoFolder', path);
    default:
      return citationMessage(inserting ? 'cannotRead' : 'unreadable', path, reason.detail);
  }
}
