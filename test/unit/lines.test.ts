import { strict as assert } from 'node:assert';
import { LineIndex, dominantEol, trimRange, bomLength, lineEndsOf, lineStartsOf } from '../../src/core/text/lines';

describe('LineIndex', () => {
  it('maps offsets and positions with LF, CRLF and CR line breaks', () => {
    const text = 'ab\r\ncd\ref\ngh';
    const li = new LineIndex(text);
    assert.equal(li.lineCount, 4);
    assert.deepEqual(li.positionAt(text.indexOf('c')), { line: 1, character: 0 });
    assert.deepEqual(li.positionAt(text.indexOf('f')), { line: 2, character: 1 });
    assert.deepEqual(li.positionAt(text.indexOf('h')), { line: 3, character: 1 });
    assert.equal(li.offsetAt({ line: 1, character: 1 }), text.indexOf('d'));
    assert.equal(li.lineText(0), 'ab');
    assert.equal(li.lineText(1), 'cd');
  });

  it('puts an offset between \\r and \\n at the end of its line', () => {
    const li = new LineIndex('ab\r\ncd');
    assert.deepEqual(li.positionAt(3), { line: 0, character: 2 });
  });

  it('counts astral characters as two UTF-16 units, like VS Code', () => {
    const li = new LineIndex('𠮷x\n𠮷y');
    assert.deepEqual(li.positionAt(2), { line: 0, character: 2 });
    assert.equal(li.offsetAt({ line: 1, character: 2 }), 6);
  });

  it('clamps out-of-range positions', () => {
    const li = new LineIndex('ab\ncd');
    assert.equal(li.offsetAt({ line: 9, character: 0 }), 5);
    assert.equal(li.offsetAt({ line: 0, character: 99 }), 2);
    assert.deepEqual(li.positionAt(99), { line: 1, character: 2 });
  });
});

describe('text helpers', () => {
  it('finds the dominant line ending', () => {
    assert.equal(dominantEol('a\r\nb\r\nc\n'), '\r\n');
    assert.equal(dominantEol('a\nb'), '\n');
    assert.equal(dominantEol('abc'), '\n');
  });
  it('trims ASCII and ideographic spaces inside a range', () => {
    const t = '\u3000 abc \u3000';
    assert.deepEqual(trimRange(t, { start: 0, end: t.length }), { start: 2, end: 5 });
  });
  it('measures the BOM', () => {
    assert.equal(bomLength('\uFEFFa'), 1);
    assert.equal(bomLength('a'), 0);
  });
});

describe('lineEndsOf', () => {
  it('ends each line before its break, for LF, CRLF, lone CR and empty lines', () => {
    const text = 'ab\r\n\r\nc\rd\n\ne';
    assert.deepEqual(Array.from(lineStartsOf(text)), [0, 4, 6, 8, 10, 11]);
    assert.deepEqual(lineEndsOf(text, lineStartsOf(text)), [2, 4, 7, 9, 10, 12]);
    assert.deepEqual(lineEndsOf('', lineStartsOf('')), [0]);
  });
});
