/**
 * `fintech-lens export --format docx` through Debian's Pandoc: the Word file, read back with
 * `pandoc -t plain`, holds the numbered citations and the 参考文献 list the renderer prints.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { requirePandoc } from './pandoc';

const ROOT = path.resolve(__dirname, '..', '..', '..');

describe('fintech-lens export --format docx (Pandoc)', function () {
  this.timeout(60_000);
  before(function () {
    requirePandoc(this);
  });

  it('writes a Word file with the rendered citations and reference list', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fintech-lens-cli-docx-'));
    fs.cpSync(path.join(ROOT, 'test', 'fixtures', 'cli', 'export'), dir, { recursive: true });
    const r = spawnSync(process.execPath, [path.join(ROOT, 'dist', 'cli.js'), 'export', 'notes/draft.md', '--format', 'docx'], { cwd: dir, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const docx = path.join(dir, 'notes', 'draft.docx');
    assert.equal(fs.readFileSync(docx).subarray(0, 2).toString('latin1'), 'PK');
    const plain = spawnSync('pandoc', ['-f', 'docx', '-t', 'plain', docx], { encoding: 'utf8' }).stdout;
    assert.match(plain, /开放银行发展迅速\^\(\[1\]12\)/, "superscript citation numbers");
    assert.match(plain, /参考文献/);
    assert.match(plain, /\[1\] 李明\. 数字金融概论\[M\]\. 北京：示例出版社，2024\./);
    assert.match(plain, /\[2\] Smith J\. Open Banking <Risks>\[J\]/);
  });
});
