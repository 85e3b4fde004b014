import type { ParsedReport, ReportFormat } from './model';
import { parseMarkdown } from './markdown';
import { parsePlainText } from './plaintext';

export * from './model';
export { parseMarkdownTree, reportFromMarkdownTree } from './markdown';
export { splitHeadingNumber, kindFromTitle } from './assemble';

/** Markdown by file extension or, without a name, by the presence of ATX headings. */
export function detectReportFormat(text: string, fileName?: string): ReportFormat {
  if (fileName) {
    if (/\.(md|markdown|mdown|mkd)$/i.test(fileName)) return 'markdown';
    if (/\.(txt|text)$/i.test(fileName)) return 'plaintext';
  }
  return /^#{1,6}[ \t]+\S/m.test(text) ? 'markdown' : 'plaintext';
}

/** Parses a report into sections and passages with exact offsets into `text`. */
export function parseReport(text: string, options: { format?: ReportFormat; fileName?: string } = {}): ParsedReport {
  const format = options.format ?? detectReportFormat(text, options.fileName);
  return format === 'markdown' ? parseMarkdown(text) : parsePlainText(text);
}
