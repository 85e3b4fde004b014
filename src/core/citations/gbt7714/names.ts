/**
 * 主要责任者 and other names: family name first, Western given names as initials, at most
 * three names then 等 / et al.
 */
import type { CslName } from '../../pack/types';
import { hasCjk } from '../csl';
import { punctuate, type GbtContext, type GbtEdition } from './style';

export interface GbtNameOptions {
  /** 2015 writes Western family names in capitals (`PEEBLES P Z, Jr`); default 2025. */
  edition?: GbtEdition;
  /** The name stands in a CJK entry: a transliterated family name drops Latin initials (`昂温`). */
  cjkEntry?: boolean;
  /** Separator before a suffix (`，` or `, `). */
  comma?: string;
}

type FullName = CslName & {
  'non-dropping-particle'?: string;
  'dropping-particle'?: string;
  suffix?: string;
  /** `false`: the given name is printed in full, not as initials (BibTeX `{\relax Jiangning}`). */
  initialize?: boolean;
};

const isLatin = (c: string) => /[A-Za-z\u00C0-\u024F]/.test(c);

/** Upper-cases Latin letters only (Cyrillic and CJK names are written as they are). */
function upperLatin(s: string): string {
  return [...s].map((c) => (isLatin(c) ? c.toUpperCase() : c)).join('');
}

/**
 * Initials of given names without points: `Peyton Z.` → `P Z`; `Jean-Luc` → `J-L` (2025) or
 * `J L` (2015); a lower-case particle keeps its case (`van der` → `v d`).
 */
export function gbtInitials(given: string, edition: GbtEdition = '2025'): string {
  const words = given.trim().split(/[\s.]+/).filter(Boolean);
  return words
    .map((w) => {
      const parts = w.split(/[-‐‑]/).filter(Boolean);
      const letters = parts.map((part) => {
        const first = [...part][0] ?? '';
        return first;
      });
      return edition === '2025' ? letters.join('-') : letters.join(' ');
    })
    .join(' ');
}

/** One name, family name first: `陈登原`, `Smith J A`, `Peebles P Z，Jr`, `World Health Organization`. */
export function gbtName(n: CslName, opts: GbtNameOptions = {}): string {
  if (n.literal) return n.literal.trim();
  const edition = opts.edition ?? '2025';
  const extra = n as FullName;
  const particle = extra['non-dropping-particle'];
  let family = [particle, n.family].filter(Boolean).join(' ').trim();
  const given = [(n.given ?? '').trim(), extra['dropping-particle']].filter(Boolean).join(' ');
  if (!family) return given;
  if (hasCjk(family)) {
    if (!given) return family;
    if (hasCjk(given)) return `${family}${given}`;
    // A foreign name transliterated into Chinese: in a CJK entry the examples print the family name alone.
    return opts.cjkEntry ? family : `${family} ${gbtInitials(given, edition)}`;
  }
  if (edition === '2015') family = upperLatin(family);
  const initials = extra.initialize === false ? given : gbtInitials(given, edition);
  let out = given ? `${family} ${initials}` : family;
  if (extra.suffix) out += `${opts.comma ?? (edition === '2015' ? ', ' : '，')}${extra.suffix.replace(/\.$/, '')}`;
  return out;
}

/** A list of names: the first three, then `等` (CJK entries) or `et al.`. */
export function gbtNameList(list: CslName[], ctx: GbtContext): string {
  if (list.length === 0) return '';
  const opts: GbtNameOptions = { edition: ctx.edition, cjkEntry: ctx.cjk, comma: ctx.p.comma };
  const shown = list.slice(0, 3).map((n) => (n.literal ? punctuate(n.literal.trim(), ctx) : gbtName(n, opts)));
  const others = (list as Array<CslName & { others?: boolean }>).some((n) => n.others);
  if (list.length > 3 || others) shown.push(ctx.cjk && !ctx.korean ? '等' : 'et al.');
  return shown.join(ctx.p.comma);
}

/** The first name only, as author-year citations show it: `昂温`, `Peebles`. */
export function gbtCitationName(n: CslName, edition: GbtEdition): string {
  if (n.literal) return n.literal.trim();
  const family = [(n as FullName)['non-dropping-particle'], n.family].filter(Boolean).join(' ').trim();
  if (!family) return (n.given ?? '').trim();
  if (hasCjk(family) && n.given && hasCjk(n.given)) return `${family}${n.given}`;
  return edition === '2015' && !hasCjk(family) ? upperLatin(family) : family;
}
