import { strict as assert } from 'node:assert';
import * as fs from 'fs';
import { loadPack, termOffsetInPack } from '../../src/core/pack/load';
import { bindOutline, normalizeTitle, titleSimilarity } from '../../src/core/pack/bind';
import { analyzeReport, outlineKeys } from '../../src/core/pack/analyze';
import { parseReport } from '../../src/core/report';
import { toSimplified } from '../../src/core/script/fold';
import { markdownReport, plainReport, seedReport } from './helpers/fixtures';

function minimalPack(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 'demo',
    version: '1.0.0',
    name: { en: 'Demo', 'zh-Hans': '演示', 'zh-Hant': '演示' },
    reportScript: 'zh-Hant',
    reference: { id: 'demo2026', type: 'report', title: '演示報告' },
    outline: [{ id: '1', number: '1', title: '金融科技行業發展現狀分析', level: 1, children: [{ id: '1.1', number: '1.1', title: '核心技術體系:從單點突破到融合應用', level: 2 }] }],
    taxonomy: [{ id: 'tech', label: { en: 'Technology', 'zh-Hans': '技术', 'zh-Hant': '技術' }, topics: [{ id: 'chain', label: { en: 'Blockchain', 'zh-Hans': '区块链', 'zh-Hant': '區塊鏈' }, terms: ['blockchain'] }] }],
    glossary: [
      {
        id: 'blockchain',
        forms: { en: 'blockchain', 'zh-Hans': '区块链', 'zh-Hant': '區塊鏈' },
        definition: { en: 'A shared ledger.', 'zh-Hans': '共享账本。', 'zh-Hant': '共享帳本。' },
        category: 'tech',
        sections: ['1.1'],
      },
    ],
    ...over,
  };
}

const json = (o: unknown): string => JSON.stringify(o, null, 2);

describe('pack loader', () => {
  it('loads a valid pack without problems', () => {
    const { pack, problems } = loadPack(json(minimalPack()));
    assert.deepEqual(problems, []);
    assert.equal(pack?.id, 'demo');
    assert.equal(pack?.glossary[0].forms['zh-Hant'], '區塊鏈');
  });

  it('reports a JSON syntax error at its offset and loads nothing', () => {
    const text = '{ "id": "demo", "name": }';
    const { pack, problems } = loadPack(text);
    assert.equal(pack, undefined);
    assert.equal(problems[0].code, 'pack.json-syntax');
    assert.equal(problems[0].range.start, text.indexOf('}'));
  });

  it('flags a duplicate term id at the second id and keeps the first term', () => {
    const p = minimalPack();
    const g = p.glossary as Array<Record<string, unknown>>;
    g.push({ ...g[0], forms: { en: 'chain', 'zh-Hans': '链', 'zh-Hant': '鏈' } });
    const text = json(p);
    const { pack, problems } = loadPack(text);
    const dup = problems.find((x) => x.code === 'pack.duplicate-id')!;
    assert.ok(dup, 'duplicate reported');
    assert.equal(dup.range.start, text.lastIndexOf('"blockchain"', text.indexOf('"en": "chain"')));
    assert.equal(pack?.glossary.length, 1);
  });

  it('warns about a missing translation and falls back to another script', () => {
    const p = minimalPack();
    (p.glossary as Array<Record<string, unknown>>)[0].definition = { en: 'A shared ledger.', 'zh-Hant': '共享帳本。' };
    const { pack, problems } = loadPack(json(p));
    assert.ok(problems.some((x) => x.code === 'pack.missing-translation' && x.severity === 'warning'));
    assert.equal(pack?.glossary[0].definition['zh-Hans'], '共享帳本。');
  });

  it('drops an invalid term, reports it, and keeps the rest', () => {
    const p = minimalPack();
    (p.glossary as unknown[]).push({ id: 'broken', forms: { en: '' }, category: 'tech' }, 'not an object');
    const { pack, problems } = loadPack(json(p));
    assert.equal(pack?.glossary.length, 1);
    assert.ok(problems.filter((x) => x.severity === 'error').length >= 2);
  });

  it('reports unknown categories, sections, related terms and self-references', () => {
    const p = minimalPack();
    Object.assign((p.glossary as Array<Record<string, unknown>>)[0], { category: 'nope', sections: ['9.9'], related: ['blockchain', 'ghost'] });
    const { pack, problems } = loadPack(json(p));
    const codes = problems.map((x) => x.code).sort();
    assert.deepEqual(codes, ['pack.cycle', 'pack.unknown-ref', 'pack.unknown-ref', 'pack.unknown-ref']);
    assert.deepEqual(pack?.glossary[0].related, []);
  });

  it('warns about empty categories and unplaced terms', () => {
    const p = minimalPack({ taxonomy: [{ id: 'tech', label: { en: 'T', 'zh-Hans': 'T', 'zh-Hant': 'T' }, topics: [] }] });
    const { problems } = loadPack(json(p));
    assert.ok(problems.some((x) => x.code === 'pack.empty-category'));
    assert.ok(problems.some((x) => x.code === 'pack.unplaced-term'));
  });

  it('rejects a pack that is not an object, or lacks its reference', () => {
    assert.equal(loadPack('[]').pack, undefined);
    const { pack, problems } = loadPack(json(minimalPack({ reference: undefined })));
    assert.equal(pack, undefined);
    assert.ok(problems.some((x) => x.message.includes('reference')));
  });

  it('finds a term entry in the pack text', () => {
    const text = json(minimalPack());
    const off = termOffsetInPack(text, 'blockchain')!;
    assert.ok(text.slice(off).startsWith('{'));
    assert.ok(text.slice(off, off + 40).includes('"id": "blockchain"'));
    assert.equal(termOffsetInPack(text, 'nope'), undefined);
  });
});

describe('the built-in pack', () => {
  const text = fs.readFileSync('media/packs/fintech-2026/pack.json', 'utf8');
  const { pack, problems } = loadPack(text);

  it('loads with no errors or warnings', () => {
    assert.deepEqual(problems.filter((p) => p.severity !== 'information'), []);
    assert.equal(pack?.id, 'fintech-2026');
  });

  it('has the seven categories and at least 40 fully translated terms', () => {
    assert.deepEqual(pack!.taxonomy.map((c) => c.id), ['technologies', 'business-areas', 'participants', 'regions', 'regulation', 'trends', 'pain-points']);
    assert.ok(pack!.glossary.length >= 40, `${pack!.glossary.length} terms`);
    for (const t of pack!.glossary) {
      for (const s of ['en', 'zh-Hans', 'zh-Hant'] as const) {
        assert.ok(t.forms[s].trim(), `${t.id} form ${s}`);
        assert.ok(t.definition[s].trim().length > 5, `${t.id} definition ${s}`);
      }
    }
  });

  it('cites the report by its Traditional title', () => {
    assert.equal(pack!.reference.title, '2026-2030年金融科技產業現狀及未來發展趨勢分析報告');
    assert.equal(pack!.reference.type, 'report');
  });

  it('copies no paragraph of the seed report', function () {
    const seed = seedReport();
    if (!seed) this.skip();
    // titles and names may be used; the pack's own prose (definitions, descriptions) must be new words
    const p = JSON.parse(text);
    const strings: string[] = [];
    for (const t of p.glossary) strings.push(...Object.values(t.definition as Record<string, string>));
    for (const c of p.taxonomy) if (c.description) strings.push(...Object.values(c.description as Record<string, string>));
    // any run of 20 characters shared with the report is a copied sentence
    for (const s of strings) {
      for (let i = 0; i + 20 <= s.length; i += 5) assert.ok(!seed!.includes(s.slice(i, i + 20)), `copied: ${s.slice(i, i + 20)}`);
    }
  });
});

describe('binding a pack outline to a report file', () => {
  const { pack } = loadPack(fs.readFileSync('media/packs/fintech-2026/pack.json', 'utf8'));

  it('normalises titles across scripts, widths, spacing and numbering', () => {
    assert.equal(normalizeTitle('1. 核心技術體系:從單點突破到融合應用'), normalizeTitle('核心技术体系：从单点突破到融合应用'));
    assert.equal(normalizeTitle('２.３　生態立體化與全球化競爭'), normalizeTitle('生态立体化与全球化竞争'));
    assert.ok(titleSimilarity(normalizeTitle('市場格局:多元主體協同與分化競爭'), normalizeTitle('金融科技行業發展現狀分析')) < 0.5);
  });

  const variants: Array<[string, string, string]> = [
    ['Traditional plain text', plainReport(), 'r.txt'],
    ['Simplified plain text', toSimplified(plainReport()), 'r.txt'],
    ['full-width punctuation', plainReport().replace(/:/g, '：'), 'r.txt'],
    ['Markdown', markdownReport(), 'r.md'],
    ['Simplified Markdown with CRLF', toSimplified(markdownReport('\r\n')), 'r.md'],
  ];
  for (const [name, text, file] of variants) {
    it(`binds every section: ${name}`, () => {
      const b = bindOutline(pack!, parseReport(text, { fileName: file }));
      assert.deepEqual(b.unmatched, []);
      assert.equal(b.score, 1);
      assert.equal(b.sections.get('1.3'), '1.3');
      assert.equal(b.sections.get('conclusion'), 'conclusion');
    });
  }

  it('binds renumbered sections by title', () => {
    const text = plainReport().replace('1. 核心技術體系', '7. 核心技術體系');
    const b = bindOutline(pack!, parseReport(text, { fileName: 'r.txt' }));
    assert.equal(b.sections.get('1.1'), '1.7');
  });

  it('scores an unrelated document low', () => {
    const b = bindOutline(pack!, parseReport('# Notes\n\nSomething else.\n\n## Other\n\ntext', { fileName: 'n.md' }));
    assert.ok(b.score < 0.5);
  });

  it('binds the seed report when present', function () {
    const seed = seedReport();
    if (!seed) this.skip();
    const b = bindOutline(pack!, parseReport(seed!, { fileName: 'fintech-report-2026.txt' }));
    assert.deepEqual(b.unmatched, []);
  });
});

describe('analysing a candidate report file', () => {
  const { pack } = loadPack(fs.readFileSync('media/packs/fintech-2026/pack.json', 'utf8'));
  const packs = [{ packId: 'fintech-2026', outline: pack!.outline }];

  it('skips a file that shares no section titles, without parsing it', () => {
    const r = analyzeReport({ text: '# Notes\n\n金融科技 draft about 區塊鏈.\n', fileName: 'notes.md', packs });
    assert.equal(r.parsed, undefined);
    assert.deepEqual(r.bindings, []);
  });

  it('parses and binds a report in either script', () => {
    for (const text of [plainReport(), toSimplified(plainReport())]) {
      const r = analyzeReport({ text, fileName: 'report.txt', packs });
      assert.ok(r.parsed);
      assert.equal(r.bindings[0].score, 1);
      assert.ok(r.bindings[0].sections.some(([o, s]) => o === '2.2' && s === '2.2'));
    }
  });

  it('keys outline titles by their folded first characters', () => {
    assert.ok(outlineKeys(pack!.outline).includes(normalizeTitle('監管與合規').slice(0, 4)));
  });
});
