/**
 * A Pandoc title block (`% Title`, `% Author`, `% Date` at the top of a draft) in markdown-it:
 * rendered as Pandoc's HTML writer renders it (`<header id="title-block-header">` with the title
 * as `<h1 class="title">`, the authors and the date below), and a YAML block right after it,
 * which Pandoc reads as metadata, hidden. The lines are the citation scanner's
 * (`findTitleBlock`), so the preview, the export and the citation checks read the same block.
 * Citations in the title render as citations, as `pandoc --citeproc` renders them.
 */
import type { MarkdownIt, StateBlock, StateCore } from 'markdown-it';
import { FRONT_MATTER_CLOSE, FRONT_MATTER_OPEN } from '../citations/markdown';

const BLANK = /^[ \t]*$/;

export function titleBlockPlugin(md: MarkdownIt, enabled: () => boolean = () => true): void {
  // Only the document's own first lines: footnote texts are parsed as documents of their own.
  let documentSource: string | undefined;
  md.core.ruler.before('block', 'fl_title_source', (state: StateCore) => {
    documentSource = state.src;
  });
  md.block.ruler.before('hr', 'fl_title_block', (state: StateBlock, startLine: number, endLine: number, silent: boolean) => {
    if (startLine !== 0 || state.src !== documentSource || state.sCount[0] !== 0 || !enabled()) return false;
    const raw = (i: number) => state.src.slice(state.bMarks[i], state.eMarks[i]);
    const first = raw(0).replace(/^\uFEFF/, '');
    if (!first.startsWith('%')) return false;
    if (silent) return true;
    // The fields, as the scanner reads them: `%` lines (three at most), going on over indented lines.
    const fields: string[][] = [];
    let line = 0;
    for (; line < endLine; line++) {
      const text = line === 0 ? first : raw(line);
      if (text.startsWith('%') && fields.length < 3) fields.push([text.replace(/^%[ \t]*/, '')]);
      else if (fields.length && /^[ \t]+\S/.test(text)) fields[fields.length - 1].push(text.trim());
      else break;
    }
    const titleEnd = line;
    const [title, author, date] = fields.map((f) => f.join('\n').trim());
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
    // A YAML block after it (a blank line first, none right after its `---`) is metadata, not text.
    let k = titleEnd;
    while (k < endLine && BLANK.test(raw(k))) k++;
    let next = titleEnd;
    if (k > titleEnd && k + 1 < endLine && FRONT_MATTER_OPEN.test(raw(k)) && !BLANK.test(raw(k + 1))) {
      for (let i = k + 1; i < endLine; i++) {
        if (FRONT_MATTER_CLOSE.test(raw(i))) {
          next = i + 1;
          break;
        }
      }
    }
    state.line = next;
    return true;
  });
}
