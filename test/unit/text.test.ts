import * as assert from 'node:assert/strict';
import { codePointBefore, hasHan, isHan, stripPunctuation } from '../../src/core/text/chars';
import { findInOutline, flattenOutline, walkOutline } from '../../src/core/text/outline';
import { formatMessage, makeProblem } from '../../src/core/text/messages';
import { lineOf, lineStartsOf, LineIndex } from '../../src/core/text/lines';
import { decodeEntities } from '../../src/core/text/html';

describe('core/text: characters', () => {
  it('tests Han correctly for astral characters (CJK Extension B)', () => {
    assert.ok(hasHan('𠀀'));
    assert.ok(hasHan('x𩸽'));
    assert.ok(isHan('𠀀'.codePointAt(0)!));
    assert.ok(!hasHan('😀 AI'));
    assert.ok(!hasHan('\ud840'), 'a lone high surrogate is not Han');
    assert.equal(codePointBefore('a𠀀', 3), 0x20000);
    assert.equal(codePointBefore('a𠀀', 2), 0xd840);
    assert.equal(codePointBefore('a', 0), -1);
  });

  it('strips white space, punctuation and symbols', () => {
    assert.equal(stripPunctuation('1.3 監管與合規：RegTech（概述）、 $ 風險！'), '13監管與合規RegTech概述風險');
  });
});

describe('core/text: outline walker', () => {
  interface S { id: string; children?: S[] }
  const tree: S[] = [{ id: 'a', children: [{ id: 'a1' }, { id: 'a2', children: [{ id: 'a2x' }] }] }, { id: 'b' }];

  it('visits sections depth-first in document order, with depth and parent', () => {
    const seen: string[] = [];
    walkOutline(tree, (s, depth, parent) => void seen.push(`${s.id}@${depth}<${parent?.id ?? ''}`));
    assert.deepEqual(seen, ['a@0<', 'a1@1<a', 'a2@1<a', 'a2x@2<a2', 'b@0<']);
    assert.deepEqual(flattenOutline(tree).map((s) => s.id), ['a', 'a1', 'a2', 'a2x', 'b']);
    assert.equal(findInOutline(tree, 'a2x')?.id, 'a2x');
    assert.equal(findInOutline(tree, 'zz'), undefined);
  });

  it('skips children when asked, and survives hostile shapes and deep nesting', () => {
    const seen: string[] = [];
    walkOutline(tree, (s) => { seen.push(s.id); return s.id !== 'a'; });
    assert.deepEqual(seen, ['a', 'b']);
    assert.deepEqual(flattenOutline(null), []);
    assert.deepEqual(flattenOutline([null, 5, { id: 'x', children: 'no' }] as unknown as S[]).map((s) => s.id), ['x']);
    let deep: S = { id: 'leaf' };
    for (let i = 0; i < 50_000; i++) deep = { id: `n${i}`, children: [deep] };
    assert.equal(flattenOutline([deep]).length, 50_001);
  });
});

describe('core/text: messages and lines', () => {
  it('fills templates and builds problems that carry them', () => {
    assert.equal(formatMessage('{0} and {1}, {2}', ['a', 3]), 'a and 3, {2}');
    const p = makeProblem('Term "{0}" is bad.', ['x'], 'warning', 'c', { start: 1, end: 2 });
    assert.deepEqual(p, { severity: 'warning', code: 'c', message: 'Term "x" is bad.', template: 'Term "{0}" is bad.', args: ['x'], range: { start: 1, end: 2 } });
  });

  it('gives the same line starts on the LF fast path and the CR path', () => {
    assert.deepEqual([...lineStartsOf('a\nb\n\nc')], [0, 2, 4, 5]);
    assert.deepEqual([...lineStartsOf('a\r\nb\rc\n')], [0, 3, 5, 7]);
    assert.deepEqual([...new LineIndex('a\r\nb\rc\n').starts], [0, 3, 5, 7]);
    assert.equal(lineOf([0, 3, 5, 7], 4), 1);
    assert.equal(lineOf([0, 3, 5, 7], 99), 3);
  });
});

describe('core/text: character references', () => {
  it('decodes named and numeric references, and leaves those that name no character as written', () => {
    assert.equal(decodeEntities('A &amp; B &lt;i&gt; &quot;x&quot; &apos;y&apos;&nbsp;z'), 'A & B <i> "x" \'y\'\u00a0z');
    assert.equal(decodeEntities('&#20013;&#x6587;&#X1F600;'), '中文😀');
    assert.equal(decodeEntities('&#0; &#x110000; &#99999999999; &bogus; &amp'), '&#0; &#x110000; &#99999999999; &bogus; &amp');
  });
});
