/**
 * Command-line benchmark: `fintech-lens check` (dist/cli.js, as users run it) over a generated
 * repository of drafts that share one bibliography, each with terminology and citation findings.
 *  - cli.check_10k_files_s: wall time for 10,000 drafts (information: it depends on the machine);
 *  - cli.peak_rss_10k_mb: the process's peak resident memory for 10,000 drafts;
 *  - cli.rss_growth_1k_to_10k: peak memory at 10,000 drafts over that at 1,000 — close to 1 when
 *    the run streams file by file, ten when it keeps what it read.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { bench } from './framework';

const CLI = path.resolve(__dirname, '..', '..', 'cli.js');

function draft(i: number): string {
  return [
    '---',
    'bibliography: ../refs.json',
    '---',
    '',
    `# 笔记 ${i}`,
    '',
    `这份报告说明监管科技的发展 [@known${i % 50}]，監管科技也在发展 [@missing${i}]。`,
    '',
    `AI 进入信贷审批，人工智能也是${i % 3 === 0 ? '[^1]' : ''}。`,
    '',
  ].join('\n');
}

/** A repository of `count` drafts in folders of 100, and the bibliography they share. */
function repository(count: number): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), `fintech-lens-bench-cli-${count}-`));
  const refs = Array.from({ length: 50 }, (_, i) => ({
    id: `known${i}`, type: 'book', title: `Book ${i}`, issued: { 'date-parts': [[2000 + i]] },
  }));
  fs.writeFileSync(path.join(root, 'refs.json'), JSON.stringify(refs, null, 2));
  for (let i = 0; i < count; i++) {
    const dir = path.join(root, `d${Math.floor(i / 100)}`);
    if (i % 100 === 0) fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, `n${i}.md`), draft(i));
  }
  return root;
}

/** Runs the check on `root`; returns seconds and peak RSS in MB. */
function run(root: string): { seconds: number; rssMb: number; findings: number } {
  const probe = path.join(root, 'rss-probe.js');
  fs.writeFileSync(probe, "process.on('exit', () => require('fs').writeSync(2, `maxrss:${process.resourceUsage().maxRSS}\\n`));\n");
  const out = path.join(root, 'out.json');
  const fd = fs.openSync(out, 'w');
  const t0 = process.hrtime.bigint();
  const args = ['-r', probe, CLI, 'check', '**/*.md', '--format', 'json', '--quiet'];
  const r = spawnSync(process.execPath, args, { cwd: root, stdio: ['ignore', fd, 'pipe'], encoding: 'utf8' });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  fs.closeSync(fd);
  if (r.status !== 1) throw new Error(`fintech-lens check exited ${r.status}: ${r.stderr}`);
  const kb = Number(/maxrss:(\d+)/.exec(r.stderr)?.[1]);
  const findings = (JSON.parse(fs.readFileSync(out, 'utf8')) as unknown[]).length;
  return { seconds, rssMb: kb / 1024, findings };
}

bench('cli', (r) => {
  if (!fs.existsSync(CLI)) throw new Error(`${CLI} is missing: node esbuild.js builds it`);
  const small = repository(1000);
  const large = repository(10000);
  try {
    r.log('cli: checking 1,000 drafts');
    const a = run(small);
    r.log('cli: checking 10,000 drafts');
    const b = run(large);
    if (b.findings < 10000 * 3) throw new Error(`only ${b.findings} findings in 10,000 drafts`);
    r.record('cli.check_10k_files_s', b.seconds, 's');
    r.record('cli.peak_rss_10k_mb', b.rssMb, 'MB', '< 400');
    r.record('cli.rss_growth_1k_to_10k', b.rssMb / a.rssMb, '×', '< 1.5');
  } finally {
    fs.rmSync(small, { recursive: true, force: true });
    fs.rmSync(large, { recursive: true, force: true });
  }
});
