/**
 * The definition card as an HTML document for the Definition view: the same content as a
 * hover (forms, category path, definition, sections, related terms, actions), kept visible.
 * Pack text is untrusted: every piece of it is escaped; the only links are the URIs the host
 * builds for its own commands. The document runs no script and loads nothing: its Content
 * Security Policy allows only the one inline style block carrying the host's nonce.
 * Pure: no host APIs.
 */
import type { GlossaryTerm, ReportPack, Script } from '../pack/types';
import { SCRIPTS } from '../pack/types';
import { preferredForm, categoryPath } from '../glossary/card';
import { OTHER_SCRIPTS } from './labels';
import { localized } from './tree';
import { escapeHtml, htmlPage } from '../text/html';

export { escapeHtml };

export interface HtmlLink {
  label: string;
  /** A URI built by the host (e.g. `command:fintechLens.openReportLocation?…`); absent for plain text. */
  href?: string;
}

export interface CardHtmlLabels {
  title: string;
  otherScripts: string;
  sections: string;
  related: string;
  category: string;
  /** Shown when no term is selected. */
  empty: string;
}

export interface CardHtmlInput {
  /** The term to show; absent for the empty state. */
  term?: GlossaryTerm;
  pack?: ReportPack;
  script: Script;
  labels: CardHtmlLabels;
  sections: HtmlLink[];
  related: HtmlLink[];
  actions: HtmlLink[];
  /** A fresh random nonce for the style block. */
  nonce: string;
}

const LANG: Record<Script, string> = { en: 'en', 'zh-Hans': 'zh-Hans', 'zh-Hant': 'zh-Hant' };

function link(l: HtmlLink): string {
  const label = escapeHtml(l.label);
  if (!l.href || !/^command:fintechLens\.[A-Za-z.]+(\?|$)/.test(l.href)) return `<span>${label}</span>`;
  return `<a href="${escapeHtml(l.href)}">${label}</a>`;
}

const STYLE = `
body {
  font-family: var(--vscode-font-family);
  font-size: var(--vscode-font-size);
  color: var(--vscode-foreground);
  padding: 0 12px 12px;
  line-height: 1.5;
}
h1 { font-size: 1.3em; margin: 0.6em 0 0.1em; }
.forms { color: var(--vscode-descriptionForeground); margin: 0 0 0.6em; }
.path { color: var(--vscode-descriptionForeground); font-size: 0.92em; }
h2 { font-size: 1em; margin: 1em 0 0.3em; }
ul { padding-left: 1.2em; margin: 0.2em 0; }
a { color: var(--vscode-textLink-foreground); text-decoration: none; }
a:hover { text-decoration: underline; }
details p { margin: 0.4em 0; }
.actions a { margin-right: 1em; }
.empty { color: var(--vscode-descriptionForeground); }
`;

/** The whole HTML document of the Definition view. */
export function renderCardHtml(input: CardHtmlInput): string {
  const { term, pack, script, labels } = input;
  const nonce = input.nonce.replace(/[^A-Za-z0-9+/=]/g, '');
  const body: string[] = [];
  if (!term || !pack) {
    body.push(`<p class="empty">${escapeHtml(labels.empty)}</p>`);
  } else {
    const shown = preferredForm(term, script) || localized(term.forms, script) || term.id;
    const others: string[] = [];
    for (const s of OTHER_SCRIPTS[script]) {
      const f = (term.preferred?.[s] ?? term.forms[s])?.trim();
      if (f && f !== shown && !others.includes(f)) others.push(f);
    }
    for (const a of term.abbreviations ?? []) if (a !== shown && !others.includes(a)) others.push(a);
    body.push(`<h1>${escapeHtml(shown)}</h1>`);
    if (others.length) body.push(`<p class="forms">${others.map(escapeHtml).join(' · ')}</p>`);
    const path = categoryPath(pack, term, script);
    if (path.length) {
      const packName = escapeHtml(localized(pack.name, script));
      body.push(`<p class="path">${escapeHtml(labels.category)}: ${path.map(escapeHtml).join(' › ')} — ${packName}</p>`);
    }
    body.push(`<p class="definition">${escapeHtml(localized(term.definition, script))}</p>`);
    const rest = SCRIPTS.filter((s) => s !== script && term.definition[s] && term.definition[s] !== term.definition[script]);
    if (rest.length) {
      body.push(`<details><summary>${escapeHtml(labels.otherScripts)}</summary>`);
      for (const s of rest) body.push(`<p lang="${LANG[s]}">${escapeHtml(term.definition[s])}</p>`);
      body.push('</details>');
    }
    if (input.sections.length) body.push(
      `<h2>${escapeHtml(labels.sections)}</h2>`,
      '<ul>',
      ...input.sections.map((l) => `<li>${link(l)}</li>`),
      '</ul>',
    );
    if (input.related.length) body.push(`<h2>${escapeHtml(labels.related)}</h2>`, `<p>${input.related.map(link).join(' · ')}</p>`);
    if (input.actions.length) body.push(`<p class="actions">${input.actions.map(link).join(' ')}</p>`);
  }
  const csp = `default-src 'none'; style-src 'nonce-${nonce}'; img-src 'none'; script-src 'none'; form-action 'none'; frame-src 'none';`;
  return htmlPage(body.join('\n'), { lang: LANG[script], title: labels.title, csp, style: STYLE, styleNonce: nonce });
}
