import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import type { Node, Parent } from 'unist';
import { parseMarkdownTree } from '../../src/core/report/markdown';
import { disabledRulesPerLine, parseDirectives, RULE_BIT, scanMarkdownZones, type ZoneKind } from '../../src/core/lint';

function kindsAt(text: string): Map<string, ZoneKind> {
  const out = new Map<string, ZoneKind>();
  for (const z of scanMarkdownZones(text).zones) out.set(text.slice(z.start, z.end), z.kind);
  return out;
}

function excluded(text: string): Uint8Array {
  const mask = new Uint8Array(text.length);
  for (const z of scanMarkdownZones(text).zones) mask.fill(1, z.start, z.end);
  return mask;
}

/** The fixture case with every kind of zone, which remark must read alike. */
const SAMPLE = fs.readFileSync(path.join('test', 'fixtures', 'lint-zones', 'every-kind-of-zone', 'input.md'), 'utf8');

type MdNode = Node & { type: string; value?: string; url?: string; children?: MdNode[] };

/** Offsets remark says are not prose (code, quotes, front matter, HTML, URLs), and offsets of prose text. */
function oracle(text: string): { outside: Set<number>; prose: Set<number> } {
  const tree = parseMarkdownTree(text) as unknown as MdNode;
  const outside = new Set<number>();
  const prose = new Set<number>();
  const span = (n: MdNode): [number, number] => [n.position!.start.offset!, n.position!.end.offset!];
  const addRange = (set: Set<number>, a: number, b: number) => { for (let i = a; i < b; i++) set.add(i); };
  const visit = (n: MdNode): void => {
    if (['yaml', 'toml', 'code', 'inlineCode', 'blockquote', 'html', 'definition'].includes(n.type)) {
      const [a, b] = span(n);
      addRange(outside, a, b);
      return;
    }
    if (n.type === 'link' || n.type === 'image') {
      const [a, b] = span(n);
      const kids = (n as Parent).children as MdNode[] | undefined;
      const literal = kids && kids.length === 1 && kids[0].type === 'text' && (text.slice(a, b) === kids[0].value || kids[0].value === n.url);
      if (literal) { addRange(outside, a, b); return; } // an autolink literal: the URL is its text
      // The destination: after the last child up to the end (`](…)`), minus the brackets.
      const last = n.type === 'image' ? text.indexOf('](', a) : kids && kids.length ? span(kids[kids.length - 1])[1] : a;
      for (let i = last; i < b; i++) if (text[i] !== ']' && text[i] !== ')') outside.add(i);
    }
    if (n.type === 'text') {
      const [a, b] = span(n);
      addRange(prose, a, b);
    }
    for (const c of (n as Parent).children as MdNode[] ?? []) visit(c);
  };
  visit(tree);
  return { outside, prose };
}

describe('lint zones: agreement with remark', () => {
  it('excludes what remark parses as code, quotes, front matter, HTML and URLs, and nothing of the prose', () => {
    const mask = excluded(SAMPLE);
    const { outside, prose } = oracle(SAMPLE);
    const missing = [...outside].filter((i) => !mask[i] && !/\s/.test(SAMPLE[i]));
    assert.deepEqual(missing.map((i) => SAMPLE.slice(i, i + 10)), [], 'excluded by remark, linted here');
    // Prose must stay linted (link text, headings, table cells, list items), except the labels of
    // references and footnotes, which remark keeps as text-like labels but are not shown.
    const wrongly = [...prose].filter((i) => mask[i] && !/\s/.test(SAMPLE[i]));
    assert.deepEqual(wrongly.map((i) => SAMPLE.slice(i, i + 10)), [], 'prose excluded here');
  });

  it('keeps link text, image alt text, headings, list items, table cells and footnote text as prose', () => {
    const mask = excluded(SAMPLE);
    for (const s of ['link text', 'alt text', '标题 with', 'item one', 'cell', 'reference', 'footnote text', 'Last paragraph']) {
      const i = SAMPLE.indexOf(s);
      assert.ok(i >= 0, s);
      assert.equal(mask[i], 0, s);
    }
    for (const s of ['lazy continuation', 'tilde fence', 'block comment', 'indented code', 'title here']) assert.equal(mask[SAMPLE.indexOf(s)], 1, s);
  });

  it('offsets survive a BOM and CRLF line breaks', () => {
    const text = '\ufeff---\r\na: 1\r\n---\r\n正文 `x`\r\n> q\r\n';
    const k = kindsAt(text);
    assert.equal(k.get('\ufeff---\r\na: 1\r\n---'), 'front-matter');
    assert.equal(k.get('`x`'), 'code-span');
    assert.equal(k.get('> q'), 'blockquote');
    assert.deepEqual(Array.from(scanMarkdownZones(text).lineStarts), [0, 6, 12, 17, 25, 30]);
  });

  it('treats a lone CR as a line break, as VS Code does', () => {
    const text = 'a\r> b\rc';
    assert.deepEqual(Array.from(scanMarkdownZones(text).lineStarts), [0, 2, 6]);
  });
});

describe('lint directives', () => {
  const masks = (text: string): number[] => {
    const md = scanMarkdownZones(text);
    const m = disabledRulesPerLine(parseDirectives(text, md.comments, md.lineStarts), md.lineStarts.length);
    return m ? Array.from(m) : [];
  };
  const S = RULE_BIT['script-consistency'];
  const P = RULE_BIT['preferred-form'];

  it('parses verbs and rule names', () => {
    const text = '<!-- fintech-lens-disable preferred-form,scriptConsistency -->\n<!--fintech-lens-enable-->\n<!-- fintech-lens-disable-next-line INCONSISTENT_FORMS -->\n<!-- not-a-directive -->';
    const md = scanMarkdownZones(text);
    const d = parseDirectives(text, md.comments, md.lineStarts);
    assert.deepEqual(d.map((x) => [x.verb, x.mask, x.line]), [
      ['disable', S | P, 0],
      ['enable', 15, 1],
      ['disable-next-line', RULE_BIT['inconsistent-forms'], 2],
    ]);
  });

  it('computes the disabled rules of each line', () => {
    assert.deepEqual(masks('a\n<!-- fintech-lens-disable script-consistency -->\nb\n<!-- fintech-lens-enable -->\nc'), [0, S, S, 0, 0]);
    assert.deepEqual(masks('<!-- fintech-lens-disable-next-line -->\nb\nc'), [0, 15, 0]);
    assert.deepEqual(masks('a\nb <!-- fintech-lens-disable-line preferred-form -->\nc'), [0, P, 0]);
    assert.deepEqual(masks('a\n<!-- fintech-lens-disable-file -->'), [15, 15]);
    assert.deepEqual(masks('plain text'), []);
  });

  it('takes the line after a multi-line comment as its next line', () => {
    assert.deepEqual(masks('<!--\nfintech-lens-disable-next-line\n-->\nb\nc'), [0, 0, 0, 15, 0]);
    assert.deepEqual(masks('<!-- fintech-lens-disable-next-line\n-->\nb\nc'), [0, 0, 15, 0]);
  });
});
