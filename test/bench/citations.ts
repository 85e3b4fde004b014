/**
 * Citation benchmark: a synthetic bibliography of 10,000 entries, in BibTeX and in CSL-JSON,
 * loaded as the source picker loads it (parse with positions, convert, build the picker items).
 * The first load parses; later loads of unchanged text come from the cache, which is what
 * opening the picker costs once the bibliography is known.
 */
import { bench } from './framework';
import { keep, measure } from './timing';
import { HAN_POOL, ENGLISH_WORDS, rng } from './synthetic';
import type { CslItem } from '../../src/core/pack/types';
import { BibliographyCache, filterPickItems } from '../../src/core/citations/sources';
import { serializeBibliography } from '../../src/core/citations/bibliography';

const ENTRIES = 10_000;
const TYPES = ['book', 'article-journal', 'report', 'webpage', 'chapter', 'thesis'];

/** Deterministic CSL items, half Chinese and half English. */
export function syntheticItems(count: number, seed = 7): CslItem[] {
  const r = rng(seed);
  const han = (n: number) => Array.from({ length: n }, () => r.pick(HAN_POOL)).join('');
  const words = (n: number) => Array.from({ length: n }, () => r.pick(ENGLISH_WORDS)).join(' ');
  const items: CslItem[] = [];
  for (let i = 0; i < count; i++) {
    const zh = i % 2 === 0;
    const type = TYPES[i % TYPES.length];
    const authors = Array.from({ length: 1 + r.int(4) }, () =>
      zh ? { family: han(1), given: han(2) } : { family: words(1).replace(/^./, (c) => c.toUpperCase()) + 'son', given: 'A. B.' },
    );
    items.push({
      id: `key${i}`,
      type,
      author: authors,
      title: zh ? `${2000 + (i % 26)}年${han(12)}研究` : `The ${words(6)} study ${i}`,
      'container-title': type === 'article-journal' || type === 'chapter' ? (zh ? `${han(4)}学报` : `Journal of ${words(2)}`) : undefined,
      publisher: zh ? `${han(4)}出版社` : `${words(2)} Press`,
      'publisher-place': zh ? '北京' : 'London',
      volume: String(1 + r.int(40)),
      issue: String(1 + r.int(12)),
      page: `${1 + r.int(100)}-${101 + r.int(100)}`,
      issued: { 'date-parts': [[1990 + r.int(36), 1 + r.int(12)]] },
      URL: r.chance(0.3) ? `https://example.org/${i}` : undefined,
      language: zh ? 'zh' : 'en',
    });
  }
  return items;
}

/** The citation figures, for the benchmark runner or any caller. */
export function benchCitations(): Array<{ name: string; value: number; unit: string; target: string; pass: boolean }> {
  const out: Array<{ name: string; value: number; unit: string; target: string; pass: boolean }> = [];
  const record = (name: string, value: number, unit: string, target = '') =>
    out.push({ name, value, unit, target, pass: target === '' || (target.startsWith('<') && value < Number(target.slice(1))) });
  runCitations(record);
  return out;
}

function runCitations(record: (name: string, value: number, unit: string, target?: string) => void, log: (m: string) => void = () => {}): void {
  const items = syntheticItems(ENTRIES);
  const bib = serializeBibliography('bibtex', items);
  const json = serializeBibliography('csl-json', items);
  log(`BibTeX ${(bib.length / 1024).toFixed(0)} KiB, CSL-JSON ${(json.length / 1024).toFixed(0)} KiB`);

  for (const [format, text, name] of [
    ['bibtex', bib, 'bib'],
    ['csl-json', json, 'csl_json'],
  ] as const) {
    const cache = new BibliographyCache();
    const t0 = performance.now();
    const first = cache.load(`refs.${name}`, text, format);
    record(`citations.${name}_first_load_ms`, performance.now() - t0, 'ms', '');
    if (first.entries.length !== ENTRIES || first.problems.length !== 0) {
      throw new Error(`${format}: ${first.entries.length} entries, ${first.problems.length} problems`);
    }
    // Opening the picker again: the file is read again (an equal but distinct string), the
    // cache answers, and the picker gets its item list.
    const copy = () => (' ' + text).slice(1);
    const again = measure(() => filterPickItems(cache.load(`refs.${name}`, copy(), format).items, ''), { runs: 9, warmup: 1 });
    record(`citations.${name}_cached_load_ms`, again.median, 'ms', '< 300');
    keep(first);
  }

  // Typing in the picker: the first query reads pinyin for every title; later ones reuse it.
  const cache = new BibliographyCache();
  const loaded = cache.load('refs.bib', bib, 'bibtex');
  const t1 = performance.now();
  const hits = filterPickItems(loaded.items, 'yanjiu');
  record('citations.picker_first_filter_ms', performance.now() - t1, 'ms', '');
  const filter = measure(() => filterPickItems(loaded.items, 'jiu'), { runs: 9, warmup: 1 });
  record('citations.picker_filter_ms', filter.median, 'ms', '< 300');
  keep(hits);
}

bench('citations', (r) => {
  let loadMs = 0;
  runCitations((name, value, unit, target) => {
    if (name.endsWith('_cached_load_ms')) loadMs = Math.max(loadMs, value);
    r.record(name, value, unit, target);
  }, r.log);
  // The issue's figure: a 10,000-entry bibliography opens the source picker in under 300 ms after the first load.
  r.record('citations.bib_load_ms', loadMs, 'ms', '< 300');
});
