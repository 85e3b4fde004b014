/**
 * Inline lint directives in HTML comments, with markdownlint's semantics:
 *
 *   <!-- fintech-lens-disable [rules] -->            off from this line on (all rules when none is named)
 *   <!-- fintech-lens-enable [rules] -->             on again from this line on
 *   <!-- fintech-lens-disable-line [rules] -->       off on this line only
 *   <!-- fintech-lens-disable-next-line [rules] -->  off on the line after the comment only
 *   <!-- fintech-lens-capture -->                    remember the current state
 *   <!-- fintech-lens-restore -->                    go back to the remembered state
 *   <!-- fintech-lens-disable-file [rules] -->       off in the whole file
 *   <!-- fintech-lens-enable-file [rules] -->        on in the whole file
 *
 * So a `disable` … `enable` pair switches rules off for the block between them. Rules are named
 * by code (`script-consistency`, `preferred-form`, `abbreviation-first-use`, `inconsistent-forms`)
 * or by setting name (`scriptConsistency`, …); case, `-` and `_` do not matter; names may be
 * separated by spaces or commas. Unknown names are ignored. A directive changes the state from
 * its own line (the line the comment starts on).
 */
import type { LintRuleCode } from './types';
import { LINT_RULES } from './types';
import { lineOf } from '../text/lines';
import type { HtmlComment } from './zones';

/** Bit of each rule in a disabled-rules mask. */
export const RULE_BIT: Readonly<Record<LintRuleCode, number>> = {
  'script-consistency': 1,
  'preferred-form': 2,
  'abbreviation-first-use': 4,
  'inconsistent-forms': 8,
};
const ALL = 15;

const NAME_TO_BIT = new Map<string, number>();
for (const code of LINT_RULES) NAME_TO_BIT.set(code.replace(/[-_]/g, ''), RULE_BIT[code]);

type Verb = 'disable' | 'enable' | 'disable-line' | 'disable-next-line' | 'capture' | 'restore' | 'disable-file' | 'enable-file';
const DIRECTIVE = /^\s*fintech-lens-(disable-next-line|disable-line|disable-file|enable-file|disable|enable|capture|restore)(?=\s|$)([\s\S]*)$/;

export interface Directive {
  verb: Verb;
  /** Rules named, as a mask (all rules when none is named). */
  mask: number;
  /** Line of the comment's start, and of its end. */
  line: number;
  endLine: number;
}

/** Parses the lint directives among the comments (others are ignored). */
export function parseDirectives(text: string, comments: readonly HtmlComment[], lineStarts: Int32Array): Directive[] {
  const out: Directive[] = [];
  for (const c of comments) {
    const body = text.slice(c.body.start, c.body.end);
    if (body.indexOf('fintech-lens-') < 0) continue;
    const m = DIRECTIVE.exec(body);
    if (!m) continue;
    const verb = m[1] as Verb;
    let mask = 0;
    let named = false;
    for (const token of m[2].split(/[\s,]+/)) {
      if (!token) continue;
      named = true;
      mask |= NAME_TO_BIT.get(token.toLowerCase().replace(/[-_]/g, '')) ?? 0;
    }
    if (!named) mask = ALL;
    out.push({
      verb,
      mask,
      line: lineOf(lineStarts, c.range.start),
      endLine: lineOf(lineStarts, Math.max(c.range.start, c.range.end - 1)),
    });
  }
  return out;
}

/**
 * The rules disabled on each line, as a mask per line (bit per RULE_BIT), or undefined when
 * there are no directives at all.
 */
export function disabledRulesPerLine(directives: readonly Directive[], lineCount: number): Uint8Array | undefined {
  if (directives.length === 0) return undefined;
  const masks = new Uint8Array(lineCount);
  let file = 0;
  for (const d of directives) {
    if (d.verb === 'disable-file') file |= d.mask;
    else if (d.verb === 'enable-file') file &= ~d.mask;
  }
  let state = file;
  let captured = file;
  let line = 0;
  for (const d of directives) {
    if (d.verb !== 'disable' && d.verb !== 'enable' && d.verb !== 'capture' && d.verb !== 'restore') continue;
    const upTo = Math.min(d.line, lineCount);
    if (upTo > line) { masks.fill(state, line, upTo); line = upTo; }
    if (d.verb === 'disable') state |= d.mask;
    else if (d.verb === 'enable') state &= ~d.mask;
    else if (d.verb === 'capture') captured = state;
    else state = captured;
  }
  if (line < lineCount) masks.fill(state, line, lineCount);
  for (const d of directives) {
    if (d.verb === 'disable-line' && d.line < lineCount) masks[d.line] |= d.mask;
    else if (d.verb === 'disable-next-line' && d.endLine + 1 < lineCount) masks[d.endLine + 1] |= d.mask;
  }
  return masks;
}
