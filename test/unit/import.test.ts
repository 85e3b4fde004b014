import { strict as assert } from 'node:assert';
import * as fs from 'fs';
import * as path from 'path';
import fc from 'fast-check';
import { convertReport, importTargetName, importFormatOf, joinBroken, matchNumberedHeading, type ImportOutcome } from '../../src/core/import';
import { parseReport, parseMarkdownTree } from '../../src/core/report';
import { importBytes } from '../../src/host/import/readers';
import { layoutPdf, pageLines, type PdfTextItem } from '../../src/core/import/pdf';
import { PART_TITLES, SECTION_TITLES, plainReport, seedReport } from './helpers/fixtures';
import { FIXTURE_REPORT, fixtureParagraphs, makeDocx, makeHtml, makeImageOnlyPdf, makePdf } from '../helpers/importFixtures';

function ok(o: ImportOutcome): Extract<ImportOutcome, { ok: true }> {
  assert.ok(o.ok, o.ok ? '' : o.failure.message);
  return o;
}

/** Headings (level and text) and paragraphs of a Markdown copy, in order, as the report parser sees them. */
function structure(markdown: string): { title?: string; headings: string[]; paragraphs: string[] } {
  const parsed = parseReport(markdown, { format: 'markdown' });
  return {
    title: parsed.title,
    headings: parsed.sections.filter((s) => s.headingRange).map((s) => `${s.level} ${markdown.slice(s.headingRange!.start, s.headingRange!.end).replace(/^#+\s*/, '')}`),
    paragraphs: parsed.passages.map((p) => markdown.slice(p.range.start, p.range.end)),
  };
}

const FIXTURE_HEADINGS = FIXTURE_REPORT.sections.map((s) => `${s.level} ${s.heading}`);

describe('report import', () => {
  describe('plain text and HTML fixtures (one case per folder)', () => {
    const root = path.resolve('test/fixtures/import');
    for (const dir of fs.readdirSync(root)) {
      it(dir, () => {
        const input = fs.readdirSync(path.join(root, dir)).find((f) => f.startsWith('input.'))!;
        const text = fs.readFileSync(path.join(root, dir, input), 'utf8');
        const out = ok(convertReport({ format: importFormatOf(input)! as 'plaintext' | 'html', fileName: input, text }));
        assert.equal(out.markdown, fs.readFileSync(path.join(root, dir, 'expected.md'), 'utf8'));
      });
    }
  });

  describe('plain text', () => {
    it('turns the seed report shape into parts and numbered sections with the same ids', () => {
      const text = plainReport();
      const out = ok(convertReport({ format: 'plaintext', fileName: 'report.txt', text }));
      const md = parseReport(out.markdown, { format: 'markdown' });
      const plain = parseReport(text, { format: 'plaintext' });
      const titled = (r: typeof md): string[] => r.sections.filter((s) => s.kind === 'part' || s.kind === 'section').map((s) => `${s.id} ${s.title}`);
      assert.deepEqual(titled(md), titled(plain));
      assert.deepEqual(md.sections.filter((s) => s.kind === 'part').map((s) => s.title), PART_TITLES);
      assert.deepEqual(md.sections.filter((s) => s.kind === 'section').map((s) => s.title), SECTION_TITLES.flat());
      assert.ok(!out.markdown.includes('研究院服務號'), 'web-page residue is dropped');
    });

    it('imports the seed report when it is present', function () {
      const seed = seedReport();
      if (!seed) return this.skip();
      const out = ok(convertReport({ format: 'plaintext', fileName: 'fintech-report-2026.txt', text: seed }));
      const ids = parseReport(out.markdown, { format: 'markdown' }).sections.map((s) => s.id);
      for (const id of ['1', '1.1', '1.2', '1.3', '2', '2.1', '2.2', '2.3']) assert.ok(ids.includes(id), `${id} in ${ids.join()}`);
    });

    it('handles CRLF, a BOM and legacy Markdown-looking lines without making headings or HTML of them', () => {
      const text = '\uFEFF一、概况\r\n# 不是标题的行，以井号开头。\r\n<script>alert(1)</script>\r\n1. 这是一句很长的正文，不是标题，因为它以句号结尾。\r\n';
      const out = ok(convertReport({ format: 'plaintext', fileName: 'a.txt', text }));
      const s = structure(out.markdown);
      assert.deepEqual(s.headings, ['1 一、概况']);
      assert.equal(s.paragraphs.length, 3);
      assert.ok(!/<script>/.test(out.markdown));
    });
  });

  describe('headings and joins', () => {
    it('recognises the numbering styles and leaves sentences alone', () => {
      assert.equal(matchNumberedHeading('第三章 行业趋势')?.style, 'chapter');
      assert.equal(matchNumberedHeading('二、发展趋势')?.style, 'cn');
      assert.equal(matchNumberedHeading('（三）监管环境')?.style, 'cnParen');
      assert.equal(matchNumberedHeading('2.3 Outlook')?.depth, 2);
      assert.equal(matchNumberedHeading('(2) 数据治理')?.style, 'arabicParen');
      assert.equal(matchNumberedHeading('1. 这是一句完整的句子，说明了一个事实。'), undefined);
      assert.equal(matchNumberedHeading('2025年市场规模'), undefined);
      assert.equal(matchNumberedHeading('（一）规模扩大。正文从这里开始。')?.runIn, '正文从这里开始。');
    });

    it('joins broken lines without spaces in Chinese and with them in English', () => {
      assert.equal(joinBroken('中国的即时支付', '系统发展迅速'), '中国的即时支付系统发展迅速');
      assert.equal(joinBroken('instant', 'transfers'), 'instant transfers');
      assert.equal(joinBroken('regu-', 'lation'), 'regulation');
      assert.equal(joinBroken('采用API', '接口'), '采用API接口');
    });

    it('names the copy beside the source', () => {
      assert.equal(importTargetName('reports/a.pdf'), 'reports/a.md');
      assert.equal(importTargetName('a.md'), 'a.imported.md');
      assert.equal(importFormatOf('x.bin', new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d])), 'pdf');
      assert.equal(importFormatOf('x.bin', new Uint8Array([1, 2, 3, 4, 5])), undefined);
    });
  });

  describe('HTML (a saved web page)', () => {
    it('keeps the article: headings and paragraphs in order, no navigation, side bar, footer or script', () => {
      const out = ok(convertReport({ format: 'html', fileName: 'page.html', text: makeHtml() }));
      const s = structure(out.markdown);
      assert.equal(s.title, FIXTURE_REPORT.title);
      assert.deepEqual(s.headings, FIXTURE_HEADINGS);
      assert.deepEqual(s.paragraphs, fixtureParagraphs().map((p) => p.replace(/[\\`*_[\]<>|~]/g, '\\$&')));
      for (const junk of ['示例研究网首页', '行业报告', '热门文章', '侧栏推荐', '版权所有', '站点统计', '分享到']) assert.ok(!out.markdown.includes(junk), junk);
      assert.deepEqual(out.metadata, { title: FIXTURE_REPORT.title, author: FIXTURE_REPORT.author, publisher: '示例研究网', year: 2026, url: 'https://research.example.org/insurtech-2026' });
    });
  });

  describe('Word (.docx)', () => {
    it('takes headings from the styles, the title from the Title style and the metadata from the core properties', async () => {
      const out = ok(await importBytes('report.docx', await makeDocx()));
      const s = structure(out.markdown);
      assert.equal(s.title, FIXTURE_REPORT.title);
      assert.deepEqual(s.headings, FIXTURE_HEADINGS);
      assert.deepEqual(s.paragraphs, fixtureParagraphs());
      assert.equal(out.metadata.author, FIXTURE_REPORT.author);
    });

    it('says a damaged Word file is damaged', async () => {
      const out = await importBytes('broken.docx', new Uint8Array([0x50, 0x4b, 3, 4, 9, 9, 9, 9]));
      assert.ok(!out.ok);
      assert.equal(out.failure.code, 'import.corrupt');
    });
  });

  describe('PDF', function () {
    this.timeout(60000);

    it('finds headings by size, drops the running header and page numbers, and re-joins wrapped lines across pages', async () => {
      const out = ok(await importBytes('report.pdf', await makePdf({ pages: 3 })));
      const s = structure(out.markdown);
      assert.equal(s.title, FIXTURE_REPORT.title);
      const n = FIXTURE_HEADINGS.length;
      assert.deepEqual(s.headings.slice(0, n), FIXTURE_HEADINGS);
      assert.equal(s.headings.length % n, 0, s.headings.join('\n'));
      const rounds = s.headings.length / n;
      assert.ok(rounds >= 3, `${rounds} repetitions`);
      // Every paragraph comes back whole and in order, even when a page break cut it.
      assert.deepEqual(s.paragraphs, Array.from({ length: rounds }, () => fixtureParagraphs()).flat());
      assert.ok(!/第 \d+ 页/.test(out.markdown), 'page numbers are dropped');
      assert.ok(!out.markdown.includes(`${FIXTURE_REPORT.title} · `), 'the running header is dropped');
      assert.equal(out.metadata.author, FIXTURE_REPORT.author);
      assert.equal(out.metadata.year, 2026);
    });

    it('keeps superscripts and subscripts (citation numbers, footnote marks) in their line, in reading order', () => {
      const item = (str: string, x: number, y: number, size = 11): PdfTextItem => ({ str, x, y, width: str.length * size, size, font: 'f' });
      const lines = pageLines({
        width: 595,
        height: 842,
        items: [
          // A line with raised citation numbers (as a browser's <sup> prints them), set in the same size or smaller.
          item('开放银行发展迅速', 62, 703.3), item('[1]12', 150, 708.6, 10.7), item('，风险也值得关注', 175, 703.3), item('[2]', 262, 709, 8), item('。', 286, 703.3),
          // A formula with a subscript below the baseline.
          item('CO', 62, 680), item('2', 84, 677, 7), item(' 排放', 90, 680),
          // A separate line in a smaller font one line below: not a script.
          item('注：单位为亿元', 62, 660, 9),
        ],
      }, 1);
      assert.deepEqual(lines.map((l) => l.text), ['开放银行发展迅速[1]12，风险也值得关注[2]。', 'CO2 排放', '注：单位为亿元']);
      assert.deepEqual(lines.map((l) => l.size), [11, 11, 9]);
    });

    it('joins the lines of a hanging-indent entry (a reference list) and still starts a paragraph at a first-line indent', () => {
      const size = 11;
      const line = (str: string, x: number, y: number, width = 470 - (x - 62)): PdfTextItem => ({ str, x, y, width, size, font: 'f' });
      const out = layoutPdf({
        fileName: 'list.pdf',
        pages: [{
          width: 595,
          height: 842,
          items: [
            line('第一段的第一行从缩进处开始，一直写到右边距为止，并没有在这里结束，', 84, 760),
            line('而是接着写到第二行，第二行也写满了整整一行文字，仍然没有写完这一句，', 62, 744),
            line('直到第三行才结束。', 62, 728, 99),
            line('第二段同样从首行缩进开始，写满一行，还没有结束这一个句子，继续写下去，', 84, 712),
            line('然后在这里结束。', 62, 696, 88),
            line('[1] 中研产业研究院. 2026-2030年金融科技产业现状及未来发展趋势分析报告[R]. 深圳：中研普', 62, 664),
            line('华，2026.', 89.5, 648, 50),
            line('[2] Smith J. Open banking in practice[M]. London: Harbour Press, 2020.', 62, 632, 360),
          ],
        }],
      });
      assert.deepEqual(out.blocks.map((b) => ('text' in b ? b.text : b.type)), [
        '第一段的第一行从缩进处开始，一直写到右边距为止，并没有在这里结束，而是接着写到第二行，第二行也写满了整整一行文字，仍然没有写完这一句，直到第三行才结束。',
        '第二段同样从首行缩进开始，写满一行，还没有结束这一个句子，继续写下去，然后在这里结束。',
        '[1] 中研产业研究院. 2026-2030年金融科技产业现状及未来发展趋势分析报告[R]. 深圳：中研普华，2026.',
        '[2] Smith J. Open banking in practice[M]. London: Harbour Press, 2020.',
      ]);
    });

    it('refuses an encrypted PDF, a scan without text and a damaged file, each with its reason', async () => {
      const encrypted = await importBytes('locked.pdf', await makePdf({ userPassword: 'secret' }));
      assert.equal(!encrypted.ok && encrypted.failure.code, 'import.encrypted');
      const scanned = await importBytes('scan.pdf', await makeImageOnlyPdf());
      assert.equal(!scanned.ok && scanned.failure.code, 'import.scanned');
      const broken = await importBytes('broken.pdf', new TextEncoder().encode('%PDF-1.7\nnot really a pdf'));
      assert.equal(!broken.ok && broken.failure.code, 'import.corrupt');
      const other = await importBytes('sheet.xlsx', new Uint8Array([1, 2, 3]));
      assert.equal(!other.ok && other.failure.code, 'import.unsupported');
    });
  });

  describe('untrusted input', () => {
    const piece = fc.constantFrom('一、', '（一）', '1. ', '# ', '<b>', '</p>', '<script>', '`', '*', '[x](javascript:1)', '\n', '\n\n', '。', '，', '金融', 'Fintech', ' ', '\r\n', '\uFEFF', '|');
    const text = fc.array(piece, { maxLength: 60 }).map((a) => a.join(''));

    it('never throws, and the copy holds no raw HTML and no more headings than it reports', function () {
      this.timeout(20000);
      fc.assert(
        fc.property(text, fc.constantFrom('plaintext' as const, 'html' as const), (t, format) => {
          const out = convertReport({ format, fileName: `x.${format === 'html' ? 'html' : 'txt'}`, text: t });
          if (!out.ok) return;
          const tree = parseMarkdownTree(out.markdown);
          let html = 0;
          let headings = 0;
          const walk = (n: { type: string; children?: unknown[] }): void => {
            if (n.type === 'html') html++;
            if (n.type === 'heading') headings++;
            for (const c of n.children ?? []) walk(c as typeof n);
          };
          walk(tree);
          assert.equal(html, 0, out.markdown);
          assert.equal(headings, out.headings + 1, out.markdown); // + the title
        }),
        { seed: 12, numRuns: 150 },
      );
    });
  });
});
