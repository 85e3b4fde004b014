import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import MarkdownIt from 'markdown-it';
import type { MarkdownIt as MarkdownItInstance, StateBlock } from 'markdown-it';
import type { CslItem } from '../../src/core/pack/types';
import { citationPlugin, type RenderData } from '../../src/core/render/markdownIt';
import { applyEdits } from '../../src/core/text/edits';
import { CitationProcessor, planReferenceList, readCiteDocument, renderedMarkdown } from '../../src/core/render';
import type { RenderStyle } from '../../src/core/render/style';

const ROOT = path.resolve(process.cwd(), 'test', 'fixtures', 'render');
const UPDATE = process.env.UPDATE_FIXTURES === '1';

function bibliography(extra?: string): Map<string, CslItem> {
  const items = JSON.parse(fs.readFileSync(path.join(ROOT, 'bibliography.json'), 'utf8')) as CslItem[];
  if (extra && fs.existsSync(extra)) items.push(...(JSON.parse(fs.readFileSync(extra, 'utf8')) as CslItem[]));
  return new Map(items.map((i) => [String(i.id).toLowerCase(), i]));
}

export function renderData(style: Partial<RenderStyle>, items: Map<string, CslItem>): RenderData {
  return {
    style: { style: 'gbt7714-2025', system: 'numeric', numbers: 'superscript', ...style },
    sources: { resolve: (k) => items.get(k.toLowerCase()), keys: () => [...items.values()].map((i) => String(i.id)) },
    unknownKeyMessage: 'No bibliography entry has the key "{0}".',
  };
}

/** A stand-in for VS Code's front matter rule: the block is hidden. */
function frontMatter(state: StateBlock, start: number, end: number, silent: boolean): boolean {
  if (start !== 0 || state.src.slice(state.bMarks[0], state.eMarks[0]) !== '---') return false;
  for (let line = 1; line < end; line++) {
    if (state.src.slice(state.bMarks[line], state.eMarks[line]) === '---') {
      if (!silent) state.push('front_matter', '', 0).hidden = true;
      state.line = line + 1;
      return true;
    }
  }
  return false;
}

/**
 * A stand-in for another extension's footnote plugin (the rule names markdown-it-footnote
 * uses): one-line definitions become `<aside>`, references `<sup class="other">`.
 */
function otherFootnotes(md: MarkdownItInstance): void {
  md.block.ruler.before('reference', 'footnote_def', (state, start, _end, silent) => {
    const line = state.src.slice(state.bMarks[start] + state.tShift[start], state.eMarks[start]);
    const m = /^\[\^([^\]]+)\]:\s*(.*)$/.exec(line);
    if (!m) return false;
    if (silent) return true;
    state.push('other_fn_open', 'aside', 1);
    const inline = state.push('inline', '', 0);
    inline.content = m[2];
    inline.children = [];
    state.push('other_fn_close', 'aside', -1);
    state.line = start + 1;
    return true;
  });
  md.inline.ruler.after('image', 'footnote_ref', (state, silent) => {
    const m = /^\[\^([^\]\s]+)\]/.exec(state.src.slice(state.pos));
    if (!m) return false;
    if (!silent) state.push('other_fn_ref', 'sup', 0).meta = { label: m[1] };
    state.pos += m[0].length;
    return true;
  });
  md.renderer.rules.other_fn_ref = (tokens, idx) => `<sup class="other">${String(tokens[idx].meta?.label)}</sup>`;
}

function expectFile(file: string, actual: string): void {
  if (UPDATE || !fs.existsSync(file)) fs.writeFileSync(file, actual);
  assert.equal(actual, fs.readFileSync(file, 'utf8'), path.relative(ROOT, file));
}

interface CaseOptions {
  style?: Partial<RenderStyle>;
  /** Install a stand-in for another extension's footnote plugin first. */
  otherFootnotePlugin?: boolean;
}

function render(input: string, data: RenderData | undefined, o: CaseOptions = {}): string {
  const md = new MarkdownIt({ html: true });
  md.block.ruler.before('fence', 'front_matter', frontMatter, { alt: ['paragraph', 'reference', 'blockquote', 'list'] });
  if (o.otherFootnotePlugin) otherFootnotes(md);
  md.use(citationPlugin, { data: () => data });
  return md.render(input);
}

describe('preview renderer (fixture folders)', function () {
  this.timeout(20000); // the first APA case builds citeproc's engine
  const cases = fs.readdirSync(ROOT).filter((d) => fs.statSync(path.join(ROOT, d)).isDirectory());
  for (const name of cases) {
    it(name, () => {
      const dir = path.join(ROOT, name);
      const input = fs.readFileSync(path.join(dir, 'input.md'), 'utf8');
      const opts: CaseOptions = fs.existsSync(path.join(dir, 'options.json')) ? JSON.parse(fs.readFileSync(path.join(dir, 'options.json'), 'utf8')) : {};
      const html = render(input, renderData(opts.style ?? {}, bibliography(path.join(dir, 'bibliography.json'))), opts);
      expectFile(path.join(dir, 'expected.html'), html);

      // The same citations as Markdown (the rendered copy) and the maintained list (Update Reference List).
      const data = renderData(opts.style ?? {}, bibliography(path.join(dir, 'bibliography.json')));
      const doc = readCiteDocument(input);
      const p = new CitationProcessor(doc, data.style, data.sources);
      expectFile(path.join(dir, 'rendered.md'), renderedMarkdown(input, doc, p));
      const plan = planReferenceList(input, doc, p);
      const updated = plan.edit ? applyEdits(input, [plan.edit]) : input;
      expectFile(path.join(dir, 'updated.md'), updated);
      if (plan.edit && doc.list.kind === 'managed') {
        // Only the text between the markers changes.
        assert.ok(plan.edit.range.start >= doc.list.contentRange.start && plan.edit.range.end <= doc.list.contentRange.end);
      } else if (plan.edit) {
        assert.equal(plan.edit.range.start, plan.edit.range.end, 'an insertion');
      }
      // A second run finds the list up to date, and the preview of the updated draft numbers as before.
      const again = readCiteDocument(updated);
      assert.equal(planReferenceList(updated, again, new CitationProcessor(again, data.style, data.sources)).edit, undefined);
      assert.deepEqual(again.citations.length, doc.citations.length);
    });
  }
});
