/**
 * Properties of the citation insertion planner over hostile drafts (Markdown structure that ends
 * or opens blocks, unclosed comments and fences, astral characters, CR/LF/CRLF) and cursors
 * anywhere in them:
 * - the edits only insert: the original text survives, in order;
 * - the draft's line-ending style is kept (a CRLF draft gains no lone LF, an LF draft no CR);
 * - in Pandoc syntax, every key inserted where Pandoc reads citations reads back through the scanner.
 * (`test/pandoc/insertion-keys.test.ts` checks the same keys through Pandoc itself.)
 */
import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import type { CslItem } from '../../../src/core/pack/types';
import { applyTextEdits, planCitationInsertion } from '../../../src/core/citations/insert';
import { isSkipped, scanCitations } from '../../../src/core/citations/markdown';
import { hostileChunk, toCrlf } from './arbitraries';
import { checkProperty, propertyTimeout } from './config';

/** Pieces of Markdown that change the block structure around a cursor. */
const STRUCTURE = [
  '\n', '\n\n', '```\n', '```', '~~~\n', '    code\n', '<!--', '-->', '> ', '- ', '1. ', '# ', '[^1]', '[^1]: note\n',
  '[^a]: x\n', '| a | b |\n|---|---|\n', '`', '[@old]', '@old ', '<div>\n', '</div>\n', '---\n', '::: {#refs}\n:::\n',
];

const piece: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...STRUCTURE) },
  { weight: 2, arbitrary: fc.constantFrom('金融科技', '監管科技', 'Claim.', 'text ', '。', '𠀀𩸽') },
  { weight: 2, arbitrary: hostileChunk },
);

/** A draft with only LF or only CRLF line breaks (lone CRs removed), and a cursor offset in it. */
const draftWithCursor = fc
  .tuple(fc.array(piece, { maxLength: 30 }), fc.boolean(), fc.nat())
  .map(([parts, crlf, n]) => {
    const lf = parts.join('').replace(/\r\n?/g, '\n');
    const text = crlf ? toCrlf(lf) : lf;
    let at = n % (text.length + 1);
    // A cursor is between characters: never inside a surrogate pair or a CRLF.
    const prev = text.charCodeAt(at - 1);
    if (at > 0 && ((prev >= 0xd800 && prev <= 0xdbff) || (prev === 13 && text[at] === '\n'))) at--;
    return { text, at, crlf: crlf && lf.includes('\n') };
  });

const item: CslItem = { id: 'src', type: 'report', title: 'First line\n[^1]: injected', author: [{ literal: '中研產業研究院' }], issued: { 'date-parts': [[2026]] } };

/** The inserted text, checked to be insertions only: the original survives in order. */
function applyInsertions(text: string, edits: ReadonlyArray<{ range: { start: number; end: number }; newText: string }>): string {
  for (const e of edits) assert.equal(e.range.start, e.range.end, `edit at ${e.range.start} replaces text`);
  return applyTextEdits(text, [...edits]);
}

function assertLineEndings(out: string, crlf: boolean): void {
  if (crlf) assert.ok(!/(^|[^\r])\n/.test(out), 'a CRLF draft gained a lone LF');
  else assert.ok(!out.includes('\r'), 'an LF draft gained a CR');
}

describe('properties: citation insertion planner', () => {
  it('pandoc: only inserts, keeps line endings, and the key reads back where Pandoc reads citations', function () {
    this.timeout(propertyTimeout());
    checkProperty(
      fc.property(draftWithCursor, fc.constantFrom('src', 'doe99', '王2020', 'x;y', 'doe99.', '𠀀key'), ({ text, at, crlf }, key) => {
        const plan = planCitationInsertion({
          text, cursors: [{ start: at, end: at }], syntax: 'pandoc', sources: [{ key, item: { ...item, id: key } }],
          bibliography: { existing: { path: 'refs.json', keys: [key] } },
        });
        if (plan.problems.some((p) => p.severity === 'error')) return;
        const out = applyInsertions(text, plan.edits);
        assertLineEndings(out, crlf);
        assert.equal(plan.citations.length, 1);
        const scan = scanCitations(text);
        // Where the scanner reads no citations (code, comments, front matter), the key cannot read back.
        if (isSkipped(scan, at) || (at > 0 && isSkipped(scan, at - 1))) return;
        // A cursor inside an existing citation, or right after an in-text one (which takes a bracket after it as
        // its locator), changes that citation: what reads back then is the analyst's doing.
        if (scan.citations.some((c) => c.range.start < at && (at <= c.range.end || /^[ \t]*(?:\r?\n|\r)?[ \t]*$/.test(text.slice(c.range.end, at))))) return;
        const inserted = plan.citations[0];
        const readBack = scanCitations(out).citations;
        const cite = readBack.find((c) => c.range.start === inserted.at);
        if (cite === undefined) {
          // Text before the cursor can make Pandoc read the bracket differently (a link label, an escape,
          // an indented code line); the scanner must then not read it as a citation of the key either.
          assert.ok(!readBack.some((c) => c.range.start <= inserted.at && c.range.end > inserted.at
            && c.items.some((i) => i.key === key) && c.range.start !== inserted.at), 'key read back at another range');
          return;
        }
        assert.deepEqual(cite.items.map((i) => i.key), [key], `read back ${JSON.stringify(out)}`);
      }),
      { numRuns: 300, timeMs: 3000 },
    );
  });
});
