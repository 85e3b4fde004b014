/**
 * The term card: what a hover, a completion item and the tree's definition view show
 * for a glossary term. Pack text is untrusted, so every piece of it is escaped here
 * before it becomes Markdown; only links built by the host (our own commands) are
 * emitted as links.
 */
import type { GlossaryTerm, ReportPack, Script } from '../pack/types';
import { SCRIPTS } from '../pack/types';

/** Escapes text so that Markdown renders it literally, as one inline run: no links, emphasis, HTML, autolinks or blocks. */
export function escapeMarkdown(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/[\\`*_{}[\]()#+\-.!|~>]/g, (c) => '\\' + c)
    .replace(/</g, '&lt;')
    // A zero-width space keeps GFM autolinks (scheme:, www., e-mail) from forming, whatever the renderer.
    .replace(/:/g, ':\u200B')
    .replace(/@/g, '\u200B@')
    .replace(/(w)(?=ww\\\.)/gi, '$1\u200B')
    // One line, no leading or trailing blanks: an indent of four columns would open a code block
    // (showing the escapes), a line break a new block, two trailing spaces a hard break.
    .replace(/[ \t\r\n\f\v]+/g, ' ')
    .replace(/^ | $/g, '');
}

/** The script to display, from the setting and the UI language (e.g. `zh-cn`, `zh-tw`, `en`). */
export function resolveDisplayScript(setting: string | undefined, uiLanguage: string): Script {
  if (setting === 'en' || setting === 'zh-Hans' || setting === 'zh-Hant') return setting;
  const lang = uiLanguage.toLowerCase();
  if (/^zh-(tw|hk|mo|hant)/.test(lang)) return 'zh-Hant';
  if (lang.startsWith('zh')) return 'zh-Hans';
  return 'en';
}

/** The term's distinct, non-empty forms with the display script's form first. */
export function orderedForms(term: GlossaryTerm, script: Script): string[] {
  const order = [script, ...SCRIPTS.filter((s) => s !== script)];
  const out: string[] = [];
  for (const s of order) {
    const f = term.preferred?.[s] ?? term.forms[s];
    if (f && !out.includes(f)) out.push(f); // a drafted term may have no English form
  }
  return out;
}

/** The preferred form of a term in a script. */
export function preferredForm(term: GlossaryTerm, script: Script): string {
  return term.preferred?.[script] ?? term.forms[script];
}

/** Category › topic labels for a term, in the display script (first topic that lists it). */
export function categoryPath(pack: ReportPack, term: GlossaryTerm, script: Script): string[] {
  for (const c of pack.taxonomy) {
    const topic = c.topics.find((t) => t.terms.includes(term.id));
    if (topic) return [c.label[script], topic.label[script]];
  }
  const cat = pack.taxonomy.find((c) => c.id === term.category);
  return cat ? [cat.label[script]] : [];
}

export interface CardLink {
  label: string;
  /** A URI built by the host, e.g. `command:fintechLens.openSection?…`; absent for plain text. */
  href?: string;
  title?: string;
}

export interface TermCardInput {
  term: GlossaryTerm;
  pack: ReportPack;
  script: Script;
  /** Headings for the card, in the display script (the host localises them). */
  labels: { definition: string; otherDefinitions: string; sections: string; related: string; category: string };
  sections: CardLink[];
  related: CardLink[];
  actions: CardLink[];
  /** Show the definitions in the other two scripts as well. */
  allDefinitions?: boolean;
}

function link(l: CardLink): string {
  const label = escapeMarkdown(l.label);
  if (!l.href) return label;
  // Host-built URIs only; parentheses and spaces are already percent-encoded by the host.
  const title = l.title ? ` "${l.title.replace(/["\\]/g, '')}"` : '';
  const href = l.href.replace(/[()\s]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0'));
  return `[${label}](${href}${title})`;
}

/** Markdown for a term card; every piece of pack text in it is escaped. */
export function renderTermCard(input: TermCardInput): string {
  const { term, pack, script, labels } = input;
  const forms = orderedForms(term, script);
  const abbreviations = (term.abbreviations ?? []).filter((a) => !forms.includes(a));
  const lines: string[] = [];
  const abbreviated = abbreviations.length ? ` (${abbreviations.map(escapeMarkdown).join(', ')})` : '';
  // A term drafted from a report may have one form only (the same in both scripts, no English): no dangling separator.
  lines.push(`${[`**${escapeMarkdown(forms[0])}**`, ...forms.slice(1).map(escapeMarkdown)].join(' · ')}${abbreviated}`);
  const path = categoryPath(pack, term, script);
  if (path.length) lines.push(
    '',
    `*${escapeMarkdown(labels.category)}:* ${path.map(escapeMarkdown).join(' › ')} — ${escapeMarkdown(pack.name[script])}`,
  );
  if (term.definition[script]) lines.push('', escapeMarkdown(term.definition[script]));
  // A drafted term shows the report's own sentence, as a quotation with its section, until the analyst writes a definition.
  else if (term.quote) lines.push(
    '',
    `> ${escapeMarkdown(term.quote.text)}${term.quote.section ? ` — § ${escapeMarkdown(term.quote.section)}` : ''}`,
  );
  if (input.allDefinitions) {
    for (const s of SCRIPTS.filter((x) => x !== script)) {
      if (term.definition[s] !== term.definition[script]) lines.push('', `*${escapeMarkdown(s)}:* ${escapeMarkdown(term.definition[s])}`);
    }
  }
  if (input.sections.length) lines.push('', `*${escapeMarkdown(labels.sections)}:* ${input.sections.map(link).join(' · ')}`);
  if (input.related.length) lines.push('', `*${escapeMarkdown(labels.related)}:* ${input.related.map(link).join(' · ')}`);
  if (input.actions.length) lines.push('', input.actions.map(link).join(' | '));
  return lines.join('\n');
}

/** Longest short definition, in UTF-16 units. */
const SHORT_DEFINITION = 160;

/**
 * A term's short definition in a script (another script's when that one has none), on one
 * line: up to its last sentence end within the limit, else cut with an ellipsis.
 */
export function shortDefinition(term: GlossaryTerm, script: Script): string | undefined {
  const text = [script, ...SCRIPTS.filter((s) => s !== script)].map((s) => term.definition[s]).find((d) => d && d.trim());
  if (!text) return undefined;
  const line = text.replace(/\s+/g, ' ').trim();
  if (line.length <= SHORT_DEFINITION) return line;
  const end = /[。！？]|[.!?](?= )/g;
  let cut = -1;
  for (let m = end.exec(line); m && m.index < SHORT_DEFINITION; m = end.exec(line)) cut = m.index + 1;
  if (cut > 0) return line.slice(0, cut);
  let n = SHORT_DEFINITION - 1;
  if (/[\ud800-\udbff]/.test(line[n - 1])) n--;
  return `${line.slice(0, n).trimEnd()}…`;
}
