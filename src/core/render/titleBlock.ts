/**
 * A Pandoc title block (`% Title`, `% Author`, `% Date` at the top of a draft) in markdown-it:
 * rendered as Pandoc's HTML writer renders it (`<header id="title-block-header">` with the title
 * as `<h1 class="title">`, the authors and the date below), and a YAML block right after it,
 * which Pandoc reads as metadata, hidden. The lines are the citation scanner's
 * (`readDraftHead`), so the preview, the export and the citation checks read the same block.
 * Citations in the title render as citations, as `pandoc --citeproc` renders them.
 */
import type { MarkdownIt, StateBlock, StateCore } from 'markdown-it';
import { readDraftHead } from '../citations/markdown';
import { bomLength } from '../text/lines';

export function titleBlockPlugin(md: MarkdownIt, enabled: () => boolean = () => true): void {
  // Only the document's own first lines: footnote texts are parsed as documents of their own.
  let documentSource: string | undefined;
  md.core.ruler.before('block', 'fl_title_source', (state: StateCore) => {
    documentSource = state.src;
  });
  md.block.ruler.before('hr', 'fl_title_block', (state: StateBlock, startLine: number, _endLine: number, silent: boolean) => {
    if (startLine !== 0 || state.src !== documentSource || state.sCount[0] !== 0 || !enabled()) return false;
    // Most drafts open with no `%`: no need to read the head.
    if (state.src[bomLength(state.src)] !== '%') return false;
    // The scanner's reading of the head, on markdown-it's own line tables.
    const head = readDraftHead(state.src, state.bMarks, state.eMarks);
    const block = head.titleBlock;
    if (!block) return false;
    if (silent) return true;
    const titleEnd = block.lastLine + 1;
    const [title, author, date] = block.fields.map((f) => f.map((r) => state.src.slice(r.start, r.end).trim()).join('\n').trim());
    const open = state.push('html_block', '', 0);
    open.content = '<header id="title-block-header">\n';
    open.map = [0, titleEnd];
    const part = (tag: string, cls: string, content: string) => {
      const o = state.push(tag === 'h1' ? 'heading_open' : 'paragraph_open', tag, 1);
      o.attrSet('class', cls);
      o.map = [0, titleEnd];
      const inline = state.push('inline', '', 0);
      inline.content = content;
      inline.map = [0, titleEnd];
      inline.children = [];
      state.push(tag === 'h1' ? 'heading_close' : 'paragraph_close', tag, -1);
    };
    if (title) part('h1', 'title', title);
    // Pandoc's authors: one per line of the field, or separated by `;`.
    for (const a of (author ?? '').split(/\n|;/).map((x) => x.trim()).filter(Boolean)) part('p', 'author', a);
    if (date) part('p', 'date', date);
    state.push('html_block', '', 0).content = '</header>\n';
    // A YAML block after it is metadata, not text.
    state.line = head.frontMatter ? head.frontMatter.closeLine + 1 : titleEnd;
    return true;
  });
}
