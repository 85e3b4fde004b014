/**
 * Hover on a Pandoc citation (`[@key, sec. 1.3]`, `@key`) or a footnote reference (`[^1]`):
 * the formatted reference, escaped, in Markdown that runs no command.
 */
import * as vscode from 'vscode';
import { escapeMarkdown } from '../../core/glossary/card';
import type { HostCitationService } from '../../host/citationService';
import { toRange } from '../../host/convert';
import { inertMarkdown } from '../../host/links';

export function registerCitationHover(service: HostCitationService): vscode.Disposable {
  return vscode.languages.registerHoverProvider({ language: 'markdown' }, {
    async provideHover(doc, pos) {
      const scan = service.scan(doc);
      const offset = doc.offsetAt(pos);
      const inside = (r: { start: number; end: number }) => r.start <= offset && offset < r.end;

      const citation = scan.citations.find((c) => inside(c.range));
      if (citation) {
        const under = citation.items.filter((it) => inside(it.range));
        const items = under.length ? under : citation.items;
        const parts: string[] = [];
        for (const it of items) {
          const ref = await service.reference(doc, it.key, it.locator);
          if (!ref && !citation.bracketed) continue;
          const head = `**@${escapeMarkdown(it.key)}**`;
          if (!ref) parts.push(`${head}  \n${escapeMarkdown(vscode.l10n.t('No bibliography entry has the key "{0}".', it.key))}`);
          else {
            const note = ref.source === 'pack'
              ? `  \n_${escapeMarkdown(vscode.l10n.t('From the report pack; not in the bibliography yet.'))}_`
              : '';
            parts.push(`${head}  \n${escapeMarkdown(ref.text)}${note}`);
          }
        }
        if (!parts.length) return undefined;
        const range = under.length === 1 ? under[0].range : citation.range;
        return new vscode.Hover(inertMarkdown(parts.join('\n\n---\n\n')), toRange(doc, range));
      }

      const ref = scan.footnoteRefs.find((r) => inside(r.range));
      if (ref) {
        const def = scan.footnoteDefs.find((d) => d.label.toLowerCase() === ref.label.toLowerCase());
        const head = `**${escapeMarkdown(`[^${ref.label}]`)}**`;
        const body = def ? escapeMarkdown(def.text) : escapeMarkdown(vscode.l10n.t('Footnote {0} has no definition.', `[^${ref.label}]`));
        return new vscode.Hover(inertMarkdown(`${head}  \n${body}`), toRange(doc, ref.range));
      }
      return undefined;
    },
  });
}
