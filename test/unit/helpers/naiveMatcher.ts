import { foldText, isCombiningMark, isWordUnit } from '../../../src/core/script/fold';
import type { TermIndex } from '../../../src/core/terms';

const JOINERS = ['\u200c', '\u200d', '\u2060', '\u00ad', '\ufeff'];

/** Reference matcher: leftmost-longest over folded text, checked position by position. */
export function naive(idx: TermIndex, text: string): Array<[number, number, string]> {
  const folded = foldText(text);
  const out: Array<[number, number, string]> = [];
  let pos = 0;
  while (pos < text.length) {
    let best: [number, number, string] | undefined;
    for (const p of idx.patterns) {
      const k = p.folded;
      if (!folded.startsWith(k, pos)) continue;
      const end = pos + k.length;
      // Invisible joiners (ZWJ, ZWNJ, word joiner, soft hyphen, U+FEFF) join the letters around them.
      let b = pos - 1;
      while (b >= 0 && JOINERS.includes(text[b])) b--;
      let f = end;
      while (f < text.length && JOINERS.includes(text[f])) f++;
      const before = b >= 0 ? text.charCodeAt(b) : 0x20;
      const after = f < text.length ? text.charCodeAt(f) : 0x20;
      if (f === end && isCombiningMark(after)) continue;
      if (isWordUnit(k.charCodeAt(0)) && pos > 0 && (isWordUnit(before) || isCombiningMark(before))) continue;
      if (isWordUnit(k.charCodeAt(k.length - 1)) && isWordUnit(after)) continue;
      if (!best || end > best[1]) best = [pos, end, p.termId];
    }
    if (best) {
      out.push(best);
      pos = best[1];
    } else {
      pos++;
    }
  }
  return out;
}

