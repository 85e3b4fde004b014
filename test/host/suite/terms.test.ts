import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { api, deleteFile, openDoc, until, workspaceUri, writeFile } from './helpers';

function hoverText(h: vscode.Hover): string {
  return h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : '')).join('\n');
}

async function hoverAt(doc: vscode.TextDocument, offset: number): Promise<vscode.Hover[]> {
  return (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, doc.positionAt(offset))) ?? [];
}

/** Our hovers only (other extensions may add theirs). */
async function ourHover(doc: vscode.TextDocument, offset: number): Promise<vscode.Hover | undefined> {
  return (await hoverAt(doc, offset)).find((h) => /Fintech|RegTech|监管|監管|fintech-2026|\*\*/.test(hoverText(h)));
}

/** Every Markdown link target in a hover that is not escaped. */
function linkTargets(md: string): string[] {
  return [...md.matchAll(/(?<!\\)\]\(([^)\s]*)/g)].map((m) => m[1]);
}

describe('terms: hover, completion, Go to Definition', function () {
  this.timeout(30000);
  const config = () => vscode.workspace.getConfiguration('fintechLens');

  before(async () => {
    await api();
    await config().update('displayScript', 'zh-Hans', vscode.ConfigurationTarget.Global);
  });
  after(async () => {
    await config().update('displayScript', undefined, vscode.ConfigurationTarget.Global);
    await config().update('hover.languages', undefined, vscode.ConfigurationTarget.Global);
  });

  it('hovers exactly the matched term, with forms, definition, sections and actions', async () => {
    const text = '我们关注监管科技的进展，以及普惠金融。';
    const doc = (await openDoc(text)).document;
    const h = await ourHover(doc, text.indexOf('科技'));
    assert.ok(h, 'hover shown');
    assert.ok(h.range, 'hover has a range');
    assert.equal(doc.getText(h.range), '监管科技');
    const md = hoverText(h);
    assert.ok(md.indexOf('监管科技') < md.indexOf('監管科技'), 'display script form first');
    assert.match(md, /RegTech/);
    assert.match(md, /command:fintechLens\.insertCitation/);
    assert.match(md, /command:fintechLens\.revealInTaxonomy/);
    assert.match(md, /command:fintechLens\.openReportLocation/, 'sections link to the bound report');
    for (const target of linkTargets(md)) assert.match(target, /^command:fintechLens\./);
  });

  it('matches Traditional, mixed-script and full-width forms, and respects English word boundaries', async () => {
    const text = '監管科技 | 供应鏈金融 | ＲｅｇＴｅｃｈ | TRAIN email Taiwan | AI大模型';
    const doc = (await openDoc(text)).document;
    const at = async (needle: string, inner = 1): Promise<string | undefined> => {
      const h = await ourHover(doc, text.indexOf(needle) + inner);
      return h?.range ? doc.getText(h.range) : undefined;
    };
    assert.equal(await at('監管科技'), '監管科技');
    assert.equal(await at('供应鏈金融', 2), '供应鏈金融');
    assert.equal(await at('ＲｅｇＴｅｃｈ'), 'ＲｅｇＴｅｃｈ');
    assert.equal(await at('TRAIN', 2), undefined, 'no AI inside TRAIN');
    assert.equal(await at('email', 2), undefined, 'no AI inside email');
    assert.equal(await at('Taiwan', 1), undefined, 'no AI inside Taiwan');
    assert.equal(await at('AI大模型', 0), 'AI');
    assert.equal(await at('大模型', 1), '大模型');
  });

  it('renders a pack\'s injected links and HTML inert, and trusts only our commands', async () => {
    const a = await api();
    const uri = workspaceUri('packs', 'inject.fintech-pack.json');
    const evil = 'Click [x](command:workbench.action.quit) <img src=x onerror=alert(1)> [y](javascript:alert(1)) <script>alert(1)</script>';
    const pack = {
      id: 'inject',
      version: '1.0.0',
      name: { en: 'Inject', 'zh-Hans': '注入', 'zh-Hant': '注入' },
      reportScript: 'en',
      reference: { id: 'inject2026', type: 'report', title: 'Injection test' },
      outline: [],
      taxonomy: [{ id: 'misc', label: { en: 'Misc', 'zh-Hans': '其他', 'zh-Hant': '其他' }, topics: [{ id: 'z', label: { en: 'Z', 'zh-Hans': 'Z', 'zh-Hant': 'Z' }, terms: ['zorbcoin'] }] }],
      glossary: [{ id: 'zorbcoin', forms: { en: 'zorbcoin', 'zh-Hans': '佐布币', 'zh-Hant': '佐布幣' }, definition: { en: evil, 'zh-Hans': evil, 'zh-Hant': evil }, category: 'misc' }],
    };
    await writeFile(uri, JSON.stringify(pack));
    try {
      await a.packs.reload();
      await until('injected pack loaded', () => a.packs.find('inject'));
      const text = 'A note on zorbcoin here.';
      const doc = (await openDoc(text)).document;
      const hovers = await hoverAt(doc, text.indexOf('zorbcoin') + 2);
      const h = hovers.find((x) => /zorbcoin/.test(hoverText(x)));
      assert.ok(h, 'hover shown for the injected term');
      for (const c of h.contents) {
        if (typeof c === 'string' || !('value' in c)) continue;
        const md = c as vscode.MarkdownString;
        assert.ok(!md.supportHtml, 'supportHtml is off');
        if (md.isTrusted !== undefined && md.isTrusted !== false) {
          assert.notEqual(md.isTrusted, true, 'never fully trusted');
          for (const cmd of (md.isTrusted as { enabledCommands: string[] }).enabledCommands) assert.match(cmd, /^fintechLens\./);
        }
        for (const target of linkTargets(md.value)) assert.match(target, /^command:fintechLens\./, `link ${target}`);
        assert.ok(!/<img|<script/i.test(md.value), 'no raw HTML');
        assert.ok(!/\]\(javascript:/i.test(md.value.replace(/\\\]\\\(/g, '')), 'no javascript: link');
      }
      assert.match(hoverText(h), /command:\u200B?workbench|workbench\\\.action/, 'the text is still shown, escaped');
    } finally {
      await deleteFile(uri);
      await a.packs.reload();
    }
  });

  it('hovers a term far into a very long line, reading only a window around it', async () => {
    const filler = 'x'.repeat(2_000_000);
    const text = `${filler} 区块链 ${filler}`;
    const doc = (await openDoc(text)).document;
    const at = filler.length + 2;
    const h = await ourHover(doc, at);
    assert.ok(h?.range, 'hover shown');
    assert.equal(doc.offsetAt(h.range.start), filler.length + 1);
    assert.equal(doc.getText(h.range), '区块链');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('follows fintechLens.hover.languages', async function () {
    // Each step waits for its own condition, and names it if it does not come (a loaded CI machine).
    this.timeout(90000);
    const text = 'blockchain and RegTech';
    const doc = (await openDoc(text, 'plaintext')).document;
    // The previous tests reload the packs (a pack file written and deleted): the hover comes once the index is back.
    await until('plain text hovers by default', () => ourHover(doc, text.indexOf('RegTech') + 1), 25000);
    try {
      const written = config().update('hover.languages', ['markdown'], vscode.ConfigurationTarget.Global);
      let timer: ReturnType<typeof setTimeout> | undefined;
      const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('timed out writing the setting')), 25000)));
      await Promise.race([Promise.resolve(written), late]).finally(() => clearTimeout(timer));
      await until('hover gone from plain text', async () => !(await ourHover(doc, text.indexOf('RegTech') + 1)), 25000);
    } finally {
      await config().update('hover.languages', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('completes pinyin initials right after Chinese, inserting the draft\'s script', async () => {
    const text = '这是一份简体草稿，讨论区块链与普惠金融。我们研究jgkj';
    const doc = (await openDoc(text)).document;
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, doc.positionAt(text.length));
    const item = list.items.find((i) => (typeof i.label === 'string' ? i.label : i.label.label) === '监管科技');
    assert.ok(item, list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label)).join(','));
    assert.equal(item.insertText, '监管科技');
    const range = item.range as vscode.Range;
    assert.equal(doc.getText(range), 'jgkj');
    assert.ok(item.documentation, 'documentation shows the definition');
  });

  it('completes a Traditional prefix in a Traditional draft', async () => {
    const text = '這份繁體草稿討論區塊鏈與普惠金融的發展。監管';
    const doc = (await openDoc(text)).document;
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, doc.positionAt(text.length));
    const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    assert.ok(labels.includes('監管科技'), labels.join(','));
    assert.ok(labels.includes('監管沙盒'), labels.join(','));
  });

  it('goes to the passage where the bound report introduces the term', async () => {
    const a = await api();
    const bound = await until('report bound', () => a.reports.get('fintech-2026'));
    const text = '关于监管沙盒的讨论';
    const doc = (await openDoc(text)).document;
    const locs = await vscode.commands.executeCommand<Array<vscode.Location | vscode.LocationLink>>('vscode.executeDefinitionProvider', doc.uri, doc.positionAt(text.indexOf('沙盒')));
    assert.equal(locs.length, 1);
    const loc = locs[0];
    const uri = 'uri' in loc ? loc.uri : loc.targetUri;
    const range = 'range' in loc ? loc.range : loc.targetRange;
    assert.equal(uri.toString(), bound.uri.toString());
    const report = await vscode.workspace.openTextDocument(uri);
    assert.match(report.getText(range), /監管沙盒|沙盒監管/);
  });

  it('goes to the pack entry when no report mentions the term', async () => {
    const text = 'zzz 量子计算 zzz';
    const doc = (await openDoc(text)).document;
    const locs = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeDefinitionProvider', doc.uri, doc.positionAt(text.indexOf('量子') + 1));
    assert.equal(locs.length, 1);
    const target = 'uri' in locs[0] ? locs[0].uri : (locs[0] as unknown as vscode.LocationLink).targetUri;
    if (/pack\.json$/.test(target.path)) {
      const pack = await vscode.workspace.openTextDocument(target);
      const line = pack.lineAt(('range' in locs[0] ? locs[0].range : (locs[0] as unknown as vscode.LocationLink).targetRange).start.line + 1).text;
      assert.match(line, /"id": "quantum/);
    } else {
      assert.match(target.path, /report\.txt$/);
    }
  });
});
