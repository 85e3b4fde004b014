import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { formatReference } from '../../../src/core/citations';
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
        return list.length === 3 && (system === 'numeric' ? list[0][1] === expected(report) : list.some(([, t]) => /\d{4}/.test(t))) && h;
      });
      const list = listOf(html);
      if (system === 'numeric') {
        assert.deepEqual(list.map(([, t]) => t), [expected(report), expected(ENTRIES[1]), expected(ENTRIES[0])]);
      } else if (style === 'apa7') {
        assert.deepEqual(list.map(([, t]) => t).sort(), [expected(report), expected(ENTRIES[1]), expected(ENTRIES[0])].sort());
        assert.match(html, /\(<a class="fl-cite-link" href="#ref-smith2020open">Smith, 2020<\/a>\)/);
      } else {
        assert.match(html, /（<a class="fl-cite-link" href="#ref-smith2020open">Smith，2020<\/a>）/);
        assert.ok(list.some(([, t]) => t.startsWith('陈登原. 2000. 国史旧闻')), JSON.stringify(list));
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
});
