/**
 * Deterministic synthetic data for benchmarks: glossaries of any size in three scripts and
 * mixed Chinese/English drafts that mention their terms. Nothing here comes from the report.
 */
import type { GlossaryTerm } from '../../src/core/pack/types';
import { toTraditional } from '../../src/core/script/fold';

/** A small, fast, seeded PRNG (mulberry32). */
export function rng(seed: number): { next(): number; int(n: number): number; pick<T>(xs: readonly T[]): T; chance(p: number): boolean } {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n) => Math.floor(next() * n),
    pick: (xs) => xs[Math.floor(next() * xs.length)],
    chance: (p) => next() < p,
  };
}

/** Common Simplified characters; many have a distinct Traditional form. */
export const HAN_POOL = Array.from(
  '的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严龙飞',
);

const SYLLABLES = ['ka', 'lo', 'mi', 're', 'tu', 'sa', 'ne', 'vo', 'di', 'pa', 'gu', 'fe', 'zo', 'ri', 'ta', 'be', 'no', 'xi', 'ly', 'qu'];
export const ENGLISH_WORDS = [
  'the', 'market', 'finance', 'risk', 'data', 'bank', 'payment', 'model', 'platform', 'service', 'capital', 'digital',
  'credit', 'asset', 'trade', 'ledger', 'regulation', 'growth', 'index', 'fund', 'insurance', 'compliance', 'analysis',
  'of', 'and', 'in', 'for', 'with', 'to', 'a', 'by', 'on', 'is', 'are', 'new', 'global', 'local', 'open', 'smart',
];

function word(r: ReturnType<typeof rng>, min = 2, max = 4): string {
  let w = '';
  const n = min + r.int(max - min + 1);
  for (let i = 0; i < n; i++) w += r.pick(SYLLABLES);
  return w;
}

function hanWord(r: ReturnType<typeof rng>, min: number, max: number): string {
  let w = '';
  const n = min + r.int(max - min + 1);
  for (let i = 0; i < n; i++) w += r.pick(HAN_POOL);
  return w;
}

/**
 * A glossary of `count` terms: each has English, Simplified and Traditional forms; about a third
 * have an alias, a fifth an abbreviation, a tenth a mixed Latin/Han form. Forms are unique.
 */
export function syntheticGlossary(count: number, seed = 1): GlossaryTerm[] {
  const r = rng(seed);
  const used = new Set<string>();
  const unique = (make: () => string): string => {
    for (;;) {
      const s = make();
      const k = s.toLowerCase();
      if (!used.has(k)) { used.add(k); return s; }
    }
  };
  const terms: GlossaryTerm[] = [];
  for (let i = 0; i < count; i++) {
    const hans = unique(() => (r.chance(0.1) ? word(r, 1, 2).toUpperCase() : '') + hanWord(r, 2, 6));
    const hant = toTraditional(hans);
    used.add(hant);
    const en = unique(() => `${word(r)} ${word(r, 2, 3)}${r.chance(0.3) ? ' ' + word(r, 2, 3) : ''}`);
    const term: GlossaryTerm = {
      id: `term-${i}`,
      forms: { en, 'zh-Hans': hans, 'zh-Hant': hant },
      definition: { en: `Synthetic term ${i}.`, 'zh-Hans': `合成术语 ${i}。`, 'zh-Hant': `合成術語 ${i}。` },
      category: `cat-${i % 7}`,
    };
    if (r.chance(0.33)) term.aliases = [unique(() => hanWord(r, 3, 6))];
    if (r.chance(0.2)) term.abbreviations = [unique(() => word(r, 1, 2).toUpperCase() + (r.chance(0.3) ? String(r.int(10)) : ''))];
    terms.push(term);
  }
  return terms;
}

/** Every surface of a term: forms, aliases and abbreviations. */
export function surfaces(t: GlossaryTerm): string[] {
  return [t.forms.en, t.forms['zh-Hans'], t.forms['zh-Hant'], ...(t.aliases ?? []), ...(t.abbreviations ?? [])].filter((s) => s && s.trim());
}

function fullWidth(s: string): string {
  return s.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
}

/**
 * A draft of exactly `length` UTF-16 units mixing Simplified and Traditional Chinese prose,
 * English phrases and mentions of the glossary's terms in every spelling (either script, mixed
 * scripts, upper case, full width). About one unit in `density` starts a term mention.
 */
export function syntheticDraft(glossary: readonly GlossaryTerm[], length: number, seed = 2, density = 40): string {
  const r = rng(seed);
  const trad = new Map<string, string>();
  for (const c of HAN_POOL) trad.set(c, toTraditional(c));
  const parts: string[] = [];
  let size = 0;
  let traditional = false;
  const push = (s: string) => { parts.push(s); size += s.length; };
  while (size < length) {
    if (r.chance(0.02)) { push('\n\n'); traditional = r.chance(0.4); continue; }
    const roll = r.next();
    const mention = 6 / density;
    if (roll < mention) {
      const t = r.pick(glossary);
      const kind = r.int(8);
      let s: string;
      if (kind === 0) s = t.forms.en;
      else if (kind === 1) s = t.forms.en.toUpperCase();
      else if (kind === 2) s = t.forms['zh-Hant'];
      else if (kind === 3) s = t.abbreviations?.[0] ?? t.forms['zh-Hans'];
      else if (kind === 4) s = fullWidth(t.abbreviations?.[0] ?? t.forms.en);
      else if (kind === 5) s = Array.from(t.forms['zh-Hans']).map((c, i) => (i % 2 ? trad.get(c) ?? c : c)).join('');
      else if (kind === 6) s = t.aliases?.[0] ?? t.forms['zh-Hans'];
      else s = t.forms['zh-Hans'];
      push(/^[A-Za-z]/.test(s) ? ` ${s} ` : s);
    } else if (roll < mention + 0.2) {
      let s = ' ';
      const n = 2 + r.int(8);
      for (let i = 0; i < n; i++) s += r.pick(ENGLISH_WORDS) + ' ';
      push(s);
    } else {
      let s = '';
      const n = 3 + r.int(20);
      for (let i = 0; i < n; i++) {
        const c = r.pick(HAN_POOL);
        s += traditional ? trad.get(c) ?? c : c;
      }
      push(s + r.pick(['，', '。', '、', '；', '：', '', '']));
    }
  }
  return parts.join('').slice(0, length);
}
