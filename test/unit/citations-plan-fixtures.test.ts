/**
 * Insertion plans from fixture folders, one case per folder under test/fixtures/citations/plans/:
 *
 * - `input/`: the workspace: the draft (`note.md`, unless `request.json` names another) with
 *   `‸` at each cursor, and any bibliography files;
 * - `request.json`: the command's arguments (`args`), and optionally `trusted`, `settings`,
 *   `folders` (names that are folders), `eol: "crlf"` (every text file is read with CRLF),
 *   `untitled` and `workspace`;
 * - `output/`: every file that must exist afterwards with its text (files of `input/` missing
 *   here must be unchanged), `notes.txt` (the notes, one a line), or `error.txt` (the
 *   message of the refusal; then nothing may change).
 *
 * `UPDATE_FIXTURES=1` writes `output/` from what the planner does now (review the diff).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { CitationError, CitationService, planCitation, type CitationArgs, type CitationSettings } from '../../src/core/citations';
import { MemoryHost, WS } from './helpers/memoryHost';

const ROOT = path.join('test', 'fixtures', 'citations', 'plans');
const CURSOR = '‸';

interface Request {
  args: CitationArgs;
  document?: string;
  trusted?: boolean;
  settings?: Partial<CitationSettings>;
  folders?: string[];
  eol?: 'crlf';
  untitled?: boolean;
  workspace?: boolean;
}

function listFiles(dir: string, base = dir): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? listFiles(p, base) : [path.relative(base, p).split(path.sep).join('/')];
  });
}

async function runCase(dir: string): Promise<void> {
  const req = JSON.parse(fs.readFileSync(path.join(dir, 'request.json'), 'utf8')) as Request;
  const crlf = (s: string) => (req.eol === 'crlf' ? s.replace(/\r?\n/g, '\r\n') : s);
  const host = new MemoryHost();
  const inputs = new Map<string, string>();
  for (const f of listFiles(path.join(dir, 'input'))) inputs.set(f, crlf(fs.readFileSync(path.join(dir, 'input', f), 'utf8')));
  const docPath = req.document ?? 'note.md';
  const draft = inputs.get(docPath);
  assert.ok(draft !== undefined, `input/${docPath}`);
  const parts = draft.split(CURSOR);
  let text = parts[0];
  const cursors: number[] = [];
  for (const part of parts.slice(1)) {
    cursors.push(text.length);
    text += part;
  }
  if (cursors.length === 0) cursors.push(text.length);
  for (const [f, t] of inputs) if (f !== docPath) host.files.set(`${WS}/${f}`, t);
  for (const f of req.folders ?? []) host.folders.add(`${WS}/${f}`);
  host.trusted = req.trusted ?? true;
  host.workspace = req.workspace ?? true;
  host.settingsValue = { ...host.settingsValue, ...req.settings };
  const doc = { ...host.doc(docPath, text), ...(req.untitled ? { uri: 'untitled:Untitled-1', untitled: true } : {}) };
  const service = new CitationService(host);

  const before = new Map(host.files);
  const result: Map<string, string> = new Map();
  try {
    const { sources, syntax } = await service.resolveArgs(doc, req.args);
    const planned = await planCitation(service, doc, cursors, sources, syntax);
    const out = host.apply(doc, planned);
    host.files.delete(doc.uri);
    result.set(docPath, out);
    for (const [f, t] of host.files) if (before.get(f) !== t) result.set(f.slice(WS.length + 1), t);
    if (planned.notes.length) result.set('notes.txt', planned.notes.map((n) => n.message).join('\n') + '\n');
  } catch (e) {
    if (!(e instanceof CitationError)) throw e;
    assert.deepEqual(host.files, before, 'a refusal changes nothing');
    result.set('error.txt', e.message + '\n');
  }

  const outDir = path.join(dir, 'output');
  const lf = (s: string) => s.replace(/\r\n/g, '\n');
  if (process.env.UPDATE_FIXTURES) {
    fs.rmSync(outDir, { recursive: true, force: true });
    for (const [f, t] of result) {
      fs.mkdirSync(path.dirname(path.join(outDir, f)), { recursive: true });
      fs.writeFileSync(path.join(outDir, f), lf(t));
    }
  }
  const expected = listFiles(outDir);
  assert.deepEqual([...result.keys()].sort(), expected.sort(), 'the files that change');
  for (const f of expected) {
    const want = crlf(fs.readFileSync(path.join(outDir, f), 'utf8'));
    const got = result.get(f)!;
    assert.equal(f.endsWith('.txt') ? lf(got) : got, f.endsWith('.txt') ? lf(want) : want, f);
    if (req.eol === 'crlf' && !f.endsWith('.txt')) assert.ok(!/(^|[^\r])\n/.test(got), `${f} keeps CRLF line endings`);
  }
}

describe('citation plans (fixture folders)', () => {
  const cases = fs.existsSync(ROOT) ? fs.readdirSync(ROOT).filter((d) => fs.existsSync(path.join(ROOT, d, 'request.json'))).sort() : [];

  it('has cases', () => assert.ok(cases.length >= 10, `${cases.length} cases`));

  for (const name of cases) it(name, () => runCase(path.join(ROOT, name)));
});
