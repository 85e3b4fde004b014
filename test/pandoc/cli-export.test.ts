/**
 * `fintech-lens export --format docx` through Debian's Pandoc: the Word file, read back with
 * `pandoc -t plain`, holds the numbered citations and the 参考文献 list the renderer prints.
 * `--format pdf` through Debian's WeasyPrint (installed with Pandoc by test/setup-pandoc.sh):
 * the PDF, read back by the project's own PDF import, holds the same text.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { requirePandoc, requireProgram } from './pandoc';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const CLI = path.join(ROOT, 'dist', 'cli.js');

function exportFixture(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  fs.cpSync(path.join(ROOT, 'test', 'fixtures', 'cli', 'export'), dir, { recursive: true });
  return dir;
}

describe('fintech-lens export --format docx (Pandoc)', function () {
  this.timeout(60_000);
  before(function () {
    requirePandoc(this);
  });

  it('writes a Word file with the rendered citations and reference list', () => {
    const dir = exportFixture('fintech-lens-cli-docx-');
    const r = spawnSync(process.execPath, [CLI, 'export', 'notes/draft.md', '--format', 'docx'], { cwd: dir, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const docx = path.join(dir, 'notes', 'draft.docx');
    assert.equal(fs.readFileSync(docx).subarray(0, 2).toString('latin1'), 'PK');
    const plain = spawnSync('pandoc', ['-f', 'docx', '-t', 'plain', docx], { encoding: 'utf8' }).stdout;
    assert.match(plain, /开放银行发展迅速\^\(\[1\]12\)/, "superscript citation numbers");
    assert.match(plain, /参考文献/);
    assert.match(plain, /\[1\] 李明\. 数字金融概论\[M\]\. 北京：示例出版社，2024\./);
    assert.match(plain, /\[2\] Smith J\. Open Banking <Risks>\[J\]/);
    // The draft's title once (its heading, no title block from the HTML's <title>), and no front matter.
    const markdown = spawnSync('pandoc', ['-f', 'docx', '-t', 'markdown', '-s', docx], { encoding: 'utf8' }).stdout;
    assert.equal(markdown.split('开放银行测试稿').length - 1, 1, markdown);
    assert.doesNotMatch(markdown, /bibliography/);
  });
});

describe('fintech-lens export --format pdf (WeasyPrint)', function () {
  this.timeout(120_000);
  before(function () {
    requireProgram(this, 'weasyprint', 'WeasyPrint');
  });

  it('writes a PDF of the exported HTML whose text holds the citations and the 参考文献 list, the title once', () => {
    const dir = exportFixture('fintech-lens-cli-pdf-');
    const r = spawnSync(process.execPath, [CLI, 'export', 'notes/draft.md', '--format', 'pdf'], { cwd: dir, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const pdf = path.join(dir, 'notes', 'draft.pdf');
    assert.equal(fs.readFileSync(pdf).subarray(0, 5).toString('latin1'), '%PDF-');
    // Read back by the project's PDF import (pdf.js), to standard output.
    const back = spawnSync(process.execPath, [CLI, 'import', 'notes/draft.pdf', '--out', '-'], { cwd: dir, encoding: 'utf8' });
    assert.equal(back.status, 0, back.stderr);
    const text = back.stdout;
    assert.match(text, /^# 开放银行测试稿$/m);
    assert.equal(text.split('开放银行测试稿').length - 1, 2, `the front matter title and the heading, no title block: ${text}`);
    assert.match(text, /开放银行发展迅速/);
    assert.match(text, /^#+ 参考文献$/m);
    assert.match(text, /\\\[1\\\] 李明\. 数字金融概论\\\[M\\\]\. 北京：示例出版社，2024\./);
    assert.match(text, /\\\[2\\\] Smith J\. Open Banking \\<Risks\\>\\\[J\\\]/);
    assert.doesNotMatch(text, /bibliography/);
    // New files only.
    const again = spawnSync(process.execPath, [CLI, 'export', 'notes/draft.md', '--format', 'pdf'], { cwd: dir, encoding: 'utf8' });
    assert.equal(again.status, 2);
    assert.match(again.stderr, /draft\.pdf exists/);
  });
});
