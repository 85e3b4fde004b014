import * as vscode from 'vscode';
import { toRange } from '../../host/convert';
import type { ReportService } from '../../host/reports';

export interface ReportLocationArgs {
  packId: string;
  /** Outline section id (e.g. `1.3`). */
  section?: string;
  /** 1-based paragraph within the section. */
  paragraph?: number;
}

/** `fintechLens.openReportLocation`: opens the bound report and selects a section or passage. */
export function registerReportNavigation(reports: ReportService): vscode.Disposable {
  return vscode.commands.registerCommand('fintechLens.openReportLocation', async (args?: ReportLocationArgs) => {
    if (!args?.packId) return;
    const bound = reports.get(args.packId);
    if (!bound) {
      void vscode.window.showInformationMessage(vscode.l10n.t(
        'No report file in this workspace is bound to the pack "{0}". Add the report (Markdown or text) to the workspace.',
        args.packId,
      ));
      return;
    }
    const sectionId = args.section ? bound.binding.sections.get(args.section) : undefined;
    const section = sectionId ? bound.parsed.sections.find((s) => s.id === sectionId) : undefined;
    let range = section ? section.headingRange ?? section.range : undefined;
    if (section && args.paragraph) {
      const passage = bound.parsed.passages.find((p) => p.sectionId === section.id && p.ordinal === args.paragraph);
      if (passage) range = passage.range;
    }
    const doc = await vscode.workspace.openTextDocument(bound.uri);
    const r = range ? toRange(doc, range) : undefined;
    await vscode.window.showTextDocument(doc, { selection: r, preview: false });
  });
}
