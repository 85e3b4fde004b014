/** Markdown reports: real headings, paragraphs anywhere (lists, quotes, tables' neighbours). */
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import remarkFrontmatter from 'remark-frontmatter';
import type { Root, RootContent } from 'mdast';
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
  let out = '';
  if (node.children) for (const c of node.children) out += plain(c as typeof node);
  return out;
}

export function parseMarkdown(text: string): ParsedReport {
  return reportFromMarkdownTree(parseMarkdownTree(text));
}

/**
 * The report a Markdown tree (from `parseMarkdownTree`) holds; the tree is only read. One pass over the tree gathers
 * what the rest needs into flat arrays: a large tree's nodes are scattered over the heap, and every further pass over
 * them would wait on memory more, per node, than a pass over a small one.
 */
export function reportFromMarkdownTree(tree: Root): ParsedReport {
  /** Headings' depth, 0 for a paragraph; then each block's offsets, and a heading's plain text. */
  const depths: number[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  const texts: string[] = [];
  const visit = (nodes: RootContent[]): void => {
    for (const n of nodes) {
      if (n.type === 'heading' || n.type === 'paragraph') {
        depths.push(n.type === 'heading' ? n.depth : 0);
        starts.push(n.position!.start.offset!);
        ends.push(n.position!.end.offset!);
        texts.push(n.type === 'heading' ? plain(n).trim() : '');
      } else if ('children' in n && n.type !== 'table') visit(n.children as RootContent[]);
    }
  };
  visit(tree.children);

  // A lone `#` heading first is the document's title; the shallowest of the other headings is level 1.
  let ones = 0;
  let minAfterFirst = 7;
  for (let i = 0; i < depths.length; i++) {
    if (depths[i] === 1) ones++;
    if (i > 0 && depths[i] > 0 && depths[i] < minAfterFirst) minAfterFirst = depths[i];
  }
  const titled = depths[0] === 1 && ones === 1;
  const title = titled ? texts[0] : undefined;
  let minDepth = titled || !(depths[0] > 0) ? minAfterFirst : Math.min(depths[0], minAfterFirst);
  if (minDepth === 7) minDepth = 1;

  const blocks: Block[] = [];
  for (let i = titled ? 1 : 0; i < depths.length; i++) {
    const range = { start: starts[i], end: ends[i] };
    if (depths[i] > 0) {
      const split = splitHeadingNumber(texts[i]);
      blocks.push({ type: 'heading', level: depths[i] - minDepth + 1, number: split.number, title: split.title, range });
    } else {
      blocks.push({ type: 'paragraph', range });
    }
  }
  return assemble(blocks, { format: 'markdown', title });
}
