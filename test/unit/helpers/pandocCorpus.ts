/**
 * The Pandoc citation corpus (test/fixtures/pandoc-citations/<case>/input.md) and the common
 * form both sides are compared in: for every citation, in document order, its key, its mode
 * (`normal`, `in-text` or `suppress-author`) and its prefix and suffix as plain text.
 *
 * `expected.json` beside each input is what `pandoc -f markdown -t json` (2.17) reads there;
 * the unit test holds the scanner to it, and the Pandoc test (test/pandoc) holds it to Pandoc.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { MarkdownScan, PandocCitation } from '../../../src/core/citations/markdown';

export interface CorpusCitation {
  key: string;
  mode: 'normal' | 'in-text' | 'suppress-author';
  prefix: string;
  suffix: string;
}

export interface CorpusCase {
  name: string;
  dir: string;
  input: string;
  expected?: CorpusCitation[];
}

export const CORPUS_DIR = path.resolve(process.cwd(), 'test', 'fixtures', 'pandoc-citations');

export function corpusCases(): CorpusCase[] {
  return fs
    .readdirSync(CORPUS_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const dir = path.join(CORPUS_DIR, name);
      const expectedFile = path.join(dir, 'expected.json');
      return {
        name,
        dir,
        input: fs.readFileSync(path.join(dir, 'input.md'), 'utf8'),
        ...(fs.existsSync(expectedFile) ? { expected: JSON.parse(fs.readFileSync(expectedFile, 'utf8')) as CorpusCitation[] } : {}),
      };
    });
}

/**
 * Text for comparison: Markdown emphasis, code and quote marks dropped, Pandoc's smart dashes
 * and ellipses, white space collapsed, a leading comma removed.
 */
export function plain(s: string): string {
  return s
    .replace(/\\(.)/g, '$1')
    .replace(/---/g, '—')
    .replace(/--/g, '–')
    .replace(/\.\.\./g, '…')
    .replace(/[*_~^`"'‘’“”]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^,\s*/, '');
}

type PandocNode = { t: string; c?: unknown };
type PandocCitationJson = { citationId: string; citationMode: { t: string }; citationPrefix: unknown; citationSuffix: unknown };

function stringify(x: unknown): string {
  if (Array.isArray(x)) return x.map(stringify).join('');
  if (!x || typeof x !== 'object') return '';
  const n = x as PandocNode;
  const c = n.c as unknown[];
  switch (n.t) {
    case 'Str':
      return n.c as string;
    case 'Space':
    case 'SoftBreak':
    case 'LineBreak':
      return ' ';
    case 'Code':
    case 'Math':
    case 'RawInline':
      return c[1] as string;
    case 'Quoted':
    case 'Cite':
    case 'Link':
    case 'Image':
    case 'Span':
      return stringify(c[1]);
    case 'Note':
      return '';
    default:
      return stringify(n.c);
  }
}

/** Every citation in a Pandoc JSON document, nested ones (in prefixes and suffixes) after their parent. */
export function pandocCitations(doc: { blocks: unknown }): CorpusCitation[] {
  const out: CorpusCitation[] = [];
  const walk = (x: unknown): void => {
    if (Array.isArray(x)) return x.forEach(walk);
    if (!x || typeof x !== 'object') return;
    const n = x as PandocNode;
    if (n.t === 'Cite') {
      const cites = (n.c as unknown[])[0] as PandocCitationJson[];
      for (const c of cites) {
        const mode = c.citationMode.t === 'AuthorInText' ? 'in-text' : c.citationMode.t === 'SuppressAuthor' ? 'suppress-author' : 'normal';
        out.push({ key: c.citationId, mode, prefix: plain(stringify(c.citationPrefix)), suffix: plain(stringify(c.citationSuffix)) });
      }
      for (const c of cites) {
        walk(c.citationPrefix);
        walk(c.citationSuffix);
      }
      return;
    }
    for (const v of Object.values(n)) walk(v);
  };
  walk(doc.blocks);
  return out;
}

/**
 * The scanner's citations in the same form and in Pandoc's order: a footnote's citations
 * where the note is referenced (Pandoc puts the note there), none for a note never referenced.
 */
export function scannerCitations(scan: Pick<MarkdownScan, 'citations' | 'footnoteRefs' | 'footnoteDefs'>): CorpusCitation[] {
  const defOf = (offset: number) => scan.footnoteDefs.find((d) => offset >= d.range.start && offset < d.range.end);
  const flat = (c: PandocCitation): CorpusCitation[] =>
    c.items.map((it, i) => ({
      key: it.key,
      mode: it.suppressAuthor ? 'suppress-author' : !c.bracketed && i === 0 ? 'in-text' : 'normal',
      prefix: plain(it.prefix ?? ''),
      suffix: plain(it.locator ?? ''),
    }));
  type Event = { at: number; citation?: PandocCitation; label?: string };
  const events: Event[] = [
    ...scan.citations.filter((c) => !defOf(c.range.start)).map((c) => ({ at: c.range.start, citation: c })),
    ...scan.footnoteRefs.filter((r) => !defOf(r.range.start)).map((r) => ({ at: r.range.start, label: r.label })),
  ].sort((a, b) => a.at - b.at);
  const out: CorpusCitation[] = [];
  for (const e of events) {
    if (e.citation) out.push(...flat(e.citation));
    else {
      const def = scan.footnoteDefs.find((d) => d.label === e.label);
      if (def) for (const c of scan.citations) if (defOf(c.range.start) === def) out.push(...flat(c));
    }
  }
  return out;
}
