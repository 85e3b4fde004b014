/**
 * The terminology linter: four rules over the glossary terms a draft mentions.
 *
 *  1. script-consistency      a Chinese term written in the other script than the draft's
 *                             (監管科技 in a Simplified draft), or mixing both (供应鏈金融);
 *                             fix: the term in the draft's script.
 *  2. preferred-form          a form the pack discourages for the draft's script (人工智慧 in a
 *                             Simplified draft; `Regtech`, case-sensitively, in English);
 *                             fix: the preferred form.
 *  3. abbreviation-first-use  an abbreviation (AI, RegTech) whose first use comes before the term
 *                             is written out; flagged at that first use only;
 *                             fix: `监管科技（RegTech）` / `regulatory technology (RegTech)`.
 *  4. inconsistent-forms      one term written in several forms in a draft: the minority forms
 *                             are flagged (ties: the preferred form wins). English forms in
 *                             Chinese prose (and Chinese forms in English prose) take part only
 *                             when the pack marks the term's mixing `discouraged`, and only as
 *                             words of that prose (not a gloss in parentheses, not inside a
 *                             phrase of the other language); fix: the majority form.
 *
 * No rule looks inside the zones of ./zones (code, quotations, link destinations, front matter,
 * HTML comments). Inline directives (./directives) switch rules off by line; they only hide
 * findings: every occurrence still counts for rules 3 and 4.
 * Pure: text and index in, plain data out.
 */
import type { Severity, TextEdit } from '../text/types';
import type { GlossaryTerm, Script } from '../pack/types';
import { detectScript, foldTableBmp, foldText, isHan, isWordUnit, toScript } from '../script/fold';
import { scanTerms } from '../terms/scan';
import type { TermIndex, TermMatch, TermPattern } from '../terms/types';
import { disabledRulesPerLine, parseDirectives, RULE_BIT } from './directives';
import type { DraftScripts, Finding, LintFix, LintOptions, LintRuleCode, RuleSeverity, ScriptIssue } from './types';
import { DEFAULT_RULE_SEVERITY, LINT_RULES } from './types';
import { hasHan } from '../text/chars';
import { applyEdits, composeEdits } from '../text/edits';
import { lineOf } from '../text/lines';
import { formatMessage } from '../text/messages';
import { scanMarkdownZones, type MarkdownZones } from './zones';

type Chinese = 'zh-Hans' | 'zh-Hant';

/** What the rules need to know about a pattern, computed once per index. */
interface PatternInfo {
  /** Only an abbreviation folds to this pattern (no full form does). */
  abbrOnly: boolean;
  /** Contains Han characters (a Chinese form); otherwise an English one. */
  han: boolean;
  /** Discouraged surfaces behind the pattern, with the script they are discouraged for. */
  discouraged: Array<{ form: string; script: Script; cased: boolean }>;
  /** The term's own form in each Chinese script that folds to this pattern, if any. */
  formFor: Partial<Record<Chinese, string>>;
  /** For abbreviations: the glossary's spelling. */
  abbreviation?: string;
}

const infoCache = new WeakMap<TermIndex, Array<PatternInfo | undefined>>();


function hasCase(s: string): boolean {
  return s.toLowerCase() !== s.toUpperCase();
}

function infoList(index: TermIndex): Array<PatternInfo | undefined> {
  let list = infoCache.get(index);
  if (!list) { list = []; infoCache.set(index, list); }
  return list;
}

function patternInfo(index: TermIndex, id: number, list = infoList(index)): PatternInfo {
  const hit = list[id];
  if (hit) return hit;
  const p: TermPattern = index.patterns[id];
  const kinds = p.kinds;
  const full = kinds.includes('zh-Hans') || kinds.includes('zh-Hant') || kinds.includes('en') || kinds.includes('alias');
  const abbrOnly = !full && kinds.includes('abbreviation');
  const discouraged: PatternInfo['discouraged'] = [];
  let abbreviation: string | undefined;
  for (const s of p.surfaces) {
    if (s.kind === 'discouraged' && s.script) discouraged.push({ form: s.form, script: s.script, cased: hasCase(s.form) });
    if (s.kind === 'abbreviation' && abbreviation === undefined) abbreviation = s.form;
  }
  const formFor: PatternInfo['formFor'] = {};
  for (const script of ['zh-Hans', 'zh-Hant'] as const) {
    for (const candidate of [p.term.forms?.[script], p.term.preferred?.[script]]) {
      if (typeof candidate === 'string' && candidate && foldText(candidate.trim()) === p.folded) {
        formFor[script] = candidate.trim();
        break;
      }
    }
  }
  const info: PatternInfo = { abbrOnly, han: hasHan(p.folded), discouraged, formFor, abbreviation };
  list[id] = info;
  return info;
}

/** Same letters in the same case (the texts already fold alike). */
function sameCase(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    const xu = x !== x.toLowerCase();
    const yu = y !== y.toLowerCase();
    if (xu !== yu) return false;
  }
  return true;
}

/**
 * True when matches found beforehand still fit the text: sorted, in bounds, and each span folds
 * to its pattern (a cache that outlived its text fails this; the linter then scans again).
 */
function matchesFit(text: string, index: TermIndex, matches: readonly TermMatch[]): boolean {
  const fold = foldTableBmp();
  let last = 0;
  for (const m of matches) {
    const p = index.patterns[m.pattern];
    if (!p || m.start < last || m.end > text.length || m.end - m.start !== p.folded.length) return false;
    const f = p.folded;
    for (let i = m.start, k = 0; i < m.end; i++, k++) if (fold[text.charCodeAt(i)] !== f.charCodeAt(k)) return false;
    last = m.end;
  }
  return true;
}

/**
 * Resolves the draft's scripts: the setting when it names one, else detection over the prose
 * (quotations, code and front matter left out); a `mixed` draft takes its majority script.
 */
export function resolveDraftScripts(text: string, zones: MarkdownZones, setting: Script | 'auto' = 'auto'): DraftScripts {
  // A Chinese setting decides both scripts; nothing to detect.
  if (setting === 'zh-Hans' || setting === 'zh-Hant') return { script: setting, chinese: setting };
  // The whole text, less what is not the draft's own prose (quotations, code, URLs…); when
  // nothing is left, the whole text.
  const whole = detectScript(text);
  let { hans, hant, han, latin } = whole;
  for (const z of zones.zones) {
    if (z.kind === 'code-span' || z.kind === 'link-label' || z.kind === 'citation-key' || z.kind === 'html-tag') continue;
    const c = detectScript(text.slice(z.start, z.end));
    hans -= c.hans;
    hant -= c.hant;
    han -= c.han;
    latin -= c.latin;
  }
  if (han + latin === 0 && whole.han + whole.latin > 0) ({ hans, hant, han, latin } = whole);
  // The same decision as detectScript's, over these counts.
  const d: { hans: number; hant: number; script: Script | 'mixed' } = {
    hans,
    hant,
    script: han === 0 || latin > 3 * han ? 'en' : hant > 0 && hant >= 4 * hans ? 'zh-Hant' : hans >= 4 * hant ? 'zh-Hans' : 'mixed',
  };
  const majority: Chinese | undefined = d.hans > d.hant ? 'zh-Hans' : d.hant > d.hans ? 'zh-Hant' : undefined;
  let script: Script;
  if (setting === 'en') script = setting;
  else if (d.script === 'mixed') script = majority ?? 'zh-Hans';
  else script = d.script;
  const chinese = script === 'en' ? majority : script;
  return chinese ? { script, chinese } : { script };
}

/**
 * Dense numbers for the terms of an index (by object identity), assigned as their patterns are
 * first met, so that per-draft tallies live in typed arrays rather than maps of objects.
 */
interface TermNumbers {
  /** Per pattern: its term's number + 1 (0: not assigned yet). */
  ofPattern: Int32Array;
  byTerm: Map<GlossaryTerm, number>;
}

const termNumberCache = new WeakMap<TermIndex, TermNumbers>();

function termNumbers(index: TermIndex): TermNumbers {
  let t = termNumberCache.get(index);
  if (!t) { t = { ofPattern: new Int32Array(index.patterns.length), byTerm: new Map() }; termNumberCache.set(index, t); }
  return t;
}

function assignTermNumber(nums: TermNumbers, pattern: number, term: GlossaryTerm): number {
  let t = nums.byTerm.get(term);
  if (t === undefined) { t = nums.byTerm.size; nums.byTerm.set(term, t); }
  nums.ofPattern[pattern] = t + 1;
  return t;
}

/**
 * The occurrences of a draft (matches outside the zones) as parallel arrays: offsets, pattern,
 * term number and line of each. No object per occurrence.
 */
class Occurrences {
  n = 0;
  start: Int32Array;
  end: Int32Array;
  pattern: Int32Array;
  term: Int32Array;
  line: Int32Array;

  constructor(capacity: number) {
    this.start = new Int32Array(capacity);
    this.end = new Int32Array(capacity);
    this.pattern = new Int32Array(capacity);
    this.term = new Int32Array(capacity);
    this.line = new Int32Array(capacity);
  }

  push(start: number, end: number, pattern: number, term: number, line: number): void {
    const k = this.n;
    if (k === this.start.length) this.grow();
    this.start[k] = start;
    this.end[k] = end;
    this.pattern[k] = pattern;
    this.term[k] = term;
    this.line[k] = line;
    this.n = k + 1;
  }

  private grow(): void {
    const size = this.start.length * 2;
    const more = (a: Int32Array): Int32Array => { const b = new Int32Array(size); b.set(a); return b; };
    this.start = more(this.start);
    this.end = more(this.end);
    this.pattern = more(this.pattern);
    this.term = more(this.term);
    this.line = more(this.line);
  }
}

const FIX_PRIORITY: Record<LintRuleCode, number> = {
  'abbreviation-first-use': 0,
  'inconsistent-forms': 1,
  'preferred-form': 2,
  'script-consistency': 3,
};

/**
 * Message templates of the linter (findings and fix titles). `{0}` is the text found, `{1}` the
 * replacement; for inconsistent forms `{1}` and `{3}` are counts and `{2}` the majority form.
 */
export const LINT_MESSAGES = {
  mixed: "'{0}' mixes Simplified and Traditional Chinese characters.",
  mixedFix: "'{0}' mixes Simplified and Traditional Chinese characters; write '{1}'.",
  hantInHans: "'{0}' is written in Traditional Chinese in a Simplified Chinese draft.",
  hantInHansFix: "'{0}' is written in Traditional Chinese in a Simplified Chinese draft; write '{1}'.",
  hansInHant: "'{0}' is written in Simplified Chinese in a Traditional Chinese draft.",
  hansInHantFix: "'{0}' is written in Simplified Chinese in a Traditional Chinese draft; write '{1}'.",
  discouraged: "'{0}' is a discouraged form; the preferred form is '{1}'.",
  abbreviation: "The abbreviation '{0}' is used before the term is written out.",
  abbreviationFix: "The abbreviation '{0}' is used before the term is written out; expand it at first use: '{1}'.",
  inconsistent: "'{0}' ({1}×) and '{2}' ({3}×) are forms of the same term in this draft; use '{2}' throughout.",
  replaceWith: "Replace with '{0}'",
  expandTo: "Expand to '{0}'",
} as const;

type LintMessage = keyof typeof LINT_MESSAGES;

const SCRIPT_MESSAGES: Record<ScriptIssue, [LintMessage, LintMessage]> = {
  mixed: ['mixed', 'mixedFix'],
  'hant-in-hans': ['hantInHans', 'hantInHansFix'],
  'hans-in-hant': ['hansInHant', 'hansInHantFix'],
};

/** The match is a gloss in parentheses: `区块链（blockchain）`, `blockchain (区块链)`. */
function isGloss(text: string, start: number): boolean {
  let i = start - 1;
  while (i >= 0 && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i--;
  const c = i >= 0 ? text.charCodeAt(i) : 0;
  return c === 40 /* ( */ || c === 0xff08 /* （ */;
}

function isChineseContext(c: number): boolean {
  return isHan(c) || (c >= 0x3000 && c <= 0x303f) || (c >= 0xff01 && c <= 0xff65);
}

function isLatinContext(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/**
 * A form of the other language used as a word of the prose around it: an English form with
 * Chinese right beside it (`用 blockchain 记账`), not inside an English phrase (`Blockchain in
 * banking`) or a gloss; a Chinese form between English words (`the 区块链 market`).
 */
function usedInProse(text: string, start: number, end: number, han: boolean): boolean {
  if (isGloss(text, start)) return false;
  const near = han ? isLatinContext : isChineseContext;
  let i = start - 1;
  while (i >= 0 && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i--;
  if (i >= 0 && near(text.charCodeAt(i))) return true;
  let j = end;
  while (j < text.length && (text.charCodeAt(j) === 32 || text.charCodeAt(j) === 9)) j++;
  return j < text.length && near(text.charCodeAt(j));
}

/**
 * The abbreviation ending at `end` is followed by its expansion in parentheses, which starts at
 * `nextStart`: `AI（人工智能）`.
 */
function expandedAfter(text: string, end: number, nextStart: number): boolean {
  let i = end;
  while (i < nextStart && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
  const c = text.charCodeAt(i);
  if (c !== 40 && c !== 0xff08) return false;
  i++;
  while (i < nextStart && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
  return i === nextStart;
}

/** True when an English word written at `offset` begins a sentence (so it takes a capital). */
function atSentenceStart(text: string, offset: number, lineStarts: Int32Array): boolean {
  let i = offset - 1;
  while (i >= 0) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 42 /* * */ || c === 95 /* _ */ || c === 34 || c === 0x201c || c === 40 || c === 91) { i--; continue; }
    break;
  }
  if (i < 0) return true;
  const c = text.charCodeAt(i);
  if (c === 46 || c === 33 || c === 63 || c === 0x3002) return true;
  if (c !== 10 && c !== 13 && c !== 35 /* # */ && c !== 62 /* > */ && c !== 45 && c !== 43 && !(c >= 48 && c <= 57)) return false;
  // At the start of a line, after nothing but block markers.
  const line = lineOf(lineStarts, offset);
  const prefix = text.slice(lineStarts[line], offset);
  if (!/^[ \t]*(?:#{1,6}[ \t]+|(?:[-*+]|\d{1,9}[.)])[ \t]+|>[ \t]*)*[*_"“([]*$/.test(prefix)) return false;
  if (/[#\-*+>]|\d[.)]/.test(prefix)) return true;
  if (line === 0) return true;
  const prevStart = lineStarts[line - 1];
  return text.slice(prevStart, lineStarts[line]).trim() === '';
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Keeps a leading capital when an English form replaces another. */
function matchCase(found: string, replacement: string): string {
  const f = found.charAt(0);
  const r = replacement.charAt(0);
  if (f !== f.toLowerCase() && r === r.toLowerCase() && r !== r.toUpperCase() &&
    found !== found.toUpperCase()) return capitalize(replacement);
  return replacement;
}

/**
 * The replacement as it must be written at [start, end): with a space where an English edge of
 * it would otherwise run into a letter or digit of the text (`用AI区块链` → `AI blockchain`).
 */
function fitted(text: string, start: number, end: number, replacement: string): string {
  let out = replacement;
  if (start > 0 && isWordUnit(out.charCodeAt(0)) && isWordUnit(text.charCodeAt(start - 1))) out = ' ' + out;
  if (end < text.length && isWordUnit(out.charCodeAt(out.length - 1)) && isWordUnit(text.charCodeAt(end))) out += ' ';
  return out;
}

function replaceFix(text: string, start: number, end: number, replacement: string, title: LintMessage = 'replaceWith'): LintFix[] {
  const template = LINT_MESSAGES[title];
  return [{
    title: formatMessage(template, [replacement]),
    template,
    args: [replacement],
    edits: [{ range: { start, end }, newText: fitted(text, start, end, replacement) }],
  }];
}

/**
 * Lints a Markdown draft. Findings are sorted by offset; each has at most one fix today.
 * `options.matches` may pass the term matches of `text` already found with `index`.
 */
export function lintDraft(text: string, index: TermIndex, options: LintOptions = {}): Finding[] {
  const severity = {} as Record<LintRuleCode, RuleSeverity>;
  let any = false;
  for (const code of LINT_RULES) {
    const s = options.rules?.[code] ?? DEFAULT_RULE_SEVERITY[code];
    severity[code] = s === 'error' || s === 'warning' || s === 'information' || s === 'hint' ? s : 'off';
    if (severity[code] !== 'off') any = true;
  }
  if (!any || text.length === 0) return [];

  const md = scanMarkdownZones(text);
  const run = new LintRun(text, index, severity, md, resolveDraftScripts(text, md, options.script));
  if (options.matches && matchesFit(text, index, options.matches)) run.addMatches(options.matches);
  else scanTerms(index, text, (start, end, pattern) => run.add(start, end, pattern));
  run.checkOccurrences();
  run.findMajorities();
  run.checkAbbreviations();
  if (severity['inconsistent-forms'] !== 'off') run.checkInconsistentForms();
  const findings = run.findings;
  findings.sort((a, b) => a.range.start - b.range.start || FIX_PRIORITY[a.code] - FIX_PRIORITY[b.code]);
  return findings;
}

/**
 * The state of one lint of one draft. Each step is its own method, and findings are built in
 * separate methods only when they are reported, so the per-occurrence loops stay small.
 */
class LintRun {
  readonly findings: Finding[] = [];
  private readonly patterns: readonly TermPattern[];
  private readonly infos: Array<PatternInfo | undefined>;
  private readonly nums: TermNumbers;
  private readonly chinese: Chinese | undefined;
  private readonly script: Script;
  private readonly englishDraft: boolean;
  private readonly langOfDraft: Script;
  private readonly disabled: ReturnType<typeof disabledRulesPerLine>;
  private readonly zones: MarkdownZones['zones'];
  private readonly starts: Int32Array;
  private readonly occs: Occurrences;
  private z = 0;
  private line = 0;

  // Per-draft tallies, filled by checkOccurrences. Terms: the first full and abbreviated
  // occurrence (k + 1; 0: none) and the chain of their form groups (pattern + 1). Form groups
  // (one per pattern, the occurrences that count for rule 4): size, first occurrence and the
  // chain of occurrences (k + 1), in text order.
  private firstFull = new Int32Array(0);
  private firstAbbr = new Int32Array(0);
  private groupHead = new Int32Array(0);
  private groupCount = new Int32Array(0);
  private majorityOf = new Int32Array(0);
  private touched: number[] = [];
  private count = new Int32Array(0);
  private first = new Int32Array(0);
  private occHead = new Int32Array(0);
  private nextGroup = new Int32Array(0);
  private nextOcc = new Int32Array(0);
  private readonly majorityTexts = new Map<number, string>();

  constructor(
    private readonly text: string,
    private readonly index: TermIndex,
    private readonly severity: Record<LintRuleCode, RuleSeverity>,
    md: MarkdownZones,
    scripts: DraftScripts,
  ) {
    this.patterns = index.patterns;
    this.infos = infoList(index);
    this.nums = termNumbers(index);
    this.chinese = scripts.chinese;
    this.script = scripts.script;
    this.englishDraft = scripts.script === 'en';
    this.langOfDraft = this.englishDraft ? 'en' : this.chinese ?? scripts.script;
    this.disabled = disabledRulesPerLine(parseDirectives(text, md.comments, md.lineStarts), md.lineStarts.length);
    this.zones = md.zones;
    this.starts = md.lineStarts;
    this.occs = new Occurrences(Math.max(64, Math.min(1 << 16, text.length >> 6)));
  }

  /** Records a match unless it lies in a zone. */
  add(start: number, end: number, pattern: number): void {
    const zones = this.zones;
    let z = this.z;
    while (z < zones.length && zones[z].end <= start) z++;
    this.z = z;
    if (z < zones.length && zones[z].start < end) return;
    const p = this.patterns[pattern];
    if (!p) return;
    const starts = this.starts;
    let line = this.line;
    while (line + 1 < starts.length && starts[line + 1] <= start) line++;
    this.line = line;
    if (this.infos[pattern] === undefined) patternInfo(this.index, pattern, this.infos);
    let t = this.nums.ofPattern[pattern] - 1;
    if (t < 0) t = assignTermNumber(this.nums, pattern, p.term);
    this.occs.push(start, end, pattern, t, line);
  }

  addMatches(matches: readonly TermMatch[]): void {
    for (const m of matches) this.add(m.start, m.end, m.pattern);
  }

  /** The finding would be reported: its rule is on and not disabled on the occurrence's line. */
  private emits(code: LintRuleCode, k: number): boolean {
    return this.severity[code] !== 'off' && !(this.disabled && (this.disabled[this.occs.line[k]] & RULE_BIT[code]) !== 0);
  }

  private emit(
    code: LintRuleCode,
    k: number,
    key: LintMessage,
    args: Array<string | number>,
    data: Finding['data'],
    fixes: LintFix[],
  ): void {
    const p = this.patterns[this.occs.pattern[k]];
    const template = LINT_MESSAGES[key];
    const range = { start: this.occs.start[k], end: this.occs.end[k] };
    this.findings.push({
      code,
      severity: this.severity[code] as Severity,
      range,
      message: formatMessage(template, args),
      template,
      args,
      packId: p.packId,
      termId: p.termId,
      data,
      fixes,
    });
  }

  private textOf(k: number): string {
    return this.text.slice(this.occs.start[k], this.occs.end[k]);
  }

  /** Rules 2 and 1, and the tallies for rules 3 and 4. */
  checkOccurrences(): void {
    const { text, patterns, infos, chinese, englishDraft } = this;
    const n = this.occs.n;
    const { start: oStart, end: oEnd, pattern: oPattern, term: oTerm } = this.occs;
    const termCount = this.nums.byTerm.size;
    const firstFull = (this.firstFull = new Int32Array(termCount));
    const firstAbbr = (this.firstAbbr = new Int32Array(termCount));
    const groupHead = (this.groupHead = new Int32Array(termCount));
    const groupCount = (this.groupCount = new Int32Array(termCount));
    this.majorityOf = new Int32Array(termCount);
    const groupTail = new Int32Array(termCount);
    const seen = new Uint8Array(termCount);
    const touched = this.touched;
    const patternCount = patterns.length;
    const count = (this.count = new Int32Array(patternCount));
    const first = (this.first = new Int32Array(patternCount));
    const occHead = (this.occHead = new Int32Array(patternCount));
    const nextGroup = (this.nextGroup = new Int32Array(patternCount));
    const occTail = new Int32Array(patternCount);
    const nextOcc = (this.nextOcc = new Int32Array(n));
    const preferredOn = this.severity['preferred-form'] !== 'off';
    const langScriptHan: Script = chinese ?? this.script;

    for (let k = 0; k < n; k++) {
      const pattern = oPattern[k];
      const info = infos[pattern]!;
      const start = oStart[k];
      const end = oEnd[k];

      // 2. preferred form
      const discouraged = info.discouraged.length > 0 && this.checkPreferred(k, info, info.han ? langScriptHan : 'en');

      // 1. script consistency (Chinese forms only)
      if (info.han && chinese) {
        const own = info.formFor[chinese];
        if (!(own !== undefined && own.length === end - start && text.startsWith(own, start))) this.checkScript(k, info, chinese);
      }

      const t = oTerm[k];
      if (seen[t] === 0) { seen[t] = 1; touched.push(t); }
      if (info.abbrOnly) {
        if (firstAbbr[t] === 0) firstAbbr[t] = k + 1;
        continue;
      }
      if (firstFull[t] === 0) firstFull[t] = k + 1;
      if (discouraged && preferredOn) continue;
      const counted = info.han === !englishDraft ||
        (patterns[pattern].term.mixing === 'discouraged' && usedInProse(text, start, end, info.han));
      if (!counted) continue;
      if (count[pattern] === 0) {
        first[pattern] = k;
        occHead[pattern] = k + 1;
        if (groupTail[t] !== 0) nextGroup[groupTail[t] - 1] = pattern + 1;
        else groupHead[t] = pattern + 1;
        groupTail[t] = pattern + 1;
        groupCount[t]++;
      } else {
        nextOcc[occTail[pattern] - 1] = k + 1;
      }
      occTail[pattern] = k + 1;
      count[pattern]++;
    }
  }

  /** Rule 2 at occurrence k; true when the occurrence is a discouraged form (reported or not). */
  private checkPreferred(k: number, info: PatternInfo, langScript: Script): boolean {
    const found = this.textOf(k);
    const s1: Script = info.han ? langScript : 'en';
    let hit: PatternInfo['discouraged'][number] | undefined;
    for (const d of info.discouraged) {
      if ((d.script === s1 || d.script === this.script) && (!d.cased || sameCase(d.form, found))) { hit = d; break; }
    }
    if (!hit) return false;
    const term = this.patterns[this.occs.pattern[k]].term;
    const preferred = (term.preferred?.[langScript] ?? term.forms?.[langScript] ?? '').trim();
    if (!preferred || (foldText(preferred) === foldText(found) && sameCase(preferred, found))) return false;
    if (this.emits('preferred-form', k)) {
      const rep = info.han ? preferred : matchCase(found, preferred);
      this.emit(
        'preferred-form',
        k,
        'discouraged',
        [found, rep],
        { found, replacement: rep, script: langScript },
        replaceFix(this.text, this.occs.start[k], this.occs.end[k], rep),
      );
    }
    return true;
  }

  /** Rule 1 at occurrence k, a Chinese form other than the term's own form in the draft's script. */
  private checkScript(k: number, info: PatternInfo, chinese: Chinese): void {
    const found = this.textOf(k);
    const d = detectScript(found);
    let issue: ScriptIssue | undefined;
    if (chinese === 'zh-Hans' && d.hant > 0) issue = d.hans > 0 ? 'mixed' : 'hant-in-hans';
    else if (chinese === 'zh-Hant' && d.hans > 0) issue = d.hant > 0 ? 'mixed' : 'hans-in-hant';
    if (!issue || !this.emits('script-consistency', k)) return;
    const rep = info.formFor[chinese] ?? toScript(found, chinese);
    const hasFix = rep !== found;
    const [plain, withFix] = SCRIPT_MESSAGES[issue];
    this.emit(
      'script-consistency',
      k,
      hasFix ? withFix : plain,
      hasFix ? [found, rep] : [found],
      { found, replacement: hasFix ? rep : undefined, scriptIssue: issue, script: chinese },
      hasFix ? replaceFix(this.text, this.occs.start[k], this.occs.end[k], rep) : [],
    );
  }

  /** The majority form of each term (rule 4, and the expansion of rule 3). */
  findMajorities(): void {
    const { groupHead, groupCount, majorityOf } = this;
    for (const t of this.touched) {
      if (groupCount[t] === 0) continue;
      majorityOf[t] = groupCount[t] === 1 ? groupHead[t] : this.majorityAmong(t) + 1;
    }
  }

  /** The majority of a term's several form groups: most occurrences, then the preferred form, then the first. */
  private majorityAmong(t: number): number {
    const { patterns, count, first, nextGroup } = this;
    const term = patterns[this.groupHead[t] - 1].term;
    const preferredFolds: string[] = [];
    for (const f of [
      term.preferred?.[this.langOfDraft],
      term.forms?.[this.langOfDraft],
    ]) if (typeof f === 'string' && f.trim()) preferredFolds.push(foldText(f.trim()));
    const isPreferred = (g: number): boolean => preferredFolds.includes(patterns[g].folded);
    let best = -1;
    for (let g = this.groupHead[t] - 1; g >= 0; g = nextGroup[g] - 1) {
      if (best < 0 || count[g] > count[best] || (count[g] === count[best] && isPreferred(g) && !isPreferred(best)) ||
        (count[g] === count[best] && isPreferred(g) === isPreferred(best) && first[g] < first[best])) best = g;
    }
    return best;
  }

  private majorityText(t: number): string | undefined {
    const g = this.majorityOf[t] - 1;
    if (g < 0) return undefined;
    let s = this.majorityTexts.get(t);
    if (s === undefined) { s = this.representative(g, this.chinese); this.majorityTexts.set(t, s); }
    return s;
  }

  /** 3. abbreviation at first use */
  checkAbbreviations(): void {
    const { firstAbbr, firstFull, infos, occs, text } = this;
    const n = occs.n;
    for (const t of this.touched) {
      const k = firstAbbr[t] - 1;
      if (k < 0 || (firstFull[t] > 0 && firstFull[t] - 1 < k)) continue;
      if (k + 1 < n && occs.term[k + 1] === t && !infos[occs.pattern[k + 1]]!.abbrOnly && expandedAfter(
        text,
        occs.end[k],
        occs.start[k + 1],
      )) continue;
      if (this.emits('abbreviation-first-use', k)) this.reportAbbreviation(t, k);
    }
  }

  private reportAbbreviation(t: number, k: number): void {
    const { englishDraft, langOfDraft, text } = this;
    const found = this.textOf(k);
    const pattern = this.occs.pattern[k];
    const term = this.patterns[pattern].term;
    const abbr = (term.abbreviations ?? []).find((a) => typeof a === 'string' && foldText(a.trim()) === foldText(found))?.trim() ??
      this.infos[pattern]!.abbreviation ?? found;
    const abbrFold = foldText(abbr);
    let full: string | undefined;
    const major = this.majorityOf[t] - 1;
    if (major >= 0 && this.infos[major]!.han === !englishDraft) full = this.majorityText(t);
    if (!full) {
      const candidates = englishDraft ? [term.forms?.en, term.preferred?.en] : [term.preferred?.[langOfDraft], term.forms?.[langOfDraft]];
      full = candidates.map((c) => (typeof c === 'string' ? c.trim() : '')).find((c) => c && foldText(c) !== abbrFold);
    }
    let rep: string | undefined;
    if (full) {
      if (englishDraft) {
        rep = `${full} (${abbr})`;
        if (atSentenceStart(text, this.occs.start[k], this.starts)) rep = capitalize(rep);
      } else {
        rep = `${full}（${abbr}）`;
      }
    }
    this.emit(
      'abbreviation-first-use',
      k,
      rep ? 'abbreviationFix' : 'abbreviation',
      rep ? [found, rep] : [found],
      { found, replacement: rep, script: langOfDraft },
      rep ? replaceFix(text, this.occs.start[k], this.occs.end[k], rep, 'expandTo') : [],
    );
  }

  /** 4. inconsistent forms */
  checkInconsistentForms(): void {
    const { groupHead, groupCount, majorityOf, nextGroup, occHead, nextOcc, infos } = this;
    for (const t of this.touched) {
      const major = majorityOf[t] - 1;
      if (groupCount[t] < 2 || major < 0) continue;
      for (let g = groupHead[t] - 1; g >= 0; g = nextGroup[g] - 1) {
        if (g === major) continue;
        const han = infos[g]!.han;
        for (let k = occHead[g] - 1; k >= 0; k = nextOcc[k] - 1) {
          if (this.emits('inconsistent-forms', k)) this.reportInconsistent(t, g, major, han, k);
        }
      }
    }
  }

  private reportInconsistent(t: number, g: number, major: number, han: boolean, k: number): void {
    const majorText = this.majorityText(t)!;
    const found = this.textOf(k);
    const rep = !han && !this.infos[major]!.han ? matchCase(found, majorText) : majorText;
    const count = this.count;
    this.emit(
      'inconsistent-forms',
      k,
      'inconsistent',
      [found, count[g], majorText, count[major]],
      { found, replacement: rep, script: this.langOfDraft, count: count[g], majority: majorText, majorityCount: count[major] },
      replaceFix(this.text, this.occs.start[k], this.occs.end[k], rep),
    );
  }

  /** The text that stands for a form group: its most frequent spelling, in the draft's Chinese script. */
  private representative(g: number, zh: Chinese | undefined): string {
    // English: the glossary's own spelling (the draft's capitals may only start sentences).
    if (!this.infos[g]!.han) return this.patterns[g].surfaces[0]?.form ?? this.textOf(this.occHead[g] - 1);
    const counts = new Map<string, number>();
    let text = '';
    let best = -1;
    for (let k = this.occHead[g] - 1; k >= 0; k = this.nextOcc[k] - 1) {
      const s = this.textOf(k);
      const c = (counts.get(s) ?? 0) + 1;
      counts.set(s, c);
      if (c > best) { text = s; best = c; }
    }
    if (zh) {
      const d = detectScript(text);
      if ((zh === 'zh-Hans' && d.hant > 0) || (zh === 'zh-Hant' && d.hans > 0)) {
        text = patternInfo(this.index, g).formFor[zh] ?? toScript(text, zh);
      }
    }
    return text;
  }
}

/**
 * One set of edits fixing every finding that has a fix: the first fix of each, never two
 * overlapping (where findings share a range, the more complete fix wins: an abbreviation's
 * expansion, then the majority form, then the preferred form, then the script). Sorted by offset.
 */
export function fixAllEdits(findings: readonly Finding[]): TextEdit[] {
  const candidates: Array<{ edits: TextEdit[]; priority: number; start: number }> = [];
  for (const f of findings) {
    const fix = f.fixes[0];
    if (!fix || fix.edits.length === 0) continue;
    candidates.push({ edits: fix.edits, priority: FIX_PRIORITY[f.code], start: Math.min(...fix.edits.map((e) => e.range.start)) });
  }
  candidates.sort((a, b) => a.priority - b.priority || a.start - b.start);
  const overlaps = (a: TextEdit, b: TextEdit): boolean =>
    (a.range.start < b.range.end && b.range.start < a.range.end) ||
    (a.range.start === b.range.start && (a.range.start === a.range.end || b.range.start === b.range.end));
  // Accept in priority order; sorted insertion keeps the overlap test logarithmic.
  const sorted: TextEdit[] = [];
  const insertAt = (e: TextEdit): number => {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid].range.start < e.range.start) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  for (const c of candidates) {
    const clash = c.edits.some((e) => {
      const at = insertAt(e);
      return (at > 0 && overlaps(sorted[at - 1], e)) || (at < sorted.length && overlaps(sorted[at], e));
    });
    if (clash) continue;
    for (const e of c.edits) {
      const copy = { range: { start: e.range.start, end: e.range.end }, newText: e.newText };
      sorted.splice(insertAt(copy), 0, copy);
    }
  }
  return sorted;
}

/** Most rounds of fixing and linting again in fixAll. */
const MAX_FIX_ROUNDS = 6;

/**
 * Lints a draft and returns the edits that fix everything fixable, as one set of edits on `text`,
 * and the fixed text, which has nothing fixable left (within MAX_FIX_ROUNDS rounds).
 * `findings` may pass the draft's findings when the caller already has them.
 */
export function fixAll(
  text: string,
  index: TermIndex,
  options: LintOptions = {},
  findings?: readonly Finding[],
): { edits: TextEdit[]; text: string } {
  // A fix can create a finding (an expansion adds a second form of a term; a script conversion
  // can change the detected script), so lint the fixed text again until nothing fixable is left.
  // The first rounds keep the scripts resolved for the draft as given, so they cannot flip.
  const pinned = options.script === 'zh-Hans' || options.script === 'zh-Hant' || options.script === 'en' ? options : {
    ...options,
    script: resolveDraftScripts(text, scanMarkdownZones(text), options.script).script,
  };
  let edits = fixAllEdits(findings ?? lintDraft(text, index, options));
  let current = applyEdits(text, edits);
  for (let round = 1; round < MAX_FIX_ROUNDS && edits.length > 0; round++) {
    const next = fixAllEdits(lintDraft(
      current,
      index,
      round < MAX_FIX_ROUNDS / 2 ? { ...pinned, matches: undefined } : { ...options, matches: undefined },
    ));
    if (next.length === 0) {
      if (pinned === options) break;
      // Nothing left in the pinned scripts; check once more as the caller lints.
      const last = fixAllEdits(lintDraft(current, index, { ...options, matches: undefined }));
      if (last.length === 0) break;
      edits = composeEdits(text, edits, last);
      current = applyEdits(current, last);
      continue;
    }
    edits = composeEdits(text, edits, next);
    current = applyEdits(current, next);
  }
  return { edits, text: current };
}
