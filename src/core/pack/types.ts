/**
 * The report pack: the data every feature reads.
 *
 * A pack describes one report: its bibliographic record (CSL-JSON), its section
 * outline, a taxonomy (categories → topics → terms) and a glossary. Packs are
 * plain JSON files validated against `media/schemas/pack.schema.json`.
 *
 * Pure data: nothing here depends on VS Code or Node.
 */

/** The three scripts the analyst writes in. */
export type Script = 'en' | 'zh-Hans' | 'zh-Hant';
export const SCRIPTS: readonly Script[] = ['en', 'zh-Hans', 'zh-Hant'];

/** A text given in all three scripts. */
export interface LocalizedText {
  en: string;
  'zh-Hans': string;
  'zh-Hant': string;
}

/** A CSL-JSON name. */
export interface CslName {
  family?: string;
  given?: string;
  literal?: string;
}

/** A CSL-JSON date. */
export interface CslDate {
  'date-parts'?: Array<Array<number | string>>;
  raw?: string;
  literal?: string;
  /** An approximate date (`1936~` in biblatex, `[1936]` in GB/T 7714). */
  circa?: boolean | string | number;
}

/** A CSL-JSON item (the subset the project reads; other fields are kept as they are). */
export interface CslItem {
  id: string;
  type: string;
  title?: string;
  'container-title'?: string;
  'collection-title'?: string;
  author?: CslName[];
  editor?: CslName[];
  publisher?: string;
  'publisher-place'?: string;
  issued?: CslDate;
  accessed?: CslDate;
  URL?: string;
  DOI?: string;
  language?: string;
  volume?: string | number;
  issue?: string | number;
  page?: string;
  number?: string;
  edition?: string | number;
  medium?: string;
  [field: string]: unknown;
}

/** One section of the report's outline, as the pack records it. */
export interface OutlineSection {
  /** Stable id, e.g. `intro`, `1`, `1.2`, `conclusion`. */
  id: string;
  /** Number path as printed in the report (`1`, `2.3`); absent for untitled parts. */
  number?: string;
  /** The title as the report prints it, in the report's own script. */
  title: string;
  /** Optional translations of the title for display. */
  titles?: Partial<LocalizedText>;
  /** Nesting depth, 1 for parts. */
  level: number;
  children?: OutlineSection[];
}

/** How strongly a pack discourages a form. */
export type FormMixing = 'allowed' | 'discouraged';

/** One glossary term. */
export interface GlossaryTerm {
  /** Stable id, lower-case ASCII with dashes, e.g. `regtech`. */
  id: string;
  /** The canonical form in each script. */
  forms: LocalizedText;
  /** Other spellings in any script (e.g. 人工智慧 for 人工智能). */
  aliases?: string[];
  /** Abbreviations, matched case-insensitively as English words (e.g. `AI`, `RegTech`). */
  abbreviations?: string[];
  /** The preferred form per script when it differs from `forms` (e.g. `RegTech` in English). */
  preferred?: Partial<Record<Script, string>>;
  /** Forms the pack discourages, per script of the draft (e.g. zh-Hans: ["人工智慧"]). */
  discouraged?: Partial<Record<Script, string[]>>;
  /** Whether English forms in Chinese prose (or Chinese forms in English prose) are discouraged. */
  mixing?: FormMixing;
  /** A definition in each script, in the pack author's own words (empty strings while a drafted pack has none). */
  definition: LocalizedText;
  /** The report's own defining sentence, verbatim, and its section (drafted packs). */
  quote?: { text: string; section?: string };
  /** Id of the taxonomy category the term belongs to. */
  category: string;
  /** Related term ids. */
  related?: string[];
  /** Ids of outline sections that discuss the term. */
  sections?: string[];
}

export interface TaxonomyTopic {
  id: string;
  label: LocalizedText;
  /** Glossary term ids under this topic. */
  terms: string[];
  /** Outline section ids that discuss the topic. */
  sections?: string[];
}

export interface TaxonomyCategory {
  id: string;
  label: LocalizedText;
  description?: LocalizedText;
  topics: TaxonomyTopic[];
}

/** The report pack file. */
export interface ReportPack {
  $schema?: string;
  /** Pack id, e.g. `fintech-2026`. */
  id: string;
  version: string;
  /** Display name of the pack. */
  name: LocalizedText;
  /** Script the report itself is written in. */
  reportScript: Script;
  /** The report's bibliographic record. */
  reference: CslItem;
  outline: OutlineSection[];
  taxonomy: TaxonomyCategory[];
  glossary: GlossaryTerm[];
}
