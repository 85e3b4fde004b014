/**
 * The commands that make a file from a report or a draft, as the editor's commands do:
 *
 * - `import`: a report (Markdown, text, HTML, Word, PDF with a text layer) → its Markdown copy
 *   with real headings (the readers of Import Report, `src/host/import/readers.ts`, and the core);
 * - `create-pack`: a Markdown report → `<name>.fintech-pack.json` (the core's pack draft, the
 *   record from the text and the options, the top-ranked candidates as its glossary);
 * - `export`: a draft → the self-contained HTML of Export Draft, the rendered Markdown copy, or
 *   Word / PDF through Pandoc from that same HTML.
 *
 * Each writes one new file (or standard output with `--out -`), never replaces one without
 * `--force`, and writes nothing when it fails.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  buildPack,
  draftPack,
  importTargetName,
  isMarkdownReport,
  knownCandidates,
  packFileName,
  packIdOf,
  packText,
  topNewCandidates,
  type ReferenceDraft,
} from '../core/import';
import { loadPack } from '../core/pack/load';
import {
  CitationProcessor,
  exportFileName,
  exportHtml,
  htmlLangOf,
  draftTitle,
  pandocExportArgs,
  pdfEngineNeedsPandoc,
  PANDOC_URL,
  PDF_ENGINES,
  readCiteDocument,
  renderDraftBody,
  renderedMarkdown,
  termTooltips,
  weasyprintArgs,
  type RenderTerms,
} from '../core/render';
import { resolveDisplayScript } from '../core/glossary/card';
import { draftScriptOf } from '../core/script/fold';
import { readDraft } from './check';
import { citationChecker } from './citations';
import type { Config } from './config';
import { checkOutput, writeOutput } from './output';
import { loadPacks, type LoadedPacks } from './packs';
import type { Progress } from './progress';

/** A failure that stops a command before anything is written (exit code 2). */
export class CommandError extends Error {}

export interface Written {
  /** The file written, or `-` for standard output. */
  out: string;
  /** What to tell the user on stderr. */
  summary: string;
  warnings?: string[];
}

export interface OutputOptions {
  out?: string;
  force: boolean;
  /** Writes to standard output (for `--out -`). */
  stdout: (data: string | Uint8Array) => void;
}

function emit(file: string, data: string | Uint8Array, o: OutputOptions): void {
  if (file === '-') o.stdout(data);
  else writeOutput(file, data, o.force);
}

function readBytes(file: string): Uint8Array {
  try {
    if (fs.statSync(file).isDirectory()) throw new CommandError(`${file}: is a folder, not a file`);
    const b = fs.readFileSync(file);
    // A plain view (pdf.js refuses a Buffer).
    return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
  } catch (e) {
    if (e instanceof CommandError) throw e;
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new CommandError(`${file}: no such file`);
    throw new CommandError(`${file}: ${(e as Error).message}`);
  }
}

function readText(file: string): string {
  readBytes(file); // the same messages for a missing file or a folder
  const read = readDraft(file);
  if ('error' in read) throw new CommandError(`${file}: ${read.error}`);
  return read.text;
}

/** The output file: `--out`, else `fallback` beside the input; never the input itself. */
function outputFor(input: string, o: OutputOptions, fallback: string): string {
  const out = o.out ?? fallback;
  if (out !== '-' && path.resolve(out) === path.resolve(input)) throw new CommandError(`${out}: the output cannot be the input file`);
  if (out !== '-') checkOutput(out, o.force);
  return out;
}

// ---- import ----------------------------------------------------------------------------------

export async function importReport(file: string, o: OutputOptions, progress: Progress): Promise<Written> {
  const out = outputFor(file, o, importTargetName(file));
  const bytes = readBytes(file);
  // pdf.js and mammoth load only when a report is imported (the other commands start faster).
  const { importBytes } = await import('../host/import/readers');
  const name = path.basename(file);
  const outcome = await importBytes(name, bytes, (p) => progress.report(`${name}: page ${p.done} of ${p.total}`));
  progress.done();
  if (!outcome.ok) throw new CommandError(outcome.failure.message);
  emit(out, outcome.markdown, o);
  return { out, summary: `imported ${file} (${outcome.format}, ${outcome.headings} headings) to ${out}` };
}

// ---- create-pack ------------------------------------------------------------------------------

export interface CreatePackOptions extends OutputOptions {
  /** Record fields given on the command line (an empty string clears a field found in the report). */
  reference: Partial<Record<keyof ReferenceDraft, string>>;
  /** How many of the top-ranked candidates a loaded pack does not have already enter the glossary. */
  terms: number;
  id?: string;
}

export function createPack(file: string, config: Config, o: CreatePackOptions): Written {
  if (!isMarkdownReport(file)) {
    throw new CommandError(`${file}: create-pack works on Markdown reports; import it first (fintech-lens import ${file})`);
  }
  const out = outputFor(file, o, packFileName(file));
  const draft = draftPack(readText(file));
  const reference: ReferenceDraft = { ...draft.reference };
  for (const [field, value] of Object.entries(o.reference) as Array<[keyof ReferenceDraft, string]>) {
    const v = value.trim();
    if (!v) delete reference[field];
    else if (field === 'year') reference.year = Number(v);
    else reference[field] = v;
  }
  const id = packIdOf(reference, o.id);
  // The loaded packs' terms (not the pack this draft replaces) are left out, as the editor's review leaves them unselected.
  const target = out === '-' ? undefined : path.resolve(out);
  const others = loadPacks(config).packs.filter((p) => p.file !== target && p.pack.id !== id);
  const known = knownCandidates(draft.candidates, others.map((p) => p.pack));
  const terms = topNewCandidates(draft.candidates, known, o.terms);
  const skipped = draft.candidates.slice(0, draft.candidates.findIndex((c) => c.surface === terms[terms.length - 1]) + 1).filter((c) => known.has(c.surface));
  const text = packText(buildPack(draft, { id, reference, terms }));
  const loaded = loadPack(text);
  if (!loaded.pack) throw new CommandError(`the drafted pack does not load: ${loaded.problems.map((p) => p.message).join('; ')}`);
  emit(out, text, o);
  const missing = (['title', 'author', 'publisher', 'year', 'url'] as const).filter((f) => reference[f] === undefined);
  const fill = missing.length ? `; not found, give them with ${missing.map((f) => `--${f}`).join(', ')}` : '';
  const had = skipped.length ? `; left out ${skipped.length} a loaded pack already has: ${skipped.map((c) => `${c.surface} (${known.get(c.surface)!.packId})`).join(', ')}` : '';
  return { out, summary: `drafted pack ${id} (${terms.length} terms, ${draft.report.sections.length} sections) to ${out}${fill}${had}` };
}

// ---- export -----------------------------------------------------------------------------------

export type CliExportFormat = 'html' | 'md' | 'docx' | 'pdf';

export interface ExportOptions extends OutputOptions {
  format: CliExportFormat;
  style?: string;
  /** Glossary term tooltips in HTML, Word and PDF (default: the `preview.glossaryTooltips` setting). */
  tooltips?: boolean;
}

/** The term tooltips of an export, as the preview shows them when `preview.glossaryTooltips` is on. */
function exportTooltips(config: Config, packs: LoadedPacks, text: string, on: boolean | undefined): RenderTerms | undefined {
  if (!(on ?? config.get('preview.glossaryTooltips') === true)) return undefined;
  const display = resolveDisplayScript(config.get('displayScript') as string | undefined, 'en');
  return termTooltips(packs.index, draftScriptOf(text, display));
}

const NO_PDF_ENGINE =
  `PDF export needs WeasyPrint (Debian and Ubuntu: sudo apt-get install weasyprint), or Pandoc with ${PDF_ENGINES.filter(pdfEngineNeedsPandoc).join(' or ')}; `
  + 'none was found. Export to HTML and print it to PDF from a browser, or export to Word.';

function runs(command: string): boolean {
  const r = spawnSync(command, ['--version'], { stdio: 'ignore', timeout: 30_000 });
  return !r.error && r.status === 0;
}

export async function exportDraft(file: string, config: Config, o: ExportOptions, progress: Progress): Promise<Written> {
  const out = outputFor(file, o, exportFileName(file, o.format));
  const text = readText(file);
  const pandoc = String(config.get('export.pandocPath') ?? '').trim() || 'pandoc';
  let engine: string | undefined;
  if (o.format === 'pdf') {
    engine = PDF_ENGINES.find(runs);
    if (!engine) throw new CommandError(NO_PDF_ENGINE);
  }
  const viaPandoc = o.format === 'docx' || (engine !== undefined && pdfEngineNeedsPandoc(engine));
  if (viaPandoc && !runs(pandoc)) {
    throw new CommandError(
      `Pandoc was not found (${pandoc}). ${o.format === 'pdf' ? `PDF export with ${engine}` : 'Word export'} needs it: install it from ${PANDOC_URL} `
        + '(Debian and Ubuntu: sudo apt-get install pandoc), or set fintechLens.export.pandocPath. --format html works without it.',
    );
  }
  const packs = loadPacks(config);
  const doc = readCiteDocument(text);
  const data = await citationChecker(config, packs).renderData(file, text, doc, o.style);
  const processor = new CitationProcessor(doc, data.style, data.sources);
  let result: string | Uint8Array;
  if (o.format === 'md') {
    result = renderedMarkdown(text, doc, processor);
  } else {
    const html = exportHtml(renderDraftBody(text, data, exportTooltips(config, packs, text, o.tooltips)), text, doc, path.basename(file));
    if (o.format === 'html') {
      result = html;
    } else {
      const program = viaPandoc ? pandoc : engine!;
      const args = viaPandoc
        ? pandocExportArgs(o.format, '-', { lang: htmlLangOf(doc, text), resourcePath: path.dirname(path.resolve(file)), engine, title: draftTitle(text, path.basename(file)) })
        : weasyprintArgs('-', pathToFileURL(path.resolve(file)).href);
      progress.report(`running ${program}…`);
      const r = spawnSync(program, args, { input: html, maxBuffer: 1 << 30 });
      progress.done();
      if (r.error || r.status !== 0) {
        const why = r.error?.message ?? r.stderr.toString('utf8').trim().slice(0, 500);
        throw new CommandError(`${viaPandoc ? 'Pandoc' : engine} could not write ${out}: ${why}`);
      }
      result = new Uint8Array(r.stdout.buffer, r.stdout.byteOffset, r.stdout.byteLength);
    }
  }
  emit(out, result, o);
  const warnings: string[] = [];
  if (processor.unknownKeys.length) {
    warnings.push(`no bibliography entry has these keys (they are marked in the export): ${processor.unknownKeys.join(', ')}`);
  }
  if (packs.failed.length) warnings.push(`packs with errors were left out: ${packs.failed.map((f) => path.relative(config.root, f)).join(', ')}`);
  return { out, summary: `exported ${file} (${o.format}) to ${out}`, warnings };
}
