import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { findTerms } from '../../../src/core/terms';
import { exists } from '../../../src/host/files';
import type { FintechLensApi } from '../../../src/extension';
import { api, deleteFile, until, workspaceUri, writeFile } from './helpers';
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

/** What a hover shows, as Markdown text. */
function hoverText(h: vscode.Hover): string {
  return h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : '')).join('\n');
}

function labelOf(item: vscode.TreeItem): string {
  const l = item.label;
  return typeof l === 'string' ? l : l?.label ?? '';
}

interface DraftedTerm {
  id: string;
  forms: Record<string, string>;
  quote?: { text: string; section?: string };
}

/** The review's answer, as the report writes the terms: two the fixture defines, one it only uses. */
const CHOSEN = ['智能核保', '开放银行', '联邦学习'];

describe('import: Create Pack from Report on each imported copy; its terms hover, show in the tree and cite', function () {
  this.timeout(180000);
  const made: vscode.Uri[] = [];
  const config = () => vscode.workspace.getConfiguration('fintechLens');
  before(async () => {
    await api();
    await config().update('displayScript', 'zh-Hans', vscode.ConfigurationTarget.Global);
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const u of made) await deleteFile(u);
    await config().update('displayScript', undefined, vscode.ConfigurationTarget.Global);
    const a = await api();
    await a.packs.reload();
    const drafted = () => a.packs.packs.some((e) => e.pack.id.startsWith('imported-'));
    await until('the drafted packs unloaded', async () => (await a.taxonomy!.whenIdle(), !drafted()), 30000);
  });

  for (const [format, name, make] of [
    ['pdf', 'pack-pdf.pdf', () => makePdf({ pages: 2 })],
    ['docx', 'pack-word.docx', () => makeDocx()],
    ['html', 'pack-web.html', async () => makeHtml()],
  ] as const) {
    it(`${format}: import, draft with the review answered by the arguments, then hover, tree and Insert Citation`, async () => {
      const a = await api();
      const packId = `imported-${format}`;
      const source = await put(name, await make());
      made.push(source);
      const copy = await vscode.commands.executeCommand<vscode.Uri | undefined>('fintechLens.importReport', source, OPTIONS);
      assert.ok(copy, 'the import returns the copy');
      made.push(copy);

      // The review step, answered through the command's arguments: the reference record and the terms.
      const packUri = await vscode.commands.executeCommand<vscode.Uri | undefined>('fintechLens.createPackFromReport', copy, {
        id: packId,
        reference: { title: FIXTURE_REPORT.title, author: FIXTURE_REPORT.author, year: FIXTURE_REPORT.year, publisher: '', url: '' },
        terms: CHOSEN,
        overwrite: true,
        open: false,
      });
      assert.ok(packUri, 'the command returns the new pack');
      made.push(packUri);
      try {
        await checkPack(a, packId, copy, packUri, format);
      } finally {
        // Next format: this pack goes, so the three drafts (with the same terms) never hover together.
        await vscode.commands.executeCommand('workbench.action.closeAllEditors');
        await deleteFile(packUri);
        await a.packs.reload();
        await until('the pack is unloaded', () => !a.packs.find(packId), 30000);
      }
    });
  }
});

describe('import: Create Pack from Report beside the built-in pack', function () {
  this.timeout(120000);
  let made: vscode.Uri[] = [];
  after(async () => {
    for (const u of made) await deleteFile(u);
    made = [];
    const a = await api();
    await a.packs.reload();
    await until('the drafted pack unloaded', () => !a.packs.find('imported-insurtech'), 30000);
  });

  it('takes the top new terms, leaving out those the built-in pack has, so the new pack shows no problem', async () => {
    const a = await api();
    const fixture = vscode.Uri.joinPath(vscode.extensions.getExtension('fintech-lens.fintech-lens')!.extensionUri, 'test', 'fixtures', 'draft', 'insurtech-report.txt');
    const source = await put('insurtech-report.txt', await vscode.workspace.fs.readFile(fixture));
    made.push(source);
    const copy = await vscode.commands.executeCommand<vscode.Uri | undefined>('fintechLens.importReport', source, OPTIONS);
    assert.ok(copy);
    made.push(copy);
    const packUri = await vscode.commands.executeCommand<vscode.Uri | undefined>('fintechLens.createPackFromReport', copy, {
      id: 'imported-insurtech',
      reference: { title: '2026年中国保险科技与开放银行发展研究报告', author: '华东金融数字化研究中心', year: 2026, publisher: '', url: '' },
      terms: 40,
      overwrite: true,
      open: false,
    });
    assert.ok(packUri);
    made.push(packUri);
    const written = JSON.parse(await read(packUri)) as { glossary: DraftedTerm[] };
    assert.equal(written.glossary.length, 40);
    const builtin = a.packs.find('fintech-2026')!.pack;
    const builtinForms = new Set(builtin.glossary.flatMap((t) => [t.forms['zh-Hans'], t.forms['zh-Hant']]));
    assert.deepEqual(written.glossary.filter((g) => builtinForms.has(g.forms['zh-Hans'])).map((g) => g.forms['zh-Hans']), [], 'no term of the built-in pack');
    // Once the term index has the new pack's terms, its warnings (a form another pack keeps) would be on the pack file.
    const first = written.glossary[0].forms['zh-Hans'];
    await until('the new terms are indexed', () => findTerms(a.terms.index, first).some((m) => m.packId === 'imported-insurtech'), 30000);
    assert.deepEqual(vscode.languages.getDiagnostics(packUri).map((d) => d.message), [], 'no problem in the new pack');
  });
});

/** The new pack: written as reviewed, loaded without problems, its terms hovering, in the tree and citable. */
async function checkPack(a: FintechLensApi, packId: string, copy: vscode.Uri, packUri: vscode.Uri, format: string): Promise<void> {
  const t = a.taxonomy!;
  assert.equal(packUri.path, copy.path.replace(/\.md$/, '.fintech-pack.json'));
  const written = JSON.parse(await read(packUri)) as { id: string; reference: { id: string }; glossary: DraftedTerm[] };
  assert.equal(written.id, packId);
  assert.deepEqual(written.glossary.map((g) => g.forms['zh-Hans']), CHOSEN, 'exactly the reviewed terms, in order');
  const underwriting = written.glossary[0];
  assert.equal(underwriting.forms['zh-Hant'], '智能核保');
  assert.match(underwriting.quote?.text ?? '', /^智能核保，即依靠规则引擎/, 'the report\'s own defining sentence, quoted');
  assert.equal(written.glossary[1].forms['zh-Hant'], '開放銀行');

  // Loaded at once, with no problems.
  const entry = await until('the new pack is loaded', () => a.packs.find(packId), 30000);
  assert.equal(entry.pack.glossary.length, CHOSEN.length);
  assert.deepEqual(vscode.languages.getDiagnostics(packUri), [], 'the drafted pack validates');

  // Hover in a draft: the new pack's term, its report's quote and its pack.
  const noteUri = workspaceUri('imports', `note-${format}.md`);
  const note = '# 笔记\n\n头部公司加快推进智能核保，聯邦學習也在试点。\n';
  await writeFile(noteUri, note);
  const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(noteUri), { preview: false });
  const doc = editor.document;
  const hoverAt = async (needle: string): Promise<vscode.Hover | undefined> => {
    const at = doc.positionAt(note.indexOf(needle) + 1);
    const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, at)) ?? [];
    return hovers.find((h) => hoverText(h).includes(FIXTURE_REPORT.title));
  };
  const h = await until('the new term hovers', () => hoverAt('智能核保'), 30000);
  assert.equal(doc.getText(h.range), '智能核保');
  const md = hoverText(h);
  assert.match(md, /\*\*智能核保\*\*/);
  assert.match(md, /规则引擎/, 'the quoted defining sentence');
  assert.match(md, /command:fintechLens\.insertCitation/);
  const traditional = await until('the Traditional form hovers too', () => hoverAt('聯邦學習'), 30000);
  assert.equal(doc.getText(traditional.range), '聯邦學習');

  // The tree: a pack node for the new pack, the term under it, labelled in the display script.
  const termId = underwriting.id;
  const nodes = await until('the term is in the tree', async () => {
    await t.whenIdle();
    const n = t.provider.tree.termNodes(packId, termId);
    return n.length > 0 && n;
  }, 30000);
  assert.equal(labelOf(t.provider.getTreeItem(nodes[0])), '智能核保');
  assert.ok(t.provider.getChildren().some((r) => r.kind === 'pack' && r.packId === packId), 'a pack node for the new pack');
  await vscode.commands.executeCommand('fintechLens.revealInTaxonomy', { packId, termId });
  await until('the term selected in the tree', () => t.view.selection[0]?.id === nodes[0].id, 30000);

  // Citable: Insert Citation with the new pack as the source writes its reference.
  await vscode.window.showTextDocument(doc);
  const end = doc.getText().indexOf('。');
  editor.selection = new vscode.Selection(doc.positionAt(end), doc.positionAt(end));
  assert.equal(await vscode.commands.executeCommand<boolean>('fintechLens.insertCitation', { source: packId, syntax: 'footnote' }), true);
  const cited = doc.getText();
  assert.ok(cited.includes('试点[^1]。'), cited);
  const footnote = /^\[\^1\]: (.+)$/m.exec(cited)?.[1] ?? '';
  assert.ok(footnote.includes(FIXTURE_REPORT.title) && footnote.includes(FIXTURE_REPORT.author), footnote);
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  await deleteFile(noteUri);
}
