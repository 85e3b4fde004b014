import * as assert from 'node:assert/strict';
import MarkdownIt from 'markdown-it';
import type { CslItem } from '../../src/core/pack/types';
import { formatApaInline, formatGbt7714AuthorDate, formatReference } from '../../src/core/citations';
import { CitationProcessor, citationPlugin, compressNumbers, readCiteDocument, splitPandocSuffix, styleFromName, inlineToText } from '../../src/core/render';
import type { RenderData, RenderStyle } from '../../src/core/render';
import { CHEN_ITEM, REPORT_ITEM } from './helpers/csl';

const items = new Map<string, CslItem>([
  [REPORT_ITEM.id!, { ...REPORT_ITEM, 'publisher-place': '深圳' }],
  [CHEN_ITEM.id!, CHEN_ITEM],
  ['smith2020', { id: 'smith2020', type: 'book', author: [{ family: 'Smith', given: 'John' }, { family: 'Lee', given: 'Anna' }], title: 'Open banking', publisher: 'Harbour Press', issued: { 'date-parts': [[2020]] } }],
]);
const sources = { resolve: (k: string) => items.get(k.toLowerCase()) };

function texts(md: string, style: Partial<RenderStyle>): { cites: string[]; list: string[] } {
  const doc = readCiteDocument(md);
  const p = new CitationProcessor(doc, { style: 'gbt7714-2025', system: 'numeric', numbers: 'inline', ...style }, sources);
  return { cites: doc.citations.map((c) => inlineToText(p.render(c))), list: p.entries.map((e) => e.spans.map((s) => s.text).join('')) };
}

describe('preview renderer parts', function () {
  this.timeout(20000);

  it('compresses numbers: runs of three or more become ranges', () => {
    assert.equal(compressNumbers([3, 1, 2]), '1-3');
    assert.equal(compressNumbers([1, 3]), '1,3');
    assert.equal(compressNumbers([1, 2]), '1,2');
    assert.equal(compressNumbers([5, 1, 2, 3, 7, 8, 9, 10, 2]), '1-3,5,7-10');
  });

  it('splits Pandoc suffixes into locator and suffix', () => {
    assert.deepEqual(splitPandocSuffix('p. 33'), { locator: { label: 'page', value: '33' } });
    assert.deepEqual(splitPandocSuffix('pp. 33-35, 38 and passim'), { locator: { label: 'page', value: '33-35, 38' }, suffix: 'and passim' });
    assert.deepEqual(splitPandocSuffix('sec. 1.3'), { locator: { label: 'section', value: '1.3' } });
    assert.deepEqual(splitPandocSuffix('第 12 页'), { locator: { label: 'page', value: '12' } });
    assert.deepEqual(splitPandocSuffix('and passim'), { suffix: 'and passim' });
    assert.deepEqual(splitPandocSuffix('33'), { locator: { label: 'page', value: '33' } });
    assert.deepEqual(splitPandocSuffix(''), {});
    // A locator in braces, as Pandoc's manual writes them.
    assert.deepEqual(splitPandocSuffix('{ii, A, D-Z}, with a suffix'), {
      locator: { label: 'page', value: 'ii, A, D-Z' },
      suffix: 'with a suffix',
    });
    assert.deepEqual(splitPandocSuffix('{pp. iv, vi-xi, (xv)-(xvii)} with suffix here'), {
      locator: { label: 'page', value: 'iv, vi-xi, (xv)-(xvii)' },
      suffix: 'with suffix here',
    });
    assert.deepEqual(splitPandocSuffix('{sec. 2.1}'), { locator: { label: 'section', value: '2.1' } });
    assert.deepEqual(splitPandocSuffix('{chap. 2}, and more'), { suffix: 'chap. 2, and more' });
  });

  it('reads the style a front matter names', () => {
    assert.deepEqual(styleFromName('china-national-standard-gb-t-7714-2015-author-date.csl'), { style: 'gbt7714-2015', system: 'author-date' });
    assert.deepEqual(styleFromName('styles/china-national-standard-gb-t-7714-2015-numeric.csl'), { style: 'gbt7714-2015', system: 'numeric' });
    assert.deepEqual(styleFromName('gbt7714-2025'), { style: 'gbt7714-2025', system: 'numeric' });
    assert.deepEqual(styleFromName('gbt7714-2025-author-year'), { style: 'gbt7714-2025', system: 'author-date' });
    assert.deepEqual(styleFromName('apa.csl'), { style: 'apa7', system: 'author-date' });
    assert.equal(styleFromName('chicago-author-date.csl'), undefined);
    assert.equal(styleFromName(undefined), undefined);
  });

  it('prints the list entries exactly as the formatter does (numeric)', () => {
    for (const style of ['gbt7714-2025', 'gbt7714-2015'] as const) {
      const { list } = texts('[@zhongyan2026jinrong; @chen2000guoshi]', { style });
      assert.deepEqual(list, [formatReference(items.get(REPORT_ITEM.id!)!, style), formatReference(CHEN_ITEM, style)]);
    }
  });

  it('prints author-date citations as the formatters do', () => {
    for (const style of ['gbt7714-2025', 'gbt7714-2015'] as const) {
      const edition = style === 'gbt7714-2025' ? '2025' : '2015';
      const { cites } = texts('[@zhongyan2026jinrong, sec. 1.3] [@chen2000guoshi]', { style, system: 'author-date' });
      assert.equal(cites[0], formatGbt7714AuthorDate([{ item: items.get(REPORT_ITEM.id!)!, locator: { label: 'section', value: '1.3' } }], edition));
      assert.equal(cites[1], formatGbt7714AuthorDate([{ item: CHEN_ITEM }], edition));
    }
    const { cites } = texts('[@smith2020, p. 5] [@zhongyan2026jinrong] [@smith2020; @zhongyan2026jinrong]', { style: 'apa7', system: 'author-date' });
    assert.equal(cites[0], formatApaInline([{ item: items.get('smith2020')!, locator: { label: 'page', value: '5' } }]));
    assert.equal(cites[1], formatApaInline([{ item: items.get(REPORT_ITEM.id!)! }]));
    assert.equal(cites[2], formatApaInline([{ item: items.get('smith2020')! }, { item: items.get(REPORT_ITEM.id!)! }]));
  });

  it('numbers sources in order of first citation, with citations in footnotes at their reference', () => {
    const md = '正文[^n]，然后[@chen2000guoshi]。\n\n[^n]: 注释[@zhongyan2026jinrong]。\n';
    const { cites, list } = texts(md, {});
    assert.deepEqual(cites, ['[2]', '[1]']);
    assert.equal(list[0], formatReference(items.get(REPORT_ITEM.id!)!, 'gbt7714-2025'));
  });

  it('gives Pandoc forms their meaning in each system', () => {
    const md = '@chen2000guoshi wrote [-@chen2000guoshi] [@chen2000guoshi, p. 3]';
    assert.deepEqual(texts(md, {}).cites, ['陈登原[1]', '[1]', '[1]3']);
    assert.deepEqual(texts(md, { system: 'author-date' }).cites, ['陈登原（2000）', '（2000）', '（陈登原，2000：3）']);
    assert.deepEqual(texts(md, { style: 'apa7', system: 'author-date' }).cites, ['陈 (2000)', '(2000)', '(陈, 2000, p. 3)']);
  });
});

describe('preview plugin across renders', function () {
  this.timeout(20000);

  it('renders each text afresh when the same plugin renders one edit after another', () => {
    const md = new MarkdownIt();
    const data: RenderData = { style: { style: 'gbt7714-2025', system: 'numeric', numbers: 'inline' }, sources, unknownKeyMessage: '{0}' };
    md.use(citationPlugin, { data: () => data });
    const cites = (html: string) => [...html.matchAll(/<span class="fl-cite"[^>]*>(.*?)<\/span>/g)].map((m) => m[1].replace(/<[^>]+>/g, ''));
    const entries = (html: string) => [...html.matchAll(/<div class="fl-entry" id="([^"]+)"/g)].map((m) => m[1]);
    const a = md.render('甲[@zhongyan2026jinrong, p. 5]，乙[@chen2000guoshi]。\n');
    assert.deepEqual(cites(a), ['[1]5', '[2]']);
    assert.deepEqual(entries(a), ['ref-zhongyan2026jinrong', 'ref-chen2000guoshi']);
    // The prose changes: same numbering.
    assert.deepEqual(cites(md.render('甲乙[@zhongyan2026jinrong, p. 5]，乙[@chen2000guoshi]。\n')), ['[1]5', '[2]']);
    // A page changes: that citation's text changes, the list does not.
    const b = md.render('甲[@zhongyan2026jinrong, p. 6]，乙[@chen2000guoshi]。\n');
    assert.deepEqual(cites(b), ['[1]6', '[2]']);
    assert.deepEqual(entries(b), entries(a));
    // The order of first citation changes: new numbers and a new list order.
    const c = md.render('乙[@chen2000guoshi]，甲[@zhongyan2026jinrong, p. 6]。\n');
    assert.deepEqual(cites(c), ['[1]', '[2]6']);
    assert.deepEqual(entries(c), ['ref-chen2000guoshi', 'ref-zhongyan2026jinrong']);
    // A key becomes unknown: marked, and gone from the list.
    const d = md.render('乙[@chen2000guoshi]，甲[@nobody, p. 6]。\n');
    assert.deepEqual(entries(d), ['ref-chen2000guoshi']);
    assert.match(d, /fl-cite-unknown/);
    // Back to the first text: the first rendering again.
    assert.equal(md.render('甲[@zhongyan2026jinrong, p. 5]，乙[@chen2000guoshi]。\n'), a);
  });
});
