/**
 * Drafts a report pack from an imported (or Markdown) report: the reference record from the
 * copy's front matter and the text, the outline from its headings (the parser's stable ids),
 * a taxonomy skeleton (a category per top-level part, a topic per section) and glossary
 * candidates. The analyst confirms the record and picks the terms; `buildPack` then writes
 * the pack. No definition is invented: a term carries the report's own defining sentence as a
 * quote with its section, or none.
 */
import { parseReport, type ParsedReport, type ReportSection } from '../../report';
import { parseFrontMatterFields } from './frontMatter';
import { extractTerms, type TermCandidate } from './terms';
import { detectScript, toSimplified, toTraditional } from '../../script/fold';
import { pinyinFull } from '../../script/pinyin';

export interface ReferenceDraft {
  title?: string;
  author?: string;
  publisher?: string;
  year?: number;
  url?: string;
}

export interface PackDraft {
  reference: ReferenceDraft;
  /** The report's script (`zh-Hans`, `zh-Hant` or `en`). */
  script: 'zh-Hans' | 'zh-Hant' | 'en';
  report: ParsedReport;
  candidates: TermCandidate[];
}

/** Organisation names by their endings, research bodies first (a bank named in the title is not the author). */
const ORGS = [
  /([\p{Script=Han}]{2,14}?(?:研究院|研究中心|研究所|研究会|研究會|协会|協會|学会|學會|委员会|委員會))/u,
  /([\p{Script=Han}]{2,14}?(?:银行|銀行|证券|證券|集团|集團|大学|大學|中心|公司))/u,
];

function organisation(text: string, title: string | undefined): string | undefined {
  for (const re of ORGS) {
    const g = new RegExp(re.source, 'gu');
    for (const m of text.matchAll(g)) {
      const name = m[1].replace(/^(?:本报告由|本報告由|本报告|本報告|由|据|據)/u, '');
      if (!title || !title.includes(name)) return name;
    }
  }
  return undefined;
}

function sectionText(markdown: string, report: ParsedReport): Array<{ text: string; section: string }> {
  const pieces: Array<{ text: string; section: string }> = [];
  for (const p of report.passages) pieces.push({ text: markdown.slice(p.range.start, p.range.end), section: p.sectionId });
  // Body text only: headings are titles, and their words come back as the taxonomy's topics.
  return pieces;
}

/** The record, the outline and the ranked candidates of a Markdown report. */
export function draftPack(markdown: string, options: { limit?: number } = {}): PackDraft {
  const report = parseReport(markdown, { format: 'markdown' });
  const fm = parseFrontMatterFields(markdown);
  const body = markdown.replace(/^---\n[\s\S]*?\n---\n/, '');
  const title = fm.title ?? report.title;
  const titleInText = /《([^》]{4,60}(?:报告|報告|白皮书|白皮書|研究|蓝皮书|藍皮書))》/u.exec(body)?.[1];
  const finalTitle = title && !/\.(md|txt|pdf|docx?|html?)$/i.test(title) && title !== fm.source?.replace(/\.[^.]+$/, '') ? title : titleInText ?? title;
  const year = fm.year ?? (/((?:19|20)\d\d)/.exec(finalTitle ?? '')?.[1] ? Number(/((?:19|20)\d\d)/.exec(finalTitle ?? '')![1]) : undefined);
  const orgBeforeTitle = titleInText ? new RegExp(`${ORGS[0].source}《`, 'u').exec(body)?.[1] : undefined;
  const detected = detectScript(body.slice(0, 20000));
  const script = detected.script === 'zh-Hans' || detected.script === 'zh-Hant' ? detected.script : /\p{Script=Han}/u.test(body.slice(0, 2000)) ? 'zh-Hans' : 'en';
  return {
    reference: {
      title: finalTitle,
      author: fm.author ?? orgBeforeTitle ?? organisation(body.slice(0, 3000), finalTitle),
      publisher: fm.publisher,
      year,
      url: fm.url,
    },
    script,
    report,
    candidates: extractTerms({ pieces: sectionText(markdown, report) }, { limit: options.limit ?? 300 }),
  };
}

function slug(s: string): string {
  return s.normalize('NFKD').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 48);
}

/** An ASCII id for a term: its English form, else its pinyin. */
function termId(c: TermCandidate): string {
  return slug(c.forms.en ?? '') || slug(pinyinFull(c.forms['zh-Hans'])) || 'term';
}

function localized(text: string, script: PackDraft['script']): { en: string; 'zh-Hans': string; 'zh-Hant': string } {
  const hans = toSimplified(text);
  return { en: script === 'en' ? text : text, 'zh-Hans': hans, 'zh-Hant': script === 'zh-Hant' ? text : toTraditional(hans) };
}

/** A citation key in the project's style: organisation (or title) pinyin, year, first title word. */
export function citationKey(ref: ReferenceDraft): string {
  const who = slug(pinyinFull((ref.author ?? '').slice(0, 2))).replace(/-/g, '') || slug(ref.author ?? '').split('-')[0] || 'report';
  const what = slug(pinyinFull((ref.title ?? '').replace(/^[\d\s-–年]+/, '').slice(0, 2))).replace(/-/g, '') || slug(ref.title ?? '').split('-')[0] || '';
  return `${who}${ref.year ?? ''}${what}` || 'report';
}

export interface BuildOptions {
  /** Pack id (lower-case ASCII, dashes). */
  id: string;
  reference: ReferenceDraft;
  /** The surfaces of the chosen candidates, in the order to write them. */
  terms: string[];
}

interface OutlineNode {
  id: string;
  number?: string;
  title: string;
  level: number;
  children?: OutlineNode[];
}

const UNTITLED: Record<string, { en: string; 'zh-Hans': string; 'zh-Hant': string }> = {
  intro: { en: 'Introduction', 'zh-Hans': '引言', 'zh-Hant': '引言' },
  conclusion: { en: 'Conclusion', 'zh-Hans': '结语', 'zh-Hant': '結語' },
};

function titleOf(s: ReportSection, script: PackDraft['script']): string {
  if (s.title) return s.title;
  const u = UNTITLED[s.kind] ?? UNTITLED.intro;
  return script === 'en' ? u.en : u[script];
}

/** The pack as a JSON value that validates against media/schemas/pack.schema.json. */
export function buildPack(draft: PackDraft, o: BuildOptions): Record<string, unknown> {
  const { report, script } = draft;
  const byId = new Map(report.sections.map((s) => [s.id, s]));
  const node = (s: ReportSection): OutlineNode => {
    const n: OutlineNode = { id: s.id, ...(s.number ? { number: s.number } : {}), title: titleOf(s, script), level: s.level };
    const kids = s.childIds.map((c) => byId.get(c)!).map(node);
    if (kids.length) n.children = kids;
    return n;
  };
  const outline = report.sections.filter((s) => !s.parentId).map(node);

  // Each term's category is the top-level part where it first appears.
  const topOf = (id: string): ReportSection | undefined => {
    let s = byId.get(id);
    while (s?.parentId) s = byId.get(s.parentId);
    return s;
  };
  const chosen = o.terms.map((t) => draft.candidates.find((c) => c.surface === t)).filter((c): c is TermCandidate => !!c);
  const ids = new Set<string>();
  const glossary = chosen.map((c) => {
    let id = termId(c);
    for (let n = 2; ids.has(id); n++) id = `${termId(c)}-${n}`;
    ids.add(id);
    return { c, id };
  });
  const categories = new Map<string, { id: string; label: ReturnType<typeof localized>; topics: Map<string, { id: string; label: ReturnType<typeof localized>; terms: string[]; sections: string[] }> }>();
  const general = { id: 'general', label: { en: 'General', 'zh-Hans': '综合', 'zh-Hant': '綜合' }, topics: new Map() };
  const categoryFor = (sectionId: string | undefined): { id: string; label: ReturnType<typeof localized>; topics: Map<string, { id: string; label: ReturnType<typeof localized>; terms: string[]; sections: string[] }> } => {
    const top = sectionId ? topOf(sectionId) : undefined;
    if (!top || top.kind === 'intro' || top.kind === 'conclusion') {
      if (!categories.has(general.id)) categories.set(general.id, general);
      return categories.get(general.id)!;
    }
    const id = `part-${slug(top.id) || 'x'}`;
    if (!categories.has(id)) categories.set(id, { id, label: localized(titleOf(top, script), script), topics: new Map() });
    return categories.get(id)!;
  };
  // The skeleton: every part is a category, every section under it a topic (empty topics are kept for the analyst).
  for (const s of report.sections.filter((x) => !x.parentId && x.kind === 'part')) {
    const cat = categoryFor(s.id);
    const subs = s.childIds.length ? s.childIds.map((c) => byId.get(c)!) : [s];
    for (const sub of subs) cat.topics.set(sub.id, { id: `topic-${slug(sub.id) || 'x'}`, label: localized(titleOf(sub, script), script), terms: [], sections: [sub.id] });
  }
  const terms = glossary.map(({ c, id }) => {
    const first = c.sections[0];
    const cat = categoryFor(first);
    // The topic: the first section the term appears in that has one, else the category's general topic.
    let topic = c.sections.map((sid) => cat.topics.get(sid) ?? [...cat.topics.values()].find((t) => byId.get(sid)?.parentId === t.sections[0])).find(Boolean);
    if (!topic) {
      const key = `${cat.id}-general`;
      if (!cat.topics.has(key)) cat.topics.set(key, { id: `${cat.id}-topics`, label: cat.id === 'general' ? general.label : cat.label, terms: [], sections: [] });
      topic = cat.topics.get(key)!;
    }
    topic.terms.push(id);
    const forms = c.forms;
    const term: Record<string, unknown> = {
      id,
      forms: { ...(forms.en ? { en: forms.en } : {}), 'zh-Hans': forms['zh-Hans'], 'zh-Hant': forms['zh-Hant'] },
      category: cat.id,
    };
    if (c.abbreviations.length) term.abbreviations = c.abbreviations;
    if (c.surface !== forms['zh-Hans'] && c.surface !== forms['zh-Hant'] && c.surface !== forms.en) term.aliases = [c.surface];
    if (c.definition) term.quote = { text: c.definition.text, section: c.definition.section };
    const secs = c.sections.filter((s) => byId.has(s));
    if (secs.length) term.sections = secs;
    return term;
  });
  const taxonomy = [...categories.values()].map((cat) => ({
    id: cat.id,
    label: cat.label,
    topics: [...cat.topics.values()].map((t) => ({ id: t.id, label: t.label, terms: t.terms, ...(t.sections.length ? { sections: t.sections } : {}) })),
  }));
  const ref = o.reference;
  const reference: Record<string, unknown> = { id: citationKey(ref), type: 'report' };
  if (ref.title) reference.title = ref.title;
  if (ref.author) reference.author = [{ literal: ref.author }];
  if (ref.publisher) reference.publisher = ref.publisher;
  if (ref.year) reference.issued = { 'date-parts': [[ref.year]] };
  if (ref.url) reference.URL = ref.url;
  reference.language = script;
  const name = ref.title ?? o.id;
  return {
    id: o.id,
    version: '0.1.0',
    name: localized(name, script),
    reportScript: script,
    reference,
    outline,
    taxonomy,
    glossary: terms,
  };
}
