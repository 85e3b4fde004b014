import * as assert from 'node:assert/strict';
import type { CslItem, CslName } from '../../src/core/pack/types';
import { CHEN_ITEM } from './helpers/csl';
import { formatGbt7714, gbtElements, gbtName, gbtTypeCode } from '../../src/core/citations/gbt7714';
import { formatFootnoteText, formatInlineCitation, formatReference, pandocLocator } from '../../src/core/citations/format';

const year = (...parts: number[]) => ({ 'date-parts': [parts] });

// Records for the detail tests; the formatting examples are fixtures (citations-format-fixtures.test.ts).
const chen: CslItem = CHEN_ITEM;
const yang: CslItem = {
  id: 'yang1996dianzi',
  type: 'article-journal',
  author: [{ family: '杨', given: '宗英' }],
  title: '电子图书馆的现实模型',
  'container-title': '中国图书馆学报',
  issued: year(1996),
  issue: 2,
  page: '24-29',
};
const yu: CslItem = {
  id: 'yu2012hulian',
  type: 'article-journal',
  author: [
    { family: '于', given: '潇' },
    { family: '刘', given: '义' },
    { family: '柴', given: '跃廷' },
    { family: '张', given: '健' },
  ],
  title: '互联网药品可信交易环境中主体资质审核备案模式',
  'container-title': '清华大学学报（自然科学版）',
  issued: year(2012),
  volume: '52',
  issue: '11',
  page: '1518--1523',
};
const who: CslItem = {
  id: 'world1970factors',
  type: 'report',
  author: [{ literal: 'World Health Organization' }],
  title: 'Factors regulating the immune response: report of WHO Scientific Group',
  'publisher-place': 'Geneva',
  publisher: 'WHO',
  issued: year(1970),
};
const report: CslItem = {
  id: 'zhongyan2026jinrong',
  type: 'report',
  author: [{ literal: '中研產業研究院' }],
  title: '2026-2030年金融科技產業現狀及未來發展趨勢分析報告',
  publisher: '中研普華',
  'publisher-place': '深圳',
  issued: year(2026),
  URL: 'https://www.chinairn.com/',
  language: 'zh-Hant',
};

describe('GB/T 7714 details', () => {
  it('cites the report in its own script, online, with a section locator', () => {
    assert.equal(
      formatReference(report, 'gbt7714-2025', { locator: { label: 'section', value: '1.3' } }),
      '中研產業研究院. 2026-2030年金融科技產業現狀及未來發展趨勢分析報告[R/OL]. 深圳：中研普華，2026：第 1.3 節. https://www.chinairn.com/.',
    );
    assert.equal(
      formatReference(report, 'gbt7714-2015', { locator: { label: 'section', value: '1.3' } }),
      '中研產業研究院. 2026-2030年金融科技產業現狀及未來發展趨勢分析報告[R/OL]. 深圳: 中研普華, 2026: 第1.3節. https://www.chinairn.com/.',
    );
  });
  it('marks a report online by its URL or its medium, and prints the pack record as a report', () => {
    const printed = { ...report, URL: undefined };
    assert.equal(formatReference(printed, 'gbt7714-2025'), '中研產業研究院. 2026-2030年金融科技產業現狀及未來發展趨勢分析報告[R]. 深圳：中研普華，2026.');
    assert.match(formatReference({ ...printed, medium: 'online' }, 'gbt7714-2025'), /報告\[R\/OL\]/);
  });
  it('writes 节 for a Simplified entry and sec. for a Western one', () => {
    const simp = { ...chen, volume: undefined };
    assert.match(formatReference(simp, 'gbt7714-2025', { locator: { label: 'section', value: '2' } }), /2000：第 2 节\.$/);
    assert.match(formatReference(who, 'gbt7714-2015', { locator: { label: 'paragraph', value: '4' } }), /1970: para\. 4\.$/);
  });
  it('prints the access date of a network item and a DOI absent from its URL', () => {
    const online = { ...yang, URL: 'https://example.org/a', accessed: year(2024, 3, 5), DOI: '10.1000/x1' };
    assert.equal(
      formatReference(online, 'gbt7714-2015'),
      '杨宗英. 电子图书馆的现实模型[J/OL]. 中国图书馆学报, 1996(2): 24-29[2024-03-05]. https://example.org/a. DOI:10.1000/x1.',
    );
    const withDoiInUrl = { ...online, URL: 'https://doi.org/10.1000/x1' };
    assert.ok(!formatReference(withDoiInUrl, 'gbt7714-2015').includes('DOI:'));
  });
  it('fills missing place and publisher of printed books, not of online ones', () => {
    const noPlace = { ...chen, 'publisher-place': undefined, volume: undefined };
    assert.equal(formatReference(noPlace, 'gbt7714-2015'), '陈登原. 国史旧闻[M]. [出版地不详]: 中华书局, 2000.');
    const western = { ...who, type: 'book', publisher: undefined };
    assert.equal(formatReference(western, 'gbt7714-2015'), 'World Health Organization. Factors regulating the immune response: report of WHO Scientific Group[M]. Geneva: [s.n.], 1970.');
  });
  it('formats chapters with // and their editors', () => {
    const chapter: CslItem = {
      id: 'ch',
      type: 'chapter',
      author: [{ literal: '程根伟' }],
      title: '1998年长江洪水的成因与减灾对策',
      editor: [{ literal: '许厚泽' }, { literal: '赵其国' }],
      'container-title': '长江流域洪涝灾害与科技对策',
      'publisher-place': '北京',
      publisher: '科学出版社',
      issued: year(1999),
      page: '32-36',
    };
    assert.equal(
      formatReference(chapter, 'gbt7714-2025'),
      '程根伟. 1998年长江洪水的成因与减灾对策[M]//许厚泽，赵其国. 长江流域洪涝灾害与科技对策. 北京：科学出版社，1999：32-36.',
    );
  });
  it('formats theses, standards and editions', () => {
    const thesis: CslItem = {
      id: 't',
      type: 'thesis',
      author: [{ literal: '刘乃安' }],
      title: '生物质材料热解失重动力学及其分析方法研究',
      'publisher-place': '合肥',
      publisher: '中国科学技术大学',
      issued: year(2000),
      page: '17-18',
    };
    assert.equal(formatGbt7714(thesis, '2025'), '刘乃安. 生物质材料热解失重动力学及其分析方法研究[D]. 合肥：中国科学技术大学，2000：17-18.');
    const std: CslItem = {
      id: 's',
      type: 'standard',
      author: [{ literal: '国家市场监督管理总局' }],
      title: '信息与文献 参考文献著录规则',
      number: 'GB/T 7714—2025',
      'publisher-place': '北京',
      publisher: '中国标准出版社',
      issued: year(2025),
    };
    assert.equal(formatGbt7714(std, '2025'), 'GB/T 7714—2025 信息与文献 参考文献著录规则[S].');
    assert.equal(
      formatGbt7714(std, '2015'),
      '国家市场监督管理总局. 信息与文献 参考文献著录规则: GB/T 7714—2025[S]. 北京: 中国标准出版社, 2025.',
    );
    assert.equal(formatGbt7714({ ...chen, volume: undefined, edition: 3 }, '2015'), '陈登原. 国史旧闻[M]. 3 版. 北京: 中华书局, 2000.');
    assert.equal(formatGbt7714({ ...who, type: 'book', edition: '2' }, '2015'), 'World Health Organization. Factors regulating the immune response: report of WHO Scientific Group[M]. 2nd ed. Geneva: WHO, 1970.');
  });
  it('writes names family-first with initials', () => {
    assert.equal(gbtName({ family: 'Smith', given: 'John Adam' }), 'Smith J A');
    // 2025 keeps the hyphen of a hyphenated given name (7.1.1: Godard J-L); 2015 drops it.
    assert.equal(gbtName({ family: 'Godard', given: 'Jean-Luc' }), 'Godard J-L');
    assert.equal(gbtName({ family: 'Godard', given: 'Jean-Luc' }, { edition: '2015' }), 'GODARD J L');
    assert.equal(gbtName({ family: '陈', given: '登原' }), '陈登原');
    assert.equal(gbtName({ family: '昂温', given: 'G.' }), '昂温 G');
    assert.equal(gbtName({ literal: 'Stanford University. Department of Civil Engineering' }), 'Stanford University. Department of Civil Engineering');
    // A given name the record keeps whole (BibTeX `{\relax Jiangning}`): GB/T 7714—2015 8.1.1, `LI Jiangning`.
    const whole = { family: 'Li', given: 'Jiangning', initialize: false } as CslName;
    assert.equal(gbtName(whole, { edition: '2015' }), 'LI Jiangning');
    assert.equal(gbtName({ family: 'Li', given: 'Jiangning' }, { edition: '2015' }), 'LI J');
  });
  it('builds the author-year head as names and year, marking what it supplies for a missing one', () => {
    const anon: CslItem = { id: 'a', type: 'book', title: 'Gases in sea ice', 'publisher-place': 'Cambridge, Eng.', language: 'en' };
    const head = gbtElements(anon, '2025', { system: 'authoryear' }).slice(0, 2);
    assert.deepEqual(head, [
      { name: 'names', text: 'Anon', placeholder: true },
      { name: 'year', text: 'n.d.', join: '，', placeholder: true },
    ]);
    assert.equal(formatGbt7714(anon, '2025', { system: 'authoryear' }), 'Anon，n.d. Gases in sea ice[M]. Cambridge，Eng.');
    const dated = gbtElements({ ...chen, volume: undefined }, '2015', { system: 'authoryear' });
    assert.deepEqual(dated.slice(0, 2), [
      { name: 'names', text: '陈登原' },
      { name: 'year', text: '2000', join: ', ' },
    ]);
    assert.equal(gbtElements({ ...chen, volume: undefined }, '2015').filter((e) => e.name === 'year').length, 0);
  });
  it('gives the place and the publisher of an imprint as parts of the publication element', () => {
    const placeOnly: CslItem = { id: 'p', type: 'book', title: 'x', 'publisher-place': 'Cambridge, Mass.', language: 'en' };
    const pub = (item: CslItem, edition: '2025' | '2015') => gbtElements(item, edition).find((e) => e.name === 'publication');
    // 2015 marks the missing publisher (8.4.2.3) in the element; the place alone is its part.
    assert.deepEqual(pub(placeOnly, '2015'), {
      name: 'publication',
      text: 'Cambridge, Mass.: [s.n.]',
      parts: { place: 'Cambridge, Mass.', publisher: '[s.n.]' },
    });
    assert.deepEqual(pub(placeOnly, '2025'), { name: 'publication', text: 'Cambridge，Mass.', parts: { place: 'Cambridge，Mass.' } });
    const article = gbtElements({ ...yang }, '2015').find((e) => e.name === 'publication');
    assert.equal(article?.parts, undefined);
  });
  it('maps CSL types to document type codes', () => {
    const code = (type: string) => gbtTypeCode({ id: 'x', type });
    assert.deepEqual(
      ['book', 'article-journal', 'report', 'webpage', 'thesis', 'standard', 'paper-conference', 'article-newspaper', 'dataset', 'article', 'motion_picture'].map(code),
      ['M', 'J', 'R', 'EB', 'D', 'S', 'C', 'N', 'DS', 'PP', 'Z'],
    );
  });
});

describe('APA 7 (citation-js with the APA CSL style)', () => {
  const apaReport: CslItem = { ...report, genre: 'Report', URL: undefined, 'publisher-place': undefined };

  it('writes author-date text for several sources, each with its locator', () => {
    const article: CslItem = {
      id: 'smith2020',
      type: 'article-journal',
      author: [
        { family: 'Smith', given: 'John Adam' },
        { family: 'Doe', given: 'Jane' },
      ],
      title: 'Open banking and credit access',
      'container-title': 'Journal of Financial Technology',
      volume: 12,
      issue: 3,
      page: '45-67',
      issued: year(2020, 5, 1),
      DOI: '10.1000/xyz',
    };
    assert.equal(
      formatInlineCitation([{ item: apaReport, locator: { label: 'section', value: '1.3' } }, { item: article, locator: { label: 'page', value: '50' } }], 'apa7'),
      '(Smith & Doe, 2020, p. 50; 中研產業研究院, 2026, sec. 1.3)',
    );
  });
  it('writes author-date text for the inline syntax', () => {
    assert.equal(formatInlineCitation([{ item: apaReport, locator: { label: 'section', value: '1.3' } }], 'apa7'), '(中研產業研究院, 2026, sec. 1.3)');
    assert.equal(formatInlineCitation([{ item: report }], 'gbt7714-2025'), '（中研產業研究院，2026）');
    assert.equal(formatInlineCitation([{ item: report }], 'gbt7714-2015'), '(中研產業研究院, 2026)');
    assert.equal(
      formatInlineCitation([{ item: report, locator: { label: 'page', value: '12' } }, { item: yu }], 'gbt7714-2025'),
      '（中研產業研究院，2026：12；于潇等，2012）',
    );
    assert.equal(formatInlineCitation([{ item: who }], 'gbt7714-2025'), '（World Health Organization，1970）');
    // 2015 writes Western family names in capitals in the text too; Korean entries take Western words.
    const crane: CslItem = { id: 'c', type: 'book', author: [{ family: 'Crane', given: 'Diana' }], title: 'Invisible colleges', issued: year(1972) };
    assert.equal(formatInlineCitation([{ item: crane }], 'gbt7714-2015'), '(CRANE, 1972)');
    const korean: CslItem = { id: 'k', type: 'book', author: [{ literal: '김세훈' }, { literal: '이병목' }], title: '도서관', language: 'ko' };
    assert.equal(formatInlineCitation([{ item: korean }], 'gbt7714-2025'), '（김세훈 et al.，n.d.）');
  });
});

describe('footnote text and Pandoc locators', () => {
  it('joins references of several sources', () => {
    assert.equal(
      formatFootnoteText([{ item: chen, locator: { label: 'page', value: '29' } }, { item: who }], 'gbt7714-2015'),
      '陈登原. 国史旧闻: 第 1 卷[M]. 北京: 中华书局, 2000: 29. World Health Organization. Factors regulating the immune response: report of WHO Scientific Group[R]. Geneva: WHO, 1970.',
    );
  });
  it('writes Pandoc locator terms', () => {
    assert.equal(pandocLocator({ label: 'section', value: '1.3' }), 'sec. 1.3');
    assert.equal(pandocLocator({ label: 'page', value: '29' }), 'p. 29');
    assert.equal(pandocLocator({ label: 'page', value: '24-29' }), 'pp. 24-29');
    assert.equal(pandocLocator({ label: 'paragraph', value: '3' }), 'para. 3');
  });
});
