/**
 * The one place where core types (offsets, Problems, text edits) become VS Code types and back.
 */
import type { Problem, Severity, TextRange } from '../core/text/types';
import * as vscode from 'vscode';

import { LineIndex } from '../core/text/lines';

/** Anything that maps offsets to positions: a TextDocument or a core LineIndex. */
export type OffsetMapper = vscode.TextDocument | LineIndex;

export function toPosition(doc: OffsetMapper, offset: number): vscode.Position {
  const p = doc.positionAt(offset);
  return new vscode.Position(p.line, p.character);
}

export function toRange(doc: OffsetMapper, range: TextRange): vscode.Range {
  return new vscode.Range(toPosition(doc, range.start), toPosition(doc, range.end));
}

export function fromRange(doc: vscode.TextDocument, range: vscode.Range): TextRange {
  return { start: doc.offsetAt(range.start), end: doc.offsetAt(range.end) };
}

export function toSeverity(s: Severity): vscode.DiagnosticSeverity {
  switch (s) {
    case 'error':
      return vscode.DiagnosticSeverity.Error;
    case 'warning':
      return vscode.DiagnosticSeverity.Warning;
    case 'information':
      return vscode.DiagnosticSeverity.Information;
    default:
      return vscode.DiagnosticSeverity.Hint;
  }
}

export const DIAGNOSTIC_SOURCE = 'Fintech Lens';

/** Anything the core words with a message template: problems, findings, warnings, fix titles. */
export interface Templated {
  template?: string;
  /** Arguments; one that is a message itself (a citation message's reason) is localised first. */
  args?: ReadonlyArray<string | number | Templated>;
}

/** A core message in the display language: its template localised and filled, else `fallback` (the English text). */
export function localize(m: Templated, fallback = ''): string {
  if (!m.template) return fallback;
  const args = (m.args ?? []).map((a) => (typeof a === 'object' ? localize(a, (a as { message?: string }).message ?? '') : a));
  return vscode.l10n.t(m.template, ...args);
}

/** A problem's message in the display language: its template localised, else the core's English text. */
export function problemMessage(p: Problem): string {
  return localize(p, p.message);
}


export function toDiagnostic(doc: OffsetMapper, p: Problem, message = problemMessage(p)): vscode.Diagnostic {
  const d = new vscode.Diagnostic(toRange(doc, p.range), message, toSeverity(p.severity));
  d.source = DIAGNOSTIC_SOURCE;
  d.code = p.code;
  return d;
}

/** A core text edit against `doc`, as a VS Code TextEdit. */
export function toTextEdit(doc: OffsetMapper, edit: { range: TextRange; newText: string }): vscode.TextEdit {
  return new vscode.TextEdit(toRange(doc, edit.range), edit.newText);
}

/** The words a rendered draft shows, in the display language (`{0}` stays for the renderer to fill). */
export function renderMessages(): { unknownKey: string } {
  return { unknownKey: vscode.l10n.t('No bibliography entry has the key "{0}".', '{0}') };
}
