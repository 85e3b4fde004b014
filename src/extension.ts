/**
 * Entry point: creates the shared services and wires one adapter per feature.
 * No feature logic lives here.
 */
import * as vscode from 'vscode';
import { PackRegistry } from './host/packs';
import type { ReportParser } from './host/parser';
import { platform } from './host/platform';
import { ReportService } from './host/reports';
import { TermService } from './host/terms';
import { registerPackCommands } from './features/packs/commands';
import { registerStatusBar } from './features/packs/statusBar';
import { registerHover } from './features/terms/hover';
import { registerCompletion } from './features/terms/completion';
import { registerGoToDefinition } from './features/terms/goToDefinition';
import { registerDecorations } from './features/terms/decorations';
import { registerLint } from './features/lint/lint';
import { registerReportNavigation } from './features/reports/navigation';
import { registerImportReport } from './features/reports/importReport';
import { registerCreatePackFromReport } from './features/packs/createPackFromReport';
import { registerCitations } from './features/citations/insertCitation';
import { onDidShowCitationPicker } from './features/citations/picker';
import { HostCitationService } from './host/citationService';
import { registerTaxonomyTree, type TaxonomyApi } from './features/taxonomy/tree';
import { RenderDataService } from './host/renderData';
import { registerPreview } from './features/preview/preview';
import { registerReferenceListCommands } from './features/preview/referenceList';
import { registerExport } from './features/preview/export';
import type { MarkdownIt } from 'markdown-it';

export interface FintechLensApi {
  /** Resolves once packs are loaded and reports bound (tests wait on it). */
  ready(): Promise<void>;
  readonly packs: PackRegistry;
  readonly reports: ReportService;
  readonly terms: TermService;
  /** The report parser (tests read where it runs: a worker, or inline). */
  readonly parser: ReportParser;
  /** The Taxonomy view: its provider, TreeView, commands, drop provider and glossary view. */
  readonly taxonomy?: TaxonomyApi;
  /** Citations: bibliography discovery, planning, drop edits. */
  readonly citations: HostCitationService;
  /** Fires as each Insert Citation picker opens (tests wait on it). */
  readonly onDidShowCitationPicker: vscode.Event<'sources' | 'locator'>;
  /** Called by VS Code's Markdown extension (`markdown.markdownItPlugins`): citations, footnotes and the reference list. */
  extendMarkdownIt(md: MarkdownIt): MarkdownIt;
}

export function activate(context: vscode.ExtensionContext): FintechLensApi {
  const log = vscode.window.createOutputChannel('Fintech Lens', { log: true });
  const parser = platform.reportParser(context.extensionUri);
  const packs = new PackRegistry(context.extensionUri, log);
  const reports = new ReportService(packs, parser, log);
  const terms = new TermService(packs, log);
  const citations = new HostCitationService(packs, reports, terms, log);
  context.subscriptions.push(log, parser, packs, reports, terms, citations);
  const importer = platform.reportImporter(context.extensionUri);
  const taxonomy = registerTaxonomyTree(packs, reports, terms, citations, log);

  context.subscriptions.push(
    registerPackCommands(packs, reports),
    registerStatusBar(packs, reports),
    registerReportNavigation(reports),
    registerImportReport(importer, reports, log),
    registerCreatePackFromReport(importer, packs, reports, log),
    registerHover(terms, reports),
    registerCompletion(terms, reports),
    registerGoToDefinition(terms, reports),
    registerDecorations(terms),
    registerLint(terms, reports),
    registerCitations(citations),
    taxonomy,
  );
  const renderData = new RenderDataService(citations, packs, terms);
  const preview = registerPreview(renderData);
  context.subscriptions.push(renderData, preview, registerReferenceListCommands(renderData), registerExport(renderData, platform.programs));

  const initial = packs.reload().then(() => reports.refresh());
  return {
    ready: async () => {
      await initial;
      await reports.refresh();
    },
    packs,
    reports,
    terms,
    parser,
    taxonomy: taxonomy.api,
    citations,
    onDidShowCitationPicker,
    extendMarkdownIt: (md) => preview.extendMarkdownIt(md),
  };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
