import { strict as assert } from 'node:assert';
import * as fs from 'fs';
import * as path from 'path';
import { CITATION_MESSAGES } from '../../src/core/citations/messages';
import { PACK_MESSAGES } from '../../src/core/pack/load';
import { LINT_MESSAGES } from '../../src/core/lint';
import { TERM_MESSAGES } from '../../src/core/terms';
import { CSL_JSON_MESSAGES } from '../../src/core/citations/cslJson';
import { CSL_YAML_MESSAGES } from '../../src/core/citations/cslYaml';
import { IMPORT_MESSAGES } from '../../src/core/import/types';

/** Every `vscode.l10n.t('…')` message and `makeProblem('…')` template in the sources. */
function runtimeMessages(): Map<string, string> {
  const found = new Map<string, string>();
  const files = (fs.readdirSync('src', { recursive: true }) as string[]).filter((f) => f.endsWith('.ts'));
  for (const f of files) {
    const text = fs.readFileSync(path.join('src', f), 'utf8');
    for (const m of text.matchAll(/(?:l10n\.t|makeProblem)\(\s*(['"])((?:\\.|(?!\1)[^\\])*)\1/g)) {
      const message = m[2].replace(/\\(['"\\])/g, '$1').replace(/\\n/g, '\n');
      found.set(message, f);
    }
  }
  // Core problems that carry a template are localised by it (see src/host/convert.ts).
  for (const template of Object.values(PACK_MESSAGES)) found.set(template, 'src/core/pack/load.ts');
  for (const template of Object.values(TERM_MESSAGES)) found.set(template, 'src/core/terms/forms.ts');
  for (const template of Object.values(LINT_MESSAGES)) found.set(template, 'src/core/lint/lint.ts');
  for (const template of Object.values(CITATION_MESSAGES)) found.set(template, 'src/core/citations/messages.ts');
  for (const template of Object.values(CSL_JSON_MESSAGES)) found.set(template, 'src/core/citations/cslJson.ts');
  for (const template of Object.values(CSL_YAML_MESSAGES)) found.set(template, 'src/core/citations/cslYaml.ts');
  for (const template of Object.values(IMPORT_MESSAGES)) found.set(template, 'src/core/import/types.ts');
  return found;
}

describe('localisation', () => {
  const messages = runtimeMessages();

  it('finds the runtime messages', () => {
    assert.ok(messages.size > 10, `${messages.size} messages`);
  });

  for (const locale of ['zh-cn', 'zh-tw']) {
    it(`translates every runtime message into ${locale}`, () => {
      const bundle = JSON.parse(fs.readFileSync(`l10n/bundle.l10n.${locale}.json`, 'utf8')) as Record<string, string>;
      const missing = [...messages.keys()].filter((m) => !bundle[m]);
      assert.deepEqual(missing, [], `missing in l10n/bundle.l10n.${locale}.json`);
      for (const [k, v] of Object.entries(bundle)) {
        const placeholders = (s: string): string => (s.match(/\{\d+\}/g) ?? []).sort().join();
        assert.equal(placeholders(v), placeholders(k), `placeholders of "${k}"`);
      }
    });

    it(`translates every manifest string into ${locale}`, () => {
      const en = JSON.parse(fs.readFileSync('package.nls.json', 'utf8')) as Record<string, string>;
      const tr = JSON.parse(fs.readFileSync(`package.nls.${locale}.json`, 'utf8')) as Record<string, string>;
      assert.deepEqual(Object.keys(en).filter((k) => !tr[k]), []);
      const used = new Set([...fs.readFileSync('package.json', 'utf8').matchAll(/"%([^%"]+)%"/g)].map((m) => m[1]));
      assert.deepEqual([...used].filter((k) => !en[k]), [], 'every %key% in package.json is defined');
    });
  }

  it('gives every setting a description', () => {
    const pkg = JSON.parse(fs.readFileSync('package.json', 'utf8'));
    for (const [key, value] of Object.entries(pkg.contributes.configuration.properties as Record<string, { markdownDescription?: string; description?: string }>)) {
      assert.ok(value.markdownDescription || value.description, key);
      assert.ok(key.startsWith('fintechLens.'), key);
    }
    for (const c of pkg.contributes.commands) {
      assert.ok(c.command.startsWith('fintechLens.'), c.command);
      assert.equal(c.category, 'Fintech Lens', c.command);
    }
  });
});
