/**
 * Reference formatting examples, one fixture folder per case:
 *
 *   test/fixtures/citations-format/<case>/
 *     input.json       the CSL-JSON record
 *     options.json     optional `FormatReferenceOptions` (locator, markup, westernPunctuation)
 *     <style>.txt      the expected entry in that style: gbt7714-2025, gbt7714-2015 or apa7
 *
 * Every style file present is checked. The standards' full example sets are in
 * test/fixtures/gbt7714/ (gbt7714-examples.test.ts).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { formatReference, type FormatReferenceOptions } from '../../src/core/citations/format';
import { CITATION_STYLES } from '../../src/core/citations/types';
import type { CslItem } from '../../src/core/pack/types';

const ROOT = path.resolve(process.cwd(), 'test', 'fixtures', 'citations-format');

describe('reference formatting fixtures', () => {
  const cases = fs.readdirSync(ROOT).filter((name) => fs.statSync(path.join(ROOT, name)).isDirectory()).sort();

  it('has cases for every style', () => {
    for (const style of CITATION_STYLES) {
      assert.ok(cases.some((c) => fs.existsSync(path.join(ROOT, c, `${style}.txt`))), style);
    }
  });

  for (const name of cases) {
    const dir = path.join(ROOT, name);
    const item = JSON.parse(fs.readFileSync(path.join(dir, 'input.json'), 'utf8')) as CslItem;
    const optionsFile = path.join(dir, 'options.json');
    const options = (fs.existsSync(optionsFile) ? JSON.parse(fs.readFileSync(optionsFile, 'utf8')) : {}) as FormatReferenceOptions;
    const styles = CITATION_STYLES.filter((style) => fs.existsSync(path.join(dir, `${style}.txt`)));
    it(`${name} (${styles.join(', ')})`, function () {
      this.timeout(20000); // the first APA case loads citeproc and the CSL style
      assert.ok(styles.length > 0, 'the case names an expected style');
      for (const style of styles) {
        const expected = fs.readFileSync(path.join(dir, `${style}.txt`), 'utf8').replace(/\r?\n$/, '');
        assert.equal(formatReference(item, style, options), expected, style);
      }
    });
  }
});
