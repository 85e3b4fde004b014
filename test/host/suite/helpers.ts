/** Shared helpers for the integration suite (bundled into each test file). */
import * as vscode from 'vscode';
import type { FintechLensApi } from '../../../src/extension';

export const EXTENSION_ID = 'fintech-lens.fintech-lens';

export async function api(): Promise<FintechLensApi> {
  const ext = vscode.extensions.getExtension<FintechLensApi>(EXTENSION_ID);
  if (!ext) throw new Error('extension not found');
  const a = await ext.activate();
  await a.ready();
  return a;
}

export function workspaceUri(...parts: string[]): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the suite needs a workspace folder');
  return vscode.Uri.joinPath(folder.uri, ...parts);
}

/** Polls until `check` returns a truthy value, or fails with `what` after `ms` (generous: the host is shared and CI machines are loaded). */
export async function until<T>(what: string, check: () => T | undefined | false | Promise<T | undefined | false>, ms = 30000): Promise<T> {
  const end = Date.now() + ms;
  let last: unknown;
  for (;;) {
    try {
      const v = await check();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function writeFile(uri: vscode.Uri, text: string): Promise<void> {
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
}

export async function deleteFile(uri: vscode.Uri): Promise<void> {
  try {
    await vscode.workspace.fs.delete(uri);
  } catch {
    /* already gone */
  }
}

/** Opens a new untitled or on-disk document with `text` in an editor. */
export async function openDoc(text: string, language = 'markdown'): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument({ language, content: text });
  return vscode.window.showTextDocument(doc);
}

export async function closeAll(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/**
 * A small second pack (one stablecoin term) for tests that load workspace packs: `outline` gives its
 * sections, `discussedIn` the section ids its topic and term list.
 */
export function stablecoinPack(id: string, outline: Array<{ id: string; title: string }> = [], discussedIn: string[] = []): Record<string, unknown> {
  const secs = discussedIn.length ? { sections: discussedIn } : {};
  return {
    id,
    version: '1.0.0',
    name: { en: 'Extra', 'zh-Hans': '附加', 'zh-Hant': '附加' },
    reportScript: 'en',
    reference: { id: 'extra2026', type: 'report', title: 'Extra report' },
    outline: outline.map((x, i) => ({ id: x.id, number: String(i + 1), title: x.title, level: 1 })),
    taxonomy: [{ id: 'misc', label: { en: 'Misc', 'zh-Hans': '其他', 'zh-Hant': '其他' }, topics: [{ id: 'stable', label: { en: 'Stablecoins', 'zh-Hans': '稳定币', 'zh-Hant': '穩定幣' }, terms: ['stablecoin'], ...secs }] }],
    glossary: [{ id: 'stablecoin', forms: { en: 'stablecoin', 'zh-Hans': '稳定币', 'zh-Hant': '穩定幣' }, definition: { en: 'A token pegged to an asset.', 'zh-Hans': '锚定资产的代币。', 'zh-Hant': '錨定資產的代幣。' }, category: 'misc', ...secs }],
  };
}
