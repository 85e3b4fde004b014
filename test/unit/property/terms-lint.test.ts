/**
 * Properties of the term engine and the linter over hostile drafts built from the built-in
 * pack's forms and the shared hostile chunks (mixed scripts, astral characters, joiners,
 * line breaks, Markdown punctuation).
 */
import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import * as OpenCC from 'opencc-js';
import builtinPack from '../../../media/packs/fintech-2026/pack.json';
import type { GlossaryTerm } from '../../../src/core/pack/types';
import { isWordUnit } from '../../../src/core/script/fold';
import { buildTermIndex, findTerms, type TermIndex } from '../../../src/core/terms';
import { applyEdits, fixAll, lintDraft } from '../../../src/core/lint';
import { naive } from '../helpers/naiveMatcher';
import { hostileChunk } from './arbitraries';
import { checkProperty, propertyTimeout } from './config';

const glossary = (builtinPack as unknown as { glossary: GlossaryTerm[] }).glossary;
const JOINERS = new Set([0x200c, 0x200d, 0x2060, 0x00ad, 0xfeff]);

const forms: string[] = [];
for (const t of glossary) {
  forms.push(t.forms.en, t.forms['zh-Hans'], t.forms['zh-Hant'], ...(t.abbreviations ?? []), ...(t.aliases ?? []));
}

/** A draft: glossary forms (in any case), joined by hostile chunks and Markdown. */
const draft: fc.Arbitrary<string> = fc
  .array(
    fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom(...forms) },
      { weight: 1, arbitrary: fc.constantFrom(...forms).map((f) => f.toUpperCase()) },
      { weight: 3, arbitrary: hostileChunk },
      { weight: 1, arbitrary: fc.constantFrom('\n\n', '\n> ', '`', '# ', '- ', '（', '）', '。', 'e', 'x') },
    ),
    { maxLength: 30 },
  )
  .map((parts) => parts.join(''));

let index: TermIndex;
before(() => {
  index = buildTermIndex([{ packId: 'fintech-2026', terms: glossary }]);
});

const isHigh = (c: number): boolean => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number): boolean => c >= 0xdc00 && c <= 0xdfff;
const splitsPair = (text: string, at: number): boolean => at > 0 && at < text.length && isHigh(text.charCodeAt(at - 1)) && isLow(text.charCodeAt(at));

/** OpenCC at the character level: each character converted on its own, kept when the result is one unit. */
function perCharacter(convert: (s: string) => string): (s: string) => string {
  return (s) => Array.from(s, (ch) => {
    const out = convert(ch);
    return out.length === ch.length ? out : ch;
  }).join('');
}

describe('properties: term engine', () => {
  it('finds ranges inside the text that never split a surrogate pair, leftmost-longest', function () {
    this.timeout(propertyTimeout());
    checkProperty(fc.property(draft, (text) => {
      const matches = findTerms(index, text);
      let last = 0;
      for (const m of matches) {
        assert.ok(m.start >= last && m.start < m.end && m.end <= text.length, `${m.start}..${m.end} in ${text.length}`);
        assert.ok(!splitsPair(text, m.start) && !splitsPair(text, m.end));
        last = m.end;
      }
      assert.deepEqual(matches.map((m) => [m.start, m.end, m.termId]), naive(index, text));
    }));
  });

  it('never starts or ends an English term inside a word', function () {
    this.timeout(propertyTimeout());
    const wordAt = (text: string, at: number, step: -1 | 1): boolean => {
      let i = at;
      while (i >= 0 && i < text.length && JOINERS.has(text.charCodeAt(i))) i += step;
      return i >= 0 && i < text.length && isWordUnit(text.charCodeAt(i));
    };
    checkProperty(fc.property(draft, (text) => {
      for (const m of findTerms(index, text)) {
        if (isWordUnit(text.charCodeAt(m.start))) assert.ok(!wordAt(text, m.start - 1, -1), `starts inside a word: ${JSON.stringify(text)} @${m.start}`);
        if (isWordUnit(text.charCodeAt(m.end - 1))) assert.ok(!wordAt(text, m.end, 1), `ends inside a word: ${JSON.stringify(text)} @${m.end}`);
      }
    }));
  });

  it('finds the same terms at the same offsets after OpenCC Simplified⇄Traditional conversion', function () {
    this.timeout(propertyTimeout());
    const s2t = perCharacter(OpenCC.Converter({ from: 'cn', to: 't' }));
    const t2s = perCharacter(OpenCC.Converter({ from: 't', to: 'cn' }));
    const key = (text: string): Array<[number, number, string]> => findTerms(index, text).map((m) => [m.start, m.end, m.termId]);
    checkProperty(fc.property(draft, (text) => {
      const expected = key(text);
      assert.deepEqual(key(s2t(text)), expected, 's2t');
      assert.deepEqual(key(t2s(text)), expected, 't2s');
    }));
  });
});

describe('properties: linter', () => {
  it('reports findings and fixes inside the text', function () {
    this.timeout(propertyTimeout());
    checkProperty(fc.property(draft, fc.constantFrom('auto', 'zh-Hans', 'zh-Hant', 'en') as fc.Arbitrary<'auto'>, (text, script) => {
      for (const f of lintDraft(text, index, { script })) {
        assert.ok(f.range.start >= 0 && f.range.start < f.range.end && f.range.end <= text.length);
        for (const e of f.fixes.flatMap((x) => x.edits)) assert.ok(e.range.start >= 0 && e.range.end <= text.length);
        assert.ok(f.template && f.message.length > 0);
      }
    }));
  });

  it('Fix All is idempotent and leaves nothing fixable behind', function () {
    this.timeout(propertyTimeout(3000));
    checkProperty(fc.property(draft, fc.constantFrom('auto', 'zh-Hans', 'zh-Hant', 'en') as fc.Arbitrary<'auto'>, (text, script) => {
      const once = fixAll(text, index, { script });
      assert.equal(applyEdits(text, once.edits), once.text);
      assert.deepEqual(lintDraft(once.text, index, { script }).filter((f) => f.fixes.length > 0).map((f) => f.message), [], JSON.stringify(text));
      assert.deepEqual(fixAll(once.text, index, { script }).edits, []);
    }), { timeMs: 3000 });
  });
});
