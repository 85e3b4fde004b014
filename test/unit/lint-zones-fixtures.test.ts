/**
 * Zone cases from fixture folders, one case per folder under test/fixtures/lint-zones/:
 *
 * - `input.md`: the draft;
 * - `zones.json`: every zone the scanner finds, in order, as `[kind, text]`.
 *
 * `UPDATE_FIXTURES=1` writes `zones.json` from what the scanner does now (review the diff).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { scanMarkdownZones, type ZoneKind } from '../../src/core/lint';

const ZONE_FIXTURES = path.join('test', 'fixtures', 'lint-zones');
const UPDATE = process.env.UPDATE_FIXTURES === '1';

type Summary = [ZoneKind, string];

function zonesOf(text: string): Summary[] {
  return scanMarkdownZones(text).zones.map((z) => [z.kind, text.slice(z.start, z.end)]);
}

describe('lint zones: fixture cases', () => {
  const cases = fs.readdirSync(ZONE_FIXTURES, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();
  it('has cases', () => assert.ok(cases.length >= 10, `${cases.length} cases`));

  for (const name of cases) {
    it(name, () => {
      const dir = path.join(ZONE_FIXTURES, name);
      const text = fs.readFileSync(path.join(dir, 'input.md'), 'utf8');
      const actual = zonesOf(text);
      const file = path.join(dir, 'zones.json');
      if (UPDATE) fs.writeFileSync(file, actual.length ? `[\n${actual.map((s) => `  ${JSON.stringify(s)}`).join(',\n')}\n]\n` : '[]\n');
      assert.ok(fs.existsSync(file), `${file} is missing (UPDATE_FIXTURES=1 writes it)`);
      assert.deepEqual(actual, JSON.parse(fs.readFileSync(file, 'utf8')) as Summary[]);
    });
  }
});
