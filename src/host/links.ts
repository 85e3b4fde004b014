/**
 * Command links used in hovers and cards. Only our own commands are ever linked, and the
 * Markdown that carries them trusts exactly these commands, by name.
 */
import * as vscode from 'vscode';

export const LINK_COMMANDS = [
  'fintechLens.openReportLocation',
  'fintechLens.showDefinition',
  'fintechLens.insertCitation',
  'fintechLens.revealInTaxonomy',
] as const;

export type LinkCommand = (typeof LINK_COMMANDS)[number];

export function commandLink(command: LinkCommand, ...args: unknown[]): string {
  return `command:${command}?${encodeURIComponent(JSON.stringify(args))}`;
}

/** Markdown for untrusted content: no HTML, and only our own commands may run from its links. */
export function safeMarkdown(value: string): vscode.MarkdownString {
  const md = new vscode.MarkdownString(value, false);
  md.supportHtml = false;
  md.isTrusted = { enabledCommands: [...LINK_COMMANDS] };
  return md;
}

/** Markdown that runs no command at all (e.g. completion documentation). */
export function inertMarkdown(value: string): vscode.MarkdownString {
  const md = new vscode.MarkdownString(value, false);
  md.supportHtml = false;
  md.isTrusted = false;
  return md;
}
