import type { TextRange } from '../text/types';

export type ReportFormat = 'markdown' | 'plaintext';

/** `intro` and `conclusion` are untitled stretches; `part` and `section` carry a heading. */
export type SectionKind = 'intro' | 'part' | 'section' | 'conclusion';

export interface ReportSection {
  /** Number path when the section has one (`1`, `2.3`), else `intro`, `conclusion` or `s<n>`. */
  id: string;
  number?: string;
  /** Heading text without its number; empty for `intro` and an untitled `conclusion`. */
  title: string;
  level: number;
  kind: SectionKind;
  /** The heading line's text, trimmed; absent for untitled sections. */
  headingRange?: TextRange;
  /** From the heading (or first passage) to the end of the last passage of the section and its children. */
  range: TextRange;
  parentId?: string;
  childIds: string[];
  passageIds: string[];
}

/** One paragraph of body text. */
export interface Passage {
  /** `<section id>#<ordinal>`, e.g. `1.3#2`. */
  id: string;
  sectionId: string;
  /** 1-based position within its section. */
  ordinal: number;
  range: TextRange;
}

export interface ParsedReport {
  format: ReportFormat;
  /** A document title, when the text starts with one (a lone `#` heading or a bare first line). */
  title?: string;
  /** Sections in document order. */
  sections: ReportSection[];
  /** Passages in document order. */
  passages: Passage[];
  /** Ranges left out as web-page residue (footer labels and the like). */
  residue: TextRange[];
}

/** Looks a section up by id. */
export function sectionById(report: ParsedReport, id: string): ReportSection | undefined {
  return report.sections.find((s) => s.id === id);
}

/** The section path from the root to `id`, e.g. for `2.3`: [part 2, section 2.3]. */
export function sectionPath(report: ParsedReport, id: string): ReportSection[] {
  const byId = new Map(report.sections.map((s) => [s.id, s]));
  const path: ReportSection[] = [];
  for (let s = byId.get(id); s; s = s.parentId ? byId.get(s.parentId) : undefined) path.unshift(s);
  return path;
}

/** The passage containing `offset`, found by binary search. */
export function passageAt(report: ParsedReport, offset: number): Passage | undefined {
  const ps = report.passages;
  let lo = 0;
  let hi = ps.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const p = ps[mid];
    if (offset < p.range.start) hi = mid - 1;
    else if (offset > p.range.end) lo = mid + 1;
    else return p;
  }
  return undefined;
}
