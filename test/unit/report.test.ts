import { strict as assert } from 'node:assert';
import { parseReport, detectReportFormat, passageAt, sectionPath, type ParsedReport } from '../../src/core/report';
import { markdownReport, plainReport, PARAGRAPHS, seedReport } from './helpers/fixtures';

/** The introduction, both parts and their sections, as `id|kind|level|title`. */
const PARTS_AND_SECTIONS = [
  'intro|intro|1|',
  '1|part|1|金融科技行業發展現狀分析',
  '1.1|section|2|核心技術體系:從單點突破到融合應用',
  '1.2|section|2|市場格局:多元主體協同與分化競爭',
  '1.3|section|2|監管與合規:從被動應對到主動治理',
  '2|part|1|金融科技行業未來發展趨勢預測',
  '2.1|section|2|技術融合深化:全鏈條重構金融服務邏輯',
  '2.2|section|2|普惠金融升級:從“覆蓋廣度”到“服務深度”',
  '2.3|section|2|生態立體化與全球化競爭',
];

function outline(r: ParsedReport): string[] {
  return r.sections.map((s) => `${s.id}|${s.kind}|${s.level}|${s.title}`);
}

function passageTexts(r: ParsedReport, text: string): string[] {
  return r.passages.map((p) => text.slice(p.range.start, p.range.end));
}

describe('report parser: plain text shaped like the seed', () => {
  const text = plainReport();
  const r = parseReport(text, { fileName: 'report.txt' });

  it('finds the introduction, two parts with three numbered sections each, and the conclusion', () => {
    assert.equal(r.format, 'plaintext');
    assert.deepEqual(outline(r), [...PARTS_AND_SECTIONS, 'conclusion|conclusion|1|']);
  });

  it('keeps the parent links and passage ids', () => {
    assert.equal(r.sections.find((s) => s.id === '1.3')!.parentId, '1');
    assert.deepEqual(r.sections.find((s) => s.id === '1')!.childIds, ['1.1', '1.2', '1.3']);
    assert.deepEqual(r.sections.find((s) => s.id === '1.3')!.passageIds, ['1.3#1', '1.3#2']);
    assert.deepEqual(sectionPath(r, '2.2').map((s) => s.id), ['2', '2.2']);
  });

  it('gives passages exact ranges', () => {
    assert.deepEqual(passageTexts(r, text), [
      PARAGRAPHS.intro,
      ...PARAGRAPHS.body.flat(),
      ...PARAGRAPHS.body2.flat(),
      ...PARAGRAPHS.conclusion,
    ]);
  });

  it('moves the paragraphs past the last section into the conclusion', () => {
    const c = r.sections.find((s) => s.id === 'conclusion')!;
    assert.equal(c.passageIds.length, 3);
    assert.deepEqual(r.sections.find((s) => s.id === '2.3')!.passageIds, ['2.3#1']);
  });

  it('leaves trailing footer labels out as residue, not sections', () => {
    assert.deepEqual(r.residue.map((x) => text.slice(x.start, x.end)), ['研究院服務號', '中研網訂閱號']);
    assert.ok(!r.sections.some((s) => s.title.includes('訂閱號')));
    assert.ok(!r.passages.some((p) => text.slice(p.range.start, p.range.end).includes('服務號')));
  });

  it('finds the passage at an offset', () => {
    const p = r.passages[3];
    assert.equal(passageAt(r, p.range.start + 2)?.id, p.id);
    assert.equal(passageAt(r, r.sections[1].headingRange!.start), undefined);
  });
});

describe('report parser: exact ranges whatever the line endings', () => {
  const lf = plainReport();
  const base = parseReport(lf, { fileName: 'r.txt' });
  const cases: Array<[string, string]> = [
    ['CRLF', plainReport({ eol: '\r\n' })],
    ['BOM', plainReport({ bom: true })],
    ['BOM + CRLF', plainReport({ bom: true, eol: '\r\n' })],
    ['CR only', plainReport({ eol: '\r' })],
    ['mixed', lf.split('\n').map((l, i) => l + (i % 3 === 0 ? '\r\n' : i % 3 === 1 ? '\n' : '\r')).join('')],
  ];
  for (const [name, text] of cases) {
    it(`${name}: same outline and the same passage texts`, () => {
      const r = parseReport(text, { fileName: 'r.txt' });
      assert.deepEqual(outline(r), outline(base));
      assert.deepEqual(passageTexts(r, text), passageTexts(base, lf));
      for (const s of r.sections) {
        if (s.headingRange) assert.ok(text.slice(s.headingRange.start, s.headingRange.end).endsWith(s.title), s.id);
      }
    });
  }

  it('astral characters and full-width punctuation before a passage keep offsets exact', () => {
    const text = '𠮷𠮷引言段落：含有全角標點（測試）。\n金融科技行業發展現狀分析\n1. 核心技術：一\n𝒜 段落一 🎉。\n2. 市場格局\n段落二。\n3. 監管\n段落三。';
    const r = parseReport(text, { fileName: 'r.txt' });
    assert.deepEqual(passageTexts(r, text), ['𠮷𠮷引言段落：含有全角標點（測試）。', '𝒜 段落一 🎉。', '段落二。', '段落三。']);
    assert.equal(r.sections.find((s) => s.id === '1.1')!.title, '核心技術：一');
  });
});

describe('report parser: other plain-text shapes', () => {
  it('joins hard-wrapped lines into one paragraph when paragraphs are blank-line separated', () => {
    const text = 'Part One\n\n1. Scope\n\nfirst line of a paragraph\nsecond line of it.\n\nanother paragraph.\n\n2. Method\n\ntext.\n';
    const r = parseReport(text, { fileName: 'a.txt' });
    assert.deepEqual(passageTexts(r, text), ['first line of a paragraph\nsecond line of it.', 'another paragraph.', 'text.']);
    assert.deepEqual(outline(r), ['1|part|1|Part One', '1.1|section|2|Scope', '1.2|section|2|Method']);
  });

  it('reads Chinese ordinal headings as parts', () => {
    const text = '一、總體情況\n1. 規模\n段落。\n二、未來展望\n1. 方向\n段落。';
    const r = parseReport(text, { fileName: 'a.txt' });
    assert.deepEqual(outline(r).map((x) => x.split('|').slice(0, 2).join('|')), ['1|part', '1.1|section', '2|part', '2.1|section']);
  });

  it('does not take a numbered sentence for a heading', () => {
    const text = '引言。\n1. 這是一個很長的句子,它以句號結尾,所以不是標題。\n2. 另一句。';
    const r = parseReport(text, { fileName: 'a.txt' });
    assert.equal(r.sections.filter((s) => s.kind === 'section').length, 0);
    assert.equal(r.passages.length, 3);
  });

  it('survives empty and blank input', () => {
    assert.equal(parseReport('', { fileName: 'a.txt' }).passages.length, 0);
    assert.equal(parseReport('\n\n  \n', { fileName: 'a.txt' }).sections.length, 0);
    assert.equal(parseReport('', { fileName: 'a.md' }).sections.length, 0);
  });
});

describe('report parser: Markdown', () => {
  const text = markdownReport();
  const r = parseReport(text, { fileName: 'report.md' });

  it('takes a lone H1 as the title and numbers the headings below it', () => {
    assert.equal(r.format, 'markdown');
    assert.equal(r.title, '2026-2030年金融科技產業現狀及未來發展趨勢分析報告');
    assert.deepEqual(outline(r), [...PARTS_AND_SECTIONS, 'conclusion|conclusion|1|結語']);
  });

  it('gives exact ranges with CRLF and a BOM', () => {
    const crlf = '\uFEFF' + markdownReport('\r\n');
    const r2 = parseReport(crlf, { fileName: 'report.md' });
    assert.deepEqual(outline(r2), outline(r));
    assert.deepEqual(passageTexts(r2, crlf), passageTexts(r, text));
    const h = r2.sections.find((s) => s.id === '1.1')!.headingRange!;
    assert.equal(crlf.slice(h.start, h.end), '### 1. 核心技術體系:從單點突破到融合應用');
  });

  it('ignores front matter and finds paragraphs inside lists and quotes', () => {
    const md = '---\ntitle: x\n---\n\n## A\n\n- item one\n- item two\n\n> quoted words\n\n```\n# not a heading\n```\n';
    const r3 = parseReport(md, { fileName: 'x.md' });
    assert.deepEqual(outline(r3), ['1|part|1|A']);
    assert.deepEqual(passageTexts(r3, md), ['item one', 'item two', 'quoted words']);
  });

  it('keeps explicit numbering such as "2.3 Title"', () => {
    const md = '## 2 Outlook\n\ntext\n\n### 2.3 Competition\n\nmore\n';
    assert.deepEqual(outline(parseReport(md, { fileName: 'x.md' })), ['2|part|1|Outlook', '2.3|section|2|Competition']);
  });

  it('detects the format from the file name or the content', () => {
    assert.equal(detectReportFormat('# Title', undefined), 'markdown');
    assert.equal(detectReportFormat('1. 標題\n段落', undefined), 'plaintext');
    assert.equal(detectReportFormat('# x', 'a.txt'), 'plaintext');
  });
});

describe('report parser: the seed report (when present)', function () {
  const seed = seedReport();
  it('gives two parts with three numbered sections each, an introduction and a conclusion', function () {
    if (!seed) this.skip();
    const r = parseReport(seed!, { fileName: 'fintech-report-2026.txt' });
    assert.deepEqual(r.sections.map((s) => s.id), ['intro', '1', '1.1', '1.2', '1.3', '2', '2.1', '2.2', '2.3', 'conclusion']);
    assert.equal(r.residue.length, 2);
    for (const p of r.passages) assert.ok(p.range.end - p.range.start > 20);
  });
});
