/**
 * Properties of GB/T 7714 formatting over records read from generated BibTeX: formatting never
 * throws in either edition or system, the protected ranges of a title lie inside it, and an
 * entry is one line ending with a full stop.
 */
import { strict as assert } from 'node:assert';
import * as fc from 'fast-check';
import { bibtexToCsl, parseBibtex } from '../../../src/core/citations/bibtex';
import { formatGbt7714, type GbtEdition, type GbtSystem } from '../../../src/core/citations/gbt7714';
import { checkProperty, propertyTimeout } from './config';
import { hostileText, mutate } from './arbitraries';

const FIELDS = ['author', 'editor', 'translator', 'title', 'journal', 'booktitle', 'eventtitle', 'volume', 'number', 'pages', 'year',
  'date', 'urldate', 'edition', 'version', 'location', 'publisher', 'institution', 'url', 'doi', 'langid', 'mark', 'holder', 'scale'];
const TYPES = ['book', 'article', 'incollection', 'inproceedings', 'proceedings', 'online', 'patent', 'standard', 'techreport',
  'periodical', 'archive', 'map', 'dataset', 'preprint', 'newspaper', 'misc'];

const value = fc.oneof(
  fc.constantFrom('{AI} and the Future', 'Peebles, Jr., Peyton Z.', '1957/1990', '1984/', '1936~', '1865（清同治四年）', 'c1988',
    '35--40', 'Second', '李四光 and 华罗庚 and 茅以升 and others', 'american', 'chinese', 'A', '{{\\em x}}', '{', '}', ''),
  hostileText().map((t) => t.slice(0, 40).replace(/[{}]/g, '')),
);

const entry = fc
  .tuple(fc.constantFrom(...TYPES), fc.array(fc.tuple(fc.constantFrom(...FIELDS), value), { minLength: 1, maxLength: 10 }))
  .map(([type, fields]) => `@${type}{k,\n${fields.map(([f, v]) => `  ${f} = {${v}}`).join(',\n')}\n}\n`);

describe('property: GB/T 7714 formatting', () => {
  it('never throws on records read from any BibTeX, and prints one line ending with a full stop', function () {
    this.timeout(propertyTimeout());
    checkProperty(
      fc.property(fc.oneof(entry, entry.chain((t) => mutate(t))), (text) => {
        for (const e of parseBibtex(text).entries) {
          const item = bibtexToCsl(e);
          const ranges = (item.custom as { protected?: Record<string, Array<[number, number]>> } | undefined)?.protected ?? {};
          for (const [field, list] of Object.entries(ranges)) {
            for (const [start, end] of list) assert.ok(start >= 0 && start < end && end <= String(item[field]).length, field);
          }
          for (const edition of ['2025', '2015'] as GbtEdition[]) {
            for (const system of ['numeric', 'authoryear'] as GbtSystem[]) {
              const out = formatGbt7714(item, edition, { system });
              assert.ok(!/[\r\n]/.test(out), 'one line');
              assert.ok(out === '' || /[.?!]$/.test(out), `ends with a full stop: ${out}`);
            }
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
