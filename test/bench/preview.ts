/**
 * Preview benchmark: a 200 KB Simplified-Chinese draft with 500 citations of a 10,000-entry
 * bibliography, rendered by markdown-it as VS Code's preview renders it (a fresh parse per
 * keystroke), with and without the citation plugin. The budget is what the plugin adds to one
 * render after the first (which builds the formatters' caches), for GB/T 7714 numeric and
 * author-year and for APA 7: for a keystroke in the prose (every render sees a text it has not
 * seen before), for a keystroke in a citation's page, and for a citation whose key changes (the
 * numbering, every citation's text and the list are made again).
 */
import MarkdownIt from 'markdown-it';
import { bench } from './framework';
import { measure, timeOnce } from './timing';
import { HAN_POOL, rng } from './synthetic';
import { syntheticItems } from './citations';
import type { CslItem } from '../../src/core/pack/types';
import { citationPlugin, type RenderData } from '../../src/core/render';
import type { RenderStyle } from '../../src/core/render/style';

const DRAFT_BYTES = 200 * 1024;
const CITATIONS = 500;

function syntheticDraft(keys: string[], seed = 11): string {
  const r = rng(seed);
  const han = (n: number) => Array.from({ length: n }, () => r.pick(HAN_POOL)).join('');
  const parts: string[] = ['---', 'bibliography: refs.json', '---', '', `# ${han(8)}`, ''];
  let cites = 0;
  let size = 0;
  let section = 1;
  while (size < DRAFT_BYTES || cites < CITATIONS) {
    if (r.chance(0.08)) parts.push(`## ${section++}. ${han(6)}`, '');
    let para = '';
    for (let s = 0; s < 4; s++) {
      para += han(20 + r.int(30));
      if (cites < CITATIONS && r.chance(0.7)) {
        const k = r.pick(keys);
        const form = r.int(4);
        para += form === 0 ? `[@${k}]` : form === 1 ? `[@${k}, p. ${1 + r.int(200)}]` : form === 2 ? `[@${k}; @${r.pick(keys)}]` : `[-@${k}]`;
        cites++;
      }
      para += '。';
    }
    parts.push(para, '');
    size = parts.reduce((a, p) => a + Buffer.byteLength(p) + 1, 0);
  }
  return parts.join('\n');
}

bench('preview', (r) => {
  const items = syntheticItems(10_000);
  const map = new Map<string, CslItem>(items.map((i) => [String(i.id).toLowerCase(), i]));
  const cited = items.slice(0, 300).map((i) => String(i.id));
  const text = syntheticDraft(cited);
  r.log(`draft ${(Buffer.byteLength(text) / 1024).toFixed(0)} KB`);
  const plain = new MarkdownIt({ html: true });
  // A keystroke: each render sees a text it has not seen before, as the preview does while the analyst types.
  const prose = text.indexOf('。', text.length >> 1) + 1;
  const variant = (i: number) => text.slice(0, prose) + '字'.repeat(1 + (i % 7)) + String(i) + text.slice(prose);
  // A keystroke inside a citation: the page of the middle one of the citations with a page.
  const pages = [...text.matchAll(/, p\. \d+\]/g)];
  const atPage = pages[pages.length >> 1] as RegExpExecArray & { index: number };
  const inCitation = (i: number) => text.slice(0, atPage.index) + `, p. ${1000 + i}]` + text.slice(atPage.index + atPage[0].length);
  // A citation in the middle whose key changes to another source's on every render.
  const single = [...text.matchAll(/\[@[^\]\s;,]+\]/g)];
  const atKey = single[single.length >> 1] as RegExpExecArray & { index: number };
  const keyAt = (i: number) => cited[(i * 7) % cited.length];
  const newKey = (i: number) => text.slice(0, atKey.index) + `[@${keyAt(i)}]` + text.slice(atKey.index + atKey[0].length);
  let n = 0;
  const base = measure(() => plain.render(variant(n++)), { runs: 15, warmup: 3 });
  r.record('preview.markdown_it_render_ms', base.median, 'ms');
  const styles: Array<[string, RenderStyle]> = [
    ['gbt_numeric', { style: 'gbt7714-2025', system: 'numeric', numbers: 'superscript' }],
    ['gbt_author_year', { style: 'gbt7714-2025', system: 'author-date', numbers: 'superscript' }],
    ['apa', { style: 'apa7', system: 'author-date', numbers: 'superscript' }],
  ];
  for (const [name, style] of styles) {
    const data: RenderData = {
      style,
      sources: { resolve: (k) => map.get(k.toLowerCase()), keys: () => map.keys() },
      unknownKeyMessage: 'No bibliography entry has the key "{0}".',
    };
    const md = new MarkdownIt({ html: true });
    md.use(citationPlugin, { data: () => data });
    const first = timeOnce(() => md.render(variant(n++)));
    r.record(`preview.${name}_first_render_ms`, first, 'ms');
    const t = measure(() => md.render(variant(n++)), { runs: 15, warmup: 3 });
    r.record(`preview.${name}_render_ms`, t.median, 'ms');
    // The budget: what the plugin adds to a render after the first.
    r.record(`preview.${name}_added_ms`, Math.max(0, t.median - base.median), 'ms', '< 20');
    const c = measure(() => md.render(inCitation(n++)), { runs: 15, warmup: 3 });
    r.record(`preview.${name}_page_edit_added_ms`, Math.max(0, c.median - base.median), 'ms', '< 20');
    const k = measure(() => md.render(newKey(n++)), { runs: 15, warmup: 3 });
    r.record(`preview.${name}_key_edit_added_ms`, Math.max(0, k.median - base.median), 'ms', '< 20');
  }
});
