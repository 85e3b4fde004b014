/**
 * A candidate's Simplified and Traditional forms through OpenCC's phrase tables. The
 * Traditional form follows the report where it can: OpenCC's standard characters (羣), or the
 * Taiwan variants (群), whichever the report itself writes.
 */
import STCharacters from 'opencc-js/dict/STCharacters';
import STPhrases from 'opencc-js/dict/STPhrases';
import TWVariants from 'opencc-js/dict/TWVariants';
import { ConverterFactory } from 'opencc-js/core';
import { toSimplified, toTraditional } from '../../script/fold';

let twConverter: ((s: string) => string) | undefined;

function toTaiwanVariants(s: string): string {
  if (!twConverter) twConverter = ConverterFactory([STPhrases, STCharacters], [TWVariants]);
  return twConverter(s);
}

const HAN = /\p{Script=Han}/u;

/** The Simplified form of a form found in a report (any script, mixed scripts too). */
export function simplifiedForm(surface: string): string {
  return HAN.test(surface) ? toSimplified(surface) : surface;
}

/**
 * The Traditional form of `surface` (whose Simplified form is `hans`), the one `report` writes when it writes one.
 * `written`, the set of characters of the report, spares a search for a form with a character the report lacks.
 */
export function traditionalForm(surface: string, hans: string, report: string, written?: { has(ch: string): boolean }): string {
  if (!HAN.test(surface)) return surface;
  const includes = (form: string): boolean => (!written || [...form].every((ch) => written.has(ch))) && report.includes(form);
  const standard = toTraditional(hans);
  if (includes(standard)) return standard;
  const taiwan = toTaiwanVariants(hans);
  return includes(taiwan) || taiwan !== standard ? taiwan : standard;
}

/** `{ zh-Hans, zh-Hant }` of a form found in `report` (any script, mixed scripts too). */
export function scriptForms(surface: string, report: string): { 'zh-Hans': string; 'zh-Hant': string } {
  const hans = simplifiedForm(surface);
  return { 'zh-Hans': hans, 'zh-Hant': traditionalForm(surface, hans, report) };
}
