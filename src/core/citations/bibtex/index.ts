/**
 * BibTeX / BibLaTeX files, one concept per module:
 * - `parse`: the tolerant parser (entries with positions, problems, `@string` macros);
 * - `latex`: LaTeX → Unicode for field values;
 * - `names`: BibTeX name lists → CSL names;
 * - `toCsl`: entry → CSL-JSON item;
 * - `write`: CSL item → BibTeX entry in the file's own style.
 */
export { parseBibtex, type BibtexEntry, type BibtexParseResult } from './parse';
export { latexToText } from './latex';
export { parseBibtexNames } from './names';
export { bibtexToCsl } from './toCsl';
export { cslToBibtex, detectBibtexStyle, escapeBibtex, DEFAULT_BIBTEX_STYLE, type BibtexStyle } from './write';
