/**
 * The scanner finds, in every case of the Pandoc citation corpus, exactly the citations Pandoc
 * reads there (recorded in `expected.json` by the Pandoc test, test/pandoc): the same keys,
 * modes, prefixes and suffixes, in the same order, and nothing in code, comments or links.
 */
import * as assert from 'node:assert/strict';
import { scanCitations } from '../../src/core/citations/markdown';
import { corpusCases, scannerCitations } from './helpers/pandocCorpus';

describe('Pandoc citation corpus: the scanner agrees with Pandoc', () => {
  for (const c of corpusCases()) {
    it(c.name, () => {
      assert.ok(c.expected, `${c.name} has no expected.json (run the Pandoc test with UPDATE_PANDOC_CORPUS=1)`);
      assert.deepEqual(scannerCitations(scanCitations(c.input)), c.expected);
    });
  }
});
