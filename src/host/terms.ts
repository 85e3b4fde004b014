/**
 * The term engine on the host side: one index over every loaded pack's glossary, rebuilt
 * when packs change, and term matches per document version, shared by every feature
 * (hover, completion, tree coverage, lint, decorations).
 */
import * as vscode from 'vscode';
import { resolveDisplayScript } from '../core/glossary/card';
import { termWarningProblem } from '../core/pack/select';
import type { GlossaryTerm, Script } from '../core/pack/types';
import { draftScriptOf } from '../core/script/fold';
import { buildTermIndex, findTerms, termAt, TERM_AT_WINDOW, type TermIndex, type TermMatch } from '../core/terms';
import type { PackEntry, PackRegistry } from './packs';
import type { BoundReport } from './reports';

export interface TermRef {
  term: GlossaryTerm;
  entry: PackEntry;
}

/** Documents larger than this are matched in their first part only (features stay responsive). */
export const MAX_MATCH_CHARS = 5_000_000;

export class TermService implements vscode.Disposable {
  private idx: TermIndex = buildTermIndex([]);
  private generation = 0;
  private readonly docCache = new Map<string, { doc: vscode.TextDocument; version: number; generation: number; matches: TermMatch[] }>();
  private readonly reportCache = new WeakMap<BoundReport, { generation: number; matches: TermMatch[] }>();
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChange = this.emitter.event;
  private readonly disposables: vscode.Disposable[] = [this.emitter];

  constructor(private readonly packs: PackRegistry, private readonly log: vscode.LogOutputChannel) {
    this.disposables.push(
      packs.onDidChange(() => this.rebuild()),
      vscode.workspace.onDidCloseTextDocument((d) => this.docCache.delete(d.uri.toString())),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('fintechLens.displayScript')) this.emitter.fire();
      }),
    );
    this.rebuild();
  }

  get index(): TermIndex {
    return this.idx;
  }

  private rebuild(): void {
    const entries = this.packs.packs;
    const t0 = Date.now();
    this.idx = buildTermIndex(entries.map((e) => ({ packId: e.pack.id, terms: e.pack.glossary })));
    this.generation++;
    this.docCache.clear();
    for (const w of this.idx.warnings) {
      const entry = entries.find((e) => e.pack.id === w.packId);
      if (!entry) continue;
      this.packs.addProblem(entry, termWarningProblem(w, entry.text));
    }
    const { terms, patterns } = this.idx.stats;
    const warned = this.idx.warnings.length ? `, ${this.idx.warnings.length} warning(s)` : '';
    this.log.info(`Term index: ${terms} terms, ${patterns} forms, built in ${Date.now() - t0} ms${warned}.`);
    this.emitter.fire();
  }

  /** Every term occurrence in a document (cached per version). */
  matches(doc: vscode.TextDocument): TermMatch[] {
    const key = doc.uri.toString();
    const hit = this.docCache.get(key);
    // The document object too: an untitled URI can come back as a new document at version 1.
    if (hit && hit.doc === doc && hit.version === doc.version && hit.generation === this.generation) return hit.matches;
    const text = doc.getText();
    const matches = findTerms(this.idx, text, { start: 0, end: Math.min(text.length, MAX_MATCH_CHARS) });
    this.docCache.set(key, { doc, version: doc.version, generation: this.generation, matches });
    return matches;
  }

  /**
   * The term occurrence under a position. Only a window around the position is read, so the
   * work is capped whatever the line's length (a 10 MB line costs no more than a short one).
   */
  at(doc: vscode.TextDocument, pos: vscode.Position): TermMatch | undefined {
    const lineLength = doc.lineAt(pos.line).range.end.character;
    const from = Math.max(0, pos.character - TERM_AT_WINDOW);
    const to = Math.min(lineLength, pos.character + TERM_AT_WINDOW);
    const text = doc.getText(new vscode.Range(pos.line, from, pos.line, to));
    const m = termAt(this.idx, text, pos.character - from);
    if (!m) return undefined;
    const base = doc.offsetAt(new vscode.Position(pos.line, from));
    const { termId, packId, term, kinds, pattern, form, kind } = m;
    return { termId, packId, term, kinds, pattern, form, kind, start: m.start + base, end: m.end + base };
  }

  /** Term occurrences in a pack's bound report, if it has one. */
  reportMatches(report: BoundReport): TermMatch[] {
    const hit = this.reportCache.get(report);
    if (hit && hit.generation === this.generation) return hit.matches;
    const matches = findTerms(this.idx, report.text).filter((m) => m.packId === report.packId);
    this.reportCache.set(report, { generation: this.generation, matches });
    return matches;
  }

  lookup(packId: string, termId: string): TermRef | undefined {
    const entry = this.packs.find(packId);
    const term = entry?.pack.glossary.find((t) => t.id === termId);
    return entry && term ? { entry, term } : undefined;
  }

  /** The script for labels and hovers, from `fintechLens.displayScript` and VS Code's language. */
  displayScript(): Script {
    return resolveDisplayScript(vscode.workspace.getConfiguration('fintechLens').get<string>('displayScript'), vscode.env.language);
  }

  /** The script a draft is mostly written in; mixed or undecided drafts follow the display script. */
  draftScript(doc: vscode.TextDocument): Script {
    return this.scriptOf(doc.getText());
  }

  /** The script a draft's text is mostly written in (see `draftScript`). */
  scriptOf(text: string): Script {
    return draftScriptOf(text, this.displayScript());
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
