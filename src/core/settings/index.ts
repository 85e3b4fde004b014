/**
 * The `fintechLens.*` settings that decide what a check reports, read through a getter so that
 * every host reads them the same way: VS Code from its configuration, the command line from
 * `.vscode/settings.json` or `.fintech-lens.json`.
 */
import { LINT_RULES, type LintOptions, type LintRuleCode, type RuleSeverity } from '../lint/types';
import type { Script } from '../pack/types';

/** Reads one setting (the key without the `fintechLens.` prefix); undefined when it is not set. */
export type SettingsGetter = (key: string) => unknown;

/** The setting of each lint rule's severity (`fintechLens.lint.<name>`). */
export const LINT_RULE_SETTING: Readonly<Record<LintRuleCode, string>> = {
  'script-consistency': 'lint.scriptConsistency',
  'preferred-form': 'lint.preferredForm',
  'abbreviation-first-use': 'lint.abbreviationFirstUse',
  'inconsistent-forms': 'lint.inconsistentForms',
};

const SEVERITIES: readonly string[] = ['off', 'error', 'warning', 'information', 'hint'];
const SCRIPTS: readonly string[] = ['en', 'zh-Hans', 'zh-Hant'];

/** The linter's options from the settings; undefined when `lint.enabled` is false. */
export function lintOptionsFromSettings(get: SettingsGetter): LintOptions | undefined {
  if (get('lint.enabled') === false) return undefined;
  const script = get('lint.script');
  const rules: Partial<Record<LintRuleCode, RuleSeverity>> = {};
  for (const code of LINT_RULES) {
    const v = get(LINT_RULE_SETTING[code]);
    if (typeof v === 'string' && SEVERITIES.includes(v)) rules[code] = v as RuleSeverity;
  }
  return { script: typeof script === 'string' && SCRIPTS.includes(script) ? (script as Script) : 'auto', rules };
}

/** The glob patterns of workspace packs (`fintechLens.packs`). */
export const DEFAULT_PACK_GLOBS: readonly string[] = ['**/*.fintech-pack.json'];

/** Where the built-in pack lies, relative to the extension's (and the package's) root folder. */
export const BUILTIN_PACK_PATH: readonly string[] = ['media', 'packs', 'fintech-2026', 'pack.json'];
