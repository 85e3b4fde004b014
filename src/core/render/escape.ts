/** Escaping for HTML text and attributes, and for Markdown text. */

import { escapeHtml } from '../taxonomy/cardHtml';
import { decodeEntities } from '../text/html';

export { escapeHtml };

/**
 * Escapes text so that Markdown shows it literally: backslash escapes for the ASCII
 * punctuation that starts inline syntax (emphasis, links, code, HTML, entities, Pandoc
 * citations and superscripts).
 */
export function escapeMarkdownText(s: string): string {
  return s.replace(/[\\`*_[\]<>&~|@^]/g, '\\$&');
}


/** A piece of formatted text: plain, or italic. */
export interface Span {
  text: string;
  italic?: boolean;
}

/**
 * Reads a formatter's HTML (only `<i>` matters; every other tag is dropped) into spans of
 * plain text, so that each output format escapes the text itself and no markup of the input
 * survives.
 */
export function spansOfHtml(html: string): Span[] {
  const spans: Span[] = [];
  let italic = 0;
  for (const part of html.split(/(<\/?[a-zA-Z][^>]*>)/)) {
    if (!part) continue;
    if (part[0] === '<' && part[part.length - 1] === '>') {
      const m = /^<(\/?)([a-zA-Z]+)/.exec(part);
      if (m && m[2].toLowerCase() === 'i') italic = Math.max(0, italic + (m[1] ? -1 : 1));
      continue;
    }
    const text = decodeEntities(part);
    const last = spans[spans.length - 1];
    if (last && !!last.italic === italic > 0) last.text += text;
    else spans.push(italic > 0 ? { text, italic: true } : { text });
  }
  return spans;
}

/** Spans as escaped HTML (`<i>` for italics). */
export function spansToHtml(spans: readonly Span[]): string {
  return spans.map((s) => (s.italic ? `<i>${escapeHtml(s.text)}</i>` : escapeHtml(s.text))).join('');
}

/** Spans as escaped Markdown (`*…*` for italics, never with spaces just inside the asterisks). */
export function spansToMarkdown(spans: readonly Span[]): string {
  return spans
    .map((s) => {
      const t = escapeMarkdownText(s.text);
      if (!s.italic || !s.text.trim()) return t;
      const lead = /^\s*/.exec(t)![0];
      const trail = /\s*$/.exec(t)![0];
      return `${lead}*${t.trim()}*${trail}`;
    })
    .join('');
}

/** Spans as plain text. */
export function spansToText(spans: readonly Span[]): string {
  return spans.map((s) => s.text).join('');
}
