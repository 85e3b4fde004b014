/**
 * Rendered citation text as a small tree (text, superscript, a link to a reference entry, an
 * unknown key) that each output writes in its own markup: HTML for the preview and exports,
 * Markdown for the rendered copy and the maintained list, plain text for tests.
 */
import { escapeHtml, escapeMarkdownText as escapeMarkdown } from './escape';

export type Inline =
  | { t: 'text'; text: string }
  | { t: 'sup'; children: Inline[] }
  /** A link to the reference list entry of `key`. */
  | { t: 'ref'; key: string; children: Inline[] }
  /** A key no bibliography defines, shown as `key???` so that it can be found. */
  | { t: 'unknown'; key: string };

export const text = (s: string): Inline => ({ t: 'text', text: s });

/** The id of a key's reference entry (`ref-<key>`, as Pandoc names them), safe in an attribute and a fragment. */
export function entryId(key: string): string {
  return `ref-${key.replace(/[^\p{L}\p{N}_:.-]/gu, '_')}`;
}

/** The visible text of an unknown key. */
export function unknownText(key: string): string {
  return `${key}???`;
}

export interface HtmlOptions {
  /** The tooltip of an unknown key, `{0}` standing for the key. */
  unknownKeyMessage: string;
  /** Links to the entries (false when the list is not shown). */
  links: boolean;
}

export function inlineToHtml(nodes: readonly Inline[], o: HtmlOptions): string {
  let out = '';
  for (const n of nodes) {
    switch (n.t) {
      case 'text':
        out += escapeHtml(n.text);
        break;
      case 'sup':
        out += `<sup>${inlineToHtml(n.children, o)}</sup>`;
        break;
      case 'ref':
        out += o.links ? `<a class="fl-cite-link" href="#${entryId(n.key)}">${inlineToHtml(n.children, o)}</a>` : inlineToHtml(n.children, o);
        break;
      case 'unknown':
        out += `<strong class="fl-cite-unknown" data-key="${escapeHtml(n.key)}" title="${escapeHtml(o.unknownKeyMessage.replace('{0}', n.key))}">${escapeHtml(unknownText(n.key))}</strong>`;
        break;
    }
  }
  return out;
}

/**
 * Markdown: superscripts as `<sup>` (`html`, for Markdown that allows inline HTML) or Pandoc's
 * `^…^` (`pandoc`); unknown keys in bold.
 */
export function inlineToMarkdown(nodes: readonly Inline[], flavour: 'html' | 'pandoc' = 'html'): string {
  let out = '';
  for (const n of nodes) {
    switch (n.t) {
      case 'text':
        out += escapeMarkdown(n.text);
        break;
      case 'sup': {
        const inner = inlineToMarkdown(n.children, flavour);
        out += flavour === 'pandoc' ? `^${inner.replace(/ /g, '\\ ').replace(/\^/g, '\\^')}^` : `<sup>${inner}</sup>`;
        break;
      }
      case 'ref':
        out += inlineToMarkdown(n.children, flavour);
        break;
      case 'unknown':
        out += `**${escapeMarkdown(unknownText(n.key))}**`;
        break;
    }
  }
  return out;
}

export function inlineToText(nodes: readonly Inline[]): string {
  let out = '';
  for (const n of nodes) {
    if (n.t === 'text') out += n.text;
    else if (n.t === 'unknown') out += unknownText(n.key);
    else out += inlineToText(n.children);
  }
  return out;
}
