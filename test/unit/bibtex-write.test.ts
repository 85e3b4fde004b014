/**
 * The BibTeX reader keeps every field of the standards' example records, and the writer is its
 * inverse: Insert Citation appends a source to the analyst's bibliography in that file's format,
 * and the entry read back from the file must format exactly as the source did. Judged on the
 * complete-reference examples of GB/T 7714—2025 and —2015 (`test/fixtures/gbt7714`), in both
 * systems, through each bibliography format.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { bibtexToCsl, parseBibtex } from '../../src/core/citations/bibtex';
import type { BibtexEntry } from '../../src/core/citations/bibtex/parse';
import { parseBibliography, serializeBibliography } from '../../src/core/citations/bibliography';
import { formatGbt7714, type GbtEdition, type GbtSystem } from '../../src/core/citations/gbt7714';
import { caseField, sentenceCaseApplies } from '../../src/core/citations/gbt7714/title';
import { hasCjk } from '../../src/core/citations/csl';
import type { BibliographyFormat } from '../../src/core/citations/types';
import type { CslItem } from '../../src/core/pack/types';
import { CitationProcessor, readCiteDocument } from '../../src/core/render';

const ROOT = path.join('test', 'fixtures', 'gbt7714');
const EDITIONS: GbtEdition[] = ['2025', '2015'];
const SYSTEMS: GbtSystem[] = ['numeric', 'authoryear'];
const FORMATS: BibliographyFormat[] = ['bibtex', 'csl-json', 'csl-yaml'];

interface Example {
  name: string;
  edition: GbtEdition;
  entry: BibtexEntry;
  element: boolean;
}

function examples(): Example[] {
  const out: Example[] = [];
  for (const edition of EDITIONS) {
    const dir = path.resolve(process.cwd(), ROOT, edition);
    for (const name of fs.readdirSync(dir).sort()) {
      const caseDir = path.join(dir, name);
      if (!fs.statSync(caseDir).isDirectory()) continue;
      const parsed = parseBibtex(fs.readFileSync(path.join(caseDir, 'input.bib'), 'utf8'));
      assert.equal(parsed.entries.length, 1, `${edition}/${name} holds one record`);
      out.push({ name: `${edition}/${name}`, edition, entry: parsed.entries[0], element: fs.existsSync(path.join(caseDir, 'element')) });
    }
  }
  return out;
}

/** The item as a bibliography file of `format` holds it after Insert Citation wrote it there. */
function throughFile(item: CslItem, format: BibliographyFormat): CslItem {
  const read = parseBibliography(serializeBibliography(format, [item]), format);
  assert.deepEqual(read.problems, [], `${format}: the written entry reads without problems`);
  assert.equal(read.entries.length, 1);
  return read.entries[0].item;
}

/** Each system's rendering of the item, for a readable failure. */
const renderings = (item: CslItem, edition: GbtEdition) =>
  SYSTEMS.map((system) => `${system}: ${formatGbt7714(item, edition, { system })}`);

describe('BibTeX reader and writer on the GB/T 7714 example records', () => {
  const all = examples();
  const complete = all.filter((e) => !e.element);

  it('has the examples of both editions', () => {
    assert.equal(all.filter((e) => e.edition === '2025').length, 344);
    assert.equal(all.filter((e) => e.edition === '2015').length, 224);
  });

  it('reads every field of every record into the CSL item', () => {
    const dropped: string[] = [];
    for (const ex of all) {
      const full = bibtexToCsl(ex.entry);
      for (const field of Object.keys(ex.entry.fields)) {
        const { [field]: _gone, ...rest } = ex.entry.fields;
        const without = bibtexToCsl({ ...ex.entry, fields: rest });
        if (JSON.stringify(without) !== JSON.stringify(full)) continue;
        // The same fact twice: a plain year beside the full date, a thesis type that is the default.
        const { date, year } = ex.entry.fields;
        if (field === 'year' && date && /\d{4}/.exec(date)?.[0] === /\d{4}/.exec(year)?.[0]) continue;
        if (field === 'type' && full.genre === ex.entry.fields.type) continue;
        dropped.push(`${ex.name}: ${field}`);
      }
    }
    assert.deepEqual(dropped, [], 'fields the reader drops');
  });

  it('reads back every record it writes to BibTeX as the same CSL item, parallel fields and sort keys included', () => {
    const changed: string[] = [];
    for (const ex of all) {
      const item = bibtexToCsl(ex.entry);
      try {
        assert.deepEqual(throughFile(item, 'bibtex'), item);
      } catch (e) {
        changed.push(`${ex.name}: ${(e as Error).message.slice(0, 400)}`);
      }
    }
    assert.deepEqual(changed, []);
    type Parallel = Record<string, Record<string, Record<string, unknown>>>;
    const parallel = bibtexToCsl(all.find((e) => e.name === '2025/b.4-11')!.entry).custom as Parallel;
    assert.equal(parallel.translations.en['container-title'], 'Acta Aeronautica et Astronautica Sinica');
    assert.deepEqual((parallel.transliterations.en.author as unknown[])[0], { family: 'Wang', given: 'Liping' });
  });

  for (const format of FORMATS) {
    it(`formats every complete example the same after writing it to a ${format} bibliography and reading it back`, () => {
      const changed: string[] = [];
      for (const ex of complete) {
        const item = { ...bibtexToCsl(ex.entry), id: 'k1' };
        const before = renderings(item, ex.edition);
        const after = renderings(throughFile(item, format), ex.edition);
        if (before.join('\n') !== after.join('\n')) changed.push(`${ex.name}\n  ${before.join('\n  ')}\n→ ${after.join('\n  ')}`);
      }
      assert.equal(changed.length, 0, changed.slice(0, 5).join('\n'));
    });
  }

  it('keeps the case of titles recorded as printed (CSL-JSON) when it writes them to BibTeX', () => {
    const changed: string[] = [];
    let protectedWords = 0;
    for (const ex of complete) {
      const read = bibtexToCsl(ex.entry);
      const cjk = hasCjk(String(read.title ?? ''));
      // The record as a CSL-JSON file holds it: the title as the standard prints it, no BibTeX marks.
      const { titleCase: _t, protected: _p, ...custom } = (read.custom ?? {}) as Record<string, unknown>;
      const title = caseField(read, 'title', sentenceCaseApplies(read, cjk));
      const item: CslItem = { ...read, id: 'k1', title, custom };
      const written = serializeBibliography('bibtex', [item]);
      protectedWords += (/^\s*title = (.*)$/m.exec(written)?.[1].match(/\{[^{}]*\}/g) ?? []).length;
      const before = renderings(item, ex.edition);
      const after = renderings(throughFile(item, 'bibtex'), ex.edition);
      if (before.join('\n') !== after.join('\n')) changed.push(`${ex.name}\n  ${before.join('\n  ')}\n→ ${after.join('\n  ')}`);
    }
    assert.equal(changed.length, 0, changed.slice(0, 5).join('\n'));
    assert.ok(protectedWords > 20, `proper nouns and acronyms are protected with braces (${protectedWords})`);
  });

  it('writes a title from CSL-JSON with braces only around the words sentence case would change', () => {
    const title = 'A companion to California history: AI and <span class="nocase">eBay</span>';
    const item: CslItem = { id: 'k', type: 'book', language: 'en', title };
    assert.match(serializeBibliography('bibtex', [item]), /title = \{A companion to \{California\} history: \{AI\} and \{eBay\}\}/);
    // Other languages are not brought to sentence case, so their capitals need no braces.
    const german = serializeBibliography('bibtex', [{ ...item, language: 'de', title: 'Die Geschichte Kaliforniens' }]);
    assert.match(german, /title = \{Die Geschichte Kaliforniens\}/);
  });

  it('orders an author-year list by a record\'s own sort key (BibTeX `key`)', () => {
    const find = (name: string) => all.find((e) => e.name === name)!;
    const items = new Map<string, CslItem>();
    for (const name of ['2015/10.2.3-1a', '2015/10.2.3-1b']) {
      const item = bibtexToCsl(find(name).entry);
      items.set(item.id.toLowerCase(), item);
    }
    const [a, b] = [...items.keys()];
    const doc = readCiteDocument(`见 [@${b}] 和 [@${a}]。\n`);
    const style = { style: 'gbt7714-2015', system: 'author-date', numbers: 'inline' } as const;
    const list = new CitationProcessor(doc, style, { resolve: (k) => items.get(k.toLowerCase()) }).entries;
    // 10.2.3: the article (key `wang2 lin2 hui4 a`) comes first, then the paper in the proceedings.
    assert.deepEqual(list.map((e) => e.key), [a, b]);
    // The keys decide: swapped, they swap the entries.
    const withKey = (k: string, sortKey: string): [string, CslItem] => {
      const item = items.get(k)!;
      return [k, { ...item, custom: { ...(item.custom as object), sortKey } }];
    };
    const swappedItems = new Map([withKey(a, 'wang2 lin2 hui4 b'), withKey(b, 'wang2 lin2 hui4 a')]);
    const swapped = new CitationProcessor(doc, style, { resolve: (k) => swappedItems.get(k.toLowerCase()) }).entries;
    assert.deepEqual(swapped.map((e) => e.key), [b, a]);
  });
});
