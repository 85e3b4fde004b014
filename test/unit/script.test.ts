import * as assert from 'node:assert/strict';
import {
  detectScript,
  foldChar,
  foldText,
  isHan,
  isWordUnit,
  toScript,
  toSimplified,
  toTraditional,
} from '../../src/core/script/fold';
import * as OpenCC from 'opencc-js';
import { buildTermIndex, findTerms } from '../../src/core/terms';
import { matchesQuery, matchSyllables, pinyinFull, pinyinInitials, pinyinSyllables } from '../../src/core/script/pinyin';

describe('script/fold', () => {
  it('folds Traditional and Simplified characters together', () => {
    for (const [t, s] of [['鏈', '链'], ['監', '监'], ['雲', '云'], ['於', '于'], ['臺', '台'], ['區', '区'], ['塊', '块'], ['慧', '慧']]) {
      assert.equal(foldText(t), foldText(s), `${t} / ${s}`);
    }
    assert.equal(foldText('供應鏈金融'), foldText('供应链金融'));
    assert.equal(foldText('供应鏈金融'), foldText('供应链金融'));
    // Different words stay different.
    assert.notEqual(foldText('人工智慧'), foldText('人工智能'));
    assert.notEqual(foldText('金融'), foldText('金触'));
  });

  it('folds every single-character OpenCC conversion, both ways, to the key of its source', function () {
    this.timeout(30_000);
    // Issue repro: OpenCC s2t turns 馀额 into 餘额, which must still fold like 余额 and 馀额.
    assert.equal(foldText(OpenCC.Converter({ from: 'cn', to: 't' })('馀额')), foldText('馀额'));
    assert.equal(foldText('馀额'), foldText('余额'));
    for (const [a, b] of [['侭', '儘'], ['渖', '瀋'], ['缐', '線'], ['锺', '鍾'], ['麺', '麪']]) assert.equal(foldText(a), foldText(b), `${a} / ${b}`);
    const idx = buildTermIndex([{ packId: 'p', terms: [{ id: 'y', forms: { en: 'balance', 'zh-Hans': '馀额', 'zh-Hant': '餘額' }, definition: { en: '', 'zh-Hans': '', 'zh-Hant': '' }, category: 'c' }] }]);
    assert.deepEqual(findTerms(idx, '餘额 余额').map((m) => [m.start, m.end]), [[0, 2], [3, 5]]);
    const s2t = OpenCC.Converter({ from: 'cn', to: 't' });
    const t2s = OpenCC.Converter({ from: 't', to: 'cn' });
    const bad: string[] = [];
    for (let c = 0x3400; c <= 0x9fff; c++) {
      if (c >= 0x4dc0 && c < 0x4e00) continue;
      const ch = String.fromCharCode(c);
      for (const conv of [s2t, t2s]) {
        const out = conv(ch);
        if (out.length === 1 && foldText(out) !== foldText(ch)) bad.push(`${ch}→${out}`);
      }
    }
    assert.deepEqual(bad, []);
  });

  it('folds regional variants and compatibility ideographs', () => {
    assert.equal(foldText('裡'), foldText('里'));
    assert.equal(foldText('裏'), foldText('里'));
    assert.equal(foldText('偽'), foldText('伪'));
    assert.equal(foldText('\uF900'), foldText('\u8C48')); // 豈 compatibility → unified
  });

  it('folds full-width ASCII and case', () => {
    assert.equal(foldText('ＡＩ'), 'ai');
    assert.equal(foldText('ＲｅｇＴｅｃｈ'), 'regtech');
    assert.equal(foldText('RegTech'), 'regtech');
    assert.equal(foldText('ＲＥＧＴＥＣＨ１２３'), 'regtech123');
    assert.equal(foldText('ÉCOLE'), 'école');
  });

  it('folds the ideographic punctuation and spaces used in headings', () => {
    assert.equal(foldText('1. 核心技術體系：從單點突破（上）'), foldText('1. 核心技术体系:从单点突破(上)'));
    assert.equal(foldText('，、。【】〔〕“”'), ',,.[]()""');
    assert.equal(foldText('a\u3000b\u00a0c\td\ne'), 'a b c d e');
    assert.equal(foldText('—'), '-');
  });

  it('keeps one UTF-16 unit per unit, astral characters unchanged', () => {
    const s = '𠀀😀AＩ監\r\n🚀x';
    const f = foldText(s);
    assert.equal(f.length, s.length);
    assert.equal(f.slice(0, 4), '𠀀😀');
    assert.equal(f.slice(4), 'ai监  🚀x');
    assert.equal(foldChar(0xd83d), 0xd83d);
    assert.equal(foldChar(0xde00), 0xde00);
    assert.equal(foldChar(0x1f600), 0x1f600);
    assert.equal(foldText(''), '');
    const long = '監管科技RegTech'.repeat(2000);
    assert.equal(foldText(long), '监管科技regtech'.repeat(2000));
  });

  it('is idempotent over the whole BMP', () => {
    for (let c = 0; c < 0x10000; c++) {
      const f = foldChar(c);
      assert.equal(foldChar(f), f, `U+${c.toString(16)}`);
    }
  });

  it('classifies Han characters and word units', () => {
    assert.ok(isHan('中'.codePointAt(0)!));
    assert.ok(isHan(0x20000));
    assert.ok(isHan('〇'.codePointAt(0)!));
    assert.ok(!isHan('A'.codePointAt(0)!));
    assert.ok(!isHan('，'.codePointAt(0)!));
    assert.ok(isWordUnit(0x41));
    assert.ok(isWordUnit(0xff21)); // Ａ
    assert.ok(isWordUnit(0x35)); // 5
    assert.ok(isWordUnit(0xe9)); // é
    assert.ok(isWordUnit(0x212a)); // Kelvin sign, folds to k
    assert.ok(isWordUnit(0x3b1)); // α
    assert.ok(!isWordUnit(0xd7)); // ×
    assert.ok(!isWordUnit('大'.charCodeAt(0)));
    assert.ok(!isWordUnit(0x20));
    assert.ok(!isWordUnit(0x2d)); // -
  });

  describe('detectScript', () => {
    it('recognises Traditional text, even with a few Simplified characters', () => {
      const d = detectScript('金融科技的核心技術已形成人工智能、區塊鏈、云計算與大數據的融合生態，監管科技在于實時監測。');
      assert.equal(d.script, 'zh-Hant');
      assert.ok(d.hant > 0);
      assert.ok(d.hans >= 1); // 云, 于 count as Simplified-only
    });

    it('recognises Simplified text', () => {
      const d = detectScript('金融科技的核心技术已形成人工智能、区块链、云计算与大数据的融合生态。');
      assert.equal(d.script, 'zh-Hans');
      assert.equal(d.hant, 0);
      assert.ok(d.hans >= 5);
    });

    it('recognises mixed text and English', () => {
      assert.equal(detectScript('监管科技与監管數據，区块链和區塊鏈').script, 'mixed');
      const en = detectScript('RegTech applies technology to regulatory compliance.');
      assert.equal(en.script, 'en');
      assert.equal(en.han, 0);
      assert.ok(en.latin > 20);
      assert.equal(detectScript('').script, 'en');
      assert.equal(detectScript('AI 大模型与监管科技的应用前景').script, 'zh-Hans');
      assert.deepEqual(
        [detectScript('監').hant, detectScript('監').hans, detectScript('监').hans, detectScript('监').hant],
        [1, 0, 1, 0],
      );
    });
  });

  describe('toSimplified / toTraditional', () => {
    it('converts whole strings with OpenCC', () => {
      assert.equal(toSimplified('監管科技'), '监管科技');
      assert.equal(toSimplified('供應鏈金融與雲計算'), '供应链金融与云计算');
      assert.equal(toTraditional('监管科技'), '監管科技');
      assert.equal(toTraditional('供应链金融'), '供應鏈金融');
      assert.equal(toTraditional('区块链'), '區塊鏈');
      // Phrase level: 干预 is 干預, not 幹預.
      assert.equal(toTraditional('干预'), '干預');
      assert.equal(toScript('监管科技', 'zh-Hant'), '監管科技');
      assert.equal(toScript('監管科技', 'zh-Hans'), '监管科技');
      assert.equal(toScript('RegTech', 'en'), 'RegTech');
    });
  });
});

describe('script/pinyin', () => {
  it('gives full pinyin, initials and syllables for either script', () => {
    assert.equal(pinyinFull('監管科技'), 'jianguankeji');
    assert.equal(pinyinFull('监管科技'), 'jianguankeji');
    assert.equal(pinyinInitials('監管科技'), 'jgkj');
    assert.deepEqual(pinyinSyllables('区块链'), ['qu', 'kuai', 'lian']);
    assert.deepEqual(pinyinSyllables('AI大模型'), ['ai', 'da', 'mo', 'xing']);
    assert.equal(pinyinInitials('AI大模型'), 'aidmx');
    assert.equal(pinyinFull('绿色金融'), 'lvsejinrong');
    assert.equal(pinyinFull('普惠金融'), 'puhuijinrong');
    assert.equal(pinyinFull('RegTech'), 'regtech');
    assert.equal(pinyinFull(''), '');
  });

  it('returns a fresh syllable array each time', () => {
    const a = pinyinSyllables('金融');
    a.push('x');
    assert.deepEqual(pinyinSyllables('金融'), ['jin', 'rong']);
  });

  describe('matchesQuery', () => {
    it('finds 監管科技 by initials and full pinyin', () => {
      for (const q of ['jgkj', 'jianguan', 'jianguankeji', 'JianGuan', 'jian guan', 'jiangkj', 'guanke', 'kj', 'jg']) {
        assert.ok(matchesQuery(q, '監管科技'), q);
        assert.ok(matchesQuery(q, '监管科技'), q);
      }
    });

    it('finds Chinese either way round and English case-insensitively', () => {
      assert.ok(matchesQuery('监管', '監管科技'));
      assert.ok(matchesQuery('監管', '监管科技'));
      assert.ok(matchesQuery('供应鏈', '供應鏈金融'));
      assert.ok(matchesQuery('regtech', 'RegTech'));
      assert.ok(matchesQuery('REG', 'RegTech · 監管科技'));
      assert.ok(matchesQuery('ＲｅｇＴｅｃｈ', 'RegTech'));
      assert.ok(matchesQuery('tech', 'RegTech'));
      assert.ok(matchesQuery('supplychain', 'Supply chain finance'));
      assert.ok(matchesQuery('', '任何'));
    });

    it('rejects what does not match', () => {
      for (const q of ['jgkx', 'kjjg', 'xyz', 'jianguankejix', '区块', 'regtek']) {
        assert.ok(!matchesQuery(q, '監管科技 RegTech'), q);
      }
      assert.ok(!matchesQuery('rt', 'Regtech'));
      assert.ok(matchesQuery('rt', 'Regulatory technology'));
    });

    it('matches syllable prefixes in order', () => {
      assert.ok(matchSyllables('jgkj', ['jian', 'guan', 'ke', 'ji']));
      assert.ok(matchSyllables('jiagua', ['jian', 'guan', 'ke', 'ji']));
      assert.ok(!matchSyllables('jianx', ['jian', 'guan']));
      assert.ok(!matchSyllables('a', []));
    });
  });
});
