/**
 * The taxonomy model: the tree of packs, categories, topics, terms, outline sections and
 * report passages; coverage of a draft; labels; and the filter picker's matching.
 */
export { TaxonomyTree, localized } from './tree';
export { indexPassages, mergePassages, passageIndexAt } from './passages';
export type { PassageHit, PassageIndex } from './passages';
export { countCoverage, coverageChange, rollUp, termKey, visibleChildren, CoverageRollup } from './coverage';
export type { CoverageChange, CoverageCounts, CoverageHit, NodeCoverage } from './coverage';
export { nodeText, otherForms, sectionShort, sectionTitle, snippet } from './labels';
export type { FixedLabels, NodeText } from './labels';
export { filterTaxonomy, prepareFilter, warmFilter } from './filter';
export type { FilterEntry, PreparedFilter } from './filter';
export type * from './types';
export { escapeHtml, renderCardHtml } from './cardHtml';
export type { CardHtmlInput, CardHtmlLabels, HtmlLink } from './cardHtml';
