import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { api, closeAll, deleteFile, openDoc, until, workspaceUri, writeFile } from './helpers';

const FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append('fintechLens');

function lintDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Fintech Lens');
}

/** [code, flagged text] of each lint diagnostic, in document order. */
function described(doc: vscode.TextDocument): Array<[string, string]> {
  return lintDiagnostics(doc.uri)
    .sort((a, b) => doc.offsetAt(a.range.start) - doc.offsetAt(b.range.start))
    .map((d) => [String(d.code), doc.getText(d.range)]);
}

/** Waits until the document's lint diagnostics are exactly `expected`. */
async function diagnosticsAre(doc: vscode.TextDocument, expected: Array<[string, string]>, ms = 10000): Promise<void> {
  await until(`diagnostics ${JSON.stringify(expected)} (now ${JSON.stringify(described(doc))})`, () => JSON.stringify(described(doc)) === JSON.stringify(expected), ms);
}

async function codeActions(doc: vscode.TextDocument, range: vscode.Range, kind?: vscode.CodeActionKind): Promise<vscode.CodeAction[]> {
  return (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, range, kind?.value)) ?? [];
}

describe('lint: terminology diagnostics and quick fixes', function () {
  this.timeout(40000);
  const config = () => vscode.workspace.getConfiguration('fintechLens');
  const SETTINGS = ['lint.enabled', 'lint.script', 'lint.scriptConsistency', 'lint.preferredForm', 'lint.abbreviationFirstUse', 'lint.inconsistentForms'];

  before(async () => {
    await api();
  });
  afterEach(async () => {
    for (const s of SETTINGS) if (config().inspect(s)?.globalValue !== undefined) await config().update(s, undefined, vscode.ConfigurationTarget.Global);
    await closeAll();
  });

  const DRAFT = [
    '# 行业笔记',
    '',
    'AI 正在改变这个行业，人工智能的应用越来越广。監管科技和供应鏈金融是这些机构的重点，人工智慧也是。',
    '',
    '区块链技术应用广泛，区块链的优势明显，blockchain 也被称为分布式账本。',
    '',
    '> 監管科技是报告原文的说法。',
    '',
    '```',
    '監管科技 = "code"',
    '```',
    '',
    '见 `監管科技` 与 [链接](https://example.com/監管科技)。',
    '',
  ].join('\n');
  const EXPECTED: Array<[string, string]> = [
    ['abbreviation-first-use', 'AI'],
    ['script-consistency', '監管科技'],
    ['script-consistency', '供应鏈金融'],
    ['preferred-form', '人工智慧'],
    ['inconsistent-forms', 'blockchain'],
  ];

  it('shows one diagnostic per finding, with source, code, severity and message, outside code, quotes and URLs', async () => {
    const doc = (await openDoc(DRAFT)).document;
    await diagnosticsAre(doc, EXPECTED);
    const diags = lintDiagnostics(doc.uri);
    const by = (code: string) => diags.find((d) => d.code === code)!;
    assert.equal(by('script-consistency').severity, vscode.DiagnosticSeverity.Warning);
    assert.equal(by('inconsistent-forms').severity, vscode.DiagnosticSeverity.Information);
    assert.match(by('preferred-form').message, /人工智慧.*人工智能/);
    assert.match(by('abbreviation-first-use').message, /人工智能（AI）/);
    const script = diags.filter((d) => d.code === 'script-consistency');
    assert.equal(script[0].range.start.line, 2, 'the quotation, the code and the URL are not flagged');
  });

  it('applies a quick fix through the code action provider', async () => {
    const doc = (await openDoc(DRAFT)).document;
    await diagnosticsAre(doc, EXPECTED);
    const diag = lintDiagnostics(doc.uri).find((d) => d.code === 'script-consistency')!;
    const actions = await codeActions(doc, diag.range, vscode.CodeActionKind.QuickFix);
    const fix = actions.find((a) => a.title.includes('监管科技'));
    assert.ok(fix, `a quick fix among ${actions.map((a) => a.title).join(' | ')}`);
    assert.ok(fix.kind && vscode.CodeActionKind.QuickFix.contains(fix.kind));
    assert.equal(fix.isPreferred, true);
    assert.ok(fix.edit);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.equal(doc.getText(), DRAFT.replace('監管科技和', '监管科技和'));
    await diagnosticsAre(doc, EXPECTED.filter(([c, t]) => !(c === 'script-consistency' && t === '監管科技')));
  });

  it('offers a quick fix for every rule, each changing only its range', async () => {
    const doc = (await openDoc(DRAFT)).document;
    await diagnosticsAre(doc, EXPECTED);
    // [text before, text after, replacement named in the action's title]
    const wanted: Record<string, [string, string, string]> = {
      'abbreviation-first-use': ['AI 正在', '人工智能（AI） 正在', '人工智能（AI）'],
      'script-consistency': ['供应鏈金融', '供应链金融', '供应链金融'],
      'preferred-form': ['人工智慧也是', '人工智能也是', '人工智能'],
      'inconsistent-forms': ['blockchain 也被', '区块链 也被', '区块链'],
    };
    for (const [code, [before, after, replacement]] of Object.entries(wanted)) {
      const diag = lintDiagnostics(doc.uri).find((d) => d.code === code && (code !== 'script-consistency' || doc.getText(d.range) === '供应鏈金融'))!;
      const actions = await codeActions(doc, diag.range, vscode.CodeActionKind.QuickFix);
      const fix = actions.find((a) => a.title.includes(`'${replacement}'`));
      assert.ok(fix?.edit, `${code}: ${actions.map((a) => a.title).join(' | ')}`);
      const entries = fix.edit.get(doc.uri);
      assert.equal(entries.length, 1, code);
      const expected = DRAFT.replace(before, after);
      const edited = doc.getText().slice(0, doc.offsetAt(entries[0].range.start)) + entries[0].newText + doc.getText().slice(doc.offsetAt(entries[0].range.end));
      assert.equal(edited, expected, code);
    }
  });

  it('fixes everything in one undo step (source.fixAll action)', async () => {
    const editor = await openDoc(DRAFT);
    const doc = editor.document;
    await diagnosticsAre(doc, EXPECTED);
    const full = new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length));
    const actions = (await codeActions(doc, full, FIX_ALL_KIND)).filter((a) => a.kind && FIX_ALL_KIND.contains(a.kind));
    assert.equal(actions.length, 1, actions.map((a) => `${a.kind?.value}: ${a.title}`).join(' | '));
    assert.equal(actions[0].title, vscode.l10n.t('Fix all terminology issues'));
    assert.ok(await vscode.workspace.applyEdit(actions[0].edit!));
    const fixed = DRAFT.replace('AI 正在', '人工智能（AI） 正在')
      .replace('監管科技和', '监管科技和')
      .replace('供应鏈金融', '供应链金融')
      .replace('人工智慧也是', '人工智能也是')
      .replace('blockchain 也被', '区块链 也被');
    assert.equal(doc.getText(), fixed);
    await diagnosticsAre(doc, []);
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('undo');
    assert.equal(doc.getText(), DRAFT, 'one undo restores the original');
    await diagnosticsAre(doc, EXPECTED);
  });

  it('offers Fix all in the light bulb beside the quick fixes', async () => {
    const doc = (await openDoc(DRAFT)).document;
    await diagnosticsAre(doc, EXPECTED);
    const diag = lintDiagnostics(doc.uri).find((d) => d.code === 'preferred-form')!;
    const actions = await codeActions(doc, diag.range);
    const titles = actions.map((a) => a.title);
    assert.ok(titles.includes(vscode.l10n.t('Fix all terminology issues')), titles.join(' | '));
  });

  it('fixes a file on disk with the Fix All command, in one undo step', async () => {
    const uri = workspaceUri('notes', 'lint-fix-all.md');
    const text = '# 这份笔记\r\n\r\nRegtech 很重要，監管科技也很重要，这是我们说的。\r\n';
    await writeFile(uri, text);
    try {
      const doc = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(doc);
      await diagnosticsAre(doc, [['abbreviation-first-use', 'Regtech'], ['preferred-form', 'Regtech'], ['script-consistency', '監管科技']]);
      const count = await vscode.commands.executeCommand<number>('fintechLens.lint.fixAll');
      assert.equal(count, 2);
      assert.equal(doc.getText(), '# 这份笔记\r\n\r\n监管科技（RegTech） 很重要，监管科技也很重要，这是我们说的。\r\n');
      await vscode.commands.executeCommand('undo');
      assert.equal(doc.getText(), text);
      await vscode.commands.executeCommand('workbench.action.files.revert');
    } finally {
      await closeAll();
      await deleteFile(uri);
    }
  });

  it('follows the settings: severity, off, script and enabled', async () => {
    const doc = (await openDoc(DRAFT)).document;
    await diagnosticsAre(doc, EXPECTED);
    await config().update('lint.scriptConsistency', 'error', vscode.ConfigurationTarget.Global);
    await until('error severity', () => lintDiagnostics(doc.uri).filter((d) => d.code === 'script-consistency').every((d) => d.severity === vscode.DiagnosticSeverity.Error) || undefined);
    await config().update('lint.inconsistentForms', 'off', vscode.ConfigurationTarget.Global);
    await diagnosticsAre(doc, EXPECTED.filter(([c]) => c !== 'inconsistent-forms'));
    await config().update('lint.script', 'zh-Hant', vscode.ConfigurationTarget.Global);
    await until('Traditional draft script', () => described(doc).some(([c, t]) => c === 'script-consistency' && t === '区块链') || undefined);
    await config().update('lint.enabled', false, vscode.ConfigurationTarget.Global);
    await diagnosticsAre(doc, []);
    await config().update('lint.enabled', undefined, vscode.ConfigurationTarget.Global);
    await until('diagnostics again', () => described(doc).length > 0 || undefined);
  });

  it('updates after typing, and honours disable comments', async () => {
    const editor = await openDoc('这份报告说明监管科技的发展。\n');
    const doc = editor.document;
    await diagnosticsAre(doc, []);
    await editor.edit((b) => b.insert(doc.positionAt(doc.getText().length), '監管科技也在发展。\n'));
    await diagnosticsAre(doc, [['script-consistency', '監管科技']]);
    await editor.edit((b) => b.insert(doc.positionAt(doc.getText().indexOf('監管')), '<!-- fintech-lens-disable-line script-consistency --> '));
    await diagnosticsAre(doc, []);
  });

  it('lints nothing but Markdown', async () => {
    const doc = (await openDoc('這份報告說明监管科技的发展。監管科技。', 'plaintext')).document;
    // The same text as Markdown, opened after it, is linted: once it has its diagnostics, the plain-text
    // document has had every chance to get its own.
    const markdown = (await openDoc('這份報告說明监管科技的发展。監管科技。')).document;
    await until('the Markdown copy is linted', () => lintDiagnostics(markdown.uri).length > 0);
    assert.deepEqual(lintDiagnostics(doc.uri), []);
  });

  it('clears the diagnostics of a closed document', async () => {
    const doc = (await openDoc(DRAFT)).document;
    await diagnosticsAre(doc, EXPECTED);
    const uri = doc.uri;
    await closeAll();
    await until('diagnostics cleared', () => lintDiagnostics(uri).length === 0 || undefined);
  });
});
