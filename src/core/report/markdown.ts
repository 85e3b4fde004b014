/** Markdown reports: real headings, paragraphs anywhere (lists, quotes, tables' neighbours). */
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import remarkFrontmatter from 'remark-frontmatter';
import type { Root, RootContent, Heading, Paragraph } from 'mdast';
import { assemble, type Block, splitHeadingNumber } from './assemble';
import type { ParsedReport } from './model';
import { bomLength } from '../text/lines';

const processor = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml', 'toml']);

/** Parses Markdown into an mdast tree whose offsets index `text` itself (a BOM included). */
export function parseMarkdownTree(text: string): Root {
  const bom = bomLength(text);
  const tree = processor.parse(bom ? text.slice(bom) : text) as Root;
  if (bom) shiftOffsets(tree, bom);
  return tree;
}

function shiftOffsets(node: { position?: { start: { offset?: number }; end: { offset?: number } }; children?: unknown[] }, by: number): void {
  if (node.position) {
    if (node.position.start.offset !== undefined) node.position.start.offset += by;
    if (node.position.end.offset !== undefined) node.position.end.offset += by;
  }
  if (node.children) for (const c of node.children) shiftOffsets(c as typeof node, by);
}

function plain(node: { type: string; value?: string; children?: unknown[] }): string {
  if (typeof node.value === 'string') return node.value;
  return (node.children ?? []).map((c) => plain(c as typeof node)).join('');
}

export function parseMarkdown(text: string): ParsedReport {
  return reportFromMarkdownTree(parseMarkdownTree(text));
}

/** The report a Markdown tree (from `parseMarkdownTree`) holds; the tree is only read. */
export function reportFromMarkdownTree(tree: Root): ParsedReport {
  const flat: Array<Heading | Paragraph> = [];
  const visit = (nodes: RootContent[]): void => {
    for (const n of nodes) {
      if (n.type === 'heading' || n.type === 'paragraph') flat.push(n);
      else if ('children' in n && n.type !== 'table') visit(n.children as RootContent[]);
    }
  };
  visit(tree.children);

  const headings = flat.filter((n): n is Heading => n.type === 'heading');
  let title: string | undefined;
  let titleNode: Heading | undefined;
  if (flat[0]?.type === 'heading' && flat[0].depth === 1 && headings.filter((h) => h.depth === 1).length === 1) {
    titleNode = flat[0];
    title = plain(titleNode).trim();
  }
  let minDepth = 7;
  for (const h of headings) if (h !== titleNode && h.depth < minDepth) minDepth = h.depth;
  if (minDepth === 7) minDepth = 1;

  const blocks: Block[] = [];
  for (const n of flat) {
    if (n === titleNode) continue;
    const range = { start: n.position!.start.offset!, end: n.position!.end.offset! };
    if (n.type === 'heading') {
      const split = splitHeadingNumber(plain(n).trim());
      blocks.push({ type: 'heading', level: n.depth - minDepth + 1, number: split.number, title: split.title, range });
    } else {
      blocks.push({ type: 'paragraph', range });
    }
  }
  return assemble(blocks, { format: 'markdown', title });
}
