/**
 * Pandoc reads the BibTeX the extension writes: every record of the GB/T 7714 examples, as read
 * from its BibTeX and as a CSL-JSON file records it (titles as printed), is written by the
 * extension's BibTeX writer into one file, and `pandoc -f bibtex -t csljson` must read every
 * entry, under its key, without a warning, with the same title, and with the case of every
 * word the writer protected with braces kept (Pandoc, like the extension, brings English BibTeX
 * titles to sentence case): a title recorded as printed comes out as printed.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { bibtexToCsl, parseBibtex } from '../../src/core/citations/bibtex';
import { serializeBibliography } from '../../src/core/citations/bibliography';
import { caseField, sentenceCaseApplies } from '../../src/core/citations/gbt7714/title';
import { hasCjk } from '../../src/core/citations/csl';
import type { CslItem } from '../../src/core/pack/types';
import { pandoc, requirePandoc } from './pandoc';

const ROOT = path.join('test', 'fixtures', 'gbt7714');

/** Every example record, as read from BibTeX and as printed (the way a CSL-JSON file holds it). */
function records(): CslItem[] {
  const out: CslItem[] = [];
  for (const edition of ['2025', '2015']) {
    const dir = path.resolve(process.cwd(), ROOT, edition);
    for (const name of fs.readdirSync(dir).sort()) {
      const entry = parseBibtex(fs.readFileSync(path.join(dir, name, 'input.bib'), 'utf8')).entries[0];
      const read = bibtexToCsl(entry);
      out.push({ ...read, id: `bib-${edition}-${name}` });
      const { titleCase: _t, protected: _p, ...custom } = (read.custom ?? {}) as Record<string, unknown>;
      const title = caseField(read, 'title', sentenceCaseApplies(read, hasCjk(String(read.title ?? ''))));
      out.push({ ...read, id: `csl-${edition}-${name}`, title, custom });
    }
  }
  return out;
}

/** A title without markup, with straight quotes: how the two readers' titles are compared. */
const plain = (s: string) => s.replace(/<\/?span[^>]*>/g, '').replace(/[‘’]/g, "'").replace(/[“”]/g, '"');

describe('Pandoc reads the BibTeX the extension writes', function () {
  this.timeout(120_000);
  before(function () {
    requirePandoc(this);
  });

  it('reads every GB/T 7714 example record under its key, with its title and the words the writer protected', () => {
    const items = records();
    const written = serializeBibliography('bibtex', items);
    const r = pandoc(['-f', 'bibtex', '-t', 'csljson'], written);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stderr.trim(), '', 'pandoc warns of nothing');
    const read = new Map((JSON.parse(r.stdout) as CslItem[]).map((it) => [it.id, it]));
    assert.equal(read.size, items.length, 'one entry per record');
    const blocks = written.split(/\n(?=@)/);
    const wrong: string[] = [];
    let protectedWords = 0;
    items.forEach((item, i) => {
      const theirs = read.get(item.id);
      if (!theirs) {
        wrong.push(`${item.id}: missing`);
        return;
      }
      if (!item.title) return;
      const title = plain(String(theirs.title ?? ''));
      if (title.toLowerCase() !== plain(String(item.title)).toLowerCase()) wrong.push(`${item.id}: ${item.title} → ${title}`);
      // A title recorded as printed keeps its case, but for the capital Pandoc gives a subtitle.
      const subtitleLower = (s: string) => s.replace(/([:?!]\s+)(\p{Lu})/gu, (_m, sep: string, c: string) => sep + c.toLowerCase());
      if (item.id.startsWith('csl-') && subtitleLower(title) !== subtitleLower(plain(String(item.title)))) {
        wrong.push(`${item.id}: the case of "${item.title}" changed: ${title}`);
      }
      const field = /^\s*title = \{(.*)\},?$/m.exec(blocks[i])?.[1] ?? '';
      for (const [, word] of field.matchAll(/\{([^{}\\]+)\}/g)) {
        protectedWords++;
        if (!title.includes(plain(word))) wrong.push(`${item.id}: "${word}" lost its case: ${title}`);
      }
    });
    assert.deepEqual(wrong, []);
    assert.ok(protectedWords > 100, `the records protect words (${protectedWords})`);
  });
});
