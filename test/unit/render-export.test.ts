/**
 * The body of an exported draft (`renderDraftBody`, the engine of the command line's export and of
 * Export Draft where VS Code's Markdown engine is absent): YAML front matter is hidden as VS Code's
 * preview hides it, and glossary tooltips appear when they are asked for.
 */
import * as assert from 'node:assert/strict';
import type { CslItem, GlossaryTerm } from '../../src/core/pack/types';
import { draftTitle, renderDraftBody, termTooltips, type RenderData } from '../../src/core/render';
import { draftScriptOf } from '../../src/core/script/fold';
import { buildTermIndex } from '../../src/core/terms';

const ITEM: CslItem = { id: 'li2024', type: 'book', title: '数字金融概论', author: [{ family: '李', given: '明' }], publisher: '示例出版社', 'publisher-place': '北京', issued: { 'date-parts': [[2024]] } };
const DATA: RenderData = {
  style: { style: 'gbt7714-2025', system: 'numeric', numbers: 'inline' },
  sources: { resolve: (k) => (k.toLowerCase() === 'li2024' ? ITEM : undefined), keys: () => ['li2024'] },
  unknownKeyMessage: 'No bibliography entry has the key "{0}".',
};

const FRONT = '---\nbibliography: refs.json\ntitle: 草稿\n---\n';

describe('export body: front matter', () => {
  it('hides the front matter block, keeping what follows', () => {
    const html = renderDraftBody(`${FRONT}\n# 标题\n\n正文[@li2024]。\n`, DATA);
    assert.doesNotMatch(html, /bibliography:|refs\.json|<hr/);
    assert.match(html, /^<h1>标题<\/h1>/);
    assert.match(html, /\[1\]/);
    assert.match(html, /李明\. 数字金融概论\[M\]/);
  });

  it('hides it after a BOM, with CRLF line breaks, closed by "..." and with trailing blanks', () => {
    for (const text of [`\uFEFF${FRONT}\n正文\n`, `${FRONT}正文\n`.replace(/\n/g, '\r\n'), '---  \na: 1\n... \n正文\n', '---\n\n---\n正文\n']) {
      const html = renderDraftBody(text, DATA);
      assert.equal(html, '<p>正文</p>\n', JSON.stringify(text));
    }
  });

  it('renders as Markdown what is not front matter: a rule not on the first line, an unclosed block, an indented one', () => {
    assert.match(renderDraftBody('正文\n\n---\n\n后文\n', DATA), /<hr>/);
    assert.match(renderDraftBody('---\na: 1\n', DATA), /<hr>/, 'unclosed: not front matter');
    assert.match(renderDraftBody(' ---\na: 1\n---\n', DATA), /<hr>|<h2>/, 'indented opening line');
    assert.match(renderDraftBody('\n---\na: 1\n---\n', DATA), /<hr>/, 'not on the first line');
  });

  it('hides only the document\'s own front matter: a footnote whose text starts with a rule keeps it', () => {
    const html = renderDraftBody(`${FRONT}正文[^1]。\n\n[^1]: ---\n    注释甲\n    ---\n    注释乙\n`, DATA);
    assert.doesNotMatch(html, /bibliography:/);
    assert.match(html, /注释甲/);
    assert.match(html, /注释乙/);
  });
});

describe('export body: glossary tooltips', () => {
  const term: GlossaryTerm = {
    id: 'open-banking',
    forms: { 'zh-Hans': '开放银行', 'zh-Hant': '開放銀行', en: 'open banking' },
    definition: { 'zh-Hans': '银行通过接口向第三方开放数据与服务。', 'zh-Hant': '銀行透過介面向第三方開放資料與服務。', en: 'Banks sharing data <and> services through APIs.' },
    category: 'c',
  };
  const index = buildTermIndex([{ packId: 'p', terms: [term] }]);

  it('wraps terms in the draft\'s script with their escaped short definition, and not inside citations or front matter', () => {
    const text = '---\ntitle: 开放银行\n---\n开放银行发展迅速[@li2024]。\n';
    const html = renderDraftBody(text, DATA, termTooltips(index, draftScriptOf(text, 'en')));
    assert.equal([...html.matchAll(/<abbr class="fintech-lens-term" title="银行通过接口向第三方开放数据与服务。">开放银行<\/abbr>/g)].length, 1);
    const en = 'Open banking grows.\n';
    assert.match(renderDraftBody(en, DATA, termTooltips(index, draftScriptOf(en, 'zh-Hans'))), /title="Banks sharing data &#60;and&#62; services through APIs\.">Open banking<\/abbr>/);
  });

  it('adds none without tooltips', () => {
    assert.doesNotMatch(renderDraftBody('开放银行发展迅速。\n', DATA), /<abbr/);
  });
});

describe('draftScriptOf', () => {
  it('follows the text, a mixed text its stronger Chinese script, and English with Han characters the display script', () => {
    assert.equal(draftScriptOf('開放銀行發展迅速，監管科技。', 'en'), 'zh-Hant');
    assert.equal(draftScriptOf('开放银行发展迅速，监管科技。', 'en'), 'zh-Hans');
    assert.equal(draftScriptOf('Open banking grows fast in many markets, says 报告.', 'zh-Hant'), 'zh-Hant');
    assert.equal(draftScriptOf('Open banking grows.', 'zh-Hant'), 'en');
  });
});

describe('draftTitle', () => {
  it('reads the front matter title as YAML, else the first level-1 heading, else the fallback', () => {
    assert.equal(draftTitle('---\ntitle: 金融科技筆記\n---\n\n# Heading\n', 'x.md'), '金融科技筆記');
    assert.equal(draftTitle('\uFEFF---\r\ntitle: "RegTech: a \\"note\\""\r\n...\r\n# H\r\n', 'x.md'), 'RegTech: a "note"');
    assert.equal(draftTitle("---\ntitle: 'It''s open banking'\n---\n", 'x.md'), "It's open banking");
    assert.equal(draftTitle('---\ntitle: >-\n  A folded\n  title\n---\n', 'x.md'), 'A folded title');
    // No title, an empty one, or front matter that is not YAML: the heading after it.
    assert.equal(draftTitle('---\nbibliography: refs.bib\n---\n\n# 監管科技\n', 'x.md'), '監管科技');
    assert.equal(draftTitle('---\ntitle:\n---\n# H1 ##\n', 'x.md'), 'H1');
    assert.equal(draftTitle('---\ntitle: [unclosed\n---\n# H\n', 'x.md'), 'H');
    // A Pandoc title block's title, continuation lines joined.
    assert.equal(draftTitle('% Fintech\n  notes\n% Li Lei\n\n# H\n', 'x.md'), 'Fintech notes');
    assert.equal(draftTitle('%\n% Li Lei\n\n# H\n', 'x.md'), 'H');
    // A `---` rule that opens no front matter is not one; a heading inside front matter is none.
    assert.equal(draftTitle('Text\n---\ntitle: no\n---\n', 'x.md'), 'x.md');
    assert.equal(draftTitle('---\n# not a heading\n---\n', 'x.md'), 'x.md');
  });
});
