/**
 * A draft that opens with a Pandoc title block (`% Title`, `% Author`, `% Date`): Insert Citation
 * that names a new bibliography puts its YAML block after the title block, so Pandoc still reads
 * the title, the authors and the date, and reads the bibliography, and `pandoc --citeproc`
 * resolves the citation. A YAML block above the title block would have ended it.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { applyTextEdits, planCitationInsertion } from '../../src/core/citations/insert';
import { serializeBibliography } from '../../src/core/citations/bibliography';
import type { CslItem } from '../../src/core/pack/types';
import { pandoc, requirePandoc } from './pandoc';

const ITEM: CslItem = {
  id: 'doe2020', type: 'book', author: [{ family: 'Doe', given: 'Jane' }], title: 'Open banking', issued: { 'date-parts': [[2020]] },
};

type Meta = Record<string, { t: string; c: unknown }>;

describe('Insert Citation in a draft with a Pandoc title block', function () {
  this.timeout(60_000);
  before(function () {
    requirePandoc(this);
  });

  for (const [name, draft] of [
    ['LF, a blank line after the block', '% Fintech notes\n% Li Lei; Wang Fang\n% 2026-12-03\n\nThe claim|.\n'],
    ['CRLF, the text right after the block', '% Fintech notes\r\n% Li Lei; Wang Fang\r\n% 2026-12-03\r\nThe claim|.\r\n'],
  ] as const) {
    it(`keeps the title block Pandoc's metadata and resolves the citation (${name})`, () => {
      const at = draft.indexOf('|');
      const text = draft.slice(0, at) + draft.slice(at + 1);
      const plan = planCitationInsertion({
        text,
        cursors: [{ start: at, end: at }],
        syntax: 'pandoc',
        sources: [{ key: ITEM.id, item: ITEM }],
        bibliography: { existing: 'none', newFileName: 'references.json' },
      });
      assert.deepEqual(plan.problems, []);
      const out = applyTextEdits(text, plan.edits);
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fl-title-'));
      fs.writeFileSync(path.join(dir, 'references.json'), serializeBibliography('csl-json', [ITEM]));
      const json = pandoc(['-f', 'markdown', '-t', 'json', '-s'], out, dir);
      assert.equal(json.status, 0, json.stderr);
      const meta = (JSON.parse(json.stdout) as { meta: Meta }).meta;
      assert.deepEqual(Object.keys(meta).sort(), ['author', 'bibliography', 'date', 'title'], out);
      const r = pandoc(['--citeproc', '-f', 'markdown', '-t', 'plain', '-s', '--wrap=none'], out, dir);
      assert.equal(r.status, 0, r.stderr);
      assert.equal(r.stderr.trim(), '', 'pandoc --citeproc warns of nothing');
      assert.match(r.stdout, /^Fintech notes\n/, 'the title block is the title');
      assert.match(r.stdout, /The claim ?\(Doe 2020\)\./, r.stdout);
      assert.match(r.stdout, /Doe, Jane\. 2020\. Open Banking\./, r.stdout);
    });
  }
});
