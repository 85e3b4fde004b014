import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { exists } from '../../../src/host/files';
import { api, deleteFile, until, workspaceUri } from './helpers';
import { FIXTURE_REPORT, makeDocx, makeHtml, makeImageOnlyPdf, makePdf } from '../../helpers/importFixtures';

const OPTIONS = { overwrite: true, open: false, offerPack: false };

async function put(name: string, bytes: Uint8Array | string): Promise<vscode.Uri> {
  const uri = workspaceUri('imports', name);
  await vscode.workspace.fs.writeFile(uri, typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes);
  return uri;
}

async function read(uri: vscode.Uri): Promise<string> {
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
}

/** The headings of a Markdown copy, in order. */
function headings(md: string): string[] {
  return [...md.matchAll(/^(#{1,6}) (.+)$/gm)].map((m) => `${m[1].length} ${m[2]}`);
}

const EXPECTED = ['1 ' + FIXTURE_REPORT.title, ...FIXTURE_REPORT.sections.map((s) => `${s.level + 1} ${s.heading}`)];

describe('import: Import Report on PDF, Word and HTML files', function () {
  this.timeout(90000);
  const made: vscode.Uri[] = [];
  after(async () => {
    for (const u of made) await deleteFile(u);
  });

  for (const [name, make] of [
    ['report-pdf.pdf', () => makePdf({ pages: 2 })],
    ['report-word.docx', () => makeDocx()],
    ['report-web.html', async () => makeHtml()],
  ] as const) {
    it(`writes a Markdown copy with real headings beside ${name}`, async () => {
      await api();
      const source = await put(name, await make());
      made.push(source);
      const target = await vscode.commands.executeCommand<vscode.Uri | undefined>('fintechLens.importReport', source, OPTIONS);
      assert.ok(target, 'the command returns the copy');
      made.push(target);
      assert.equal(target.path, source.path.replace(/\.[a-z]+$/, '.md'));
      const md = await read(target);
      assert.deepEqual(headings(md).slice(0, EXPECTED.length), EXPECTED);
      assert.ok(md.includes(FIXTURE_REPORT.sections[0].paragraphs[0]), 'the first paragraph is whole');
      assert.match(md, new RegExp(`^source: "${name.replace('.', '\\.')}"$`, 'm'));
    });
  }

  it('asks nothing and writes nothing for a scanned PDF', async () => {
    await api();
    const source = await put('scan.pdf', await makeImageOnlyPdf());
    made.push(source);
    const target = await vscode.commands.executeCommand<vscode.Uri | undefined>('fintechLens.importReport', source, OPTIONS);
    assert.equal(target, undefined);
    assert.equal(await exists(workspaceUri('imports', 'scan.md')), false);
  });

  it('never overwrites a Markdown file the analyst wrote: the copy takes another name', async () => {
    await api();
    const mine = await put('notes.md', '# My own notes\n\nDo not touch.\n');
    const source = await put('notes.html', makeHtml());
    made.push(mine, source);
    const target = await vscode.commands.executeCommand<vscode.Uri | undefined>('fintechLens.importReport', source, OPTIONS);
    assert.ok(target);
    made.push(target);
    assert.match(target.path, /notes\.imported\.md$/);
    assert.equal(await read(mine), '# My own notes\n\nDo not touch.\n');
  });

  it('the copy is a report the extension reads: its sections are parsed once it is bound', async () => {
    const a = await api();
    const target = workspaceUri('imports', 'report-pdf.md');
    await until('the copy exists', () => exists(target));
    const doc = await vscode.workspace.openTextDocument(target);
    assert.equal(doc.languageId, 'markdown');
    assert.ok(a.reports, 'report service');
  });
});
