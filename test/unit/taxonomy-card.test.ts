import * as assert from 'node:assert/strict';
import type { GlossaryTerm, ReportPack } from '../../src/core/pack/types';
import { escapeHtml, renderCardHtml, type CardHtmlInput } from '../../src/core/taxonomy';

const LABELS = { title: 'Definition', otherScripts: 'Other scripts', sections: 'In the report', related: 'Related', category: 'Category', empty: 'Nothing selected.' };

const evil: GlossaryTerm = {
  id: 'evil',
  forms: { en: '<img src=x onerror=alert(1)>', 'zh-Hans': '恶意<script>alert(1)</script>', 'zh-Hant': '惡意' },
  abbreviations: ['"quoted" & \'single\''],
  definition: {
    en: '[x](command:workbench.action.quit) <a href="javascript:alert(1)">click</a>',
    'zh-Hans': '定义 <iframe src="https://example.invalid"></iframe>',
    'zh-Hant': '定義',
  },
  category: 'c',
  sections: ['1'],
};

const pack = {
  id: 'p',
  version: '1',
  name: { en: 'P<b>', 'zh-Hans': 'P', 'zh-Hant': 'P' },
  reportScript: 'en',
  reference: { id: 'r', type: 'report', title: 'R' },
  outline: [{ id: '1', number: '1', title: 'One', level: 1 }],
  taxonomy: [{ id: 'c', label: { en: 'Cat</p><script>', 'zh-Hans': 'C', 'zh-Hant': 'C' }, topics: [{ id: 't', label: { en: 'T', 'zh-Hans': 'T', 'zh-Hant': 'T' }, terms: ['evil'] }] }],
  glossary: [evil],
} as ReportPack;

function render(extra: Partial<CardHtmlInput> = {}): string {
  return renderCardHtml({
    term: evil,
    pack,
    script: 'en',
    labels: LABELS,
    sections: [{ label: '1 One', href: 'command:fintechLens.openReportLocation?%5B%7B%22packId%22%3A%22p%22%7D%5D' }],
    related: [{ label: 'javascript link', href: 'javascript:alert(1)' }, { label: 'other command', href: 'command:workbench.action.quit' }],
    actions: [],
    nonce: 'abc123',
    ...extra,
  });
}

describe('definition card HTML', () => {
  it('escapes every piece of pack text: no element or attribute from the pack survives', () => {
    const html = render();
    const body = html.slice(html.indexOf('<body>'));
    assert.ok(!/<script|<img|<iframe|href="javascript/i.test(body), body);
    assert.match(body, /&#60;img src=x onerror=alert\(1\)&#62;/);
    assert.match(body, /&#60;iframe/);
    assert.match(body, /&#34;quoted&#34; &#38; &#39;single&#39;/);
    // Markdown syntax is shown as text, never turned into a link.
    assert.match(body, /\[x\]\(command:workbench\.action\.quit\)/);
    assert.equal((body.match(/<a /g) ?? []).length, 1, 'only the host-built link to our own command');
    assert.match(body, /<a href="command:fintechLens\.openReportLocation\?%5B/);
  });

  it('drops links that are not to our own commands', () => {
    const html = render();
    assert.match(html, /<span>javascript link<\/span>/);
    assert.match(html, /<span>other command<\/span>/);
  });

  it('sets a strict Content Security Policy: no scripts, only the nonce-carrying style', () => {
    const html = render({ nonce: 'n"><script>' });
    assert.match(html, /default-src 'none'; style-src 'nonce-nscript'; img-src 'none'; script-src 'none'/);
    assert.match(html, /<style nonce="nscript">/);
    assert.ok(!/<script/i.test(html));
  });

  it('shows the term in the display script, the other forms and the other definitions', () => {
    const html = render({ script: 'zh-Hant' });
    assert.match(html, /<html lang="zh-Hant">/);
    assert.match(html, /<h1>惡意<\/h1>/);
    assert.match(html, /<p class="definition">定義<\/p>/);
    assert.match(html, /<details><summary>Other scripts<\/summary>/);
    assert.match(html, /<p lang="en">\[x\]/);
  });

  it('renders an empty state', () => {
    const html = render({ term: undefined });
    assert.match(html, /<p class="empty">Nothing selected\.<\/p>/);
    assert.equal(escapeHtml('<&>'), '&#60;&#38;&#62;');
  });
});
