/**
 * Bad bibliography input never costs more than the entry it is in (each case holds a minimal
 * repro): CSL-JSON items that lose a brace, CSL-YAML items with a tab, nesting that would
 * overflow the parser's stack, a BOM, and problems at the end of the text.
 */
import { strict as assert } from 'node:assert';
import { parseBibliography } from '../../src/core/citations/bibliography';
import { parseCslJson } from '../../src/core/citations/cslJson';
import { parseCslYaml } from '../../src/core/citations/cslYaml';

const keys = (r: { entries: Array<{ key: string }> }): string[] => r.entries.map((e) => e.key);
const inside = (text: string, r: { problems: Array<{ range: { start: number; end: number } }> }): void => {
  for (const p of r.problems) assert.ok(p.range.start >= 0 && p.range.start <= p.range.end && p.range.end <= text.length, `${JSON.stringify(p.range)} in ${text.length}`);
};

const JSON_ITEMS = `[
  {"id": "a", "type": "book", "title": "A", "author": [{"family": "Li", "given": "Lei"}]},
  {"id": "b", "type": "book", "title": "B"},
  {"id": "c", "type": "report", "title": "C"}
]
`;

describe('CSL-JSON: one syntax error costs only its item', () => {
  it('keeps the next items when an item loses its closing brace', () => {
    const text = JSON_ITEMS.replace('"title": "A", "author": [{"family": "Li", "given": "Lei"}]}', '"title": "A", "author": [{"family": "Li", "given": "Lei"}]');
    const r = parseCslJson(text);
    assert.deepEqual(keys(r), ['b', 'c']);
    assert.equal(r.problems.length, 1);
    assert.equal(r.problems[0].code, 'csl-json.syntax');
    assert.ok(r.problems[0].range.start < text.indexOf('"b"'), 'reported in item a');
    inside(text, r);
  });

  it('keeps the other items when the middle or the last item loses its brace, or the list its bracket', () => {
    assert.deepEqual(keys(parseCslJson(JSON_ITEMS.replace('"title": "B"}', '"title": "B"'))), ['a', 'c']);
    assert.deepEqual(keys(parseCslJson(JSON_ITEMS.replace('"title": "C"}', '"title": "C"'))), ['a', 'b']);
    const noBracket = JSON_ITEMS.replace(/\]\s*$/, '');
    const r = parseCslJson(noBracket);
    assert.deepEqual(keys(r), ['a', 'b', 'c']);
    assert.deepEqual(r.problems.map((p) => p.args), [['CloseBracketExpected']]);
    inside(noBracket, r);
  });

  it('keeps the other items around a missing comma, a broken value or a stray brace', () => {
    const noComma = JSON_ITEMS.replace('"title": "B"},', '"title": "B"}');
    assert.deepEqual(keys(parseCslJson(noComma)), ['a', 'b', 'c']);
    assert.deepEqual(parseCslJson(noComma).problems.map((p) => p.args), [['CommaExpected']]);
    assert.deepEqual(keys(parseCslJson(JSON_ITEMS.replace('"title": "B"', '"title": B'))), ['a', 'c']);
    assert.deepEqual(keys(parseCslJson(JSON_ITEMS.replace('"title": "B"}', '"title": "B"}}'))), ['a', 'b', 'c']);
  });

  it('refuses an item nested 3,000 deep, keeps the others, and never overflows the stack', () => {
    const deep = `[{"id": "a", "type": "book"}, {"id": "x", "note": ${'['.repeat(3000)}${']'.repeat(3000)}}, {"id": "c", "type": "book"}]`;
    const r = parseCslJson(deep);
    assert.deepEqual(keys(r), ['a', 'c']);
    assert.deepEqual(r.problems.map((p) => p.code), ['csl-json.too-deep']);
    for (const text of ['['.repeat(6251), '{"items": ' + '['.repeat(6251)]) {
      const p = parseBibliography(text, 'csl-json');
      assert.deepEqual(p.entries, []);
      assert.ok(p.problems.length > 0);
      inside(text, p);
    }
  });

  it('reads a file with a BOM like one without, with the same ranges', () => {
    const plain = parseCslJson(JSON_ITEMS);
    const bom = parseCslJson('\uFEFF' + JSON_ITEMS);
    assert.deepEqual(keys(bom), ['a', 'b', 'c']);
    assert.deepEqual(bom.entries.map((e) => e.range.start - 1), plain.entries.map((e) => e.range.start));
    const broken = '\uFEFF' + JSON_ITEMS.replace('"title": "B"', '"title": B');
    assert.deepEqual(keys(parseCslJson(broken)), ['a', 'c']);
  });

  it('keeps problems at the end of the text inside the text', () => {
    for (const text of ['', '[', '[{"id": "a"', '{"a": ', '{']) inside(text, parseCslJson(text));
    assert.deepEqual(parseCslJson('[').problems.map((p) => p.range), [{ start: 0, end: 1 }]);
  });

  it('drops fields of the wrong type with a warning, so formatters can trust an item', () => {
    const r = parseCslJson('[{"id": "a", "type": "book", "title": ["x"], "author": [{"family": 5, "given": "G"}], "volume": {}}]');
    assert.deepEqual(r.entries[0].item, { id: 'a', type: 'book', author: [{ given: 'G' }] });
    assert.deepEqual(r.problems.map((p) => p.code), ['csl.bad-field', 'csl.bad-field', 'csl.bad-field']);
  });
});

const YAML_ITEMS = ['- id: a', '  type: book', '  title: A', '- id: b', '  type: book', '  title: B', '- id: c', '  type: book', '  title: C', '- id: d', '  type: report', '  title: D', ''].join('\n');

describe('CSL-YAML: one syntax error costs only its item', () => {
  it('keeps items c and d when a line of item b is indented with a tab', () => {
    const text = YAML_ITEMS.replace('  title: B', '\ttitle: B');
    const r = parseCslYaml(text);
    assert.deepEqual(keys(r), ['a', 'c', 'd']);
    assert.ok(r.problems.length >= 1);
    for (const p of r.problems) assert.ok(p.range.start >= text.indexOf('- id: b') && p.range.end <= text.indexOf('- id: c'), JSON.stringify(p));
  });

  it('keeps the other items of a `references:` list in front matter', () => {
    const text = ['---', 'references:', '- id: a', '  title: A', '- id: b', '  title: "B', '- id: c', '  title: C', '...', ''].join('\n');
    assert.deepEqual(keys(parseCslYaml(text)), ['a', 'c']);
    const indented = ['references:', '  - id: a', '    title: A', '  - id: b', '    title: [B', '  - id: c', '    title: C', ''].join('\n');
    assert.deepEqual(keys(parseCslYaml(indented)), ['a', 'c']);
  });

  it('reads a file with a BOM like one without, with the same ranges', () => {
    const plain = parseCslYaml(YAML_ITEMS);
    const bom = parseCslYaml('\uFEFF' + YAML_ITEMS);
    assert.deepEqual(keys(bom), ['a', 'b', 'c', 'd']);
    assert.deepEqual(bom.entries.map((e) => e.range.start - 1), plain.entries.map((e) => e.range.start));
  });

  it('keeps problems inside the text and never throws on deep flow nesting', () => {
    for (const text of ['', '- id: a\n  title: "x', '[', '- [' + '['.repeat(6000), '\t']) {
      const r = parseBibliography(text, 'csl-yaml');
      inside(text, r);
    }
  });
});
