/**
 * A markdown-it plugin that renders a draft as its reader will see it: Pandoc citations in
 * the analyst's style, GFM footnotes (unless another footnote plugin is active, which then
 * renders them, citations inside included), and the reference list at Pandoc's placeholder,
 * between the markers Update Reference List writes, or at the end.
 *
 * Parsing depends on the text alone (VS Code caches the tokens per document version): the
 * citation scanner finds citations and footnotes, and each is replaced in the source by a
 * private-use placeholder before markdown-it parses it, so markdown-it's own rules never read
 * a citation's brackets as a link; line breaks stay where they were, so line numbers (scroll
 * sync) do not move. Placeholders that end up in code or attributes are put back as written.
 * Rendering asks `options.data` for the style and sources of the document being rendered, so
 * a bibliography that loads later needs a new render, not a new parse.
 *
 * Every string from a bibliography or pack is escaped; nothing emits script or command links.
 */
import type { MarkdownIt, StateBlock, StateCore, Token } from 'markdown-it';
import { scanCitations } from '../citations/markdown';
import { readCiteDocument, type CiteDocument, type CiteRef } from './document';
import { escapeHtml } from '../taxonomy/cardHtml';
import { spansToText } from './escape';
import { inlineToHtml, inlineToText } from './inline';
import { listHeadingLevel, listHtml, listTitle } from './list';
import { CitationProcessor, type ListEntry, type RenderSources } from './processor';
import type { RenderStyle } from './style';
import { lineOf } from '../text/lines';
import { markNonProse, NO_TERMS, termsHtml, type RenderTerms } from './terms';
import { titleBlockPlugin } from './titleBlock';

/** What the host supplies for one rendering. */
export interface RenderData {
  style: RenderStyle;
  sources: RenderSources;
  /** The tooltip of an unknown key, `{0}` standing for the key (localised by the host). */
  unknownKeyMessage: string;
  /** The list title when the front matter gives none (default: by the draft's language). */
  title?: string;
}

export interface CitationPluginOptions {
  /**
   * The data for a rendering: `env` is markdown-it's render environment (VS Code puts the
   * document's URI in `env.currentDocument`), `doc` what the text says (front matter
   * bibliography, style name), `text` the source. Undefined: citations are shown as written.
   */
  data(env: Record<string, unknown>, doc: CiteDocument, text: string): RenderData | undefined;
  /** Whether the plugin works at all (checked at each parse); default: always. */
  enabled?(): boolean;
  /**
   * Glossary term tooltips: `enabled` is checked at each parse (default: off), `data` at each
   * rendering, with the draft's text (undefined: no tooltips in that rendering).
   */
  terms?: {
    enabled(): boolean;
    data(env: Record<string, unknown>, text: string): RenderTerms | undefined;
  };
}

/** A footnote to render: its text (continuation lines dedented) and the line it starts on. */
interface Note {
  label: string;
  text: string;
  line: number;
}

/** What one parse learned, carried by the first token to the renderer. */
interface ParseState {
  doc: CiteDocument;
  /** The citations' original text, by placeholder index. */
  citeText: string[];
  /** Footnote labels by reference placeholder index; undefined when another plugin renders footnotes. */
  refLabels?: string[];
  /** Footnote number by label (first reference order). */
  noteNumbers: Map<string, number>;
  /** The source text (line breaks normalised). */
  text: string;
  headingLevel: 1 | 2;
  /**
   * What the numbering, the a–z suffixes and the list depend on: the keys in the order the
   * reader first meets them, `nocite` and whether the list is shown. Parses with the same
   * signature number alike, whatever the text around the citations, their pages or prefixes.
   */
  signature: string;
}

/** The numbering and list of one signature in one rendering's data, kept across renders. */
interface Rendered {
  signature: string;
  processor: CitationProcessor;
  /**
   * Citations' HTML by their text as written: under one numbering, a citation's text in the
   * style follows from what it says (its keys, pages, prefix, suffix and form).
   */
  cites: Map<string, string>;
  /** The list's HTML by title and heading level. */
  lists: Map<string, string>;
}

interface RenderState {
  parse: ParseState;
  rendered?: Rendered;
  data?: RenderData;
  /** How many references to each footnote were rendered so far. */
  refCount: Map<string, number>;
}

/** An entry's text, escaped, for citation tooltips (entries' spans are cached per item and style). */
const escapedTitles = new WeakMap<ListEntry['spans'], string>();

function entryTitle(e: ListEntry): string {
  let t = escapedTitles.get(e.spans);
  if (t === undefined) escapedTitles.set(e.spans, (t = escapeHtml(spansToText(e.spans))));
  return t;
}

/** The signature of a parse (see `ParseState.signature`): the processor's own order of first citation. */
function signatureOf(doc: CiteDocument): string {
  const cites = doc.citations;
  let ordered = true;
  for (let i = 1; i < cites.length && ordered; i++) ordered = cites[i - 1].order <= cites[i].order;
  const order = ordered ? cites : cites.map((c, i) => ({ c, i })).sort((a, b) => a.c.order - b.c.order || a.i - b.i).map((x) => x.c);
  const seen = new Set<string>();
  const keys: string[] = [];
  for (const c of order) {
    for (const it of c.items) {
      const k = it.key.toLowerCase();
      if (seen.has(k)) continue;
      seen.add(k);
      keys.push(it.key); // as first written: the entry's id and link use it
    }
  }
  return `${doc.meta.suppressBibliography ? 1 : 0}\u0001${doc.meta.nocite.join(' ')}\u0001${keys.join('\u0000')}`;
}

const ENV_PARSE = '__fintechLensParse';
const ENV_RENDER = '__fintechLensRender';
const ENV_TERMS = '__fintechLensTerms';
const FILL = 0xe800;
const FILL_CHAR = String.fromCharCode(FILL);
const LIST_MARK = 0xe900;
const CITE_BASE = 0xe000; // 0xe000–0xe1ff, then a low part 0xe400–0xe7ff
const NOTE_BASE = 0xe200; // 0xe200–0xe3ff
const PLACEHOLDER = /[\ue000-\ue3ff][\ue400-\ue7ff](?:\ue800|[ \t>\n]+(?=[ \t>\n]*\ue800))*/g;

function placeholderChars(base: number, i: number): string {
  return String.fromCharCode(base + (i >> 10), 0xe400 + (i & 1023));
}

/** A placeholder for `text`: `head`, then filler, keeping line breaks and the container prefix after each. */
function placeholderFor(text: string, head: string): string {
  let out = '';
  let atLineStart = false;
  let h = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') {
      atLineStart = true;
      out += c;
      continue;
    }
    if (atLineStart && (c === ' ' || c === '\t' || c === '>')) {
      out += c;
      continue;
    }
    atLineStart = false;
    out += h < head.length ? head[h++] : FILL_CHAR;
  }
  return out;
}

/** Spaces for `text`, keeping its line breaks. */
function blankFor(text: string): string {
  return text.replace(/[^\n]/g, ' ');
}

/** Applies non-overlapping replacements (sorted by start; overlapping ones are skipped). */
function replaceRanges(src: string, ops: Array<{ start: number; end: number; text: (s: string) => string }>): string {
  ops.sort((a, b) => a.start - b.start);
  const parts: string[] = [];
  let at = 0;
  for (const op of ops) {
    if (op.start < at) continue;
    parts.push(src.slice(at, op.start), op.text(src.slice(op.start, op.end)));
    at = op.end;
  }
  parts.push(src.slice(at));
  return parts.join('');
}

function hasOtherFootnotePlugin(md: MarkdownIt): boolean {
  const ruler = md.block.ruler as unknown as { __find__(name: string): number };
  return ruler.__find__('footnote_def') >= 0;
}

function prepare(md: MarkdownIt, state: StateCore, options: CitationPluginOptions): void {
  if (options.enabled?.() === false) return; // a footnote's text, parsed inside the document's parse
  const src = state.src;
  if (src.indexOf('@') < 0 && src.indexOf('[^') < 0) return;
  const scan = scanCitations(src);
  const doc = readCiteDocument(src, scan);
  const ownNotes = !hasOtherFootnotePlugin(md);
  if (doc.citations.length === 0 && doc.meta.nocite.length === 0 && (!ownNotes || doc.footnoteRefs.length === 0)) return;
  const citeText: string[] = [];
  const ops: Array<{ start: number; end: number; text: (s: string) => string }> = [];
  doc.citations.forEach((c, i) => {
    citeText.push(src.slice(c.range.start, c.range.end));
    ops.push({ start: c.range.start, end: c.range.end, text: (t) => placeholderFor(t, placeholderChars(CITE_BASE, i)) });
  });
  const noteNumbers = new Map<string, number>();
  let refLabels: string[] | undefined;
  const defined = new Set(doc.footnoteDefs.map((d) => d.label));
  if (ownNotes) {
    refLabels = [];
    doc.footnoteRefs.forEach((r, i) => {
      refLabels!.push(r.label);
      if (!defined.has(r.label)) return; // Pandoc leaves `[^x]` without a definition as text
      if (!noteNumbers.has(r.label)) noteNumbers.set(r.label, noteNumbers.size + 1);
      ops.push({ start: r.range.start, end: r.range.end, text: (t) => placeholderFor(t, placeholderChars(NOTE_BASE, i)) });
    });
  }
  const withPlaceholders = replaceRanges(src, ops);
  const notes: Note[] = [];
  const blanks: Array<{ start: number; end: number; text: (s: string) => string }> = [];
  if (ownNotes) {
    const seen = new Set<string>();
    for (const d of doc.footnoteDefs) {
      if (seen.has(d.label)) continue;
      seen.add(d.label);
      if (noteNumbers.has(d.label)) {
        const body = withPlaceholders.slice(d.textRange.start, d.textRange.end).replace(/\n(?: {1,4}|\t)/g, '\n');
        notes.push({ label: d.label, text: body, line: lineOf(scan.lineStarts, d.textRange.start) });
      }
    }
    for (const d of doc.footnoteDefs) blanks.push({ start: d.range.start, end: d.range.end, text: blankFor });
  }
  if (doc.list.kind !== 'end') {
    const r = doc.list.range;
    blanks.push({ start: r.start, end: r.end, text: (t) => String.fromCharCode(LIST_MARK) + blankFor(t.slice(1)) });
  }
  const blocks = blanks.length ? replaceRanges(withPlaceholders, blanks) : withPlaceholders;
  const headingLevel = listHeadingLevel(src);
  const parse: ParseState = { doc, citeText, refLabels, noteNumbers, text: src, headingLevel, signature: signatureOf(doc) };
  state.src = blocks;
  if (!state.env || typeof state.env !== 'object') state.env = {};
  state.env[ENV_PARSE] = parse;
  const meta = new state.Token('fl_meta', '', 0);
  meta.meta = { parse, notes };
  meta.hidden = true;
  state.tokens.push(meta);
}

/** Block rule: the reference list's place (a line starting with the list mark). */
function listBlock(state: StateBlock, startLine: number, _endLine: number, silent: boolean): boolean {
  const pos = state.bMarks[startLine] + state.tShift[startLine];
  if (state.src.charCodeAt(pos) !== LIST_MARK) return false;
  if (silent) return true;
  const t = state.push('fl_refs', '', 0);
  t.map = [startLine, startLine + 1];
  t.block = true;
  state.line = startLine + 1;
  return true;
}

function restore(s: string, parse: ParseState): string {
  if (!/[\ue000-\ue3ff]/.test(s)) return s;
  return s.replace(PLACEHOLDER, (m) => {
    const i = ((m.charCodeAt(0) - CITE_BASE) & 0x1ff) * 1024 + (m.charCodeAt(1) - 0xe400);
    if (m.charCodeAt(0) < NOTE_BASE) return parse.citeText[i] ?? '';
    const label = parse.refLabels?.[i];
    return label !== undefined ? `[^${String(label)}]` : '';
  });
}

/** Splits text tokens at placeholders into citation and footnote tokens; puts placeholders back elsewhere. */
function expand(state: StateCore): void {
  const parse = state.env?.[ENV_PARSE] as ParseState | undefined;
  if (!parse) return;
  for (const token of state.tokens) {
    if (token.type === 'inline' && token.children) token.children = expandChildren(state, token.children, parse);
    else if (token.content) token.content = restore(token.content, parse);
    if (token.attrs) for (const a of token.attrs) a[1] = restore(String(a[1]), parse);
  }
}

function expandChildren(state: StateCore, children: Token[], parse: ParseState): Token[] {
  const out: Token[] = [];
  let open = false; // a placeholder's filler may go on after a soft break
  for (let k = 0; k < children.length; k++) {
    const t = children[k];
    if (t.type === 'softbreak' && open) {
      const next = children[k + 1];
      if (next && next.type === 'text' && next.content.charCodeAt(0) === FILL) continue;
    }
    if (t.type !== 'text') {
      if (t.content) t.content = restore(t.content, parse);
      if (t.attrs) for (const a of t.attrs) a[1] = restore(String(a[1]), parse);
      if (t.children) t.children = expandChildren(state, t.children, parse);
      out.push(t);
      open = false;
      continue;
    }
    const s = t.content;
    PRIVATE.lastIndex = 0;
    if (!PRIVATE.test(s)) {
      out.push(t);
      if (s) open = false;
      continue;
    }
    // Text runs are sliced, not built a character at a time.
    let buf = '';
    let from = 0;
    for (let i = PRIVATE.lastIndex - 1; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c < CITE_BASE || c > FILL) continue;
      if (c === FILL) {
        buf += s.slice(from, i);
        from = i + 1;
        continue;
      }
      const lo = i + 1 < s.length ? s.charCodeAt(i + 1) : 0;
      if (c >= 0xe400 || lo < 0xe400 || lo >= 0xe800) continue;
      buf += s.slice(from, i);
      if (buf) out.push(textToken(state, buf));
      buf = '';
      const n = ((c - CITE_BASE) & 0x1ff) * 1024 + (lo - 0xe400);
      const note = c >= NOTE_BASE;
      const tok = new state.Token(note ? 'fl_fnref' : 'fl_cite', '', 0);
      tok.meta = { index: n };
      tok.content = note ? `[^${parse.refLabels?.[n] ?? ''}]` : (parse.citeText[n] ?? '');
      out.push(tok);
      open = true;
      i++;
      from = i + 1;
    }
    buf += s.slice(from);
    if (buf) {
      out.push(textToken(state, buf));
      open = false;
    }
  }
  return out;
}

const PRIVATE = /[\ue000-\ue800]/g;

function textToken(state: StateCore, content: string): Token {
  const t = new state.Token('text', '', 0);
  t.content = content;
  return t;
}

/**
 * Appends the list when it goes at the end, then the footnotes: their text is parsed into
 * blocks here, before the inline pass, so that every later rule (ours, VS Code's line numbers)
 * sees their tokens once, with the lines where they stand in the document.
 */
function appendNotes(md: MarkdownIt, state: StateCore): void {
  const first = state.tokens[0];
  if (!first || first.type !== 'fl_meta') return;
  const { parse, notes } = first.meta as { parse: ParseState; notes: Note[] };
  if (parse.doc.list.kind === 'end') state.tokens.push(new state.Token('fl_refs', '', 0));
  if (notes.length === 0) return;
  const sorted = [...notes].sort((a, b) => parse.noteNumbers.get(a.label)! - parse.noteNumbers.get(b.label)!);
  state.tokens.push(new state.Token('fl_footnotes_open', 'section', 1));
  for (const n of sorted) {
    const number = parse.noteNumbers.get(n.label);
    const open = new state.Token('fl_footnote_open', 'li', 1);
    open.meta = { label: n.label, number };
    state.tokens.push(open);
    const inner: Token[] = [];
    md.block.parse(n.text, md, state.env, inner);
    for (const t of inner) if (t.map) t.map = [t.map[0] + n.line, t.map[1] + n.line];
    const back = new state.Token('fl_footnote_back', '', 0);
    back.meta = { label: n.label, number };
    let lastClose = -1;
    for (let i = inner.length - 1; i >= 0; i--) {
      if (inner[i].type === 'paragraph_close') {
        lastClose = i;
        break;
      }
    }
    if (lastClose >= 0) inner.splice(lastClose, 0, back);
    else inner.push(back);
    state.tokens.push(...inner);
    state.tokens.push(new state.Token('fl_footnote_close', 'li', -1));
  }
  state.tokens.push(new state.Token('fl_footnotes_close', 'section', -1));
}

/** How many signatures are kept per rendering data (drafts open side by side share a bibliography). */
const KEPT_SIGNATURES = 4;

/**
 * The rendered citations of a parse: those of an earlier render when its signature and data
 * are the same (the analyst typed outside the citations), else new ones.
 */
function renderedFor(cache: WeakMap<RenderData, Rendered[]>, data: RenderData, parse: ParseState): Rendered {
  let kept = cache.get(data);
  if (!kept) cache.set(data, (kept = []));
  const at = kept.findIndex((r) => r.signature === parse.signature);
  const hit = at >= 0 ? kept.splice(at, 1)[0] : undefined;
  const processor = (): CitationProcessor => new CitationProcessor(parse.doc, data.style, data.sources);
  const r = hit ?? { signature: parse.signature, processor: processor(), cites: new Map(), lists: new Map() };
  kept.unshift(r);
  if (kept.length > KEPT_SIGNATURES) kept.length = KEPT_SIGNATURES;
  return r;
}

type RenderCache = WeakMap<RenderData, Rendered[]>;

function renderState(env: Record<string, unknown>, tokens: Token[], options: CitationPluginOptions, cache: RenderCache): RenderState | undefined {
  const first = tokens[0];
  if (!first || first.type !== 'fl_meta') return env[ENV_RENDER] as RenderState | undefined;
  const parse = (first.meta as { parse: ParseState }).parse;
  const existing = env[ENV_RENDER] as RenderState | undefined;
  if (existing && existing.parse === parse) return existing;
  const data = options.data(env, parse.doc, parse.text);
  const state: RenderState = { parse, data, refCount: new Map() };
  if (data) state.rendered = renderedFor(cache, data, parse);
  env[ENV_RENDER] = state;
  return state;
}

/** A citation's HTML: its text in the style, the cited entries' text as its tooltip. */
function citeHtml(p: CitationProcessor, c: CiteRef, data: RenderData, links: boolean): string {
  const nodes = p.render(c);
  const titles: string[] = [];
  for (const it of c.items) {
    const e = p.entry(it.key);
    if (e) titles.push(entryTitle(e));
  }
  const keys = c.items.map((it) => it.key).join(' ');
  const title = titles.length ? ` title="${titles.join('\n')}"` : '';
  const body = inlineToHtml(nodes, { unknownKeyMessage: data.unknownKeyMessage, links });
  return `<span class="fl-cite" data-keys="${escapeHtml(keys)}"${title}>${body}</span>`;
}

export function citationPlugin(md: MarkdownIt, options: CitationPluginOptions): void {
  const cache = new WeakMap<RenderData, Rendered[]>();
  md.core.ruler.after('normalize', 'fl_prepare', (state) => prepare(md, state, options));
  md.block.ruler.before('fence', 'fl_refs', listBlock, { alt: ['paragraph', 'reference', 'blockquote', 'list'] });
  md.core.ruler.after('block', 'fl_notes', (state) => appendNotes(md, state));
  md.core.ruler.after('inline', 'fl_expand', expand);
  titleBlockPlugin(md, () => options.enabled?.() !== false);
  if (options.terms) addTerms(md, options.terms, options.enabled);

  const rules = md.renderer.rules;
  type Env = Record<string, unknown>;
  const meta = (t: Token): Record<string, unknown> => (t.meta ?? {}) as Record<string, unknown>;
  rules.fl_meta = (tokens, _idx, _opts, env) => {
    renderState((env ?? {}) as Env, tokens, options, cache);
    return '';
  };
  rules.fl_cite = (tokens, idx, _opts, env) => {
    const st = (env as Env | undefined)?.[ENV_RENDER] as RenderState | undefined;
    const t = tokens[idx];
    const index = meta(t).index as number;
    const c = st?.parse.doc.citations[index];
    if (!st?.rendered || !st.data || !c) return escapeHtml(t.content);
    const cites = st.rendered.cites;
    let html = cites.get(t.content);
    if (html === undefined) {
      // Texts typed once (a page number half written) do not pile up.
      if (cites.size > 2 * st.parse.doc.citations.length + 64) cites.clear();
      cites.set(t.content, (html = citeHtml(st.rendered.processor, c, st.data, !st.parse.doc.meta.suppressBibliography)));
    }
    return html;
  };
  rules.fl_fnref = (tokens, idx, _opts, env) => {
    const st = (env as Env | undefined)?.[ENV_RENDER] as RenderState | undefined;
    const t = tokens[idx];
    const label = st?.parse.refLabels?.[meta(t).index as number];
    const n = label !== undefined ? st?.parse.noteNumbers.get(label) : undefined;
    if (!st || n === undefined) return escapeHtml(t.content);
    const count = st.refCount.get(label!) ?? 0;
    st.refCount.set(label!, count + 1);
    const id = `fnref${n}${count ? `:${count}` : ''}`;
    return `<sup class="footnote-ref"><a href="#fn${n}" id="${id}">${n}</a></sup>`;
  };
  rules.fl_refs = (_tokens, _idx, _opts, env) => {
    const st = (env as Env | undefined)?.[ENV_RENDER] as RenderState | undefined;
    if (!st?.rendered || !st.data || st.parse.doc.meta.suppressBibliography) return '';
    const title = st.parse.doc.meta.title ?? st.data.title ?? listTitle(st.parse.doc, st.parse.text);
    const lists = st.rendered.lists;
    const id = `${st.parse.headingLevel}${title}`;
    let html = lists.get(id);
    if (html === undefined) lists.set(id, (html = listHtml(st.rendered.processor, title, st.parse.headingLevel)));
    return html;
  };
  rules.fl_footnotes_open = () => '<section class="footnotes fl-footnotes" role="doc-endnotes">\n<hr>\n<ol>\n';
  rules.fl_footnotes_close = () => '</ol>\n</section>\n';
  rules.fl_footnote_open = (tokens, idx) => `<li id="fn${meta(tokens[idx]).number as number}" class="footnote-item">`;
  rules.fl_footnote_close = () => '</li>\n';
  rules.fl_footnote_back = (tokens, idx) => ` <a href="#fnref${meta(tokens[idx]).number as number}" class="footnote-backref">\u21a9\ufe0e</a>`;
}

/**
 * Term tooltips: a parse with them on starts with a hidden `fl_terms` token (after `fl_meta`)
 * holding the draft's text; its rendering asks for the terms, and the text rule wraps them.
 * With them off, parsing and rendering are as without this.
 */
function addTerms(md: MarkdownIt, terms: NonNullable<CitationPluginOptions['terms']>, enabled?: () => boolean): void {
  type Env = Record<string, unknown>;
  md.core.ruler.after('fl_prepare', 'fl_terms', (state) => {
    if (enabled?.() === false || !terms.enabled()) return;
    const first = state.tokens[0];
    const text = first?.type === 'fl_meta' ? (first.meta as { parse: ParseState }).parse.text : state.src;
    const t = new state.Token('fl_terms', '', 0);
    t.meta = { text };
    t.hidden = true;
    state.tokens.push(t);
  });
  md.core.ruler.push('fl_terms_prose', (state) => {
    if (!state.tokens.slice(0, 2).some((t) => t.type === 'fl_terms')) return;
    for (const t of state.tokens) if (t.type === 'inline' && t.children) markNonProse(t.children);
  });
  const rules = md.renderer.rules;
  rules.fl_terms = (tokens, idx, _opts, env) => {
    if (env && typeof env === 'object') (env as Env)[ENV_TERMS] = terms.data(env as Env, (tokens[idx].meta as { text: string }).text);
    return '';
  };
  const text = rules.text;
  rules.text = (tokens, idx, opts, env, self) => {
    const data = (env as Env | undefined)?.[ENV_TERMS] as RenderTerms | undefined;
    const t = tokens[idx];
    if (data && !(t.meta as Record<string, unknown> | null)?.[NO_TERMS]) return termsHtml(data, t.content, md.utils.escapeHtml);
    return text ? text(tokens, idx, opts, env, self) : md.utils.escapeHtml(t.content);
  };
}

/** The plain text of a citation in a style (for tests and tooltips). */
export function citationText(p: CitationProcessor, doc: CiteDocument, index: number): string {
  return inlineToText(p.render(doc.citations[index]));
}
