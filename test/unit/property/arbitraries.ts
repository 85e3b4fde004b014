/**
 * Generators shared by the property tests: hostile text of the kind users paste (mixed scripts, astral characters,
 * lone surrogates, invisible characters, CR/LF/CRLF, BOMs, brackets) and the mutations a careless edit makes.
 */
import * as fc from 'fast-check';

/** Characters that tend to break parsers and offset arithmetic. */
const SPECIAL = [
  '\uFEFF', '\u200B', '\u200C', '\u200D', '\u2060', '\u00AD', '\r', '\n', '\r\n', '\t', ' ', '\u3000', '\u00A0',
  '{', '}', '[', ']', '(', ')', '"', "'", '\\', ',', ':', ';', '#', '@', '%', '=', '-', '*', '`', '|', '<', '>',
  '𠀀', '𩸽', '😀', '\uD800', '\uDC00', '金融', '科技', '區塊鏈', '区块链', 'RegTech', '1.', '##',
];

/** One "unit" of hostile text: a special token, an ASCII character or any code point. */
export const hostileChunk: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...SPECIAL) },
  { weight: 3, arbitrary: fc.string({ unit: 'binary-ascii', maxLength: 4 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 3 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 2 }) },
);

/** Hostile text of up to `maxChunks` chunks. */
export function hostileText(maxChunks = 40): fc.Arbitrary<string> {
  return fc.array(hostileChunk, { maxLength: maxChunks }).map((parts) => parts.join(''));
}

/** A careless edit of `text`: delete, insert hostile text, or duplicate a slice, at a generated position. */
export function mutate(text: string): fc.Arbitrary<string> {
  const pos = fc.nat({ max: text.length });
  return fc.oneof(
    fc.tuple(pos, fc.integer({ min: 1, max: 8 })).map(([at, n]) => text.slice(0, at) + text.slice(at + n)),
    fc.tuple(pos, hostileText(4)).map(([at, s]) => text.slice(0, at) + s + text.slice(at)),
    fc.tuple(pos, pos).map(([a, b]) => {
      const [lo, hi] = a <= b ? [a, b] : [b, a];
      return text.slice(0, hi) + text.slice(lo, hi) + text.slice(hi);
    }),
    pos.map((at) => text.slice(0, at)),
  );
}

export const withBom = (text: string): string => '\uFEFF' + text;
export const toCrlf = (text: string): string => text.replace(/\r?\n/g, '\r\n');

/** A draft and a cursor in it, with the draft's first line break. */
export interface DraftCase {
  text: string;
  at: number;
  eol: '\n' | '\r\n';
}

/**
 * A draft from `body` with line breaks in `style` (`mixed`: CRLF where `mixed` says so, cycling), after a BOM when
 * `bom`, and a cursor: at 0 (`where` 0), at the end (`where` 1), else `n` modulo its length; never inside a surrogate
 * pair or a CRLF, nor before the BOM unless at 0 was asked for.
 */
export function draftCase(body: string, style: string, mixed: boolean[], bom: boolean, n: number, where: number): DraftCase {
  let k = 0;
  const lines = body.replace(/\r\n/g, '\n').replace(/\n/g, () => {
    if (style === 'lf') return '\n';
    if (style === 'crlf') return '\r\n';
    return mixed[k++ % Math.max(1, mixed.length)] ? '\r\n' : '\n';
  });
  const text = (bom ? '\uFEFF' : '') + lines;
  let at = where === 0 ? 0 : where === 1 ? text.length : n % (text.length + 1);
  if (bom && at === 0 && where !== 0) at = 1;
  const prev = text.charCodeAt(at - 1);
  if (at > 0 && ((prev >= 0xd800 && prev <= 0xdbff) || (prev === 13 && text[at] === '\n'))) at--;
  const first = /\r?\n/.exec(text);
  return { text, at, eol: first && first[0] === '\r\n' ? '\r\n' : '\n' };
}
