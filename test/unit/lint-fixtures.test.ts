/**
 * Lint cases from fixture folders, one case per folder under test/fixtures/lint/:
 *
 * - `input.md`: the draft;
 * - `options.json` (optional): `script` (the `fintechLens.lint.script` setting) and `only`
 *   (the one rule switched on; every rule at its default severity otherwise);
 * - `findings.json`: the findings, in order, as `[rule, flagged text, replacement or null]`;
 * - `fixed.md`: the draft after Fix All, which must leave nothing fixable behind.
 *
 * The glossary is the lint tests' own (test/unit/helpers/lintGlossary.ts).
 * `UPDATE_FIXTURES=1` writes `findings.json` and `fixed.md` from what the linter does now (review the diff).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { fixAll, lintDraft, LINT_RULES, type Finding, type LintOptions, type LintRuleCode } from '../../src/core/lint';
import type { Script } from '../../src/core/pack/types';
import { buildTermIndex, type TermIndex } from '../../src/core/terms';
import { LINT_GLOSSARY } from './helpers/lintGlossary';

const ROOT = path.join('test', 'fixtures', 'lint');
const UPDATE = process.env.UPDATE_FIXTURES === '1';

interface CaseOptions {
  script?: Script | 'auto';
  only?: LintRuleCode;
}

type Summary = [string, string, string | null];

function optionsOf(dir: string): LintOptions {
  const file = path.join(dir, 'options.json');
  const o = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as CaseOptions) : {};
  const rules = o.only ? Object.fromEntries(LINT_RULES.map((r) => [r, r === o.only ? 'warning' : 'off'])) : undefined;
  return { script: o.script ?? 'auto', rules };
}

function summary(text: string, findings: Finding[]): Summary[] {
  return findings.map((f) => [f.code, text.slice(f.range.start, f.range.end), f.fixes[0] ? f.fixes[0].edits.map((e) => e.newText).join('|') : null]);
}

function readOrWrite(file: string, actual: string): string {
  if (UPDATE || !fs.existsSync(file)) fs.writeFileSync(file, actual);
  return fs.readFileSync(file, 'utf8');
}

describe('lint: fixture cases', () => {
  let index: TermIndex;
  before(() => {
    index = buildTermIndex([{ packId: 'test', terms: LINT_GLOSSARY }]);
  });

  const cases = fs.readdirSync(ROOT, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();
  it('has cases', () => assert.ok(cases.length >= 20, `${cases.length} cases`));

  for (const name of cases) {
    it(name, () => {
      const dir = path.join(ROOT, name);
      const text = fs.readFileSync(path.join(dir, 'input.md'), 'utf8');
      const options = optionsOf(dir);
      const actual = summary(text, lintDraft(text, index, options));
      const expected = JSON.parse(readOrWrite(path.join(dir, 'findings.json'), `[\n${actual.map((s) => `  ${JSON.stringify(s)}`).join(',\n')}${actual.length ? '\n' : ''}]\n`)) as Summary[];
      assert.deepEqual(actual, expected, 'findings');
      const fixed = fixAll(text, index, options).text;
      assert.equal(fixed, readOrWrite(path.join(dir, 'fixed.md'), fixed), 'Fix All');
      assert.deepEqual(lintDraft(fixed, index, options).filter((f) => f.fixes.length > 0), [], 'nothing fixable after Fix All');
    });
  }
});
