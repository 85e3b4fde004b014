/**
 * Citations, footnotes and the reference list in VS Code's built-in Markdown preview: the
 * core's markdown-it plugin, fed by the render data service. `extendMarkdownIt` is returned
 * from `activate` (the manifest contributes `markdown.markdownItPlugins`).
 */
import * as vscode from 'vscode';
import type { MarkdownIt } from 'markdown-it';
import { citationPlugin } from '../../core/render/markdownIt';
import type { RenderDataService } from '../../host/renderData';

export interface PreviewFeature extends vscode.Disposable {
  extendMarkdownIt(md: MarkdownIt): MarkdownIt;
}

export function registerPreview(data: RenderDataService): PreviewFeature {
  const enabled = () => vscode.workspace.getConfiguration('fintechLens').get<boolean>('preview.enabled', true);
  const subscription = vscode.workspace.onDidChangeConfiguration((e) => {
    // Parsing depends on the setting, and VS Code caches parsed tokens: drop them.
    if (e.affectsConfiguration('fintechLens.preview.enabled') || e.affectsConfiguration('fintechLens.preview.glossaryTooltips')) {
      void vscode.commands.executeCommand('markdown.api.reloadPlugins').then(undefined, () => undefined);
    }
  });
  return {
    extendMarkdownIt(md: MarkdownIt): MarkdownIt {
      return md.use(citationPlugin, {
        enabled,
        data: (env, doc, text) => {
          const uri = env.currentDocument instanceof vscode.Uri ? env.currentDocument : undefined;
          return data.dataNow(uri, doc, text);
        },
        terms: { enabled: () => data.tooltipsEnabled(), data: (_env, text) => data.termsNow(text) },
      });
    },
    dispose: () => subscription.dispose(),
  };
}
