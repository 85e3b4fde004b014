export { draftPack, buildPack, citationKey } from './pack';
export type { PackDraft, ReferenceDraft, BuildOptions } from './pack';
export { extractTerms } from './terms';
export type { TermCandidate, CandidateSource, TermText } from './terms';
export { scriptForms } from './forms';
export { parseFrontMatterFields } from './frontMatter';
export { REVIEW_LISTED, REVIEW_PRESELECTED, REFERENCE_FIELDS, isMarkdownReport, packFileName, packIdOf, isYearOrEmpty, referenceValue, packText } from './packFile';
export { knownCandidates, topNewCandidates } from './known';
export type { KnownTerm } from './known';
