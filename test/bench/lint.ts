/**
 * Terminology lint benchmark: a 1 MB (2^20 UTF-16 units) Markdown draft, linted in full (zones,
 * directives, term matching and the four rules) once the term index is built.
 *  - lint.draft_1mb_ms: the built-in pack against a Markdown draft shaped like an analyst's note
 *    (headings, lists, quotations, code, links, front matter, disable comments), its terms written
 *    in every form the rules look at;
 *  - lint.synthetic_1mb_ms: a 10,000-term synthetic glossary against the term benchmark's
 *    mixed-script draft (dense matches, many findings).
 */
import { bench } from './framework';
import { keep, measure } from './timing';
import { rng, syntheticDraft, syntheticGlossary } from './synthetic';
import type { GlossaryTerm, ReportPack } from '../../src/core/pack/types';
import { buildTermIndex, findTerms } from '../../src/core/terms';
import { fixAll, lintDraft, scanMarkdownZones } from '../../src/core/lint';
import builtinPack from '../../media/packs/fintech-2026/pack.json';

const MB = 1 << 20;

const PROSE = [
  '本季度行业整体保持增长，机构持续加大投入。',
  '从区域看，头部城市的集聚效应依然明显。',
  '多家机构在年报中提到了相关进展与挑战。',
  '监管部门强调稳健经营，同时鼓励创新试点。',
  '我们认为未来三年竞争格局将进一步分化。',
  'Adoption keeps rising across mid-sized banks. ',
  '成本下降与效率提升是主要驱动力。',
];

/** A Markdown draft of exactly `length` units mentioning the pack's terms in many forms. */
export function markdownDraft(terms: readonly GlossaryTerm[], length: number, seed = 7): string {
  const r = rng(seed);
  const parts: string[] = ['---\ntitle: 金融科技行业跟踪\ntags: [监管科技, 區塊鏈]\n---\n\n'];
  let size = parts[0].length;
  const push = (s: string) => { parts.push(s); size += s.length; };
  const mention = (t: GlossaryTerm): string => {
    const k = r.int(10);
    if (k === 0) return t.forms['zh-Hant'];
    if (k === 1) return t.forms.en;
    if (k === 2 && t.abbreviations?.length) return ` ${t.abbreviations[0]} `;
    if (k === 3 && t.aliases?.length) return t.aliases[0];
    if (k === 4 && t.discouraged?.['zh-Hans']?.length) return t.discouraged['zh-Hans'][0];
    if (k === 5 && t.discouraged?.en?.length) return ` ${t.discouraged.en[0]} `;
    return t.forms['zh-Hans'];
  };
  const sentence = (): string => {
    let s = '';
    const n = 1 + r.int(3);
    for (let i = 0; i < n; i++) s += r.pick(PROSE).slice(0, 4 + r.int(10)) + mention(r.pick(terms));
    return s + r.pick(PROSE);
  };
  let section = 0;
  while (size < length) {
    const roll = r.int(20);
    if (roll === 0) push(`## ${++section}. ${r.pick(terms).forms['zh-Hans']}与市场\n\n`);
    else if (roll === 1) push(`> ${sentence()}\n> ${sentence()}\n\n`);
    else if (roll === 2) push('```python\nmodel = load("ai-regtech")  # 監管科技 区块链\nscore = model.predict(x)\n```\n\n');
    else if (roll === 3) push(`- ${sentence()}\n- ${sentence()}\n- [${r.pick(terms).forms['zh-Hant']}](https://example.com/${r.pick(terms).id}) 见 \`${r.pick(terms).forms.en}\`\n\n`);
    else if (roll === 4) push(`<!-- fintech-lens-disable-next-line script-consistency -->\n${sentence()}\n\n`);
    else push(`${sentence()}${sentence()}\n${sentence()}\n\n`);
  }
  return parts.join('').slice(0, length);
}

bench('lint', (r) => {
  const pack = builtinPack as unknown as ReportPack;
  const index = buildTermIndex([{ packId: pack.id, terms: pack.glossary }]);
  const draft = markdownDraft(pack.glossary, MB);
  r.log(`built-in pack: ${pack.glossary.length} terms; draft ${draft.length} units`);

  let findings = lintDraft(draft, index);
  const full = measure(() => (findings = lintDraft(draft, index)), { runs: 9, warmup: 2 });
  r.record('lint.draft_1mb_ms', full.median, 'ms', '< 100');
  r.record('lint.draft_1mb_p99_ms', full.p99, 'ms', '');
  r.record('lint.draft_1mb_findings', findings.length, 'findings');

  const matches = findTerms(index, draft);
  r.record('lint.draft_1mb_matches', matches.length, 'matches');
  const cached = measure(() => lintDraft(draft, index, { matches }), { runs: 9, warmup: 2 });
  r.record('lint.draft_1mb_cached_matches_ms', cached.median, 'ms', '< 100');
  const zones = measure(() => scanMarkdownZones(draft), { runs: 9, warmup: 2 });
  r.record('lint.zones_1mb_ms', zones.median, 'ms', '');

  // Fix All lints the fixed text again until nothing fixable is left (see fixAll).
  const fix = measure(() => fixAll(draft, index, { matches }, findings).text, { runs: 5, warmup: 1 });
  r.record('lint.fix_all_1mb_ms', fix.median, 'ms', '');
  const fixed = fixAll(draft, index, { matches }, findings).text;
  const after = lintDraft(fixed, index);
  r.record('lint.fix_all_remaining_fixable', after.filter((f) => f.fixes.length > 0).length, 'findings', '');

  const glossary = syntheticGlossary(10_000, 1);
  const bigIndex = buildTermIndex([{ packId: 'bench', terms: glossary }]);
  const synthetic = syntheticDraft(glossary, MB, 2);
  let n = 0;
  const syn = measure(() => { const f = lintDraft(synthetic, bigIndex); n = f.length; return f; }, { runs: 7, warmup: 1 });
  r.record('lint.synthetic_1mb_ms', syn.median, 'ms', '< 100');
  r.record('lint.synthetic_1mb_findings', n, 'findings');
  keep(findings);
});
