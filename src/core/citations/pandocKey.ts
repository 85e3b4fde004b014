/**
 * How a citation key is written in Pandoc's Markdown: bare (`@doe99`) when Pandoc reads it back
 * whole, else in braces (`@{https://doi.org/10/x}`, `@{a.}`, `@{x;y}`). A key with blanks or
 * unbalanced braces has no Pandoc syntax at all.
 */
import { scanCitations } from './markdown';

/** Whether `[<written>]` reads back as exactly one citation of `key`. */
function readsBack(written: string, key: string): boolean {
  const text = `[${written}]`;
  const { citations } = scanCitations(text);
  const only = citations.length === 1 ? citations[0] : undefined;
  return !!only && only.items.length === 1 && only.items[0].key === key && only.range.end === text.length;
}

/** `@key` or `@{key}` as Pandoc reads back `key`, or undefined when no form does. */
export function pandocKeyText(key: string): string | undefined {
  if (key === '' || /\s/.test(key)) return undefined;
  if (readsBack(`@${key}`, key)) return `@${key}`;
  if (readsBack(`@{${key}}`, key)) return `@{${key}}`;
  return undefined;
}
