/**
 * The footnote syntax of the citation insertion planner, judged by a Markdown parser (remark-parse + remark-gfm with
 * front matter, as the extension reads drafts; the mdast `footnoteReference` / `footnoteDefinition` nodes), over
 * hostile drafts and cursors anywhere in them:
 * - the edits only insert: nothing the user wrote changes, and the original text survives in order;
 * - the inserted line breaks are the draft's (a CRLF draft gains no lone LF, an LF draft no CR; a mixed draft gets
 *   the style of its first line break);
 * - every inserted reference is a real footnote reference, and its label has exactly one definition that Markdown
 *   finds; the footnote references and definitions already in the draft are all still found;
 * - a cursor is only refused (skipped with a problem) where Markdown shows a reference as text (code, HTML blocks,
 *   HTML comments), and a refused plan changes nothing;
 * - the blocks Markdown reads (their types, nested) are the same, apart from the new definition and a paragraph that
 *   holds only the reference.
 * The quick fix for an undefined reference (`planFootnoteDefinition`) is judged alike (`checkFootnoteDefinition`).
 */
import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import type { Root } from 'mdast';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import remarkFrontmatter from 'remark-frontmatter';
import type { CslItem } from '../../../src/core/pack/types';
import { applyTextEdits, planCitationInsertion, planFootnoteDefinition } from '../../../src/core/citations/insert';
import { checkProperty, propertyTimeout } from './config';
import { draftCase, type DraftCase } from './arbitraries';

// The Markdown the extension reads drafts with (its preview and report reader): GFM, and YAML or TOML front matter.
const processor = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml', 'toml']);

/** Footnote references (`[^x]` that Markdown links to a definition) and definitions, with their offsets. */
export function footnotesOf(text: string): { refs: Array<{ label: string; at: number }>; defs: Array<{ label: string; at: number }>; literal: Array<[number, number]> } {
  const bom = text.startsWith('\uFEFF') ? 1 : 0;
  const tree = processor.parse(bom ? text.slice(1) : text) as Root;
  const refs: Array<{ label: string; at: number }> = [];
  const defs: Array<{ label: string; at: number }> = [];
  const literal: Array<[number, number]> = [];
  const visit = (n: { type: string; identifier?: string; position?: { start: { offset?: number }; end: { offset?: number } }; children?: unknown[] }): void => {
    const at = (n.position?.start.offset ?? -1) + bom;
    if (n.type === 'code' || n.type === 'html' || n.type === 'inlineCode') literal.push([at, (n.position?.end.offset ?? -1) + bom]);
    if (n.type === 'footnoteReference') refs.push({ label: n.identifier!, at });
    if (n.type === 'footnoteDefinition') defs.push({ label: n.identifier!, at });
    for (const c of n.children ?? []) visit(c as typeof n);
  };
  visit(tree);
  return { refs, defs, literal };
}

type MdNode = { type: string; identifier?: string; children?: MdNode[] };
const BLOCKS = new Set([
  'root', 'yaml', 'toml', 'paragraph', 'heading', 'thematicBreak', 'blockquote', 'list', 'listItem', 'code', 'html', 'definition', 'footnoteDefinition',
  'table', 'tableRow', 'tableCell',
]);

/**
 * Markdown's block structure: each block's type with the blocks it holds, nested. Left out: the definition of `label`
 * when it is new, and a paragraph that holds nothing but a reference to it (the reference on a paragraph of its own).
 */
export function blockShape(text: string, omit: { definition?: string; ownParagraph?: string } = {}): string {
  const bom = text.startsWith('\uFEFF') ? 1 : 0;
  const tree = processor.parse(bom ? text.slice(1) : text) as unknown as MdNode;
  const ownParagraph = (n: MdNode) => n.type === 'paragraph' && (n.children ?? []).length > 0
    && (n.children ?? []).every((c) => (c.type === 'footnoteReference' && c.identifier === omit.ownParagraph) || (c.type === 'text' && /^[ \t\r\n]*$/.test((c as { value?: string }).value ?? '')));
  const shape = (n: MdNode): string => {
    const kids = (n.children ?? [])
      .filter((c) => BLOCKS.has(c.type))
      .filter((c) => !(c.type === 'footnoteDefinition' && c.identifier === omit.definition) && !(omit.ownParagraph !== undefined && ownParagraph(c)))
      .map(shape);
    return kids.length ? `${n.type}(${kids.join(',')})` : n.type;
  };
  return shape(tree);
}

/** Pieces of Markdown that open, close or continue blocks around a cursor. */
const STRUCTURE = [
  '\n', '\n', '\n\n', '\r\n', '```\n', '```', '``` js\n', '~~~\n', '~~~', '````\n', '    code\n', '\tcode\n', '    ',
  '<!--', '-->', '<!-- note -->\n', '<div>\n', '</div>\n', '<div>x</div>\n', '<pre>\n', '</pre>\n', '<br>',
  '> ', '>     code\n', '- ', '* ', '1. ', '   ', '# ', '## 標題\n', '---\n', '***\n', '===\n',
  '[^1]', '[^1]: note\n', '[^2]: 註\n', '[^a]: x\n', '    more of the note\n', '[^1]:', '[^',
  '[', '[', ']', '[x]', '[x]: /url\n', '](', '![', '\\', '`', '``', '<', '<http://a.b>',
  '| a | b |\n|---|---|\n', '| 1 | 2 |\n', '|', ':::\n', '::: note\n', ':::', '::: {#refs}\n:::\n', ': ',
  '[@old]', '@old ', '$$\n', '*', '_', '~',
];

const piece: fc.Arbitrary<string> = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...STRUCTURE) },
  { weight: 2, arbitrary: fc.constantFrom('金融科技', '監管科技', '。', '𠀀𩸽', 'Claim.', 'text ', ' ', '\t') },
  { weight: 1, arbitrary: fc.string({ unit: 'binary-ascii', maxLength: 3 }).map((s) => s.replace(/\r/g, '')) },
);

/** Line breaks: all LF, all CRLF, or mixed (each break chosen); lone CRs are not generated. */
const breaks = fc.constantFrom('lf', 'crlf', 'mixed');

type Case = DraftCase;

export const draftWithCursor: fc.Arbitrary<Case> = fc
  .tuple(fc.array(piece, { maxLength: 24 }), breaks, fc.array(fc.boolean(), { maxLength: 40 }), fc.boolean(), fc.nat(), fc.nat(4))
  // Cursors at 0 and at the end are common; otherwise anywhere.
  .map(([parts, style, mixed, bom, n, where]) => draftCase(parts.join(''), style, mixed, bom, n, where));

const item: CslItem = { id: 'src', type: 'report', title: 'First line\n[^1]: injected', author: [{ literal: '中研產業研究院' }], issued: { 'date-parts': [[2026]] } };

/** Codes of the problems with which a footnote cursor may be refused. */
const REFUSALS = new Set(['citation.cursor-in-front-matter', 'footnote.cursor-in-code', 'footnote.unclosed-code-fence', 'citation.no-cursor']);

export function checkFootnoteInsertion({ text, at, eol }: Case): void {
  const plan = planCitationInsertion({ text, cursors: [{ start: at, end: at }], syntax: 'footnote', sources: [{ key: 'src', item }], lang: 'zh-Hant' });
  const errors = plan.problems.filter((p) => p.severity === 'error');
  for (const p of plan.problems) assert.ok(REFUSALS.has(p.code), `unexpected problem ${p.code}: ${p.message}`);
  // A cursor is refused only in what Markdown shows as it is: code and HTML (blocks, comments, inline).
  const refused = plan.problems.find((p) => p.code === 'footnote.cursor-in-code');
  if (refused) {
    assert.ok(footnotesOf(text).literal.some(([s, e]) => s <= at && at <= e), `cursor ${at} refused outside code and HTML in ${JSON.stringify(text)}`);
  }
  if (errors.length > 0) {
    assert.equal(plan.edits.length, 0, 'a refused plan changes nothing');
    return;
  }
  const skipped = plan.problems.some((p) => p.code === 'footnote.cursor-in-code');
  // Only inserts; every inserted line break is the draft's.
  for (const e of plan.edits) {
    assert.equal(e.range.start, e.range.end, `edit at ${e.range.start} replaces text`);
    for (const b of e.newText.match(/\r\n|\r|\n/g) ?? []) assert.equal(b, eol, `edit at ${e.range.start} inserts ${JSON.stringify(b)}`);
  }
  const out = applyTextEdits(text, plan.edits);
  if (!/\r/.test(text)) assert.ok(!out.includes('\r'), 'an LF draft gained a CR');
  if (text.includes('\r\n') && !/(^|[^\r])\n/.test(text)) assert.ok(!/(^|[^\r])\n/.test(out), 'a CRLF draft gained a lone LF');

  const before = footnotesOf(text);
  const after = footnotesOf(out);
  const label = plan.footnotes[0]?.label;
  assert.ok(label !== undefined || skipped, 'no footnote and no problem');
  // Where the reference went, in the output: the cursor moved by the insertions before it.
  const inserted = plan.citations.map((c) => {
    let shift = 0;
    for (const e of plan.edits) {
      if (e.range.start < c.at) shift += e.newText.length;
      else if (e.range.start === c.at) shift += e.newText.indexOf(c.text);
    }
    return c.at + shift;
  });
  assert.equal(inserted.length, skipped ? 0 : 1);
  for (const o of inserted) {
    assert.ok(after.refs.some((r) => r.at === o && r.label === label), `no footnote reference [^${label}] at ${o} in ${JSON.stringify(out)}`);
  }
  if (label !== undefined && !skipped) {
    const created = plan.footnotes[0].created;
    const defsOf = (f: typeof before, l: string) => f.defs.filter((d) => d.label === l).length;
    if (created) assert.equal(defsOf(after, label), 1, `[^${label}] has ${defsOf(after, label)} definitions in ${JSON.stringify(out)}`);
    else assert.ok(defsOf(after, label) >= 1, `reused [^${label}] has no definition`);
  }
  // What Markdown found before is still found: every reference and definition (each label as often).
  const count = (xs: Array<{ label: string }>) => {
    const m = new Map<string, number>();
    for (const x of xs) m.set(x.label, (m.get(x.label) ?? 0) + 1);
    return m;
  };
  const [refs0, refs1, defs0, defs1] = [count(before.refs), count(after.refs), count(before.defs), count(after.defs)];
  for (const [l, n] of refs0) {
    const extra: number = l === label ? inserted.length : 0;
    assert.equal(refs1.get(l) ?? 0, n + extra, `references to [^${l}]: ${n} before, ${refs1.get(l) ?? 0} after, in ${JSON.stringify(out)}`);
  }
  for (const [l, n] of defs0) assert.equal(defs1.get(l) ?? 0, n, `definitions of [^${l}]: ${n} before, ${defs1.get(l) ?? 0} after, in ${JSON.stringify(out)}`);
  // The same blocks, apart from the new definition and a paragraph of the reference's own.
  if (label !== undefined && !skipped) {
    assert.equal(blockShape(out, { ownParagraph: label, ...(plan.footnotes[0].created ? { definition: label } : {}) }), blockShape(text), `blocks changed: ${JSON.stringify(text)} became ${JSON.stringify(out)}`);
  }
}

/**
 * The quick fix for a reference without a definition (`planFootnoteDefinition`), judged by remark: it only inserts,
 * with the draft's line breaks; the label then has exactly one definition that Markdown finds; the footnotes found
 * before are all still found and the blocks are the same, apart from the new definition. It finds no place only
 * where Markdown would find no definition at the end of the draft (an unclosed comment, HTML block or code fence
 * swallows it) and none before the block that runs to the end.
 */
export function checkFootnoteDefinition({ text, eol }: Case, label: string): void {
  const edit = planFootnoteDefinition(text, label, 'note');
  if (edit === undefined) {
    const atEnd = `${text}${eol}${eol}[^${label}]: note${eol}`;
    assert.ok(!footnotesOf(atEnd).defs.some((d) => d.label === label.toLowerCase()), `no definition planned for ${JSON.stringify(text)}`);
    return;
  }
  assert.equal(edit.range.start, edit.range.end, 'the quick fix replaces text');
  for (const b of edit.newText.match(/\r\n|\r|\n/g) ?? []) assert.equal(b, eol, `the quick fix inserts ${JSON.stringify(b)}`);
  const out = applyTextEdits(text, [edit]);
  const [before, after] = [footnotesOf(text), footnotesOf(out)];
  const id = label.toLowerCase();
  assert.equal(after.defs.filter((d) => d.label === id).length, 1, `[^${label}] is defined once in ${JSON.stringify(out)}`);
  for (const d of new Set(before.defs.map((x) => x.label))) {
    assert.equal(after.defs.filter((x) => x.label === d).length, before.defs.filter((x) => x.label === d).length, `definitions of [^${d}] in ${JSON.stringify(out)}`);
  }
  for (const r of new Set(before.refs.map((x) => x.label))) {
    assert.equal(after.refs.filter((x) => x.label === r).length, before.refs.filter((x) => x.label === r).length, `references to [^${r}] in ${JSON.stringify(out)}`);
  }
  assert.equal(blockShape(out, { definition: id }), blockShape(text), `blocks changed: ${JSON.stringify(text)} became ${JSON.stringify(out)}`);
}

describe('properties: footnote citation insertion, judged by remark', () => {
  it('inserts only, keeps line endings, and every footnote reference finds exactly one definition', function () {
    this.timeout(propertyTimeout(3000));
    checkProperty(fc.property(draftWithCursor, (c) => checkFootnoteInsertion(c)), { numRuns: 400, timeMs: 3000 });
  });
  it('the quick fix defines a footnote reference once, where Markdown finds it, inserting only', function () {
    this.timeout(propertyTimeout(2000));
    // A reference at the cursor, which the draft does not define.
    const withReference = fc.tuple(draftWithCursor, fc.constantFrom('fix', 'Fix', '9')).map(([c, label]) => {
      const ref = `[^${label}]`;
      return { c: { ...c, text: c.text.slice(0, c.at) + ref + c.text.slice(c.at) }, label };
    });
    checkProperty(fc.property(withReference, ({ c, label }) => {
      // Where the reference reads as a definition (before a `:`), the draft defines it already.
      fc.pre(!footnotesOf(c.text).defs.some((d) => d.label === label.toLowerCase()));
      checkFootnoteDefinition(c, label);
    }), { numRuns: 300, timeMs: 2000 });
  });
});
