/**
 * The citation service's rules with an in-memory host: which bibliography a document uses,
 * workspace trust, keys of packs, the command's arguments, typed locators, references,
 * diagnostics and the quick fix that adds a pack's entry.
 */
import * as assert from 'node:assert/strict';
import { CITATION_MESSAGES, CitationError, CitationService, parseLocatorText, planAddEntry } from '../../src/core/citations';
import { applyTextEdits } from '../../src/core/citations/insert';
import { builtinPack, MemoryHost, WS } from './helpers/memoryHost';

const KEY = 'zhongyan2026jinrong';
const BIB = '@book{chen2000guoshi,\n  title = {国史旧闻},\n  year = {2000}\n}\n';

function setup(files: Record<string, string> = {}): { host: MemoryHost; service: CitationService } {
  const host = new MemoryHost(files);
  return { host, service: new CitationService(host) };
}

async function rejects(p: Promise<unknown>, template: string): Promise<void> {
  await assert.rejects(p, (e: unknown) => e instanceof CitationError && e.detail.template === template);
}

describe('citation service: the bibliography a document uses', () => {
  it('reads the files the front matter names, relative to the document', async () => {
    const { service } = setup({ 'notes/refs.bib': BIB });
    const bib = await service.bibliography({ uri: `${WS}/notes/note.md`, text: '---\nbibliography: refs.bib\n---\nText\n' });
    assert.equal(bib.origin, 'front-matter');
    assert.equal(bib.files[0].file, `${WS}/notes/refs.bib`);
    assert.equal(bib.files[0].status, 'ok');
    assert.deepEqual([...bib.keys], ['chen2000guoshi']);
  });

  it('falls back to the setting, relative to the workspace folder, with or without ${workspaceFolder}', async () => {
    const { host, service } = setup({ 'refs.bib': BIB });
    for (const setting of ['refs.bib', '${workspaceFolder}/refs.bib', ' ${workspaceFolder}\\refs.bib ']) {
      host.settingsValue = { ...host.settingsValue, bibliography: setting };
      const bib = await service.bibliography(host.doc('notes/deep/note.md', 'Text\n'));
      assert.equal(bib.origin, 'setting', setting);
      assert.equal(bib.files[0].file, `${WS}/refs.bib`, setting);
    }
  });

  it('prefers the front matter to the setting', async () => {
    const { host, service } = setup({ 'a.bib': BIB });
    host.settingsValue = { ...host.settingsValue, bibliography: 'other.json' };
    const bib = await service.bibliography(host.doc('note.md', '---\nbibliography: [a.bib]\n---\n'));
    assert.deepEqual(bib.files.map((f) => f.path), ['a.bib']);
  });

  it('ignores the setting in an untrusted workspace (and reads nothing)', async () => {
    const { host, service } = setup({ 'refs.bib': BIB });
    host.settingsValue = { ...host.settingsValue, bibliography: 'refs.bib' };
    host.trusted = false;
    const bib = await service.bibliography(host.doc('note.md', 'Text\n'));
    assert.equal(bib.origin, 'none');
    assert.deepEqual(bib.files, []);
    assert.deepEqual(host.reads, []);
  });

  it('tells missing, unreadable and unsupported files apart', async () => {
    const { host, service } = setup({ 'bin.json': '' });
    host.folders.add(`${WS}/dir.json`);
    host.binary.add(`${WS}/bin.json`);
    const bib = await service.bibliography(host.doc('note.md', '---\nbibliography: [gone.yaml, dir.json, bin.json, refs.txt]\n---\n'));
    assert.deepEqual(
      bib.files.map((f) => [f.path, f.status, f.reason?.kind]),
      [
        ['gone.yaml', 'missing', undefined],
        ['dir.json', 'unreadable', 'folder'],
        ['bin.json', 'unreadable', 'not-utf8'],
        ['refs.txt', 'unsupported', undefined],
      ],
    );
    assert.ok(!host.reads.includes(`${WS}/refs.txt`), 'a file of unknown format is not read');
  });

  it('cannot resolve a relative path for an untitled document outside a workspace', async () => {
    const { host, service } = setup();
    host.workspace = false;
    const bib = await service.bibliography({ uri: 'untitled:Untitled-1', text: '---\nbibliography: refs.bib\n---\n', untitled: true });
    assert.deepEqual(bib.files, [{ path: 'refs.bib', status: 'unreadable', reason: { kind: 'no-folder' } }]);
  });

  it('parses a file again only when its text changes', async () => {
    const { host, service } = setup({ 'refs.bib': BIB });
    const doc = host.doc('note.md', '---\nbibliography: refs.bib\n---\n');
    const a = (await service.bibliography(doc)).files[0].loaded;
    const b = (await service.bibliography(doc)).files[0].loaded;
    assert.equal(a, b);
    host.files.set(`${WS}/refs.bib`, BIB + '@misc{other, title = {Other}}\n');
    const c = (await service.bibliography(doc)).files[0].loaded!;
    assert.notEqual(c, a);
    assert.ok(c.keys.has('other'));
  });
});

describe('citation service: sources and keys', () => {
  it('keys a pack by the entry of the same work (across scripts and punctuation), else by its own id', async () => {
    const simplified = '[{ "id": "zy", "type": "report", "title": "2026－2030 年金融科技产业现状及未来发展趋势分析报告" }]';
    const { host, service } = setup({ 'refs.json': simplified, 'other.json': '[{ "id": "x", "type": "book", "title": "X" }]' });
    const pack = builtinPack();
    assert.equal(service.packKey(pack, await service.bibliography(host.doc('a.md', '---\nbibliography: refs.json\n---\n'))), 'zy');
    assert.equal(service.packKey(pack, await service.bibliography(host.doc('b.md', '---\nbibliography: other.json\n---\n'))), KEY);
  });

  it('makes a fresh key when the pack\'s own id is taken by another work or is not a plain key', async () => {
    const { host, service } = setup({ 'refs.json': `[{ "id": "${KEY}", "type": "book", "title": "Another work" }]` });
    const bib = await service.bibliography(host.doc('a.md', '---\nbibliography: refs.json\n---\n'));
    assert.equal(service.packKey(builtinPack(), bib), `${KEY}a`);
    const odd = { ...builtinPack(), reference: { ...builtinPack().reference, id: 'has space' } };
    assert.equal(service.packKey(odd, { origin: 'none', files: [], keys: new Set() }), KEY);
  });

  it('lists the packs first, then the bibliography\'s other entries, each key once', async () => {
    const { host, service } = setup({ 'refs.json': `[{ "id": "${KEY}", "type": "report", "title": "2026-2030年金融科技產業現狀及未來發展趨勢分析報告" }, { "id": "b", "type": "book", "title": "B" }]` });
    const { items } = await service.sources(host.doc('a.md', '---\nbibliography: refs.json\n---\n'));
    assert.deepEqual(items.map((i) => [i.source.kind, i.source.key]), [['pack', KEY], ['bibliography', 'b']]);
    assert.match(items[0].pick.detail, /金融科技/, 'the pack name in the display script');
  });

  it('finds a pack by its id or its reference key, in any case', () => {
    const { service } = setup();
    assert.equal(service.findPack('fintech-2026')?.id, 'fintech-2026');
    assert.equal(service.findPack(KEY.toUpperCase())?.id, 'fintech-2026');
    assert.equal(service.findPack('nope'), undefined);
  });
});

describe('citation service: the command\'s arguments', () => {
  const doc = { uri: `${WS}/a.md`, text: 'Text\n' };

  it('rejects an empty source, a source of the wrong type and an unknown syntax', async () => {
    const { service } = setup();
    await rejects(service.resolveArgs(doc, { source: '' }), CITATION_MESSAGES.badSource);
    await rejects(service.resolveArgs(doc, { source: [] }), CITATION_MESSAGES.badSource);
    await rejects(service.resolveArgs(doc, { source: 5 as unknown as string }), CITATION_MESSAGES.badSource);
    await rejects(service.resolveArgs(doc, { source: 'fintech-2026', syntax: 'latex' as 'pandoc' }), CITATION_MESSAGES.badSyntax);
    await rejects(service.resolveArgs(doc, { source: ['fintech-2026', 'nope'] }), CITATION_MESSAGES.unknownSource);
  });

  it('resolves a section to its number (title kept for display), a passage, and a page that wins', async () => {
    const { service } = setup();
    const outline = builtinPack().outline;
    const s13 = outline.flatMap((s) => [s, ...(s.children ?? [])]).find((s) => s.number === '1.3')!;
    const again = await service.resolveArgs(doc, { source: 'fintech-2026', locator: { section: s13.id, paragraph: 2 } });
    assert.deepEqual(again.sources[0].locator, { label: 'section', value: '1.3', text: s13.title, paragraph: '2' });
    const page = await service.resolveArgs(doc, { source: 'fintech-2026', locator: { section: s13.id, page: ' 29 ' } });
    assert.deepEqual(page.sources[0].locator, { label: 'page', value: '29' });
    const bad = await service.resolveArgs(doc, { source: 'fintech-2026', locator: { paragraph: 0 } });
    assert.equal(bad.sources[0].locator, undefined, 'a paragraph must be a positive integer');
    assert.equal(bad.syntax, 'pandoc', 'the setting');
  });

  it('rejects a section the pack does not have', async () => {
    const { service } = setup();
    await rejects(service.resolveArgs(doc, { source: 'fintech-2026', locator: { section: '9.9' } }), CITATION_MESSAGES.noSection);
  });

  it('cites a bibliography entry under its own key, with any section text', async () => {
    const { host, service } = setup({ 'refs.bib': BIB });
    const r = await service.resolveArgs(host.doc('n.md', '---\nbibliography: refs.bib\n---\n'), { source: ['CHEN2000GUOSHI', 'fintech-2026'], locator: { section: 'Intro' }, syntax: 'footnote' });
    assert.deepEqual(r.sources.map((s) => [s.kind, s.key, s.locator]), [['bibliography', 'chen2000guoshi', { label: 'section', value: 'Intro' }], ['pack', KEY, undefined]]);
    assert.equal(r.syntax, 'footnote');
  });
});

describe('citation service: typed locators', () => {
  const cases: Array<[string, ReturnType<typeof parseLocatorText>]> = [
    ['', undefined],
    ['  ', undefined],
    ['29', { label: 'page', value: '29' }],
    ['24 - 29', { label: 'page', value: '24-29' }],
    ['p. 29', { label: 'page', value: '29' }],
    ['pp. 24–29', { label: 'page', value: '24–29' }],
    ['pages 3', { label: 'page', value: '3' }],
    ['p29', { label: 'page', value: '29' }],
    ['P 5', { label: 'page', value: '5' }],
    ['第 29 页', { label: 'page', value: '29' }],
    ['第24-29頁', { label: 'page', value: '24-29' }],
    ['para. 3', { label: 'paragraph', value: '3' }],
    ['¶ 4', { label: 'paragraph', value: '4' }],
    ['第 3 段', { label: 'paragraph', value: '3' }],
    ['sec. 1.3', { label: 'section', value: '1.3' }],
    ['§ 2', { label: 'section', value: '2' }],
    ['第 1.3 节', { label: 'section', value: '1.3' }],
    ['第二章', { label: 'section', value: '二' }],
    ['Introduction', { label: 'section', value: 'Introduction' }],
  ];
  for (const [input, want] of cases) it(JSON.stringify(input), () => assert.deepEqual(parseLocatorText(input), want));
});

describe('citation service: references and diagnostics', () => {
  it('formats a key from the bibliography first, else from a pack', async () => {
    const { host, service } = setup({ 'refs.bib': BIB });
    host.settingsValue = { ...host.settingsValue, style: 'gbt7714-2015' };
    const doc = host.doc('n.md', '---\nbibliography: refs.bib\n---\n');
    const bib = await service.reference(doc, 'chen2000guoshi', 'p. 3');
    assert.equal(bib?.source, 'bibliography');
    assert.equal(bib?.path, 'refs.bib');
    assert.match(bib!.text, /国史旧闻/);
    const pack = await service.reference(doc, KEY);
    assert.equal(pack?.source, 'pack');
    assert.match(pack!.text, /金融科技/);
    assert.equal(await service.reference(doc, 'nope'), undefined);
  });

  it('reports unknown keys and footnotes with templates and arguments', async () => {
    const { host, service } = setup({ 'refs.bib': BIB });
    const text = '---\nbibliography: refs.bib\n---\n\nA [@chen2000guoshi] [-@{odd,key}] [@nope] b[^1] c[^2].\n\n[^2]: x\n[^2]: y\n[^3]: z\n';
    const { document } = await service.diagnose(host.doc('n.md', text));
    const got = document.map((p) => [p.code, p.template, p.args, text.slice(p.range.start, p.range.end)]);
    assert.deepEqual(got, [
      ['citation.unknown-key', CITATION_MESSAGES.unknownKey, ['odd,key'], '-@{odd,key}'],
      ['citation.unknown-key', CITATION_MESSAGES.unknownKey, ['nope'], '@nope'],
      ['footnote.undefined', CITATION_MESSAGES.footnoteUndefined, ['[^1]'], '[^1]'],
      ['footnote.duplicate', CITATION_MESSAGES.footnoteDuplicate, ['[^2]'], '[^2]'],
      ['footnote.unused', CITATION_MESSAGES.footnoteUnused, ['[^3]'], '[^3]'],
    ]);
    for (const p of document) assert.ok(!p.message.includes('{'), p.message);
  });

  it('puts problems of the bibliography files at their name in the front matter, and checks no keys while one is unreadable', async () => {
    const { host, service } = setup({ 'ok.json': '[{ "id": "a", "type": "book", "title": "A" }, { "id": 5 }]' });
    host.folders.add(`${WS}/dir.bib`);
    const text = '---\nbibliography: [ok.json, gone.yaml, dir.bib, x.txt]\n---\n\n[@unknown]\n';
    const { document, files } = await service.diagnose(host.doc('n.md', text));
    assert.deepEqual(
      document.map((p) => [p.code, p.severity, text.slice(p.range.start, p.range.end), p.message]),
      [
        ['bibliography.missing', 'warning', 'gone.yaml', 'The bibliography gone.yaml does not exist; it is created when a citation adds an entry to it.'],
        ['bibliography.unreadable', 'error', 'dir.bib', 'Cannot read the bibliography dir.bib: it is a folder'],
        ['bibliography.unsupported', 'warning', 'x.txt', 'The bibliography x.txt is not BibTeX, CSL-JSON or CSL-YAML; its entries are not read.'],
      ],
    );
    assert.equal(files.length, 1);
    assert.equal(files[0].file, `${WS}/ok.json`);
    assert.ok(files[0].problems.length >= 1, 'the malformed item');
  });

  it('checks in-text citations as Pandoc reads them, at information severity, in a draft that cites', async () => {
    const { host, service } = setup({ 'refs.bib': BIB });
    const text = '---\nbibliography: refs.bib\n---\n\n'
      + '@chen2000guoshi [p. 29] 指出，@nope2001 也提到；寫信至 a@example.com，`@code`。\n';
    const { document } = await service.diagnose(host.doc('n.md', text));
    assert.deepEqual(
      document.map((p) => [p.code, p.severity, p.template, p.args, text.slice(p.range.start, p.range.end)]),
      [['citation.unknown-key', 'information', CITATION_MESSAGES.unknownInTextKey, ['nope2001'], '@nope2001']],
    );
    const message = 'No bibliography entry has the key "nope2001". Pandoc reads @nope2001 as a citation; write \\@ for a plain @.';
    assert.equal(document[0].message, message);
    // A note that neither cites in brackets nor names a bibliography is not taken for a draft: `@name` stays text.
    const plain = await service.diagnose(host.doc('p.md', 'Ask @someone about it.\n'));
    assert.deepEqual(plain.document, []);
    // It is checked once the draft cites.
    const citing = await service.diagnose(host.doc('c.md', 'Ask @someone about [@chen2000guoshi].\n'));
    const unknown = citing.document.filter((p) => p.code === 'citation.unknown-key');
    assert.deepEqual(unknown.map((p) => [p.severity, p.args]), [['information', ['someone']], ['warning', ['chen2000guoshi']]]);
  });

  it('puts a problem of the setting\'s file at the start of the document', async () => {
    const { host, service } = setup();
    host.settingsValue = { ...host.settingsValue, bibliography: 'gone.bib' };
    const { document } = await service.diagnose(host.doc('n.md', 'Text [@x].\n'));
    assert.deepEqual(document.map((p) => [p.code, p.range]), [['citation.unknown-key', { start: 6, end: 8 }], ['bibliography.missing', { start: 0, end: 0 }]]);
  });
});

describe('citation service: the quick fix that adds a pack\'s entry', () => {
  it('creates references.json beside the document and names it in the front matter', async () => {
    const { host, service } = setup();
    const doc = host.doc('n.md', `Claim [@${KEY}].\n`);
    const changes = (await planAddEntry(service, doc, KEY, builtinPack()))!;
    assert.equal(changes.create?.file, `${WS}/references.json`);
    assert.equal(JSON.parse(changes.create!.content)[0].id, KEY);
    assert.equal(applyTextEdits(doc.text, changes.documentEdits), `---\nbibliography: references.json\n---\n\nClaim [@${KEY}].\n`);
  });

  it('appends to the file the document names, and to one that does not exist yet', async () => {
    const { host, service } = setup({ 'refs.bib': BIB });
    const changes = (await planAddEntry(service, host.doc('n.md', '---\nbibliography: refs.bib\n---\n'), 'zy', builtinPack()))!;
    assert.deepEqual(changes.documentEdits, []);
    assert.match(applyTextEdits(BIB, changes.fileEdits[0].edits), /\n\n@techreport\{zy,/);
    const missing = (await planAddEntry(service, host.doc('m.md', '---\nbibliography: new.yaml\n---\n'), 'zy', builtinPack()))!;
    assert.equal(missing.create?.file, `${WS}/new.yaml`);
    assert.match(missing.create!.content, /^references:\n- id: zy/);
  });

  it('changes nothing in an untrusted workspace or beside an unreadable bibliography', async () => {
    const { host, service } = setup();
    host.folders.add(`${WS}/dir.json`);
    assert.equal(await planAddEntry(service, host.doc('n.md', '---\nbibliography: dir.json\n---\n'), KEY, builtinPack()), undefined);
    host.trusted = false;
    assert.equal(await planAddEntry(service, host.doc('n.md', 'Text\n'), KEY, builtinPack()), undefined);
  });
});
