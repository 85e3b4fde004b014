import * as assert from 'node:assert/strict';
import type { CslItem } from '../../src/core/pack/types';
import { REPORT_ITEM } from './helpers/csl';
import { BibliographyCache, filterPickItems, toPickItem } from '../../src/core/citations/sources';

const report: CslItem = REPORT_ITEM;
const article: CslItem = {
  id: 'smith2020open',
  type: 'article-journal',
  author: [{ family: 'Smith', given: 'John' }, { family: 'Doe', given: 'Jane' }, { family: 'Lee', given: 'K' }],
  title: 'Open Banking and Credit',
  'container-title': 'Journal of Financial Technology',
  issued: { 'date-parts': [[2020]] },
};

describe('citable sources for the picker', () => {
  const items = [toPickItem(report.id, report), toPickItem(article.id, article)];

  it('labels, describes and details each entry', () => {
    assert.deepEqual(
      items.map((i) => [i.label, i.description, i.detail]),
      [
        ['2026-2030年金融科技產業現狀及未來發展趨勢分析報告', '中研產業研究院 · 2026', '@zhongyan2026jinrong · 中研普華'],
        ['Open Banking and Credit', 'Smith J, Doe J et al. · 2020', '@smith2020open · Journal of Financial Technology'],
      ],
    );
  });
  it('finds entries by English, Simplified, Traditional, pinyin and key', () => {
    const keys = (q: string) => filterPickItems(items, q).map((i) => i.key);
    assert.deepEqual(keys('banking'), ['smith2020open']);
    assert.deepEqual(keys('金融科技产业'), ['zhongyan2026jinrong'], 'Simplified finds Traditional');
    assert.deepEqual(keys('產業'), ['zhongyan2026jinrong']);
    assert.deepEqual(keys('jinrongkeji'), ['zhongyan2026jinrong']);
    assert.deepEqual(keys('jrkj'), ['zhongyan2026jinrong']);
    assert.deepEqual(keys('zhongyan'), ['zhongyan2026jinrong']);
    assert.deepEqual(keys('smith2020'), ['smith2020open']);
    assert.deepEqual(keys(''), ['zhongyan2026jinrong', 'smith2020open']);
    assert.deepEqual(keys('nothing here'), []);
  });
  it('re-parses a bibliography only when its text changes', () => {
    const cache = new BibliographyCache();
    const text = '@book{a, title={One}, year=2001}\n@book{b, title={Two}, year=2002}\n';
    const first = cache.load('refs.bib', text, 'bibtex');
    assert.deepEqual(first.items.map((i) => i.label), ['One', 'Two']);
    assert.ok(first.keys.has('a'));
    assert.equal(cache.load('refs.bib', `${text}`, 'bibtex'), first, 'same text: the cached result');
    const changed = cache.load('refs.bib', text.replace('Two', 'Deux'), 'bibtex');
    assert.notEqual(changed, first);
    assert.deepEqual(changed.items.map((i) => i.label), ['One', 'Deux']);
    cache.delete('refs.bib');
    assert.notEqual(cache.load('refs.bib', text, 'bibtex'), first);
  });
});
