/**
 * Types of the taxonomy model: the nodes of the Taxonomy view (pack → category → topic →
 * term, plus the report's outline as a second branch, and report passages under topics,
 * terms and sections), and the inputs the model is built from.
 * Pure data: no host APIs.
 */
import type { TextRange } from '../text/types';
import type { ReportPack } from '../pack/types';
import type { ParsedReport } from '../report/model';

export type TaxonomyNodeKind = 'pack' | 'category' | 'topic' | 'term' | 'outline' | 'section' | 'passage';

/** A passage of the bound report, as a node shows it. */
export interface PassageRef {
  /** The parsed passage's id, e.g. `1.3#2`. */
  id: string;
  /** Position of the passage in the parsed report (document order). */
  index: number;
  /** The parsed section the passage belongs to. */
  reportSectionId: string;
  /** 1-based position within that section. */
  ordinal: number;
  range: TextRange;
  /** The occurrence of the node's term (or topic's terms) that the node shows, when there is one. */
  hit?: TextRange;
}

/**
 * One node of the tree. Nodes are plain objects with stable ids (the same pack gives the same
 * ids every time it is built) and a link to their parent, which `TreeView.reveal` needs.
 */
export interface TaxonomyNode {
  /** Unique within a tree and stable across rebuilds, e.g. `p:fintech-2026/c:regulation/t:regtech-tools/k:regtech`. */
  readonly id: string;
  readonly kind: TaxonomyNodeKind;
  readonly packId: string;
  readonly parent: TaxonomyNode | undefined;
  /** category, topic, term: the category (empty for the "other terms" group). */
  readonly categoryId?: string;
  /** topic, term under a topic: the topic. */
  readonly topicId?: string;
  /** term: the glossary term. */
  readonly termId?: string;
  /** section: the outline section; passage: the outline section it belongs to, when the report section is bound. */
  readonly sectionId?: string;
  /** section: a reference to a section listed by a term or topic (not the outline branch itself). */
  readonly ref?: boolean;
  /** category: the group of terms that name no known category and sit under no topic. */
  readonly other?: boolean;
  /** passage: where it is in the report. */
  readonly passage?: PassageRef;
}

/** A term occurrence: what the model needs of the term engine's `TermMatch`. */
export interface TermHit {
  start: number;
  end: number;
  packId: string;
  termId: string;
}

/** The report a pack is bound to. */
export interface ReportSource {
  /** The report's text, for passage snippets. */
  text: string;
  parsed: ParsedReport;
  /** Outline section id → parsed section id (the binding). */
  sections: ReadonlyMap<string, string>;
  /** Term occurrences in the report, in document order; called once, when passages are first needed. */
  matches: () => readonly TermHit[];
}

export interface TaxonomyPackInput {
  pack: ReportPack;
  /** The bound report, when the workspace holds it. */
  report?: ReportSource;
}

export type TaxonomyProblemCode =
  | 'taxonomy.duplicate-id'
  | 'taxonomy.cycle'
  | 'taxonomy.empty-category'
  | 'taxonomy.missing-translation'
  | 'taxonomy.unknown-term'
  | 'taxonomy.unknown-section';

/** Something in a pack the tree had to leave out or patch up; everything valid is still shown. */
export interface TaxonomyProblem {
  severity: 'warning' | 'information';
  code: TaxonomyProblemCode;
  /** English message: `template` filled from `args`. */
  message: string;
  /** The English template (see TAXONOMY_MESSAGES). */
  template: string;
  args: string[];
  packId: string;
}
