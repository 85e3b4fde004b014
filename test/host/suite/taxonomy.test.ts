// The Taxonomy view in a real extension host: children and labels per display script, passages from the bound
// report, clicks, coverage after edits and undo, the uncovered filter, reveal (command, cursor, filter picker),
// context-menu commands, drag and drop, the Definition view, and a second pack without a report.
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import type { FintechLensApi } from '../../../src/extension';
import { filterTaxonomy, type TaxonomyNode } from '../../../src/core/taxonomy';
import type { TaxonomyApi } from '../../../src/features/taxonomy/tree';
import { TREE_MIME } from '../../../src/features/taxonomy/drop';
import { api, deleteFile, stablecoinPack, until, workspaceUri, writeFile } from './helpers';

const PACK = 'fintech-2026';
const REGTECH_TOPIC = `p:${PACK}/c:regulation/t:regtech-tools`;
const REGTECH_TERM = `${REGTECH_TOPIC}/k:regtech`;

function labelOf(item: vscode.TreeItem): string {
  const l = item.label;
  return typeof l === 'string' ? l : l?.label ?? '';
}


async function openDraft(name: string): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(workspaceUri('notes', name));
  return vscode.window.showTextDocument(doc, { preview: false });
}

describe('taxonomy view', function () {
  this.timeout(60000);
  let a: FintechLensApi;
  let t: TaxonomyApi;
  const config = () => vscode.workspace.getConfiguration('fintechLens');
  const node = (id: string): TaxonomyNode => {
    const n = t.provider.tree.get(id);
    assert.ok(n, `node ${id}`);
    return n;
  };
  const regtechCount = () => t.provider.rollup?.get(node(REGTECH_TERM))?.count;

  before(async () => {
    a = await api();
    assert.ok(a.taxonomy, 'the API exposes the taxonomy view');
    t = a.taxonomy;
    await until('report bound', () => a.reports.get(PACK));
    await until('tree built with the report', async () => {
      await t.whenIdle();
      return t.provider.tree.report(PACK) && t.provider.getChildren().length > 0;
    });
  });

  after(async () => {
    await config().update('displayScript', undefined, vscode.ConfigurationTarget.Global);
    await config().update('taxonomy.followCursor', undefined, vscode.ConfigurationTarget.Global);
    t.provider.setUncoveredOnly(false);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('shows the seven categories and the outline branch, without a pack node for one pack', async () => {
    const roots = t.provider.getChildren();
    assert.deepEqual(roots.map((n) => n.kind), ['category', 'category', 'category', 'category', 'category', 'category', 'category', 'outline']);
    for (const r of roots) {
      const item = t.provider.getTreeItem(r);
      assert.equal(item.id, r.id);
      assert.equal(item.collapsibleState, vscode.TreeItemCollapsibleState.Collapsed);
    }
    assert.equal(t.view.message, undefined, 'no "add the report" message when the report is bound');
  });

  it('labels nodes in the display script, with the other forms in the description', async () => {
    await config().update('displayScript', 'zh-Hans', vscode.ConfigurationTarget.Global);
    await until('zh-Hans labels', async () => (await t.whenIdle(), t.provider.script === 'zh-Hans'));
    const term = t.provider.getTreeItem(node(REGTECH_TERM));
    assert.equal(labelOf(term), '监管科技');
    assert.match(String(term.description), /監管科技 · RegTech$/);
    assert.equal(labelOf(t.provider.getTreeItem(node(`p:${PACK}/c:regulation`))), '监管与合规');
    const tip = term.tooltip as vscode.MarkdownString;
    assert.ok(tip instanceof vscode.MarkdownString, 'definition tooltip as Markdown');
    assert.equal(tip.supportHtml, false);
    assert.match(tip.value, /监管机构/);

    await config().update('displayScript', 'zh-Hant', vscode.ConfigurationTarget.Global);
    await until('zh-Hant labels', async () => (await t.whenIdle(), t.provider.script === 'zh-Hant'));
    assert.equal(labelOf(t.provider.getTreeItem(node(`p:${PACK}/c:regulation`))), '監管與合規');
    assert.equal(labelOf(t.provider.getTreeItem(node(REGTECH_TERM))), '監管科技');

    await config().update('displayScript', 'en', vscode.ConfigurationTarget.Global);
    await until('English labels', async () => (await t.whenIdle(), t.provider.script === 'en'));
    assert.equal(labelOf(t.provider.getTreeItem(node(`p:${PACK}/c:regulation`))), 'Regulation and compliance');
    const en = t.provider.getTreeItem(node(REGTECH_TERM));
    assert.equal(labelOf(en), 'RegTech');
    assert.match(String(en.description), /监管科技 · 監管科技$/);
    assert.equal(en.command?.command, 'fintechLens.showDefinition');
  });

  it('lists under RegTech the passages of the regulation section, found in the bound report', async () => {
    const topic = node(REGTECH_TOPIC);
    const kids = t.provider.getChildren(topic);
    const passages = kids.filter((k) => k.kind === 'passage');
    assert.ok(passages.length >= 1);
    assert.equal(passages[0].sectionId, '1.3');
    const bound = a.reports.get(PACK)!;
    const p = passages[0].passage!;
    assert.match(bound.text.slice(p.range.start, p.range.end), /監管科技/);
    const item = t.provider.getTreeItem(passages[0]);
    assert.match(labelOf(item), /監管科技|RegTech/);
    assert.match(String(item.description), /1\.3 ¶1/);
    assert.match(String(item.contextValue), /\bpassage\b/);
    assert.match(String(item.contextValue), /\bbound\b/);
    assert.equal(t.provider.getParent(passages[0]), topic);
  });

  it('selects the passage in report.txt when it is clicked', async () => {
    const passage = t.provider.getChildren(node(REGTECH_TOPIC)).find((k) => k.kind === 'passage')!;
    const cmd = t.provider.getTreeItem(passage).command!;
    assert.equal(cmd.command, 'fintechLens.openReportLocation');
    await vscode.commands.executeCommand(cmd.command, ...(cmd.arguments ?? []));
    const editor = await until('report opened', () => {
      const e = vscode.window.activeTextEditor;
      return e && /report\.txt$/.test(e.document.uri.path) ? e : undefined;
    });
    const doc = editor.document;
    const range = passage.passage!.range;
    assert.equal(doc.offsetAt(editor.selection.start), range.start);
    assert.equal(doc.offsetAt(editor.selection.end), range.end);
    assert.match(doc.getText(editor.selection), /監管科技/);
  });

  it('raises the RegTech count when RegTech or 监管科技 is typed into the draft, and after undo', async () => {
    const editor = await openDraft('draft-zh-hans.md');
    await until('draft tracked', async () => (await t.whenIdle(), t.provider.draft === editor.document));
    const before = regtechCount();
    assert.ok(before !== undefined && before >= 1, `the draft mentions RegTech (${before})`);
    assert.match(String(t.provider.getTreeItem(node(REGTECH_TERM)).description), new RegExp(`^${before}×`));

    const fired: Array<TaxonomyNode | TaxonomyNode[] | undefined> = [];
    const sub = t.provider.onDidChangeTreeData((e) => fired.push(e));
    // A pack, report or term reload meanwhile (a file or settings event from an earlier suite's clean-up) rightly
    // refreshes the whole tree: then the two edits are undone and made again, up to three times.
    let reloads = 0;
    const reloaded = [a.packs.onDidChange(() => reloads++), a.reports.onDidChange(() => reloads++), a.terms.onDidChange(() => reloads++)];
    const undoBoth = async () => {
      await vscode.window.showTextDocument(editor.document);
      await vscode.commands.executeCommand('undo');
      await until('count after undo', async () => (await t.whenIdle(), regtechCount() === before + 1));
      await vscode.commands.executeCommand('undo');
      await until('count after second undo', async () => (await t.whenIdle(), regtechCount() === before));
    };
    try {
      for (let attempt = 1; ; attempt++) {
        fired.length = 0;
        reloads = 0;
        const end = editor.document.lineAt(editor.document.lineCount - 1).range.end;
        const edit = new vscode.WorkspaceEdit();
        edit.insert(editor.document.uri, end, '\n\n监管科技');
        assert.ok(await vscode.workspace.applyEdit(edit));
        await until('count after 监管科技', async () => (await t.whenIdle(), regtechCount() === before + 1));

        const edit2 = new vscode.WorkspaceEdit();
        edit2.insert(editor.document.uri, editor.document.lineAt(editor.document.lineCount - 1).range.end, ' RegTech');
        assert.ok(await vscode.workspace.applyEdit(edit2));
        await until('count after RegTech', async () => (await t.whenIdle(), regtechCount() === before + 2));
        if (reloads === 0 || attempt === 3) break;
        await undoBoth();
      }

      // Only the changed nodes were refreshed, not the whole tree.
      assert.equal(reloads, 0, 'a reload during each of three attempts');
      assert.ok(fired.length > 0);
      assert.ok(fired.every((e) => e !== undefined), 'no full refresh for a count change');
      const ids = fired.flatMap((e) => (Array.isArray(e) ? e : [e!])).map((n) => n.id);
      assert.ok(ids.includes(REGTECH_TERM));
      assert.ok(ids.includes(REGTECH_TOPIC));
      assert.ok(!ids.includes(`p:${PACK}/c:regions`));

      await undoBoth();
    } finally {
      sub.dispose();
      for (const d of reloaded) d.dispose();
    }
    assert.match(String(t.provider.getTreeItem(node(REGTECH_TERM)).contextValue), /\bcovered\b/);
    const quantum = t.provider.getTreeItem(t.provider.tree.termNodes(PACK, 'quantum-computing')[0]);
    assert.match(String(quantum.contextValue), /\buncovered\b/);
    assert.match(String(quantum.description), /^0×/);
    const icon = quantum.iconPath as vscode.ThemeIcon;
    const coveredIcon = t.provider.getTreeItem(node(REGTECH_TERM)).iconPath as vscode.ThemeIcon;
    assert.notDeepEqual([icon.id, icon.color?.id], [coveredIcon.id, coveredIcon.color?.id], 'uncovered nodes look different');
  });

  it('follows the active Markdown editor, and keeps the draft while the report is shown', async () => {
    const zh = await openDraft('draft-zh-hans.md');
    await until('zh draft', async () => (await t.whenIdle(), t.provider.draft === zh.document));
    const en = await openDraft('draft-en.md');
    await until('en draft', async () => (await t.whenIdle(), t.provider.draft === en.document));
    assert.equal(t.view.description, 'draft-en.md');
    // draft-en mentions inclusive finance but not 大模型.
    assert.ok((t.provider.rollup!.get(t.provider.tree.termNodes(PACK, 'inclusive-finance')[0])!.count) >= 1);
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(a.reports.get(PACK)!.uri));
    await t.whenIdle();
    assert.equal(t.provider.draft, en.document, 'the report (plain text) does not replace the draft');
  });

  it('filters the tree to what the draft does not cover, and back', async () => {
    const zh = await openDraft('draft-zh-hans.md');
    await until('zh draft', async () => (await t.whenIdle(), t.provider.draft === zh.document));
    await vscode.commands.executeCommand('fintechLens.taxonomy.showUncovered');
    assert.equal(t.provider.uncoveredOnly, true);
    const roots = t.provider.getChildren();
    assert.ok(!roots.some((n) => n.kind === 'outline'));
    const topicKids = t.provider.getChildren(node(REGTECH_TOPIC));
    assert.ok(!topicKids.some((n) => n.kind === 'term' && n.termId === 'regtech'), 'covered term hidden');
    assert.ok(topicKids.some((n) => n.kind === 'term' && n.termId === 'compliance-technology'), 'uncovered term shown');
    assert.match(t.view.message ?? '', /draft-zh-hans\.md/);
    await vscode.commands.executeCommand('fintechLens.taxonomy.showAll');
    assert.equal(t.provider.uncoveredOnly, false);
    assert.ok(t.provider.getChildren(node(REGTECH_TOPIC)).some((n) => n.termId === 'regtech'));
    assert.equal(t.view.message, undefined);
  });

  it('reveals a term by command, under the cursor, and while following the cursor', async () => {
    await vscode.commands.executeCommand('fintechLens.revealInTaxonomy', { packId: PACK, termId: 'regulatory-sandbox' });
    const sandbox = t.provider.tree.termNodes(PACK, 'regulatory-sandbox')[0];
    await until('sandbox selected', () => t.view.selection[0]?.id === sandbox.id);
    assert.equal(t.view.visible, true);

    const editor = await openDraft('draft-zh-hans.md');
    const offset = editor.document.getText().indexOf('监管科技');
    const pos = editor.document.positionAt(offset + 1);
    editor.selection = new vscode.Selection(pos, pos);
    await vscode.commands.executeCommand('fintechLens.revealInTaxonomy');
    await until('regtech selected', () => t.view.selection[0]?.id === REGTECH_TERM);

    await config().update('taxonomy.followCursor', true, vscode.ConfigurationTarget.Global);
    const e2 = await openDraft('draft-zh-hans.md');
    const b = e2.document.positionAt(e2.document.getText().indexOf('区块链') + 1);
    e2.selection = new vscode.Selection(b, b);
    const blockchain = t.provider.tree.termNodes(PACK, 'blockchain')[0];
    await until('blockchain followed', () => t.view.selection[0]?.id === blockchain.id);
    await config().update('taxonomy.followCursor', undefined, vscode.ConfigurationTarget.Global);
  });

  it('Filter Taxonomy finds 監管科技 by pinyin initials and reveals the choice', async () => {
    await vscode.commands.executeCommand('fintechLens.taxonomy.showAll');
    await vscode.commands.executeCommand('fintechLens.revealInTaxonomy', { packId: PACK, termId: 'blockchain' });
    await vscode.commands.executeCommand('fintechLens.filterTaxonomy', { query: 'jgkj' });
    const qp = await until('picker open', () => t.commands.quickPick);
    assert.equal(qp.items[0].node.id, REGTECH_TERM);
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    await until('regtech revealed', () => t.view.selection[0]?.id === REGTECH_TERM);

    await vscode.commands.executeCommand('fintechLens.filterTaxonomy', { query: 'jianguan' });
    const qp2 = await until('picker open again', () => t.commands.quickPick);
    assert.ok(qp2.items.some((i) => i.node.id === REGTECH_TERM));
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    await until('picker closed', () => !t.commands.quickPick);
    // Collapsed nodes are offered too: the section and the category, found by title in Simplified Chinese.
    const sections = filterTaxonomy(t.provider.filter(), '监管与合规');
    assert.ok(sections.some((e) => e.node.kind === 'section' && e.node.sectionId === '1.3'));
    assert.ok(sections.some((e) => e.node.kind === 'category' && e.node.categoryId === 'regulation'));
  });

  it('inserts the term in the draft\'s script and a citation from the context menu', async () => {
    const zh = await openDraft('draft-zh-hans.md');
    const end = zh.document.lineAt(zh.document.lineCount - 1).range.end;
    zh.selection = new vscode.Selection(end, end);
    const before = zh.document.getText();
    await vscode.commands.executeCommand('fintechLens.tree.insertTerm', node(REGTECH_TERM));
    assert.equal(zh.document.getText(), before + '监管科技');

    const en = await openDraft('draft-en.md');
    const endEn = en.document.lineAt(en.document.lineCount - 1).range.end;
    en.selection = new vscode.Selection(endEn, endEn);
    const beforeEn = en.document.getText();
    await vscode.commands.executeCommand('fintechLens.tree.insertTerm', node(REGTECH_TERM));
    assert.equal(en.document.getText(), beforeEn + 'RegTech');

    const passage = t.provider.getChildren(node(REGTECH_TOPIC)).find((k) => k.kind === 'passage')!;
    const beforeCite = en.document.getText();
    await vscode.commands.executeCommand('fintechLens.tree.insertCitation', passage);
    await until('citation inserted', () => en.document.getText() !== beforeCite);
    assert.ok(!/zhongyan2026jinrong/.test(beforeCite));
    assert.match(en.document.getText(), /zhongyan2026jinrong[^\n]*1\.3/);

    await vscode.commands.executeCommand('fintechLens.tree.copyDefinition', node(REGTECH_TERM));
    const term = a.terms.lookup(PACK, 'regtech')!.term;
    assert.equal(await vscode.env.clipboard.readText(), term.definition[t.provider.script]);

    for (const d of [zh.document, en.document]) {
      await vscode.window.showTextDocument(d);
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
  });

  it('drops a term as text in the draft\'s script and a section as a citation', async () => {
    const zh = await vscode.workspace.openTextDocument(workspaceUri('notes', 'draft-zh-hans.md'));
    const pos = new vscode.Position(0, 0);
    const termEdit = await t.drop.dropEdit(zh, pos, [node(REGTECH_TERM)]);
    assert.equal(termEdit?.insertText, '监管科技');

    // Through the drag controller and the provider, as a real drag does.
    const dt = new vscode.DataTransfer();
    t.dragAndDrop.handleDrag([t.provider.tree.sectionNode(PACK, '1.3')!], dt);
    assert.ok(dt.get(TREE_MIME), 'the tree MIME type is set');
    const cts = new vscode.CancellationTokenSource();
    // Into the heading's text: at the start of its line, a citation would end the heading.
    const inText = new vscode.Position(0, 4);
    const sectionEdit = await t.drop.provideDocumentDropEdits(zh, inText, dt, cts.token);
    assert.ok(sectionEdit);
    assert.match(String(sectionEdit.insertText instanceof vscode.SnippetString ? sectionEdit.insertText.value : sectionEdit.insertText), /zhongyan2026jinrong.*1\.3/);
    // Dropped before the heading's `#`: the drop inserts nothing there, and the citation goes into the heading's text.
    const moved = await t.drop.provideDocumentDropEdits(zh, pos, dt, cts.token);
    assert.equal(moved?.insertText, '');
    const movedEdits = moved.additionalEdit?.get(zh.uri) ?? [];
    assert.ok(movedEdits.some((e) => e.range.start.line === 0 && e.range.start.character > 0 && /zhongyan2026jinrong/.test(e.newText)),
      JSON.stringify(movedEdits));

    const passage = t.provider.getChildren(node(REGTECH_TOPIC)).find((k) => k.kind === 'passage')!;
    const pEdit = await t.drop.dropEdit(zh, inText, [passage]);
    assert.match(String(pEdit?.insertText instanceof vscode.SnippetString ? pEdit.insertText.value : pEdit?.insertText), /1\.3.*(para|¶|段)?/);

    // The workbench's own payload (item handles) resolves too.
    const raw = new vscode.DataTransfer();
    raw.set(TREE_MIME, new vscode.DataTransferItem(JSON.stringify({ id: 'fintechLens.taxonomy', itemHandles: [`1/${REGTECH_TERM}`] })));
    const fromHandles = await t.drop.provideDocumentDropEdits(zh, pos, raw, cts.token);
    assert.equal(fromHandles?.insertText, '监管科技');
  });

  it('shows a term\'s definition card, escaped and script-free, in the Definition view', async () => {
    await config().update('displayScript', 'zh-Hans', vscode.ConfigurationTarget.Global);
    await until('zh-Hans', async () => (await t.whenIdle(), t.provider.script === 'zh-Hans'));
    const cmd = t.provider.getTreeItem(node(REGTECH_TERM)).command!;
    await vscode.commands.executeCommand(cmd.command, ...(cmd.arguments ?? []));
    assert.deepEqual(t.glossary.current, { packId: PACK, termId: 'regtech' });
    const html = t.glossary.html;
    assert.match(html, /<h1>监管科技<\/h1>/);
    assert.match(html, /监管机构/);
    assert.match(html, /default-src 'none'/);
    assert.ok(!/<script/i.test(html));
    assert.match(html, /href="command:fintechLens\.openReportLocation\?/);
    await until('definition view resolved', () => t.glossary.resolved, 15000);
  });

  it('shows pack nodes for two packs, and section references for a pack without a report', async () => {
    const uri = workspaceUri('packs', 'tree-extra.fintech-pack.json');
    const extra = stablecoinPack('tree-extra', [{ id: 'x1', title: 'Stablecoins and their reserves' }, { id: 'x2', title: 'Tokenised deposits at banks' }], ['x1']);
    const regtechId = node(REGTECH_TERM).id;
    await writeFile(uri, JSON.stringify(extra, null, 2));
    try {
      await a.packs.reload();
      await until('two packs in the tree', async () => (await t.whenIdle(), t.provider.getChildren().length === 2));
      const roots = t.provider.getChildren();
      assert.deepEqual(roots.map((r) => [r.kind, r.packId]), [['pack', PACK], ['pack', 'tree-extra']]);
      assert.equal(t.provider.getTreeItem(roots[0]).collapsibleState, vscode.TreeItemCollapsibleState.Expanded);
      // Ids do not change when the tree is rebuilt, so what was expanded stays expanded.
      assert.equal(t.provider.tree.termNodes(PACK, 'regtech')[0].id, regtechId);
      assert.equal(t.provider.getParent(t.provider.tree.get(`p:${PACK}/c:regulation`)!)?.id, `p:${PACK}`);
      const term = t.provider.tree.termNodes('tree-extra', 'stablecoin')[0];
      const kids = t.provider.getChildren(term);
      assert.deepEqual(kids.map((k) => [k.kind, k.sectionId, !!k.ref]), [['section', 'x1', true]]);
      assert.match(labelOf(t.provider.getTreeItem(kids[0])), /^1 Stablecoins/);
      assert.match(t.view.message ?? '', /report/i, 'the view explains how to add the report');
      // Reveal still works with the extra level.
      await vscode.commands.executeCommand('fintechLens.revealInTaxonomy', { packId: PACK, termId: 'regtech' });
      await until('regtech selected under its pack', () => t.view.selection[0]?.id === REGTECH_TERM);
    } finally {
      await deleteFile(uri);
      await a.packs.reload();
    }
    await until('one pack again', async () => (await t.whenIdle(), t.provider.getChildren().length === 8));
    assert.equal(t.view.message, undefined);
  });

  it('shows everything valid of a pack with duplicate ids, an empty category and missing translations', async () => {
    const uri = workspaceUri('packs', 'tree-broken.fintech-pack.json');
    const L = (en: string, zh: string) => ({ en, 'zh-Hans': zh, 'zh-Hant': zh });
    const good = { id: 'good', forms: L('good term', '好术语'), definition: L('A good term.', '好的术语。'), category: 'c' };
    const broken = {
      id: 'tree-broken',
      version: '1.0.0',
      name: { en: 'Broken tree' },
      reportScript: 'en',
      reference: { id: 'broken2026', type: 'report', title: 'Broken report' },
      outline: [{ id: 'b1', number: '1', title: 'Alpha beta gamma delta', level: 1 }, { id: 'b1', number: '2', title: 'Duplicate', level: 1 }],
      taxonomy: [
        { id: 'c', label: { en: 'Only English' }, topics: [{ id: 't', label: L('Topic', '主题'), terms: ['good', 'ghost'] }] },
        { id: 'empty', label: L('Empty', '空'), topics: [] },
      ],
      glossary: [good, { ...good, definition: L('Again.', '再次。') }],
    };
    await writeFile(uri, JSON.stringify(broken, null, 2));
    try {
      await a.packs.reload();
      const diags = await until('pack diagnostics', () => {
        const d = vscode.languages.getDiagnostics(uri);
        return d.length >= 4 ? d : undefined;
      });
      const codes = new Set(diags.map((d) => String(typeof d.code === 'object' ? d.code.value : d.code)));
      for (const c of ['pack.duplicate-id', 'pack.empty-category', 'pack.unknown-ref', 'pack.missing-translation']) assert.ok(codes.has(c), `${c} in ${[...codes].join(', ')}`);
      await until('broken pack in the tree', async () => (await t.whenIdle(), t.provider.tree.packNode('tree-broken')));
      const packNode = t.provider.tree.packNode('tree-broken')!;
      const kids = t.provider.getChildren(packNode);
      assert.deepEqual(kids.map((k) => k.id), ['p:tree-broken/c:c', 'p:tree-broken/c:empty', 'p:tree-broken/outline']);
      await config().update('displayScript', 'zh-Hans', vscode.ConfigurationTarget.Global);
      await until('zh-Hans', async () => (await t.whenIdle(), t.provider.script === 'zh-Hans'));
      assert.equal(labelOf(t.provider.getTreeItem(t.provider.tree.get('p:tree-broken/c:c')!)), 'Only English', 'a missing translation falls back');
      assert.equal(t.provider.getTreeItem(t.provider.tree.get('p:tree-broken/c:empty')!).collapsibleState, vscode.TreeItemCollapsibleState.None);
      const topic = t.provider.tree.get('p:tree-broken/c:c/t:t')!;
      assert.deepEqual(t.provider.getChildren(topic).filter((k) => k.kind === 'term').map((k) => k.termId), ['good']);
      assert.deepEqual(t.provider.getChildren(t.provider.tree.get('p:tree-broken/outline')!).map((k) => k.sectionId), ['b1']);
    } finally {
      await deleteFile(uri);
      await a.packs.reload();
    }
    await until('one pack again', async () => (await t.whenIdle(), t.provider.getChildren().length === 8));
  });
});
