/**
 * Properties of the pack loader over generated packs: valid packs with fields replaced by
 * values of any type or removed, and pack texts cut, spliced, given a BOM or CRLF.
 */
import { strict as assert } from 'node:assert';
import * as fc from 'fast-check';
import { loadPack } from '../../../src/core/pack/load';
import type { GlossaryTerm } from '../../../src/core/pack/types';
import { exerciseTermEngine, exerciseViews } from '../helpers/exercise';
import { checkProperty, propertyTimeout } from './config';
import { hostileText, mutate, toCrlf, withBom } from './arbitraries';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Path = Array<string | number>;

const text3 = (s: string): Json => ({ en: s, 'zh-Hans': s, 'zh-Hant': s });

/** A valid pack with `n` terms, a two-level outline and one category with one topic. */
function validPack(n: number): { [k: string]: Json } {
  const ids = Array.from({ length: n }, (_, i) => `term-${i}`);
  return {
    id: 'gen',
    version: '1.0.0',
    name: text3('Generated'),
    reportScript: 'zh-Hant',
    reference: { id: 'gen2026', type: 'report', title: '報告', author: [{ literal: '研究院' }], issued: { 'date-parts': [[2026]] } },
    outline: [{ id: '1', number: '1', title: '金融科技行業發展現狀分析', level: 1, titles: { en: 'Current state' }, children: [{ id: '1.1', number: '1.1', title: '核心技術體系', level: 2 }] }],
    taxonomy: [{ id: 'cat', label: text3('Category'), topics: [{ id: 'top', label: text3('Topic'), terms: ids, sections: ['1'] }] }],
    glossary: ids.map((id, i) => ({
      id,
      forms: { en: `term ${i}`, 'zh-Hans': `术语${i}`, 'zh-Hant': `術語${i}` },
      aliases: [`別名${i}`],
      abbreviations: [`T${i}X`],
      preferred: { en: `Term ${i}` },
      discouraged: { 'zh-Hans': [`術語${i}`] },
      definition: text3(`Definition ${i}.`),
      category: 'cat',
      related: ids.filter((x) => x !== id).slice(0, 2),
      sections: ['1.1'],
    })),
  };
}

/** Every path to a value inside `v`. */
function paths(v: Json, prefix: Path = []): Path[] {
  const out: Path[] = [];
  if (Array.isArray(v)) v.forEach((x, i) => out.push([...prefix, i], ...paths(x, [...prefix, i])));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) out.push([...prefix, k], ...paths(x, [...prefix, k]));
  return out;
}

/** `v` with the value at `path` replaced (or removed when `value` is undefined). */
function setAt(v: Json, path: Path, value: Json | undefined): Json {
  if (path.length === 0) return value ?? null;
  const [head, ...rest] = path;
  if (Array.isArray(v)) {
    const copy = [...v];
    if (rest.length === 0 && value === undefined) copy.splice(head as number, 1);
    else copy[head as number] = setAt(copy[head as number], rest, value);
    return copy;
  }
  const copy = { ...(v as { [k: string]: Json }) };
  if (rest.length === 0 && value === undefined) delete copy[head as string];
  else copy[head as string] = setAt(copy[head as string], rest, value);
  return copy;
}

/** A value of any JSON type, including the empty and blank ones that validators forget. */
const anyValue: fc.Arbitrary<Json | undefined> = fc.oneof(
  fc.constantFrom<Json | undefined>(undefined, null, '', ' ', 0, -1, 1.5, true, [], {}, [''], { en: [] }, { en: 5 }, { 'zh-Hans': [] }),
  fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json>,
  hostileText(6),
);

const FIELDS = new Set(['titles', 'title', 'number', 'level', 'children', 'name', 'label', 'forms', 'definition', 'preferred', 'discouraged',
  'aliases', 'abbreviations', 'related', 'sections', 'terms', 'topics', 'category', 'author', 'issued', 'reference', 'mixing']);

/** A generated pack: a valid one with up to four fields replaced by anything. */
const corruptedPack: fc.Arbitrary<Json> = fc
  .integer({ min: 1, max: 4 })
  .chain((n) => {
    const base = validPack(n);
    const all = paths(base);
    // Half of the edits hit a named field (rather than, say, one character of a form), where type confusion bites.
    const named = all.filter((p) => typeof p[p.length - 1] === 'string' && FIELDS.has(p[p.length - 1] as string));
    const path = fc.oneof(fc.constantFrom(...all), fc.constantFrom(...named));
    return fc.array(fc.tuple(path, anyValue), { minLength: 1, maxLength: 4 }).map((edits) => {
      let v: Json = base;
      // Paths are taken from the valid pack; an earlier edit may have removed the parent, which setAt rebuilds.
      for (const [at, value] of edits) v = setAt(v, at, value);
      return v;
    });
  });

const packText: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: corruptedPack.map((p) => JSON.stringify(p, null, 2)) },
  { weight: 3, arbitrary: corruptedPack.chain((p) => mutate(JSON.stringify(p, null, 2))) },
  { weight: 1, arbitrary: hostileText() },
  { weight: 1, arbitrary: corruptedPack.map((p) => withBom(toCrlf(JSON.stringify(p, null, 2)))) },
);

describe('property: pack loader', () => {
  it('never throws, and every problem lies inside the text', function () {
    this.timeout(propertyTimeout());
    checkProperty(
      fc.property(packText, (text) => {
        const { problems } = loadPack(text);
        for (const p of problems) {
          assert.ok(p.range.start >= 0 && p.range.start <= p.range.end && p.range.end <= text.length, JSON.stringify(p));
          assert.equal(typeof p.message, 'string');
          assert.notEqual(p.code, 'pack.unreadable', p.message);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('a pack that loads never makes a later view throw (tree, labels, filter, hover card, definition view, completion)', function () {
    this.timeout(propertyTimeout());
    checkProperty(
      fc.property(corruptedPack, (p) => {
        const { pack } = loadPack(JSON.stringify(p));
        if (pack) exerciseViews(pack);
      }),
      { numRuns: 300 },
    );
  });

  it('a pack that loads never makes the term engine or lint throw', function () {
    this.timeout(propertyTimeout());
    checkProperty(
      fc.property(corruptedPack, (p) => {
        const { pack } = loadPack(JSON.stringify(p));
        if (pack) exerciseTermEngine(pack);
      }),
      { numRuns: 40 },
    );
  });

  it('other terms survive one broken term', function () {
    this.timeout(propertyTimeout());
    checkProperty(
      fc.property(
        fc.integer({ min: 2, max: 5 }).chain((n) => {
          const term = fc.nat({ max: n - 1 });
          const base = validPack(n);
          return fc.tuple(fc.constant(n), term, term.chain((k) => {
            const inTerm = paths((base.glossary as Json[])[k]);
            return fc.tuple(fc.nat({ max: inTerm.length - 1 }).map((i) => inTerm[i]), anyValue);
          }));
        }),
        ([n, k, [path, value]]) => {
          const base = validPack(n);
          const broken = setAt(base, ['glossary', k, ...path], value);
          const { pack } = loadPack(JSON.stringify(broken));
          assert.ok(pack, 'the pack still loads');
          for (let j = 0; j < n; j++) {
            if (j === k) continue;
            const t: GlossaryTerm | undefined = pack.glossary.find((x) => x.id === `term-${j}`);
            assert.ok(t, `term-${j} survives`);
            assert.deepEqual(t.forms, (base.glossary as Array<{ forms: Json }>)[j].forms);
            assert.ok(pack.taxonomy[0].topics[0].terms.includes(t.id), `term-${j} stays under its topic`);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
