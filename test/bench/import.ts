/**
 * Report import (issue: any report). A 300-page PDF, written by pdfkit with an embedded CJK font,
 * is imported through the extension's import worker (dist/importWorker.js, built with the bench):
 * the figure is the whole wall time from posting the bytes to receiving the Markdown, worker start
 * included, and the longest stall of this thread's event loop meanwhile. Word and HTML are information.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Worker } from 'worker_threads';
import type { ImportOutcome, PackDraft } from '../../src/core/import';
import { convertReport, draftPack } from '../../src/core/import';
import { seedReport } from '../unit/helpers/fixtures';
import { draftOfText, fixtureReport, fixtureTerms, precision, recall } from '../helpers/draftQuality';
import { bench } from './framework';
import { FIXTURE_REPORT, makeDocx, makeHtml, makePdf, type FixtureReport } from '../helpers/importFixtures';

const WORKER = path.resolve(__dirname, '../../importWorker.js');

/** Drafts a pack in a fresh import worker, as Create Pack from Report does: the wall time from posting the text to the answer. */
function draftInWorker(markdown: string): Promise<{ draft: PackDraft; ms: number }> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const w = new Worker(WORKER);
    w.on('message', (m: { draft?: PackDraft; error?: string }) => {
      void w.terminate();
      if (m.draft) resolve({ draft: m.draft, ms: performance.now() - t0 });
      else reject(new Error(m.error));
    });
    w.on('error', reject);
    w.postMessage({ draft: markdown });
  });
}

/** Imports in a fresh worker, as the command does; resolves with the outcome, time and worst stall. */
function importInWorker(fileName: string, bytes: Uint8Array): Promise<{ outcome: ImportOutcome; ms: number; maxStall: number; pages: number }> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const w = new Worker(WORKER);
    let last = performance.now();
    let maxStall = 0;
    let pages = 0;
    const tick = setInterval(() => {
      const now = performance.now();
      maxStall = Math.max(maxStall, now - last - 5);
      last = now;
    }, 5);
    w.on('message', (m: { outcome?: ImportOutcome; error?: string; progress?: { total: number } }) => {
      if (m.progress) {
        pages = m.progress.total;
        return;
      }
      clearInterval(tick);
      void w.terminate();
      if (m.outcome) resolve({ outcome: m.outcome, ms: performance.now() - t0, maxStall, pages });
      else reject(new Error(m.error));
    });
    w.on('error', (e) => {
      clearInterval(tick);
      reject(e);
    });
    w.postMessage({ fileName, bytes });
  });
}

/** The fixture report with the longer draft-quality report's paragraphs, so that pages fill with real text. */
function longReport(): FixtureReport {
  const text = fs.readFileSync(path.resolve('test/fixtures/draft/insurtech-report.txt'), 'utf8');
  const paragraphs = text.split(/\n+/).filter((l) => l.length > 60);
  return { ...FIXTURE_REPORT, sections: FIXTURE_REPORT.sections.map((s, i) => ({ ...s, paragraphs: [...s.paragraphs, ...paragraphs.slice(i * 3, i * 3 + 3)] })) };
}

bench('import', async (r) => {
  r.log('import: writing a 300-page PDF with pdfkit…');
  const pdf = await makePdf({ pages: 300, report: longReport() });
  const big = await importInWorker('big.pdf', pdf);
  if (!big.outcome.ok) throw new Error(big.outcome.failure.message);
  r.record('import.pdf_300_pages_ms', big.ms, 'ms', '< 30000');
  r.record('import.pdf_pages', big.pages, 'pages', '>= 300');
  r.record('import.pdf_300_pages_headings', big.outcome.headings, 'headings', '');
  r.record('import.main_thread_max_stall_ms', Math.max(0, big.maxStall), 'ms', '< 100');
  const docx = await importInWorker('r.docx', await makeDocx());
  r.record('import.docx_small_ms', docx.ms, 'ms', '');
  const html = makeHtml(longReport());
  const t0 = performance.now();
  const out = convertReport({ format: 'html', fileName: 'r.html', text: html });
  if (!out.ok) throw new Error(out.failure.message);
  r.record('import.html_page_ms', performance.now() - t0, 'ms', '');
});

/**
 * Pack drafts: glossary quality on the seed report (recall of the built-in pack's terms in the top 150)
 * and on the project's own Simplified fixture (precision of the top 50), and the time to draft a 1 MB
 * report: in a fresh import worker as the command does (worker start and the answer's transfer included;
 * the target), and in this thread, its wall and CPU time (information: the CPU time shows the work itself
 * when other processes share the cores).
 */
bench('draft', async (r) => {
  const seed = seedReport();
  if (seed) {
    const rc = recall(draftOfText(seed, 'fintech-report-2026.txt').candidates, seed);
    r.record('draft.seed_recall_top150_pct', rc.share * 100, '%', '>= 70');
  } else {
    r.log('draft: the seed report (../shared/seed/fintech-report-2026.txt) is absent; recall skipped');
  }
  const p = precision(draftOfText(fixtureReport()).candidates, fixtureTerms());
  r.record('draft.fixture_precision_top50_pct', p.share * 100, '%', '>= 60');
  const paragraphs = fixtureReport().split(/\n+/).filter((l) => l.length > 40);
  const parts: string[] = ['# 1 MB report'];
  let size = 0;
  for (let k = 1; size < 1024 * 1024; k++) {
    const block = `\n## 第${k}部分\n\n${paragraphs.map((x, i) => (i % 3 === 0 ? `### ${k}.${i + 1} 专题${i}\n\n${x}` : x)).join('\n\n')}\n`;
    parts.push(block);
    size += Buffer.byteLength(block, 'utf8');
  }
  const md = parts.join('\n');
  const inWorker = await draftInWorker(md);
  r.record('draft.report_1mb_ms', inWorker.ms, 'ms', '< 5000');
  r.record('draft.report_1mb_candidates', inWorker.draft.candidates.length, 'candidates', '>= 150');
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  draftPack(md);
  const cpu = process.cpuUsage(cpu0);
  r.record('draft.report_1mb_in_thread_ms', performance.now() - t0, 'ms', '');
  r.record('draft.report_1mb_cpu_ms', (cpu.user + cpu.system) / 1000, 'ms', '');
});
