/** Script handling: folding, script detection, Simplified/Traditional conversion and pinyin. */
export {
  foldChar,
  foldText,
  foldTableBmp,
  detectScript,
  toSimplified,
  toTraditional,
  toScript,
  isHan,
  isCombiningMark,
  isWordUnit,
} from './fold';
export type { DetectedScript, ScriptDetection } from './fold';
export { pinyinFull, pinyinInitials, pinyinSyllables, matchesQuery, matchSyllables } from './pinyin';
