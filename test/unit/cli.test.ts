/**
 * The `fintech-lens` command line, run as users run it (`node dist/cli.js`) on fixture folders:
 * exit codes, each output format (SARIF validated against the official SARIF 2.1.0 schema),
 * `--fix` writing only what it fixes, and clear messages for bad configuration and bad packs.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import type { CliFinding as JsonFinding } from '../../src/cli/report';
import { loadPack } from '../../src/core/pack/load';
import type { CslItem } from '../../src/core/pack/types';
import { exportHtml, readCiteDocument, renderDraftBody, renderSourcesOf, type RenderData } from '../../src/core/render';
import { makeDocx, makeHtml, makeImageOnlyPdf, makePdf, FIXTURE_REPORT } from '../helpers/importFixtures';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const CLI = path.join(ROOT, 'dist', 'cli.js');
const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'cli');

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function cli(cwd: string, ...args: string[]): Run {
  return cliEnv(cwd, {}, ...args);
}

function cliEnv(cwd: string, env: Record<string, string>, ...args: string[]): Run {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, ...env } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function fixture(name: string): string {
  return path.join(FIXTURES, name);
}

/** A scratch copy of a fixture folder (for runs that write). */
function copyOf(name: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `fintech-lens-cli-${name}-`));
  fs.cpSync(fixture(name), dir, { recursive: true });
  return dir;
}


interface SarifLog {
  version: string;
  runs: Array<{
    tool: { driver: { name: string; rules: Array<{ id: string }> } };
    results: Array<{
      ruleId: string;
      ruleIndex: number;
      level: string;
      locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: Record<string, number> } }>;
    }>;
  }>;
}

describe('fintech-lens CLI', function () {
  this.timeout(30000);

  before(() => {
    assert.ok(fs.existsSync(CLI), `${CLI} is missing: node esbuild.js builds it`);
  });

  describe('exit codes and usage', () => {
    it('exits 0 with no output on a clean workspace', () => {
      const r = cli(fixture('clean'), 'check');
      assert.equal(r.status, 0, r.stderr);
      assert.equal(r.stdout, '');
      assert.match(r.stderr, /0 findings in 1 file/);
    });

    it('exits 1 when there are findings', () => {
      assert.equal(cli(fixture('findings'), 'check', '--quiet').status, 1);
    });

    it('exits 2 on usage errors, with the usage', () => {
      for (const args of [['check', '--frobnicate'], ['check', '--format', 'xml'], ['lint'], [], ['cite'], ['packs', '--fix']]) {
        const r = cli(fixture('clean'), ...args);
        assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
        assert.match(r.stderr, /^fintech-lens: .+\n\nUsage: fintech-lens/, args.join(' '));
        assert.equal(r.stdout, '');
      }
    });

    it('prints help and version', () => {
      const help = cli(fixture('clean'), '--help');
      assert.equal(help.status, 0);
      assert.match(help.stdout, /Usage: fintech-lens <command>/);
      const version = cli(fixture('clean'), '--version');
      assert.equal(version.stdout.trim(), JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version);
    });
  });

  describe('check: findings and formats', () => {
    const expectedRules = [
      ['notes/citations.md', 'citation.unknown-key'],
      ['notes/citations.md', 'footnote.undefined'],
      ['notes/citations.md', 'footnote.unused'],
      ['notes/refs.bib', 'bibtex.syntax'],
      ['notes/terms.md', 'script-consistency'],
      ['notes/terms.md', 'abbreviation-first-use'],
    ] as const;

    let jsonRun: JsonFinding[] | undefined;
    /** The JSON findings (one run, shared by the tests that compare formats). */
    function json(): JsonFinding[] {
      if (jsonRun) return jsonRun;
      const r = cli(fixture('findings'), 'check', '--format', 'json', '--quiet');
      assert.equal(r.status, 1, r.stderr);
      assert.equal(r.stderr, '');
      return (jsonRun = JSON.parse(r.stdout) as JsonFinding[]);
    }

    it('reports the terminology rules and the citation checks, file by file, with the settings applied', () => {
      const found = json();
      for (const [file, rule] of expectedRules) {
        assert.ok(found.some((f) => f.file === file && f.rule === rule), `${file} ${rule}: ${JSON.stringify(found, null, 1)}`);
      }
      assert.ok(!found.some((f) => f.file === 'notes/clean.md'), 'the clean draft has nothing');
      // .vscode/settings.json switches inconsistent-forms off.
      assert.ok(!found.some((f) => f.rule === 'inconsistent-forms'));
      const unknown = found.find((f) => f.rule === 'citation.unknown-key')!;
      assert.deepEqual([unknown.line, unknown.column, unknown.endLine, unknown.endColumn], [7, 25, 7, 36]);
      assert.equal(unknown.message, 'No bibliography entry has the key "nobody2021".');
      assert.equal(unknown.severity, 'warning');
      // An in-text citation is one for Pandoc too: information, and the e-mail address is none.
      const inText = found.filter((f) => f.rule === 'citation.unknown-key' && f.line === 12);
      assert.deepEqual(inText.map((f) => [f.column, f.severity, f.message]), [
        [4, 'information', 'No bibliography entry has the key "nobody2022". '
          + 'Pandoc reads @nobody2022 as a citation; write \\@ for a plain @.'],
      ]);
      const script = found.find((f) => f.rule === 'script-consistency')!;
      assert.deepEqual([script.line, script.column, script.endColumn], [5, 1, 5]);
      assert.match(script.message, /監管科技/);
      assert.equal(script.fixable, true);
      const files = found.map((f) => f.file);
      assert.deepEqual(files, [...files].sort(), 'files in path order');
    });

    it('writes text lines as file:line:col severity rule message', () => {
      const r = cli(fixture('findings'), 'check');
      assert.equal(r.status, 1);
      const lines = r.stdout.trimEnd().split('\n');
      assert.equal(lines.length, json().length);
      for (const l of lines) assert.match(l, /^[\w./-]+:\d+:\d+ (error|warning|information|hint) [\w.-]+ \S/, l);
      const unknown = 'notes/citations.md:7:25 warning citation.unknown-key No bibliography entry has the key "nobody2021".';
      assert.ok(lines.includes(unknown), r.stdout);
      assert.match(r.stderr, /fintech-lens: \d+ findings in 3 files/);
    });

    it('writes SARIF 2.1.0 that the official schema accepts', () => {
      const r = cli(fixture('findings'), 'check', '--format', 'sarif', '--quiet');
      assert.equal(r.status, 1, r.stderr);
      const log = JSON.parse(r.stdout) as SarifLog;
      const schema = JSON.parse(fs.readFileSync(path.join(ROOT, 'test', 'fixtures', 'sarif-schema-2.1.0.json'), 'utf8'));
      // The schema is draft-04: its `$schema` and `id` are dropped here, the rest is compiled as it is.
      delete schema.$schema;
      delete schema.id;
      const ajv = new Ajv({ strict: false, allErrors: true });
      addFormats(ajv);
      const validate = ajv.compile(schema);
      assert.ok(validate(JSON.parse(r.stdout)), JSON.stringify(validate.errors, null, 1));
      const run = log.runs[0];
      assert.equal(run.tool.driver.name, 'fintech-lens');
      assert.equal(run.results.length, json().length);
      const unknown = run.results.find((x) => x.ruleId === 'citation.unknown-key')!;
      assert.equal(unknown.level, 'warning');
      assert.deepEqual(unknown.locations[0].physicalLocation.region, { startLine: 7, startColumn: 25, endLine: 7, endColumn: 36 });
      assert.equal(unknown.locations[0].physicalLocation.artifactLocation.uri, 'notes/citations.md');
      assert.equal(run.tool.driver.rules[unknown.ruleIndex].id, 'citation.unknown-key');
      // The schema check is real: a broken log fails it.
      assert.equal(validate({ ...JSON.parse(r.stdout), version: '2.0.0' }), false);
    });

    it('writes GitHub workflow annotations', () => {
      const r = cli(fixture('findings'), 'check', '--format', 'github', '--quiet');
      assert.equal(r.status, 1);
      const lines = r.stdout.trimEnd().split('\n');
      assert.equal(lines.length, json().length);
      for (const l of lines) assert.match(l, /^::(error|warning|notice) file=[^,]+,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=fintech-lens [\w.-]+::\S/, l);
      const unknown = '::warning file=notes/citations.md,line=7,col=25,endLine=7,endColumn=36,title=fintech-lens citation.unknown-key'
        + '::No bibliography entry has the key "nobody2021".';
      assert.ok(lines.includes(unknown), r.stdout);
    });

    it('reports a draft that is not UTF-8 as an error finding, and checks the others', () => {
      const dir = copyOf('clean');
      fs.writeFileSync(path.join(dir, 'notes', 'latin1.md'), Buffer.from([0x23, 0x20, 0xe9, 0x74, 0xe9, 0x0a]));
      const r = cli(dir, 'check', '--format', 'json', '--quiet');
      assert.equal(r.status, 1);
      assert.deepEqual(JSON.parse(r.stdout), [{
        file: 'notes/latin1.md', line: 1, column: 1, endLine: 1, endColumn: 1, severity: 'error', rule: 'file.unreadable',
        message: 'Cannot read notes/latin1.md: it is not UTF-8 text', fixable: false,
      }]);
    });

    it('checks only the files the globs name, and honours ! exclusions', () => {
      const only = JSON.parse(cli(fixture('findings'), 'check', 'notes/terms.md', '--format', 'json').stdout) as JsonFinding[];
      assert.ok(only.length > 0);
      assert.deepEqual([...new Set(only.map((f) => f.file))], ['notes/terms.md']);
      const excluded = cli(fixture('findings'), 'check', '**/*.md', '!**/citations.md', '!**/terms.md', '--format', 'json');
      assert.equal(excluded.status, 0, excluded.stdout);
      assert.deepEqual(JSON.parse(excluded.stdout), []);
    });
  });

  describe('check --fix', () => {
    it('applies the Fix All edits and writes only the files it fixes', () => {
      const dir = copyOf('fix');
      // Make any rewrite visible in the modification time.
      const old = new Date(Math.floor(Date.now() / 1000) * 1000 - 60_000); // whole seconds: mtimes compare exactly
      for (const f of ['notes/fixable.md', 'notes/unfixable.md', 'notes/clean.md']) fs.utimesSync(path.join(dir, f), old, old);
      const r = cli(dir, 'check', '--fix', '--format', 'json');
      assert.match(r.stderr, /fixed 1 file\b/);
      const left = JSON.parse(r.stdout) as JsonFinding[];
      assert.deepEqual(left.map((f) => [f.file, f.rule]), [['notes/unfixable.md', 'footnote.undefined']], 'unfixed is reported');
      assert.equal(r.status, 1);
      const expected = fs.readFileSync(path.join(FIXTURES, 'fix-expected', 'notes', 'fixable.md'), 'utf8');
      assert.equal(fs.readFileSync(path.join(dir, 'notes/fixable.md'), 'utf8'), expected);
      assert.notEqual(Math.round(fs.statSync(path.join(dir, 'notes/fixable.md')).mtimeMs), old.getTime());
      for (const f of ['notes/unfixable.md', 'notes/clean.md']) {
        assert.equal(Math.round(fs.statSync(path.join(dir, f)).mtimeMs), old.getTime(), `${f} was not rewritten`);
        assert.equal(fs.readFileSync(path.join(dir, f), 'utf8'), fs.readFileSync(path.join(FIXTURES, 'fix', f), 'utf8'));
      }
      // A second run finds nothing more to fix.
      const again = cli(dir, 'check', '--fix', '--quiet', 'notes/fixable.md');
      assert.equal(again.status, 0, again.stdout);
    });

    it('keeps a BOM and CRLF line ends', () => {
      const dir = copyOf('fix');
      const file = path.join(dir, 'notes', 'fixable.md');
      const text = fs.readFileSync(file, 'utf8');
      fs.writeFileSync(file, `\uFEFF${text.replace(/\n/g, '\r\n')}`);
      assert.equal(cli(dir, 'check', '--fix', '--quiet', 'notes/fixable.md').status, 0);
      const expected = fs.readFileSync(path.join(FIXTURES, 'fix-expected', 'notes', 'fixable.md'), 'utf8');
      assert.equal(fs.readFileSync(file, 'utf8'), `\uFEFF${expected.replace(/\n/g, '\r\n')}`);
    });
  });

  describe('configuration and packs', () => {
    it('names the file, line and column of invalid JSON, and exits 2', () => {
      const r = cli(fixture('bad-json'), 'check');
      assert.equal(r.status, 2);
      assert.match(r.stderr, /^fintech-lens: \.fintech-lens\.json:4:1: the configuration is not valid JSON \(\w+\)\n$/);
      assert.equal(r.stdout, '');
    });

    it('names a setting with a wrong value and what it must be', () => {
      const r = cli(fixture('bad-value'), 'check');
      assert.equal(r.status, 2);
      const expected = '"fintechLens.lint.preferredForm" must be one of "off", "error", "warning", "information", "hint"';
      assert.equal(r.stderr, `fintech-lens: .fintech-lens.jsonc:3:25: ${expected}\n`);
    });

    it('refuses two configuration files', () => {
      const r = cli(fixture('two-configs'), 'check');
      assert.equal(r.status, 2);
      assert.match(r.stderr, /keep only one configuration file/);
    });

    it('reads --config instead of the workspace files', () => {
      const dir = copyOf('findings');
      const settings = { 'fintechLens.lint.enabled': false, 'unknown.setting': 1, 'fintechLens.noSuch': true };
      fs.writeFileSync(path.join(dir, 'strict.json'), JSON.stringify(settings));
      const r = cli(dir, 'check', 'notes/terms.md', '--config', 'strict.json');
      assert.equal(r.status, 0, r.stdout);
      assert.match(r.stderr, /warning: strict\.json:1:\d+: "fintechLens\.noSuch" is not a Fintech Lens setting/);
      const missing = cli(dir, 'check', '--config', 'nope.json');
      assert.equal(missing.status, 2);
      assert.match(missing.stderr, /nope\.json: the configuration file does not exist/);
    });

    it('reports a pack with errors, keeps checking with the others, and exits 2', () => {
      const r = cli(fixture('bad-pack'), 'check');
      assert.equal(r.status, 2);
      assert.match(r.stderr, /packs\/broken\.fintech-pack\.json: the pack has errors and was not loaded \(run `fintech-lens packs` for the problems\)/);
      assert.match(r.stderr, /0 findings in 1 file/);
    });

    it('lists the packs and their problems', () => {
      const ok = cli(fixture('clean'), 'packs');
      assert.equal(ok.status, 0, ok.stdout);
      assert.match(ok.stdout, /^fintech-2026\t.+\t\d+ terms\tbuilt-in\n$/);
      const bad = cli(fixture('bad-pack'), 'packs');
      assert.equal(bad.status, 2);
      assert.match(bad.stdout, /\(not loaded\)\tpacks\/broken\.fintech-pack\.json/);
      assert.match(bad.stdout, /Problems:\n {2}packs\/broken\.fintech-pack\.json:1:\d+ error pack\.[\w-]+ \S/);
    });
  });

  describe('cite', () => {
    it('prints the formatted reference of the built-in report in the chosen style', () => {
      const r = cli(fixture('clean'), 'cite', '--key', 'zhongyan2026jinrong', '--style', 'gbt7714-2025');
      assert.equal(r.status, 0, r.stderr);
      assert.equal(r.stdout, '中研產業研究院. 2026-2030年金融科技產業現狀及未來發展趨勢分析報告[R]. 深圳：中研普華，2026.\n');
    });

    it('reads the key from the bibliography of the draft --file names', () => {
      const r = cli(fixture('findings'), 'cite', '--key', 'known2020', '--file', 'notes/citations.md', '--style', 'apa7');
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stdout, /Chen, L\. \(2020\)\. .*Known Book/);
    });

    it('says so when no entry has the key', () => {
      const r = cli(fixture('clean'), 'cite', '--key', 'nobody');
      assert.equal(r.status, 1);
      assert.match(r.stderr, /no bibliography entry or pack has the key "nobody"/);
    });
  });
  describe('progress', () => {
    it('stays off stderr when it is not a terminal, and goes to stderr only with --progress', () => {
      const plain = cliEnv(fixture('findings'), { FINTECH_LENS_PROGRESS_MS: '0' }, 'check', '--format', 'json');
      assert.doesNotMatch(plain.stderr, /checked…/);
      const shown = cliEnv(fixture('findings'), { FINTECH_LENS_PROGRESS_MS: '0' }, 'check', '--format', 'json', '--progress');
      assert.match(shown.stderr, /fintech-lens: 1 file checked…\n/);
      assert.match(shown.stderr, /fintech-lens: 3 files checked…\n/);
      assert.deepEqual(JSON.parse(shown.stdout), JSON.parse(plain.stdout), 'stdout is the same clean JSON');
      const quiet = cliEnv(fixture('findings'), { FINTECH_LENS_PROGRESS_MS: '0' }, 'check', '--progress', '--quiet');
      assert.equal(quiet.stderr, '');
    });
  });

  describe('import', () => {
    function scratch(): string {
      return fs.mkdtempSync(path.join(os.tmpdir(), 'fintech-lens-cli-import-'));
    }

    for (const [name, make] of [
      ['report.pdf', () => makePdf({ pages: 2 })],
      ['report.docx', () => makeDocx()],
      ['report.html', async () => new TextEncoder().encode(makeHtml())],
    ] as const) {
      it(`converts ${name} to report.md with the report's headings, in order`, async () => {
        const dir = scratch();
        fs.writeFileSync(path.join(dir, name), await make());
        const r = cli(dir, 'import', name, '--progress');
        assert.equal(r.status, 0, r.stderr);
        assert.equal(r.stdout, '');
        assert.match(r.stderr, new RegExp(`imported ${name.replace('.', '\\.')} \\(\\w+, \\d+ headings\\) to report\\.md`));
        const md = fs.readFileSync(path.join(dir, 'report.md'), 'utf8');
        let at = 0;
        for (const s of FIXTURE_REPORT.sections) {
          const h = new RegExp(`^#{2,3} ${s.heading.replace(/[()（）]/g, '.')}$`, 'm').exec(md.slice(at));
          assert.ok(h, `heading ${s.heading} after offset ${at} in\n${md}`);
          at += h.index + h[0].length;
        }
        assert.match(md, new RegExp(`source: "${name.replace('.', '\\.')}"`));
      });
    }

    it('refuses an encrypted PDF, a scan and a damaged file with the reason, exit 2, and writes nothing', async () => {
      const dir = scratch();
      fs.writeFileSync(path.join(dir, 'locked.pdf'), await makePdf({ userPassword: 'secret' }));
      fs.writeFileSync(path.join(dir, 'scan.pdf'), await makeImageOnlyPdf());
      fs.writeFileSync(path.join(dir, 'broken.docx'), 'not a zip');
      const before = fs.readdirSync(dir).sort();
      for (const [file, why] of [['locked.pdf', /encrypted/], ['scan.pdf', /no text layer/], ['broken.docx', /damaged|not a valid/], ['nope.pdf', /no such file/]] as const) {
        const r = cli(dir, 'import', file);
        assert.equal(r.status, 2, `${file}: ${r.stderr}`);
        assert.match(r.stderr, /^fintech-lens: /);
        assert.match(r.stderr, why);
        assert.equal(r.stdout, '');
      }
      assert.deepEqual(fs.readdirSync(dir).sort(), before, 'nothing was written');
    });

    it('never replaces an existing file without --force, and writes to --out', async () => {
      const dir = scratch();
      fs.writeFileSync(path.join(dir, 'report.html'), makeHtml());
      fs.writeFileSync(path.join(dir, 'report.md'), 'mine\n');
      const r = cli(dir, 'import', 'report.html');
      assert.equal(r.status, 2);
      assert.match(r.stderr, /report\.md exists \(use --force/);
      assert.equal(fs.readFileSync(path.join(dir, 'report.md'), 'utf8'), 'mine\n');
      assert.equal(cli(dir, 'import', 'report.html', '--out', 'copy/imported.md').status, 0);
      assert.match(fs.readFileSync(path.join(dir, 'copy', 'imported.md'), 'utf8'), /^## 一、保险科技发展现状$/m);
      assert.equal(cli(dir, 'import', 'report.html', '--force').status, 0);
      assert.notEqual(fs.readFileSync(path.join(dir, 'report.md'), 'utf8'), 'mine\n');
      assert.equal(cli(dir, 'import').status, 2, 'a file is needed');
    });
  });

  describe('create-pack', () => {
    it('drafts <name>.fintech-pack.json that validates against the pack schema and loads', async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fintech-lens-cli-pack-'));
      fs.writeFileSync(path.join(dir, 'report.docx'), await makeDocx());
      assert.equal(cli(dir, 'import', 'report.docx', '--quiet').status, 0);
      const r = cli(dir, 'create-pack', 'report.md', '--publisher', '示例出版社', '--year', '2026', '--terms', '12', '--url', '');
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stderr, /drafted pack [\w-]+ \(12 terms, \d+ sections\) to report\.fintech-pack\.json/);
      const text = fs.readFileSync(path.join(dir, 'report.fintech-pack.json'), 'utf8');
      const pack = JSON.parse(text) as { reference: Record<string, unknown>; glossary: unknown[] };
      const schema = JSON.parse(fs.readFileSync(path.join(ROOT, 'media', 'schemas', 'pack.schema.json'), 'utf8'));
      const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
      assert.ok(validate(pack), JSON.stringify(validate.errors?.slice(0, 5)));
      assert.deepEqual(loadPack(text).problems.map((p) => p.message), []);
      assert.equal(pack.glossary.length, 12);
      assert.equal(pack.reference.publisher, '示例出版社');
      assert.equal(pack.reference.title, FIXTURE_REPORT.title);
      assert.equal(pack.reference.url, undefined);
      // The new pack is a workspace pack the other commands load.
      assert.match(cli(dir, 'packs').stdout, /\t12 terms\treport\.fintech-pack\.json\n/);
      // No overwrite without --force; bad values and non-Markdown input are refused.
      const again = cli(dir, 'create-pack', 'report.md');
      assert.equal(again.status, 2);
      assert.match(again.stderr, /report\.fintech-pack\.json exists/);
      assert.equal(fs.readFileSync(path.join(dir, 'report.fintech-pack.json'), 'utf8'), text);
      assert.equal(cli(dir, 'create-pack', 'report.md', '--year', '26').status, 2);
      const docx = cli(dir, 'create-pack', 'report.docx', '--out', 'other.json');
      assert.equal(docx.status, 2);
      assert.match(docx.stderr, /import it first/);
      assert.ok(!fs.existsSync(path.join(dir, 'other.json')));
    });
  });

  describe('create-pack beside loaded packs', () => {
    it('leaves out the candidates a loaded pack already has, names them, and drafts a pack with no problem', () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fintech-lens-cli-known-'));
      fs.copyFileSync(path.join(ROOT, 'test', 'fixtures', 'draft', 'insurtech-report.txt'), path.join(dir, 'insurtech-report.txt'));
      assert.equal(cli(dir, 'import', 'insurtech-report.txt', '--quiet').status, 0);
      const r = cli(dir, 'create-pack', 'insurtech-report.md');
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stderr, /\(40 terms, \d+ sections\).*; left out \d+ a loaded pack already has: .*大数据 \(fintech-2026\)/);
      const pack = JSON.parse(fs.readFileSync(path.join(dir, 'insurtech-report.fintech-pack.json'), 'utf8')) as { glossary: Array<{ forms: Record<string, string> }> };
      assert.ok(!pack.glossary.some((t) => t.forms['zh-Hans'] === '大数据'));
      // Both packs load side by side with no problem.
      const packs = cli(dir, 'packs');
      assert.equal(packs.status, 0, packs.stdout + packs.stderr);
      assert.deepEqual(packs.stdout.trim().split('\n').map((l) => l.split('\t')[2]), ['78 terms', '40 terms'], packs.stdout);
      // Without the built-in pack nothing is known, so nothing is left out.
      fs.writeFileSync(path.join(dir, '.fintech-lens.json'), JSON.stringify({ 'fintechLens.builtinPack.enabled': false }));
      const alone = cli(dir, 'create-pack', 'insurtech-report.md', '--force');
      assert.equal(alone.status, 0, alone.stderr);
      assert.doesNotMatch(alone.stderr, /left out/);
      const again = JSON.parse(fs.readFileSync(path.join(dir, 'insurtech-report.fintech-pack.json'), 'utf8')) as typeof pack;
      assert.ok(again.glossary.some((t) => t.forms['zh-Hans'] === '大数据'));
    });
  });

  describe('export', () => {
    /** What core/render makes of the fixture draft in GB/T 7714-2025 numeric style (the .fintech-lens.json setting). */
    function expectedHtml(): string {
      const notes = path.join(fixture('export'), 'notes');
      const text = fs.readFileSync(path.join(notes, 'draft.md'), 'utf8');
      const items = new Map<string, CslItem>();
      for (const item of JSON.parse(fs.readFileSync(path.join(notes, 'refs.json'), 'utf8')) as CslItem[]) items.set(String(item.id).toLowerCase(), item);
      const data: RenderData = {
        style: { style: 'gbt7714-2025', system: 'numeric', numbers: 'superscript' },
        sources: renderSourcesOf(items),
        unknownKeyMessage: 'No bibliography entry has the key "{0}".',
      };
      return exportHtml(renderDraftBody(text, data), text, readCiteDocument(text), 'draft.md');
    }

    it('writes the self-contained HTML of Export Draft: numbered citations and the 参考文献 list core/render produces', () => {
      const dir = copyOf('export');
      const r = cli(dir, 'export', 'notes/draft.md');
      assert.equal(r.status, 0, r.stderr);
      assert.equal(r.stdout, '');
      const html = fs.readFileSync(path.join(dir, 'notes', 'draft.html'), 'utf8');
      assert.equal(html, expectedHtml());
      assert.match(html, /<a class="fl-cite-link" href="#ref-li2024">\[1\]<\/a>12<\/sup>/);
      assert.match(html, /<h2 class="fl-references-title">参考文献<\/h2>/);
      assert.match(html, /<span class="fl-entry-label">\[1\]<\/span> <span class="fl-entry-text">李明\. 数字金融概论\[M\]\. 北京：示例出版社，2024\.<\/span>/);
      assert.match(html, /Open Banking &#60;Risks&#62;/, 'bibliography text is escaped');
      assert.doesNotMatch(html, /<script/);
      assert.doesNotMatch(html, /bibliography: refs\.json|<hr>/, 'the front matter is hidden, as in the preview');
      assert.doesNotMatch(html, /<abbr/, 'no glossary tooltips unless asked for');
      // Never replaced without --force.
      const again = cli(dir, 'export', 'notes/draft.md');
      assert.equal(again.status, 2);
      assert.match(again.stderr, /notes\/draft\.html exists/);
    });

    it('writes the rendered Markdown copy, follows --style, and marks unknown keys with a warning', () => {
      const dir = copyOf('export');
      const md = cli(dir, 'export', 'notes/draft.md', '--format', 'md');
      assert.equal(md.status, 0, md.stderr);
      const copy = fs.readFileSync(path.join(dir, 'notes', 'draft.rendered.md'), 'utf8');
      assert.match(copy, /## 参考文献\n\n\\\[1\\\] 李明\. 数字金融概论\\\[M\\\]\. 北京：示例出版社，2024\./);
      assert.doesNotMatch(copy, /\[@li2024/);
      const apa = cli(dir, 'export', 'notes/draft.md', '--style', 'apa7', '--out', '-');
      assert.equal(apa.status, 0, apa.stderr);
      assert.match(apa.stdout, /Smith, J\. \(2023\)\. Open Banking &#60;Risks&#62;\./);
      fs.appendFileSync(path.join(dir, 'notes', 'draft.md'), '\n另见[@ghost2020]。\n');
      const ghost = cli(dir, 'export', 'notes/draft.md', '--out', '-');
      assert.match(ghost.stderr, /warning: no bibliography entry has these keys .*ghost2020/);
      assert.match(ghost.stdout, /fl-cite-unknown/);
      for (const bad of [['--format', 'rtf'], ['--style', 'mla']]) assert.equal(cli(dir, 'export', 'notes/draft.md', ...bad).status, 2);
    });

    it('gives glossary terms their tooltips with --tooltips or the preview.glossaryTooltips setting, as the preview does', () => {
      const dir = copyOf('export');
      fs.appendFileSync(path.join(dir, 'notes', 'draft.md'), '\n监管科技也在发展。\n');
      const flag = cli(dir, 'export', 'notes/draft.md', '--tooltips', '--out', '-');
      assert.equal(flag.status, 0, flag.stderr);
      const abbr = /<abbr class="fintech-lens-term" title="[^"<>]+">监管科技<\/abbr>/;
      assert.match(flag.stdout, abbr);
      fs.writeFileSync(path.join(dir, '.fintech-lens.json'), JSON.stringify({ 'fintechLens.citation.style': 'gbt7714-2025', 'fintechLens.preview.glossaryTooltips': true }));
      const setting = cli(dir, 'export', 'notes/draft.md', '--out', '-');
      assert.equal(setting.status, 0, setting.stderr);
      assert.equal(setting.stdout, flag.stdout);
      assert.equal(cli(dir, 'export', 'notes/draft.md', '--format', 'md', '--tooltips', '--out', '-').status, 0, 'the Markdown copy has no tooltips to add');
      assert.equal(cli(dir, 'check', '--tooltips').status, 2, '--tooltips belongs to export');
    });

    it('says how to get Pandoc when it is missing, and writes nothing', () => {
      const dir = copyOf('export');
      fs.writeFileSync(path.join(dir, '.fintech-lens.json'), JSON.stringify({ 'fintechLens.export.pandocPath': '/nonexistent/pandoc' }));
      const r = cli(dir, 'export', 'notes/draft.md', '--format', 'docx');
      assert.equal(r.status, 2);
      assert.match(r.stderr, /Pandoc was not found \(\/nonexistent\/pandoc\)\. .*pandoc\.org.*--format html works without it/);
      assert.ok(!fs.existsSync(path.join(dir, 'notes', 'draft.docx')));
    });
  });
});
