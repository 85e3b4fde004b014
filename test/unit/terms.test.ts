import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { GlossaryTerm } from '../../src/core/pack/types';
import { term } from './helpers/glossary';
import { foldText } from '../../src/core/script/fold';
import { buildTermIndex, findTerms, scanTerms, termAt, getTerm, getPattern } from '../../src/core/terms';
import type { TermIndex, TermMatch } from '../../src/core/terms';
import { naive } from './helpers/naiveMatcher';


const GLOSSARY: GlossaryTerm[] = [
  term('ai', 'artificial intelligence', '人工智能', '人工智慧', { abbreviations: ['AI'], discouraged: { 'zh-Hans': ['人工智慧'] } }),
  term('ai-large-model', 'AI large model', 'AI大模型', 'AI大模型', { aliases: ['大模型'] }),
  term('regtech', 'RegTech', '监管科技', '監管科技', { preferred: { en: 'RegTech' }, discouraged: { en: ['Regtech'] } }),
  term('blockchain', 'blockchain', '区块链', '區塊鏈'),
  term('supply-chain-finance', 'supply chain finance', '供应链金融', '供應鏈金融', { abbreviations: ['SCF'] }),
  term('finance', 'finance', '金融', '金融'),
  term('inclusive-finance', 'inclusive finance', '普惠金融', '普惠金融'),
  term('puhui', 'inclusion', '普惠', '普惠'),
  term('cloud', 'cloud computing', '云计算', '雲計算'),
  term('fintech', 'fintech', '金融科技', '金融科技'),
  term('tech', 'technology', '科技', '科技'),
];

let index: TermIndex;
before(() => {
  index = buildTermIndex([{ packId: 'fintech-2026', terms: GLOSSARY }]);
});

function found(text: string, idx: TermIndex = index): Array<[string, string]> {
  return findTerms(idx, text).map((m) => [text.slice(m.start, m.end), m.termId]);
}

describe('terms: scripts', () => {
  it('matches Simplified and Traditional forms either way', () => {
    assert.deepEqual(found('監管科技'), [['監管科技', 'regtech']]);
    assert.deepEqual(found('监管科技'), [['监管科技', 'regtech']]);
    const onlyHant = buildTermIndex([{ packId: 'p', terms: [term('x', 'blockchain', '區塊鏈', '區塊鏈')] }]);
    assert.deepEqual(found('区块链', onlyHant), [['区块链', 'x']]);
    const onlyHans = buildTermIndex([{ packId: 'p', terms: [term('x', 'blockchain', '区块链', '区块链')] }]);
    assert.deepEqual(found('區塊鏈', onlyHans), [['區塊鏈', 'x']]);
  });

  it('matches text that mixes both scripts', () => {
    assert.deepEqual(found('供应鏈金融'), [['供应鏈金融', 'supply-chain-finance']]);
    assert.deepEqual(found('區块鏈'), [['區块鏈', 'blockchain']]);
    assert.deepEqual(found('雲计算'), [['雲计算', 'cloud']]);
  });

  it('matches full-width Latin letters', () => {
    assert.deepEqual(found('ＡＩ'), [['ＡＩ', 'ai']]);
    assert.deepEqual(found('ＲｅｇＴｅｃｈ'), [['ＲｅｇＴｅｃｈ', 'regtech']]);
    assert.deepEqual(found('用ＡＩ做'), [['ＡＩ', 'ai']]);
  });

  it('does not match different words', () => {
    assert.deepEqual(found('金触'), []);
    assert.deepEqual(found('区块'), []);
    assert.deepEqual(found('监管'), []);
  });
});

describe('terms: English', () => {
  it('is case-insensitive', () => {
    for (const s of ['RegTech', 'Regtech', 'regtech', 'REGTECH']) assert.deepEqual(found(s), [[s, 'regtech']], s);
    assert.deepEqual(found('Artificial Intelligence'), [['Artificial Intelligence', 'ai']]);
  });

  it('respects word boundaries', () => {
    for (const s of ['TRAIN', 'Taiwan', 'email', 'MAIN', 'AIs', 'AI2', 'paid', 'SCFX', 'xAI', 'regtechs', 'fintechs', 'AI_model', 'naïve']) {
      assert.deepEqual(found(s), [], s);
    }
    assert.deepEqual(found('the train in Taiwan sent an email'), []);
  });

  it('reads invisible joiners as part of the word around them', () => {
    // Issue repro: e<ZWJ>AI is one word, so AI has no match (and no hover) there.
    for (const j of ['\u200d', '\u200c', '\u2060', '\u00ad', '\ufeff']) {
      assert.deepEqual(found(`e${j}AI`), [], `e U+${j.charCodeAt(0).toString(16)} AI`);
      assert.deepEqual(found(`AI${j}s`), [], `AI U+${j.charCodeAt(0).toString(16)} s`);
      assert.deepEqual(found(`e${j}${j}AI`), []);
      assert.deepEqual(found(`用${j}AI${j}做`), [['AI', 'ai']]);
    }
    assert.equal(termAt(index, 'e\u200dAI', 3), undefined);
    assert.deepEqual(found('\ufeffAI is here'), [['AI', 'ai']]);
    assert.deepEqual(found('AI\u00ad'), [['AI', 'ai']]);
  });

  it('matches next to Chinese characters and punctuation', () => {
    assert.deepEqual(found('用AI做'), [['AI', 'ai']]);
    assert.deepEqual(found('(AI)'), [['AI', 'ai']]);
    assert.deepEqual(found('AI-driven'), [['AI', 'ai']]);
    assert.deepEqual(found('AI.'), [['AI', 'ai']]);
    assert.deepEqual(found('，AI，'), [['AI', 'ai']]);
    assert.deepEqual(found('RegTech与监管科技'), [['RegTech', 'regtech'], ['监管科技', 'regtech']]);
  });

  it('finds AI大模型 as a whole and AI inside other text', () => {
    // AI大模型 is itself a term: the longest match wins.
    assert.deepEqual(found('AI大模型'), [['AI大模型', 'ai-large-model']]);
    // Without that term, AI is still found before 大模型.
    const small = buildTermIndex([{ packId: 'p', terms: [GLOSSARY[0]] }]);
    assert.deepEqual(found('AI大模型', small), [['AI', 'ai']]);
  });

  it('matches multi-word forms across a line break but not across other text', () => {
    assert.deepEqual(found('supply chain\nfinance'), [['supply chain\nfinance', 'supply-chain-finance']]);
    assert.deepEqual(found('supply chain of finance'), [['finance', 'finance']]);
  });
});

describe('terms: leftmost-longest', () => {
  it('prefers the longer term at the same start', () => {
    assert.deepEqual(found('供應鏈金融'), [['供應鏈金融', 'supply-chain-finance']]);
    assert.deepEqual(found('金融科技'), [['金融科技', 'fintech']]);
  });

  it('never splits 普惠金融', () => {
    assert.deepEqual(found('普惠金融'), [['普惠金融', 'inclusive-finance']]);
    assert.deepEqual(found('推动普惠金融发展'), [['普惠金融', 'inclusive-finance']]);
    assert.deepEqual(found('普惠'), [['普惠', 'puhui']]);
  });

  it('prefers the leftmost start over a longer later match', () => {
    // 金融 starts before 金融科技 can't; 科技 then follows.
    const idx = buildTermIndex([{ packId: 'p', terms: [term('a', 'ab', '甲乙', '甲乙'), term('b', 'bcd', '乙丙丁', '乙丙丁')] }]);
    assert.deepEqual(found('甲乙丙丁', idx), [['甲乙', 'a']]);
  });

  it('finds a shorter term right after a resolved one', () => {
    const idx = buildTermIndex([{ packId: 'p', terms: [
      term('a', 'a', '甲乙丙丁', '甲乙丙丁'),
      term('b', 'b', '丙丁戊己', '丙丁戊己'),
      term('c', 'c', '戊己', '戊己'),
    ] }]);
    assert.deepEqual(found('甲乙丙丁戊己', idx), [['甲乙丙丁', 'a'], ['戊己', 'c']]);
    assert.deepEqual(found('乙丙丁戊己', idx), [['丙丁戊己', 'b']]);
  });

  it('returns sorted, non-overlapping matches', () => {
    const text = '金融科技推动普惠金融，供应鏈金融与區塊鏈、AI大模型、RegTech和ＡＩ共同发展，云计算。';
    const ms = findTerms(index, text);
    assert.ok(ms.length >= 7);
    for (let i = 1; i < ms.length; i++) assert.ok(ms[i - 1].end <= ms[i].start);
    assert.deepEqual(ms.map((m) => m.termId), ['fintech', 'inclusive-finance', 'supply-chain-finance', 'blockchain', 'ai-large-model', 'regtech', 'ai', 'cloud']);
  });

  it('agrees with the reference on dense random glossaries over a tiny alphabet', function () {
    this.timeout(20_000);
    let seed = 777;
    const rand = (n: number) => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed % n; };
    const letters = ['甲', '乙', '丙', '丁', 'a', 'B', ' '];
    const str = (len: number) => { let s = ''; for (let i = 0; i < len; i++) s += letters[rand(letters.length)]; return s; };
    for (let round = 0; round < 200; round++) {
      const terms: GlossaryTerm[] = [];
      const count = 1 + rand(25);
      for (let i = 0; i < count; i++) {
        const f = str(1 + rand(6)).trim() || '甲';
        terms.push(term(`t${i}`, f, f, f));
      }
      // Also with dense transition rows for every state that has two children or more.
      for (const idx of [buildTermIndex([{ packId: 'p', terms }]), buildTermIndex([{ packId: 'p', terms }], { denseMinChildren: 2 })]) {
        for (let k = 0; k < 5; k++) {
          const text = str(rand(80));
          const got = findTerms(idx, text).map((m): [number, number, string] => [m.start, m.end, m.termId]);
          assert.deepEqual(got, naive(idx, text), JSON.stringify({ text, forms: terms.map((t) => t.forms.en) }));
        }
      }
    }
  });

  it('handles states with many children (dense rows)', () => {
    const chars = Array.from('甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥天地玄黄宇宙洪荒日月盈昃');
    const terms: GlossaryTerm[] = [];
    chars.forEach((c, i) => {
      terms.push(term(`a${i}`, `a${i}`, `金${c}`, `金${c}`));
      terms.push(term(`b${i}`, `b${i}`, `金融${c}`, `金融${c}`));
      terms.push(term(`c${i}`, `c${i}`, `${c}金融`, `${c}金融`));
    });
    const idx = buildTermIndex([{ packId: 'p', terms }]);
    assert.ok(idx.automaton.rows.length > 0, 'some state has a dense row');
    let seed = 99;
    const rand = (n: number) => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed % n; };
    const pool = [...chars, '金', '融', '金', '融', '，'];
    for (let round = 0; round < 200; round++) {
      let text = '';
      const n = rand(60);
      for (let i = 0; i < n; i++) text += pool[rand(pool.length)];
      const got = findTerms(idx, text).map((m): [number, number, string] => [m.start, m.end, m.termId]);
      assert.deepEqual(got, naive(idx, text), text);
    }
    assert.deepEqual(found('金融甲', idx), [['金融甲', 'b0']]);
  });

  it('agrees with a position-by-position reference on random text', function () {
    this.timeout(20_000);
    const pieces = ['金融', '科技', '普惠', '供应', '鏈', '链', '监管', '區塊', 'AI', 'ai', 'Ｉ', 'Reg', 'Tech', ' ', '，', 'x', '大模型', 'supply chain ', 'finance', 'e', '\u0301', '😀', '\r\n', '人工智', '慧', '能'];
    let seed = 12345;
    const rand = (n: number) => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed % n; };
    for (let round = 0; round < 300; round++) {
      let text = '';
      const parts = 1 + rand(30);
      for (let i = 0; i < parts; i++) text += pieces[rand(pieces.length)];
      const got = findTerms(index, text).map((m): [number, number, string] => [m.start, m.end, m.termId]);
      assert.deepEqual(got, naive(index, text), JSON.stringify(text));
    }
  });
});

describe('terms: offsets', () => {
  it('keeps exact offsets after astral characters', () => {
    const text = '𠀀😀監管科技 and 🚀AI';
    const ms = findTerms(index, text);
    assert.deepEqual(ms.map((m) => [m.start, m.end]), [[4, 8], [15, 17]]);
    assert.equal(text.slice(ms[0].start, ms[0].end), '監管科技');
    assert.equal(text.slice(ms[1].start, ms[1].end), 'AI');
  });

  it('keeps exact offsets with CRLF line endings', () => {
    const text = '# 标题\r\n\r\n監管科技\r\nRegTech\r\n普惠金融';
    const ms = findTerms(index, text);
    assert.deepEqual(ms.map((m) => text.slice(m.start, m.end)), ['監管科技', 'RegTech', '普惠金融']);
    assert.deepEqual(ms.map((m) => m.start), [8, 14, 23]);
  });

  it('scans only the given range, with the real context for boundaries', () => {
    const text = '金融 TRAIN 普惠金融 AI';
    assert.deepEqual(findTerms(index, text, { start: 3 }).map((m) => m.termId), ['inclusive-finance', 'ai']);
    assert.deepEqual(findTerms(index, text, { start: 0, end: 9 }).map((m) => m.termId), ['finance']);
    // A range that cuts 普惠金融 finds what lies inside it.
    assert.deepEqual(findTerms(index, text, { start: 0, end: 12 }).map((m) => m.termId), ['finance', 'puhui']);
    // "AI" inside TRAIN stays unmatched even when the range cuts the word.
    assert.deepEqual(findTerms(index, text, { start: 5, end: 7 }), []);
    assert.deepEqual(findTerms(index, text, { start: 20, end: 10 }), []);
  });

  it('reports the glossary surface and kinds', () => {
    const [m] = findTerms(index, '人工智慧');
    assert.equal(m.termId, 'ai');
    assert.equal(m.packId, 'fintech-2026');
    assert.equal(m.form, '人工智慧');
    assert.equal(m.kind, 'zh-Hant');
    assert.ok(m.kinds.includes('discouraged'));
    assert.equal(m.term, GLOSSARY[0]);
    const json = JSON.parse(JSON.stringify(m));
    assert.deepEqual([json.start, json.end, json.termId, json.form, json.kind, json.term], [0, 4, 'ai', '人工智慧', 'zh-Hant', 'ai']);
    const [r] = findTerms(index, 'Regtech');
    assert.equal(r.form, 'Regtech');
    assert.equal(r.kind, 'discouraged');
    const [mixed] = findTerms(index, '供应鏈金融');
    assert.equal(mixed.form, '供应链金融');
    assert.equal(mixed.kind, 'zh-Hans');
    assert.equal(getPattern(index, mixed.pattern)?.termId, 'supply-chain-finance');
    assert.equal(getTerm(index, 'fintech-2026', 'cloud')?.term, GLOSSARY[8]);
    assert.equal(getTerm(index, 'other', 'cloud'), undefined);
  });

  it('scanTerms streams the same matches without objects', () => {
    const text = '金融科技推动普惠金融和AI';
    const raw: number[][] = [];
    scanTerms(index, text, (s, e, p) => raw.push([s, e, p]));
    assert.deepEqual(raw.map(([s, e]) => [s, e]), findTerms(index, text).map((m) => [m.start, m.end]));
  });
});

describe('terms: termAt', () => {
  const text = '我们研究供應鏈金融与AI大模型，以及 RegTech。';

  it('returns the match covering the offset', () => {
    const scf = text.indexOf('供');
    for (let o = scf; o < scf + 5; o++) assert.equal(termAt(index, text, o)?.termId, 'supply-chain-finance', String(o));
    assert.equal(termAt(index, text, text.indexOf('R') + 3)?.termId, 'regtech');
    const m = termAt(index, text, text.indexOf('大'))!;
    assert.equal(text.slice(m.start, m.end), 'AI大模型');
  });

  it('returns undefined off any term and for bad offsets', () => {
    assert.equal(termAt(index, text, 0), undefined);
    assert.equal(termAt(index, text, text.indexOf('，')), undefined);
    assert.equal(termAt(index, text, text.indexOf('供') + 5), undefined);
    assert.equal(termAt(index, text, -1), undefined);
    assert.equal(termAt(index, text, text.length), undefined);
    assert.equal(termAt(index, 'TRAIN', 2), undefined);
  });

  it('agrees with findTerms at every offset', () => {
    const t = '金融科技推动普惠金融，供应鏈金融与區塊鏈、AI大模型、RegTech和ＡＩ，金融金融科技普惠金融';
    const ms = findTerms(index, t);
    for (let o = 0; o < t.length; o++) {
      const expect = ms.find((m) => m.start <= o && o < m.end);
      const got = termAt(index, t, o);
      assert.deepEqual(got && [got.start, got.end, got.termId], expect && [expect.start, expect.end, expect.termId], String(o));
    }
  });

  it('keeps matches that start before the window edge', () => {
    // A long run with no separator: the window snaps back to a character outside every term.
    const t = '，' + '金融科技'.repeat(10);
    const o = t.length - 2;
    const got = termAt(index, t, o, 16)!;
    assert.deepEqual([got.start, got.end], [t.length - 4, t.length]);
  });

  it('stays fast on a 10 MB line', function () {
    this.timeout(20_000);
    // Every character belongs to some term, so there is no separator to snap to: the window caps the work.
    const filler = '科'.repeat(5_000_000);
    const t = filler + '监管科技' + filler;
    const timeOf = (f: () => void): number => {
      let best = Infinity;
      for (let k = 0; k < 5; k++) {
        const t0 = performance.now();
        f();
        best = Math.min(best, performance.now() - t0);
      }
      return best;
    };
    let m: TermMatch | undefined;
    let off: TermMatch | undefined;
    const lookups = timeOf(() => { m = termAt(index, t, filler.length + 1); off = termAt(index, t, 1_000_000); });
    // Reading the line once is the least a scan of it would cost; the lookups must cost far less.
    const readOnce = timeOf(() => { let h = 0; for (let i = 0; i < t.length; i++) h = (h + t.charCodeAt(i)) | 0; return h; });
    assert.ok(lookups * 20 < readOnce, `lookups ${lookups} ms, one read of the line ${readOnce} ms`);
    assert.deepEqual(m && [m.start, m.end, m.termId], [filler.length, filler.length + 4, 'regtech']);
    assert.equal(off, undefined);
  });
});

describe('terms: bad input', () => {
  function warningsFor(terms: unknown[]): Array<{ code: string; termId: string }> {
    return buildTermIndex([{ packId: 'p', terms: terms as GlossaryTerm[] }]).warnings.map((w) => ({ code: w.code, termId: w.termId }));
  }

  it('warns about a form shared by two terms and keeps the first', () => {
    const idx = buildTermIndex([{ packId: 'p', terms: [term('one', 'chain', '链', '鏈'), term('two', 'Chain', '鏈', '链')] }]);
    const codes = idx.warnings.filter((w) => w.code === 'terms.duplicate-form');
    // One warning per shared form: 'chain' and 链 (鏈 folds to it).
    assert.deepEqual(codes.map((w) => w.form).sort(), ['Chain', '鏈']);
    assert.equal(codes[0].termId, 'two');
    assert.equal(codes[0].otherTermId, 'one');
    assert.match(codes[0].message, /one/);
    assert.deepEqual(found('CHAIN 鏈', idx).map(([, id]) => id), ['one', 'one']);
  });

  it('lets an earlier pack keep a shared form', () => {
    const idx = buildTermIndex([
      { packId: 'a', terms: [term('x', 'cloud', '云', '雲')] },
      { packId: 'b', terms: [term('y', 'Cloud', '云计算', '雲計算')] },
    ]);
    assert.equal(findTerms(idx, 'cloud')[0].packId, 'a');
    assert.equal(findTerms(idx, '雲計算')[0].packId, 'b');
    const shared = idx.warnings.find((w) => w.code === 'terms.duplicate-form' && w.packId === 'b' && w.otherPackId === 'a');
    assert.ok(shared);
    // The other pack is named: a term id alone could be the same in both packs.
    assert.equal(shared.message, 'Term "y": the form "Cloud" already belongs to term "x" of pack "a", which keeps it.');
    assert.deepEqual(shared.args, ['y', 'Cloud', 'x', 'a']);
  });

  it('skips empty forms with a warning', () => {
    const idx = buildTermIndex([{ packId: 'p', terms: [term('e', '', '  ', '金融', { aliases: [''] })] }]);
    assert.equal(idx.warnings.filter((w) => w.code === 'terms.empty-form' && w.termId === 'e').length, 3);
    assert.deepEqual(found('金融 ', idx), [['金融', 'e']]);
  });

  it('indexes one-character forms with a warning, or skips them', () => {
    const t = [term('carbon', 'carbon', '碳', '碳'), term('r', 'R language', 'R语言', 'R語言', { abbreviations: ['R'] })];
    const idx = buildTermIndex([{ packId: 'p', terms: t }]);
    assert.ok(idx.warnings.some((w) => w.code === 'terms.single-char' && w.termId === 'carbon' && w.form === '碳'));
    assert.ok(idx.warnings.some((w) => w.code === 'terms.single-char' && w.termId === 'r'));
    assert.deepEqual(found('碳足迹 R 与 R语言 RR', idx), [['碳', 'carbon'], ['R', 'r'], ['R语言', 'r']]);
    const skip = buildTermIndex([{ packId: 'p', terms: t }], { singleChar: 'skip' });
    assert.deepEqual(found('碳足迹 R', skip), []);
  });

  it('treats regular-expression metacharacters literally', () => {
    const idx = buildTermIndex([{ packId: 'p', terms: [
      term('cpp', 'C++', 'C++', 'C++'),
      term('dot', 'a.b', 'a.b', 'a.b'),
      term('star', '.*', '.*', '.*'),
      term('br', '[AI]', '[AI]', '[AI]'),
      term('q', '(x)?', '(x)?', '(x)?'),
    ] }]);
    assert.equal(idx.warnings.filter((w) => w.code !== 'terms.single-char').length, 0);
    assert.deepEqual(found('C++ 开发', idx), [['C++', 'cpp']]);
    assert.deepEqual(found('C 开发 axb aab', idx), []);
    assert.deepEqual(found('a.b .* [AI] (x)? AI x', idx), [['a.b', 'dot'], ['.*', 'star'], ['[AI]', 'br'], ['(x)?', 'q']]);
  });

  it('handles emoji and surrogate pairs', () => {
    const idx = buildTermIndex([{ packId: 'p', terms: [term('rocket', '🚀 launch', '🚀科技', '🚀科技'), term('ext', '𠀀x', '𠀀数据', '𠀀數據')] }]);
    assert.deepEqual(idx.warnings, []);
    const text = '😀🚀科技 and 𠀀數據 🚀 LAUNCH';
    assert.deepEqual(found(text, idx), [['🚀科技', 'rocket'], ['𠀀數據', 'ext'], ['🚀 LAUNCH', 'rocket']]);
  });

  it('skips forms with half a surrogate pair', () => {
    const idx = buildTermIndex([{ packId: 'p', terms: [term('bad', 'ok form', '\ud83d科技', '科技\ude80')] }]);
    assert.equal(idx.warnings.filter((w) => w.code === 'terms.lone-surrogate').length, 2);
    assert.deepEqual(found('🚀科技 ok form', idx), [['ok form', 'bad']]);
  });

  it('handles combining marks', () => {
    const idx = buildTermIndex([{ packId: 'p', terms: [
      term('cafe', 'cafe\u0301', 'café', 'café'), // decomposed and composed
      term('naive', 'naive', '天真', '天真'),
      term('mark', '\u0301accent', '重音', '重音'),
    ] }]);
    const w = idx.warnings;
    assert.ok(w.some((x) => x.code === 'terms.normalized-form' && x.termId === 'cafe' && x.severity === 'information'));
    assert.ok(w.some((x) => x.code === 'terms.unreachable-form' && x.termId === 'mark'));
    assert.deepEqual(found('café cafe\u0301 CAFÉ', idx).map(([, id]) => id), ['cafe', 'cafe', 'cafe']);
    // A match never ends just before a combining mark: naive + U+0308 is "naïve", not "naive".
    assert.deepEqual(found('naive\u0308 naive', idx), [['naive', 'naive']]);
    assert.deepEqual(found('天真\u0301', idx), []);
  });

  it('survives malformed entries without throwing', () => {
    const codes = warningsFor([
      null,
      42,
      { forms: { en: 'no id' } },
      { id: '', forms: {} },
      { id: 'num', forms: { en: 5, 'zh-Hans': '数字', 'zh-Hant': null }, aliases: 'not a list', abbreviations: [null, 7, 'NUM'] },
      { id: 'noforms' },
      { id: 'num', forms: { en: 'again', 'zh-Hans': '再次', 'zh-Hant': '再次' } },
    ]);
    const count = (code: string) => codes.filter((c) => c.code === code).length;
    assert.equal(count('terms.invalid-term'), 4);
    assert.equal(count('terms.invalid-form'), 3); // en: 5, aliases: 'not a list', abbreviations[1]: 7
    assert.equal(count('terms.duplicate-term'), 1);
    assert.ok(codes.some((c) => c.code === 'terms.no-forms' && c.termId === 'noforms'));
    const idx = buildTermIndex([{ packId: 'p', terms: [null, { id: 'num', forms: { en: 5, 'zh-Hans': '数字' } }] as unknown as GlossaryTerm[] }]);
    assert.deepEqual(found('數字', idx), [['數字', 'num']]);
    assert.doesNotThrow(() => buildTermIndex(undefined as unknown as []));
    assert.doesNotThrow(() => buildTermIndex([{ packId: 'p', terms: 'x' as unknown as GlossaryTerm[] }]));
  });

  it('skips overlong forms with a warning', () => {
    const long = '金'.repeat(200);
    const idx = buildTermIndex([{ packId: 'p', terms: [term('long', 'long', long, '長')] }]);
    assert.ok(idx.warnings.some((w) => w.code === 'terms.form-too-long'));
    assert.deepEqual(found(long, idx), []);
    const wide = buildTermIndex([{ packId: 'p', terms: [term('long', 'long', long, '長')] }], { maxFormLength: 300 });
    assert.deepEqual(found(long, wide), [[long, 'long']]);
  });

  it('stops indexing with a warning when the index is full', () => {
    // Room is kept for a composed variant of each form, so a form takes up to twice its length.
    const idx = buildTermIndex([{ packId: 'p', terms: [term('a', 'alpha', '甲乙', '甲乙'), term('b', 'beta', '丙丁', '丙丁')] }], { maxTotalUnits: 9 });
    const full = idx.warnings.filter((w) => w.code === 'terms.index-full');
    assert.deepEqual(full.map((w) => [w.termId, w.form]), [['a', 'alpha'], ['b', '丙丁'], ['b', 'beta']]);
    assert.deepEqual(found('甲乙 alpha 丙丁 beta', idx), [['甲乙', 'a'], ['丙丁', 'b']]);
  });

  it('an empty index finds nothing', () => {
    const idx = buildTermIndex([]);
    assert.deepEqual(findTerms(idx, '金融 AI'), []);
    assert.equal(termAt(idx, '金融', 0), undefined);
  });

  it('every warning names its term and carries a message', () => {
    const idx = buildTermIndex([{ packId: 'p', terms: [term('a', '', 'x', '\ud800')] }]);
    for (const w of idx.warnings) {
      assert.equal(w.packId, 'p');
      assert.equal(w.termId, 'a');
      assert.ok(w.message.includes('"a"'));
    }
  });
});

describe('terms: the seed report', () => {
  const seedPath = path.resolve(process.cwd(), '../shared/seed/fintech-report-2026.txt');
  const seed = fs.existsSync(seedPath) ? fs.readFileSync(seedPath, 'utf8') : undefined;

  it('finds Simplified glossary forms in the Traditional report', function () {
    if (!seed) return this.skip();
    const ms: TermMatch[] = findTerms(index, seed);
    const ids = new Set(ms.map((m) => m.termId));
    for (const id of ['ai', 'blockchain', 'supply-chain-finance', 'inclusive-finance', 'fintech', 'cloud', 'regtech']) assert.ok(ids.has(id), id);
    for (const m of ms) assert.equal(foldText(seed.slice(m.start, m.end)), getPattern(index, m.pattern)!.folded);
  });
});
