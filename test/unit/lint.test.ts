import * as assert from 'node:assert/strict';
import type { GlossaryTerm } from '../../src/core/pack/types';
import { LINT_GLOSSARY as GLOSSARY } from './helpers/lintGlossary';
import { buildTermIndex, findTerms, type TermIndex } from '../../src/core/terms';
import { applyEdits, fixAll, fixAllEdits, lintDraft, type Finding, type LintOptions, type LintRuleCode } from '../../src/core/lint';
import builtinPack from '../../media/packs/fintech-2026/pack.json';



let index: TermIndex;
before(() => {
  index = buildTermIndex([{ packId: 'test', terms: GLOSSARY }]);
});

const ONLY = (code: LintRuleCode): LintOptions['rules'] => ({
  'script-consistency': code === 'script-consistency' ? 'warning' : 'off',
  'preferred-form': code === 'preferred-form' ? 'warning' : 'off',
  'abbreviation-first-use': code === 'abbreviation-first-use' ? 'warning' : 'off',
  'inconsistent-forms': code === 'inconsistent-forms' ? 'warning' : 'off',
});

function lint(text: string, options: LintOptions = {}): Finding[] {
  return lintDraft(text, index, options);
}

/** [code, flagged text, replacement after applying the first fix's edits to the flagged range]. */
function summary(text: string, findings: Finding[]): Array<[string, string, string | undefined]> {
  return findings.map((f) => [f.code, text.slice(f.range.start, f.range.end), f.fixes[0]?.edits.map((e) => e.newText).join('|')]);
}

function applyFirstFix(text: string, f: Finding): string {
  return applyEdits(text, f.fixes[0].edits);
}

describe('lint: script consistency', () => {
  it('flags a Traditional term in a Simplified draft and rewrites it in Simplified', () => {
    const text = '这份报告说明监管科技的发展。監管科技正在为机构带来变化。';
    const findings = lint(text, { rules: ONLY('script-consistency') });
    assert.deepEqual(summary(text, findings), [['script-consistency', '監管科技', '监管科技']]);
    const f = findings[0];
    assert.equal(f.severity, 'warning');
    assert.equal(f.termId, 'regtech');
    assert.equal(f.packId, 'test');
    assert.equal(f.data.scriptIssue, 'hant-in-hans');
    assert.equal(f.data.script, 'zh-Hans');
    assert.match(f.message, /Traditional Chinese in a Simplified Chinese draft/);
    assert.equal(applyFirstFix(text, f), '这份报告说明监管科技的发展。监管科技正在为机构带来变化。');
  });

  it('flags a mixed-script term such as 供应鏈金融', () => {
    const text = '这里讨论供应鏈金融与银行的关系，以及这些变化。';
    const [f, ...rest] = lint(text, { rules: ONLY('script-consistency') });
    assert.equal(rest.length, 0);
    assert.equal(text.slice(f.range.start, f.range.end), '供应鏈金融');
    assert.equal(f.data.scriptIssue, 'mixed');
    assert.equal(applyFirstFix(text, f), '这里讨论供应链金融与银行的关系，以及这些变化。');
  });

});

describe('lint: abbreviation at first use', () => {
  it('accepts an expansion before the abbreviation, or in parentheses right after it', () => {
    for (const text of ['人工智能（AI）正在改变这个行业，AI 的应用越来越广。', 'AI（人工智能）正在改变这个行业。', 'Regulatory technology (RegTech) matters; RegTech grows.', 'RegTech (regulatory technology) matters.']) {
      assert.deepEqual(lint(text, { rules: ONLY('abbreviation-first-use') }), [], text);
    }
  });

});

describe('lint: inconsistent forms', () => {
  it('flags an English form in Chinese prose when the pack discourages mixing (区块链 and blockchain)', () => {
    const text = '区块链技术应用广泛，区块链的优势明显，blockchain 也被称为分布式账本。';
    const findings = lint(text, { rules: ONLY('inconsistent-forms') });
    assert.deepEqual(summary(text, findings), [['inconsistent-forms', 'blockchain', '区块链']]);
    const f = findings[0];
    assert.equal(f.severity, 'warning');
    assert.equal(f.data.count, 1);
    assert.equal(f.data.majority, '区块链');
    assert.equal(f.data.majorityCount, 2);
    assert.equal(applyFirstFix(text, f), '区块链技术应用广泛，区块链的优势明显，区块链 也被称为分布式账本。');
  });

  it('does not count English forms inside an English phrase of a Chinese draft', () => {
    const text = '区块链很重要，区块链也很常见。参考：Smith, Blockchain in banking, 2024.';
    assert.deepEqual(lint(text, { rules: ONLY('inconsistent-forms') }), []);
    const en = 'The blockchain market grows; the 区块链 market too. Blockchain again.';
    assert.deepEqual(summary(en, lint(en, { rules: ONLY('inconsistent-forms') })), [['inconsistent-forms', '区块链', 'blockchain']]);
  });

  it('compares forms across scripts and case: 区块链 and 區塊鏈, Blockchain and blockchain are one form each', () => {
    const text = '区块链很重要。區塊鏈也很重要。';
    assert.deepEqual(lint(text, { rules: ONLY('inconsistent-forms') }), []);
    const en = 'Blockchain matters. The blockchain grows.';
    assert.deepEqual(lint(en, { rules: ONLY('inconsistent-forms') }), []);
  });

});

describe('lint: severities and options', () => {
  it('takes the severity of each rule from the options, and off switches a rule off', () => {
    const text = '这份报告说明監管科技与人工智慧的发展，以及这些变化。';
    const all = lint(text, { rules: { 'script-consistency': 'error', 'preferred-form': 'hint' } });
    assert.deepEqual(all.map((f) => [f.code, f.severity]), [['script-consistency', 'error'], ['preferred-form', 'hint']]);
    assert.deepEqual(lint(text, { rules: { 'script-consistency': 'off' } }).map((f) => f.code), ['preferred-form']);
    assert.deepEqual(lint(text, { rules: { 'script-consistency': 'off', 'preferred-form': 'off', 'abbreviation-first-use': 'off', 'inconsistent-forms': 'off' } }), []);
  });

  it('gives the same findings with matches found beforehand', () => {
    const text = '# 标题\n\nAI 与監管科技。区块链、blockchain、区块链。\n\n> 監管科技\n';
    assert.deepEqual(lintDraft(text, index, { matches: findTerms(index, text) }), lint(text));
  });

  it('ignores matches that do not fit the text (a stale cache) and finds them again', () => {
    const before = '监管科技与区块链。';
    const text = '这里说明監管科技与AI。';
    assert.deepEqual(lintDraft(text, index, { matches: findTerms(index, before) }), lint(text));
    assert.deepEqual(summary(text, lintDraft(text, index, { matches: findTerms(index, before) })), [
      ['script-consistency', '監管科技', '监管科技'],
      ['abbreviation-first-use', 'AI', '人工智能（AI）'],
    ]);
  });

  it('returns nothing for an empty text or an empty index', () => {
    assert.deepEqual(lint(''), []);
    assert.deepEqual(lintDraft('監管科技与AI。', buildTermIndex([])), []);
  });
});

describe('lint: where rules do not apply', () => {
  const flagged = (text: string): string[] => lint(text, { script: 'zh-Hans', rules: ONLY('script-consistency') }).map((f) => text.slice(f.range.start, f.range.end) + '@' + f.range.start);

  it('skips code spans and fenced or indented code', () => {
    const text = '正文`監管科技`正文 ``a ` 監管科技`` 正文\n\n```\n監管科技\n```\n\n~~~md\n監管科技\n~~~\n\n    監管科技\n\n監管科技';
    assert.deepEqual(flagged(text), [`監管科技@${text.lastIndexOf('監管科技')}`]);
  });

  it('skips link destinations, reference definitions, autolinks and bare URLs, but not link text', () => {
    const text = '[監管科技](https://example.com/監管科技 "監管科技") <https://example.com/監管科技> https://x.org/監管科技 正文\n\n[ref]: https://example.com/監管科技\n';
    assert.deepEqual(flagged(text), ['監管科技@1']);
    // Full-width punctuation ends a bare URL.
    const bare = '见 www.example.com/a，監管科技';
    assert.deepEqual(flagged(bare), [`監管科技@${bare.indexOf('監')}`]);
  });

  it('skips front matter, blockquotes (with lazy continuation lines) and HTML comments', () => {
    const text = '---\ntitle: 監管科技\n---\n\n> 監管科技\n監管科技续行\n\n<!-- 監管科技 -->\n\n正文<!-- 監管科技 -->正文 監管科技';
    assert.deepEqual(flagged(text), [`監管科技@${text.lastIndexOf('監管科技')}`]);
    const toml = '+++\ntitle = "監管科技"\n+++\n監管科技';
    assert.deepEqual(flagged(toml), [`監管科技@${toml.lastIndexOf('監管科技')}`]);
  });

  it('lints headings, lists and tables', () => {
    const text = '# 監管科技\n\n- 監管科技\n\n| 列 | 監管科技 |\n|---|---|\n';
    assert.equal(flagged(text).length, 3);
  });

  it('does not count quotations for the abbreviation rule: the source\'s expansion is not the draft\'s', () => {
    const text = '> 人工智能（AI）是报告的说法。\n\nAI 正在改变这个行业。';
    const findings = lint(text, { rules: ONLY('abbreviation-first-use') });
    assert.deepEqual(summary(text, findings), [['abbreviation-first-use', 'AI', '人工智能（AI）']]);
  });
});

describe('lint: disable comments', () => {
  const at = (text: string, options: LintOptions = {}): string[] => lint(text, { script: 'zh-Hans', ...options }).map((f) => `${f.code}:${text.slice(0, f.range.start).split('\n').length}`);

  it('switches every rule off between disable and enable', () => {
    const text = '監管科技\n<!-- fintech-lens-disable -->\n監管科技\n\n人工智慧\n<!-- fintech-lens-enable -->\n監管科技';
    assert.deepEqual(at(text), ['script-consistency:1', 'script-consistency:7']);
  });

  it('switches only the named rules off, by code or setting name', () => {
    const text = '<!-- fintech-lens-disable script-consistency -->\n監管科技 人工智慧\n<!-- fintech-lens-enable scriptConsistency -->\n監管科技';
    assert.deepEqual(at(text), ['preferred-form:2', 'script-consistency:4']);
    const two = '<!-- fintech-lens-disable preferred-form, script-consistency -->\n監管科技 人工智慧';
    assert.deepEqual(at(two), []);
  });

  it('supports disable-next-line and disable-line', () => {
    const text = '<!-- fintech-lens-disable-next-line -->\n監管科技\n監管科技 <!-- fintech-lens-disable-line script-consistency -->\n監管科技';
    assert.deepEqual(at(text), ['script-consistency:4']);
  });

  it('supports disable-file, capture and restore', () => {
    assert.deepEqual(at('監管科技\n<!-- fintech-lens-disable-file script-consistency -->\n監管科技'), []);
    const text = '<!-- fintech-lens-disable preferred-form -->\n<!-- fintech-lens-capture -->\n<!-- fintech-lens-disable -->\n監管科技\n<!-- fintech-lens-restore -->\n監管科技 人工智慧';
    assert.deepEqual(at(text), ['script-consistency:6']);
  });

  it('applies a directive from its own line, as markdownlint does', () => {
    const text = '監管科技 <!-- fintech-lens-disable --> 監管科技\n監管科技';
    assert.deepEqual(at(text), []);
  });

  it('ignores unknown rule names and directives inside code', () => {
    const text = '<!-- fintech-lens-disable no-such-rule -->\n監管科技\n\n```\n<!-- fintech-lens-disable -->\n```\n監管科技';
    assert.deepEqual(at(text), ['script-consistency:2', 'script-consistency:7']);
  });

  it('hides findings without changing what counts: an abbreviation in a disabled block is still its first use', () => {
    const text = '<!-- fintech-lens-disable abbreviation-first-use -->\nAI 很重要。\n<!-- fintech-lens-enable -->\n\nAI 也很重要，人工智能。';
    assert.deepEqual(at(text, { rules: ONLY('abbreviation-first-use') }), []);
  });
});

describe('lint: offsets with CRLF line breaks and a BOM', () => {
  it('reports ranges into the text as given', () => {
    const text = '\ufeff---\r\ntitle: 監管科技\r\n---\r\n\r\n> 監管科技\r\n\r\n正文監管科技，以及这些\r\n```\r\n監管科技\r\n```\r\nAI 与区块链';
    const findings = lint(text, { script: 'zh-Hans' });
    assert.deepEqual(summary(text, findings), [
      ['script-consistency', '監管科技', '监管科技'],
      ['abbreviation-first-use', 'AI', '人工智能（AI）'],
    ]);
    assert.equal(findings[0].range.start, text.indexOf('正文監管科技') + 2);
    const fixed = fixAll(text, index, { script: 'zh-Hans' }).text;
    assert.equal(fixed, text.replace('正文監管科技', '正文监管科技').replace('AI 与', '人工智能（AI） 与'));
  });

  it('reads a disable comment on a CRLF line', () => {
    const text = '監管科技\r\n<!-- fintech-lens-disable-next-line -->\r\n監管科技\r\n監管科技';
    assert.deepEqual(lint(text, { script: 'zh-Hans' }).map((f) => f.range.start), [0, text.lastIndexOf('監管科技')]);
  });
});

describe('lint: fixes', () => {
  it('fixes are replacements of the flagged range', () => {
    const text = '这份报告说明監管科技、人工智慧与 AI 的发展。区块链、区块链和 blockchain。';
    for (const f of lint(text)) {
      assert.equal(f.fixes.length, 1, f.code);
      assert.equal(f.fixes[0].edits.length, 1);
      assert.deepEqual(f.fixes[0].edits[0].range, f.range);
      assert.ok(f.fixes[0].title.length > 0);
    }
  });

  it('adds a space where an English replacement would run into a word', () => {
    const text = 'blockchain技术，blockchain应用，AI区块链。';
    const findings = lint(text, { script: 'zh-Hans', rules: ONLY('inconsistent-forms') });
    assert.deepEqual(summary(text, findings), [['inconsistent-forms', '区块链', ' blockchain']]);
  });

  it('fix-all gives one non-overlapping, sorted edit set that leaves nothing to fix', () => {
    const text = [
      '# 行业跟踪',
      '',
      'AI 正在改变这个行业，人工智慧与人工智能并存。監管科技和供应鏈金融是重点，Regtech 也是。',
      '',
      '区块链技术应用广泛，区块链的优势明显，blockchain 也被称为分布式账本。',
      '',
      '> 監管科技与 AI（引用）',
      '',
      '`監管科技` 正文。',
    ].join('\n');
    const findings = lint(text);
    const edits = fixAllEdits(findings);
    for (let i = 1; i < edits.length; i++) assert.ok(edits[i - 1].range.end <= edits[i].range.start, 'sorted and disjoint');
    const fixed = applyEdits(text, edits);
    assert.deepEqual(lint(fixed).filter((f) => f.fixes.length > 0), []);
    assert.equal(
      fixed,
      [
        '# 行业跟踪',
        '',
        '人工智能（AI） 正在改变这个行业，人工智能与人工智能并存。监管科技和供应链金融是重点，RegTech 也是。',
        '',
        '区块链技术应用广泛，区块链的优势明显，区块链 也被称为分布式账本。',
        '',
        '> 監管科技与 AI（引用）',
        '',
        '`監管科技` 正文。',
      ].join('\n'),
    );
  });

  it('fix-all picks the majority form over the script fix on the same range', () => {
    const text = '这里有大数据、大数据，以及巨量資料。';
    const findings = lint(text);
    assert.deepEqual(findings.map((f) => f.code).sort(), ['inconsistent-forms', 'script-consistency']);
    assert.equal(fixAll(text, index).text, '这里有大数据、大数据，以及大数据。');
  });

  it('leaves nothing fixable behind when a fix creates a finding (issue repro: zh-Hant SCF測SUPPLY CHAIN FINANCE)', () => {
    // The expansion of SCF adds 供應鏈金融, which makes SUPPLY CHAIN FINANCE an inconsistent form.
    for (const script of ['zh-Hant', 'auto'] as const) {
      const text = 'SCF測SUPPLY CHAIN FINANCE';
      const once = fixAll(text, index, { script });
      assert.equal(applyEdits(text, once.edits), once.text);
      assert.deepEqual(lint(once.text, { script }).filter((f) => f.fixes.length > 0), [], script);
      assert.deepEqual(fixAll(once.text, index, { script }).edits, [], `${script}: a second Fix All changes nothing`);
    }
    assert.equal(fixAll('SCF測SUPPLY CHAIN FINANCE', index, { script: 'zh-Hant' }).text, '供應鏈金融（SCF）測供應鏈金融');
  });

  it('keeps script detection from flipping between rounds of Fix All', () => {
    const text = '區塊鏈与云计算。區塊鏈，雲計算。';
    const r = fixAll(text, index);
    assert.deepEqual(lint(r.text).filter((f) => f.fixes.length > 0), []);
    assert.deepEqual(fixAll(r.text, index).edits, []);
  });

  it('applyEdits rejects overlapping edits', () => {
    assert.throws(() => applyEdits('abcdef', [{ range: { start: 0, end: 3 }, newText: 'x' }, { range: { start: 2, end: 4 }, newText: 'y' }]));
  });
});

describe('lint: the built-in pack', () => {
  const pack = builtinPack as unknown as { id: string; glossary: GlossaryTerm[] };
  let builtin: TermIndex;
  before(() => {
    builtin = buildTermIndex([{ packId: pack.id, terms: pack.glossary }]);
  });

  it('covers the cases of the issue', () => {
    const text = '这份笔记关注金融科技。監管科技与供应鏈金融正在发展，人工智慧也是。RegTech 的应用越来越多。区块链、区块链与 blockchain 并存。';
    const findings = lintDraft(text, builtin);
    assert.deepEqual(summary(text, findings), [
      ['script-consistency', '監管科技', '监管科技'],
      ['script-consistency', '供应鏈金融', '供应链金融'],
      ['preferred-form', '人工智慧', '人工智能'],
      ['inconsistent-forms', 'blockchain', '区块链'],
    ]);
    // RegTech comes after 監管科技, its full form: no abbreviation finding.
    const text2 = 'Regtech 与 RegTech 在报告中很常见，这些说法。';
    assert.deepEqual(summary(text2, lintDraft(text2, builtin)), [
      ['abbreviation-first-use', 'Regtech', '监管科技（RegTech）'],
      ['preferred-form', 'Regtech', 'RegTech'],
    ]);
  });
});
