import * as assert from 'node:assert/strict';
import type { CslItem } from '../../src/core/pack/types';
import { CHEN_ITEM, ONLINE_REPORT_ITEM } from './helpers/csl';
import { applyTextEdits, planCitationInsertion, planFootnoteDefinition, planFootnoteRemoval, escapeFootnoteCalls, type CitationInsertionRequest } from '../../src/core/citations/insert';
import { scanCitations } from '../../src/core/citations/markdown';
import { parseBibliography } from '../../src/core/citations/bibliography';
import { checkFootnoteDefinition, checkFootnoteInsertion, footnotesOf } from './property/footnote-insertion.test';

const report: CslItem = { ...ONLINE_REPORT_ITEM, id: 'fintech-2026' };
const chen: CslItem = { ...CHEN_ITEM, id: 'chen' };
const REPORT = { key: 'zhongyan2026jinrong', item: report };
const SEC = { label: 'section' as const, value: '1.3' };
const REPORT_NOTE = '中研產業研究院. 2026-2030年金融科技產業現狀及未來發展趨勢分析報告[R/OL]. 中研普華，2026：第 1.3 節. https://www.chinairn.com/.';

const cursor = (text: string, marker = '|') => {
  const at = text.indexOf(marker);
  return { text: text.slice(0, at) + text.slice(at + marker.length), cursors: [{ start: at, end: at }] };
};

/** Plans, checks the edits are sorted and disjoint, and returns the new text. */
function run(req: CitationInsertionRequest) {
  const plan = planCitationInsertion(req);
  for (let i = 1; i < plan.edits.length; i++) assert.ok(plan.edits[i - 1].range.end <= plan.edits[i].range.start, 'edits are sorted and disjoint');
  return { plan, out: applyTextEdits(req.text, plan.edits) };
}

describe('planCitationInsertion: pandoc', () => {
  it('braces a key Pandoc would not read back bare, and refuses one no syntax can hold', () => {
    const text = 'Claim.\n';
    const at = [{ start: 5, end: 5 }];
    const keyed = (key: string, locator?: typeof SEC) => run({ text, cursors: at, syntax: 'pandoc', sources: [{ key, item: chen, ...(locator ? { locator } : {}) }], bibliography: { existing: { path: 'refs.json', keys: [key] } } });
    assert.equal(keyed('doe99').out, 'Claim[@doe99].\n');
    assert.equal(keyed('王2020').out, 'Claim[@王2020].\n');
    assert.equal(keyed('doe99.').out, 'Claim[@{doe99.}].\n');
    assert.equal(keyed('-x', SEC).out, 'Claim[@{-x}, sec. 1.3].\n');
    assert.equal(keyed('x;y').out, 'Claim[@{x;y}].\n');
    assert.equal(keyed('a]b').out, 'Claim[@{a]b}].\n');
    for (const key of ['x;y', 'a]b', 'doe99.', '-x']) {
      const { out } = keyed(key);
      assert.deepEqual(scanCitations(out).citations.map((c) => c.items.map((i) => i.key)), [[key]], key);
    }
    for (const key of ['two words', 'a{b', 'a}b', '']) {
      const { plan, out } = keyed(key);
      assert.equal(out, text, JSON.stringify(key));
      assert.equal(plan.problems[0]?.code, 'citation.key-unwritable');
      assert.equal(plan.problems[0]?.severity, 'error');
    }
  });
  it('refuses to append an entry whose key BibTeX cannot hold, and appends one it can', () => {
    const bib = '@book{chen,\n  title = {国史旧闻},\n}\n';
    const plan = (key: string) =>
      planCitationInsertion({ text: 'A.\n', cursors: [{ start: 1, end: 1 }], syntax: 'pandoc', sources: [{ key, item: chen }], bibliography: { existing: { path: 'refs.bib', keys: ['chen'], text: bib, format: 'bibtex' } } });
    for (const key of ['a~b', 'a,b', 'a{b}c', 'a\\b', 'a|b', 'a#b', 'a%b', "a'b", 'a(b)', 'a=b', 'a^b', 'a<b>']) {
      const p = plan(key);
      assert.deepEqual(p.edits, [], key);
      assert.equal(p.problems[0]?.code, 'bibliography.bibtex-key', key);
      assert.match(p.problems[0]!.message, /cannot be a BibTeX key/);
    }
    for (const key of ['doe99.', '-x', 'x;y', 'a]b', '王2020', '𠀀x', 'a:b/c', 'a@b']) {
      const p = plan(key);
      assert.deepEqual(p.problems, [], key);
      const appended = applyTextEdits(bib, p.bibliography!.edits!);
      assert.deepEqual(parseBibliography(appended, 'bibtex').entries.map((e) => e.key), ['chen', key]);
    }
  });
  it('refuses a CSL-YAML key Pandoc would read as Markdown, and quotes one a YAML 1.1 reader takes for a boolean', () => {
    const yaml = 'references:\n- id: chen\n  title: 国史旧闻\n';
    const plan = (key: string) =>
      planCitationInsertion({ text: 'A.\n', cursors: [{ start: 1, end: 1 }], syntax: 'pandoc', sources: [{ key, item: chen }], bibliography: { existing: { path: 'refs.yaml', keys: ['chen'], text: yaml, format: 'csl-yaml' } } });
    for (const key of ["a'b", 'a"b', 'a\\b', 'a--b', 'a...b', '_a_', '*a*', 'a<b', 'a&b']) {
      const p = plan(key);
      assert.deepEqual(p.edits, [], key);
      assert.equal(p.problems[0]?.code, 'bibliography.csl-yaml-key', key);
    }
    const p = plan('yes');
    const appended = applyTextEdits(yaml, p.bibliography!.edits!);
    assert.match(appended, /\n- id: "yes"\n/);
    assert.deepEqual(parseBibliography(appended, 'csl-yaml').entries.map((e) => e.key), ['chen', 'yes']);
    assert.deepEqual(plan('doe_2020').problems, []);
  });
  it('creates references.json and the front matter when the document has neither', () => {
    const { text, cursors } = cursor('# 筆記\n\n金融科技的定義|。\n');
    const { plan, out } = run({ text, cursors, syntax: 'pandoc', sources: [{ ...REPORT, locator: SEC }], style: 'gbt7714-2025', bibliography: { existing: 'none' } });
    assert.equal(out, '---\nbibliography: references.json\n---\n\n# 筆記\n\n金融科技的定義[@zhongyan2026jinrong, sec. 1.3]。\n');
    assert.equal(plan.newBibliographyFile?.path, 'references.json');
    const bib = parseBibliography(plan.newBibliographyFile!.content, 'csl-json');
    assert.deepEqual(bib.problems, []);
    assert.deepEqual(bib.entries[0].item, { ...report, id: 'zhongyan2026jinrong' });
    assert.equal(plan.frontMatterChanged, true);
  });
  it('adds bibliography to existing front matter and keeps its keys', () => {
    const { text, cursors } = cursor('---\ntitle: 筆記\nbibliography: refs.bib\n---\nText|\n');
    const { out } = run({ text, cursors, syntax: 'pandoc', sources: [REPORT], bibliography: { existing: 'none' } });
    assert.equal(out, '---\ntitle: 筆記\nbibliography: [refs.bib, references.json]\n---\nText[@zhongyan2026jinrong]\n');
  });
  it('cites several sources with their locators', () => {
    const { text, cursors } = cursor('See |.');
    const { out, plan } = run({
      text,
      cursors,
      syntax: 'pandoc',
      sources: [{ ...REPORT, locator: SEC }, { key: 'chen2000guoshi', item: chen, locator: { label: 'page', value: '29' } }],
      bibliography: { existing: { path: 'refs.json', keys: ['zhongyan2026jinrong', 'chen2000guoshi'] } },
    });
    assert.equal(out, 'See [@zhongyan2026jinrong, sec. 1.3; @chen2000guoshi, p. 29].');
    assert.equal(plan.bibliography, undefined, 'every key exists already');
    assert.equal(plan.newBibliographyFile, undefined);
    assert.equal(plan.frontMatterChanged, false);
  });
  it('appends a missing entry to the existing BibTeX file in its style', () => {
    const bibText = '@book{chen2000guoshi,\n    title = {国史旧闻},\n    year = {2000}\n}\n';
    const { text, cursors } = cursor('---\nbibliography: refs.bib\n---\nText|');
    const { plan, out } = run({
      text,
      cursors,
      syntax: 'pandoc',
      sources: [REPORT, { key: 'chen2000guoshi', item: chen }],
      bibliography: { existing: { path: 'refs.bib', keys: ['chen2000guoshi'], text: bibText, format: 'bibtex' } },
    });
    assert.equal(out, '---\nbibliography: refs.bib\n---\nText[@zhongyan2026jinrong; @chen2000guoshi]');
    assert.deepEqual(plan.bibliography?.items.map((i) => i.id), ['zhongyan2026jinrong']);
    const newBib = applyTextEdits(bibText, plan.bibliography!.edits!);
    assert.ok(newBib.startsWith(bibText));
    assert.ok(newBib.includes('\n\n@techreport{zhongyan2026jinrong,\n    author = {{中研產業研究院}},\n'), newBib);
    assert.deepEqual(parseBibliography(newBib, 'bibtex').entries.map((e) => e.key), ['chen2000guoshi', 'zhongyan2026jinrong']);
  });
  it('writes nothing when the bibliography file cannot be appended to', () => {
    const { text, cursors } = cursor('Text|');
    const plan = planCitationInsertion({
      text,
      cursors,
      syntax: 'pandoc',
      sources: [REPORT],
      bibliography: { existing: { path: 'refs.json', keys: [], text: '[ {"id": "a",', format: 'csl-json' } },
    });
    assert.deepEqual(plan.edits, []);
    assert.equal(plan.problems[0].severity, 'error');
    assert.match(plan.problems[0].message, /^refs\.json: /);
  });
  it('puts the front matter before a citation at the very start', () => {
    const { out } = run({ text: 'Body', cursors: [{ start: 0, end: 0 }], syntax: 'pandoc', sources: [REPORT], bibliography: { existing: 'none' } });
    assert.equal(out, '---\nbibliography: references.json\n---\n\n[@zhongyan2026jinrong]Body');
  });
  it('keeps CRLF in the front matter it writes', () => {
    const { out, plan } = run({ text: 'a\r\nb', cursors: [{ start: 4, end: 4 }], syntax: 'pandoc', sources: [REPORT], bibliography: { existing: 'none' } });
    assert.equal(out, '---\r\nbibliography: references.json\r\n---\r\n\r\na\r\nb[@zhongyan2026jinrong]');
    assert.ok(plan.newBibliographyFile!.content.includes('\r\n'));
  });
  it('skips a cursor inside the front matter', () => {
    const text = '---\ntitle: x\n---\nBody';
    const { out, plan } = run({ text, cursors: [{ start: 6, end: 6 }, { start: text.length, end: text.length }], syntax: 'pandoc', sources: [REPORT], bibliography: { existing: { path: 'r.json', keys: ['zhongyan2026jinrong'] } } });
    assert.equal(out, '---\ntitle: x\n---\nBody[@zhongyan2026jinrong]');
    assert.equal(plan.problems[0].code, 'citation.cursor-in-front-matter');
  });
});

describe('planCitationInsertion: footnotes', () => {
  const fn = (text: string, cursors: Array<{ start: number; end: number }>, sources = [{ ...REPORT, locator: SEC }]) =>
    run({ text, cursors, syntax: 'footnote', sources, style: 'gbt7714-2025' });

  it('adds [^1] and a footnote block after a blank line', () => {
    const { text, cursors } = cursor('金融科技|的定義。\n');
    const { out, plan } = fn(text, cursors);
    assert.equal(out, `金融科技[^1]的定義。\n\n[^1]: ${REPORT_NOTE}\n`);
    assert.deepEqual(plan.footnotes, [{ label: '1', created: true }]);
  });
  it('handles a document without a final line break', () => {
    const { text, cursors } = cursor('Text|');
    assert.equal(fn(text, cursors).out, `Text[^1]\n\n[^1]: ${REPORT_NOTE}`);
  });
  it('keeps CRLF', () => {
    const { text, cursors } = cursor('Line one|\r\nLine two\r\n');
    assert.equal(fn(text, cursors).out, `Line one[^1]\r\nLine two\r\n\r\n[^1]: ${REPORT_NOTE}\r\n`);
  });
  it('takes the next free number and joins the block at the end, never renumbering', () => {
    const body = 'A[^1] B[^note] C[^3] D|.\n\n[^1]: One.\n\n[^note]: Named.\n\n[^3]: Three.\n';
    const { text, cursors } = cursor(body);
    const { out } = fn(text, cursors);
    assert.equal(out, `A[^1] B[^note] C[^3] D[^4].\n\n[^1]: One.\n\n[^note]: Named.\n\n[^3]: Three.\n\n[^4]: ${REPORT_NOTE}\n`);
  });
  it('follows a block whose definitions are not separated by blank lines', () => {
    const { text, cursors } = cursor('A[^1] B|\n\n[^1]: One.\n[^2]: Two.');
    assert.equal(fn(text, cursors).out, `A[^1] B[^3]\n\n[^1]: One.\n[^2]: Two.\n[^3]: ${REPORT_NOTE}`);
  });
  it('starts a new block when the footnotes are not at the end', () => {
    const { text, cursors } = cursor('A[^1]\n\n[^1]: One.\n\n## More\n\nB|\n');
    assert.equal(fn(text, cursors).out, `A[^1]\n\n[^1]: One.\n\n## More\n\nB[^2]\n\n[^2]: ${REPORT_NOTE}\n`);
  });
  it('reuses the footnote of the same source and locator', () => {
    const { text, cursors } = cursor(`A[^1] again|.\n\n[^1]: ${REPORT_NOTE}\n`);
    const { out, plan } = fn(text, cursors);
    assert.equal(out, `A[^1] again[^1].\n\n[^1]: ${REPORT_NOTE}\n`);
    assert.deepEqual(plan.footnotes, [{ label: '1', created: false }]);
  });
  it('gives a different locator its own footnote', () => {
    const { text, cursors } = cursor(`A[^1] again|.\n\n[^1]: ${REPORT_NOTE}\n`);
    const { out } = fn(text, cursors, [{ ...REPORT, locator: { label: 'section', value: '2.1' } }]);
    assert.match(out, /again\[\^2\]\./);
    assert.match(out, /\n\[\^2\]: .*第 2\.1 節/);
  });
  it('gives several cursors one shared footnote and inserts after selections', () => {
    const text = 'First sentence. Second sentence.\n';
    const sel = { start: 0, end: 5 }; // "First" selected: inserted after it, not over it
    const { out } = fn(text, [sel, { start: 32, end: 32 }]);
    assert.equal(out, `First[^1] sentence. Second sentence.[^1]\n\n[^1]: ${REPORT_NOTE}\n`);
  });
  it('ignores footnote-like text in code fences and front matter', () => {
    const body = '---\nnote: "[^7]"\n---\nText|\n\n```\n[^5]: not a note\n```\n';
    const { text, cursors } = cursor(body);
    const { out } = fn(text, cursors);
    assert.equal(out, `---\nnote: "[^7]"\n---\nText[^1]\n\n\`\`\`\n[^5]: not a note\n\`\`\`\n\n[^1]: ${REPORT_NOTE}\n`);
  });
  it('puts the definition before an unclosed code fence, where Markdown finds it', () => {
    const { text, cursors } = cursor('Text|\n\n```\ncode');
    const { out } = run({ text, cursors, syntax: 'footnote', sources: [REPORT] });
    assert.match(out, /^Text\[\^1\]\n\n\[\^1\]: 中研產業研究院[^\n]*\n\n```\ncode$/);
  });
  it('writes APA footnotes with Markdown italics and the locator', () => {
    const { text, cursors } = cursor('Text|');
    const { out } = run({ text, cursors, syntax: 'footnote', sources: [{ ...REPORT, locator: SEC }], style: 'apa7' });
    assert.equal(out, 'Text[^1]\n\n[^1]: 中研產業研究院. (2026). *2026-2030年金融科技產業現狀及未來發展趨勢分析報告*. 中研普華. https://www.chinairn.com/ (sec. 1.3)');
  });
});

// Counterexamples of the footnote property (test/unit/property/footnote-insertion.test.ts), judged by remark.
describe('planCitationInsertion: footnotes Markdown finds (property counterexamples)', () => {
  const cases: Array<[string, string]> = [
    ['an empty draft', ''],
    ['an unclosed comment', 'Text\n\n<!-- draft'],
    ['the end of a closing fence line', '```\ncode\n```'],
    ['after a backslash', 'a\\'],
    ['inside a footnote definition label', '[^1]: note'],
    ['before a BOM', '\uFEFF<div>x</div>\nz'],
    ['after an unclosed bracket', 'see [the'],
    ['on a fenced div line', '::: note\ntext\n:::'],
    ['in a CRLF draft with an HTML block at the end', 'a\r\n\r\n<div>\r\nb'],
    ['on a table\'s delimiter row (no place on the line keeps the table)', '| a | b |\n|---|---|\n金融科技'],
    ['in a paragraph of a vertical tab (not a blank line in Markdown)', '\u000b'],
    ['in a paragraph of ideographic spaces', '\u3000\u3000'],
    ['before a footnote definition that takes the next line lazily', '| a | b |\n|---|---|\n[^a]: x\n</pre>\n<!-- note -->\n~'],
    ['in a draft ending in an unclosed fence, with a definition first', '[^1]: note\n## 標題\n````\n'],
    ['after a thematic break that opens the draft', '---\n![\n\n[^2]'],
    ['beside a reference to a footnote defined elsewhere', '[[^1]: note\n[^1]:\n[^a]: x\n'],
  ];
  const at: Record<string, number> = {
    'inside a footnote definition label': 2, 'before a BOM': 0, 'after an unclosed bracket': 5, 'on a fenced div line': 3,
    'on a table\'s delimiter row (no place on the line keeps the table)': 10, 'in a paragraph of a vertical tab (not a blank line in Markdown)': 0,
    'in a paragraph of ideographic spaces': 1, 'before a footnote definition that takes the next line lazily': 0,
    'in a draft ending in an unclosed fence, with a definition first': 0, 'beside a reference to a footnote defined elsewhere': 0,
  };
  for (const [name, text] of cases) {
    it(name, () => {
      const first = /\r?\n/.exec(text);
      checkFootnoteInsertion({ text, at: at[name] ?? text.length, eol: first && first[0] === '\r\n' ? '\r\n' : '\n' });
    });
  }
  it('the quick fix defines a reference in a draft that opens with a thematic break (front matter reads no footnotes there)', () => {
    checkFootnoteDefinition({ text: '---\n![\n\n[^fix]', at: 0, eol: '\n' }, 'fix');
  });
  it('keeps an indented code block a code block when the cursor is before it', () => {
    // At the cursor, the reference would turn the code into a paragraph: it goes on a paragraph of its own.
    const { out } = run({ text: '    code\n', cursors: [{ start: 0, end: 0 }], syntax: 'footnote', sources: [REPORT], style: 'gbt7714-2025' });
    assert.ok(out.startsWith('[^1]\n\n    code\n') || out.startsWith('    code\n\n[^1]'), JSON.stringify(out));
    checkFootnoteInsertion({ text: '    code\n', at: 0, eol: '\n' });
  });
  it('skips a cursor in code, with a problem, and refuses when no cursor is left', () => {
    const text = 'Text\n\n    code\n';
    const plan = planCitationInsertion({ text, cursors: [{ start: 4, end: 4 }, { start: 12, end: 12 }], syntax: 'footnote', sources: [REPORT] });
    assert.deepEqual(plan.citations.map((c) => c.at), [4]);
    assert.equal(plan.problems.find((p) => p.code === 'footnote.cursor-in-code')?.severity, 'warning');
    const refused = planCitationInsertion({ text, cursors: [{ start: 12, end: 12 }], syntax: 'footnote', sources: [REPORT] });
    assert.deepEqual(refused.edits, []);
    assert.equal(refused.problems[0].code, 'footnote.cursor-in-code');
    assert.equal(refused.problems[0].severity, 'error');
  });
});

describe('planCitationInsertion: inline', () => {
  it('writes author-date text in each style', () => {
    const { text, cursors } = cursor('As reported |, fintech grows.');
    assert.equal(run({ text, cursors, syntax: 'inline', sources: [{ ...REPORT, locator: SEC }], style: 'apa7' }).out, 'As reported (中研產業研究院, 2026, sec. 1.3), fintech grows.');
    assert.equal(run({ text, cursors, syntax: 'inline', sources: [REPORT], lang: 'zh-Hant' }).out, 'As reported （中研產業研究院，2026）, fintech grows.');
    assert.equal(run({ text, cursors, syntax: 'inline', sources: [REPORT], style: 'gbt7714-2015' }).out, 'As reported (中研產業研究院, 2026), fintech grows.');
  });
  it('inserts at every cursor and touches no bibliography', () => {
    const { out, plan } = run({ text: 'a b', cursors: [{ start: 1, end: 1 }, { start: 3, end: 3 }, { start: 1, end: 1 }], syntax: 'inline', sources: [REPORT], style: 'apa7' });
    assert.equal(out, 'a(中研產業研究院, 2026) b(中研產業研究院, 2026)');
    assert.equal(plan.citations.length, 2);
    assert.equal(plan.bibliography, undefined);
    assert.equal(plan.newBibliographyFile, undefined);
  });
});

describe('planCitationInsertion: footnote text that reads as Markdown', () => {
  it('escapes a footnote call in a field, so the new note cites no other footnote', () => {
    const item: CslItem = { id: 'x', type: 'report', title: 'See [^1] and \\[^2] and \\\\[^3]', author: [{ literal: '中研產業研究院' }], issued: { 'date-parts': [[2026]] } };
    const text = 'A[^1].\n\n[^1]: One.\n';
    const plan = planCitationInsertion({ text, cursors: [{ start: 1, end: 1 }], syntax: 'footnote', sources: [{ key: 'x', item }], lang: 'zh-Hans' });
    const out = applyTextEdits(text, plan.edits);
    assert.match(out, /\[\^2\]: 中研產業研究院\. See \\\[\^1\] and \\\[\^2\] and \\\\\\\[\^3\]/, out);
    // Markdown finds the two references written, and no third inside the new note.
    const { refs } = footnotesOf(out);
    assert.deepEqual(refs.map((r) => r.label), ['2', '1']);
    assert.equal(escapeFootnoteCalls('a \\[^1] b [^2]'), 'a \\[^1] b \\[^2]');
  });
});

describe('footnote quick fixes', () => {
  const remove = (text: string, label: string) => {
    const def = scanCitations(text).footnoteDefs.find((d) => d.label === label)!;
    return applyTextEdits(text, [planFootnoteRemoval(text, def)]);
  };
  it('removes an unused definition without leaving a double blank line', () => {
    assert.equal(remove('Text[^2]\n\n[^1]: a\n\n[^2]: b\n', '1'), 'Text[^2]\n\n[^2]: b\n');
    assert.equal(remove('A\n\n[^1]: a\n', '1'), 'A\n');
    assert.equal(remove('A\n\n[^1]: a', '1'), 'A');
    assert.equal(remove('A\r\n\r\n[^1]: a\r\n    more\r\n\r\n[^2]: b\r\n', '1'), 'A\r\n\r\n[^2]: b\r\n');
  });
  it('removes a definition from a tight block', () => {
    assert.equal(remove('[^1]: a\n[^2]: b\n', '1'), '[^2]: b\n');
    assert.equal(remove('[^1]: a\n[^2]: b\n', '2'), '[^1]: a\n');
    assert.equal(remove('[^1]: a\n[^2]: b', '2'), '[^1]: a');
  });
  it('adds a missing definition to the footnote block', () => {
    const text = 'A[^1] B[^x]\n\n[^1]: One.\n';
    assert.equal(applyTextEdits(text, [planFootnoteDefinition(text, 'x', 'TODO')!]), 'A[^1] B[^x]\n\n[^1]: One.\n[^x]: TODO\n');
  });
  const define = (text: string, label = '1', note = '') => {
    const edit = planFootnoteDefinition(text, label, note);
    assert.ok(edit, `a definition for ${JSON.stringify(text)}`);
    assert.equal(edit.range.start, edit.range.end, 'only inserts');
    return applyTextEdits(text, [edit]);
  };
  it('adds a definition to an empty draft', () => {
    assert.equal(define('', 'x', 'note'), '[^x]: note\n');
  });
  it('puts the definition before an unclosed comment, where Markdown finds it', () => {
    assert.equal(define('A[^1]\n\n<!-- draft\nmore\n'), 'A[^1]\n\n[^1]: \n\n<!-- draft\nmore\n');
    assert.equal(define('A[^1]\n<!-- open', '1', 'x'), 'A[^1]\n[^1]: x\n\n<!-- open');
    // Inline, an unclosed comment is text: the end of the document is still the place.
    assert.equal(define('A[^1] <!-- open\n', '1', 'x'), 'A[^1] <!-- open\n\n[^1]: x\n');
  });
  it('puts the definition before a code fence that ends the document, closed or not', () => {
    assert.equal(define('A[^1]\n```\n', '1', 'x'), 'A[^1]\n[^1]: x\n\n```\n');
    assert.equal(define('A[^1]\n\n```\ncode\n```', '1', 'x'), 'A[^1]\n\n```\ncode\n```\n\n[^1]: x');
  });
  it('puts the definition after the BOM of a draft that is one unclosed fence', () => {
    assert.equal(define('\uFEFF````\n[^fix]', 'fix', 'note'), '\uFEFF[^fix]: note\n\n````\n[^fix]');
  });
  it('keeps CRLF and a label in capitals', () => {
    assert.equal(define('A[^Note]\r\n', 'Note', 'x'), 'A[^Note]\r\n\r\n[^Note]: x\r\n');
    assert.equal(define('A[^1]\r\n\r\n```\r\n', '1', 'x'), 'A[^1]\r\n\r\n[^1]: x\r\n\r\n```\r\n');
  });
});

describe('planCitationInsertion: a footnote reference at the place its definition goes', () => {
  for (const [name, text] of [['an empty draft', ''], ['a draft of one line break', '\n'], ['a draft ending in a blank line', 'Claim.\n\n']] as const) {
    it(`keeps a blank line between them in ${name}, so that Markdown finds the definition`, () => {
      const { out } = run({ text, cursors: [{ start: text.length, end: text.length }], syntax: 'footnote', sources: [REPORT], style: 'gbt7714-2025' });
      assert.match(out, /\[\^1\]\n\n\[\^1\]: /);
      const scan = scanCitations(out);
      assert.deepEqual(scan.footnoteDefs.map((d) => d.label), ['1']);
      assert.deepEqual(scan.footnoteRefs.map((r) => r.label), ['1']);
    });
  }
});

describe('planCitationInsertion: a footnote reference beside a footnote definition', () => {
  const cases: Array<[string, string, string]> = [
    ['at the start of a definition line', '|[^1]: note\n', '[^2]\n\n[^1]: note\n'],
    ['on a blank line just above a definition', 'Text.\n|\n[^1]: note\n', 'Text.\n[^2]\n\n[^1]: note\n'],
    ['at the start of a fenced div line', '|::: {#refs}\n:::\n', '[^1]\n\n::: {#refs}\n:::\n'],
  ];
  for (const [name, marked, start] of cases) {
    it(`keeps every definition one Markdown finds: ${name}`, () => {
      const { text, cursors } = cursor(marked);
      const { out } = run({ text, cursors, syntax: 'footnote', sources: [REPORT], style: 'gbt7714-2025' });
      assert.ok(out.startsWith(start), JSON.stringify(out));
      const scan = scanCitations(out);
      const labels = scan.footnoteDefs.map((d) => d.label);
      assert.equal(new Set(labels).size, labels.length, 'one definition per label');
      for (const r of scan.footnoteRefs) assert.ok(labels.includes(r.label), `[^${r.label}] is defined`);
      for (const l of scanCitations(text).footnoteDefs.map((d) => d.label)) assert.ok(labels.includes(l), `[^${l}] kept`);
    });
  }
});
