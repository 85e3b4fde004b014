/**
 * Rendering a draft as its reader sees it: citations, footnotes and the reference list in the
 * analyst's style, for the Markdown preview (a markdown-it plugin), the rendered Markdown copy,
 * the maintained reference list and the exports. Pure: no host APIs.
 */
export { citationPlugin, citationText } from './markdownIt';
export type { CitationPluginOptions, RenderData } from './markdownIt';
export { readCiteDocument, MANAGED_START, MANAGED_END } from './document';
export type { CiteDocument, CiteRef, CiteItemRef, ListPlace, RenderMeta } from './document';
export { CitationProcessor, compressNumbers } from './processor';
export type { RenderSources, ListEntry } from './processor';
export { styleFromName } from './style';
export { splitPandocSuffix } from './suffix';
export type { PandocSuffix } from './suffix';
export type { RenderStyle, CitationSystem } from './style';
export { listHtml, listMarkdown, listTitle, listHeadingLevel, draftLanguage, LIST_TITLES } from './list';
export { inlineToHtml, inlineToMarkdown, inlineToText, entryId } from './inline';
export type { Inline } from './inline';
export { escapeMarkdownText, spansOfHtml } from './escape';
export { termTooltips, termsHtml } from './terms';
export type { RenderTerms } from './terms';
export { planReferenceList, renderedMarkdown, managedListText } from './markdownText';
export type { ReferenceListPlan, MarkdownListOptions } from './markdownText';
export { htmlDocument, draftTitle, stripEditorAttributes } from './htmlDocument';
export type { HtmlDocumentOptions } from './htmlDocument';
export { renderStyleOf, renderItems, renderSourcesOf, loadRenderData, htmlLangOf } from './sources';
export { exportHtml, exportFileName, renderDraftBody, pandocExportArgs, pdfEngineNeedsPandoc, weasyprintArgs, EXPORT_SUFFIX, PANDOC_URL, PDF_ENGINES } from './export';
export type { ExportFormat, PandocExportOptions } from './export';
