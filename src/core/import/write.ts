/**
 * Writes an imported document as Markdown: YAML front matter with the metadata and the
 * source file, the title as the one `#` heading, headings one level below it, and text
 * escaped so that nothing in it turns into Markdown syntax or HTML.
 */
import type { ImportedDocument, ImportFormat, ImportMetadata } from './types';

/** Escapes inline Markdown and HTML characters. */
export function escapeInline(s: string): string {
  return s.replace(/[\\`*_[\]<>|~]/g, (c) => `\\${c}`).replace(/&(?=[#a-zA-Z0-9]+;)/g, '&amp;');
}

/** Escapes what would start a block construct at the beginning of a line. */
function escapeLineStart(s: string): string {
  return s
    .replace(/^(\s*)([#>+=-])/, '$1\\$2')
    .replace(/^(\s*\d{1,9})([.)])(?=\s|$)/, '$1\\$2');
}

function paragraph(s: string): string {
  return escapeLineStart(escapeInline(s.replace(/[\r\n]+/g, ' ').trim()));
}

function yamlString(s: string): string {
  return JSON.stringify(s); // a JSON string is a valid YAML double-quoted scalar
}

function frontMatter(meta: ImportMetadata, source: string, format: ImportFormat): string {
  const lines = ['---'];
  if (meta.title) lines.push(`title: ${yamlString(meta.title)}`);
  if (meta.author) lines.push(`author: ${yamlString(meta.author)}`);
  if (meta.publisher) lines.push(`publisher: ${yamlString(meta.publisher)}`);
  if (meta.year) lines.push(`year: ${meta.year}`);
  if (meta.url) lines.push(`url: ${yamlString(meta.url)}`);
  lines.push(`source: ${yamlString(source)}`, `source-format: ${format}`, '---');
  return lines.join('\n');
}

/** Markdown for `doc`; `source` is the original file's name, kept in the front matter. */
export function writeMarkdown(doc: ImportedDocument, source: string, format: ImportFormat): { markdown: string; headings: number } {
  const out: string[] = [frontMatter(doc.metadata, source, format)];
  const title = doc.title ?? doc.metadata.title ?? source.replace(/\.[^.]+$/, '');
  out.push(`# ${paragraph(title)}`);
  const levels = doc.blocks.flatMap((b) => (b.type === 'heading' ? [b.level] : []));
  const shift = levels.length ? 2 - Math.min(...levels) : 0;
  for (const b of doc.blocks) {
    switch (b.type) {
      case 'heading':
        out.push(`${'#'.repeat(Math.min(6, b.level + shift))} ${escapeInline(b.text.trim())}`);
        break;
      case 'paragraph':
        if (b.text.trim()) out.push(paragraph(b.text));
        break;
      case 'quote':
        out.push(`> ${paragraph(b.text)}`);
        break;
      case 'list':
        out.push(b.items.map((it, i) => `${b.ordered ? `${i + 1}.` : '-'} ${paragraph(it)}`).join('\n'));
        break;
      case 'code': {
        const fence = '`'.repeat(Math.max(3, ...[...b.text.matchAll(/`+/g)].map((m) => m[0].length + 1)));
        out.push(`${fence}\n${b.text.replace(/\s+$/, '')}\n${fence}`);
        break;
      }
      case 'table': {
        if (!b.rows.length) break;
        const width = Math.max(...b.rows.map((r) => r.length));
        const cell = (s: string): string => escapeInline(s.replace(/[\r\n]+/g, ' ').trim()) || ' ';
        const row = (r: string[]): string => `| ${Array.from({ length: width }, (_, i) => cell(r[i] ?? '')).join(' | ')} |`;
        out.push([row(b.rows[0]), `|${' --- |'.repeat(width)}`, ...b.rows.slice(1).map(row)].join('\n'));
        break;
      }
    }
  }
  return { markdown: out.join('\n\n') + '\n', headings: levels.length };
}
