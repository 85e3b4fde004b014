/**
 * Where Insert Citation puts a Pandoc citation, judged by Pandoc itself: over hostile drafts
 * (headings, lists, tables, block quotes, fenced and indented code, HTML blocks and comments,
 * link reference definitions, front matter, CRLF and mixed line breaks, a BOM, CJK) with a
 * cursor anywhere, the planner either refuses (with its problem, changing nothing), and then
 * Pandoc shows the text at the cursor as it is (code, raw HTML or TeX, a comment, math, a URL,
 * the front matter), or:
 * - its edits only insert, with the draft's line breaks;
 * - `pandoc -f markdown -t json` reads the inserted `[@key…]` as one Cite with exactly the
 *   inserted keys and locator, and every citation it found in the draft is still found;
 * - the blocks Pandoc reads are the same (their types, nested), apart from the inserted inline,
 *   which may be a paragraph of its own;
 * - a new bibliography named in the front matter is Pandoc's `bibliography`.
 *
 * The cases are drawn with the property tests' fixed seed and read in one pandoc run.
 */
import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import type { CslItem } from '../../src/core/pack/types';
import { applyTextEdits, planCitationInsertion, type CitationInsertionPlan } from '../../src/core/citations/insert';
import { pandocLocator } from '../../src/core/citations/format';
import type { Locator } from '../../src/core/citations/types';
import { fuzzMultiplier, propertySeed } from '../unit/property/config';
import { draftCase } from '../unit/property/arbitraries';
import { pandocJson, pandocReadMany, requirePandoc, type PandocReading } from './pandoc';

/** Pieces of Markdown that open, close or continue blocks and inlines around a cursor. */
const STRUCTURE = [
  '\n', '\n', '\n\n', '\n\n', '\r\n', '# ', '## 標題\n', 'Title\n===\n', 'Sub\n---\n', '- ', '* ', '+ ', '1. ', '(a) ', '#. ',
  '> ', '> > ', '    code\n', '\tcode\n', '    ', '```\n', '```', '~~~ {.r}\n', '~~~\n', '<div>\n', '</div>\n',
  '<div>x</div>\n', '<!--', '-->', '<!-- c -->', '<!-- c -->\n', '<span>', '</span>', '<br>', '<pre>\n', '</pre>\n',
  '[x]: /url\n', '[x]: /url "t"\n', '[x]', '[x][]', '[link](/u)', '[', '[', ']', '](', '(', ')', '{.c}', '{', '}', '!',
  '![', '\\', '`', '``', '$', '$x$', '$$\n', '^', '~', '@old', '[@old]', '[@old, p. 1]', '[-@old]', '@old [p. 2]',
  '[see @old; @b]', '[^1]', '[^1]: note\n', '^[inline]', '| a | b |\n|---|---|\n', '| 1 | 2 |\n', '|', '---\n', '***\n',
  '-----  -----\n', ':::\n', '::: note\n', '::: {#refs}\n:::\n', ': def\n', 'Term\n: ', '~ ', '<http://a.b>', '<a@b.c>',
  'http://x.y ', '\\\n', '  \n', '*', '**', '_', '&amp;', ':', '<?php x ?>', '\\begin{x}\n', '\\end{x}\n', '| ',
];

const piece: fc.Arbitrary<string> = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...STRUCTURE) },
  { weight: 2, arbitrary: fc.constantFrom('金融科技', '監管科技', '。', '𠀀𩸽', 'Claim.', 'text ', ' ', '\t', 'a@b', 'word') },
  { weight: 1, arbitrary: fc.string({ unit: 'binary-ascii', maxLength: 3 }).map((s) => s.replace(/[\r\0]/g, '')) },
);

const FRONT = ['', '', '', '---\ntitle: T\n---\n', '---\nbibliography: refs.json\n---\n\n', '---\n---\n'];

interface Case {
  text: string;
  at: number;
  eol: '\n' | '\r\n';
  sources: Array<{ key: string; locator?: Locator }>;
  /** Whether the draft has a bibliography holding the keys (else a new one is named in the front matter). */
  known: boolean;
}

const KEYS = ['src', 'doe99', '王2020', 'doe99.', 'x;y', '𠀀key', 'a:b/c'];
const LOCATORS: Locator[] = [{ label: 'page', value: '3' }, { label: 'section', value: '1.3' }, { label: 'page', value: '24-29' }];

const caseArb: fc.Arbitrary<Case> = fc
  .record({
    front: fc.constantFrom(...FRONT),
    parts: fc.array(piece, { maxLength: 24 }),
    style: fc.constantFrom('lf', 'crlf', 'mixed'),
    mixed: fc.array(fc.boolean(), { maxLength: 40 }),
    bom: fc.boolean(),
    n: fc.nat(),
    where: fc.nat(5),
    keys: fc.uniqueArray(fc.constantFrom(...KEYS), { minLength: 1, maxLength: 2 }),
    locator: fc.option(fc.constantFrom(...LOCATORS)),
    known: fc.boolean(),
  })
  .map(({ front, parts, style, mixed, bom, n, where, keys, locator, known }) => {
    const { text, at, eol } = draftCase(front + parts.join(''), style, mixed, bom, n, where);
    const sources = keys.map((key, i) => ({ key, ...(locator && i === 0 ? { locator } : {}) }));
    // A draft that names a bibliography has one (the command then appends to it).
    return { text, at, eol, sources, known: known || front.includes('bibliography') };
  });

const itemOf = (key: string): CslItem => ({
  id: key, type: 'report', title: 'T', author: [{ literal: '中研產業研究院' }], issued: { 'date-parts': [[2026]] },
});

/** Codes of the problems with which a Pandoc cursor may be refused. */
const REFUSALS = new Set(['citation.cursor-in-front-matter', 'citation.cursor-literal', 'citation.no-cursor']);

type Node = { t: string; c?: unknown };
const isNode = (x: unknown): x is Node => !!x && typeof x === 'object' && typeof (x as Node).t === 'string';

/** Pandoc's plain text of inlines: Str and spaces, recursively. */
function stringify(x: unknown): string {
  if (Array.isArray(x)) return x.map(stringify).join('');
  if (!isNode(x)) return '';
  // Pandoc's smart typography puts a no-break space after an abbreviation (`p.`, `pp.`).
  if (x.t === 'Str') return (x.c as string).replace(/\u00a0/g, ' ');
  if (x.t === 'Space' || x.t === 'SoftBreak' || x.t === 'LineBreak') return ' ';
  return stringify(x.c);
}

interface Cite { ids: string[]; text: string; suffixes: string[] }

/** Every Cite, in reading order (not inside another Cite's text). */
function citesOf(x: unknown, out: Cite[] = []): Cite[] {
  if (Array.isArray(x)) for (const y of x) citesOf(y, out);
  else if (isNode(x)) {
    if (x.t === 'Cite') {
      const [items, content] = x.c as [Array<{ citationId: string; citationSuffix: unknown[] }>, unknown[]];
      out.push({ ids: items.map((i) => i.citationId), text: stringify(content), suffixes: items.map((i) => stringify(i.citationSuffix)) });
      for (const i of items) citesOf(i.citationSuffix, out);
    } else citesOf(x.c, out);
  } else if (x && typeof x === 'object') for (const v of Object.values(x)) citesOf(v, out);
  return out;
}

/** The block structure: each block's type with the blocks it holds, nested (list items, quotes, cells, divs). */
function shape(blocks: unknown[]): string {
  const inner = (x: unknown): string => {
    if (Array.isArray(x)) return x.map(inner).filter((s) => s !== '').join(',');
    if (isNode(x)) {
      if (BLOCK_TYPES.has(x.t)) {
        const kids = inner(x.c);
        return kids ? `${x.t}(${kids})` : x.t;
      }
      return '';
    }
    if (x && typeof x === 'object') return inner(Object.values(x));
    return '';
  };
  return inner(blocks);
}
const BLOCK_TYPES = new Set([
  'Plain', 'Para', 'LineBlock', 'CodeBlock', 'RawBlock', 'BlockQuote', 'OrderedList', 'BulletList', 'DefinitionList', 'Header',
  'HorizontalRule', 'Table', 'Div', 'Null',
]);
/** Inline containers whose blocks (a note's) are not the document's structure. */
const shapeOfDoc = (r: PandocReading) => shape(stripNotes(r.blocks));
function stripNotes(x: unknown): unknown[] {
  const walk = (y: unknown): unknown => {
    if (Array.isArray(y)) return y.map(walk);
    if (isNode(y)) return y.t === 'Note' ? { t: 'Str', c: '' } : { t: y.t, c: walk(y.c) };
    if (y && typeof y === 'object') return Object.fromEntries(Object.entries(y).map(([k, v]) => [k, walk(v)]));
    return y;
  };
  return walk(x) as unknown[];
}

/** Where Pandoc shows text as it is: code, raw HTML/TeX (comments included), math, URLs. */
function literalTexts(x: unknown, out: string[] = []): string[] {
  if (Array.isArray(x)) for (const y of x) literalTexts(y, out);
  else if (isNode(x)) {
    const c = x.c as unknown[];
    if (x.t === 'Code' || x.t === 'CodeBlock' || x.t === 'RawInline' || x.t === 'RawBlock' || x.t === 'Math') out.push(String(c[1]));
    else if (x.t === 'Link' || x.t === 'Image') {
      out.push(String((c[2] as unknown[])[0]));
      literalTexts(c[1], out);
    } else literalTexts(x.c, out);
  } else if (x && typeof x === 'object') for (const v of Object.values(x)) literalTexts(v, out);
  return out;
}

const MARK = 'qzxjv';
/** What may be a YAML front matter block at the start of a draft, through the line break after its closing line. */
const FRONT_MATTER = /^\uFEFF?---[ \t]*\r?\n(?:[^\n]*\n)*?(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/;

/** The plan's citation in the new text, and its offset there. */
function insertedAt(plan: CitationInsertionPlan): number {
  const c = plan.citations[0];
  let shift = 0;
  for (const e of plan.edits) {
    if (e.range.start < c.at) shift += e.newText.length;
    else if (e.range.start === c.at) shift += e.newText.indexOf(c.text);
  }
  return c.at + shift;
}

const multiset = (cites: Cite[]) => cites.map((c) => c.ids.join(';')).sort();

describe('Insert Citation: Pandoc reads every inserted citation where it went, and the draft as before', function () {
  this.timeout(300_000);
  const runs = 400 * fuzzMultiplier();
  const seed = propertySeed();
  const cases = fc.sample(caseArb, { seed, numRuns: runs });

  before(function () {
    requirePandoc(this);
  });

  const title = 'refuses only where Pandoc shows the cursor\'s text as it is, and otherwise changes nothing but the citation'
    + ` (${runs} drafts, seed ${seed})`;
  it(title, () => {
    const planned = cases.map((c) => {
      const plan = planCitationInsertion({
        text: c.text,
        cursors: [{ start: c.at, end: c.at }],
        syntax: 'pandoc',
        sources: c.sources.map((s) => ({ key: s.key, item: itemOf(s.key), ...(s.locator ? { locator: s.locator } : {}) })),
        bibliography: c.known ? { existing: { path: 'refs.json', keys: c.sources.map((s) => s.key) } } : { existing: 'none' },
      });
      const refused = plan.problems.some((p) => p.severity === 'error');
      return { c, plan, refused, out: refused ? c.text : applyTextEdits(c.text, plan.edits) };
    });
    // One reading of every draft, every result, and every refused draft with a mark at the cursor.
    const texts: string[] = [];
    const index = planned.map((p) => {
      const i = texts.push(p.c.text) - 1;
      const j = p.refused ? texts.push(p.c.text.slice(0, p.c.at) + MARK + p.c.text.slice(p.c.at)) - 1 : texts.push(p.out) - 1;
      // The draft without what looks like its front matter: the same reading when Pandoc takes it for metadata.
      const front = FRONT_MATTER.exec(p.c.text);
      const k = front ? texts.push(p.c.text.slice(front[0].length)) - 1 : -1;
      return [i, j, k, front ? front[0].length : -1] as const;
    });
    const read = pandocReadMany(texts);
    let accepted = 0;
    let refusedCount = 0;
    const failures: string[] = [];
    // Every case is judged; the first failures are reported together.
    planned.forEach((p, n) => {
      try {
        judge(p, n);
      } catch (e) {
        failures.push((e as Error).message.split('\n')[0]);
      }
    });
    assert.deepEqual(failures.slice(0, 5), [], `${failures.length} of ${planned.length} cases fail`);
    function judge({ c, plan, refused, out }: (typeof planned)[number], n: number) {
      const where = `draft ${JSON.stringify(c.text)}, cursor ${c.at}, keys ${JSON.stringify(c.sources)}`;
      for (const p of plan.problems) assert.ok(REFUSALS.has(p.code) || p.severity !== 'error', `unexpected problem ${p.code} in ${where}`);
      const [before, after] = [read[index[n][0]], read[index[n][1]]];
      // A draft Pandoc cannot read at all (a YAML block it refuses) is no judge of where a citation goes.
      if (before.meta === 'error=unreadable') return;
      if (refused) {
        refusedCount++;
        assert.equal(plan.edits.length, 0, `a refused plan changes nothing: ${where}`);
        const code = (plan.problems.find((p) => p.severity === 'warning') ?? plan.problems[0]).code;
        // The mark at the cursor is shown as it is: code, raw HTML or TeX, math, a URL, or the front matter.
        const [, , k, frontEnd] = index[n];
        const inFront = code === 'citation.cursor-in-front-matter' && k >= 0 && c.at <= frontEnd && before.meta !== undefined
          && JSON.stringify(read[k].blocks) === JSON.stringify(before.blocks);
        // Shown as it is, or not at all (a link reference definition), or the mark broke what was shown as it is (`<!-- c --|>`).
        const literal = inFront || literalTexts(after.blocks).some((s) => s.includes(MARK)) || !JSON.stringify(after.blocks).includes(MARK)
          || literalTexts(before.blocks).sort().join('\0') !== literalTexts(after.blocks).sort().join('\0');
        assert.ok(literal, `refused (${code}) where Pandoc reads the text at the cursor as Markdown: ${where}`);
        return;
      }
      accepted++;
      for (const e of plan.edits) {
        assert.equal(e.range.start, e.range.end, `edit at ${e.range.start} replaces text: ${where}`);
        for (const b of e.newText.match(/\r\n|\r|\n/g) ?? []) assert.equal(b, c.eol, `edit at ${e.range.start} inserts ${JSON.stringify(b)}: ${where}`);
      }
      assert.equal(plan.citations.length, 1, where);
      const text = plan.citations[0].text;
      const at = insertedAt(plan);
      assert.equal(out.slice(at, at + text.length), text, `the citation is where the plan says: ${where}`);
      // Pandoc reads the inserted citation as one Cite of exactly its keys and locator, and every citation it read before.
      // In the text or in a title block's fields (Pandoc's citeproc renders both).
      const cites0 = citesOf([before.head, before.blocks]);
      const cites1 = citesOf([after.head, after.blocks]);
      const mine = cites1.filter((x) => x.text === text && x.ids.join(';') === c.sources.map((s) => s.key).join(';'));
      const was = cites0.filter((x) => x.text === text && x.ids.join(';') === c.sources.map((s) => s.key).join(';'));
      assert.equal(mine.length, was.length + 1, `pandoc reads no Cite ${text} in ${JSON.stringify(out)} (${where})`);
      const cite = mine.find((m) => !was.includes(m))!;
      c.sources.forEach((s, i) => {
        assert.equal(cite.suffixes[i], s.locator ? `, ${pandocLocator(s.locator)}` : '', `locator of ${s.key}: ${where}`);
      });
      const still = `the citations of the draft are all still read: ${JSON.stringify(out)} (${where})`;
      assert.deepEqual(multiset(cites1), multiset([...cites0, cite]), still);
      // The same blocks, apart from the inline: at most a new paragraph holding only the citation.
      const [s0, s1] = [shapeOfDoc(before), shapeOfDoc(after)];
      if (s0 !== s1) {
        const ownPara = (s0 === '' ? ['Para'] : []).concat(s0.split(',').flatMap((_, i, all) => [
          [...all.slice(0, i), 'Para', ...all.slice(i)].join(','),
          [...all.slice(0, i + 1), 'Para', ...all.slice(i + 1)].join(','),
        ]));
        assert.ok(ownPara.includes(s1), `blocks changed from ${s0} to ${s1}: ${JSON.stringify(out)} (${where})`);
      }
      if (plan.frontMatterChanged) assert.match(after.meta, /(^|; )bibliography=references\.json(;|$)/, `new bibliography named: ${where}`);
    }
    assert.ok(accepted > runs / 2, `most cursors take a citation (${accepted} of ${runs}, ${refusedCount} refused)`);
  });

  it('reads the cases as the pandoc command line does', () => {
    // The judge reads many drafts with pandoc.read: the same reading as `pandoc -f markdown` of each file.
    const samples = ['\uFEFFA [@x]\r\n\r\n- b\r\n', '\tcode\r\n\r\n> q\t[@y]\n', '---\ntitle: T\n---\n\n| a | b |\n|---|---|\n| 1 | 2 |\n'];
    const many = pandocReadMany(samples);
    samples.forEach((s, i) => {
      const cli = pandocJson(s);
      assert.deepEqual(many[i].blocks, cli.blocks, JSON.stringify(s));
      assert.ok(shape(many[i].blocks) !== '', s);
    });
    assert.equal(many[2].meta, 'title=T');
  });
});
