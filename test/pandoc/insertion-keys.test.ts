/**
 * Every key Insert Citation writes reads back through Pandoc: generated keys (bare ones, and ones
 * outside Pandoc's bare-key rules: blanks, `]`, `;`, a trailing `.`, a leading `-`, braces, CJK,
 * astral characters) are cited by the core planner, and `pandoc -f markdown -t json` must read
 * exactly the inserted keys; a key the planner refuses must be one no Pandoc syntax can hold.
 * Then the entries appended to a BibTeX, CSL-JSON and CSL-YAML file resolve under
 * `pandoc --citeproc` with no warning (a key BibTeX cannot hold, or one Pandoc would read as
 * Markdown in CSL-YAML, is refused with a message).
 *
 * The cases are drawn with the property tests' fixed seed and checked in one pandoc run each.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as fc from 'fast-check';
import type { CslItem } from '../../src/core/pack/types';
import { applyTextEdits, planCitationInsertion } from '../../src/core/citations/insert';
import { scanCitations } from '../../src/core/citations/markdown';
import { isBibtexKey, isCslYamlKey, parseBibliography, serializeBibliography } from '../../src/core/citations/bibliography';
import type { BibliographyFormat } from '../../src/core/citations/types';
import { fuzzMultiplier, propertySeed } from '../unit/property/config';
import { pandoc, requirePandoc } from './pandoc';

const KEY_CHARS = [
  ...'abzQ07_-.:/#$%&+?<>~;,][{}@!*=\'"`^|\\ ',
  ...['王', '陳', '𠀀', '𠮷', '😀', 'é'],
];

/** Keys of every kind: mostly odd ones, some ordinary. */
const keyArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 1, arbitrary: fc.stringMatching(/^[a-z][a-z0-9]{0,8}(?:[:.\-/][a-z0-9]{1,4})?$/) },
  { weight: 4, arbitrary: fc.array(fc.constantFrom(...KEY_CHARS), { minLength: 1, maxLength: 8 }).map((cs) => cs.join('')) },
);

/** Whether any Pandoc syntax can hold `key`: no blanks, balanced braces. */
function pandocCanHold(key: string): boolean {
  if (key === '' || /\s/.test(key)) return false;
  let depth = 0;
  for (const c of key) {
    if (c === '{') depth++;
    else if (c === '}' && --depth < 0) return false;
  }
  return depth === 0;
}

type PandocNode = { t: string; c?: unknown };
function citeIds(x: unknown, out: string[] = []): string[] {
  if (Array.isArray(x)) for (const y of x) citeIds(y, out);
  else if (x && typeof x === 'object') {
    const n = x as PandocNode;
    if (n.t === 'Cite') for (const c of (n.c as unknown[])[0] as Array<{ citationId: string }>) out.push(c.citationId);
    else citeIds(n.c, out);
  }
  return out;
}

const item = (i: number): CslItem => ({ id: `placeholder${i}`, type: 'book', title: `Title${i}x`, issued: { 'date-parts': [[2020]] } });

const PAGE = { label: 'page' as const, value: '3' };
const EXISTING: CslItem = { id: 'existing2000', type: 'book', title: 'Existing', issued: { 'date-parts': [[2000]] } };

interface Case {
  keys: string[];
  text: string;
}

describe('Insert Citation: every inserted key reads back through Pandoc', function () {
  this.timeout(180_000);
  const runs = 150 * fuzzMultiplier();
  const seed = propertySeed();
  // One or two keys per citation, with or without a locator.
  const drawn = fc.sample(fc.tuple(fc.array(keyArb, { minLength: 1, maxLength: 2 }), fc.boolean()), { seed, numRuns: runs });
  const accepted: Case[] = [];

  before(function () {
    requirePandoc(this);
  });

  it(`writes each key so that pandoc reads exactly it, or refuses a key no syntax holds (${runs} cases, seed ${seed})`, () => {
    const paragraphs: string[] = [];
    for (const [raw, withLocator] of drawn) {
      const keys = [...new Set(raw)];
      const text = `Claim ${paragraphs.length}.`;
      const plan = planCitationInsertion({
        text,
        cursors: [{ start: text.length - 1, end: text.length - 1 }],
        syntax: 'pandoc',
        sources: keys.map((key, i) => ({ key, item: item(i), ...(withLocator && i === 0 ? { locator: PAGE } : {}) })),
        bibliography: { existing: { path: 'refs.json', keys } },
      });
      if (plan.problems.some((p) => p.severity === 'error')) {
        const why = plan.problems.map((p) => p.message).join('; ');
        assert.ok(keys.some((k) => !pandocCanHold(k)), `refused ${JSON.stringify(keys)}: ${why}`);
        assert.equal(plan.problems[0].code, 'citation.key-unwritable');
        continue;
      }
      assert.ok(keys.every(pandocCanHold), `${JSON.stringify(keys)} has a key no Pandoc syntax holds, yet it was written`);
      const out = applyTextEdits(text, plan.edits);
      // The scanner reads it back too.
      assert.deepEqual(scanCitations(out).citations.flatMap((c) => c.items.map((it) => it.key)), keys, out);
      accepted.push({ keys, text: out });
      paragraphs.push(out);
    }
    assert.ok(accepted.length > runs / 3, `enough cases are written (${accepted.length} of ${runs})`);
    const r = pandoc(['-f', 'markdown', '-t', 'json'], paragraphs.join('\n\n') + '\n');
    assert.equal(r.status, 0, r.stderr);
    const blocks = (JSON.parse(r.stdout) as { blocks: unknown[] }).blocks;
    assert.equal(blocks.length, accepted.length, 'one paragraph per case');
    accepted.forEach((c, i) => assert.deepEqual(citeIds(blocks[i]), c.keys, `pandoc reads ${c.text}`));
  });

  const STARTS: Record<BibliographyFormat, { file: string; text: string }> = {
    bibtex: { file: 'refs.bib', text: '@book{existing2000,\n  title = {Existing},\n  year = {2000},\n}\n' },
    'csl-json': { file: 'refs.json', text: serializeBibliography('csl-json', [EXISTING]) },
    'csl-yaml': { file: 'refs.yaml', text: serializeBibliography('csl-yaml', [EXISTING]) },
  };

  for (const format of Object.keys(STARTS) as BibliographyFormat[]) {
    it(`appends each written key to a ${format} file that pandoc --citeproc resolves with no warning`, () => {
      assert.ok(accepted.length > 0, 'the cases of the first test');
      const start = STARTS[format];
      const keys = [...new Set(accepted.flatMap((c) => c.keys))];
      let text = start.text;
      const cited: string[] = [];
      for (const key of keys) {
        const plan = planCitationInsertion({
          text: 'A.\n',
          cursors: [{ start: 1, end: 1 }],
          syntax: 'pandoc',
          sources: [{ key, item: { ...item(cited.length), title: `Title${cited.length}x` } }],
          bibliography: { existing: { path: start.file, keys: parseBibliography(text, format).entries.map((e) => e.key), text, format } },
        });
        const error = plan.problems.find((p) => p.severity === 'error');
        if (format === 'bibtex' && !isBibtexKey(key)) {
          assert.equal(error?.code, 'bibliography.bibtex-key', `${JSON.stringify(key)} is refused for BibTeX`);
          assert.match(error.message, /cannot be a BibTeX key/);
          continue;
        }
        if (format === 'csl-yaml' && !isCslYamlKey(key)) {
          assert.equal(error?.code, 'bibliography.csl-yaml-key', `${JSON.stringify(key)} is refused for CSL-YAML`);
          assert.match(error.message, /cannot be a CSL-YAML key/);
          continue;
        }
        if (plan.bibliography === undefined) continue; // the same key, case-insensitively, is already there
        assert.equal(error, undefined, `${JSON.stringify(key)}: ${error?.message}`);
        text = applyTextEdits(text, plan.bibliography.edits!);
        cited.push(key);
      }
      assert.ok(cited.length > 10, `enough keys appended (${cited.length})`);
      const parsed = parseBibliography(text, format);
      assert.deepEqual(parsed.problems, []);
      assert.deepEqual(parsed.entries.map((e) => e.key), ['existing2000', ...cited]);

      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fintech-lens-keys-'));
      try {
        fs.writeFileSync(path.join(dir, start.file), text);
        const body = cited.map((key, i) => {
          const text = `P${i}.`;
          const at = text.length - 1;
          const bibliography = { existing: { path: start.file, keys: [key] } };
          const sources = [{ key, item: item(i) }];
          const plan = planCitationInsertion({ text, cursors: [{ start: at, end: at }], syntax: 'pandoc', sources, bibliography });
          return applyTextEdits(text, plan.edits);
        });
        const doc = `---\nbibliography: ${start.file}\n---\n\n${body.join('\n\n')}\n`;
        const r = pandoc(['--citeproc', '-f', 'markdown', '-t', 'plain', '--wrap=none'], doc, dir);
        assert.equal(r.status, 0, r.stderr);
        assert.equal(r.stderr.trim(), '', 'no warning');
        assert.ok(!r.stdout.includes('???'), r.stdout);
        const paras = r.stdout.split(/\n\n/);
        cited.forEach((key, i) => assert.ok(paras[i]?.includes(`Title${i}x`), `${JSON.stringify(key)} resolves: ${paras[i]}`));
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});
