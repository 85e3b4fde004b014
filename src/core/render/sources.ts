/**
 * What a rendering of a draft reads, worked out the same way by every host (the editor's
 * preview and exports, the command line's `export`): the render style from the front matter
 * and the settings, the citable items (bibliography entries, then the packs' reports) and the
 * HTML language of the draft.
 */
import type { CitationService, DocumentBibliography } from '../citations/service';
import type { CitationStyle } from '../citations/types';
import type { CslItem, ReportPack } from '../pack/types';
import type { SettingsGetter } from '../settings';
import type { CiteDocument } from './document';
import { draftLanguage } from './list';
import type { RenderData } from './markdownIt';
import type { RenderSources } from './processor';
import { styleFromName, type RenderStyle } from './style';

/**
 * The render style: the front matter's `csl`/`citation-style` when it names one of ours, else
 * `style` (the citation service's resolved setting) with the `citation.system` and
 * `citation.numbers` settings. APA 7 is always author-date.
 */
export function renderStyleOf(doc: Pick<CiteDocument, 'meta'> | undefined, style: CitationStyle, get: SettingsGetter): RenderStyle {
  const named = styleFromName(doc?.meta.csl);
  const chosen = named?.style ?? style;
  const system = named?.system ?? (get('citation.system') === 'author-date' ? 'author-date' : 'numeric');
  const numbers = get('citation.numbers') === 'inline' ? 'inline' : 'superscript';
  return { style: chosen, system: chosen === 'apa7' ? 'author-date' : system, numbers };
}

/** Lower-case key → item: bibliography entries first (the first file wins), then each pack's report under its keys. */
export function renderItems(
  bib: DocumentBibliography,
  packs: readonly ReportPack[],
  packKey: CitationService['packKey'],
): Map<string, CslItem> {
  const items = new Map<string, CslItem>();
  for (const file of bib.files) {
    for (const e of file.loaded?.entries ?? []) {
      const k = e.key.toLowerCase();
      if (!items.has(k)) items.set(k, e.item);
    }
  }
  for (const pack of packs) {
    const ref = pack.reference;
    for (const key of [ref.id, packKey(pack, bib)]) {
      if (key && !items.has(key.toLowerCase())) items.set(key.toLowerCase(), { ...ref, id: key });
    }
  }
  return items;
}

/** The render sources over `renderItems`' map. */
export function renderSourcesOf(items: ReadonlyMap<string, CslItem>): RenderSources {
  const keys = [...items.values()].map((i) => String(i.id));
  return { resolve: (k) => items.get(k.toLowerCase()), keys: () => keys };
}

/**
 * The render data of a draft, loaded through the citation service: for hosts that can wait
 * for the bibliography (commands, the command line). `unknownKeyMessage` is the host's
 * (localised) template, `{0}` standing for the key.
 */
export async function loadRenderData(
  service: CitationService,
  target: { uri: string; text: string; untitled?: boolean },
  doc: CiteDocument,
  get: SettingsGetter,
  unknownKeyMessage: string,
): Promise<RenderData> {
  const bib = await service.bibliography(target);
  const items = renderItems(bib, service.host.reportPacks(), (p, b) => service.packKey(p, b));
  return { style: renderStyleOf(doc, service.style(target), get), sources: renderSourcesOf(items), unknownKeyMessage };
}

/** The HTML `lang` of a draft: `zh-CN`, `zh-TW` or `en`. */
export function htmlLangOf(doc: Pick<CiteDocument, 'meta'>, text: string): string {
  const l = draftLanguage(doc.meta, text);
  return l === 'zh-Hans' ? 'zh-CN' : l === 'zh-Hant' ? 'zh-TW' : 'en';
}
