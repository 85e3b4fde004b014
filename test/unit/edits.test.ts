import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { applyEdits, composeEdits } from '../../src/core/text/edits';
import type { TextEdit } from '../../src/core/text/types';
import { checkProperty, propertyTimeout } from './property/config';

const edit = (start: number, end: number, newText: string): TextEdit => ({ range: { start, end }, newText });

/** Non-overlapping edits of a text of length n. */
function editsOf(n: number): fc.Arbitrary<TextEdit[]> {
  return fc.array(fc.tuple(fc.nat({ max: n }), fc.nat({ max: 3 }), fc.string({ maxLength: 4 })), { maxLength: 5 }).map((raw) => {
    const out: TextEdit[] = [];
    let at = 0;
    for (const [gap, len, text] of raw.sort((a, b) => a[0] - b[0])) {
      const start = Math.max(at, gap);
      if (start > n) break;
      const end = Math.min(n, start + len);
      out.push(edit(start, end, text));
      at = end + 1;
    }
    return out;
  });
}

describe('core/text edits', () => {
  it('applies edits in any order, insertions at one offset in their given order', () => {
    assert.equal(applyEdits('abcdef', [edit(4, 6, 'X'), edit(0, 1, ''), edit(2, 2, '1'), edit(2, 2, '2')]), 'b12cdX');
    assert.throws(() => applyEdits('abcdef', [edit(0, 3, 'x'), edit(2, 4, 'y')]));
  });

  it('composes a second round into edits on the original text', () => {
    const text = 'SCF and more';
    const first = [edit(0, 3, 'supply chain finance (SCF)')];
    const mid = applyEdits(text, first);
    const second = [edit(0, 6, 'Supply'), edit(mid.length - 4, mid.length, 'MORE')];
    const composed = composeEdits(text, first, second);
    assert.equal(applyEdits(text, composed), applyEdits(mid, second));
    // Untouched text stays out of every edit: ' and ' is not replaced.
    assert.deepEqual(composed.map((e) => e.range), [{ start: 0, end: 3 }, { start: 8, end: 12 }]);
  });

  it('composition always gives the outcome of both rounds', function () {
    this.timeout(propertyTimeout());
    checkProperty(
      fc.property(
        fc.string({ maxLength: 12 }).chain((text) => fc.tuple(fc.constant(text), editsOf(text.length))),
        fc.integer(),
        ([text, first], seed) => {
          const mid = applyEdits(text, first);
          const second = fc.sample(editsOf(mid.length), { numRuns: 1, seed })[0];
          const composed = composeEdits(text, first, second);
          for (let i = 1; i < composed.length; i++) assert.ok(composed[i - 1].range.end <= composed[i].range.start);
          assert.equal(applyEdits(text, composed), applyEdits(mid, second));
        },
      ),
      { numRuns: 300 },
    );
  });
});
