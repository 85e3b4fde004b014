/**
 * Markdown's reading (remark-parse + remark-gfm, as `parseMarkdownTree` reads a draft) of a draft
 * with footnote insertions: whether an inserted reference is a footnote reference, whether a new
 * definition is found once, and whether every footnote and the block structure Markdown found
 * before are kept.
 *
 * The draft is parsed once. A candidate is judged on a window of it, not on the whole draft: the
 * top-level blocks around each insertion, with one block on either side (so that an insertion that
 * merges with, or swallows, a neighbour shows in the window), parsed before and after the insertion
 * with stub definitions of the footnotes and links the window uses (whose definitions lie outside
 * it). Top-level blocks start on a fresh line with no open container, so a window reads as it does
 * in the draft; what an insertion changes beyond its neighbours it changes in them first. A
 * 200 KB draft then costs one parse per call instead of one per candidate.
 */
import type { Root } from 'mdast';
import { parseMarkdownTree } from '../report/markdown';
import { bomLength, lineOf } from '../text/lines';

/** An insertion to judge (the planner's, without its sequence number). */
export interface JudgedInsertion {
  at: number;
  text: string;
  /** Order among insertions at one offset: front matter 0, citation 1, footnote definitions 2. */
  rank: number;
}

/** The identifier Markdown (mdast) gives a footnote label: blanks collapsed, case folded. */
export const identifierOf = (label: string): string => label.replace(/[\t\n\r ]+/g, ' ').trim().toLowerCase().toUpperCase().toLowerCase();

type Node = {
  type: string;
  identifier?: string;
  label?: string;
  value?: string;
  position?: { start: { offset?: number }; end: { offset?: number } };
  children?: Node[];
};

const BLOCK_TYPES = new Set([
  'yaml', 'toml', 'paragraph', 'heading', 'thematicBreak', 'blockquote', 'list', 'listItem', 'code', 'html', 'definition',
  'footnoteDefinition',
  'table', 'tableRow', 'tableCell',
]);

/**
 * The block structure of `nodes`: each block's type with the blocks it holds, nested. Left out: the footnote
 * definition `definition` (a new one), and a paragraph holding only references to `ownParagraph` (a reference on its own).
 */
function blockShape(nodes: readonly Node[], definition?: string, ownParagraph?: string): string {
  const alone = (n: Node) => ownParagraph !== undefined && n.type === 'paragraph' && (n.children ?? []).length > 0
    && (n.children ?? []).every((c) => (c.type === 'footnoteReference' && c.identifier === ownParagraph)
      || (c.type === 'text' && /^[ \t\r\n]*$/.test(c.value ?? '')));
  const keep = (c: Node) => BLOCK_TYPES.has(c.type) && !(c.type === 'footnoteDefinition' && c.identifier === definition) && !alone(c);
  const shape = (n: Node): string => {
    const kids = (n.children ?? []).filter(keep).map(shape);
    return kids.length ? `${n.type}(${kids.join(',')})` : n.type;
  };
  return nodes.filter(keep).map(shape).join(',');
}

interface Reading {
  refs: Map<string, number>;
  defs: Map<string, number>;
  /** Offsets (in the window's own text) of footnote references. */
  refAt: Set<number>;
  /** The top-level nodes of the window's text, stubs left out. */
  nodes: Node[];
}

/** Counts of one reading, of the nodes that start before `end` (the stubs after it are not the draft's). */
function read(tree: Root, end: number): Reading {
  const refs = new Map<string, number>();
  const defs = new Map<string, number>();
  const refAt = new Set<number>();
  const nodes = (tree.children as unknown as Node[]).filter((n) => (n.position?.start.offset ?? 0) < end);
  const visit = (n: Node): void => {
    if (n.type === 'footnoteReference') {
      refs.set(n.identifier!, (refs.get(n.identifier!) ?? 0) + 1);
      refAt.add(n.position?.start.offset ?? -1);
    }
    if (n.type === 'footnoteDefinition') defs.set(n.identifier!, (defs.get(n.identifier!) ?? 0) + 1);
    for (const c of n.children ?? []) visit(c);
  };
  for (const n of nodes) visit(n);
  return { refs, defs, refAt, nodes };
}

/** A window of the draft: from a line start to a line end, whole top-level blocks. */
interface Window {
  start: number;
  end: number;
}

/** A definition's label and offset. */
interface Labelled {
  label: string;
  at: number;
}

/** Labels a stub definition can stand for: no blanks, brackets or backslashes. */
const SAFE_LABEL = /^[^\s[\]\\]+$/;

/**
 * The draft's tree, kept for the last draft judged: the footnote quick fixes are asked for again as the cursor moves over
 * the same text, and several cursors cite in one text. The judge only reads it.
 */
let lastTree: { text: string; tree: Root } | undefined;
function draftTree(text: string): Root {
  if (lastTree?.text !== text) lastTree = { text, tree: parseMarkdownTree(text) };
  return lastTree.tree;
}

export class FootnoteJudge {
  private readonly tree: Root;
  /** Top-level blocks, as line ranges of the draft. */
  private readonly blocks: Window[];
  /** Footnote and link definitions of the draft, with their offsets; undefined when one cannot be stubbed (then windows are the draft). */
  private readonly labels: { footnotes: Labelled[]; links: Labelled[] } | undefined;
  private readonly before = new Map<string, Reading>();
  /** The footnotes the draft references. */
  private readonly referenced: Set<string>;

  /** `lines`: the draft's line starts and ends (the citation scanner's). */
  constructor(
    private readonly text: string,
    private readonly lines: { lineStarts: ArrayLike<number>; lineEnds: ArrayLike<number> },
  ) {
    this.tree = draftTree(text);
    const top = this.tree.children as unknown as Node[];
    this.referenced = new Set(read(this.tree, Infinity).refs.keys());
    this.blocks = top.map((n) => ({ start: this.lineStart(n.position?.start.offset ?? 0), end: this.lineEnd(n.position?.end.offset ?? text.length) }));
    const footnotes: Labelled[] = [];
    const links: Labelled[] = [];
    let safe = true;
    const visit = (n: Node): void => {
      if (n.type === 'footnoteDefinition' || n.type === 'definition') {
        const label = n.label ?? n.identifier ?? '';
        if (!SAFE_LABEL.test(label)) safe = false;
        (n.type === 'definition' ? links : footnotes).push({ label, at: n.position?.start.offset ?? 0 });
      }
      for (const c of n.children ?? []) visit(c);
    };
    for (const n of top) visit(n);
    // A draft opening with a `---` or `+++` line that is no front matter: remark's front matter construct then reads
    // the footnote definitions after it as link definitions, which a window (not at the start) would not show.
    const opening = /^\uFEFF?(?:---|\+\+\+)[ \t]*(?:\r?\n|\r|$)/.test(text) && top[0]?.type !== 'yaml' && top[0]?.type !== 'toml';
    this.labels = safe && !opening ? { footnotes, links } : undefined;
  }

  /** The end of the line where the top-level block holding `at` ends (`at` itself between blocks). */
  blockEnd(at: number): number {
    const b = this.blocks[this.blockAfter(at)];
    return b && b.start <= at ? b.end : at;
  }

  /** The index of the first top-level block ending at or after `at` (it holds `at`, or follows the gap `at` is in). */
  private blockAfter(at: number): number {
    const b = this.blocks;
    let lo = 0;
    let hi = b.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (b[mid].end < at) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private lineStart(at: number): number {
    return this.lines.lineStarts[lineOf(this.lines.lineStarts, at)];
  }

  private lineEnd(at: number): number {
    return this.lines.lineEnds[lineOf(this.lines.lineStarts, at)];
  }

  /** The windows holding insertions at `ats`: the blocks around each, a block more on either side, merged. */
  private windows(ats: number[]): Window[] {
    if (!this.labels || this.blocks.length === 0) return [{ start: 0, end: this.text.length }];
    const b = this.blocks;
    const out: Window[] = [];
    for (const at of [...ats].sort((x, y) => x - y)) {
      const lo = this.blockAfter(at);
      const first = Math.max(0, Math.min(lo, b.length - 1) - 1);
      const last = Math.min(b.length - 1, lo + 1);
      const w = { start: first === 0 ? 0 : b[first].start, end: last === b.length - 1 ? this.text.length : b[last].end };
      const prev = out[out.length - 1];
      if (prev && w.start <= prev.end) prev.end = Math.max(prev.end, w.end);
      else out.push(w);
    }
    return out;
  }

  /**
   * The stub definitions a window's reading needs: of the labels `slice` uses whose definitions lie outside the window,
   * and of `extra` (a new footnote defined in another window).
   */
  private stubsFor(w: Window, slice: string, extra: string[]): string[] {
    const lower = slice.toLowerCase();
    const outside = (d: Labelled) => d.at < w.start || d.at >= w.end;
    const stubs: string[] = extra.map((l) => `[^${l}]: x`);
    for (const l of new Set((this.labels?.footnotes ?? []).filter(outside).map((d) => d.label))) {
      if (!extra.includes(l) && lower.includes(`[^${l.toLowerCase()}`)) stubs.push(`[^${l}]: x`);
    }
    for (const l of new Set((this.labels?.links ?? []).filter(outside).map((d) => d.label))) {
      if (lower.includes(l.toLowerCase())) stubs.push(`[${l}]: #`);
    }
    return stubs;
  }

  /**
   * A window's text as parsed on its own: a blank line first unless it starts the draft (so a `---` line is not
   * front matter there); then, unless it ends the draft, a blank line as the next block would have, and the stubs.
   * The same stubs before and after an insertion, so that both readings have the same ending.
   */
  private windowText(w: Window, slice: string, stubs: string[]): { text: string; offset: number; end: number } {
    const prefix = w.start === 0 ? '' : '\n';
    const body = prefix + slice;
    const tail = w.end < this.text.length || stubs.length ? `\n\n${stubs.join('\n\n')}${stubs.length ? '\n' : ''}` : '';
    return { text: body + tail, offset: prefix.length, end: body.length };
  }

  private readBefore(w: Window, stubs: string[]): Reading {
    const key = `${w.start}:${w.end}:${stubs.join(' ')}`;
    let r = this.before.get(key);
    if (!r) {
      const t = this.windowText(w, this.text.slice(w.start, w.end), stubs);
      this.before.set(key, (r = read(parseMarkdownTree(t.text), t.end)));
    }
    return r;
  }

  /**
   * Reads each window before and after `list`; `test` sees, per window, both readings and where each insertion of it
   * landed (in the window's text after). True when every window passes.
   */
  private judge(
    list: readonly JudgedInsertion[],
    extra: string[],
    test: (before: Reading, after: Reading, where: Map<JudgedInsertion, number>) => boolean,
  ): boolean {
    for (const w of this.windows(list.map((i) => i.at))) {
      const inside = list.filter((i) => i.at >= w.start && i.at <= w.end).sort((a, b) => a.at - b.at || a.rank - b.rank);
      let slice = '';
      let last = w.start;
      const at = new Map<JudgedInsertion, number>();
      for (const ins of inside) {
        slice += this.text.slice(last, ins.at);
        at.set(ins, slice.length);
        slice += ins.text;
        last = ins.at;
      }
      slice += this.text.slice(last, w.end);
      // Definitions the window does not hold are stubbed, as the draft's are.
      const stubs = this.stubsFor(w, slice, extra.filter((l) => !inside.some((i) => i.rank === 2 && i.text.includes(`[^${l}]:`))));
      const t = this.windowText(w, slice, stubs);
      const after = read(parseMarkdownTree(t.text), t.end);
      const where = new Map([...at].map(([k, v]) => [k, v + t.offset] as const));
      if (!test(this.readBefore(w, stubs), after, where)) return false;
    }
    return true;
  }

  /** Whether the footnotes found before are all still found, with `label` defined once at most, and `extraRefs` more references to it. */
  private static keeps(before: Reading, after: Reading, label: string, extraRefs: number, referenced: ReadonlySet<string>): boolean {
    for (const [l, n] of before.defs) if ((after.defs.get(l) ?? 0) !== n) return false;
    if (!before.defs.has(label) && (after.defs.get(label) ?? 0) > 1) return false;
    for (const [l, n] of before.refs) if ((after.refs.get(l) ?? 0) !== n + (l === label ? extraRefs : 0)) return false;
    // A window may not hold all the references to a footnote: one that the draft references elsewhere gains none here.
    for (const l of after.refs.keys()) if (l !== label && !before.refs.has(l) && referenced.has(l)) return false;
    return true;
  }

  /** Whether the new definition `block` is found once, changing no footnote or block found before. */
  definitionFound(block: JudgedInsertion, label: string): boolean {
    const id = identifierOf(label);
    return this.judge([block], [], (before, after) => after.defs.get(id) === 1 && FootnoteJudge.keeps(before, after, id, 0, this.referenced)
      && blockShape(after.nodes, id) === blockShape(before.nodes));
  }

  /**
   * Whether `ins`, one of `list` (references and, rank 2, the new definition), is read as a reference to `label`, with
   * its definition found, every footnote found before kept and the block structure unchanged.
   */
  referenceFound(list: readonly JudgedInsertion[], ins: JudgedInsertion, ref: string, label: string): boolean {
    const id = identifierOf(label);
    const created = list.some((i) => i.rank === 2);
    let seen = false;
    let defined = !created && this.hasDefinition(id);
    const ok = this.judge(list, created ? [label] : [], (before, after, where) => {
      const refs = [...where.keys()].filter((i) => i.rank === 1).length;
      if (where.has(ins)) {
        if (!after.refAt.has(where.get(ins)! + ins.text.indexOf(ref))) return false;
        seen = true;
      }
      if (created && [...where.keys()].some((i) => i.rank === 2)) {
        if (after.defs.get(id) !== 1) return false;
        defined = true;
      }
      return FootnoteJudge.keeps(before, after, id, refs, this.referenced)
        && blockShape(after.nodes, created ? id : undefined, id) === blockShape(before.nodes, undefined, undefined);
    });
    return ok && seen && defined;
  }

  private hasDefinition(id: string): boolean {
    let found = false;
    const visit = (n: Node): void => {
      if (found) return;
      if (n.type === 'footnoteDefinition' && n.identifier === id) found = true;
      for (const c of n.children ?? []) visit(c);
    };
    for (const n of this.tree.children as unknown as Node[]) visit(n);
    return found;
  }

  /** Whether `at` is inside code or HTML (blocks, comments, inline), boundaries excluded. */
  inLiteral(at: number): boolean {
    let found = false;
    const visit = (n: Node): void => {
      const s = n.position?.start.offset ?? 0;
      const e = n.position?.end.offset ?? 0;
      if (found || e < at || s > at) return;
      if ((n.type === 'code' || n.type === 'html' || n.type === 'inlineCode') && s < at && at < e) found = true;
      for (const c of n.children ?? []) visit(c);
    };
    for (const n of this.tree.children as unknown as Node[]) visit(n);
    return found;
  }

  /** The definition at the start of the line where the document's last block starts, before it. */
  beforeLastBlock(definition: string, eol: string): JudgedInsertion | undefined {
    const last = this.tree.children[this.tree.children.length - 1];
    const start = last?.position?.start.offset;
    if (start === undefined) return undefined;
    // Never before a BOM, which would then be a character of the text.
    return { at: Math.max(this.lineStart(start), bomLength(this.text)), text: definition + eol + eol, rank: 2 };
  }
}
