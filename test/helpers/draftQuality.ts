/**
 * The glossary draft's quality figures, shared by the unit tests and the bench:
 *  - recall on the seed report: the share of the built-in pack's terms found in the report that are
 *    among the top 150 candidates with both Chinese forms right;
 *  - precision on the project's own Simplified-Chinese fixture: the share of the top 50 candidates on
 *    its term list (test/fixtures/draft/terms.txt, written before the extractor ran).
 */
import * as fs from 'fs';
import * as path from 'path';
import { convertReport, draftPack, type TermCandidate } from '../../src/core/import';
import { toSimplified } from '../../src/core/script/fold';

export function fixtureReport(): string {
  return fs.readFileSync(path.resolve('test/fixtures/draft/insurtech-report.txt'), 'utf8');
}

export function fixtureTerms(): Set<string> {
  return new Set(fs.readFileSync(path.resolve('test/fixtures/draft/terms.txt'), 'utf8').split(/\r?\n/).map((l) => l.trim()).filter(Boolean));
}

/** A text report through the importer, then drafted. */
export function draftOfText(text: string, fileName = 'report.txt'): ReturnType<typeof draftPack> {
  const imported = convertReport({ format: 'plaintext', fileName, text });
  if (!imported.ok) throw new Error(imported.failure.message);
  return draftPack(imported.markdown);
}

export function precision(candidates: TermCandidate[], terms: Set<string>, top = 50): { share: number; good: number; bad: string[] } {
  const first = candidates.slice(0, top);
  const bad = first.filter((c) => !terms.has(c.forms['zh-Hans']) && !terms.has(c.surface)).map((c) => c.surface);
  return { share: (first.length - bad.length) / top, good: first.length - bad.length, bad };
}

interface PackTerm {
  forms: { en: string; 'zh-Hans': string; 'zh-Hant': string };
}

export function recall(candidates: TermCandidate[], seed: string, top = 150): { share: number; found: number; present: number; missed: string[] } {
  const pack = JSON.parse(fs.readFileSync(path.resolve('media/packs/fintech-2026/pack.json'), 'utf8')) as { glossary: PackTerm[] };
  const simplified = toSimplified(seed);
  const present = pack.glossary.filter((t) => simplified.includes(t.forms['zh-Hans']));
  const first = candidates.slice(0, top);
  const missed = present.filter((t) => !first.some((c) => c.forms['zh-Hans'] === t.forms['zh-Hans'] && c.forms['zh-Hant'] === t.forms['zh-Hant'])).map((t) => t.forms['zh-Hant']);
  return { share: (present.length - missed.length) / present.length, found: present.length - missed.length, present: present.length, missed };
}
