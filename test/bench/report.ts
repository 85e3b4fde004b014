/**
 * Report parsing (issue: foundation). A 5 MB report is parsed in a worker thread, so the
 * extension host's own thread only pays for posting the text and receiving the result.
 * Figures: core parse time for plain text and Markdown, binding time, and the longest stall
 * of the main thread's event loop while the worker parses.
 */
import * as path from 'path';
import { Worker } from 'worker_threads';
import { parseReport } from '../../src/core/report';
import { bindOutline } from '../../src/core/pack/bind';
import type { OutlineSection } from '../../src/core/pack/types';
import { bench } from './framework';
import { measure } from './timing';

const SECTION_TITLES = ['核心技術體系:從單點突破到融合應用', '市場格局:多元主體協同與分化競爭', '監管與合規:從被動應對到主動治理'];
const PARA = '金融科技結合大數據、雲計算與區塊鏈,監管科技(RegTech)支持即時監測與智能預警,普惠金融向縣域延伸,供應鏈金融降低融資門檻。';

function syntheticReport(bytes: number, markdown: boolean): { text: string; outline: OutlineSection[] } {
  const lines: string[] = [];
  const outline: OutlineSection[] = [];
  let size = 0;
  let part = 0;
  while (size < bytes) {
    part++;
    const partTitle = `第${part}部分金融科技專題分析`;
    const children: OutlineSection[] = [];
    lines.push(markdown ? `## ${partTitle}\n` : partTitle);
    SECTION_TITLES.forEach((t, i) => {
      const title = `${t}${part}`;
      children.push({ id: `${part}.${i + 1}`, number: `${part}.${i + 1}`, title, level: 2 });
      lines.push(markdown ? `### ${i + 1}. ${title}\n` : `${i + 1}. ${title}`);
      for (let k = 0; k < 6; k++) lines.push(markdown ? `${PARA}\n` : PARA);
    });
    outline.push({ id: String(part), number: String(part), title: partTitle, level: 1, children });
    size = lines.reduce((n, l) => n + Buffer.byteLength(l, 'utf8') + 1, 0);
    if (part > 100000) break;
  }
  return { text: lines.join('\n'), outline };
}

function utf8Mb(s: string): number {
  return Buffer.byteLength(s, 'utf8') / 1024 / 1024;
}

bench('report', async (r) => {
  const plain = syntheticReport(5 * 1024 * 1024, false);
  const md = syntheticReport(5 * 1024 * 1024, true);
  r.log(`report: plain text ${utf8Mb(plain.text).toFixed(1)} MB, Markdown ${utf8Mb(md.text).toFixed(1)} MB`);

  const tp = measure(() => parseReport(plain.text, { fileName: 'r.txt' }), { runs: 3, warmup: 1 });
  r.record('report.parse_5mb_plaintext_ms', tp.median, 'ms', '');
  const tm = measure(() => parseReport(md.text, { fileName: 'r.md' }), { runs: 3, warmup: 1 });
  r.record('report.parse_5mb_markdown_ms', tm.median, 'ms', '');

  const parsed = parseReport(plain.text, { fileName: 'r.txt' });
  const tb = measure(() => bindOutline({ outline: plain.outline }, parsed), { runs: 3, warmup: 1 });
  r.record('report.bind_full_outline_ms', tb.median, 'ms', '< 500');
  const renamed = plain.outline.slice(0, 20).map((o) => ({ ...o, title: o.title + '(修訂)', children: [] }));
  const tf = measure(() => bindOutline({ outline: renamed }, parsed), { runs: 3, warmup: 1 });
  r.record('report.bind_20_fuzzy_sections_ms', tf.median, 'ms', '< 2000');

  // The same parse in the extension's worker (dist/worker.js, built by `node esbuild.js`):
  // the main thread's event loop must keep turning.
  const workerPath = path.resolve(__dirname, '../../worker.js');
  const stall = await new Promise<{ maxStall: number; total: number }>((resolve, reject) => {
    const w = new Worker(workerPath);
    let last = performance.now();
    let maxStall = 0;
    const tick = setInterval(() => {
      const now = performance.now();
      maxStall = Math.max(maxStall, now - last - 5);
      last = now;
    }, 5);
    const t0 = performance.now();
    w.on('message', (m: { error?: string }) => {
      clearInterval(tick);
      void w.terminate();
      if (m.error) reject(new Error(m.error));
      else resolve({ maxStall, total: performance.now() - t0 });
    });
    w.on('error', (e) => {
      clearInterval(tick);
      reject(e);
    });
    last = performance.now();
    w.postMessage({ id: 1, text: md.text, fileName: 'r.md', packs: [{ packId: 'synthetic', outline: md.outline }] });
  });
  r.record('report.worker_bind_5mb_markdown_ms', stall.total, 'ms', '');
  r.record('report.main_thread_max_stall_ms', Math.max(0, stall.maxStall), 'ms', '< 100');
});
