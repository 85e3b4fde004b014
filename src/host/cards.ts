/** Builds the term card Markdown for a glossary term: hovers, completion items and the definition view share it. */
import * as vscode from 'vscode';
import { renderTermCard, preferredForm, type CardLink } from '../core/glossary/card';
import type { GlossaryTerm, Script } from '../core/pack/types';
import { findInOutline } from '../core/text/outline';
import { commandLink } from './links';
import type { PackEntry } from './packs';
import type { ReportService } from './reports';


/** `1.3 監管與合規…` in the display script (the outline's own title when no translation is given). */
export function sectionLabel(entry: PackEntry, sectionId: string, script: Script): string {
  const s = findInOutline(entry.pack.outline, sectionId);
  if (!s) return sectionId;
  const title = s.titles?.[script] ?? s.title;
  return s.number ? `${s.number} ${title}` : title;
}

export interface CardOptions {
  links: boolean;
  allDefinitions?: boolean;
}

export function termCardMarkdown(
  entry: PackEntry,
  term: GlossaryTerm,
  script: Script,
  reports: ReportService,
  options: CardOptions,
): string {
  const bound = reports.get(entry.pack.id);
  const sections: CardLink[] = (term.sections ?? []).map((id) => ({
    label: sectionLabel(entry, id, script),
    href: options.links && bound ? commandLink('fintechLens.openReportLocation', { packId: entry.pack.id, section: id }) : undefined,
  }));
  const related: CardLink[] = (term.related ?? []).flatMap((id) => {
    const r = entry.pack.glossary.find((t) => t.id === id);
    return r ? [{
      label: preferredForm(r, script),
      href: options.links ? commandLink('fintechLens.showDefinition', { packId: entry.pack.id, termId: id }) : undefined,
    }] : [];
  });
  const actions: CardLink[] = options.links
    ? [
        {
          label: vscode.l10n.t('Insert Citation'),
          href: commandLink(
            'fintechLens.insertCitation',
            { source: entry.pack.id, locator: term.sections?.[0] ? { section: term.sections[0] } : undefined },
          ),
        },
        {
          label: vscode.l10n.t('Show in Taxonomy'),
          href: commandLink('fintechLens.revealInTaxonomy', { packId: entry.pack.id, termId: term.id }),
        },
      ]
    : [];
  return renderTermCard({
    term,
    pack: entry.pack,
    script,
    labels: {
      definition: vscode.l10n.t('Definition'),
      otherDefinitions: vscode.l10n.t('Other scripts'),
      sections: vscode.l10n.t('In the report'),
      related: vscode.l10n.t('Related'),
      category: vscode.l10n.t('Category'),
    },
    sections,
    related,
    actions,
    allDefinitions: options.allDefinitions,
  });
}
