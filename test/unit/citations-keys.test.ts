import * as assert from 'node:assert/strict';
import type { CslItem } from '../../src/core/pack/types';
import { asciiFold, citationKeyBase, makeCitationKey, titleKeyPart } from '../../src/core/citations/keys';

const item = (over: Partial<CslItem>): CslItem => ({ id: 'x', type: 'book', ...over });
const year = (y: number) => ({ 'date-parts': [[y]] });

describe('citation keys', () => {
  const report = item({
    type: 'report',
    author: [{ literal: '中研產業研究院' }],
    title: '2026-2030年金融科技產業現狀及未來發展趨勢分析報告',
    issued: year(2026),
  });

  it('builds the report key from the organisation, the year and the first title word', () => {
    assert.equal(makeCitationKey(report, new Set()), 'zhongyan2026jinrong');
  });
  it('is stable and ASCII', () => {
    const a = makeCitationKey(report, ['x']);
    const b = makeCitationKey(JSON.parse(JSON.stringify(report)) as CslItem, ['x']);
    assert.equal(a, b);
    assert.match(a, /^[a-z][a-z0-9]*$/);
  });
  it('never collides with an existing key, case-insensitively', () => {
    assert.equal(makeCitationKey(report, ['zhongyan2026jinrong']), 'zhongyan2026jinronga');
    assert.equal(makeCitationKey(report, ['ZhongYan2026Jinrong', 'zhongyan2026jinronga']), 'zhongyan2026jinrongb');
    const many = ['zhongyan2026jinrong', ...'abcdefghijklmnopqrstuvwxyz'.split('').map((c) => `zhongyan2026jinrong${c}`)];
    assert.equal(makeCitationKey(report, many), 'zhongyan2026jinrongaa');
  });
  it('uses the family name of Chinese personal names, with surname readings', () => {
    assert.equal(citationKeyBase(item({ author: [{ family: '陈', given: '登原' }], title: '国史旧闻', issued: year(2000) })), 'chen2000guoshi');
    assert.equal(citationKeyBase(item({ author: [{ literal: '单田芳' }], title: '评书', issued: year(1990) })), 'shan1990pingshu');
    assert.equal(citationKeyBase(item({ author: [{ literal: '欧阳修' }], title: '新唐书', issued: year(1060) })), 'ouyang1060xintang');
    assert.equal(citationKeyBase(item({ author: [{ literal: '呂思勉' }], title: '中國通史', issued: year(1940) })), 'lv1940zhongguo');
    // A whole CJK name in the family field (as BibTeX gives one-word names).
    assert.equal(citationKeyBase(item({ author: [{ family: '钱学森' }], title: '创建系统学', issued: year(2001) })), 'qian2001chuangjian');
    assert.equal(citationKeyBase(item({ author: [{ family: '中国科学院物理研究所' }], title: '年报', issued: year(2001) })), 'zhongguo2001nianbao');
  });
  it('uses the lower-case family name of Western authors, without accents', () => {
    assert.equal(citationKeyBase(item({ author: [{ family: 'Müller', given: 'Hans' }], title: 'The Future of Payments', issued: year(2019) })), 'muller2019future');
    assert.equal(citationKeyBase(item({ author: [{ family: 'De Morgan', given: 'A.' }], title: 'On a problem', issued: year(1847) })), 'demorgan1847problem');
    assert.equal(citationKeyBase(item({ author: [{ literal: 'World Health Organization' }], title: 'Factors', issued: year(1970) })), 'world1970factors');
  });
  it('starts with the title when there is no author, and marks a missing year', () => {
    assert.equal(citationKeyBase(item({ type: 'webpage', title: '许振超：“好好干”' })), 'xuzhennd');
    assert.equal(citationKeyBase(item({ title: '2023' })), 'refnd');
  });
  it('skips numbers, year ranges, quotes and articles in titles', () => {
    assert.equal(titleKeyPart('2026-2030年金融科技產業'), 'jinrong');
    assert.equal(titleKeyPart('《西游记》词汇'), 'xiyou');
    assert.equal(titleKeyPart('2023—2024 年度 支付'), 'zhifu');
    assert.equal(titleKeyPart('The 2nd Study of Things'), '2nd');
    assert.equal(titleKeyPart('A Über-Guide'), 'uber');
    assert.equal(titleKeyPart(undefined), '');
  });
  it('folds accents and special letters', () => {
    assert.equal(asciiFold('Ærøskøbing Straße'), 'aeroskobingstrasse');
  });
});
