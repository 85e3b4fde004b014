import * as assert from 'node:assert/strict';
import { checkCitations, citationAt, findCitations, scanCitations } from '../../src/core/citations/markdown';
import { frontMatterBibliography, planFrontMatterBibliography } from '../../src/core/citations/frontMatter';
import { applyTextEdits } from '../../src/core/citations/insert';

const at = (text: string, r: { start: number; end: number }) => text.slice(r.start, r.end);

describe('finding citations in Markdown', () => {
  it('finds bracketed Pandoc citations with keys, locators and separators', () => {
    const text = 'As shown [see @zhongyan2026jinrong, sec. 1.3; -@chen2000guoshi, p. 29] and @smith2020.';
    const { citations } = findCitations(text);
    assert.equal(citations.length, 2);
    const [c1, c2] = citations;
    assert.equal(at(text, c1.range), '[see @zhongyan2026jinrong, sec. 1.3; -@chen2000guoshi, p. 29]');
    assert.deepEqual(
      c1.items.map((i) => [i.key, i.locator, i.suppressAuthor, at(text, i.range), at(text, i.keyRange)]),
      [
        ['zhongyan2026jinrong', 'sec. 1.3', false, '@zhongyan2026jinrong', 'zhongyan2026jinrong'],
        ['chen2000guoshi', 'p. 29', true, '-@chen2000guoshi', 'chen2000guoshi'],
      ],
    );
    assert.equal(c2.bracketed, false);
    assert.equal(c2.items[0].key, 'smith2020', 'the final full stop is not part of the key');
  });
  it('ignores e-mail addresses, link destinations and brackets without keys', () => {
    const text = 'Mail me@example.org, see [the site](http://x/@dest) and [plain text] or <me@example.org>.';
    assert.deepEqual(findCitations(text).citations, []);
  });
  it('reads citations in link text, as Pandoc does', () => {
    const text = 'See [the @site](http://x) or [@ref]: http://x';
    assert.deepEqual(findCitations(text).citations.map((c) => [c.items[0].key, c.bracketed]), [['site', false], ['ref', true]]);
  });
  it('reads braced keys and citations that wrap onto the next line', () => {
    const text = 'Text [@{ISBN:978-3-16}; @b,\np. 4] end, and @{key with space} is no key.';
    const { citations } = findCitations(text);
    assert.equal(citations.length, 1);
    assert.deepEqual(citations[0].items.map((i) => i.key), ['ISBN:978-3-16', 'b']);
    assert.equal(citations[0].items[1].locator, 'p. 4');
  });
  it('reads an in-text citation with its locator and further items', () => {
    const text = '@a [p. 33; @b] says, and @c [@d].';
    const { citations } = findCitations(text);
    assert.deepEqual(
      citations.map((c) => [at(text, c.range), c.bracketed, c.items.map((i) => [i.key, i.locator ?? ''])]),
      [
        ['@a [p. 33; @b]', false, [['a', 'p. 33'], ['b', '']]],
        ['@c [@d]', false, [['c', ''], ['d', '']]],
      ],
    );
  });
  it('finds footnote references and multi-line definitions', () => {
    const text = 'One[^1] two[^note].\n\n[^1]: First note\n    continued here.\n\n    Second paragraph.\n\n[^note]: Named note.\nLazy line.\n\nAfter.';
    const r = findCitations(text);
    assert.deepEqual(r.footnoteRefs.map((f) => [f.label, at(text, f.range)]), [['1', '[^1]'], ['note', '[^note]']]);
    assert.deepEqual(r.footnoteDefs.map((d) => d.label), ['1', 'note']);
    assert.equal(r.footnoteDefs[0].text, 'First note\n    continued here.\n\n    Second paragraph.');
    assert.equal(at(text, r.footnoteDefs[0].labelRange), '[^1]');
    assert.equal(r.footnoteDefs[1].text, 'Named note.\nLazy line.');
  });
  it('never reads code fences, inline code, comments or front matter', () => {
    const text = [
      '---',
      'title: "[^9] and [@fm]"',
      '---',
      '```md',
      '[^1]: not a definition [@code]',
      'ref[^2]',
      '```',
      '> ~~~',
      '> [^3]: quoted code',
      '> ~~~',
      'Inline `[@span] [^4]` and <!-- [^5] [@comment] --> real [^6] [@real].',
      '<!--',
      '[^7]: in a comment',
      '-->',
      '',
      '[^6]: The real one.',
    ].join('\n');
    const r = findCitations(text);
    assert.deepEqual(r.footnoteRefs.map((f) => f.label), ['6']);
    assert.deepEqual(r.footnoteDefs.map((d) => d.label), ['6']);
    assert.deepEqual(r.citations.map((c) => c.items[0].key), ['real']);
    assert.ok(r.frontMatter);
  });
  it('reports an unclosed fence (Pandoc reads it as text) and keeps CRLF offsets exact', () => {
    const text = 'a[^1]\r\n\r\n[^1]: note\r\n```\r\n[^2]: code';
    const scan = scanCitations(text);
    assert.equal(scan.eol, '\r\n');
    assert.equal(scan.unclosedFence, true);
    assert.deepEqual(scan.footnoteDefs.map((d) => [d.label, d.text]), [['1', 'note\r\n```'], ['2', 'code']]);
  });
});

describe('citation at an offset (hover)', () => {
  const text = 'A [@a, p. 1; @b] x[^1] @c.\n\n[^1]: Note.';
  const scan = scanCitations(text);
  it('finds the cited item under the cursor', () => {
    const pick = (needle: string, delta = 0) => citationAt(scan, text.indexOf(needle) + delta);
    const onA = pick('@a', 1);
    assert.equal(onA?.kind === 'citation' && onA.item.key, 'a');
    const onLocator = pick('p. 1');
    assert.equal(onLocator?.kind === 'citation' && onLocator.item.key, 'a');
    const onB = pick('@b', 2);
    assert.equal(onB?.kind === 'citation' && onB.item.key, 'b');
    const onBracket = pick('[@a');
    assert.equal(onBracket?.kind === 'citation' && onBracket.item.key, 'a');
    const bare = pick('@c', 1);
    assert.equal(bare?.kind === 'citation' && bare.item.key, 'c');
  });
  it('finds footnote references with their definitions, and definition labels', () => {
    const ref = citationAt(scan, text.indexOf('[^1]') + 2);
    assert.equal(ref?.kind, 'footnote-reference');
    assert.equal(ref?.kind === 'footnote-reference' && ref.definition?.text, 'Note.');
    const def = citationAt(scan, text.lastIndexOf('[^1]') + 1);
    assert.equal(def?.kind, 'footnote-definition');
    assert.equal(citationAt(scan, 0), undefined);
  });
});

describe('citation diagnostics', () => {
  it('flags unknown keys, undefined, unused and duplicate footnotes', () => {
    const text = 'A [@known; @unknown] b[^1] c[^missing].\n\n[^1]: ok\n[^unused]: never cited\n[^1]: again';
    const problems = checkCitations(scanCitations(text), { isKnownKey: (k) => k === 'known' });
    assert.deepEqual(
      problems.map((p) => [p.code, at(text, p.range)]),
      [
        ['citation.unknown-key', '@unknown'],
        ['footnote.undefined', '[^missing]'],
        ['footnote.unused', '[^unused]'],
        ['footnote.duplicate', '[^1]'],
      ],
    );
    assert.equal(problems.find((p) => p.code === 'footnote.unused')!.severity, 'information');
  });
  it('can leave bare @mentions alone', () => {
    const problems = checkCitations(scanCitations('Ask @team about [@known].'), { isKnownKey: (k) => k === 'known', bareCitations: false });
    assert.deepEqual(problems, []);
  });
});

describe('front matter bibliography', () => {
  const add = (text: string) => {
    const plan = planFrontMatterBibliography(text, 'references.json');
    return applyTextEdits(text, plan.edits);
  };
  it('creates front matter when there is none', () => {
    assert.equal(add('# Note\n'), '---\nbibliography: references.json\n---\n\n# Note\n');
    assert.equal(add('# Note\r\nText'), '---\r\nbibliography: references.json\r\n---\r\n\r\n# Note\r\nText');
  });
  it('adds the key to front matter without one, keeping the other keys', () => {
    assert.equal(add('---\ntitle: 金融科技\ntags: [a, b]\n---\nBody'), '---\ntitle: 金融科技\ntags: [a, b]\nbibliography: references.json\n---\nBody');
    assert.equal(add('---\n---\nBody'), '---\nbibliography: references.json\n---\nBody');
  });
  it('turns a single file into a list and extends lists', () => {
    assert.equal(add('---\nbibliography: refs.bib\ntitle: x\n---\n'), '---\nbibliography: [refs.bib, references.json]\ntitle: x\n---\n');
    assert.equal(add('---\nbibliography:\n  - a.bib\n  - "b.yaml"\nlang: zh\n---\n'), '---\nbibliography:\n  - a.bib\n  - "b.yaml"\n  - references.json\nlang: zh\n---\n');
    assert.equal(add('---\nbibliography: [a.bib]\n---\n'), '---\nbibliography: [a.bib, references.json]\n---\n');
    assert.equal(add('---\nbibliography: []\n---\n'), '---\nbibliography: [references.json]\n---\n');
    assert.equal(add('---\nbibliography:\ntitle: x\n---\n'), '---\nbibliography: references.json\ntitle: x\n---\n');
  });
  it('leaves things alone when the file is already named or the YAML is invalid', () => {
    assert.deepEqual(planFrontMatterBibliography('---\nbibliography: references.json\n---\n', 'references.json').edits, []);
    const bad = planFrontMatterBibliography('---\ntitle: [unclosed\n---\n', 'references.json');
    assert.deepEqual(bad.edits, []);
    assert.equal(bad.problem?.code, 'front-matter.invalid');
  });
  it('puts new front matter after a Pandoc title block, which a YAML block above it would end', () => {
    assert.equal(add('% Title\n% Author\n\nBody.\n'), '% Title\n% Author\n\n---\nbibliography: references.json\n---\n\nBody.\n');
    assert.equal(add('% Title\r\nBody.'), '% Title\r\n\r\n---\r\nbibliography: references.json\r\n---\r\n\r\nBody.');
    assert.equal(add('\uFEFF% Only a title'), '\uFEFF% Only a title\n\n---\nbibliography: references.json\n---');
    // And the YAML block there is the draft's front matter: found, read, and extended.
    const once = add('% T\n  continued\n% A\n\nText [@a].\n');
    assert.deepEqual(frontMatterBibliography(once), ['references.json']);
    const twice = '% T\n  continued\n% A\n\n---\nbibliography: [refs.bib, references.json]\n---\n\nText [@a].\n';
    assert.equal(add(once.replace('references.json', 'refs.bib')), twice);
  });
  it('reads a title block and the YAML block after it as Pandoc does', () => {
    const text = '% Title [@t]\n% One; Two\n  Three\n% 2026\n\n---\nbibliography: refs.bib\n---\n\nBody [@b].\n';
    const scan = scanCitations(text);
    const fields = scan.titleBlock?.fields.map((f) => f.map((r) => text.slice(r.start, r.end)));
    assert.deepEqual(fields, [['Title [@t]'], ['One; Two', '  Three'], ['2026']]);
    assert.equal(text.slice(scan.frontMatter!.range.start, scan.frontMatter!.range.end), '---\nbibliography: refs.bib\n---');
    // Citations in the title are citations (Pandoc's citeproc renders them); the YAML holds none.
    assert.deepEqual(scan.citations.map((c) => c.items[0].key), ['t', 'b']);
    // No blank line before the YAML, or one right after its `---`: not metadata.
    assert.equal(scanCitations('% T\n---\nbibliography: x\n---\n').frontMatter, undefined);
    assert.equal(scanCitations('% T\n\n---\n\nbibliography: x\n---\n').frontMatter, undefined);
    // `%` further down is text, and so is a fourth `%` line.
    assert.equal(scanCitations('Text\n% T\n').titleBlock, undefined);
    assert.equal(scanCitations('% T\n% A\n% D\n% text\n').titleBlock?.fields.length, 3);
  });
  it('reads the files the front matter names', () => {
    assert.deepEqual(frontMatterBibliography('---\nbibliography: refs.bib\n---\n'), ['refs.bib']);
    assert.deepEqual(frontMatterBibliography('---\nbibliography:\n  - a.bib\n  - b.json\n---\n'), ['a.bib', 'b.json']);
    assert.deepEqual(frontMatterBibliography('No front matter'), []);
  });
});
