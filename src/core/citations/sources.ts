/**
 * Citable sources for a picker: one item per bibliography entry with a label, a description
 * and a detail line, a filter that finds English, Simplified, Traditional and pinyin, and a
 * cache that re-parses a bibliography only when its text changes.
 */
import type { Problem } from '../text/types';
import type { CslItem } from '../pack/types';
import { matchesQuery } from '../script/pinyin';
import { parseBibliography } from './bibliography';
import { dateYear, names } from './csl';
import { gbtName } from './gbt7714';
import type { BibliographyEntry, BibliographyFormat } from './types';

export interface CitablePickItem {
  key: string;
  item: CslItem;
  /** The title (or the key when there is none). */
  label: string;
  /** Short authors and year: `中研產業研究院 · 2026`, `Smith J A et al. · 2020`. */
  description: string;
  /** Key and where it was published: `@zhongyan2026jinrong · 中研普華`. */
  detail: string;
}

/** The picker item of one entry. Cheap: no pinyin, no conversion (the filter does those on demand). */
export function toPickItem(key: string, item: CslItem): CitablePickItem {
  const people = names(item, 'author').length ? names(item, 'author') : names(item, 'editor');
  let who = people.slice(0, 2).map((n) => gbtName(n)).join(', ');
  if (people.length > 2) who += ' et al.';
  const year = dateYear(item.issued);
  const where = [item['container-title'], item.publisher].find((x) => typeof x === 'string' && x.trim() !== '') as string | undefined;
  return {
    key,
    item,
    label: item.title?.trim() || key,
    description: [who, year].filter(Boolean).join(' · '),
    detail: [`@${key}`, where].filter(Boolean).join(' · '),
  };
}

/**
 * The items a query finds: the query matches the title, the authors or the key, in any
 * script (Simplified finds Traditional and back), in any case, or as pinyin (full syllables
 * or initials: `jrkj`, `jinrong` find 金融科技). An empty query keeps every item.
 */
export function filterPickItems(items: readonly CitablePickItem[], query: string): CitablePickItem[] {
  const q = query.trim();
  if (!q) return items.slice();
  return items.filter((it) => matchesQuery(q, it.label) || matchesQuery(q, it.description) ||
    it.key.toLowerCase().includes(q.toLowerCase()));
}

export interface LoadedBibliography {
  entries: BibliographyEntry[];
  problems: Problem[];
  eol: '\n' | '\r\n';
  items: CitablePickItem[];
  /** Keys in lower case, for diagnostics and collision checks. */
  keys: Set<string>;
}

/** Parses bibliographies and keeps the result per path until the text changes. */
export class BibliographyCache {
  private readonly cache = new Map<string, { text: string; format: BibliographyFormat; value: LoadedBibliography }>();

  /** The parsed bibliography of `path`, parsing `text` only when it differs from the cached text. */
  load(path: string, text: string, format: BibliographyFormat): LoadedBibliography {
    const hit = this.cache.get(path);
    if (hit && hit.format === format && hit.text === text) return hit.value;
    const parsed = parseBibliography(text, format);
    const value: LoadedBibliography = {
      ...parsed,
      items: parsed.entries.map((e) => toPickItem(e.key, e.item)),
      keys: new Set(parsed.entries.map((e) => e.key.toLowerCase())),
    };
    this.cache.set(path, { text, format, value });
    return value;
  }

  /** Forgets a file (deleted or closed). */
  delete(path: string): void {
    this.cache.delete(path);
  }

  clear(): void {
    this.cache.clear();
  }
}
