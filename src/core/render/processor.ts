/**
 * Citations and the reference list of one draft in one style: numbers in the order the
 * reader first meets each source (numeric system), or author–year labels with a–z suffixes
 * for the same author and year (author-date systems); the in-text text of every citation;
 * and the list entries, formatted by the project's formatters (`formatReference`,
 * `formatGbt7714AuthorDate`, `formatApaInline`), so the preview prints what they print.
 *
 * Pandoc's forms, in each system:
 *  - `[@a]`: numeric `[1]` (a superscript unless numbers are set inline); GB/T author-date
 *    `（著者，2026）`; APA `(Author, 2026)`;
 *  - `[@a, p. 5]`: numeric `[1]5`, the page after the number as GB/T 7714 places it; author-date
 *    `（著者，2026：5）` (GB/T) and `(Author, 2026, p. 5)` (APA), as the formatters print them;
 *  - `[-@a]` (author suppressed): numeric as `[@a]` (a number names no author); author-date
 *    `（2026）` / `(2026)`;
 *  - in-text `@a`: the author named in the sentence, then the number (`著者[1]`) or the year
 *    (`著者（2026）`, `Author (2026)`);
 *  - `[see @a; @b, and passim]`: prefix and suffix printed as written around their item.
 *
 * Unknown keys get no number and print as `key???`.
 */
import { apaLocatorText, formatApaInline } from '../citations/apa';
import { letterSuffix } from '../text/chars';
import { asText, dateYear, hasCjk, names } from '../citations/csl';
import { formatReference } from '../citations/format';
import { formatGbt7714AuthorDate, gbtLocatorText } from '../citations/gbt7714';
import type { CslItem, Locator } from '../citations/types';
import { pinyinFull } from '../script/pinyin';
import type { CiteDocument, CiteItemRef, CiteRef } from './document';
import { spansOfHtml, type Span } from './escape';
import { text, type Inline } from './inline';
import type { RenderStyle } from './style';

/** Where a rendering finds the items its keys name. */
export interface RenderSources {
  /** The item of a key (keys compare without case), or undefined when no source has it. */
  resolve(key: string): CslItem | undefined;
  /** Every key there is, for `nocite: @*`. */
  keys?(): Iterable<string>;
}

/** One entry of the reference list. */
export interface ListEntry {
  key: string;
  item: CslItem;
  /** Its number (numeric system). */
  number?: number;
  /** `a`, `b`, … when several entries share author and year (author-date systems). */
  suffix?: string;
  /** The entry's text, as spans (italics only in APA). */
  spans: Span[];
}

interface Label {
  /** Who the in-text form names: `中研產業研究院`, `Smith et al.`. */
  name: string;
  /** `2026`, `n.d.`. */
  year: string;
  /** Sort key of the author (pinyin for Chinese names). */
  sortKey: string;
}

const labelCache = new WeakMap<CslItem, Map<string, Label>>();
const entryCache = new WeakMap<CslItem, Map<string, Span[]>>();

function cached<V>(cache: WeakMap<CslItem, Map<string, V>>, item: CslItem, key: string, make: () => V): V {
  let m = cache.get(item);
  if (!m) cache.set(item, (m = new Map()));
  let v = m.get(key);
  if (v === undefined) m.set(key, (v = make()));
  return v;
}

const edition = (style: RenderStyle['style']) => (style === 'gbt7714-2015' ? '2015' : '2025');

/** Splits the formatter's one-source author-date text `（NAME，YEAR）` into name and year. */
function splitAuthorDate(out: string, open: string, close: string, sep: string, year: string): { name: string; year: string } {
  let inner = out.trim();
  if (inner.startsWith(open) && inner.endsWith(close)) inner = inner.slice(open.length, inner.length - close.length);
  const at = inner.lastIndexOf(sep);
  if (at < 0) return { name: inner, year };
  return { name: inner.slice(0, at).trim(), year: inner.slice(at + sep.length).trim() || year };
}

function sortKeyOf(item: CslItem, name: string): string {
  // A record's own sort key (BibTeX `key`, pinyin with tone numbers): compared as the derived keys are.
  const own = asText((item.custom as { sortKey?: unknown } | undefined)?.sortKey);
  if (own) return own.toLowerCase().replace(/([a-zü])[1-5](?=\s|$)/g, '$1').replace(/\s+/g, '');
  const first = names(item, 'author')[0] ?? names(item, 'editor')[0];
  const base = first ? (first.literal ?? [first.family, first.given].filter(Boolean).join(' ')) : (asText(item.title) ?? name);
  return (hasCjk(base) ? pinyinFull(base) : base).toLowerCase();
}

/** The author–year label of an item in a style, from the style's own formatter. */
function labelOf(item: CslItem, style: RenderStyle['style']): Label {
  return cached(labelCache, item, style, () => {
    const y = dateYear(item.issued) ?? '';
    let parts: { name: string; year: string };
    if (style === 'apa7') parts = splitAuthorDate(formatApaInline([{ item }]), '(', ')', ', ', y);
    else {
      const e = edition(style);
      const full = e === '2025';
      parts = splitAuthorDate(formatGbt7714AuthorDate([{ item }], e), full ? '（' : '(', full ? '）' : ')', full ? '，' : ', ', y);
    }
    return { ...parts, sortKey: sortKeyOf(item, parts.name) };
  });
}

/** Language groups of a GB/T author-date list: Chinese, Japanese, Western, Cyrillic, other. */
function languageGroup(item: CslItem): number {
  const sample = [asText(item.title), ...names(item, 'author').map((n) => n.literal ?? n.family)].filter(Boolean).join(' ');
  if (/[\u3040-\u30ff]/.test(sample)) return 1;
  if (hasCjk(sample)) return 0;
  if (/[\u0400-\u04ff]/.test(sample)) return 3;
  if (/[A-Za-z]/.test(sample)) return 2;
  return 4;
}

/**
 * A GB/T 7714 author-year list entry, as the formatter prints it (`著者，出版年. 题名[M]. …`),
 * with the a–z suffix after the year when several entries share author and year.
 */
function gbtAuthorDateEntry(item: CslItem, style: RenderStyle['style'], year: string, suffix: string): string {
  const out = formatReference(item, style, { gbtSystem: 'authoryear' });
  if (!suffix) return out;
  const at = out.indexOf(`${year}.`);
  return at < 0 ? out : out.slice(0, at + year.length) + suffix + out.slice(at + year.length);
}

function entrySpans(item: CslItem, rs: RenderStyle, year: string, suffix: string): Span[] {
  return cached(entryCache, item, `${rs.style}|${rs.system}|${year}|${suffix}`, () => {
    if (rs.style === 'apa7') {
      const spans = spansOfHtml(formatReference(item, 'apa7', { markup: 'html' }));
      if (suffix) {
        for (const s of spans) {
          const i = s.text.indexOf(`(${year}`);
          if (i >= 0) {
            s.text = s.text.slice(0, i + 1 + year.length) + suffix + s.text.slice(i + 1 + year.length);
            break;
          }
        }
      }
      return spans;
    }
    if (rs.system === 'author-date') return [{ text: gbtAuthorDateEntry(item, rs.style, year, suffix) }];
    return [{ text: formatReference(item, rs.style) }];
  });
}

/** `1,2,3,5` → `1-3,5`; two in a row stay `1,2`. */
export function compressNumbers(numbers: readonly number[]): string {
  const sorted = [...new Set(numbers)].sort((a, b) => a - b);
  const out: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    if (j - i >= 2) out.push(`${sorted[i]}-${sorted[j]}`);
    else for (let k = i; k <= j; k++) out.push(String(sorted[k]));
    i = j + 1;
  }
  return out.join(',');
}

/** Joins two pieces of text with a space, unless the first ends in Chinese (or Japanese) text. */
function joinText(a: string, b: string): string {
  if (!a || !b) return a + b;
  return CJK_END.test(a) ? a + b : `${a} ${b}`;
}

const CJK_END = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u3000-\u303f\uff00-\uffef]$/u;

export class CitationProcessor {
  /** Lower-case key → the entry (known keys only). */
  private readonly byKey = new Map<string, ListEntry>();
  /** The reference list in its order. */
  readonly entries: ListEntry[] = [];
  /** Keys cited that no source defines, in order of first citation. */
  readonly unknownKeys: string[] = [];

  constructor(
    readonly doc: CiteDocument,
    readonly style: RenderStyle,
    readonly sources: RenderSources,
  ) {
    const numeric = style.style !== 'apa7' && style.system === 'numeric';
    const order = doc.citations.map((c, i) => ({ c, i })).sort((a, b) => a.c.order - b.c.order || a.i - b.i);
    const unknown = new Set<string>();
    const add = (key: string): void => {
      const k = key.toLowerCase();
      if (this.byKey.has(k) || unknown.has(k)) return;
      const item = sources.resolve(key);
      if (!item) {
        unknown.add(k);
        this.unknownKeys.push(key);
        return;
      }
      const entry: ListEntry = { key, item, spans: [] };
      if (numeric) entry.number = this.entries.length + 1;
      this.byKey.set(k, entry);
      this.entries.push(entry);
    };
    for (const { c } of order) for (const it of c.items) add(it.key);
    const nocite = doc.meta.nocite;
    if (nocite.length) {
      const all = nocite.includes('*') ? [...(sources.keys?.() ?? [])] : [];
      for (const k of [...nocite.filter((x) => x !== '*'), ...all]) {
        if (sources.resolve(k)) add(k);
      }
    }
    if (!numeric) this.sortAuthorDate();
    for (const e of this.entries) e.spans = entrySpans(e.item, style, labelOf(e.item, style.style).year, e.suffix ?? '');
  }

  private sortAuthorDate(): void {
    const gbt = this.style.style !== 'apa7';
    const keyed = this.entries.map((e) => {
      const l = labelOf(e.item, this.style.style);
      return { e, l, g: gbt ? languageGroup(e.item) : 0, title: (asText(e.item.title) ?? '').toLowerCase() };
    });
    keyed.sort((a, b) => a.g - b.g || cmp(a.l.sortKey, b.l.sortKey) || cmp(a.l.year, b.l.year) || cmp(a.title, b.title));
    this.entries.length = 0;
    const groups = new Map<string, ListEntry[]>();
    for (const k of keyed) {
      this.entries.push(k.e);
      const g = `${k.l.name}\u0000${k.l.year}`;
      const list = groups.get(g);
      if (list) list.push(k.e);
      else groups.set(g, [k.e]);
    }
    for (const list of groups.values()) {
      if (list.length < 2) continue;
      list.forEach((e, i) => (e.suffix = letterSuffix(i)));
    }
  }

  private yearOf(e: ListEntry): string {
    return labelOf(e.item, this.style.style).year + (e.suffix ?? '');
  }

  /** The entry of a key, when it is known. */
  entry(key: string): ListEntry | undefined {
    return this.byKey.get(key.toLowerCase());
  }

  /** The rendered text of a citation. */
  render(c: CiteRef): Inline[] {
    if (this.style.style !== 'apa7' && this.style.system === 'numeric') return this.numeric(c);
    return this.authorDate(c);
  }

  private locatorText(loc: Locator, item: CslItem): string {
    return this.style.style === 'apa7' ? apaLocatorText(loc) : gbtLocatorText(loc, item, edition(this.style.style));
  }

  private numeric(c: CiteRef): Inline[] {
    const sup = this.style.numbers === 'superscript';
    const wrap = (nodes: Inline[]): Inline[] => (nodes.length === 0 ? [] : sup ? [{ t: 'sup', children: nodes }] : nodes);
    const out: Inline[] = [];
    if (!c.bracketed) {
      // In-text: the author named in the sentence, then the number.
      const it = c.items[0];
      const e = this.entry(it.key);
      if (!e) return [{ t: 'unknown', key: it.key }];
      const label = labelOf(e.item, this.style.style);
      out.push(text(it.suppressAuthor ? '' : label.name));
      out.push(...wrap(this.numberGroup([e], [it])));
      if (it.suffix) out.push(text(` ${it.suffix}`));
      return out.filter((n) => n.t !== 'text' || n.text !== '');
    }
    const first = c.items[0];
    if (first.prefix) out.push(text(first.prefix));
    const known: Array<{ e: ListEntry; it: CiteItemRef }> = [];
    const unknown: Inline[] = [];
    for (const it of c.items) {
      const e = this.entry(it.key);
      if (e) known.push({ e, it });
      else unknown.push({ t: 'unknown', key: it.key });
    }
    out.push(...wrap(this.numberGroup(known.map((k) => k.e), known.map((k) => k.it))));
    out.push(...unknown);
    const suffix = c.items.filter((it) => it.suffix).map((it) => it.suffix!).join('; ');
    if (suffix) out.push(text(` ${suffix}`));
    return out;
  }

  /**
   * The numbers of a citation in the order cited: runs of sources without a locator as one
   * compressed group (`[1-3]`), a source cited at a page or section as `[4]5`.
   */
  private numberGroup(entries: ListEntry[], items: CiteItemRef[]): Inline[] {
    const out: Inline[] = [];
    let run: ListEntry[] = [];
    const flush = (): void => {
      if (run.length === 0) return;
      const first = run.reduce((a, b) => (b.number! < a.number! ? b : a));
      out.push({ t: 'ref', key: first.key, children: [text(`[${compressNumbers(run.map((e) => e.number!))}]`)] });
      run = [];
    };
    entries.forEach((e, i) => {
      const loc = items[i].locator;
      if (!loc) {
        run.push(e);
        return;
      }
      flush();
      out.push({ t: 'ref', key: e.key, children: [text(`[${e.number}]`)] });
      out.push(text(this.locatorText(loc, e.item)));
    });
    flush();
    return out;
  }

  private authorDate(c: CiteRef): Inline[] {
    const apa = this.style.style === 'apa7';
    const full = !apa && this.style.style === 'gbt7714-2025';
    const [lp, rp, sep, semi, colon] = apa ? ['(', ')', ', ', '; ', ', '] : full ? ['（', '）', '，', '；', '：'] : ['(', ')', ', ', '; ', ': '];
    const inText = !c.bracketed;
    const items = c.items.map((it) => ({ it, e: this.entry(it.key) }));
    if (apa && c.bracketed && items.length > 1) {
      // APA orders the sources of one citation by author and year, as citeproc does.
      items.sort((a, b) => {
        if (!a.e || !b.e) return a.e ? -1 : b.e ? 1 : 0;
        const la = labelOf(a.e.item, 'apa7');
        const lb = labelOf(b.e.item, 'apa7');
        return cmp(la.sortKey, lb.sortKey) || cmp(this.yearOf(a.e), this.yearOf(b.e));
      });
    }
    const parts: Inline[][] = items.map(({ it, e }) => {
      if (!e) return [{ t: 'unknown', key: it.key } as Inline];
      const label = labelOf(e.item, this.style.style);
      let when = this.yearOf(e);
      if (it.locator) when += colon + this.locatorText(it.locator, e.item);
      let body: string;
      if (inText) body = it.suppressAuthor ? `${lp}${when}${rp}` : apa ? `${label.name} (${when})` : lp === '(' ? joinText(label.name, `${lp}${when}${rp}`) : `${label.name}${lp}${when}${rp}`;
      else body = it.suppressAuthor ? when : `${label.name}${sep}${when}`;
      if (!inText && it.prefix) body = joinText(it.prefix, body);
      if (it.suffix) body = inText ? `${body} ${it.suffix}` : `${body}${apa ? ', ' : sep}${it.suffix}`;
      return [{ t: 'ref', key: e.key, children: [text(body)] } as Inline];
    });
    if (inText) return parts[0];
    const out: Inline[] = [text(lp)];
    parts.forEach((p, i) => {
      if (i > 0) out.push(text(semi));
      out.push(...p);
    });
    out.push(text(rp));
    return out;
  }
}


function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
