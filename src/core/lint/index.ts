/**
 * Terminology lint for Markdown drafts: script consistency, preferred forms, abbreviations at
 * first use and inconsistent forms, with fixes as text edits.
 */
export { lintDraft, fixAllEdits, fixAll, resolveDraftScripts, LINT_MESSAGES } from './lint';
export { applyEdits } from '../text/edits';
export { scanMarkdownZones } from './zones';
export { lineOf } from '../text/lines';
export type { Zone, ZoneKind, HtmlComment, MarkdownZones } from './zones';
export { parseDirectives, disabledRulesPerLine, RULE_BIT } from './directives';
export type { Directive } from './directives';
export { LINT_RULES, DEFAULT_RULE_SEVERITY } from './types';
export type { LintRuleCode, RuleSeverity, LintOptions, LintFix, Finding, FindingData, ScriptIssue, DraftScripts } from './types';
