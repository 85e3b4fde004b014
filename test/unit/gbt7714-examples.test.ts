/**
 * GB/T 7714—2025 and —2015 against the standards' own examples, one fixture folder per example:
 *
 *   test/fixtures/gbt7714/<edition>/<section>-<n>/
 *     input.bib       the example's record, as BibTeX (read by the project's BibTeX reader)
 *     numeric.txt     the entry as the standard prints it in the numeric system (顺序编码制)
 *     authoryear.txt  the entry in the author-year system (著者-出版年制)
 *     element         present for single-element examples (names, title, edition, publication,
 *                     place, publisher, date, host): the element the example is about; its
 *                     `<system>.txt` holds that element as the system prints it
 *
 * Complete references are formatted with `formatGbt7714`; single-element examples through the
 * element functions (`gbtElements`, `joinGbtElements`) of the system (`renderElement`): in the
 * author-year system the year is an element of the head (`2013. 北京：人民出版社.`), and the
 * head's 佚名 / 无日期 for what an example's record lacks are left out. Texts are compared after collapsing
 * whitespace. Author-year entries are compared without the list's year suffix (`2010a`),
 * which depends on the other entries of a list, not on the example.
 *
 * `known-differences.json` lists the examples that do not match, each justified in the README
 * ("GB/T 7714 against the standards' examples"). A new mismatch fails, and so does
 * an entry of the list that matches again (so the list stays exact). Set GBT_REPORT=1 to print
 * every mismatch with both texts.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { parseBibtex, bibtexToCsl } from '../../src/core/citations/bibtex';
import {
  formatGbt7714,
  gbtElements,
  joinGbtElements,
  type GbtEdition,
  type GbtElementName,
  type GbtSystem,
} from '../../src/core/citations/gbt7714';
import type { CslItem } from '../../src/core/pack/types';
import { repoFile } from './helpers/fixtures';

const ROOT = path.join('test', 'fixtures', 'gbt7714');
const EDITIONS: GbtEdition[] = ['2025', '2015'];
const SYSTEMS: GbtSystem[] = ['numeric', 'authoryear'];
/** Share of the complete-reference examples that must match exactly, per edition and system. */
const THRESHOLD = 0.98;

interface Case {
  name: string;
  dir: string;
  element?: string;
}

const collapse = (s: string) => s.replace(/\s+/g, ' ').trim();

function cases(edition: GbtEdition): Case[] {
  const dir = path.resolve(process.cwd(), ROOT, edition);
  return fs
    .readdirSync(dir)
    .filter((name) => fs.statSync(path.join(dir, name)).isDirectory())
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))
    .map((name) => {
      const caseDir = path.join(dir, name);
      const elementFile = path.join(caseDir, 'element');
      const element = fs.existsSync(elementFile) ? fs.readFileSync(elementFile, 'utf8').trim() : undefined;
      return { name, dir: caseDir, element };
    });
}

/** The formatter element that renders each kind of single-element example. */
const ELEMENT_OF: Record<string, (system: GbtSystem) => GbtElementName[]> = {
  names: () => ['names'],
  // A journal's title (北京师范大学学报（自然科学版）) is printed where a journal article names its journal.
  title: () => ['title', 'publication'],
  edition: () => ['edition'],
  publication: () => ['publication'],
  // A place or a publisher alone: that part of the imprint (出版地：出版者).
  place: () => ['publication'],
  publisher: () => ['publication'],
  host: () => ['publication'],
  // The author-year head carries the year (`佚名，1947（民国三十六年）`); the numeric system prints it in the imprint.
  date: (system) => (system === 'authoryear' ? ['year'] : ['publication']),
};

/**
 * A single-element example through the element functions, in the system's own elements. Its
 * record holds only what the example shows, so the author-year head's placeholders for what the
 * record lacks (`佚名` / `Anon`, `无日期` / `n.d.`) are not part of it; a place or a publisher
 * shown alone is that part of the imprint.
 */
function renderElement(kind: string, item: CslItem, edition: GbtEdition, system: GbtSystem): string {
  const elements = gbtElements(item, edition, { system });
  if (kind === 'place' || kind === 'publisher') {
    const part = elements.find((e) => e.name === 'publication')?.parts?.[kind];
    return part ? joinGbtElements([{ name: 'publication', text: part }]) : '';
  }
  return joinGbtElements(elements.filter((e) => !e.placeholder));
}

function render(c: Case, edition: GbtEdition, system: GbtSystem): { actual: string; expected: string; item: CslItem } {
  const parsed = parseBibtex(fs.readFileSync(path.join(c.dir, 'input.bib'), 'utf8'));
  assert.equal(parsed.problems.length, 0, `${c.name}: ${parsed.problems.map((p) => p.message).join('; ')}`);
  assert.equal(parsed.entries.length, 1, `${c.name}: one entry per example`);
  const item = bibtexToCsl(parsed.entries[0]);
  const expected = collapse(fs.readFileSync(path.join(c.dir, `${system}.txt`), 'utf8'));
  const actual = c.element ? renderElement(c.element, item, edition, system) : formatGbt7714(item, edition, { system });
  return { actual: collapse(actual), expected, item };
}

const known: Record<string, string[]> = JSON.parse(repoFile(ROOT, 'known-differences.json'));

for (const edition of EDITIONS) {
  const all = cases(edition);
  for (const system of SYSTEMS) {
    const label = `${edition}/${system}`;
    describe(`GB/T 7714—${edition} examples, ${system === 'numeric' ? 'numeric system (顺序编码制)' : 'author-year system (著者-出版年制)'}`, () => {
      const results = all.map((c) => ({ c, ...render(c, edition, system) }));
      const mismatches = results.filter((r) => r.actual !== r.expected);
      const listed = new Set(known[label] ?? []);
      if (process.env.GBT_REPORT) {
        for (const m of mismatches) {
          console.log(`${label} ${m.c.name}${m.c.element ? ` (${m.c.element})` : ''}\n  want ${m.expected}\n  got  ${m.actual}`);
        }
      }

      it(`matches at least ${THRESHOLD * 100} % of the complete-reference examples exactly`, () => {
        const complete = results.filter((r) => !r.c.element);
        const matched = complete.filter((r) => r.actual === r.expected).length;
        const rate = matched / complete.length;
        assert.ok(complete.length > 100, 'the example set is present');
        assert.ok(
          rate >= THRESHOLD,
          `${matched}/${complete.length} (${(rate * 100).toFixed(1)} %) match; differences:\n` +
            mismatches.filter((r) => !r.c.element).map((r) => `  ${r.c.name}\n    want ${r.expected}\n    got  ${r.actual}`).join('\n'),
        );
      });

      it('renders the single-element examples through the element functions', () => {
        const elements = results.filter((r) => r.c.element);
        assert.ok(elements.length > 50, 'the element examples are present');
        // The element an example is about is one the formatter produces for its record.
        for (const r of elements) {
          const produced = gbtElements(r.item, edition, { system })
            .filter((e) => !e.placeholder && (r.c.element === 'place' || r.c.element === 'publisher' ? e.parts?.[r.c.element] : true))
            .map((e) => e.name);
          const wanted = ELEMENT_OF[r.c.element!]?.(system);
          const found = wanted?.some((w) => produced.includes(w));
          assert.ok(found, `${r.c.name}: the ${r.c.element} element (${wanted}) is among ${produced.join(', ')}`);
        }
        const wrong = elements.filter((r) => r.actual !== r.expected && !listed.has(r.c.name));
        assert.deepEqual(wrong.map((r) => `${r.c.name} (${r.c.element}): want ${r.expected} | got ${r.actual}`), []);
      });

      it('differs from the examples only where known-differences.json says so', () => {
        const unexpected = mismatches.filter((r) => !listed.has(r.c.name));
        assert.deepEqual(unexpected.map((r) => `${r.c.name}: want ${r.expected} | got ${r.actual}`), [], 'new differences');
        const matching = new Set(results.filter((r) => r.actual === r.expected).map((r) => r.c.name));
        const stale = [...listed].filter((name) => matching.has(name) || !all.some((c) => c.name === name));
        assert.deepEqual(stale, [], 'entries of known-differences.json that match now (or no longer exist)');
      });
    });
  }
}
