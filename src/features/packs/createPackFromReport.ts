/**
 * `fintechLens.createPackFromReport`: drafts `<name>.fintech-pack.json` from an imported or
 * Markdown report. The draft (outline, taxonomy skeleton, ranked glossary candidates) is computed
 * in the import worker; the analyst confirms the reference record in input boxes and picks the
 * terms in a multi-select quick pick (the top ones preselected). Nothing is written before that.
 * Arguments can answer the boxes and the review (tests, scripts).
 */
import * as vscode from 'vscode';
import {
  buildPack,
  isMarkdownReport,
  isYearOrEmpty,
  knownCandidates,
  packFileName,
  packIdOf,
  packText,
  REFERENCE_FIELDS,
  referenceValue,
  REVIEW_LISTED,
  REVIEW_PRESELECTED,
  topNewCandidates,
  type KnownTerm,
  type PackDraft,
  type ReferenceDraft,
  type TermCandidate,
} from '../../core/import';
import { ImportCancelled, type ReportImporter } from '../../host/import/importer';
import { exists } from '../../host/files';
import type { PackRegistry } from '../../host/packs';
import type { ReportService } from '../../host/reports';

export interface CreatePackArgs {
  /** Answers to the reference boxes; a field given here is not asked. */
  reference?: ReferenceDraft;
  /** The review's answer: the candidates (as the report writes them) to keep, or how many of the top new ones (not in another loaded pack). */
  terms?: string[] | number;
  /** Pack id; default: the citation key. */
  id?: string;
  /** Replace an existing pack file without asking. */
  overwrite?: boolean;
  /** Open the new pack (default true). */
  open?: boolean;
}

type Field = keyof ReferenceDraft;
const FIELDS = REFERENCE_FIELDS;

function prompt(field: Field): string {
  switch (field) {
    case 'title': return vscode.l10n.t('Title of the report');
    case 'author': return vscode.l10n.t('Author or organisation');
    case 'publisher': return vscode.l10n.t('Publisher');
    case 'year': return vscode.l10n.t('Year of publication');
    default: return vscode.l10n.t('URL (for an online report)');
  }
}

/** Asks for each field not answered by the arguments; undefined when the analyst cancels. */
async function confirmReference(found: ReferenceDraft, given: ReferenceDraft | undefined): Promise<ReferenceDraft | undefined> {
  const out: ReferenceDraft = {};
  for (const [i, field] of FIELDS.entries()) {
    if (given && field in given) {
      const v = given[field];
      if (v !== undefined && v !== '') (out as Record<string, unknown>)[field] = referenceValue(field, String(v));
      continue;
    }
    const value = await vscode.window.showInputBox({
      title: vscode.l10n.t('Create Pack from Report ({0}/{1})', i + 1, FIELDS.length),
      prompt: prompt(field),
      value: found[field] !== undefined ? String(found[field]) : '',
      ignoreFocusOut: true,
      validateInput: (v) => (field === 'year' && !isYearOrEmpty(v) ? vscode.l10n.t('A four-digit year, or nothing') : undefined),
    });
    if (value === undefined) return undefined;
    const v = referenceValue(field, value);
    if (v !== undefined) (out as Record<string, unknown>)[field] = v;
  }
  return out;
}

function describe(c: TermCandidate): string {
  const forms = [c.forms['zh-Hans'], c.forms['zh-Hant'], c.forms.en].filter((f, i, a) => f && a.indexOf(f) === i && f !== c.surface);
  return [...forms, vscode.l10n.t('{0}×', c.count), c.sections.map((s) => `§${s}`).join(' ')].filter(Boolean).join(' · ');
}

/**
 * The review: a multi-select list of the ranked candidates, the top new ones selected; a
 * candidate a loaded pack already has says so and is not selected.
 */
async function review(draft: PackDraft, known: ReadonlyMap<string, KnownTerm>): Promise<string[] | undefined> {
  const listed = draft.candidates.slice(0, REVIEW_LISTED);
  const selected = new Set(topNewCandidates(listed, known, REVIEW_PRESELECTED));
  const items = listed.map((c) => {
    const k = known.get(c.surface);
    const inPack = k ? vscode.l10n.t('already in pack {0}', k.packId) : undefined;
    return {
      label: c.surface,
      description: [describe(c), inPack].filter(Boolean).join(' · '),
      detail: c.definition ? vscode.l10n.t('Defined in § {0}: {1}', c.definition.section, c.definition.text) : c.context,
      picked: selected.has(c.surface),
    };
  });
  const already = listed.filter((c) => known.has(c.surface)).length;
  const picked = await vscode.window.showQuickPick(items, {
    canPickMany: true,
    title: already
      ? vscode.l10n.t('Terms for the glossary ({0} candidates, the top {1} new ones selected; {2} already in a loaded pack)', items.length, selected.size, already)
      : vscode.l10n.t('Terms for the glossary ({0} candidates, the top {1} selected)', items.length, selected.size),
    placeHolder: vscode.l10n.t('Choose the terms to keep; press Enter to write the pack'),
    matchOnDescription: true,
    matchOnDetail: true,
    ignoreFocusOut: true,
  });
  return picked?.map((p) => p.label);
}

export function registerCreatePackFromReport(
  importer: ReportImporter,
  packs: PackRegistry,
  reports: ReportService,
  log: vscode.LogOutputChannel,
): vscode.Disposable {
  return vscode.commands.registerCommand('fintechLens.createPackFromReport', async (arg?: vscode.Uri, args: CreatePackArgs = {}) => {
    const editor = vscode.window.activeTextEditor;
    let uri = arg instanceof vscode.Uri ? arg : editor?.document.languageId === 'markdown' ? editor.document.uri : undefined;
    if (!uri) {
      uri = (await vscode.window.showOpenDialog({
        canSelectMany: false,
        filters: { Markdown: ['md', 'markdown'] },
        title: vscode.l10n.t('Pick an imported or Markdown report'),
      }))?.[0];
    }
    if (!uri) return undefined;
    if (!isMarkdownReport(uri.path)) {
      void vscode.window.showWarningMessage(vscode.l10n.t(
        'Create Pack from Report works on Markdown reports. Import "{0}" first (Fintech Lens: Import Report…).',
        uri.path.split('/').pop()!,
      ));
      return undefined;
    }
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri!.toString());
    const text = open ? open.getText() : new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    let draft: PackDraft;
    try {
      draft = await vscode.window.withProgress(
        {
          location: vscode.ProgressLocation.Notification,
          title: vscode.l10n.t('Drafting a pack from {0}…', uri.path.split('/').pop()!),
          cancellable: true,
        },
        (_p, token) => importer.draft(text, token),
      );
    } catch (e) {
      if (e instanceof ImportCancelled) return undefined;
      log.error(`pack draft of ${uri.toString()} failed: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
      void vscode.window.showErrorMessage(vscode.l10n.t('Could not draft a pack: {0}', e instanceof Error ? e.message : String(e)));
      return undefined;
    }
    const reference = await confirmReference(draft.reference, args.reference);
    if (!reference) return undefined;
    const id = packIdOf(reference, args.id);
    const target = uri.with({ path: packFileName(uri.path) });
    // The terms the other loaded packs have (not the pack this draft replaces).
    const others = packs.packs.filter((e) => e.uri.toString() !== target.toString() && e.pack.id !== id);
    const known = knownCandidates(draft.candidates, others.map((e) => e.pack));
    const terms = typeof args.terms === 'number' ? topNewCandidates(draft.candidates, known, args.terms) : args.terms ??
      (await review(draft, known));
    if (!terms) return undefined;

    if ((await exists(target)) && !args.overwrite) {
      const replace = vscode.l10n.t('Replace');
      const answer = await vscode.window.showWarningMessage(
        vscode.l10n.t('"{0}" exists. Replace it with the new draft?', vscode.workspace.asRelativePath(target)),
        { modal: true },
        replace,
      );
      if (answer !== replace) return undefined;
    }
    const pack = buildPack(draft, { id, reference, terms });
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(packText(pack)));
    log.info(`drafted pack ${id} (${terms.length} terms) from ${uri.toString()} to ${target.toString()}`);
    await packs.reload();
    await reports.refresh();
    if (!vscode.workspace.isTrusted) {
      void vscode.window.showWarningMessage(vscode.l10n.t('The pack was written; workspace packs load once you trust this workspace.'));
    }
    if (args.open !== false) await vscode.window.showTextDocument(target, { preview: false });
    return target;
  });
}
