/**
 * Citations: reference formatting (GB/T 7714-2025/2015, APA 7), citation keys, bibliography
 * files with positions, citations in Markdown, and insertion plans. Pure: no host APIs.
 */
export * from './types';
export { formatReference, formatInlineCitation, formatFootnoteText, pandocLocator } from './format';
export type { FormatReferenceOptions, CitedSource, ReferenceMarkup } from './format';
export {
  formatGbt7714,
  formatGbt7714AuthorDate,
  gbtTypeCode,
  gbtName,
  gbtNameList,
  gbtLocatorText,
  gbtElements,
  joinGbtElements,
  gbtEditionText,
  gbtYear,
  sentenceCase,
} from './gbt7714';
export type { GbtEdition, GbtOptions, GbtTypeCode, GbtSystem, GbtElement, GbtElementName } from './gbt7714';
export { formatApa, formatApaInline, apaLocatorText } from './apa';
export { makeCitationKey, citationKeyBase } from './keys';
export { isCjkEntry, entryChineseScript, toSimplifiedChinese, dateYear, isoDate } from './csl';
export {
  parseBibliography,
  planBibliographyAppend,
  serializeBibliography,
  bibliographyFormatOf,
  detectEol,
} from './bibliography';
export type { ParsedBibliography, AppendPlan } from './bibliography';
export { parseBibtex, bibtexToCsl, cslToBibtex, latexToText, parseBibtexNames } from './bibtex';
export type { BibtexEntry, BibtexParseResult } from './bibtex';
export { scanCitations, findCitations, checkCitations, isSkipped, citationAt } from './markdown';
export type {
  MarkdownScan,
  PandocCitation,
  PandocCitationItem,
  FootnoteReference,
  FootnoteDefinition,
  CheckCitationsOptions,
  CitationAtOffset,
} from './markdown';
export { frontMatterBibliography, planFrontMatterBibliography } from './frontMatter';
export type { FrontMatterPlan } from './frontMatter';
export { planCitationInsertion, applyTextEdits, planFootnoteDefinition, planFootnoteRemoval } from './insert';
export type { CitationInsertionRequest, CitationInsertionPlan, CitationSourceRef, ExistingBibliography } from './insert';
export { toPickItem, filterPickItems, BibliographyCache } from './sources';
export type { CitablePickItem, LoadedBibliography } from './sources';
export { CitationService } from './service';
export type { CitationArgs, ResolvedSource, BibliographyFile, DocumentBibliography, CitationDiagnostics } from './service';
export { planCitation, planAddEntry } from './plan';
export type { CitationChanges, PlannedCitation, FileEdit } from './plan';
export { parseLocatorText, locatorFromArgs } from './locatorText';
export type { LocatorArgs } from './locatorText';
export { CITATION_MESSAGES, CitationError, citationMessage, unreadableMessage } from './messages';
export type { CitationMessage, MessageArg, UnreadableReason } from './messages';
export type { CitationHost, CitationDocument, CitationSettings, BibliographyRead } from './workspace';
