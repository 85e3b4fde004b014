/**
 * Synthetic report texts for unit tests. The headings follow the fintech report's
 * outline (titles may be used); every paragraph here is written for the tests.
 */
import * as fs from 'fs';
import * as path from 'path';

export const PART_TITLES = ['金融科技行業發展現狀分析', '金融科技行業未來發展趨勢預測'];
export const SECTION_TITLES = [
  ['核心技術體系:從單點突破到融合應用', '市場格局:多元主體協同與分化競爭', '監管與合規:從被動應對到主動治理'],
  ['技術融合深化:全鏈條重構金融服務邏輯', '普惠金融升級:從“覆蓋廣度”到“服務深度”', '生態立體化與全球化競爭'],
];

export const PARAGRAPHS = {
  intro: '本測試報告討論金融科技如何結合大數據、雲計算與區塊鏈,並關注普惠金融的進展。',
  body: [
    ['人工智能與區塊鏈在信貸和跨境支付中逐步落地,物聯網提供即時數據。'],
    ['傳統金融機構、科技公司與垂直服務商各有所長,京津冀、長三角、粵港澳形成集群。'],
    ['監管科技(RegTech)協助即時監測與智能預警,監管沙盒為創新提供試驗空間。', '本段為該部分的小結,提到數據安全與標準制定的挑戰。'],
  ],
  body2: [
    ['垂直大模型與量子計算可能改變投資和加密的做法。'],
    ['普惠金融向縣域和農村延伸,供應鏈金融降低農戶融資門檻。'],
    ['開放平臺與API連接更多場景,數字身份認證走向國際標準。'],
  ],
  conclusion: ['總的來看,行業需要在創新與風險之間取得平衡。', '各方應完善數據治理與沙盒機制。', '歡迎閱讀完整版本。'],
};

export interface FixtureOptions {
  eol?: string;
  bom?: boolean;
  residue?: boolean;
}

/** A plain-text report shaped like the seed: bare part titles, `N. 標題` lines, one paragraph per line. */
export function plainReport(o: FixtureOptions = {}): string {
  const eol = o.eol ?? '\n';
  const lines: string[] = [PARAGRAPHS.intro];
  PART_TITLES.forEach((part, p) => {
    lines.push(part);
    SECTION_TITLES[p].forEach((t, i) => {
      lines.push(`${i + 1}. ${t}`);
      lines.push(...(p === 0 ? PARAGRAPHS.body : PARAGRAPHS.body2)[i]);
    });
  });
  lines.push(...PARAGRAPHS.conclusion);
  let text = lines.join(eol);
  if (o.residue !== false) text += eol.repeat(12) + '研究院服務號' + eol + '中研網訂閱號';
  return (o.bom ? '\uFEFF' : '') + text;
}

/** The same report as Markdown with real headings. */
export function markdownReport(eol = '\n'): string {
  const out: string[] = ['# 2026-2030年金融科技產業現狀及未來發展趨勢分析報告', '', PARAGRAPHS.intro, ''];
  PART_TITLES.forEach((part, p) => {
    out.push(`## ${part}`, '');
    SECTION_TITLES[p].forEach((t, i) => {
      out.push(`### ${i + 1}. ${t}`, '');
      for (const para of (p === 0 ? PARAGRAPHS.body : PARAGRAPHS.body2)[i]) out.push(para, '');
    });
  });
  out.push('## 結語', '');
  for (const para of PARAGRAPHS.conclusion) out.push(para, '');
  return out.join(eol);
}

/** The seed report when it is present beside the project (tests using it skip otherwise). */
export function seedReport(): string | undefined {
  const p = path.resolve(__dirname, '../../../../shared/seed/fintech-report-2026.txt');
  // The project beside `shared/` (…/main) or one level further down (a worktree, …/wt/<name>).
  const alt = [1, 2, 3].map((up) => path.resolve(process.cwd(), '../'.repeat(up), 'shared/seed/fintech-report-2026.txt'));
  for (const f of [p, ...alt]) if (fs.existsSync(f)) return fs.readFileSync(f, 'utf8');
  return undefined;
}

export function repoFile(...parts: string[]): string {
  return fs.readFileSync(path.resolve(process.cwd(), ...parts), 'utf8');
}
