/**
 * Types of the terminology linter: rule codes, options, findings and their fixes.
 * Pure data: no host APIs.
 */
import type { Problem, Severity, TextEdit } from '../text/types';
import type { Script } from '../pack/types';
import type { TermMatch } from '../terms/types';

/** The four rules, by the code their diagnostics carry. */
export type LintRuleCode = 'script-consistency' | 'preferred-form' | 'abbreviation-first-use' | 'inconsistent-forms';

export const LINT_RULES: readonly LintRuleCode[] = ['script-consistency', 'preferred-form', 'abbreviation-first-use', 'inconsistent-forms'];

/** A rule's severity, or `off` to switch it off. */
export type RuleSeverity = Severity | 'off';

/** Default severities (the same as the `fintechLens.lint.*` settings' defaults). */
export const DEFAULT_RULE_SEVERITY: Readonly<Record<LintRuleCode, RuleSeverity>> = {
  'script-consistency': 'warning',
  'preferred-form': 'warning',
  'abbreviation-first-use': 'warning',
  'inconsistent-forms': 'information',
};

export interface LintOptions {
  /** The draft's script, or `auto` (default) to detect it from the prose. */
  script?: Script | 'auto';
  /** Severity per rule; missing rules take DEFAULT_RULE_SEVERITY. */
  rules?: Partial<Record<LintRuleCode, RuleSeverity>>;
  /**
   * The term matches of `text`, when the caller already has them (e.g. cached per document
   * version), from the same index. Matches that do not fit the text are ignored and the linter
   * finds them itself.
   */
  matches?: readonly TermMatch[];
}

/** A fix for one finding: a title (English, `template` filled from `args`) and the edits, which never overlap. */
export interface LintFix {
  title: string;
  template: string;
  args: Array<string | number>;
  edits: TextEdit[];
}

/** How a term's spelling departs from the draft's script. */
export type ScriptIssue = 'hant-in-hans' | 'hans-in-hant' | 'mixed';

/** What a finding is about, as data (the message says the same in words). */
export interface FindingData {
  /** The text as the draft writes it. */
  found: string;
  /** The text the fix writes instead (absent when there is no fix). */
  replacement?: string;
  /** script-consistency: how the spelling departs from the draft's script. */
  scriptIssue?: ScriptIssue;
  /** The script the draft is linted in (for Chinese terms: the draft's Chinese script). */
  script: Script;
  /** inconsistent-forms: how often the flagged form occurs, and the majority form and its count. */
  count?: number;
  majority?: string;
  majorityCount?: number;
}

/** One problem the linter found. Offsets index the linted text. */
export interface Finding extends Problem {
  code: LintRuleCode;
  severity: Severity;
  /** The English template of `message` (see LINT_MESSAGES); hosts localise it. */
  template: string;
  args: Array<string | number>;
  packId: string;
  termId: string;
  data: FindingData;
  /** Zero or one fix today; a list so that rules may offer alternatives. */
  fixes: LintFix[];
}

/** The draft's scripts, as the linter resolved them. */
export interface DraftScripts {
  /** The script of the prose. */
  script: Script;
  /**
   * The Chinese script Chinese terms must be written in: the draft's script for Chinese
   * drafts; for English drafts the majority of the Chinese characters it contains, if any.
   */
  chinese?: 'zh-Hans' | 'zh-Hant';
}
