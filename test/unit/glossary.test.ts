import { strict as assert } from 'node:assert';
import * as fs from 'fs';
import { escapeMarkdown, orderedForms, renderTermCard, resolveDisplayScript, categoryPath, type TermCardInput } from '../../src/core/glossary/card';
import { completeTerms, prepareCompletion } from '../../src/core/glossary/complete';
import { loadPack } from '../../src/core/pack/load';
import type { GlossaryTerm, ReportPack } from '../../src/core/pack/types';
import { parseMarkdownTree } from '../../src/core/report';

const pack = loadPack(fs.readFileSync('media/packs/fintech-2026/pack.json', 'utf8')).pack as ReportPack;
const term = (id: string): GlossaryTerm => pack.glossary.find((t) => t.id === id)!;

interface MdNode { type: string; url?: string; children?: MdNode[] }
function nodes(md: string): MdNode[] {
  const out: MdNode[] = [];
  const walk = (n: MdNode): void => {
    out.push(n);
    for (const c of n.children ?? []) walk(c);
  };
  walk(parseMarkdownTree(md) as unknown as MdNode);
  return out;
}

const labels = { definition: 'Definition', otherDefinitions: 'Other', sections: 'In the report', related: 'Related', category: 'Category' };

describe('term card', () => {
  it('escapes untrusted text so that links, HTML and autolinks stay inert', () => {
    const evil = '[x](command:workbench.action.quit) <img src=x onerror=alert(1)> [y](javascript:alert(1)) https://evil.example www.evil.example a@evil.example <https://evil.example> *bold* &#x3C;b>';
    const md = escapeMarkdown(evil);
    const all = nodes(md);
    assert.deepEqual(all.filter((n) => n.type === 'link' || n.type === 'html' || n.type === 'emphasis' || n.type === 'strong'), []);
    assert.ok(!md.includes('<img'));
  });

  it('renders an injected definition inert, while our own links survive', () => {
    const bad: GlossaryTerm = {
      ...term('regtech'),
      definition: { en: 'See [x](command:workbench.action.quit) and <script>alert(1)</script> or [z](javascript:alert(1))', 'zh-Hans': '[x](command:workbench.action.quit)', 'zh-Hant': '<b>x</b>' },
    };
    const input: TermCardInput = {
      term: bad,
      pack,
      script: 'en',
      labels,
      sections: [{ label: '1.3 [evil](command:workbench.action.quit)', href: 'command:fintechLens.openReportLocation?%5B%5D' }],
      related: [],
      actions: [{ label: 'Insert Citation', href: 'command:fintechLens.insertCitation?%5B%7B%22source%22%3A%22fintech-2026%22%7D%5D' }],
      allDefinitions: true,
    };
    const all = nodes(renderTermCard(input));
    const links = all.filter((n) => n.type === 'link');
    assert.deepEqual(links.map((l) => l.url!.split('?')[0]), ['command:fintechLens.openReportLocation', 'command:fintechLens.insertCitation']);
    assert.equal(all.filter((n) => n.type === 'html').length, 0);
  });

  it('renders a definition that starts with an indent or holds line breaks as one paragraph of text', () => {
    // Issue repro: four leading spaces made the definition an indented code block, escapes showing.
    const cardOf = (definition: string): string => renderTermCard({ term: { ...term('regtech'), definition: { en: definition, 'zh-Hans': definition, 'zh-Hant': definition } }, pack, script: 'en', labels, sections: [], related: [], actions: [] });
    const paragraphs = (md: string): number => nodes(md).filter((n) => n.type === 'paragraph').length;
    for (const definition of ['    An indented definition (with 2.5% growth).', '\tTabbed *text*', 'Line one\n\n    # not a heading\n> not a quote', 'Trailing  \nbreak']) {
      const card = cardOf(definition);
      const types = new Set(nodes(card).map((n) => n.type));
      for (const block of ['code', 'heading', 'blockquote', 'break', 'list']) assert.ok(!types.has(block), `${block} in ${JSON.stringify(definition)}`);
      assert.equal(paragraphs(card), paragraphs(cardOf('Plain.')), JSON.stringify(definition));
    }
    assert.equal(escapeMarkdown('    indented\r\n  text  '), 'indented text');
  });

  it('heads the card with the forms joined by separators, none left dangling when a term has one form', () => {
    const head = (t: GlossaryTerm): string =>
      renderTermCard({ term: t, pack, script: 'zh-Hans', labels, sections: [], related: [], actions: [] }).split('\n')[0];
    assert.equal(head(term('regtech')), '**监管科技** · RegTech · 監管科技');
    const one: GlossaryTerm = {
      ...term('regtech'), forms: { 'zh-Hans': '智能核保', 'zh-Hant': '智能核保', en: '' }, preferred: undefined, abbreviations: [],
    };
    assert.equal(head(one), '**智能核保**');
    assert.equal(head({ ...one, forms: { 'zh-Hans': '智能核保', 'zh-Hant': '智能核保' } as GlossaryTerm['forms'] }), '**智能核保**');
    assert.equal(head({ ...one, abbreviations: ['ZNHB'] }), '**智能核保** (ZNHB)');
    assert.deepEqual(orderedForms(one, 'en'), ['智能核保']);
  });

  it('puts the display script\'s form first', () => {
    assert.equal(orderedForms(term('regtech'), 'zh-Hans')[0], '监管科技');
    assert.equal(orderedForms(term('regtech'), 'zh-Hant')[0], '監管科技');
    assert.equal(orderedForms(term('regtech'), 'en')[0], 'RegTech');
  });

  it('gives the category path in the display script', () => {
    const path = categoryPath(pack, term('regtech'), 'zh-Hant');
    assert.equal(path.length, 2);
    assert.equal(path[0], pack.taxonomy.find((c) => c.id === 'regulation')!.label['zh-Hant']);
  });

  it('resolves the display script from the setting and the UI language', () => {
    assert.equal(resolveDisplayScript('auto', 'zh-cn'), 'zh-Hans');
    assert.equal(resolveDisplayScript('auto', 'zh-tw'), 'zh-Hant');
    assert.equal(resolveDisplayScript('auto', 'zh-hk'), 'zh-Hant');
    assert.equal(resolveDisplayScript('auto', 'en'), 'en');
    assert.equal(resolveDisplayScript('auto', 'de'), 'en');
    assert.equal(resolveDisplayScript('zh-Hant', 'en'), 'zh-Hant');
  });
});

describe('term completion', () => {
  const index = prepareCompletion(pack.glossary.map((t) => ({ packId: pack.id, term: t })));
  const labelsOf = (line: string, script: 'en' | 'zh-Hans' | 'zh-Hant' = 'zh-Hans'): string[] => completeTerms(index, line, script).map((c) => c.insertText);

  it('completes a Simplified prefix right after other Chinese characters', () => {
    const r = completeTerms(index, '我们研究监管', 'zh-Hans');
    const regtech = r.find((c) => c.term.id === 'regtech')!;
    assert.ok(regtech, 'regtech suggested');
    assert.equal(regtech.insertText, '监管科技');
    assert.equal(regtech.replaceLength, 2);
  });

  it('completes a Traditional prefix and inserts the draft\'s script', () => {
    assert.ok(labelsOf('研究監管', 'zh-Hans').includes('监管科技'));
    assert.ok(labelsOf('研究监管', 'zh-Hant').includes('監管科技'));
  });

  it('completes pinyin initials and full pinyin, also right after Chinese', () => {
    const r = completeTerms(index, '研究jgkj', 'zh-Hans');
    assert.equal(r[0].insertText, '监管科技');
    assert.equal(r[0].replaceLength, 4);
    assert.equal(r[0].matchedBy, 'initials');
    assert.ok(labelsOf('jianguan').includes('监管科技'));
  });

  it('completes English case-insensitively and inserts the preferred English form', () => {
    assert.ok(labelsOf('we cite regt', 'en').includes('RegTech'));
  });

  it('offers nothing after punctuation or white space', () => {
    assert.deepEqual(labelsOf('监管。'), []);
    assert.deepEqual(labelsOf('word '), []);
    assert.deepEqual(labelsOf(''), []);
  });

  it('does not offer a term that is already complete', () => {
    assert.ok(!completeTerms(index, '普惠金融', 'zh-Hans').some((c) => c.insertText === '普惠金融' && c.replaceLength === 4));
  });
});
