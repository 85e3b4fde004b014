/**
 * Report files made with each format's own tools, for the import tests and the bench:
 * a Word file written by the `docx` package, PDFs written by `pdfkit` with an embedded CJK
 * font (running header, page-number footer, wrapped paragraphs, an encrypted and an
 * image-only variant) and a saved web page with navigation and footers around the article.
 * The text is synthetic (written for the tests).
 */
import * as fs from 'fs';
import { Document, HeadingLevel, Packer, Paragraph, TextRun } from 'docx';
import PDFDocument from 'pdfkit';

export interface FixtureSection {
  heading: string;
  level: 1 | 2;
  paragraphs: string[];
}

export interface FixtureReport {
  title: string;
  author: string;
  year: number;
  sections: FixtureSection[];
}

const P = {
  a: '保险科技是指运用人工智能、大数据和区块链等技术改造保险产品设计、销售、核保和理赔的创新活动。头部保险公司把科技投入集中在智能核保和智能理赔两个环节，互联网保险平台则依托流量优势拓展场景。',
  b: '智能核保，即依靠规则引擎和机器学习模型自动完成风险评估与承保决策的核保方式，能够把简单件的核保时间从数天缩短到数分钟，也让中小保险公司能以较低成本完成数字化转型。',
  c: 'Open banking lets a bank share account data with licensed third parties through an application programming interface, with the customer’s consent, so that payments and lending can be embedded in other services.',
  d: '开放银行是指商业银行通过应用程序编程接口（API）在客户授权的前提下与第三方机构共享数据和服务的业务模式。隐私计算让多家机构在数据不出域的情况下联合建模，联邦学习已用于联合风控。',
  e: '数据孤岛依然突出，中小银行的科技投入不足。建议监管部门推动隐私计算标准建设，统一数据分级分类规则，为数据共享提供制度保障。',
};

/** A small report: two parts with sub-sections, Chinese and English paragraphs. */
export const FIXTURE_REPORT: FixtureReport = {
  title: '保险科技与开放银行测试报告',
  author: '华东金融数字化研究中心',
  year: 2026,
  sections: [
    { heading: '一、保险科技发展现状', level: 1, paragraphs: [P.a] },
    { heading: '（一）核心技术应用', level: 2, paragraphs: [P.b, P.c] },
    { heading: '二、开放银行发展现状', level: 1, paragraphs: [P.d] },
    { heading: '（一）主要挑战', level: 2, paragraphs: [P.e] },
  ],
};

/** The paragraphs of the fixture in reading order (what an import must keep, in order). */
export function fixtureParagraphs(r: FixtureReport = FIXTURE_REPORT): string[] {
  return r.sections.flatMap((s) => s.paragraphs);
}

export async function makeDocx(r: FixtureReport = FIXTURE_REPORT): Promise<Uint8Array> {
  const children: Paragraph[] = [new Paragraph({ text: r.title, heading: HeadingLevel.TITLE })];
  for (const s of r.sections) {
    children.push(new Paragraph({ text: s.heading, heading: s.level === 1 ? HeadingLevel.HEADING_1 : HeadingLevel.HEADING_2 }));
    for (const p of s.paragraphs) children.push(new Paragraph({ children: [new TextRun(p)] }));
  }
  const doc = new Document({ title: r.title, creator: r.author, sections: [{ children }] });
  return new Uint8Array(await Packer.toBuffer(doc));
}

const FONT_CANDIDATES = [
  ['/usr/share/fonts/truetype/wqy/wqy-microhei.ttc', 'WenQuanYiMicroHei'],
  ['/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', 'NotoSansCJKsc-Regular'],
  ['/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc', 'WenQuanYiZenHei'],
];

/** An installed CJK font (test/setup-fonts.sh installs fonts-wqy-microhei). */
export function cjkFont(): { path: string; family: string } {
  for (const [path, family] of FONT_CANDIDATES) if (fs.existsSync(path)) return { path, family };
  throw new Error('No CJK font for the PDF fixtures: run test/setup-fonts.sh (installs Debian fonts-wqy-microhei).');
}

export interface PdfOptions {
  /** Repeat the sections until the PDF has at least this many pages. */
  pages?: number;
  userPassword?: string;
  /** Sections to repeat (the fixture's by default). */
  report?: FixtureReport;
}

function collect(doc: PDFDocument): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  return new Promise((resolve, reject) => {
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on('error', reject);
    doc.end();
  });
}

/** A text PDF with a running header and a page-number footer on every page. */
export function makePdf(o: PdfOptions = {}): Promise<Uint8Array> {
  const r = o.report ?? FIXTURE_REPORT;
  const font = cjkFont();
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 72, bottom: 72, left: 72, right: 72 },
    bufferPages: true,
    info: { Title: r.title, Author: r.author, CreationDate: new Date(Date.UTC(r.year, 2, 1)) },
    ...(o.userPassword ? { userPassword: o.userPassword, ownerPassword: `${o.userPassword}-owner`, pdfVersion: '1.7' as const } : {}),
  });
  doc.registerFont('cjk', font.path, font.family);
  doc.font('cjk');
  doc.fontSize(22).text(r.title, { align: 'center', paragraphGap: 18 });
  const target = o.pages ?? 1;
  do {
    for (const s of r.sections) {
      doc.fontSize(s.level === 1 ? 16 : 13).text(s.heading, { paragraphGap: 8 });
      for (const p of s.paragraphs) doc.fontSize(10.5).text(p, { indent: 21, paragraphGap: 6, lineGap: 3, align: 'justify' });
    }
  } while (doc.bufferedPageRange().count < target);
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.fontSize(9).text(`${r.title} · ${r.author}`, 72, 36, { lineBreak: false });
    doc.fontSize(9).text(`第 ${i + 1} 页`, 0, doc.page.height - 40, { align: 'center', width: doc.page.width, lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
  return collect(doc);
}

/** A PDF of drawings only: what a scan without OCR looks like to a text extractor. */
export function makeImageOnlyPdf(): Promise<Uint8Array> {
  const doc = new PDFDocument({ size: 'A4' });
  for (let i = 0; i < 3; i++) {
    if (i) doc.addPage();
    doc.rect(72, 72, 450, 600).fill('#dddddd');
    doc.circle(300, 400, 80).fill('#888888');
  }
  return collect(doc);
}

/** A saved web page: navigation, a header, a side bar and a footer around the article. */
export function makeHtml(r: FixtureReport = FIXTURE_REPORT): string {
  const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const body = r.sections.map((s) => `<h${s.level + 1}>${esc(s.heading)}</h${s.level + 1}>\n${s.paragraphs.map((p) => `<p>${esc(p)}</p>`).join('\n')}`).join('\n');
  return `<!DOCTYPE html>
<!-- saved from url=(0041)https://research.example.org/insurtech-2026 -->
<html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(r.title)} - 示例研究网</title>
<meta name="author" content="${esc(r.author)}"><meta property="og:site_name" content="示例研究网">
<meta property="article:published_time" content="${r.year}-03-01T08:00:00+08:00">
<link rel="canonical" href="https://research.example.org/insurtech-2026"><style>body{font:14px sans-serif}</style>
<script>window.tracking = "站点统计脚本";</script></head>
<body><header class="site-header"><a href="/">示例研究网首页</a><nav><ul><li><a href="/a">行业报告</a></li><li><a href="/b">数据中心</a></li></ul></nav></header>
<div class="layout"><aside class="sidebar"><h3>热门文章</h3><ul><li>侧栏推荐一</li><li>侧栏推荐二</li></ul></aside>
<main><article><h1>${esc(r.title)}</h1>
${body}
<div class="share-buttons">分享到微博</div></article></main></div>
<footer><p>版权所有 示例研究网 京ICP备00000000号</p></footer></body></html>`;
}
