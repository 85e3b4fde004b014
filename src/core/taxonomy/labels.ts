/**
 * What each taxonomy node shows: its label in the display script, the other forms as a
 * description (`監管科技 · RegTech`), and plain text for a tooltip. Passages show a snippet
 * of the report around the term, with the term highlighted. Hosts escape the tooltip text
 * before rendering it as Markdown. Pure: no host APIs.
 */
import type { TextRange } from '../text/types';
import { preferredForm } from '../glossary/card';
import type { LocalizedText, OutlineSection, Script } from '../pack/types';
import { localized, type TaxonomyTree } from './tree';
import type { TaxonomyNode } from './types';

export interface NodeText {
  label: string;
  /** Ranges of `label` to highlight, [start, end) in UTF-16 units (the term in a passage snippet). */
  highlights?: Array<[number, number]>;
  /** The other forms or translations, `·`-separated. */
  description?: string;
  /** Plain, unescaped text for a tooltip (a definition, a passage, a full title). */
  tooltip?: string;
}

/** Host-localised names of the nodes that have none in the pack. */
export interface FixedLabels {
  outline: string;
  otherTerms: string;
}

const SEP = ' · ';

/** The other scripts, in the order descriptions list them: the other Chinese script first. */
export const OTHER_SCRIPTS: Record<Script, readonly Script[]> = {
  en: ['zh-Hans', 'zh-Hant'],
  'zh-Hans': ['zh-Hant', 'en'],
  'zh-Hant': ['zh-Hans', 'en'],
};

/** The other scripts' texts that differ from the shown one. */
export function otherForms(text: Partial<LocalizedText> | undefined, script: Script): string[] {
  const shown = localized(text, script);
  const out: string[] = [];
  for (const s of OTHER_SCRIPTS[script]) {
    const v = text?.[s]?.trim();
    if (v && v !== shown && !out.includes(v)) out.push(v);
  }
  return out;
}

/** `1.3 監管與合規…`: number and title of an outline section in a script (the report's own title without a translation). */
export function sectionTitle(s: OutlineSection, script: Script): string {
  const title = s.titles?.[script]?.trim() || s.title;
  return s.number ? `${s.number} ${title}` : title;
}

/** A short reference to a section: its number, or its title when it has none (introduction, conclusion). */
export function sectionShort(s: OutlineSection | undefined, script: Script): string {
  if (!s) return '';
  return s.number ?? (s.titles?.[script]?.trim() || s.title);
}

function isHigh(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}
function isLow(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

/**
 * A one-line excerpt of `range` in `text`, around `hit` when given: a little context before
 * the hit and more after, cut at `width` units, with `…` where text was cut. Line breaks and
 * tabs become spaces (one for one, so the highlight stays exact). Never splits a surrogate pair.
 */
export function snippet(
  text: string,
  range: TextRange,
  hit?: TextRange,
  width = 48,
  before = 12,
): { text: string; highlight?: [number, number] } {
  let start = range.start;
  if (hit && hit.start >= range.start && hit.end <= range.end) start = Math.max(range.start, hit.start - before);
  let end = Math.min(range.end, start + width);
  if (hit && hit.end > end && hit.end <= range.end) end = hit.end;
  while (start < end && isLow(text.charCodeAt(start)) && start > range.start) start--;
  if (end < range.end && end > start && isHigh(text.charCodeAt(end - 1))) end++;
  // Skip leading spaces inside the passage.
  while (start < end && /\s/.test(text[start])) start++;
  const body = text.slice(start, end).replace(/[\r\n\t\u2028\u2029]/g, ' ');
  const prefix = start > range.start ? '…' : '';
  const suffix = end < range.end ? '…' : '';
  let highlight: [number, number] | undefined;
  if (hit && hit.start >= start && hit.end <= end) highlight = [hit.start - start + prefix.length, hit.end - start + prefix.length];
  return { text: prefix + body + suffix, highlight };
}

/** Label, description and tooltip text of a node in the display script. */
export function nodeText(tree: TaxonomyTree, node: TaxonomyNode, script: Script, fixed: FixedLabels): NodeText {
  switch (node.kind) {
    case 'pack': {
      const pack = tree.pack(node.packId);
      return {
        label: localized(pack?.name, script) || node.packId,
        description: otherForms(pack?.name, script).join(SEP) || undefined,
        tooltip: pack?.reference?.title,
      };
    }
    case 'category': {
      if (node.other) return { label: fixed.otherTerms };
      const c = tree.category(node.packId, node.categoryId!);
      return {
        label: localized(c?.label, script) || node.categoryId!,
        description: otherForms(c?.label, script).join(SEP) || undefined,
        tooltip: localized(c?.description, script) || undefined,
      };
    }
    case 'topic': {
      const t = tree.topic(node.packId, node.topicId!);
      return { label: localized(t?.label, script) || node.topicId!, description: otherForms(t?.label, script).join(SEP) || undefined };
    }
    case 'term': {
      const t = tree.term(node.packId, node.termId!);
      if (!t) return { label: node.termId! };
      const label = preferredForm(t, script)?.trim() || localized(t.forms, script) || t.id;
      const forms: string[] = [label];
      for (const s of OTHER_SCRIPTS[script]) {
        const f = (t.preferred?.[s] ?? t.forms?.[s])?.trim();
        if (f && !forms.includes(f)) forms.push(f);
      }
      for (const a of t.abbreviations ?? []) if (!forms.includes(a)) forms.push(a);
      return {
        label,
        description: forms.slice(1).join(SEP) || undefined,
        tooltip: localized(t.definition, script) || undefined,
      };
    }
    case 'outline':
      return { label: fixed.outline };
    case 'section': {
      const s = tree.outlineSection(node.packId, node.sectionId!);
      if (!s) return { label: node.sectionId! };
      const shown = s.titles?.[script]?.trim() || s.title;
      // The report's own title, when the label shows a translation of it.
      return { label: sectionTitle(s, script), description: !node.ref && shown !== s.title ? s.title : undefined, tooltip: s.title };
    }
    case 'passage': {
      const report = tree.report(node.packId);
      const p = node.passage!;
      if (!report) return { label: p.id };
      const s = snippet(report.text, p.range, p.hit);
      const section = node.sectionId ? tree.outlineSection(node.packId, node.sectionId) : undefined;
      const where = `§${sectionShort(section, script) || p.reportSectionId} ¶${p.ordinal}`;
      const full = report.text.slice(p.range.start, Math.min(p.range.end, p.range.start + 600));
      return {
        label: s.text,
        highlights: s.highlight ? [s.highlight] : undefined,
        description: where,
        tooltip: full + (p.range.end - p.range.start > 600 ? '…' : ''),
      };
    }
  }
}
