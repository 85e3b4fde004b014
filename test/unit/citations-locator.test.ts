import * as assert from 'node:assert/strict';
import type { CslItem } from '../../src/core/pack/types';
import { formatInlineCitation, formatReference, pandocLocator } from '../../src/core/citations/format';
import type { Locator } from '../../src/core/citations/types';

const report: CslItem = {
  id: 'zhongyan2026jinrong',
  type: 'report',
  title: '2026-2030年金融科技產業現狀及未來發展趨勢分析報告',
  author: [{ literal: '中研產業研究院' }],
  publisher: '中研普華',
  'publisher-place': '深圳',
  issued: { 'date-parts': [[2026]] },
  language: 'zh-Hant',
};
const western: CslItem = { id: 'smith2020study', type: 'book', title: 'A study', author: [{ family: 'Smith', given: 'Jane' }], publisher: 'Press', issued: { 'date-parts': [[2020]] } };

describe('citations: a paragraph inside a section locator', () => {
  const loc: Locator = { label: 'section', value: '1.3', paragraph: '2' };

  it('writes the paragraph after the section for Pandoc', () => {
    assert.equal(pandocLocator(loc), 'sec. 1.3, para. 2');
    assert.equal(pandocLocator({ label: 'section', value: '1.3' }), 'sec. 1.3');
  });

  it('puts section and paragraph in the GB/T 引文页码 slot, per edition and script', () => {
    assert.match(formatReference(report, 'gbt7714-2025', { locator: loc }), /：第 1\.3 節第 2 段\.$/);
    assert.match(formatReference(report, 'gbt7714-2015', { locator: loc }), /: 第1\.3節第2段\.$/);
    assert.match(formatReference(western, 'gbt7714-2015', { locator: loc }), /sec\. 1\.3, para\. 2\.$/);
  });

  it('appends both in APA 7, in the reference and in the author-date text', () => {
    assert.match(formatReference(western, 'apa7', { locator: loc }), /\(sec\. 1\.3, para\. 2\)$/);
    assert.equal(formatInlineCitation([{ item: western, locator: loc }], 'apa7'), '(Smith, 2020, sec. 1.3, para. 2)');
    assert.match(formatInlineCitation([{ item: report, locator: loc }], 'gbt7714-2025'), /第 1\.3 節第 2 段）$/);
  });
});
