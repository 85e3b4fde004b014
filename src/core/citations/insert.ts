/**
 * Plans the insertion of a citation into a Markdown draft: text in, edits out.
 *
 * The plan holds every change one command makes, so a host can apply them as one undo step:
 * the citation at each cursor, new footnote definitions, the front matter `bibliography:`
 * line, the entries appended to an existing bibliography file, or a new `references.json`.
 * Document edits are in offsets of the text given, sorted, and never overlap; edits at the
 * same offset are merged into one, in reading order. Nothing the user wrote is replaced:
 * citations are inserted at the cursors (after a selection, never over it).
 *
 * Syntaxes:
 * - `pandoc`: `[@key]`, `[@key, sec. 1.3]`, `[@a; @b, p. 29]`; a key Pandoc would not read back
 *   bare is braced (`[@{a.}]`), and one with blanks is refused. Keys missing from the
 *   document's bibliography are appended to it, or a new CSL-JSON file is created and named in
 *   the front matter (created when missing).
 * - `footnote`: `[^n]` with the next free number (numeric labels only count; existing footnotes
 *   are never renumbered). The definition, the formatted reference(s) with the locator, joins
 *   the footnote block at the end of the document, or starts one after a blank line. Citing
 *   the same sources and locators again reuses the footnote whose text is the same; several
 *   cursors citing the same thing share one new footnote.
 * - `inline`: author-date text in the style (`(中研產業研究院, 2026, sec. 1.3)`).
 */
import type { Problem, TextEdit, TextRange } from '../text/types';
import type { CslItem } from '../pack/types';
import { detectEol, planBibliographyAppend, serializeBibliography } from './bibliography';
import { formatFootnoteText, formatInlineCitation, pandocLocator } from './format';
import { planFrontMatterBibliography } from './frontMatter';
import { citationProblem } from './messages';
import { pandocKeyText } from './pandocKey';
import { isSkipped, scanCitations, type FootnoteDefinition, type MarkdownScan } from './markdown';
import type { BibliographyFormat, CitationLang, CitationStyle, CitationSyntax, Locator } from './types';
import { bomLength, lineOf } from '../text/lines';
import { FootnoteJudge } from './footnoteJudge';
import { placePandocCitation } from './pandocPlacement';

export interface CitationSourceRef {
  /** The citation key (Pandoc key; the `id` the entry gets in a bibliography file). */
  key: string;
  item: CslItem;
  locator?: Locator;
}

export interface ExistingBibliography {
  /** Path of the bibliography file as the front matter or the setting names it. */
  path: string;
  /** Keys the document's bibliographies already define. */
  keys: string[];
  /** The file's text and format: when given, the plan includes the append edit itself. */
  text?: string;
  format?: BibliographyFormat;
}

export interface CitationInsertionRequest {
  /** The document text. */
  text: string;
  /** Selections; the citation goes at each one's end (an empty selection is a cursor). */
  cursors: TextRange[];
  syntax: CitationSyntax;
  sources: CitationSourceRef[];
  /** Defaults to GB/T 7714-2025 for Chinese (`lang` zh-*) and APA 7 for English. */
  style?: CitationStyle;
  bibliography?: {
    existing: 'none' | ExistingBibliography;
    /** File created when the document has no bibliography (CSL-JSON). Default `references.json`. */
    newFileName?: string;
  };
  lang?: CitationLang;
}

export interface CitationInsertionPlan {
  /** Edits to the document: citations, footnote definitions, front matter. */
  edits: TextEdit[];
  /** The citation text inserted at each cursor, in the order of `cursors` (skipped cursors omitted). */
  citations: Array<{ at: number; text: string }>;
  /** Footnote labels used, in order of first use; `created` is false for a reused footnote. */
  footnotes: Array<{ label: string; created: boolean }>;
  /** Entries to append to the existing bibliography file (with the edit when its text was given). */
  bibliography?: { path: string; items: CslItem[]; edits?: TextEdit[] };
  /** A bibliography file to create. */
  newBibliographyFile?: { path: string; content: string; items: CslItem[] };
  /** Whether `edits` change the front matter. */
  frontMatterChanged: boolean;
  /** Problems; when one is an error, the plan is empty and nothing must be applied. */
  problems: Problem[];
}

const empty = (problems: Problem[]): CitationInsertionPlan => ({
  edits: [],
  citations: [],
  footnotes: [],
  frontMatterChanged: false,
  problems,
});

/** Collapses whitespace, for comparing footnote texts. */
const norm = (s: string) => s.replace(/\s+/g, ' ').trim();

interface Insertion {
  at: number;
  text: string;
  /** Order among insertions at one offset: front matter 0, citation 1, footnote definitions 2. */
  rank: number;
  seq: number;
}

/** Sorts insertions and replacements and merges those at the same offset into one edit. */
function mergeEdits(list: Insertion[], replacements: TextEdit[]): TextEdit[] {
  const sorted = [...list].sort((a, b) => a.at - b.at || a.rank - b.rank || a.seq - b.seq);
  const out: TextEdit[] = [];
  for (const ins of sorted) {
    const last = out[out.length - 1];
    if (last && last.range.start === ins.at && last.range.end === ins.at) last.newText += ins.text;
    else out.push({ range: { start: ins.at, end: ins.at }, newText: ins.text });
  }
  for (const r of replacements) out.push({ range: { ...r.range }, newText: r.newText });
  out.sort((a, b) => a.range.start - b.range.start || a.range.end - b.range.end);
  return out;
}

export function planCitationInsertion(req: CitationInsertionRequest): CitationInsertionPlan {
  const { text, syntax, sources } = req;
  const style: CitationStyle = req.style ?? (req.lang && req.lang !== 'en' ? 'gbt7714-2025' : 'apa7');
  const problems: Problem[] = [];
  if (sources.length === 0) {
    return empty([citationProblem('error', 'citation.no-source', { start: 0, end: 0 }, 'noSource')]);
  }
  const scan = scanCitations(text);
  const eol = scan.eol;

  // Cursors: at each selection's end, once per offset, never inside the front matter.
  const targets: number[] = [];
  for (const c of req.cursors) {
    // Never before a BOM, which would then be a character of the text.
    const at = Math.max(bomLength(text), Math.min(text.length, Math.max(c.start, c.end)));
    if (scan.frontMatter && at >= scan.frontMatter.range.start && at <= scan.frontMatter.range.end) {
      problems.push(citationProblem('warning', 'citation.cursor-in-front-matter', { start: at, end: at }, 'cursorInFrontMatter'));
      continue;
    }
    if (!targets.includes(at)) targets.push(at);
  }
  if (targets.length === 0) {
    return empty([...problems, citationProblem('error', 'citation.no-cursor', { start: 0, end: 0 }, 'noCursor')]);
  }

  const insertions: Insertion[] = [];
  const replacements: TextEdit[] = [];
  let seq = 0;
  const plan: CitationInsertionPlan = { edits: [], citations: [], footnotes: [], frontMatterChanged: false, problems };

  if (syntax === 'pandoc') {
    const written = sources.map((s) => pandocKeyText(s.key));
    const unwritable = sources.find((_, i) => written[i] === undefined);
    if (unwritable) return empty([
      ...problems,
      citationProblem('error', 'citation.key-unwritable', { start: 0, end: 0 }, 'keyNotPandoc', unwritable.key),
    ]);
    const citation = `[${sources.map((s, i) => `${written[i]}${s.locator ? `, ${pandocLocator(s.locator)}` : ''}`).join('; ')}]`;
    let skippedAt: number | undefined;
    for (const at of targets) {
      // Where Pandoc reads it as this citation and the draft as before; never in code, raw HTML or a comment.
      const place = placePandocCitation(text, scan, at, citation, sources.map((s) => s.key));
      if (!place) {
        skippedAt ??= at;
        continue;
      }
      insertions.push({ at: place.at, text: place.text, rank: 1, seq: seq++ });
      plan.citations.push({ at: place.at, text: citation });
    }
    if (plan.citations.length === 0) {
      const at = skippedAt ?? 0;
      return empty([...problems, citationProblem('error', 'citation.cursor-literal', { start: at, end: at }, 'pandocNowhere')]);
    }
    if (skippedAt !== undefined) {
      problems.push(citationProblem('warning', 'citation.cursor-literal', { start: skippedAt, end: skippedAt }, 'pandocCursorSkipped'));
    }
    // The bibliography must hold every key.
    const existing = req.bibliography?.existing ?? 'none';
    const known = new Set((existing === 'none' ? [] : existing.keys).map((k) => k.toLowerCase()));
    const missing: CslItem[] = [];
    for (const s of sources) {
      if (known.has(s.key.toLowerCase())) continue;
      known.add(s.key.toLowerCase());
      missing.push(entryFor(s));
    }
    if (missing.length > 0) {
      if (existing !== 'none') {
        plan.bibliography = { path: existing.path, items: missing };
        if (existing.text !== undefined && existing.format) {
          const append = planBibliographyAppend(existing.text, existing.format, missing);
          if (!append.edit) {
            return empty([
              ...problems,
              citationProblem('error', append.problem.code, append.problem.range, 'appendRefused', existing.path, append.problem.message),
            ]);
          }
          plan.bibliography.edits = [append.edit];
        }
      } else {
        const path = req.bibliography?.newFileName ?? 'references.json';
        plan.newBibliographyFile = { path, content: serializeBibliography('csl-json', missing, detectEol(text)), items: missing };
      }
    }
    if (existing === 'none' && plan.newBibliographyFile) {
      const fm = planFrontMatterBibliography(text, plan.newBibliographyFile.path, scan);
      if (fm.problem) problems.push(fm.problem);
      // New front matter goes before a citation at the same place, but after one that ends a title block above it.
      const rank = !scan.frontMatter && scan.titleBlock ? 2 : 0;
      for (const e of fm.edits) {
        if (e.range.start === e.range.end) insertions.push({ at: e.range.start, text: e.newText, rank, seq: seq++ });
        else replacements.push(e);
      }
      plan.frontMatterChanged = fm.edits.length > 0;
    }
  } else if (syntax === 'inline') {
    const citation = formatInlineCitation(sources, style);
    for (const at of targets) {
      insertions.push({ at, text: citation, rank: 1, seq: seq++ });
      plan.citations.push({ at, text: citation });
    }
  } else {
    const footnote = planFootnotes(text, scan, targets, sources, style, eol);
    if (footnote.problem) return empty([...problems, footnote.problem]);
    if (footnote.skipped) problems.push(footnote.skipped);
    for (const ins of footnote.insertions) insertions.push({ ...ins, seq: seq++ });
    plan.citations = footnote.citations;
    plan.footnotes = footnote.footnotes;
  }

  plan.edits = mergeEdits(insertions, replacements);
  return plan;
}

/** The bibliography entry written for a source: its item under the source's key. */
function entryFor(s: CitationSourceRef): CslItem {
  const item: CslItem = { ...s.item, id: s.key };
  delete item['citation-key'];
  return item;
}

function planFootnotes(
  text: string,
  scan: MarkdownScan,
  targets: number[],
  sources: CitationSourceRef[],
  style: CitationStyle,
  eol: '\n' | '\r\n',
): {
  insertions: Array<Omit<Insertion, 'seq'>>;
  citations: CitationInsertionPlan['citations'];
  footnotes: CitationInsertionPlan['footnotes'];
  problem?: Problem;
  /** A cursor where Markdown would not read a reference, skipped. */
  skipped?: Problem;
} {
  const noteText = escapeFootnoteCalls(formatFootnoteText(sources, style, 'markdown'));
  const existing = scan.footnoteDefs.find((d) => norm(d.text) === norm(noteText));
  let label: string;
  let created: boolean;
  if (existing) {
    label = existing.label;
    created = false;
  } else {
    let max = 0;
    for (const l of [...scan.footnoteDefs.map((d) => d.label), ...scan.footnoteRefs.map((r) => r.label)]) {
      if (/^\d+$/.test(l)) max = Math.max(max, parseInt(l, 10));
    }
    label = String(max + 1);
    created = true;
  }
  const ref = `[^${label}]`;
  const judge = new FootnoteJudge(text, scan);
  const definition = `[^${label}]: ${noteText}`;
  // The definition's first place (the footnote block at the end); it is known to be found once a reference is found
  // with it (a parse of the draft saved), else `placeDefinition` settles where it goes.
  let block = created ? placeDefinitionFirst(text, scan, definition, eol, targets) : undefined;
  let settled = !created;
  const insertions: Array<Omit<Insertion, 'seq'>> = block ? [block] : [];
  const citations: CitationInsertionPlan['citations'] = [];
  let skippedAt: number | undefined;
  for (const at of targets) {
    // In code or HTML Markdown shows a reference as text; moving it out would split the user's block.
    const pick = () => judge.inLiteral(at) ? undefined
      : referenceCandidates(text, scan, at, ref, eol, judge.blockEnd(at)).find((c) => judge.referenceFound([...insertions, c], c, ref, label));
    let chosen = pick();
    if (!settled) {
      settled = true;
      if (!chosen) {
        const placed = placeDefinition(text, scan, judge, label, definition, eol, targets);
        if (!placed) {
          const end = { start: text.length, end: text.length };
          return { insertions: [], citations: [], footnotes: [], problem: citationProblem('error', 'footnote.unclosed-code-fence', end, 'unclosedFence') };
        }
        if (placed.at !== block!.at || placed.text !== block!.text) {
          block = placed;
          insertions[0] = placed;
          chosen = pick();
        }
      }
    }
    if (!chosen) {
      skippedAt ??= at;
      continue;
    }
    insertions.push(chosen);
    citations.push({ at: chosen.at, text: ref });
  }
  if (citations.length === 0) {
    const at = skippedAt ?? 0;
    return { insertions: [], citations: [], footnotes: [], problem: citationProblem('error', 'footnote.cursor-in-code', { start: at, end: at }, 'footnoteNowhere') };
  }
  const skipped = skippedAt === undefined ? undefined
    : citationProblem('warning', 'footnote.cursor-in-code', { start: skippedAt, end: skippedAt }, 'footnoteCursorSkipped');
  return { insertions, citations, footnotes: [{ label, created }], skipped };
}

/**
 * A footnote's text with every `[^` that Markdown could read as a footnote reference escaped (`\[^`): a field such as a
 * title `see [^1]` would otherwise cite another footnote from inside the new one. A `[^` already escaped is kept.
 */
export function escapeFootnoteCalls(text: string): string {
  return text.replace(/(\\*)\[\^/g, (m, slashes: string) => (slashes.length % 2 === 0 ? `${slashes}\\[^` : m));
}

/**
 * Where a new footnote definition goes so that Markdown finds it, changing no footnote it found before: the footnote
 * block at the end of the document (see `footnoteBlockInsertion`), or, where an unclosed comment, code fence or HTML
 * block swallows the end, before the block that runs to the end. Undefined when neither is found. A reference to be
 * inserted at the same offset (`refsAt`: an empty draft, a cursor after the final blank line) keeps a blank line
 * between it and the definition, which would otherwise run into it on one line.
 */
function placeDefinition(
  text: string,
  scan: MarkdownScan,
  judge: FootnoteJudge,
  label: string,
  definition: string,
  eol: string,
  refsAt: number[] = [],
): Omit<Insertion, 'seq'> | undefined {
  const block = placeDefinitionFirst(text, scan, definition, eol, refsAt);
  if (judge.definitionFound(block, label)) return block;
  const before = judge.beforeLastBlock(definition, eol);
  return before && judge.definitionFound(before, label) ? before : undefined;
}

/** The first place `placeDefinition` tries: the footnote block at the end, kept apart from a reference at the same offset. */
function placeDefinitionFirst(text: string, scan: MarkdownScan, definition: string, eol: string, refsAt: number[]): Omit<Insertion, 'seq'> {
  const block = footnoteBlockInsertion(text, scan, definition, eol);
  if (refsAt.includes(block.at)) block.text = eol + eol + block.text.replace(/^(?:\r?\n|\r)+/, '');
  return block;
}

/**
 * Where a reference at cursor `at` may go, best first: at the cursor, out of a label or escape, after the line or before
 * it, or after the block the cursor is in (`blockEnd`: a table row or a list line where no place on the line keeps it).
 */
function referenceCandidates(text: string, scan: MarkdownScan, at: number, ref: string, eol: string, blockEnd: number): Array<Omit<Insertion, 'seq'>> {
  const out: Array<Omit<Insertion, 'seq'>> = [{ at, text: ref + refSeparator(text, scan, at, eol), rank: 1 }];
  // Inside an existing footnote label: after it (a definition's text starts after `]:`).
  for (const r of [...scan.footnoteRefs.map((f) => f.range), ...scan.footnoteDefs.map((d) => ({ start: d.range.start, end: d.labelRange.end + 1 }))]) {
    if (r.start < at && at < r.end) out.push({ at: r.end, text: ref, rank: 1 });
  }
  // After an escaping backslash: before it, so the escape keeps escaping what it did.
  const slashes = /\\+$/.exec(text.slice(Math.max(0, at - 64), at));
  if (slashes && slashes[0].length % 2 === 1) out.push({ at: at - 1, text: ref, rank: 1 });
  // A paragraph of its own after the cursor's line, or before it.
  const line = lineOf(scan.lineStarts, at);
  out.push({ at: scan.lineEnds[line], text: eol + eol + ref + (line + 1 < scan.lineStarts.length ? eol : ''), rank: 1 });
  out.push({ at: Math.max(scan.lineStarts[line], bomLength(text)), text: ref + eol + eol, rank: 1 });
  if (blockEnd > scan.lineEnds[line]) out.push({ at: blockEnd, text: eol + eol + ref + (blockEnd < text.length ? eol : ''), rank: 1 });
  return out;
}

/**
 * What must follow a footnote reference inserted at `at` so that a footnote definition right there
 * stays one: a reference at the start of a definition line is a paragraph of its own before it, and
 * one on a blank line just above a definition keeps that line's blank line, and one at the start of a
 * line that goes on with `:` is a paragraph of its own. Otherwise nothing.
 */
function refSeparator(text: string, scan: MarkdownScan, at: number, eol: string): string {
  const startsDef = (offset: number) => scan.footnoteDefs.some((d) => d.range.start === offset);
  if (startsDef(at)) return eol + eol;
  const line = lineOf(scan.lineStarts, at);
  const rest = text.slice(at, scan.lineEnds[line]);
  const before = text.slice(scan.lineStarts[line], at);
  // `[^n]` then `:` at the start of a line would read as a definition (before a fenced div's `:::`, say).
  if (before.trim() === '' && rest.startsWith(':')) return eol + eol;
  if (line + 1 >= scan.lineStarts.length) return '';
  if (rest.trim() === '' && before.trim() === '' && startsDef(scan.lineStarts[line + 1])) return eol;
  return '';
}

/**
 * Where a new footnote definition goes: after the last definition when the document ends with
 * its footnote block (separated as the block separates its definitions), else at the end after
 * a blank line. A document without a final line break keeps having none.
 */
function footnoteBlockInsertion(text: string, scan: MarkdownScan, definition: string, eol: string): Omit<Insertion, 'seq'> {
  // The last non-blank line of the document, outside skipped parts.
  let lastLine = scan.lineStarts.length - 1;
  while (lastLine >= 0 && text.slice(scan.lineStarts[lastLine], scan.lineEnds[lastLine]).trim() === '') lastLine--;
  const endsWithBreak = /\r?\n$|\r$/.test(text);
  const defs = scan.footnoteDefs;
  const lastDef = defs[defs.length - 1];
  if (lastLine >= 0 && lastDef && scan.lineEnds[lastLine] === lastDef.range.end && !isSkipped(scan, lastDef.range.start)) {
    const prev = defs[defs.length - 2];
    const gap = prev ? text.slice(prev.range.end, lastDef.range.start) : '';
    const blankBetween = prev ? /\n[ \t]*\r?\n/.test(gap) : false;
    return { at: lastDef.range.end, text: (blankBetween ? eol + eol : eol) + definition, rank: 2 };
  }
  if (text.length === 0) return { at: 0, text: definition + eol, rank: 2 };
  // Count the line breaks already at the end of the document.
  const trailing = /(?:\r?\n|\r)*$/.exec(text)![0];
  const breaks = (trailing.match(/\r?\n|\r/g) ?? []).length;
  const before = eol.repeat(Math.max(0, 2 - breaks));
  return { at: text.length, text: before + definition + (endsWithBreak ? eol : ''), rank: 2 };
}

/** The shared edit applier, under the name the citation modules use. */
export { applyEdits as applyTextEdits } from '../text/edits';

/**
 * The insertion that adds a footnote definition `[^label]: text` where citation insertion puts
 * one (the footnote block at the end of the document, or before an unclosed comment, code fence
 * or HTML block that runs to the end), so that Markdown finds exactly one definition of the label,
 * with the draft's line breaks. A quick fix for a footnote reference without a definition.
 * Undefined when no place is found.
 */
export function planFootnoteDefinition(text: string, label: string, noteText: string): TextEdit | undefined {
  const scan = scanCitations(text);
  const ins = placeDefinition(text, scan, new FootnoteJudge(text, scan), label, `[^${label}]: ${noteText}`, scan.eol);
  return ins && { range: { start: ins.at, end: ins.at }, newText: ins.text };
}

/**
 * The deletion that removes a footnote definition with its lines (and one blank line around it,
 * so no double blank line is left behind). A quick fix for a definition never referenced.
 */
export function planFootnoteRemoval(text: string, def: FootnoteDefinition): TextEdit {
  const lineStart = Math.max(text.lastIndexOf('\n', def.range.start - 1), text.lastIndexOf('\r', def.range.start - 1)) + 1;
  let end = def.range.end;
  const brk = /^(?:\r\n|\n|\r)/.exec(text.slice(end, end + 2));
  if (brk) end += brk[0].length;
  const prefix = text.slice(0, lineStart);
  let start = lineStart;
  if (!brk) {
    // The last line, without a line break: remove the breaks (and blank lines) before it instead.
    const m = /(?:[ \t]*(?:\r\n|\n|\r))+$/.exec(prefix);
    if (m) start = lineStart - m[0].length;
  } else {
    const blankBefore = /(?:\r\n|\n|\r)[ \t]*(?:\r\n|\n|\r)$/.exec(prefix);
    const rest = text.slice(end);
    if (blankBefore && (rest === '' || /^[ \t]*(?:\r\n|\n|\r|$)/.test(rest))) {
      // Blank lines on both sides: drop the one before, keeping the break that ends the line above.
      start = lineStart - blankBefore[0].length + /^(?:\r\n|\n|\r)/.exec(blankBefore[0])![0].length;
    }
  }
  return { range: { start, end }, newText: '' };
}
