/**
 * Deciding whether a text is a pack's report, and binding it: a cheap pre-check on the
 * outline's titles, then a parse and an outline binding. The host runs this off its own
 * thread (in a worker) for every candidate file.
 */
import type { OutlineSection } from './types';
import { bindOutline, normalizeTitle } from './bind';
import { parseReport, type ParsedReport, type ReportFormat } from '../report';
import { foldText } from '../script/fold';
import { stripPunctuation } from '../text/chars';
import { walkOutline } from '../text/outline';

export interface AnalyzeRequest {
  text: string;
  fileName?: string;
  format?: ReportFormat;
  packs: Array<{ packId: string; outline: OutlineSection[] }>;
}

export interface PackBindingResult {
  packId: string;
  /** Outline section id → report section id, as pairs (plain data for message passing). */
  sections: Array<[string, string]>;
  score: number;
  unmatched: string[];
}

export interface AnalyzeResult {
  /** Present when at least one pack looked worth binding. */
  parsed?: ParsedReport;
  bindings: PackBindingResult[];
}

/** How much of a file the pre-check reads. */
const PRECHECK_CHARS = 4_000_000;

/** Four-character keys of an outline's titled sections, folded like the text they are looked for in. */
export function outlineKeys(outline: OutlineSection[], out: string[] = []): string[] {
  walkOutline(outline, (s) => {
    const n = normalizeTitle(s.title);
    if (n.length >= 4 && s.id !== 'intro' && s.id !== 'conclusion') out.push(n.slice(0, 4));
  });
  return out;
}

export function analyzeReport(req: AnalyzeRequest): AnalyzeResult {
  const head = req.text.length > PRECHECK_CHARS ? req.text.slice(0, PRECHECK_CHARS) : req.text;
  const folded = stripPunctuation(foldText(head));
  const wanted = req.packs.filter((p) => {
    const keys = outlineKeys(p.outline);
    const hits = keys.filter((k) => folded.includes(k)).length;
    return keys.length > 0 && hits >= Math.max(2, Math.ceil(keys.length / 2));
  });
  if (!wanted.length) return { bindings: [] };
  const parsed = parseReport(req.text, { fileName: req.fileName, format: req.format });
  const bindings = wanted.map((p) => {
    const b = bindOutline(p, parsed);
    return { packId: p.packId, sections: [...b.sections], score: b.score, unmatched: b.unmatched };
  });
  return { parsed, bindings };
}
