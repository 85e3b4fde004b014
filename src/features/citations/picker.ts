/**
 * The pickers of Insert Citation: step 1 chooses the sources (several allowed; the search
 * finds English, Simplified, Traditional and pinyin), step 2 a locator for each, a report
 * section or passage for a pack, a typed page or section for a bibliography entry.
 */
import * as vscode from 'vscode';
import { filterPickItems, parseLocatorText, type CitablePickItem, type Locator, type ResolvedSource } from '../../core/citations';
import type { OutlineSection } from '../../core/pack/types';
import { walkOutline } from '../../core/text/outline';
import { sectionLabel } from '../../host/cards';
import type { HostCitationService } from '../../host/citationService';

const shown = new vscode.EventEmitter<'sources' | 'locator'>();
/** Fires as each picker opens, so the integration tests can wait for it instead of sleeping. */
export const onDidShowCitationPicker = shown.event;

interface SourceItem extends vscode.QuickPickItem {
  source: ResolvedSource;
}

/** Step 1: the sources to cite, in the order they were checked; undefined when cancelled. */
export async function pickSources(service: HostCitationService, doc: vscode.TextDocument): Promise<ResolvedSource[] | undefined> {
  const { items } = await service.sources(doc);
  if (items.length === 0) {
    void vscode.window.showInformationMessage(
      vscode.l10n.t('There is nothing to cite: no report pack is loaded and the document has no bibliography.'),
    );
    return undefined;
  }
  const byPick = new Map<CitablePickItem, SourceItem>();
  for (const { pick, source } of items) {
    byPick.set(pick, {
      label: pick.label,
      description: pick.description,
      detail: pick.detail,
      iconPath: new vscode.ThemeIcon(source.kind === 'pack' ? 'book' : 'bookmark'),
      // The list shows what the filter below finds, which VS Code's own matching cannot (scripts, pinyin).
      alwaysShow: true,
      source,
    });
  }
  const picks = items.map((i) => i.pick);
  const qp = vscode.window.createQuickPick<SourceItem>();
  qp.title = vscode.l10n.t('Insert Citation: choose what to cite');
  qp.placeholder = vscode.l10n.t('Search titles, authors and keys in English, Simplified, Traditional or pinyin');
  qp.canSelectMany = true;
  qp.matchOnDescription = true;
  qp.matchOnDetail = true;
  const chosen = new Set<SourceItem>();
  let visible: SourceItem[] = [];
  const show = (query: string): void => {
    visible = filterPickItems(picks, query).map((p) => byPick.get(p)!);
    qp.items = visible;
    qp.selectedItems = visible.filter((i) => chosen.has(i));
  };
  try {
    return await new Promise<ResolvedSource[] | undefined>((resolve) => {
      qp.onDidChangeValue(show);
      // Checks change only for the items in view; those filtered out keep their state.
      qp.onDidChangeSelection((selection) => {
        const now = new Set(selection);
        for (const i of visible) {
          if (now.has(i)) chosen.add(i);
          else chosen.delete(i);
        }
      });
      qp.onDidAccept(() => {
        let result = [...chosen];
        // Enter with nothing checked takes the focused item, else the best match.
        if (result.length === 0) {
          const top = qp.activeItems[0] ?? visible[0];
          if (top) result = [top];
        }
        resolve(result.length ? result.map((i) => i.source) : undefined);
        qp.hide();
      });
      qp.onDidHide(() => resolve(undefined));
      show('');
      qp.show();
      shown.fire('sources');
    });
  } finally {
    qp.dispose();
  }
}

interface LocatorItem extends vscode.QuickPickItem {
  locator?: Locator;
}

/** The first words of a passage, on one line. */
function firstWords(text: string, max = 28): string {
  const s = text.replace(/\s+/g, ' ').trim();
  const chars = [...s];
  return chars.length > max ? `${chars.slice(0, max).join('')}…` : s;
}

/** The locator items of a pack's report: "No locator", each section, and each bound passage under its section. */
export function packLocatorItems(service: HostCitationService, source: ResolvedSource): LocatorItem[] {
  const entry = service.packs.find(source.id)!;
  const script = service.terms.displayScript();
  const items: LocatorItem[] = [{
    label: vscode.l10n.t('No locator'),
    description: vscode.l10n.t('Cite the whole report'),
    iconPath: new vscode.ThemeIcon('circle-slash'),
  }];
  const bound = service.reports.get(entry.pack.id);
  const byId = new Map<string, OutlineSection>();
  const parentOf = new Map<string, OutlineSection>();
  walkOutline(entry.pack.outline, (s, _depth, parent) => {
    byId.set(s.id, s);
    if (parent) parentOf.set(s.id, parent);
  });
  const path = (s: OutlineSection): string => {
    const parts: string[] = [];
    for (let p: OutlineSection | undefined = s; p; p = parentOf.get(p.id)) parts.unshift(sectionLabel(entry, p.id, script));
    return parts.join(' › ');
  };
  for (const s of byId.values()) {
    const parent = parentOf.get(s.id);
    items.push({
      label: sectionLabel(entry, s.id, script),
      description: parent ? sectionLabel(entry, parent.id, script) : undefined,
      iconPath: new vscode.ThemeIcon('symbol-namespace'),
      locator: service.core.locatorFor(source, { section: s.id }),
    });
    const reportSection = bound?.binding.sections.get(s.id);
    if (!bound || !reportSection) continue;
    for (const p of bound.parsed.passages) {
      if (p.sectionId !== reportSection) continue;
      items.push({
        label: `$(quote) ${firstWords(bound.text.slice(p.range.start, Math.min(p.range.end, p.range.start + 200)))}`,
        description: `${path(s)} › ¶${p.ordinal}`,
        locator: service.core.locatorFor(source, { section: s.id, paragraph: p.ordinal }),
      });
    }
  }
  return items;
}

/**
 * Step 2 for one source: a locator, `null` for none, undefined when cancelled. `step` and
 * `steps` number the pickers in the title.
 */
export async function pickLocator(
  service: HostCitationService,
  source: ResolvedSource,
  step: number,
  steps: number,
): Promise<Locator | null | undefined> {
  const title = vscode.l10n.t('Insert Citation ({0}/{1}): where in "{2}"?', step, steps, source.item.title ?? source.key);
  if (source.kind === 'pack' && source.pack) {
    const picked = await vscode.window.showQuickPick(packLocatorItems(service, source), {
      title,
      placeHolder: vscode.l10n.t('A section or passage of the report, or no locator'),
      matchOnDescription: true,
      // Called as the workbench focuses an item: the list is shown and filled.
      onDidSelectItem: () => shown.fire('locator'),
    });
    if (!picked) return undefined;
    return picked.locator ?? null;
  }
  const typing = vscode.window.showInputBox({
    title,
    prompt: vscode.l10n.t('Page or section, e.g. 29, pp. 24-29, sec. 1.3; leave empty for none'),
    placeHolder: vscode.l10n.t('No locator'),
  });
  shown.fire('locator');
  const typed = await typing;
  if (typed === undefined) return undefined;
  return parseLocatorText(typed) ?? null;
}
