import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { formatReference } from '../../../src/core/citations';
import { shortDefinition } from '../../../src/core/glossary/card';
import { findTerms } from '../../../src/core/terms';
import type { CslItem } from '../../../src/core/pack/types';
import { api, until, workspaceUri, writeFile } from './helpers';

const config = () => vscode.workspace.getConfiguration('fintechLens');

const ENTRIES: CslItem[] = [
  { id: 'chen2000guoshi', type: 'book', author: [{ family: '陈', given: '登原' }], title: '国史旧闻', volume: 1, 'publisher-place': '北京', publisher: '中华书局', issued: { 'date-parts': [[2000]] } },
  { id: 'smith2020open', type: 'book', author: [{ family: 'Smith', given: 'John' }], title: 'Open banking in practice', 'publisher-place': 'London', publisher: 'Harbour Press', issued: { 'date-parts': [[2020]] } },
];

/** A synthetic Simplified-Chinese draft citing the report (from its pack) and two bibliography entries. */
const DRAFT = [
  '---',
  'bibliography: preview/refs.json',
  '---',
  '',
  '# 金融科技观察',
  '',
  '监管科技正在改变合规工作[@zhongyan2026jinrong, sec. 1.3]，开放银行的经验[@smith2020open]也值得参考。',
  '早期的论述见[@chen2000guoshi; @zhongyan2026jinrong]，未知条目[@nosuch2020]会被标出。',
  '',
].join('\n');

function decode(s: string): string {
  return s
    .replace(/<[^>]+>/g, '')
    .replace(/&#(\d+);/g, (_m, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** The entries of the rendered reference list: [label, text]. */
function listOf(html: string): Array<[string, string]> {
  return [...html.matchAll(/<div class="fl-entry" id="[^"]*">(?:<span class="fl-entry-label">([^<]*)<\/span> )?<span class="fl-entry-text">([\s\S]*?)<\/span><\/div>/g)].map((m) => [m[1] ?? '', decode(m[2])]);
}

async function render(input: string | vscode.TextDocument): Promise<string> {
  return (await vscode.commands.executeCommand<string>('markdown.api.render', input)) ?? '';
}

describe('Markdown preview: citations and the reference list', function () {
  let report: CslItem;

  before(async () => {
    const a = await api();
    report = a.packs.packs.find((p) => p.pack.reference.id === 'zhongyan2026jinrong')!.pack.reference;
    await writeFile(workspaceUri('preview', 'refs.json'), JSON.stringify(ENTRIES, null, 2));
  });

  afterEach(async () => {
    for (const key of ['citation.style', 'citation.system', 'citation.numbers']) await config().update(key, undefined, vscode.ConfigurationTarget.Workspace);
  });

  it('renders numbered citations and a 参考文献 list identical to the formatter (GB/T 7714-2025)', async () => {
    await config().update('citation.style', 'gbt7714-2025', vscode.ConfigurationTarget.Workspace);
    const html = await until('the rendered list', async () => {
      const h = await render(DRAFT);
      return listOf(h).length === 3 && h;
    });
    assert.match(html, /<h2 class="fl-references-title">参考文献<\/h2>/);
    assert.deepEqual(listOf(html), [
      ['[1]', formatReference(report, 'gbt7714-2025')],
      ['[2]', formatReference(ENTRIES[1], 'gbt7714-2025')],
      ['[3]', formatReference(ENTRIES[0], 'gbt7714-2025')],
    ]);
    // Numbers in order of first citation, the section after the number, [1,3] for two sources.
    assert.match(html, /<sup><a class="fl-cite-link" href="#ref-zhongyan2026jinrong">\[1\]<\/a>第 1\.3 節<\/sup>/);
    assert.match(html, /<sup><a class="fl-cite-link" href="#ref-smith2020open">\[2\]<\/a><\/sup>/);
    assert.match(html, /<sup><a class="fl-cite-link" href="#ref-zhongyan2026jinrong">\[1,3\]<\/a><\/sup>/);
    assert.match(html, /<strong class="fl-cite-unknown" data-key="nosuch2020"[^>]*>nosuch2020\?\?\?<\/strong>/);
    assert.doesNotMatch(html, /<script|command:/);
  });

  for (const [style, system] of [
    ['gbt7714-2015', 'numeric'],
    ['gbt7714-2025', 'author-date'],
    ['apa7', 'author-date'],
  ] as const) {
    it(`follows the style setting: ${style} ${system}`, async () => {
      await config().update('citation.style', style, vscode.ConfigurationTarget.Workspace);
      await config().update('citation.system', system, vscode.ConfigurationTarget.Workspace);
      const expected = (item: CslItem) => formatReference(item, style);
      const html = await until(`the ${style} list`, async () => {
        const h = await render(DRAFT);
        const list = listOf(h);
        const ok = system === 'numeric' ? list[0]?.[1] === expected(report) : style === 'apa7' ? list.some(([, t]) => t.includes('(2026)')) : list.some(([, t]) => t.includes('，2026.'));
        return list.length === 3 && ok && h;
      });
      const list = listOf(html);
      if (system === 'numeric') {
        assert.deepEqual(list.map(([, t]) => t), [expected(report), expected(ENTRIES[1]), expected(ENTRIES[0])]);
      } else if (style === 'apa7') {
        assert.deepEqual(list.map(([, t]) => t).sort(), [expected(report), expected(ENTRIES[1]), expected(ENTRIES[0])].sort());
        assert.match(html, /\(<a class="fl-cite-link" href="#ref-smith2020open">Smith, 2020<\/a>\)/);
      } else {
        assert.match(html, /（<a class="fl-cite-link" href="#ref-smith2020open">Smith，2020<\/a>）/);
        const authorYear = (item: CslItem) => formatReference(item, style, { gbtSystem: 'authoryear' });
        assert.deepEqual(list.map(([, t]) => t).sort(), [authorYear(report), authorYear(ENTRIES[1]), authorYear(ENTRIES[0])].sort());
      }
    });
  }

  it('renders a document from its own folder, with footnotes', async () => {
    const uri = workspaceUri('preview', 'draft.md');
    await writeFile(uri, '---\nbibliography: refs.json\n---\n\n正文[^1]。\n\n[^1]: 脚注引用[@chen2000guoshi]。\n');
    const doc = await vscode.workspace.openTextDocument(uri);
    const html = await until('the document render', async () => {
      const h = await render(doc);
      return listOf(h).length === 1 && h;
    });
    assert.match(html, /<sup class="footnote-ref"><a href="#fn1" id="fnref1">1<\/a><\/sup>/);
    // The footnote's paragraph carries its own line in the document (scroll sync), once.
    assert.match(html, /<li id="fn1" class="footnote-item"><p data-line="6" class="code-line"[^>]*>脚注引用<span class="fl-cite"/);
  });

  it('opens the real preview of a draft, whose render has the formatter\'s list in each style', async () => {
    const uri = workspaceUri('preview', 'shown.md');
    await writeFile(uri, DRAFT.replace('preview/refs.json', 'refs.json'));
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('markdown.showPreviewToSide', uri);
    // The preview's webview is open beside the draft (its DOM is not reachable from the extension host).
    await until('the preview tab', () =>
      vscode.window.tabGroups.all.some((g) => g.tabs.some((t) => t.input instanceof vscode.TabInputWebview && /markdown\.preview/.test(t.input.viewType))),
    );
    try {
      for (const style of ['gbt7714-2025', 'gbt7714-2015'] as const) {
        await config().update('citation.style', style, vscode.ConfigurationTarget.Workspace);
        const expected = [formatReference(report, style), formatReference(ENTRIES[1], style), formatReference(ENTRIES[0], style)];
        const html = await until(`the preview's render in ${style}`, async () => {
          const h = await render(doc);
          return JSON.stringify(listOf(h).map(([, t]) => t)) === JSON.stringify(expected) && h;
        }, 30000);
        assert.deepEqual(listOf(html).map(([n]) => n), ['[1]', '[2]', '[3]']);
        assert.match(html, /<h2 class="fl-references-title">参考文献<\/h2>/);
      }
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    }
  });
});

describe('Markdown preview: glossary tooltips', function () {
  afterEach(async () => {
    await config().update('preview.glossaryTooltips', undefined, vscode.ConfigurationTarget.Global);
  });

  it('gives the terms of the prose their short definition when the setting is on, and nothing by default', async () => {
    const a = await api();
    const text = '监管科技正在改变合规工作，`监管科技` 在代码里不算。';
    const plain = await render(text);
    assert.doesNotMatch(plain, /fintech-lens-term/);
    const match = findTerms(a.terms.index, text)[0];
    assert.ok(match, 'the pack has a term in the draft');
    const ref = a.terms.lookup(match.packId, match.termId)!;
    await config().update('preview.glossaryTooltips', true, vscode.ConfigurationTarget.Global);
    const html = await until('the tooltip', async () => {
      const h = await render(text);
      return h.includes('fintech-lens-term') && h;
    });
    const tips = [...html.matchAll(/<abbr class="fintech-lens-term" title="([^"]*)">([^<]*)<\/abbr>/g)];
    assert.equal(tips.length, 1, html);
    assert.equal(tips[0][2], text.slice(match.start, match.end));
    assert.equal(decode(tips[0][1]), shortDefinition(ref.term, 'zh-Hans'));
    await config().update('preview.glossaryTooltips', undefined, vscode.ConfigurationTarget.Global);
    await until('no tooltips', async () => (await render(text)) === plain);
  });
});

describe('Update Reference List and Export Draft', function () {
  let report: CslItem;
  const folder = () => workspaceUri('preview-export');

  before(async () => {
    const a = await api();
    report = a.packs.packs.find((p) => p.pack.reference.id === 'zhongyan2026jinrong')!.pack.reference;
    await writeFile(vscode.Uri.joinPath(folder(), 'refs.json'), JSON.stringify(ENTRIES, null, 2));
    await config().update('citation.style', 'gbt7714-2025', vscode.ConfigurationTarget.Workspace);
  });

  after(async () => {
    await config().update('citation.style', undefined, vscode.ConfigurationTarget.Workspace);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  async function draft(name: string): Promise<vscode.TextEditor> {
    const uri = vscode.Uri.joinPath(folder(), name);
    await writeFile(uri, DRAFT.replace('preview/refs.json', 'refs.json'));
    return vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
  }

  async function remove(uri: vscode.Uri): Promise<void> {
    await vscode.workspace.fs.delete(uri).then(undefined, () => undefined);
  }

  it('writes the list between markers in one undo step, and later updates it in place', async () => {
    const editor = await draft('update.md');
    const before = editor.document.getText();
    assert.equal(await vscode.commands.executeCommand('fintechLens.updateReferenceList'), true);
    const after = editor.document.getText();
    assert.ok(after.startsWith(before), 'the text before the list is unchanged');
    const expected = [formatReference(report, 'gbt7714-2025'), formatReference(ENTRIES[1], 'gbt7714-2025'), formatReference(ENTRIES[0], 'gbt7714-2025')];
    const section = after.slice(before.length);
    assert.match(section, /^\n<!-- fintech-lens:references -->\n## 参考文献\n\n/);
    assert.ok(section.includes('\\[1\\] ' + expected[0].replace(/[[\]]/g, '\\$&')), section);
    assert.ok(section.includes('\\[3\\] ' + expected[2].replace(/[[\]]/g, '\\$&')), section);
    assert.match(section, /<!-- \/fintech-lens:references -->\n$/);

    // Up to date: a second run changes nothing.
    const version = editor.document.version;
    assert.equal(await vscode.commands.executeCommand('fintechLens.updateReferenceList'), true);
    assert.equal(editor.document.version, version);

    // One undo step takes it all back.
    await vscode.commands.executeCommand('undo');
    assert.equal(editor.document.getText(), before);

    // In place: with the markers there and a new citation, only the text between them changes.
    await vscode.commands.executeCommand('redo');
    const withList = editor.document.getText();
    const start = withList.indexOf('<!-- fintech-lens:references -->');
    await editor.edit((e) => e.insert(editor.document.positionAt(start - 1), '\n另见[@chen2000guoshi, p. 12]。\n'));
    const edited = editor.document.getText();
    assert.equal(await vscode.commands.executeCommand('fintechLens.updateReferenceList'), true);
    const updated = editor.document.getText();
    const head = edited.slice(0, edited.indexOf('<!-- fintech-lens:references -->'));
    assert.ok(updated.startsWith(head));
    assert.ok(updated.endsWith('<!-- /fintech-lens:references -->\n'));
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('exports the rendered Markdown to a new file, and never replaces a file without consent', async () => {
    await draft('copy.md');
    const target = vscode.Uri.joinPath(folder(), 'copy.rendered.md');
    await remove(target);
    const written = await vscode.commands.executeCommand<vscode.Uri>('fintechLens.exportRenderedMarkdown', { target });
    assert.equal(written?.toString(), target.toString());
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(target));
    assert.match(text, /监管科技正在改变合规工作<sup>\\\[1\\\]第 1\.3 節<\/sup>/);
    assert.match(text, /## 参考文献/);
    assert.doesNotMatch(text, /\[@/);
    assert.equal(await vscode.commands.executeCommand('fintechLens.exportRenderedMarkdown', { target, overwrite: false }), undefined);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('exports a self-contained HTML file with the preview\'s citations and list', async () => {
    await draft('export.md');
    const target = vscode.Uri.joinPath(folder(), 'export.html');
    await remove(target);
    const written = await vscode.commands.executeCommand<vscode.Uri>('fintechLens.exportDraft', { format: 'html', target });
    assert.equal(written?.toString(), target.toString());
    const html = new TextDecoder().decode(await vscode.workspace.fs.readFile(target));
    assert.match(html, /^<!DOCTYPE html>\n<html lang="zh-CN">/);
    assert.match(html, /Content-Security-Policy" content="default-src 'none'/);
    assert.doesNotMatch(html, /<script/i);
    assert.match(html, /@media print/);
    assert.match(html, /Noto Serif CJK SC/);
    assert.deepEqual(listOf(html).map(([, t]) => t), [formatReference(report, 'gbt7714-2025'), formatReference(ENTRIES[1], 'gbt7714-2025'), formatReference(ENTRIES[0], 'gbt7714-2025')]);
    assert.doesNotMatch(html, /data-line=/);
    const size = html.length;
    assert.equal(await vscode.commands.executeCommand('fintechLens.exportDraft', { format: 'html', target, overwrite: false }), undefined);
    assert.equal((await vscode.workspace.fs.stat(target)).size, Buffer.byteLength(html), `unchanged (${size} characters)`);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('exports a Word file through pandoc with the preview\'s numbers and references', async function () {
    const { execFileSync } = await import('node:child_process');
    try {
      execFileSync('pandoc', ['--version']);
    } catch {
      assert.fail('this test needs pandoc on PATH (CI installs Debian\'s pandoc)');
    }
    await draft('word.md');
    const target = vscode.Uri.joinPath(folder(), 'word.docx');
    await remove(target);
    const written = await vscode.commands.executeCommand<vscode.Uri>('fintechLens.exportDraft', { format: 'docx', target });
    assert.equal(written?.toString(), target.toString());
    const plain = execFileSync('pandoc', ['-t', 'plain', '--wrap=none', target.fsPath], { encoding: 'utf8' }).replace(/[ \t]+/g, ' ');
    assert.match(plain, /参考文献/);
    assert.ok(plain.includes(`[1] ${formatReference(report, 'gbt7714-2025')}`), plain);
    assert.ok(plain.includes(`[2] ${formatReference(ENTRIES[1], 'gbt7714-2025')}`), plain);
    assert.ok(plain.includes(`[3] ${formatReference(ENTRIES[0], 'gbt7714-2025')}`), plain);
    // Pandoc's plain text writes a superscript as ^(…).
    assert.match(plain, /监管科技正在改变合规工作\^\(\[1\]第 1\.3 節\)/);
    // The title once (the draft's heading, no title block), the front matter hidden.
    assert.equal(plain.split('金融科技观察').length - 1, 1, plain);
    assert.doesNotMatch(plain, /bibliography/);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('exports a PDF through WeasyPrint from the exported HTML, with the preview\'s numbers and references', async function () {
    const { execFileSync } = await import('node:child_process');
    try {
      execFileSync('weasyprint', ['--version']);
    } catch {
      assert.fail('this test needs weasyprint on PATH (CI installs Debian\'s weasyprint)');
    }
    await draft('print.md');
    const target = vscode.Uri.joinPath(folder(), 'print.pdf');
    await remove(target);
    const written = await vscode.commands.executeCommand<vscode.Uri>('fintechLens.exportDraft', { format: 'pdf', target });
    assert.equal(written?.toString(), target.toString());
    const bytes = await vscode.workspace.fs.readFile(target);
    assert.equal(new TextDecoder('latin1').decode(bytes.subarray(0, 5)), '%PDF-');
    // Read back by the extension's own PDF import (the command line's, over the same readers).
    const cli = vscode.Uri.joinPath(vscode.extensions.getExtension('fintech-lens.fintech-lens')!.extensionUri, 'dist', 'cli.js').fsPath;
    const text = execFileSync(process.execPath, [cli, 'import', target.fsPath, '--out', '-', '--quiet'], { encoding: 'utf8' }).replace(/\\([[\]<>])/g, '$1');
    assert.match(text, /^# 金融科技观察$/m);
    assert.match(text, /^#+ 参考文献$/m);
    assert.ok(text.includes(`[1] ${formatReference(report, 'gbt7714-2025')}`), text);
    assert.ok(text.includes(`[3] ${formatReference(ENTRIES[0], 'gbt7714-2025')}`), text);
    assert.match(text, /监管科技正在改变合规工作\[1\]/);
    assert.doesNotMatch(text, /bibliography/);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
