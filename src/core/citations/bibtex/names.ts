/** BibTeX name lists (`Last, First and {Org Name} and First von Last`) → CSL names. */
import type { CslName } from '../../pack/types';
import { hasCjk } from '../csl';
import { latexToText } from './latex';

/** Splits a string at top-level (brace depth 0) matches of a sticky separator regex. */
function splitTop(value: string, sep: RegExp): string[] {
  const parts: string[] = [];
  let depth = 0;
  let last = 0;
  for (let i = 0; i < value.length; i++) {
    const ch = value[i];
    if (ch === '\\') {
      i++;
      continue;
    }
    if (ch === '{') depth++;
    else if (ch === '}') depth--;
    else if (depth === 0) {
      sep.lastIndex = i;
      const m = sep.exec(value);
      if (m && m[0].length > 0) {
        parts.push(value.slice(last, i));
        i += m[0].length - 1;
        last = i + 1;
      }
    }
  }
  parts.push(value.slice(last));
  return parts.map((p) => p.trim()).filter(Boolean);
}

const SEP_AND = /\s+and\s+/iy;
const SEP_COMMA = /,/y;
const SEP_SPACE = /\s+/y;

/** Parses a BibTeX name list (`Last, First and {Org Name} and First von Last`). */
export function parseBibtexNames(value: string): CslName[] {
  const out: CslName[] = [];
  for (const raw of splitTop(value, SEP_AND)) {
    if (/^others$/i.test(raw)) {
      // `and others`: the list is incomplete (styles print 等 / et al.); kept on the last name.
      const last = out[out.length - 1] as (CslName & { others?: boolean }) | undefined;
      if (last) last.others = true;
      continue;
    }
    if (/^\{[\s\S]*\}$/.test(raw) && balancedWhole(raw)) {
      out.push({ literal: latexToText(raw) });
      continue;
    }
    const commaParts = splitTop(raw, SEP_COMMA);
    if (commaParts.length >= 2) {
      // von Last, First  |  von Last, Jr, First
      const family = latexToText(commaParts[0]);
      const given = latexToText(commaParts[commaParts.length - 1]);
      const name: CslName & Record<string, string> = { family, given };
      if (commaParts.length >= 3) name.suffix = latexToText(commaParts[1]);
      splitParticle(name);
      keepWhole(name, commaParts[commaParts.length - 1]);
      out.push(name);
      continue;
    }
    const words = splitTop(raw, SEP_SPACE);
    const text = latexToText(raw);
    if (words.length === 1) {
      // A single word (钱学森, Plato) is a family name.
      out.push({ family: text });
      continue;
    }
    if (hasCjk(text)) {
      // A CJK name with spaces but no comma: keep it whole.
      out.push({ literal: text });
      continue;
    }
    // First von Last: the family name starts at the first lower-case word, or is the last word.
    let i = words.findIndex((w, idx) => idx > 0 && idx < words.length - 1 && /^[a-z]/.test(latexToText(w)));
    if (i < 0) i = words.length - 1;
    const name: CslName & Record<string, string> = {
      given: latexToText(words.slice(0, i).join(' ')),
      family: latexToText(words.slice(i).join(' ')),
    };
    splitParticle(name);
    keepWhole(name, words.slice(0, i).join(' '));
    out.push(name);
  }
  return out;
}

/** True when the braces at both ends of `s` enclose the whole of it. */
function balancedWhole(s: string): boolean {
  let depth = 0;
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '\\') {
      i++;
      continue;
    }
    if (s[i] === '{') depth++;
    else if (s[i] === '}') {
      depth--;
      if (depth === 0 && i < s.length - 1) return false;
    }
  }
  return true;
}

/** Moves a lower-case particle (`van der`, `de`) from the family name to CSL's particle field. */
function splitParticle(name: CslName & Record<string, string>): void {
  const m = /^((?:[a-z][\p{L}'’]*\s+)+)(\S[\s\S]*)$/u.exec(name.family ?? '');
  if (m) {
    name['non-dropping-particle'] = m[1].trim();
    name.family = m[2];
  }
}

/**
 * A given name that is one brace group opening with a command (`{\relax Jiangning}`) is, for
 * BibTeX, a single "letter": its initial is the whole of it. Such a name is marked
 * `initialize: false`, and styles that abbreviate given names print it in full (`LI Jiangning`).
 */
function keepWhole(name: CslName & { initialize?: boolean }, rawGiven: string): void {
  const given = rawGiven.trim();
  if (/^\{\\[A-Za-z]+/.test(given) && balancedWhole(given) && [...(name.given ?? '')].length > 1) name.initialize = false;
}
