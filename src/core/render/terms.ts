/**
 * Glossary terms in the preview (optional): prose text carries each term's short definition
 * as a tooltip, `<abbr class="fintech-lens-term" title="…">`. The matches come from the term
 * engine's automaton applied to each text token, so their ranges are the editor's for that
 * text. Code spans, fences, inline HTML, citations and link URLs are never text tokens here.
 */
import type { Token } from 'markdown-it';
import { shortDefinition } from '../glossary/card';
import type { Script } from '../pack/types';
import { scanTerms, type TermIndex } from '../terms';
import { escapeHtml } from '../text/html';

/** What the host supplies for term tooltips in one rendering. */
export interface RenderTerms {
  index: TermIndex;
  /** The tooltip of a pattern's term, attribute-escaped; undefined: the term gets none. */
  tooltip(pattern: number): string | undefined;
}

/** Tooltips from the terms' short definitions in a script (escaped once per pattern). */
export function termTooltips(index: TermIndex, script: Script): RenderTerms {
  const titles = new Map<number, string | undefined>();
  return {
    index,
    tooltip(pattern) {
      if (titles.has(pattern)) return titles.get(pattern);
      const term = index.patterns[pattern]?.term;
      const def = term ? shortDefinition(term, script) : undefined;
      const title = def ? escapeHtml(def) : undefined;
      titles.set(pattern, title);
      return title;
    },
  };
}

/** A text's HTML with its terms wrapped; `escape` escapes the text between them. */
export function termsHtml(terms: RenderTerms, text: string, escape: (s: string) => string): string {
  let out = '';
  let at = 0;
  scanTerms(terms.index, text, (s, e, p) => {
    const title = terms.tooltip(p);
    if (title === undefined) return;
    out += `${escape(text.slice(at, s))}<abbr class="fintech-lens-term" title="${title}">${escape(text.slice(s, e))}</abbr>`;
    at = e;
  });
  return at === 0 ? escape(text) : out + escape(text.slice(at));
}

/** Elements without a closing tag. */
const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);

/** The marker on text tokens that are no prose for tooltips. */
export const NO_TERMS = 'flNoTerms';

/**
 * Marks the text tokens of an inline run that are not prose: the text of an autolink or a
 * linkified URL (it is the URL), and text inside an inline HTML element.
 */
export function markNonProse(children: Token[]): void {
  let depth = 0;
  for (let i = 0; i < children.length; i++) {
    const t = children[i];
    if (t.type === 'html_inline') {
      const m = /^<(\/?)([A-Za-z][\w-]*)[^>]*?(\/?)>$/.exec(t.content.trim());
      if (!m || VOID.has(m[2].toLowerCase())) continue;
      if (m[1]) depth = Math.max(0, depth - 1);
      else if (!m[3]) depth++;
      continue;
    }
    if (t.type !== 'text') continue;
    const prev = children[i - 1];
    const url = prev?.type === 'link_open' && (prev.markup === 'linkify' || prev.markup === 'autolink');
    if (depth > 0 || url) t.meta = { ...((t.meta ?? {}) as Record<string, unknown>), [NO_TERMS]: true };
  }
}
