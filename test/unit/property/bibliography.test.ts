/**
 * Properties of the bibliography readers (BibTeX, CSL-JSON, CSL-YAML) over generated files:
 * they never throw and keep every problem inside the text, one broken entry never costs
 * another, and a BOM or CRLF line endings give the same entries. And the BibTeX writer: any
 * item, with hostile text in its fields, becomes an entry that reads back with that text.
 */
import { strict as assert } from 'node:assert';
import * as fc from 'fast-check';
import { parseBibliography, serializeBibliography } from '../../../src/core/citations/bibliography';
import { serializeCslYaml } from '../../../src/core/citations/cslYaml';
import type { BibliographyFormat } from '../../../src/core/citations/types';
import type { CslItem } from '../../../src/core/pack/types';
import { checkProperty, propertyTimeout } from './config';
import { hostileText, mutate, toCrlf, withBom } from './arbitraries';

const FORMATS: BibliographyFormat[] = ['bibtex', 'csl-json', 'csl-yaml'];

/** Text that every format carries unchanged: letters, digits, Han (with an astral one), spaces and plain punctuation. */
const safeText = fc
  .array(fc.constantFrom('a', 'B', 'z', '7', ' ', ',', '.', '金', '融', '科', '技', '報', '告', '𠀀', 'é'), { minLength: 1, maxLength: 16 })
  .map((cs) => cs.join('').trim() || 'x');

interface Item {
  id: string;
  title: string;
  family: string;
  year: number;
}

const items: fc.Arbitrary<Item[]> = fc.array(fc.tuple(safeText, safeText, fc.integer({ min: 1900, max: 2100 })), { minLength: 2, maxLength: 6 }).map((rows) =>
  rows.map(([title, family, year], i) => ({ id: `k${i}`, title, family: family.replace(/[ ,.]/g, '') || 'Li', year })),
);

const csl = (it: Item): CslItem => ({ id: it.id, type: 'book', title: it.title, author: [{ family: it.family, given: 'Lei' }], issued: { 'date-parts': [[it.year]] } });

/** One entry's text in a format. */
function entryText(format: BibliographyFormat, it: Item): string {
  if (format === 'bibtex') return `@book{${it.id},\n  title = {${it.title}},\n  author = {${it.family}, Lei},\n  year = {${it.year}}\n}\n`;
  if (format === 'csl-json') return JSON.stringify(csl(it), null, 2).split('\n').map((l) => '  ' + l).join('\n');
  return serializeCslYaml([csl(it)]);
}

/** A whole file and where each entry's text is in it. */
function fileText(format: BibliographyFormat, list: Item[]): { text: string; spans: Array<{ start: number; end: number }> } {
  const spans: Array<{ start: number; end: number }> = [];
  let text = format === 'csl-json' ? '[\n' : '';
  list.forEach((it, i) => {
    const e = entryText(format, it);
    spans.push({ start: text.length, end: text.length + e.length });
    text += e + (format === 'csl-json' ? (i < list.length - 1 ? ',\n' : '\n') : format === 'bibtex' ? '\n' : '');
  });
  if (format === 'csl-json') text += ']\n';
  return { text, spans };
}

/** Ways a careless edit breaks one entry, per format: each returns the entry's new text. */
const BREAKS: Record<BibliographyFormat, Array<(entry: string, at: number) => string>> = {
  bibtex: [
    (e) => e.replace(/\}\n$/, '\n'), // the entry's closing brace is lost
    (e) => e.replace(' = {', ' {'), // a missing `=`
    (e) => e.replace('title = {', 'title = {{'), // an unbalanced brace in a value
    (e, at) => e.slice(0, at) + '"' + e.slice(at),
  ],
  'csl-json': [
    (e) => e.replace(/\}\s*$/, ''), // the item's closing brace is lost
    (e) => e.replace('"title":', '"title"'), // a missing colon
    (e) => e.replace(/,\n/, '\n'), // a missing comma between fields
    (e) => e.replace('"title": "', '"title": "\\x'), // a bad escape
    (e, at) => e.slice(0, at) + '"' + e.slice(at), // a stray quote
  ],
  'csl-yaml': [
    (e) => e.replace('\n  title:', '\n\ttitle:'), // a tab-indented line
    (e) => e.replace(/title: (.*)/, 'title: "$1'), // an unclosed quote
    (e) => e.replace(/title: (.*)/, 'title: [$1'), // an unclosed flow list
    (e) => e.replace(/\n {2}type:/, '\n type:'), // a line indented one space short
  ],
};

function checkInside(text: string, problems: Array<{ range: { start: number; end: number } }>): void {
  for (const p of problems) assert.ok(p.range.start >= 0 && p.range.start <= p.range.end && p.range.end <= text.length, `${JSON.stringify(p)} in ${text.length}`);
}

describe('property: bibliography readers', () => {
  for (const format of FORMATS) {
    it(`${format}: never throws, and every problem lies inside the text`, function () {
      this.timeout(propertyTimeout());
      const texts = fc.oneof(
        hostileText(),
        items.map((l) => fileText(format, l).text).chain((t) => mutate(t)),
        items.map((l) => withBom(toCrlf(fileText(format, l).text))).chain((t) => mutate(t)),
      );
      checkProperty(
        fc.property(texts, (text) => {
          const r = parseBibliography(text, format);
          checkInside(text, r.problems);
          for (const e of r.entries) assert.ok(e.range.start >= 0 && e.range.end <= text.length);
        }),
        { numRuns: 200 },
      );
    });

    it(`${format}: one broken entry never costs another`, function () {
      this.timeout(propertyTimeout());
      const cases = items.chain((list) =>
        fc.tuple(fc.constant(list), fc.nat({ max: list.length - 1 }), fc.nat({ max: BREAKS[format].length - 1 }), fc.nat({ max: 200 })),
      );
      checkProperty(
        fc.property(cases, ([list, k, how, at]) => {
          const { text, spans } = fileText(format, list);
          const whole = parseBibliography(text, format);
          assert.deepEqual(whole.entries.map((e) => e.key), list.map((i) => i.id), 'the unbroken file reads every entry');
          const entry = text.slice(spans[k].start, spans[k].end);
          const brokenEntry = BREAKS[format][how](entry, Math.min(at, entry.length));
          const broken = text.slice(0, spans[k].start) + brokenEntry + text.slice(spans[k].end);
          const r = parseBibliography(broken, format);
          checkInside(broken, r.problems);
          for (const [j, it] of list.entries()) {
            if (j === k) continue;
            const got = r.entries.find((e) => e.key === it.id);
            assert.ok(got, `entry ${it.id} survives a broken ${list[k].id}: ${JSON.stringify(broken)}`);
            assert.deepEqual(got.item, whole.entries[j].item);
          }
        }),
        { numRuns: 150 },
      );
    });

    it(`${format}: a BOM and CRLF line endings give the same entries`, function () {
      this.timeout(propertyTimeout());
      checkProperty(
        fc.property(items, fc.boolean(), fc.boolean(), (list, bom, crlf) => {
          const { text } = fileText(format, list);
          const variant = (bom ? withBom : (t: string) => t)(crlf ? toCrlf(text) : text);
          const a = parseBibliography(text, format);
          const b = parseBibliography(variant, format);
          assert.deepEqual(b.entries.map((e) => e.item), a.entries.map((e) => e.item));
          assert.deepEqual(b.problems.map((p) => p.code), a.problems.map((p) => p.code));
        }),
        { numRuns: 100 },
      );
    });
  }
});

/** What a BibTeX file keeps of a text: its blanks, tabs and line breaks collapsed and trimmed, no NUL. */
// eslint-disable-next-line no-control-regex -- NUL is the character dropped
const asBibtexKeeps = (s: string) => s.replace(/\u0000/g, '').replace(/[ \t\n\r]+/g, ' ').replace(/^ | $/g, '');

const TEXT_FIELDS = [
  'title', 'container-title', 'publisher', 'publisher-place', 'note', 'edition', 'volume', 'collection-title', 'title-short',
] as const;
const TYPES = ['book', 'article-journal', 'chapter', 'webpage', 'thesis', 'patent'];

describe('property: the BibTeX writer', () => {
  it('writes any item, hostile text in every field, as an entry that reads back with the same text, costing no other', function () {
    this.timeout(propertyTimeout());
    const texts = fc.array(hostileText(12), { minLength: TEXT_FIELDS.length + 4, maxLength: TEXT_FIELDS.length + 4 });
    checkProperty(
      fc.property(texts, fc.constantFrom(...TYPES), fc.boolean(), (t, type, english) => {
        const item: CslItem = { id: 'hostile', type, ...(english ? { language: 'en' } : {}) };
        TEXT_FIELDS.forEach((f, i) => (item[f] = t[i]));
        const n = TEXT_FIELDS.length;
        item.author = [{ family: t[n], given: t[n + 1] }, { literal: t[n + 2] }];
        item.URL = t[n + 3];
        const text = serializeBibliography('bibtex', [item, { id: 'next', type: 'book', title: 'Next entry' }]);
        const read = parseBibliography(text, 'bibtex');
        assert.deepEqual(read.problems, [], text);
        assert.deepEqual(read.entries.map((e) => e.key), ['hostile', 'next'], text);
        const back = read.entries[0].item;
        for (const f of TEXT_FIELDS) {
          // A field that is empty in BibTeX is left out.
          assert.equal(back[f] ?? '', asBibtexKeeps(String(item[f])), `${f} in\n${text}`);
        }
        assert.equal(read.entries[1].item.title, 'Next entry');
      }),
      { numRuns: 200 },
    );
  });
});
