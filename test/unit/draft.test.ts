import { strict as assert } from 'node:assert';
import * as fs from 'fs';
import Ajv from 'ajv';
import { buildPack, extractTerms, knownCandidates, packText, topNewCandidates } from '../../src/core/import';
import { buildTermIndex } from '../../src/core/terms';
import { loadPack } from '../../src/core/pack/load';
import { seedReport } from './helpers/fixtures';
import { draftOfText, fixtureReport, fixtureTerms, precision, recall } from '../helpers/draftQuality';

function candidates(text: string): ReturnType<typeof extractTerms> {
  return extractTerms({ pieces: text.split('\n').map((t) => ({ text: t, section: '1' })) });
}

describe('pack draft', () => {
  describe('glossary candidates', () => {
    it('takes bilingual pairs with their English form and acronym', () => {
      const c = candidates('监管科技（RegTech）提升了效率。供应链金融(SCF)降低了成本。监管科技和供应链金融都在发展。');
      const reg = c.find((x) => x.surface === '监管科技')!;
      assert.equal(reg.forms.en, 'RegTech');
      assert.deepEqual(reg.abbreviations, ['RegTech']);
      assert.equal(reg.forms['zh-Hant'], '監管科技');
      const scf = c.find((x) => x.surface === '供应链金融')!;
      assert.equal(scf.forms.en, 'SCF');
      assert.equal(scf.forms['zh-Hant'], '供應鏈金融');
      assert.ok(!c.some((x) => x.surface === 'RegTech'), 'the acronym folds into its Chinese term');
    });

    it('takes quoted terms but not 《》 titles', () => {
      const c = candidates('报告提出“数据要素”与「开放银行」的概念。《数据安全法》已经实施。');
      assert.ok(c.some((x) => x.surface === '数据要素' && x.sources.includes('quoted')));
      assert.ok(c.some((x) => x.surface === '开放银行' && x.sources.includes('quoted')));
      assert.ok(!c.some((x) => x.sources.includes('quoted') && x.surface.includes('数据安全法')));
    });

    it('quotes the report\'s own defining sentence with its section, and invents none', () => {
      const c = extractTerms({ pieces: [{ text: '隐私计算，即在不暴露原始数据的前提下完成计算的技术。隐私计算发展很快。', section: '2.3' }, { text: '联邦学习发展很快。联邦学习应用广泛。', section: '2.4' }] });
      assert.deepEqual(c.find((x) => x.surface === '隐私计算')!.definition, { text: '隐私计算，即在不暴露原始数据的前提下完成计算的技术。', section: '2.3' });
      assert.equal(c.find((x) => x.surface === '联邦学习')?.definition, undefined);
    });

    it('counts, lists the sections and gives a context', () => {
      const c = extractTerms({ pieces: [{ text: '开放银行是一种模式。', section: '1' }, { text: '开放银行、场景金融、生态共建。', section: '2' }] });
      const ob = c.find((x) => x.surface === '开放银行')!;
      assert.equal(ob.count, 2);
      assert.deepEqual(ob.sections, ['1', '2']);
      assert.match(ob.context, /开放银行/);
    });

    it('ranks real terms first on the project\'s own fixture (precision of the top 50 ≥ 60 %)', () => {
      const p = precision(draftOfText(fixtureReport()).candidates, fixtureTerms());
      assert.ok(p.share >= 0.6, `${(p.share * 100).toFixed(0)} %; not terms: ${p.bad.join(' ')}`);
    });

    it('finds the built-in pack\'s terms in the seed report (recall in the top 150 ≥ 70 %)', function () {
      const seed = seedReport();
      if (!seed) return this.skip();
      const r = recall(draftOfText(seed, 'fintech-report-2026.txt').candidates, seed);
      assert.ok(r.share >= 0.7, `${r.found}/${r.present}; missed ${r.missed.join(' ')}`);
    });
  });

  describe('candidates a loaded pack already has', () => {
    const draft = draftOfText(fixtureReport(), 'insurtech-report.txt');
    const builtin = loadPack(fs.readFileSync('media/packs/fintech-2026/pack.json', 'utf8')).pack!;
    const known = knownCandidates(draft.candidates, [builtin]);

    it('names the pack and term that has each, matched as the term engine folds forms', () => {
      assert.ok(known.size > 0);
      for (const [surface, k] of known) {
        assert.equal(k.packId, 'fintech-2026');
        const term = builtin.glossary.find((t) => t.id === k.termId)!;
        assert.ok(term, `${surface}: ${k.termId}`);
      }
      for (const c of draft.candidates) {
        const owned = builtin.glossary.some((t) => [t.forms['zh-Hans'], t.forms['zh-Hant'], t.forms.en].includes(c.forms['zh-Hans']));
        if (owned) assert.ok(known.has(c.surface), `${c.surface} is a form of the built-in pack`);
      }
      assert.equal(knownCandidates(draft.candidates, []).size, 0);
    });

    it('leaves them out of the top ones, so the drafted pack has no form another pack keeps', () => {
      const terms = topNewCandidates(draft.candidates, known, 40);
      assert.equal(terms.length, 40);
      assert.ok(terms.every((t) => !known.has(t)));
      const ranked = draft.candidates.map((c) => c.surface);
      assert.deepEqual(terms, ranked.filter((t) => !known.has(t)).slice(0, 40), 'in rank order');
      const pack = loadPack(packText(buildPack(draft, { id: 'insurtech-2026', reference: draft.reference, terms }))).pack!;
      const both = buildTermIndex([{ packId: builtin.id, terms: builtin.glossary }, { packId: pack.id, terms: pack.glossary }]);
      assert.deepEqual(both.warnings.map((w) => w.code), []);
      // The plain top 40 would repeat the built-in pack's forms.
      const naive = loadPack(packText(buildPack(draft, { id: 'insurtech-2026', reference: draft.reference, terms: ranked.slice(0, 40) }))).pack!;
      assert.ok(buildTermIndex([{ packId: builtin.id, terms: builtin.glossary }, { packId: naive.id, terms: naive.glossary }]).warnings.length > 0);
    });
  });

  describe('the pack', () => {
    const draft = draftOfText(fixtureReport(), 'insurtech-report.txt');
    const terms = draft.candidates.slice(0, 40).map((c) => c.surface);
    const pack = buildPack(draft, { id: 'insurtech-2026', reference: { ...draft.reference, publisher: '示例出版社' }, terms });

    it('finds the reference record in the text', () => {
      assert.equal(draft.reference.title, '2026年中国保险科技与开放银行发展研究报告');
      assert.equal(draft.reference.year, 2026);
      assert.equal(draft.reference.author, '华东金融数字化研究中心');
      assert.equal(draft.script, 'zh-Hans');
    });

    it('validates against the pack schema and loads without a problem', () => {
      const schema = JSON.parse(fs.readFileSync('media/schemas/pack.schema.json', 'utf8'));
      const ajv = new Ajv({ allErrors: true, strict: false });
      const validate = ajv.compile(schema);
      assert.ok(validate(pack), JSON.stringify(validate.errors?.slice(0, 5)));
      const loaded = loadPack(JSON.stringify(pack));
      assert.deepEqual(loaded.problems.map((p) => p.message), []);
      assert.equal(loaded.pack!.glossary.length, 40);
    });

    it('has the outline with the parser\'s section ids and a category per part, a topic per section', () => {
      const outline = pack.outline as Array<{ id: string; title: string; children?: Array<{ id: string; title: string }> }>;
      assert.deepEqual(outline.map((s) => s.id), ['intro', '1', '2', '3', '4']);
      assert.deepEqual(outline[1].children!.map((s) => s.id), ['1.1', '1.2', '1.3']);
      const taxonomy = pack.taxonomy as Array<{ id: string; topics: Array<{ id: string; sections?: string[] }> }>;
      assert.deepEqual(taxonomy.map((c) => c.id).filter((id) => id !== 'general'), ['part-1', 'part-2', 'part-3', 'part-4']);
      assert.deepEqual(taxonomy[0].topics.map((t) => t.sections), [['1.1'], ['1.2'], ['1.3']]);
    });

    it('writes the report\'s defining sentence as a quote, never a definition', () => {
      const glossary = pack.glossary as Array<{ forms: Record<string, string>; definition?: unknown; quote?: { text: string; section: string } }>;
      assert.ok(glossary.every((t) => t.definition === undefined));
      const insurtech = glossary.find((t) => t.forms['zh-Hans'] === '保险科技')!;
      assert.equal(insurtech.forms.en, 'InsurTech');
      assert.match(insurtech.quote!.text, /^保险科技是指/);
      assert.equal(insurtech.quote!.section, '1.1');
      // A term defined in a clause after a comma: the quote starts at the term, not at the sentence's other clause.
      const graph = glossary.find((t) => t.forms['zh-Hans'] === '知识图谱')!;
      assert.equal(graph.quote!.text, '知识图谱，指以实体和关系组成的语义网络，能够发现隐藏在多笔理赔之间的关联。');
    });
  });
});
