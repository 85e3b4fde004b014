/**
 * Output formats of `fintech-lens check`, each written as findings arrive (nothing is held
 * back, so the memory a run needs does not grow with the number of files):
 *   text    file:line:col severity rule message
 *   json    an array of findings
 *   sarif   SARIF 2.1.0, one run
 *   github  GitHub Actions workflow annotations
 */
import { LINT_RULES } from '../core/lint/types';
import type { Severity } from '../core/text/types';

/** One finding, in 1-based lines and UTF-16 columns (as VS Code counts them). */
export interface CliFinding {
  /** Path relative to the workspace root, with forward slashes. */
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: Severity;
  rule: string;
  message: string;
  /** Whether `--fix` can fix it. */
  fixable: boolean;
}

export interface Reporter {
  finding(f: CliFinding): void;
  end(): void;
}

export const FORMATS = ['text', 'json', 'sarif', 'github'] as const;
export type Format = (typeof FORMATS)[number];

type Write = (s: string) => void;

/** The rules a run may report, described for SARIF's rule list. */
export const RULES: ReadonlyArray<{ id: string; text: string }> = [
  { id: 'script-consistency', text: 'Terms are written in the draft\'s script (Simplified or Traditional Chinese).' },
  { id: 'preferred-form', text: 'Discouraged forms of a term are replaced by the pack\'s preferred form.' },
  { id: 'abbreviation-first-use', text: 'An abbreviation is written out at its first use.' },
  { id: 'inconsistent-forms', text: 'A term is written in one form throughout the draft.' },
  { id: 'citation.unknown-key', text: 'Every citation key has a bibliography entry.' },
  { id: 'footnote.undefined', text: 'Every footnote reference has a definition.' },
  { id: 'footnote.unused', text: 'Every footnote definition is referenced.' },
  { id: 'footnote.duplicate', text: 'A footnote is defined once.' },
  { id: 'bibliography.missing', text: 'The bibliography a draft names exists.' },
  { id: 'bibliography.unreadable', text: 'The bibliography a draft names can be read.' },
  { id: 'bibliography.unsupported', text: 'The bibliography is BibTeX, CSL-JSON or CSL-YAML.' },
];
// Every lint rule is described above.
for (const r of LINT_RULES) if (!RULES.some((x) => x.id === r)) throw new Error(`no SARIF description for ${r}`);

function textReporter(out: Write): Reporter {
  return {
    finding: (f) => out(`${f.file}:${f.line}:${f.column} ${f.severity} ${f.rule} ${f.message}\n`),
    end: () => undefined,
  };
}

function jsonReporter(out: Write): Reporter {
  let first = true;
  out('[');
  return {
    finding: (f) => {
      out(`${first ? '\n' : ',\n'}  ${JSON.stringify(f)}`);
      first = false;
    },
    end: () => out(first ? ']\n' : '\n]\n'),
  };
}

const SARIF_LEVEL: Record<Severity, string> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

function sarifReporter(out: Write, version: string, rootUri: string): Reporter {
  const ruleIndex = new Map(RULES.map((r, i) => [r.id, i]));
  const head = {
    version: '2.1.0',
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
  };
  const tool = {
    driver: {
      name: 'fintech-lens',
      informationUri: 'https://github.com/fintech-lens/fintech-lens',
      version,
      rules: RULES.map((r) => ({ id: r.id, shortDescription: { text: r.text } })),
    },
  };
  out(`${JSON.stringify(head).slice(0, -1)},"runs":[{"tool":${JSON.stringify(tool)},`);
  out(`"originalUriBaseIds":${JSON.stringify({ ROOT: { uri: rootUri } })},"columnKind":"utf16CodeUnits","results":[`);
  let first = true;
  return {
    finding: (f) => {
      const result: Record<string, unknown> = {
        ruleId: f.rule,
        level: SARIF_LEVEL[f.severity],
        message: { text: f.message },
        locations: [{
          physicalLocation: {
            artifactLocation: { uri: encodeURI(f.file), uriBaseId: 'ROOT' },
            region: { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn },
          },
        }],
      };
      const i = ruleIndex.get(f.rule);
      if (i !== undefined) result.ruleIndex = i;
      out(`${first ? '\n' : ',\n'}${JSON.stringify(result)}`);
      first = false;
    },
    end: () => out(`${first ? '' : '\n'}]}]}\n`),
  };
}

/** Escapes workflow-command data (the message) and properties (file, title). */
const escapeData = (s: string): string => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s: string): string => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
const GITHUB_LEVEL: Record<Severity, string> = { error: 'error', warning: 'warning', information: 'notice', hint: 'notice' };

function githubReporter(out: Write): Reporter {
  return {
    finding: (f) => {
      const props = [
        `file=${escapeProperty(f.file)}`, `line=${f.line}`, `col=${f.column}`, `endLine=${f.endLine}`, `endColumn=${f.endColumn}`,
        `title=${escapeProperty(`fintech-lens ${f.rule}`)}`,
      ];
      out(`::${GITHUB_LEVEL[f.severity]} ${props.join(',')}::${escapeData(f.message)}\n`);
    },
    end: () => undefined,
  };
}

export function reporter(format: Format, out: Write, info: { version: string; rootUri: string }): Reporter {
  switch (format) {
    case 'json':
      return jsonReporter(out);
    case 'sarif':
      return sarifReporter(out, info.version, info.rootUri);
    case 'github':
      return githubReporter(out);
    default:
      return textReporter(out);
  }
}
