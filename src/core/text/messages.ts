/**
 * Message templates: every problem, finding and warning of the core carries an English
 * template with `{0}`, `{1}`… placeholders and its arguments. Hosts localise the template
 * (VS Code's in `src/host/convert.ts`) and fill in the arguments; `message` is the English text.
 */

import type { Problem, Severity, TextRange } from './types';

export type MessageArgs = ReadonlyArray<string | number>;

/** Fills a template's `{n}` placeholders (a placeholder without an argument is left as it is). */
export function formatMessage(template: string, args: MessageArgs = []): string {
  return template.replace(/\{(\d+)\}/g, (m, i: string) => (args[Number(i)] !== undefined ? String(args[Number(i)]) : m));
}

/**
 * A problem from its English template and arguments (the l10n test finds every template
 * written as the first argument of this function).
 */
export function makeProblem(template: string, args: MessageArgs, severity: Severity, code: string, range: TextRange): Problem {
  return { severity, code, message: formatMessage(template, args), template, args: [...args], range };
}
