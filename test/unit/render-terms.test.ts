import * as assert from 'node:assert/strict';
import MarkdownIt from 'markdown-it';
import type { MarkdownIt as MarkdownItInstance, Token } from 'markdown-it';
import type { GlossaryTerm, Script } from '../../src/core/pack/types';
import { shortDefinition } from '../../src/core/glossary/card';
import { citationPlugin, type CitationPluginOptions, type RenderData } from '../../src/core/render/markdownIt';
import { termTooltips } from '../../src/core/render';
import { buildTermIndex, findTerms } from '../../src/core/terms';
import type { CslItem } from '../../src/core/pack/types';

function term(id: string, forms: [string, string, string], definition: [string, string, string], abbreviations?: string[]): GlossaryTerm {
  return {
    id,
    forms: { 'zh-Hans': forms[0], 'zh-Hant': forms[1], en: forms[2] },
    definition: { 'zh-Hans': definition[0], 'zh-Hant': definition[1], en: definition[2] },
    abbreviations,
    category: 'c',
  };
}

const TERMS: GlossaryTerm[] = [
  term(
    'ai',
    ['人工智能', '人工智慧', 'artificial intelligence'],
    ['让机器模拟人类智能的技术。', '讓機器模擬人類智慧的技術。', 'Machines doing what takes human intelligence.'],
    ['AI'],
  ),
  term(
    'regtech',
    ['监管科技', '監管科技', 'regulatory technology'],
    ['用技术满足监管要求。', '用技術滿足監管要求。', 'Technology for meeting regulation.'],
    ['RegTech'],
  ),
  term('hostile', ['恶意词', '惡意詞', 'hostile'], ['"><script>alert(1)</script> & \'x\'', '"><script>', '"><script>']),
];
const INDEX = buildTermIndex([{ packId: 'p', terms: TERMS }]);

const ITEM: CslItem = {
  id: 'zhongyan2026',
  type: 'report',
  title: '中国金融科技行业报告',
  author: [{ literal: '中研产业研究院' }],
  issued: { 'date-parts': [[2026]] },
};

function data(): RenderData {
  return {
    style: { style: 'gbt7714-2025', system: 'numeric', numbers: 'superscript' },
    sources: { resolve: (k) => (k.toLowerCase() === 'zhongyan2026' ? ITEM : undefined), keys: () => ['zhongyan2026'] },
    unknownKeyMessage: 'No bibliography entry has the key "{0}".',
  };
}

function md(tooltips: boolean | undefined, script: Script = 'zh-Hans', texts?: string[]): MarkdownItInstance {
  const m = new MarkdownIt({ html: true, linkify: true });
  const options: CitationPluginOptions = { data: () => data() };
  if (tooltips !== undefined) {
    options.terms = {
      enabled: () => tooltips,
      data: (_env, text) => {
        texts?.push(text);
        return termTooltips(INDEX, script);
      },
    };
  }
  return m.use(citationPlugin, options);
}

const ABBR = /<abbr class="fintech-lens-term" title="([^"]*)">([^<]*)<\/abbr>/g;

function abbrs(html: string): Array<{ title: string; text: string }> {
  return [...html.matchAll(ABBR)].map((m) => ({ title: m[1], text: m[2] }));
}

describe('preview glossary tooltips', () => {
  it('wraps a term in prose with its short definition in the draft’s script', () => {
    const html = md(true).render('监管机构用 AI 与人工智能做监管科技。\n');
    assert.deepEqual(abbrs(html), [
      { title: '让机器模拟人类智能的技术。', text: 'AI' },
      { title: '让机器模拟人类智能的技术。', text: '人工智能' },
      { title: '用技术满足监管要求。', text: '监管科技' },
    ]);
    const hant = md(true, 'zh-Hant').render('監管科技\n');
    assert.deepEqual(abbrs(hant), [{ title: '用技術滿足監管要求。', text: '監管科技' }]);
  });

  it('gives the renderer the draft’s own text (for its script), citations as written', () => {
    const texts: string[] = [];
    const src = '人工智能[@zhongyan2026]\n';
    md(true, 'zh-Hans', texts).render(src);
    assert.deepEqual(texts, [src]);
  });

  it('leaves code spans, fences, link URLs, autolinks, citations and inline HTML alone', () => {
    const src = [
      '`AI 人工智能` and <span>AI here</span> and <https://example.com/AI> and https://ai.example.com/AI',
      '',
      '[AI](https://example.com/AI "AI") and ![AI](https://example.com/AI.png) and [@zhongyan2026, AI]',
      '',
      '```',
      'AI 人工智能',
      '```',
      '',
      '<div>AI</div>',
      '',
    ].join('\n');
    const html = md(true).render(src);
    // Only the link's text is prose.
    assert.deepEqual(abbrs(html).map((a) => a.text), ['AI']);
    assert.match(html, /<a href="https:\/\/example\.com\/AI" title="AI"><abbr class="fintech-lens-term"[^>]*>AI<\/abbr><\/a>/);
    assert.match(html, /<code>AI 人工智能<\/code>/);
    assert.match(html, /<span>AI here<\/span>/);
    assert.match(html, /<pre><code>AI 人工智能\n<\/code><\/pre>/);
    assert.match(html, /<div>AI<\/div>/);
    assert.match(html, /<img src="https:\/\/example\.com\/AI\.png" alt="AI">/);
  });

  it('escapes hostile definitions in the title attribute', () => {
    const html = md(true).render('恶意词\n');
    assert.deepEqual(abbrs(html), [{ title: '&#34;&#62;&#60;script&#62;alert(1)&#60;/script&#62; &#38; &#39;x&#39;', text: '恶意词' }]);
    assert.doesNotMatch(html, /<script/);
  });

  it('wraps exactly the term engine’s matches of each text token', () => {
    const texts = [
      '在AI大模型与TRAIN、email、Taiwan之间，ＡＩ与人工智慧、監管科技和 regtech。',
      'RegTech and Artificial Intelligence, not MAIL or AIs.',
      '人工智能人工智能监管科技',
    ];
    for (const text of texts) {
      const html = md(true).render(`${text}\n`);
      const got: Array<[number, number]> = [];
      let plain = '';
      let at = 0;
      const body = html.replace(/^<p>|<\/p>\n$/g, '');
      for (const m of body.matchAll(ABBR)) {
        plain += body.slice(at, m.index);
        got.push([plain.length, plain.length + m[2].length]);
        plain += m[2];
        at = m.index + m[0].length;
      }
      plain += body.slice(at);
      assert.equal(plain, text);
      assert.deepEqual(got, findTerms(INDEX, text).map((m) => [m.start, m.end]), text);
      assert.ok(got.length > 0, text);
    }
  });

  it('is off by default and then renders the same HTML as without it', () => {
    const src = [
      '# 人工智能与监管科技',
      '',
      '监管机构用 AI[@zhongyan2026, 第 3 页] 做 RegTech[^1]。`AI` <span>AI</span> https://ai.example.com',
      '',
      '[^1]: 人工智能的脚注。',
      '',
    ].join('\n');
    const plain = md(undefined).render(src);
    assert.ok(plain.includes('fl-cite'));
    assert.equal(md(false).render(src), plain);
    const off = md(false);
    assert.equal(off.parse(src, {}).some((t: Token) => t.type === 'fl_terms'), false);
    assert.notEqual(md(true).render(src), plain);
  });

  it('gives no tooltip when the terms are undefined for a rendering', () => {
    const m = new MarkdownIt().use(citationPlugin, { data: () => undefined, terms: { enabled: () => true, data: () => undefined } });
    assert.equal(m.render('人工智能\n'), new MarkdownIt().render('人工智能\n'));
  });
});

describe('shortDefinition', () => {
  it('takes the script’s definition, else another’s, on one line', () => {
    const t = term('x', ['甲', '甲', 'x'], ['', '繁體的\n定義', 'English']);
    assert.equal(shortDefinition(t, 'zh-Hant'), '繁體的 定義');
    assert.equal(shortDefinition(t, 'zh-Hans'), 'English');
    assert.equal(shortDefinition(term('y', ['乙', '乙', 'y'], ['', '', ' ']), 'en'), undefined);
  });

  it('shortens a long definition at a sentence end, else with an ellipsis', () => {
    const long = `${'很长的定义'.repeat(20)}。${'后文'.repeat(50)}`;
    assert.equal(shortDefinition(term('z', ['丙', '丙', 'z'], [long, long, long]), 'zh-Hans'), `${'很长的定义'.repeat(20)}。`);
    const endless = 'a'.repeat(400);
    const s = shortDefinition(term('w', ['丁', '丁', 'w'], [endless, endless, endless]), 'en')!;
    assert.equal(s.length, 160);
    assert.ok(s.endsWith('…'));
  });
});
