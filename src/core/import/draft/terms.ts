/**
 * Glossary candidates of a report, found without a dictionary:
 *  - explicit bilingual pairs: `监管科技（RegTech）`, `供应链金融(SCF)`;
 *  - quoted terms: “…”, 「…」, 『…』 (《…》 titles are not terms);
 *  - list items: the short items of an enumeration (`大数据、云计算、人工智能`);
 *  - Chinese multi-character strings found statistically: frequency, inner cohesion (the
 *    weakest split's pointwise mutual information) and left/right boundary entropy;
 *  - English terms and acronyms.
 * Each candidate gets its Simplified and Traditional forms (OpenCC phrase tables), its English
 * form from its pair when it has one, a count, the sections it appears in, a sample context
 * and, when the report defines it (`X是指…`, `X即…`, `X，指…`), that sentence, quoted.
 */
import { isHan } from '../../script/fold';
import { simplifiedForm, traditionalForm } from './forms';

export interface TermText {
  /** Body text in reading order with the section each piece belongs to. */
  pieces: Array<{ text: string; section: string }>;
}

export type CandidateSource = 'pair' | 'quoted' | 'list' | 'chunk' | 'statistical' | 'english';

export interface TermCandidate {
  /** The form as the report writes it. */
  surface: string;
  forms: { en?: string; 'zh-Hans': string; 'zh-Hant': string };
  /** Acronyms written beside it (`RegTech`, `SCF`). */
  abbreviations: string[];
  sources: CandidateSource[];
  count: number;
  sections: string[];
  /** About 60 characters around the first occurrence. */
  context: string;
  /** The report's own defining sentence, verbatim, and its section. */
  definition?: { text: string; section: string };
  score: number;
}

const STOP_EDGE = new Set([...'的了和与與及或并並在是为為对對以将將被把也都而从從向于於其之等个個这這那些各每该該我他她它们們有无無不很更最已还還又再就才只所此如若因但则則即且乃正会會至到'].map((c) => c.codePointAt(0)!));
/** Function words and common verbs that open or close phrases rather than terms. */
const STOP_AFFIX = [
  '通过', '通過', '以及', '进行', '進行', '实现', '實現', '推动', '推動', '提升', '促进', '促進', '加速', '形成', '成为', '成為', '提供', '构建', '構建',
  '依托', '依託', '利用', '运用', '運用', '借助', '随着', '隨著', '当前', '當前', '目前', '未来', '未來', '逐步', '持续', '持續', '不断', '不斷', '进一步', '進一步',
  '已经', '已經', '正在', '能够', '能夠', '可以', '需要', '方面', '领域', '領域', '问题', '問題', '作用', '发展', '發展', '方向', '重要', '主要', '一方面', '另一方面',
  '包括', '其中', '同时', '同時', '以及', '并且', '並且', '通过', '具有', '面临', '面臨', '加强', '加強', '完善', '推进', '推進', '深化', '拓展', '聚焦', '呈现', '呈現',
  '第一', '第二', '第三', '第四', '一是', '二是', '三是', '四是', '大幅', '明显', '明顯', '显著', '顯著', '更加', '较高', '較高', '上述', '相关', '相關', '不同', '各地',
];
/** Verbs and connectives that separate noun phrases in running text. */
const BREAK_WORDS = [
  ...STOP_AFFIX, '降低', '缩短', '縮短', '优化', '優化', '加速向', '深耕', '拓展', '覆盖', '覆蓋', '凭借', '憑借', '憑藉', '占据', '佔據', '重塑', '探索', '鼓励', '鼓勵',
  '强化', '強化', '破解', '打通', '涵盖', '涵蓋', '支持', '支撐', '支撑', '引领', '引領', '助力', '赋能', '賦能', '渗透', '滲透', '嵌入', '连接', '連接', '改造', '集中',
  '是指', '指的是', '情况下', '情況下', '追踪', '追蹤', '评估', '評估', '争夺', '爭奪', '扩散', '擴散', '下沉', '重构', '重構', '跃迁', '躍遷', '压力', '壓力', '得到', '受到', '达到', '達到', '进入', '進入', '走向', '转向', '轉向',
  '导致', '導致', '带来', '帶來', '面向', '围绕', '圍繞', '基于', '基於', '对于', '對於', '关于', '關於', '以及', '之间', '之間', '之中', '之一', '方式', '水平',
];
const BREAK_RE = new RegExp(`${BREAK_WORDS.sort((a, b) => b.length - a.length).join('|')}|[的了和与與及或并並在是为為对對以将將被把也都而从從向于於其之等由让讓使给給已]`, 'g');

const QUOTES: Array<[string, string]> = [['“', '”'], ['「', '」'], ['『', '』'], ['‘', '’'], ['"', '"']];
const LIST_SEP = '、';
const DEFINE = /^(?:[（(][^）)]{1,40}[）)])?(?:，|,)?(?:是指|指的是|即是|即|，即|，指|,指|是一种|是一種|是一类|是一類|是一项|是一項|也称|也稱|又称|又稱)/;
/** The characters a defining phrase (DEFINE) can open with. */
const DEFINE_START = new Set([...'（(，,是指即也又']);

const STOP_AFFIX_SET = new Set(STOP_AFFIX);
const STOP_AFFIX_LENGTHS = [...new Set(STOP_AFFIX.map((w) => w.length))];

/** Whether `s` opens or closes with a function word or a digit (then it is a phrase's piece, not a term). */
function badEdges(s: string): boolean {
  const first = s.codePointAt(0)!;
  const last = s.codePointAt(s.length - 1)!;
  if (STOP_EDGE.has(first) || STOP_EDGE.has(last)) return true;
  if (/^[\d０-９]|[\d０-９]$/.test(s) && !/[A-Za-z]/.test(s)) return true;
  if (STOP_AFFIX_SET.has(s)) return true;
  for (const n of STOP_AFFIX_LENGTHS) {
    if (s.length > n && (STOP_AFFIX_SET.has(s.slice(0, n)) || STOP_AFFIX_SET.has(s.slice(-n)))) return true;
  }
  return false;
}

interface Stat {
  count: number;
  /** Entropy of the UTF-16 units before and after the occurrences (a run's edge counts as a distinct neighbour). */
  leftEntropy: number;
  rightEntropy: number;
}

/**
 * The boundary entropy of each string: `pairs` counts (string id, neighbouring unit), `edges[id]` the
 * occurrences at a run's edge, each of which counts as a distinct neighbour.
 */
function entropies(pairs: PairCounts, edges: Int32Array): Float64Array {
  const n = new Float64Array(edges.length);
  for (let id = 0; id < edges.length; id++) n[id] = edges[id];
  for (let e = 0; e < pairs.size; e++) n[pairs.a[e]] += pairs.count[e];
  const h = new Float64Array(edges.length);
  for (let e = 0; e < pairs.size; e++) {
    const id = pairs.a[e];
    const p = pairs.count[e] / n[id];
    h[id] -= p * Math.log(p);
  }
  for (let id = 0; id < edges.length; id++) if (edges[id]) h[id] -= edges[id] * (1 / n[id]) * Math.log(1 / n[id]);
  return h;
}

const MAX_N = 6;

/**
 * Counts of pairs of small non-negative integers, in insertion order: an open-addressing table over typed
 * arrays (a Map with numeric keys past the small-integer range would box each key).
 */
class PairCounts {
  private slots = new Int32Array(1 << 12).fill(-1);
  a = new Int32Array(1 << 11);
  b = new Int32Array(1 << 11);
  count = new Int32Array(1 << 11);
  size = 0;

  private hash(x: number, y: number): number {
    return (Math.imul(x, 0x9e3779b1) ^ Math.imul(y + 0x7f4a7c15, 0x85ebca77)) >>> 0;
  }

  /** The entry of (x, y), or -1. */
  find(x: number, y: number): number {
    const mask = this.slots.length - 1;
    for (let h = this.hash(x, y) & mask; ; h = (h + 1) & mask) {
      const e = this.slots[h];
      if (e < 0) return -1;
      if (this.a[e] === x && this.b[e] === y) return e;
    }
  }

  /** Counts one more (x, y). */
  add(x: number, y: number): void {
    const mask = this.slots.length - 1;
    let h = this.hash(x, y) & mask;
    for (; ; h = (h + 1) & mask) {
      const e = this.slots[h];
      if (e < 0) break;
      if (this.a[e] === x && this.b[e] === y) {
        this.count[e]++;
        return;
      }
    }
    if (this.size === this.a.length) {
      const grow = (old: Int32Array): Int32Array<ArrayBuffer> => {
        const n = new Int32Array(old.length * 2);
        n.set(old);
        return n;
      };
      this.a = grow(this.a);
      this.b = grow(this.b);
      this.count = grow(this.count);
    }
    const e = this.size++;
    this.a[e] = x;
    this.b[e] = y;
    this.count[e] = 1;
    if (this.size * 2 > this.slots.length) this.rehash();
    else this.slots[h] = e;
  }

  private rehash(): void {
    this.slots = new Int32Array(this.slots.length * 2).fill(-1);
    const mask = this.slots.length - 1;
    for (let e = 0; e < this.size; e++) {
      let h = this.hash(this.a[e], this.b[e]) & mask;
      while (this.slots[h] >= 0) h = (h + 1) & mask;
      this.slots[h] = e;
    }
  }
}

/**
 * Statistics of the Han strings of length 2…6 that occur at least twice. The n-grams are counted as
 * numbers: each frequent (n-1)-gram has a small id, and an n-gram is its prefix's id and its last unit,
 * so the tables hold no strings but the frequent ones.
 */
function hanStatistics(runs: string[]): { stats: Map<string, Stat>; chars: Map<string, number>; total: number } {
  const chars = new Map<string, number>();
  let total = 0;
  for (const r of runs) for (const ch of r) {
    chars.set(ch, (chars.get(ch) ?? 0) + 1);
    total++;
  }
  const stats = new Map<string, Stat>();
  // In a long report a string must recur more often to be looked at (it keeps the tables small).
  const min = total > 150000 ? 4 : total > 50000 ? 3 : 2;
  // Longer strings come from enumerations, pairs and phrases; in a long report the statistics stop at four characters.
  const maxN = total > 150000 ? 4 : MAX_N;
  // ids[r][i]: the id of the frequent string of the current length that starts at unit i of run r, else -1.
  // Length 1: the frequent characters (a surrogate half is never one).
  const unitId = new Map<number, number>();
  let ids: Int32Array[] = runs.map((r) => {
    const a = new Int32Array(r.length).fill(-1);
    for (let i = 0; i < r.length; i++) {
      const ch = r[i];
      if ((chars.get(ch) ?? 0) < min) continue;
      const code = r.charCodeAt(i);
      let id = unitId.get(code);
      if (id === undefined) unitId.set(code, (id = unitId.size));
      a[i] = id;
    }
    return a;
  });
  // An n-gram is the pair (its prefix's id, its last UTF-16 unit).
  for (let n = 2; n <= maxN; n++) {
    const counts = new PairCounts();
    for (let k = 0; k < runs.length; k++) {
      const r = runs[k];
      const prev = ids[k];
      for (let i = 0; i + n <= r.length; i++) {
        // Apriori: both (n-1)-grams inside must be frequent themselves.
        if (prev[i] < 0 || prev[i + 1] < 0) continue;
        counts.add(prev[i], r.charCodeAt(i + n - 1));
      }
    }
    const nextId = new Int32Array(counts.size).fill(-1);
    const kept: number[] = [];
    for (let e = 0; e < counts.size; e++) if (counts.count[e] >= min) {
      nextId[e] = kept.length;
      kept.push(counts.count[e]);
    }
    const named: Array<string | undefined> = new Array(kept.length);
    const left = new PairCounts();
    const right = new PairCounts();
    const leftEdges = new Int32Array(kept.length);
    const rightEdges = new Int32Array(kept.length);
    const next = runs.map((r, k) => {
      const prev = ids[k];
      const cur = new Int32Array(Math.max(0, r.length - n + 1)).fill(-1);
      for (let i = 0; i + n <= r.length; i++) {
        if (prev[i] < 0 || prev[i + 1] < 0) continue;
        const e = counts.find(prev[i], r.charCodeAt(i + n - 1));
        const id = e < 0 ? -1 : nextId[e];
        if (id < 0) continue;
        cur[i] = id;
        named[id] ??= r.slice(i, i + n);
        if (i === 0) leftEdges[id]++;
        else left.add(id, r.charCodeAt(i - 1));
        if (i + n === r.length) rightEdges[id]++;
        else right.add(id, r.charCodeAt(i + n));
      }
      return cur;
    });
    const hl = entropies(left, leftEdges);
    const hr = entropies(right, rightEdges);
    kept.forEach((count, id) => stats.set(named[id]!, { count, leftEntropy: hl[id], rightEntropy: hr[id] }));
    ids = next;
    if (!kept.length) break;
  }
  return { stats, chars, total };
}

/** Pointwise mutual information of the weakest split of `w`. */
function cohesion(w: string, stats: Map<string, Stat>, chars: Map<string, number>, total: number): number {
  const count = (s: string): number => (s.length === 1 ? chars.get(s) ?? 0 : stats.get(s)?.count ?? 0);
  const cw = count(w);
  let worst = Infinity;
  for (let k = 1; k < w.length; k++) {
    const a = count(w.slice(0, k));
    const b = count(w.slice(k));
    if (!a || !b) return 0;
    worst = Math.min(worst, Math.log((cw * total) / (a * b)));
  }
  return worst;
}

function lengthPrior(n: number): number {
  return n <= 2 ? 0.45 : n === 3 ? 0.85 : n === 4 ? 1.2 : n <= 6 ? 1.1 : n <= 8 ? 1 : 0.7;
}

function isAcronym(s: string): boolean {
  return /^[A-Z][A-Za-z0-9]*[A-Z][A-Za-z0-9]*$/.test(s) && s.length <= 10 && /[A-Z].*[A-Z]/.test(s);
}

/** The end of a Han run that is the term before a parenthesised English name. */
function termBefore(run: string, counts: (s: string) => number): string {
  // A longer ending that recurs as it is (`基于使用量的保险`) is the term, function words and all.
  for (let k = Math.min(run.length, 10); k >= 5; k--) {
    const tail = run.slice(-k);
    const before = run.slice(0, -k);
    const cut = !before || STOP_EDGE.has(before.codePointAt(before.length - 1)!) || BREAK_WORDS.some((w) => before.endsWith(w));
    if (cut && counts(tail) >= 2 && !badEdges(tail)) return tail;
  }
  let best = run.slice(-Math.min(run.length, 8));
  // Cut at the last function word: `通过监管科技` → `监管科技`.
  for (let i = best.length - 2; i >= 0; i--) {
    if (STOP_EDGE.has(best.codePointAt(i)!) || STOP_AFFIX.some((w) => best.slice(0, i + 1).endsWith(w))) {
      best = best.slice(i + 1);
      break;
    }
  }
  // Prefer the longest ending that recurs elsewhere in the report, unless that leaves a bare morpheme.
  for (let k = Math.min(best.length, 8); k >= Math.max(3, Math.ceil(best.length / 2) + 1); k--) {
    const tail = best.slice(-k);
    if (counts(tail) >= 2) return tail;
  }
  return best;
}

export interface ExtractOptions {
  /** How many candidates to return (ranked). */
  limit?: number;
}

/** Ranked glossary candidates of a report's text. */
export function extractTerms(input: TermText, options: ExtractOptions = {}): TermCandidate[] {
  const joined = joinPieces(input.pieces);
  const full = joined.full;
  // The runs of Han characters, sliced out of the text (no string is built a character at a time).
  const runs: string[] = [];
  for (const { text } of input.pieces) {
    let start = -1;
    for (let i = 0; i < text.length;) {
      const cp = text.codePointAt(i)!;
      const width = cp > 0xffff ? 2 : 1;
      if (isHan(cp)) {
        if (start < 0) start = i;
      } else if (start >= 0) {
        runs.push(text.slice(start, i));
        start = -1;
      }
      i += width;
    }
    if (start >= 0) runs.push(text.slice(start));
  }
  const { stats, chars, total } = hanStatistics(runs);
  // Strings of up to MAX_N characters that recur are all in the statistics; longer ones are counted in the text.
  // Strings not in the statistics are counted in the text, once each.
  const counted = new Map<string, number>();
  const countOf = (s: string): number => {
    const known = stats.get(s)?.count ?? (s.length === 1 ? chars.get(s) ?? 0 : s.length <= MAX_N && hanOnly(s) ? 0 : counted.get(s));
    if (known !== undefined) return known;
    const n = occurrences(full, s);
    counted.set(s, n);
    return n;
  };

  const found = new Map<string, { sources: Set<CandidateSource>; en?: string; abbreviations: Set<string>; bonus: number; hits: number }>();
  const add = (surface: string, source: CandidateSource, bonus: number, en?: string, abbreviation?: string): void => {
    const s = surface.trim();
    if (s.length < 2 || s.length > 16) return;
    let f = found.get(s);
    if (!f) found.set(s, (f = { sources: new Set(), abbreviations: new Set(), bonus: 0, hits: 0 }));
    f.hits++;
    f.sources.add(source);
    f.bonus += bonus;
    if (en && !f.en) f.en = en;
    if (abbreviation) f.abbreviations.add(abbreviation);
  };

  for (const p of input.pieces) {
    const t = p.text;
    // 1. Bilingual pairs.
    // (Only text with an opening parenthesis can hold one: the pattern is slow to fail everywhere else.)
    const pairs = t.includes('（') || t.includes('(') ? t.matchAll(/([\p{Script=Han}A-Za-z0-9]{2,24})[（(]\s*([A-Za-z][A-Za-z0-9 .&'’/+-]{0,48}?)\s*[）)]/gu) : [];
    for (const m of pairs) {
      const left = m[1];
      const english = m[2].trim();
      const hanTail = /[\p{Script=Han}]+$/u.exec(left)?.[0];
      if (!hanTail || hanTail.length < 2) continue;
      const latinHead = left.slice(0, left.length - hanTail.length).match(/[A-Za-z0-9]+$/)?.[0] ?? '';
      const zh = latinHead && countOf(latinHead + hanTail) >= 1 && latinHead.length <= 5 ? latinHead + termBefore(hanTail, countOf) : termBefore(hanTail, countOf);
      if (badEdges(zh) && zh.length <= 2) continue;
      const acronym = isAcronym(english.replace(/\s+/g, '')) ? english : undefined;
      add(zh, 'pair', 6, english, acronym);
      if (acronym) add(acronym, 'english', 1, acronym);
    }
    // 2. Quoted terms.
    for (const [open, close] of QUOTES) {
      let i = t.indexOf(open);
      while (i >= 0) {
        const j = t.indexOf(close, i + 1);
        if (j < 0) break;
        const inner = t.slice(i + 1, j);
        if (inner.length >= 2 && inner.length <= 12 && !/[，。；！？,;!?、+＋]/.test(inner) && !badEdges(inner)) add(inner, 'quoted', 1.5);
        i = t.indexOf(open, j + 1);
      }
    }
    // 3. Items of enumerations.
    for (const clause of t.split(/[，,；;。！？!?：:\n]/)) {
      const hyphens = /^[\p{Script=Han}]{2,6}(?:-[\p{Script=Han}]{2,6})+$/u.exec(clause.replace(/^.*?[“「]|[”」].*$/g, ''));
      if (!clause.includes(LIST_SEP) && !hyphens) continue;
      const items = hyphens ? hyphens[0].split('-') : clause.split(LIST_SEP);
      items.forEach((raw, k) => {
        let item = raw.trim();
        // The first item may carry the clause's opening words, the last one its closing words.
        if (k === 0) item = trailingTerm(item);
        if (k === items.length - 1) item = leadingTerm(item.replace(/等.*$/, ''));
        item = item.replace(/^[“「『‘"(（]+|[”」』’")）]+$/g, '');
        while (item.length > 2 && STOP_EDGE.has(item.codePointAt(0)!)) item = item.slice(1);
        if (item.length >= 2 && item.length <= 8 && /^[\p{Script=Han}A-Za-z0-9]+$/u.test(item) && !badEdges(item) && !/^\d+$/.test(item)) add(item, 'list', 1.2);
      });
    }
    // 4. Noun phrases between verbs, function words and punctuation (single occurrences too).
    for (const clause of t.split(/[^\p{Script=Han}A-Za-z0-9]+/u)) {
      for (const chunk of clause.replace(BREAK_RE, '|').split('|')) {
        if (chunk.length >= 3 && chunk.length <= 7 && /\p{Script=Han}/u.test(chunk) && !/^[A-Za-z0-9]{6,}/.test(chunk) && !badEdges(chunk)) {
          add(chunk, 'chunk', 0.5);
          // `AI大模型`: the Chinese part is a term too.
          const han = /^[A-Za-z0-9]{1,6}(\p{Script=Han}{3,})$/u.exec(chunk)?.[1];
          if (han && !badEdges(han)) add(han, 'chunk', 0.4);
          if (chunk.length >= 6 && hanOnly(chunk)) for (const sub of subPhrases(chunk, countOf)) add(sub, 'chunk', 0.25);
        }
        else if (chunk.length >= 6 && chunk.length <= 14 && hanOnly(chunk)) for (const sub of subPhrases(chunk, countOf)) add(sub, 'chunk', 0.25);
      }
    }
    // 5. English terms and acronyms.
    for (const m of t.matchAll(/\b[A-Z][A-Za-z0-9]*[A-Z][A-Za-z0-9]*\b/g)) if (isAcronym(m[0])) add(m[0], 'english', 0.8, m[0], m[0]);
    for (const m of t.matchAll(/\b([A-Z][a-z]+(?: [A-Z][a-z]+){1,3})\b/g)) add(m[1], 'english', 0.6, m[1]);
  }

  // 6. Statistical Chinese candidates.
  for (const [w, s] of stats) {
    if (w.length < 2 || badEdges(w)) continue;
    const c = cohesion(w, stats, chars, total);
    const e = Math.min(s.leftEntropy, s.rightEntropy);
    if (c < 1 || e < 0.3) continue;
    const f = found.get(w);
    const score = Math.pow(s.count, 0.8) * (1 + 0.08 * Math.min(c, 10)) * (0.4 + e) * lengthPrior(w.length);
    if (f) {
      f.sources.add('statistical');
      f.bonus += score;
    } else found.set(w, { sources: new Set(['statistical']), abbreviations: new Set(), bonus: score, hits: s.count });
  }

  // Only the most promising candidates are located in the text (a pass over it each): a first score from the counts so far.
  const first = (surface: string, f: { sources: Set<CandidateSource>; bonus: number; hits: number }): number =>
    (f.bonus + (f.sources.has('statistical') ? 0 : Math.pow(f.hits, 0.8) * lengthPrior(surface.length) * 0.6)) * (f.sources.size > 1 ? 1.3 : 1);
  const shortlist = [...found].sort((a, b) => first(b[0], b[1]) - first(a[0], a[1])).slice(0, Math.max(1200, (options.limit ?? 300) * 4));

  // Occurrences, sections and contexts; the score.
  const out: TermCandidate[] = [];
  for (const [surface, f] of shortlist) {
    const info = locate(surface, input.pieces, joined);
    if (!info.count) continue;
    const statBonus = f.sources.has('statistical') ? 0 : Math.pow(info.count, 0.8) * lengthPrior(surface.length) * 0.6;
    const multi = f.sources.size > 1 ? 1.3 : 1;
    const score = (f.bonus + statBonus) * multi;
    // The Traditional form (a search of the report each) is found for the ranked candidates only, at the end.
    const hans = simplifiedForm(surface);
    const hant = '';
    out.push({
      surface,
      forms: { ...(f.en ? { en: f.en } : {}), 'zh-Hans': hans, 'zh-Hant': hant },
      abbreviations: [...f.abbreviations].filter((a) => a !== surface),
      sources: [...f.sources],
      count: info.count,
      sections: info.sections,
      context: info.context,
      definition: info.definition,
      score,
    });
  }

  // Two characters are mostly a word, rarely a term of the field: unless the report pairs, quotes or lists them.
  for (const c of out) {
    if ([...c.surface].length <= 2 && !c.sources.some((x) => x === 'pair' || x === 'quoted' || x === 'english')) c.score *= 0.3;
  }
  // Short strings that sit inside many other candidates are morphemes (金融, 技术), not terms.
  const surfaces = out.map((c) => c.surface);
  for (const c of out) {
    if (c.surface.length > 3 || c.sources.includes('pair')) continue;
    let k = 0;
    for (const o of surfaces) if (o.length > c.surface.length && o.includes(c.surface)) k++;
    c.score /= 1 + (c.surface.length === 2 ? 0.6 : 0.3) * k;
  }
  // A string that (almost) only occurs inside one longer candidate is not a term of its own.
  out.sort((a, b) => b.surface.length - a.surface.length);
  const kept: TermCandidate[] = [];
  for (const c of out) {
    const inside = kept.find((k) => k.surface.length > c.surface.length && k.surface.includes(c.surface) && k.count >= c.count * 0.75);
    if (inside && !c.sources.includes('pair') && !c.sources.includes('list')) continue;
    kept.push(c);
  }
  // An English form that is its own candidate folds into the Chinese term it pairs with.
  const paired = new Set(kept.filter((k) => k.forms.en && /\p{Script=Han}/u.test(k.surface)).flatMap((k) => [k.forms.en!, ...k.abbreviations]));
  const result = kept.filter((k) => !(paired.has(k.surface) && !/\p{Script=Han}/u.test(k.surface)));
  // One candidate per Simplified form (a report may mix 云計算 and 雲計算).
  const bySimplified = new Map<string, TermCandidate>();
  for (const c of result.sort((a, b) => b.score - a.score)) {
    const k = c.forms['zh-Hans'].toLowerCase();
    const prev = bySimplified.get(k);
    if (!prev) bySimplified.set(k, c);
    else {
      prev.count += c.count;
      prev.sections = [...new Set([...prev.sections, ...c.sections])];
      prev.definition ??= c.definition;
    }
  }
  const ranked = [...bySimplified.values()].sort((a, b) => b.score - a.score || b.count - a.count || (a.surface < b.surface ? -1 : 1));
  const top = ranked.slice(0, options.limit ?? 300);
  // Every Han character of the text is in `chars`; a form with one it lacks is not written there.
  const written = { has: (ch: string): boolean => chars.has(ch) || !isHan(ch.codePointAt(0)!) };
  for (const c of top) c.forms['zh-Hant'] = traditionalForm(c.surface, c.forms['zh-Hans'], full, written);
  return top;
}

/** The noun phrase that ends `s` (the first item of an enumeration carries the clause's opening words). */
function trailingTerm(s: string): string {
  const run = /[\p{Script=Han}A-Za-z0-9]+$/u.exec(s)?.[0] ?? '';
  const last = run.replace(BREAK_RE, '|').split('|').pop() ?? '';
  return last.length <= 8 ? last : '';
}

/** The noun phrase that opens `s` (the last item of an enumeration runs on into the clause). */
function leadingTerm(s: string): string {
  const run = /^[\p{Script=Han}A-Za-z0-9]+/u.exec(s)?.[0] ?? '';
  const first = run.replace(BREAK_RE, '|').split('|')[0] ?? '';
  return first.length <= 8 ? first : '';
}

function hanOnly(s: string): boolean {
  for (const ch of s) if (!isHan(ch.codePointAt(0)!)) return false;
  return true;
}

/**
 * Phrases inside a long run with no break: the run is cut into the report's own two-character
 * words (those that recur), and neighbouring pairs of words are the phrases (`头部机构`, `技术红利`).
 */
function subPhrases(run: string, counts: (s: string) => number): string[] {
  const words: string[] = [];
  for (let i = 0; i < run.length;) {
    if (i + 2 <= run.length && counts(run.slice(i, i + 2)) >= 2) {
      words.push(run.slice(i, i + 2));
      i += 2;
    } else if (i + 3 <= run.length && counts(run.slice(i + 1, i + 3)) >= 2) {
      words.push(run[i]);
      i += 1;
    } else {
      words.push(run.slice(i, i + 2));
      i += 2;
    }
  }
  const out: string[] = [];
  for (let k = 0; k + 1 < words.length; k++) {
    const p = words[k] + words[k + 1];
    if (p.length >= 3 && !badEdges(p)) out.push(p);
  }
  return out;
}

function occurrences(text: string, s: string): number {
  let n = 0;
  for (let i = text.indexOf(s); i >= 0; i = text.indexOf(s, i + s.length)) n++;
  return n;
}

/** The pieces' text joined with newlines, and where each piece starts in it (one search per surface). */
interface Joined {
  full: string;
  starts: number[];
}

function joinPieces(pieces: TermText['pieces']): Joined {
  const starts: number[] = [];
  let at = 0;
  for (const p of pieces) {
    starts.push(at);
    at += p.text.length + 1;
  }
  return { full: pieces.map((p) => p.text).join('\n'), starts };
}

function locate(surface: string, pieces: TermText['pieces'], joined: Joined): { count: number; sections: string[]; context: string; definition?: { text: string; section: string } } {
  let count = 0;
  const sections: string[] = [];
  const inSections = new Set<string>();
  let context = '';
  let definition: { text: string; section: string } | undefined;
  const latin = /^[A-Za-z0-9 .&'’/+-]+$/.test(surface);
  const { full, starts } = joined;
  let k = 0;
  for (let at = full.indexOf(surface); at >= 0; at = full.indexOf(surface, at)) {
    while (k + 1 < starts.length && starts[k + 1] <= at) k++;
    const p = pieces[k];
    const i = at - starts[k];
    if (i + surface.length > p.text.length) {
      // Across two pieces: not an occurrence; go on in the next piece.
      if (k + 1 >= starts.length) break;
      at = starts[k + 1];
      continue;
    }
    at += surface.length;
    if (latin && (/[A-Za-z0-9]/.test(p.text[i - 1] ?? '') || /[A-Za-z0-9]/.test(p.text[i + surface.length] ?? ''))) continue;
    count++;
    if (!inSections.has(p.section)) {
      inSections.add(p.section);
      sections.push(p.section);
    }
    if (!context) context = p.text.slice(Math.max(0, i - 24), i + surface.length + 24).replace(/\s+/g, ' ');
    if (!definition && DEFINE_START.has(p.text[i + surface.length])) {
      const after = p.text.slice(i + surface.length, i + surface.length + 60);
      const startsSentence = i === 0 || /[。！？；\n“「]|^[，,]?$/.test(p.text.slice(Math.max(0, i - 1), i)) || /(?:所谓|所謂)$/.test(p.text.slice(Math.max(0, i - 2), i));
      if (DEFINE.test(after) && (startsSentence || /[，,]$/.test(p.text.slice(Math.max(0, i - 1), i)))) {
        // The sentence the term opens, or after a comma (`…欺诈，知识图谱，指…`) the clause it opens.
        const start = /[，,]/.test(p.text[i - 1] ?? '') ? i : Math.max(p.text.lastIndexOf('。', i) + 1, 0);
        const end = p.text.indexOf('。', i);
        definition = { text: p.text.slice(start, end < 0 ? p.text.length : end + 1).trim(), section: p.section };
      }
    }
  }
  return { count, sections, context, definition };
}
