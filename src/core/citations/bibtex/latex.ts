/** LaTeX → Unicode for BibTeX field values. */

const ACCENTS: Record<string, string> = {
  '"': '\u0308', "'": '\u0301', '`': '\u0300', '^': '\u0302', '~': '\u0303', '=': '\u0304', '.': '\u0307',
  u: '\u0306', v: '\u030c', H: '\u030b', c: '\u0327', k: '\u0328', r: '\u030a', d: '\u0323', b: '\u0331',
};

const SYMBOLS: Record<string, string> = {
  ss: 'ß', o: 'ø', O: 'Ø', ae: 'æ', AE: 'Æ', oe: 'œ', OE: 'Œ', aa: 'å', AA: 'Å', l: 'ł', L: 'Ł', i: 'ı', j: 'ȷ',
  dh: 'ð', DH: 'Ð', th: 'þ', TH: 'Þ', ng: 'ŋ', NG: 'Ŋ',
  textendash: '–', textemdash: '—', ldots: '…', dots: '…', textellipsis: '…',
  textquoteleft: '‘', textquoteright: '’', textquotedblleft: '“', textquotedblright: '”',
  S: '§', P: '¶', copyright: '©', textregistered: '®', texttrademark: '™', textdegree: '°', euro: '€', pounds: '£',
  quad: ' ', qquad: ' ', space: ' ', enspace: ' ', thinspace: ' ', textbackslash: '\\', textasciitilde: '~',
  LaTeX: 'LaTeX', TeX: 'TeX', BibTeX: 'BibTeX', textunderscore: '_', textbar: '|', textless: '<', textgreater: '>',
};

/** Converts the LaTeX of a BibTeX value to plain Unicode text (braces removed). */
export function latexToText(value: string, opts: { dashes?: boolean } = {}): string {
  // Most values hold no LaTeX at all.
  // eslint-disable-next-line no-control-regex -- a NUL takes the full path, which drops it
  if (!/[\\{}~$`\u0000]|--|''|\s\s|[\t\n\r]/.test(value)) return value.replace(/^[ \t\n\r]+|[ \t\n\r]+$/g, '');
  // NUL delimits this function's own placeholders; a NUL in a file is no text.
  // eslint-disable-next-line no-control-regex -- that NUL
  let s = value.replace(/\u0000/g, '');
  // Accented letters: \"{u}, {\"u}, \"u, \v{s}, \c c, \'{\i}. Letter accents (\v, \c, …) need a
  // brace group or a space before their letter, so that \url or \cite are not taken for accents.
  const accent = (m: string, acc: string, a?: string, b?: string) => {
    const base = (a ?? b ?? '').replace(/^\\i$/, 'i').replace(/^\\j$/, 'j');
    const mark = ACCENTS[acc];
    return mark && base ? (base + mark).normalize('NFC') : m;
  };
  s = s.replace(/\\(["'`^~=.])\s*(?:\{\s*(\\[ij]|[A-Za-z])\s*\}|(\\[ij](?![A-Za-z])|[A-Za-z]))/g, accent);
  s = s.replace(/\\([uvHckrdb])(?:\s*\{\s*(\\[ij]|[A-Za-z])\s*\}|\s+(\\[ij](?![A-Za-z])|[A-Za-z]))/g, accent);
  s = s.replace(/\\([&%$#_{}])/g, (_m, c: string) => `\u0000${c.charCodeAt(0)}\u0000`);
  // \href{url}{text} → text; \url{x} → x; formatting commands keep their argument.
  s = s.replace(/\\href\s*\{[^{}]*\}\s*\{([^{}]*)\}/g, '$1');
  // A symbol that is itself markup (`\textasciitilde` → `~`, `\textbackslash` → `\`) stays that character.
  const symbol = (name: string): string => {
    const v = SYMBOLS[name] ?? '';
    return /^[~\\$`'-]$/.test(v) ? `\u0000${v.charCodeAt(0)}\u0000` : v;
  };
  s = s.replace(/\\([A-Za-z]+)\s*(?=\{)/g, (_m, name: string) => symbol(name));
  s = s.replace(/\\([A-Za-z]+)(?![A-Za-z])\s?/g, (_m, name: string) => symbol(name));
  s = s.replace(/\\[,;:! ]/g, ' ').replace(/\\\\/g, ' ');
  s = s.replace(/\$([^$]*)\$/g, '$1');
  // Ligatures before the braces go: `-{}-` and `'{}'` are two characters, as in LaTeX.
  if (opts.dashes !== false) s = s.replace(/---/g, '—').replace(/--/g, '–');
  s = s.replace(/``/g, '“').replace(/''/g, '”');
  s = s.replace(/[{}]/g, '');
  s = s.replace(/~/g, ' ');
  // eslint-disable-next-line no-control-regex -- NUL delimits the placeholders this function inserted itself
  s = s.replace(/\u0000(\d+)\u0000/g, (_m, code: string) => String.fromCharCode(parseInt(code, 10)));
  // BibTeX's white space is blanks, tabs and line breaks: an ideographic or no-break space is text.
  return s.replace(/[ \t\n\r]+/g, ' ').replace(/^ | $/g, '');
}

const OPEN_MARK = '\uE000';
const CLOSE_MARK = '\uE001';

/**
 * Marks the brace groups that protect case (`{AI}`, `{{\em Eucalyptus}}`): top-level groups
 * that are not a command's argument and do not start with a command (`{\"u}` is a special
 * character, not protection).
 */
function markProtected(value: string): string {
  let out = '';
  let depth = 0;
  let protecting = false;
  for (let i = 0; i < value.length; i++) {
    const ch = value[i];
    if (ch === '\\') {
      out += ch + (value[i + 1] ?? '');
      i++;
      continue;
    }
    if (ch === '{') {
      if (depth === 0) {
        const before = value.slice(0, i);
        const isArgument = /\\[A-Za-z]+\s*$|\\["'`^~=.]\s*$/.test(before);
        if (!isArgument && value[i + 1] !== '\\') {
          protecting = true;
          out += OPEN_MARK;
        }
      }
      depth++;
      out += ch;
      continue;
    }
    if (ch === '}') {
      depth--;
      out += ch;
      if (depth === 0 && protecting) {
        protecting = false;
        out += CLOSE_MARK;
      }
      continue;
    }
    out += ch;
  }
  return out;
}

/**
 * Converts a value like `latexToText` and also returns the character ranges that the value
 * protects from case changes with braces, as `[start, end)` offsets into the text.
 */
export function latexToTextWithProtection(value: string): { text: string; ranges: Array<[number, number]> } {
  if (!value.includes('{')) return { text: latexToText(value), ranges: [] };
  const marked = latexToText(markProtected(value));
  const ranges: Array<[number, number]> = [];
  let text = '';
  let start = -1;
  for (const ch of marked) {
    if (ch === OPEN_MARK) start = text.length;
    else if (ch === CLOSE_MARK) {
      if (start >= 0 && text.length > start) ranges.push([start, text.length]);
      start = -1;
    } else text += ch;
  }
  return { text, ranges };
}
