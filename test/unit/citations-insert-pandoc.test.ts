/**
 * Where Insert Citation puts a Pandoc citation (`placePandocCitation`): minimal cases of what the
 * Pandoc judge (test/pandoc/insertion-placement.test.ts) found. At the cursor when Pandoc reads
 * it there as a citation and the draft as before; else in the nearest text (the end of the line,
 * the text before or after, a paragraph of its own at the end); refused, changing nothing, in
 * code, comments, raw HTML and link addresses, which Pandoc shows as they are.
 */
import * as assert from 'node:assert/strict';
import { applyTextEdits, planCitationInsertion } from '../../src/core/citations/insert';

/** The draft with `|` as the cursor, after Insert Citation of `[@k]`, and the problems' codes. */
function cite(marked: string, cursor = '|'): { out: string; problems: string[]; edits: number } {
  const at = marked.indexOf(cursor);
  const text = marked.slice(0, at) + marked.slice(at + cursor.length);
  const plan = planCitationInsertion({
    text,
    cursors: [{ start: at, end: at }],
    syntax: 'pandoc',
    sources: [{ key: 'k', item: { id: 'k', type: 'book' } }],
    bibliography: { existing: { path: 'refs.json', keys: ['k'] } },
  });
  return { out: applyTextEdits(text, plan.edits), problems: plan.problems.map((p) => p.code), edits: plan.edits.length };
}

describe('planCitationInsertion: where Pandoc reads the citation', () => {
  it('cites at the cursor in text', () => {
    assert.equal(cite('Claim |here.').out, 'Claim [@k]here.');
    assert.equal(cite('').out, '[@k]');
    assert.equal(cite('\uFEFF|').out, '\uFEFF[@k]');
  });
  it('keeps a heading, a list item and a setext heading what they are', () => {
    assert.equal(cite('|## 標題\n').out, '## [@k] 標題\n');
    assert.equal(cite('|- item\n').out, '- [@k]item\n');
    assert.equal(cite('Title\n===|\n').out, 'Title[@k]\n===\n');
  });
  it('starts a paragraph of its own at the start of a line in a draft of blanks', () => {
    assert.equal(cite('\r\n\r\n\t|').out, '\r\n\r\n\t\r\n[@k]');
    assert.equal(cite('\uFEFF    |').out, '\uFEFF    \n[@k]');
  });
  it('never cites inside another citation, nor in a footnote nothing references', () => {
    assert.equal(cite('[-|@old] text\n').out, '[-@old] text[@k]\n');
    assert.equal(cite('Text.\n\n[^9]: A no|te.\n').out, 'Text.[@k]\n\n[^9]: A note.\n');
    assert.equal(cite('Text[^9].\n\n[^9]: A no|te.\n').out, 'Text[^9].\n\n[^9]: A no[@k]te.\n');
    // After an empty `[^1]:` line, a paragraph one blank line on is that note's text: two blank lines end it.
    assert.equal(cite('[^|1]:').out, '[^1]:\n\n\n[@k]');
    assert.equal(cite('Text[^1].\n\n[^|1]:\n').out, 'Text[^1].[@k]\n\n[^1]:\n');
  });
  it('reads an unclosed <pre> as its tag only, citing in the text after it', () => {
    // Right after an in-text citation, a bracket would be its locator: a paragraph of its own.
    assert.equal(cite('<pre>\nText @old|').out, '<pre>\nText @old\n\n[@k]');
    assert.equal(cite('<pre>\nTe|xt\n').out, '<pre>\nTe[@k]xt\n');
  });
  it('puts a blank between an existing citation and the new one, which would otherwise read as a link', () => {
    assert.equal(cite('[see @a]| more\n').out, '[see @a] [@k] more\n');
  });
  it('moves a cursor on a blank line, a rule or a table separator into the text before it', () => {
    assert.equal(cite('One.\n|\nTwo.\n').out, 'One.[@k]\n\nTwo.\n');
    assert.equal(cite('One.\n\n---|\n\nTwo.\n').out, 'One.[@k]\n\n---\n\nTwo.\n');
    assert.equal(cite('A\r\n\r\n|# H\r\n').out, 'A[@k]\r\n\r\n# H\r\n');
    assert.equal(cite('| a | b |\n|--|-@|--|\n| 1 | 2 |\n', '@').out, '| a | b [@k]|\n|--|-|--|\n| 1 | 2 |\n');
  });
  it('keeps an HTML block and a closed fence whole, citing after them', () => {
    assert.equal(cite('|<div>\nx\n</div>\n').out, '<div>\n[@k]x\n</div>\n');
    assert.equal(cite('```\ncode\n```|\n').out, '```\ncode\n```\n\n[@k]\n');
  });
  it('refuses a cursor in code, a comment, a link address or a link reference definition, changing nothing', () => {
    for (const marked of ['Use `co|de` here.\n', '```\nco|de\n```\n', '<!-- no|te -->\n', 'See [link](http://a|.b) now.\n', '    co|de\n', '[x]: /u|rl\n']) {
      const r = cite(marked);
      assert.equal(r.edits, 0, marked);
      assert.deepEqual(r.problems, ['citation.cursor-literal'], marked);
    }
  });
  it('skips such a cursor with a warning and cites at the others', () => {
    const text = 'Use `code` here.\n';
    const plan = planCitationInsertion({
      text,
      cursors: [{ start: 6, end: 6 }, { start: 15, end: 15 }],
      syntax: 'pandoc',
      sources: [{ key: 'k', item: { id: 'k', type: 'book' } }],
      bibliography: { existing: { path: 'refs.json', keys: ['k'] } },
    });
    assert.equal(applyTextEdits(text, plan.edits), 'Use `code` here[@k].\n');
    assert.deepEqual(plan.problems.map((p) => [p.code, p.severity]), [['citation.cursor-literal', 'warning']]);
  });
});
