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

/** `{ zh-Hans, zh-Hant }` of a form found in `report` (any script, mixed scripts too). */
export function scriptForms(surface: string, report: string): { 'zh-Hans': string; 'zh-Hant': string } {
  if (!HAN.test(surface)) return { 'zh-Hans': surface, 'zh-Hant': surface };
  const hans = toSimplified(surface);
  const standard = toTraditional(hans);
  if (report.includes(standard)) return { 'zh-Hans': hans, 'zh-Hant': standard };
  const taiwan = toTaiwanVariants(hans);
  return { 'zh-Hans': hans, 'zh-Hant': report.includes(taiwan) || taiwan !== standard ? taiwan : standard };
}
