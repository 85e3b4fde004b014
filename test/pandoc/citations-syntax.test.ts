/**
 * Pandoc is the judge of citation syntax: on every case of the corpus, the citations Pandoc
 * reads (`pandoc -f markdown -t json`) are the ones recorded in `expected.json`, which the
 * unit test holds the scanner to. `UPDATE_PANDOC_CORPUS=1` rewrites the recordings.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { corpusCases, pandocCitations } from '../unit/helpers/pandocCorpus';
import { scanCitations } from '../../src/core/citations/markdown';
import { scannerCitations } from '../unit/helpers/pandocCorpus';
import { pandocJson, pandocVersion, requirePandoc } from './pandoc';

describe('Pandoc reads the citation corpus as recorded', function () {
  this.timeout(120_000);
  before(function () {
    requirePandoc(this);
    console.log(`    (${pandocVersion()})`);
  });
  for (const c of corpusCases()) {
    it(c.name, () => {
      const actual = pandocCitations(pandocJson(c.input));
      if (process.env.UPDATE_PANDOC_CORPUS) fs.writeFileSync(path.join(c.dir, 'expected.json'), JSON.stringify(actual, null, 2) + '\n');
      else assert.deepEqual(c.expected, actual, 'expected.json differs from what pandoc reads');
      // And the scanner agrees with Pandoc directly.
      assert.deepEqual(scannerCitations(scanCitations(c.input)), actual);
    });
  }
});
