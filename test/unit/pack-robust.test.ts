/**
 * Bad pack input never breaks anything (each case holds a minimal repro): nesting that would
 * overflow the parser's stack, fields of the wrong type that would crash the tree and the
 * cards, references to dropped terms, a BOM, and problems at the end of the text.
 */
import { strict as assert } from 'node:assert';
import { loadPack } from '../../src/core/pack/load';
import { clampRange, excessiveJsonNesting } from '../../src/core/text/guard';
import { exerciseFeatures } from './helpers/exercise';
import { repoFile } from './helpers/fixtures';

function minimalPack(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 'demo',
    version: '1.0.0',
    name: { en: 'Demo', 'zh-Hans': '演示', 'zh-Hant': '演示' },
    reportScript: 'zh-Hant',
    reference: { id: 'demo2026', type: 'report', title: '演示報告' },
    outline: [{ id: '1', number: '1', title: '金融科技行業發展現狀分析', level: 1, children: [{ id: '1.1', number: '1.1', title: '核心技術體系', level: 2 }] }],
    taxonomy: [{ id: 'tech', label: { en: 'Technology', 'zh-Hans': '技术', 'zh-Hant': '技術' }, topics: [{ id: 'chain', label: { en: 'Blockchain', 'zh-Hans': '区块链', 'zh-Hant': '區塊鏈' }, terms: ['blockchain', 'ledger'] }] }],
    glossary: [
      { id: 'blockchain', forms: { en: 'blockchain', 'zh-Hans': '区块链', 'zh-Hant': '區塊鏈' }, definition: { en: 'A shared ledger.', 'zh-Hans': '共享账本。', 'zh-Hant': '共享帳本。' }, category: 'tech', sections: ['1.1'], related: ['ledger'] },
      { id: 'ledger', forms: { en: 'ledger', 'zh-Hans': '账本', 'zh-Hant': '帳本' }, definition: { en: 'A record.', 'zh-Hans': '记录。', 'zh-Hant': '記錄。' }, category: 'tech', related: ['blockchain'] },
    ],
    ...over,
  };
}
const json = (o: unknown): string => JSON.stringify(o, null, 2);
const inside = (text: string, problems: Array<{ range: { start: number; end: number } }>): void => {
  for (const p of problems) assert.ok(p.range.start >= 0 && p.range.start <= p.range.end && p.range.end <= text.length, `${JSON.stringify(p.range)} in ${text.length}`);
};

describe('pack loader: hostile input', () => {
  it('refuses 6,251 `[` with a problem instead of overflowing the stack', () => {
    const text = '['.repeat(6251);
    const { pack, problems } = loadPack(text);
    assert.equal(pack, undefined);
    assert.deepEqual(problems.map((p) => p.code), ['pack.too-deep']);
    assert.deepEqual(problems[0].args, [256]);
    assert.equal(problems[0].range.start, 256);
    inside(text, problems);
  });

  it('refuses an object nested 3,000 deep, and a deep value inside a valid pack', () => {
    const deep = '{"a":'.repeat(3000) + '1' + '}'.repeat(3000);
    assert.deepEqual(loadPack(deep).problems.map((p) => p.code), ['pack.too-deep']);
    const p = minimalPack();
    const text = json(p).replace('"version": "1.0.0"', `"extra": ${'['.repeat(3000)}${']'.repeat(3000)}, "version": "1.0.0"`);
    const r = loadPack(text);
    assert.equal(r.pack, undefined);
    assert.deepEqual(r.problems.map((x) => x.code), ['pack.too-deep']);
  });

  it('the nesting scan skips strings and comments', () => {
    assert.equal(excessiveJsonNesting(`{"a": "${'['.repeat(1000)}", // ${'{'.repeat(1000)}\n /* ${'['.repeat(1000)} */ "b": [[1]]}`), undefined);
    assert.equal(excessiveJsonNesting('[[[', 2), 2);
  });

  for (const bad of [{ 'zh-Hans': [] }, { en: 5 }, { en: '  ', 'zh-Hant': { x: 1 } }, [], 'title', 7]) {
    it(`a section's titles ${JSON.stringify(bad)} are reported and never reach the tree or the cards`, () => {
      const p = minimalPack();
      const outline = p.outline as Array<Record<string, unknown>>;
      (outline[0].children as Array<Record<string, unknown>>)[0].titles = bad;
      const { pack, problems } = loadPack(json(p));
      assert.ok(pack);
      assert.ok(problems.some((x) => x.code === 'pack.type' && /titles/.test(x.message)), JSON.stringify(problems));
      const s = pack.outline[0].children![0];
      for (const v of Object.values(s.titles ?? {})) assert.equal(typeof v, 'string');
      exerciseFeatures(pack);
    });
  }

  it('keeps the good translations of a title and drops the bad one', () => {
    const p = minimalPack();
    (p.outline as Array<Record<string, unknown>>)[0].titles = { en: 'Current state', 'zh-Hans': [] };
    const { pack, problems } = loadPack(json(p));
    assert.deepEqual(pack!.outline[0].titles, { en: 'Current state' });
    assert.deepEqual(problems.map((x) => x.message), ['outline[0].titles.zh-Hans must be a non-empty string; it is ignored.']);
  });

  it('reports a number, level, preferred or discouraged form of the wrong type', () => {
    const p = minimalPack();
    Object.assign((p.outline as Array<Record<string, unknown>>)[0], { number: 1, level: 'one' });
    Object.assign((p.glossary as Array<Record<string, unknown>>)[0], { preferred: { en: 5, 'zh-Hans': '区块链' }, discouraged: { en: 'chain', 'zh-Hant': ['區塊練', 3] } });
    const { pack, problems } = loadPack(json(p));
    assert.ok(pack);
    assert.equal(pack.outline[0].number, undefined);
    assert.equal(pack.outline[0].level, 1);
    assert.deepEqual(pack.glossary[0].preferred, { 'zh-Hans': '区块链' });
    assert.equal(pack.glossary[0].discouraged, undefined);
    assert.deepEqual(problems.map((x) => x.code), ['pack.type', 'pack.type', 'pack.type', 'pack.type', 'pack.type']);
    exerciseFeatures(pack);
  });

  it('removes reference fields of the wrong type so that the formatters can trust the record', () => {
    const p = minimalPack({ reference: { id: 'r', type: 'report', title: 'T', author: [{ family: 5, given: 'A' }, 'x'], issued: { 'date-parts': 'soon' }, publisher: ['x'], volume: {} } });
    const { pack, problems } = loadPack(json(p));
    assert.deepEqual(pack!.reference, { id: 'r', type: 'report', title: 'T', author: [{ given: 'A' }] });
    assert.deepEqual(problems.map((x) => x.args?.[0]).sort(), ['reference.author[0].family', 'reference.author[1]', 'reference.issued', 'reference.publisher', 'reference.volume']);
    assert.ok(problems.every((x) => x.code === 'pack.type' && x.severity === 'warning'));
  });

  it('reports and removes references to a term that was dropped, in related lists and topics', () => {
    const p = minimalPack();
    delete (p.glossary as Array<Record<string, unknown>>)[1].forms;
    const { pack, problems } = loadPack(json(p));
    assert.ok(pack);
    assert.deepEqual(pack.glossary.map((t) => t.id), ['blockchain']);
    assert.deepEqual(pack.glossary[0].related, []);
    assert.deepEqual(pack.taxonomy[0].topics[0].terms, ['blockchain']);
    const dropped = problems.filter((x) => x.template?.startsWith('Term "{0}" was not loaded'));
    assert.equal(dropped.length, 2);
    assert.ok(dropped.every((x) => x.args?.[0] === 'ledger'));
    exerciseFeatures(pack);
  });

  it('reports references to a section that was dropped', () => {
    const p = minimalPack();
    delete ((p.outline as Array<Record<string, unknown>>)[0].children as Array<Record<string, unknown>>)[0].title;
    const { pack, problems } = loadPack(json(p));
    assert.equal(pack!.glossary[0].sections, undefined);
    assert.ok(problems.some((x) => x.code === 'pack.unknown-ref' && x.template?.startsWith('Section "{0}" was not loaded') && x.args?.[0] === '1.1'));
  });

  it('loads a pack with a BOM exactly as without, at the same offsets', () => {
    const text = repoFile('media', 'packs', 'fintech-2026', 'pack.json').replace(/^\uFEFF/, '');
    const plain = loadPack(text);
    const bom = loadPack('\uFEFF' + text);
    assert.ok(bom.pack);
    assert.deepEqual(bom.pack, plain.pack);
    const broken = '\uFEFF' + json(minimalPack({ version: 5 }));
    const r = loadPack(broken);
    assert.equal(r.problems.length, 1);
    assert.equal(broken.slice(r.problems[0].range.start, r.problems[0].range.end), '5');
  });

  it('keeps problems at the end of the text inside the text', () => {
    for (const text of ['', '{"a": ', '{', ' ', '{"id": "x"']) {
      const { problems } = loadPack(text);
      assert.ok(problems.length > 0, text);
      inside(text, problems);
    }
    assert.deepEqual(loadPack('{"a": ').problems[0].range, { start: 5, end: 6 });
    assert.deepEqual(loadPack('').problems.map((p) => p.range), [{ start: 0, end: 0 }, { start: 0, end: 0 }]);
  });

  it('clamps ranges inside a text and never splits a surrogate pair', () => {
    assert.deepEqual(clampRange({ start: 6, end: 7 }, 6), { start: 5, end: 6 });
    assert.deepEqual(clampRange({ start: -3, end: 2 }, 6), { start: 0, end: 2 });
    assert.deepEqual(clampRange({ start: 4, end: 2 }, 6), { start: 4, end: 4 });
    assert.deepEqual(clampRange({ start: 0, end: 1 }, 0), { start: 0, end: 0 });
    assert.deepEqual(clampRange({ start: 3, end: 3 }, 3, 'a𠀀'), { start: 1, end: 3 });
    assert.deepEqual(clampRange({ start: NaN, end: Infinity }, 3), { start: 0, end: 3 });
  });
});
