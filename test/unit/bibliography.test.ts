import type { TextEdit } from '../../src/core/text/types';
import * as assert from 'node:assert/strict';
import { plugins } from '@citation-js/core';
import '@citation-js/plugin-bibtex';
import type { CslItem, CslName } from '../../src/core/pack/types';
import { ONLINE_REPORT_ITEM } from './helpers/csl';
import { bibtexToCsl, latexToText, parseBibtex, parseBibtexNames } from '../../src/core/citations/bibtex';
import {
  bibliographyFormatOf,
  detectEol,
  parseBibliography,
  planBibliographyAppend,
  serializeBibliography,
} from '../../src/core/citations/bibliography';

const apply = (text: string, edit: TextEdit) => text.slice(0, edit.range.start) + edit.newText + text.slice(edit.range.end);

const report: CslItem = ONLINE_REPORT_ITEM;

const BIB = `% A sample bibliography
@string{acs = "ACS Chemical Biology"}

@article{dunbar2013,
  author    = {Dunbar, Kyle L. and Mitchell, Douglas A.},
  title     = {Revealing Nature's Synthetic Potential through the Study of Ribosomal Natural Product Biosynthesis},
  journal   = acs,
  year      = {2013},
  month     = jan,
  volume    = {8},
  number    = {3},
  pages     = {473--487},
  doi       = {10.1021/cb3005325},
  langid    = {american}
}

@book{broken,
  author = {Nobody, A.},
  title  = {An unclosed {title,
  year   = 2020
}

@book{chen2000guoshi,
  author    = {陈登原},
  title     = {国史旧闻},
  volume    = {1},
  address   = {北京},
  publisher = {中华书局},
  year      = {2000},
  langid    = {chinese}
}

@misc{nokey_missing_equals,
  title {Oops}
}

@techreport{who1970,
  author      = {{World Health Organization}},
  title       = {Factors regulating the immune response: report of {WHO} Scientific Group},
  institution = {WHO},
  address     = {Geneva},
  year        = {1970}
}
`;

describe('BibTeX parsing', () => {
  const parsed = parseBibtex(BIB);

  it('keeps the well-formed entries around malformed ones', () => {
    assert.deepEqual(parsed.entries.map((e) => e.key), ['dunbar2013', 'chen2000guoshi', 'who1970']);
  });
  it('reports each malformed entry at its own text', () => {
    assert.equal(parsed.problems.length, 2);
    const [p1, p2] = parsed.problems;
    assert.equal(p1.code, 'bibtex.syntax');
    assert.ok(BIB.slice(p1.range.start, p1.range.end).startsWith('@book{broken,'));
    assert.ok(BIB.slice(p1.range.start, p1.range.end).endsWith('}'));
    assert.ok(!BIB.slice(p1.range.start, p1.range.end).includes('chen2000guoshi'));
    assert.ok(BIB.slice(p2.range.start, p2.range.end).startsWith('@misc{nokey_missing_equals'));
    assert.match(p2.message, /Expected '='/);
  });
  it('gives each entry its exact range and key range', () => {
    const chen = parsed.entries[1];
    const text = BIB.slice(chen.range.start, chen.range.end);
    assert.ok(text.startsWith('@book{chen2000guoshi,'));
    assert.ok(text.endsWith('}'));
    assert.equal(BIB.slice(chen.keyRange.start, chen.keyRange.end), 'chen2000guoshi');
  });
  it('expands @string macros and month names', () => {
    assert.equal(parsed.entries[0].fields.journal, 'ACS Chemical Biology');
    assert.deepEqual(bibtexToCsl(parsed.entries[0]).issued, { 'date-parts': [[2013, 1]] });
  });
  it('flags duplicate keys and keeps the first', () => {
    const r = parseBibtex('@book{a, title={One}}\n@book{A, title={Two}}\n');
    assert.equal(r.entries.length, 1);
    assert.equal(r.entries[0].fields.title, 'One');
    assert.equal(r.problems[0].code, 'bibliography.duplicate-key');
  });
  it('reads parenthesised entries, quoted values, concatenation and comments', () => {
    const r = parseBibtex('@comment{ignored {nested}}\nJunk text me@example.org\n@book(k1, title = "A {B} " # "C", year = 1999)\n');
    assert.equal(r.problems.length, 0);
    assert.equal(r.entries[0].key, 'k1');
    assert.equal(latexToText(r.entries[0].fields.title), 'A B C');
  });
  it('reports an entry that is never closed at the end of the file', () => {
    const text = '@book{ok, title={Fine}}\n\n@book{open, title={Never closed}';
    const r = parseBibtex(text);
    assert.deepEqual(r.entries.map((e) => e.key), ['ok']);
    assert.equal(r.problems.length, 1);
    assert.equal(text.slice(r.problems[0].range.start, r.problems[0].range.end), '@book{open, title={Never closed}');
  });
});

describe('BibTeX to CSL', () => {
  const parsed = parseBibtex(BIB);
  const csl = parsed.entries.map(bibtexToCsl);

  it('converts common fields like citation-js does', () => {
    // citation-js's BibTeX plugin is the reference for field conversion.
    const ref = (plugins as unknown as { input: { chain(x: string, o: object): CslItem[] } }).input.chain(
      BIB.replace(/@book\{broken[\s\S]*?\n\}\n/, '').replace(/@misc\{nokey[\s\S]*?\n\}\n/, ''),
      { target: '@csl/list+object', generateGraph: false },
    );
    for (const mine of csl) {
      const other = ref.find((r) => r.id === mine.id)!;
      for (const field of ['type', 'title', 'container-title', 'volume', 'issue', 'page', 'publisher', 'publisher-place', 'DOI', 'author']) {
        // A braced organisation name is a CSL literal here; citation-js makes it a family name.
        if (mine.id === 'who1970' && field === 'author') continue;
        assert.deepEqual(mine[field], other[field], `${mine.id}.${field}`);
      }
    }
    assert.equal(ref.length, 3);
  });
  it('maps language ids and keeps one-word names whole', () => {
    assert.equal(csl[0].language, 'en-US');
    assert.equal(csl[1].language, 'zh');
    assert.deepEqual(csl[1].author, [{ family: '陈登原' }]);
    assert.deepEqual(csl[2].author, [{ literal: 'World Health Organization' }]);
  });
  it('decodes LaTeX accents, escapes and commands', () => {
    assert.equal(latexToText('M{\\"u}ller \\& S\\o{}rensen --- \\textit{Caf\\\'e} \\url{x} 50\\%'), 'Müller & Sørensen — Café x 50%');
    assert.equal(latexToText('\\v{S}koda and \\c c and {\\\'\\i}'), 'Škoda and ç and í');
    assert.equal(latexToText('\\cite{k} stays'), 'k stays');
  });
  it('parses names with particles, suffixes and organisations', () => {
    assert.deepEqual(parseBibtexNames('Ludwig van Beethoven and King, Jr, Martin Luther and {Bank for International Settlements} and 张, 三'), [
      { given: 'Ludwig', family: 'Beethoven', 'non-dropping-particle': 'van' },
      { family: 'King', given: 'Martin Luther', suffix: 'Jr' },
      { literal: 'Bank for International Settlements' },
      { family: '张', given: '三' },
    ]);
  });
});

describe('BibTeX to CSL: the fields of the GB/T 7714 example records', () => {
  const one = (text: string) => {
    const parsed = parseBibtex(text);
    assert.deepEqual(parsed.problems, []);
    return bibtexToCsl(parsed.entries[0]);
  };
  it('reads translator, langid, urldate, edition, series, version, number, pages and the biblatex names', () => {
    const item = one(`@book{k,
  author = {Boobier, Tony}, translator = {徐超 and 王五}, title = {{AI} and the Future of Banking},
  location = {Chichester}, institution = {John Wiley \\& Sons}, date = {2020-04-27}, urldate = {2025-12-02},
  edition = {Second}, series = {经济科学译库}, version = {2.2}, number = {7}, pages = {35--40}, langid = {american}
}`);
    assert.deepEqual(item.translator, [{ literal: '徐超' }, { literal: '王五' }].map((n) => ({ family: n.literal })));
    assert.equal(item.language, 'en-US');
    assert.deepEqual(item.accessed, { 'date-parts': [[2025, 12, 2]] });
    assert.deepEqual(item.issued, { 'date-parts': [[2020, 4, 27]] });
    assert.equal(item.edition, 'Second');
    assert.equal(item['collection-title'], '经济科学译库');
    assert.equal(item.version, '2.2');
    assert.equal(item.number, '7');
    assert.equal(item.page, '35-40');
    assert.equal(item['publisher-place'], 'Chichester');
    assert.equal(item.publisher, 'John Wiley & Sons');
    // Braces protect words from case changes; the title itself is plain text.
    assert.equal(item.title, 'AI and the Future of Banking');
    assert.deepEqual((item.custom as { protected: unknown }).protected, { title: [[0, 2]] });
    const article = one('@article{a, journaltitle = {Nature}, number = {3}, title = {The Genome of {{\\em Eucalyptus grandis}}}}');
    assert.equal(article['container-title'], 'Nature');
    assert.equal(article.issue, '3');
    assert.deepEqual((article.custom as { protected: unknown }).protected, { title: [[14, 32]] });
  });
  it('reads type codes from mark or type, and the types CSL cannot name', () => {
    assert.equal((one('@misc{m, title = {x}, mark = {A}}').custom as { mark: string }).mark, 'A');
    assert.equal((one('@misc{m, title = {x}, type = {DB}}').custom as { mark: string }).mark, 'DB');
    assert.equal(one('@misc{m, title = {x}, type = {DB}}').genre, undefined);
    assert.equal((one('@proceedings{p, title = {x}}').custom as { mark: string }).mark, 'C');
    assert.deepEqual(
      ['archive', 'letter', 'map', 'image', 'video', 'preprint', 'legislation'].map((t) => one(`@${t}{x, title = {t}}`).type),
      ['manuscript', 'personal_communication', 'map', 'graphic', 'motion_picture', 'article', 'legislation'],
    );
  });
  it('reads date ranges, open and approximate dates, and years written with an era', () => {
    assert.deepEqual(one('@periodical{p, date = {1957/1990}}').issued, { 'date-parts': [[1957], [1990]] });
    assert.deepEqual(one('@periodical{p, date = {1984/}, year = {1984-}}').issued, { 'date-parts': [[1984]], raw: '1984/' });
    assert.deepEqual(one('@book{b, date = {1936~}, year = {[1936]}}').issued, { 'date-parts': [[1936]], circa: true });
    assert.deepEqual(one('@book{b, year = {1865（清同治四年）}}').issued, { literal: '1865（清同治四年）' });
    assert.deepEqual(one('@book{b, year = {c1988}}').issued, { literal: 'c1988' });
  });
  it('reads a patent holder, event title, e-print archive, CSTR, scale, dimensions and "and others"', () => {
    const patent = one('@patent{p, author = {石顺祥 and 许海平}, holder = {西安电子科技大学}, title = {x}}');
    assert.deepEqual(patent.author, [{ family: '西安电子科技大学' }]);
    assert.deepEqual(patent.contributor, [{ family: '石顺祥' }, { family: '许海平' }]);
    const paper = one('@inproceedings{c, eventtitle = {{CVPR}}, archiveprefix = {arXiv}, cstr = {32003.36.x}, title = {x}}');
    assert.equal(paper['event-title'], 'CVPR');
    assert.equal(paper.archive, 'arXiv');
    assert.equal((paper.custom as { cstr: string }).cstr, '32003.36.x');
    const map = one('@map{m, scale = {1:25000}, dimensions = {128cm×84cm}, title = {x}}');
    assert.equal(map.scale, '1:25000');
    assert.equal(map.dimensions, '128cm×84cm');
    assert.deepEqual(parseBibtexNames('김세훈 and others'), [{ family: '김세훈', others: true }]);
    // `{\relax Jiangning}` is one BibTeX "letter": a given name kept whole, not abbreviated.
    assert.deepEqual(parseBibtexNames('Li, {\\relax Jiangning} and Li, Jiang Ning and {\\relax Jiangning} Li'), [
      { family: 'Li', given: 'Jiangning', initialize: false },
      { family: 'Li', given: 'Jiang Ning' },
      { family: 'Li', given: 'Jiangning', initialize: false },
    ]);
    assert.deepEqual(parseBibtexNames('M{\\"u}ller, {\\"U}'), [{ family: 'Müller', given: 'Ü' }]);
    const more = one(`@article{a, shorttitle = {ARA}, shortjournal = {Br Med J}, pagetotal = {813}, pubstate = {prepublished},
  eprint = {1112.6136}, annotation = {10.1002/x}, title = {x}}`);
    assert.deepEqual(
      ['title-short', 'container-title-short', 'number-of-pages', 'status', 'archive_location', 'annote'].map((k) => more[k]),
      ['ARA', 'Br Med J', '813', 'prepublished', '1112.6136', '10.1002/x'],
    );
  });
  it('turns LaTeX quotes into curly quotes', () => {
    assert.equal(latexToText("the ``{Kurosegawa Belt}'' in"), 'the “Kurosegawa Belt” in');
  });
});

describe('CSL-JSON files', () => {
  const JSON_TEXT = `[
    {
        "id": "a",
        "type": "book",
        "title": "First"
    },
    {
        "type": "book",
        "title": "No id"
    },
    {
        "id": "c",
        "title": "No type"
    }
]`;

  it('parses items with their ranges and reports malformed ones at their position', () => {
    const r = parseBibliography(JSON_TEXT, 'csl-json');
    assert.deepEqual(r.entries.map((e) => e.key), ['a', 'c']);
    assert.equal(r.entries[1].item.type, 'document');
    const bad = r.problems.find((p) => p.code === 'csl.missing-id')!;
    assert.ok(JSON_TEXT.slice(bad.range.start, bad.range.end).includes('"No id"'));
    assert.ok(r.problems.some((p) => p.code === 'csl.missing-type' && p.severity === 'warning'));
    const a = r.entries[0];
    assert.ok(JSON_TEXT.slice(a.range.start, a.range.end).startsWith('{'));
    assert.ok(JSON_TEXT.slice(a.range.start, a.range.end).endsWith('}'));
  });
  it('gives exact ranges for plain JSON with nesting, escapes and brackets in strings', () => {
    const text = '\ufeff[{"id":"a","type":"book","title":"x]}\\"[,{"},\n  {"id": "b", "type": "book", "author": [{"family": "Doe"}], "issued": {"date-parts": [[2001, 2]]}} ,"bad", 3 ]';
    const r = parseBibliography(text, 'csl-json');
    assert.deepEqual(r.entries.map((e) => e.key), ['a', 'b']);
    for (const e of r.entries) assert.deepEqual(JSON.parse(text.slice(e.range.start, e.range.end)), e.item);
    assert.deepEqual(r.problems.map((p) => [p.code, text.slice(p.range.start, p.range.end)]), [['csl.not-an-item', '"bad"'], ['csl.not-an-item', '3']]);
  });
  it('keeps the other items when the JSON has a syntax error', () => {
    const text = '[\n  {"id": "a", "type": "book"},\n  {"id": "b", "type": "book" "title": "x"},\n  {"id": "c", "type": "book"}\n]';
    const r = parseBibliography(text, 'csl-json');
    assert.ok(r.problems.some((p) => p.code === 'csl-json.syntax'));
    assert.ok(r.entries.some((e) => e.key === 'a'));
    assert.ok(r.entries.some((e) => e.key === 'c'));
  });
  it('appends before the closing bracket in the file indentation, touching nothing else', () => {
    const plan = planBibliographyAppend(JSON_TEXT, 'csl-json', report);
    assert.ok(plan.edit);
    assert.equal(plan.edit.range.start, plan.edit.range.end, 'an insertion');
    const out = apply(JSON_TEXT, plan.edit);
    const parsed = JSON.parse(out) as CslItem[];
    assert.equal(parsed.length, 4);
    assert.deepEqual(parsed[3], report);
    assert.ok(out.includes('    {\n        "id": "zhongyan2026jinrong",\n        "type": "report",'), out);
    assert.ok(out.startsWith(JSON_TEXT.slice(0, plan.edit.range.start)));
  });
  it('appends to an empty array, an empty file and a CRLF file', () => {
    const empty = apply('[]\n', planBibliographyAppend('[]\n', 'csl-json', report).edit!);
    assert.deepEqual(JSON.parse(empty), [report]);
    assert.equal(empty, serializeBibliography('csl-json', [report]));
    const blank = apply('', planBibliographyAppend('', 'csl-json', report).edit!);
    assert.deepEqual(JSON.parse(blank), [report]);
    const crlf = '[\r\n  {\r\n    "id": "a",\r\n    "type": "book"\r\n  }\r\n]\r\n';
    const out = apply(crlf, planBibliographyAppend(crlf, 'csl-json', report).edit!);
    assert.ok(!/[^\r]\n/.test(out), 'only CRLF line breaks');
    assert.equal((JSON.parse(out) as CslItem[]).length, 2);
  });
  it('keeps a trailing comma style and refuses a file with syntax errors', () => {
    const trailing = '[\n  {"id": "a", "type": "book"},\n]\n';
    const out = apply(trailing, planBibliographyAppend(trailing, 'csl-json', report).edit!);
    assert.match(out, /"type": "book"\},\n {2}\{\n/);
    assert.match(out, /\},\n\]\n$/);
    const broken = planBibliographyAppend('[ {"id": "a" ', 'csl-json', report);
    assert.equal(broken.edit, undefined);
    assert.equal(broken.problem?.code, 'csl-json.syntax');
  });
});

describe('CSL-YAML files', () => {
  const YAML_TEXT = `---
references:
  - id: a
    type: book
    title: First # a comment

  - type: book
    title: No id

  - id: c
    type: report
    issued: 2024-05-06
...
`;

  it('parses items with ranges, normalises string dates and reports malformed items', () => {
    const r = parseBibliography(YAML_TEXT, 'csl-yaml');
    assert.deepEqual(r.entries.map((e) => e.key), ['a', 'c']);
    assert.deepEqual(r.entries[1].item.issued, { 'date-parts': [[2024, 5, 6]] });
    const bad = r.problems.find((p) => p.code === 'csl.missing-id')!;
    assert.ok(YAML_TEXT.slice(bad.range.start, bad.range.end).includes('No id'));
  });
  it('appends after the last item with the list indentation and blank-line separation', () => {
    const plan = planBibliographyAppend(YAML_TEXT, 'csl-yaml', report);
    const out = apply(YAML_TEXT, plan.edit!);
    assert.ok(out.includes('    issued: 2024-05-06\n\n  - id: zhongyan2026jinrong\n    type: report\n'), out);
    assert.ok(out.endsWith('\n...\n'));
    const again = parseBibliography(out, 'csl-yaml');
    assert.deepEqual(again.entries.map((e) => e.key), ['a', 'c', 'zhongyan2026jinrong']);
    assert.deepEqual(again.entries[2].item, report);
  });
  it('appends to a plain list and to an empty file', () => {
    const plain = '- id: a\n  type: book\n';
    const out = apply(plain, planBibliographyAppend(plain, 'csl-yaml', report).edit!);
    assert.deepEqual(parseBibliography(out, 'csl-yaml').entries.map((e) => e.key), ['a', 'zhongyan2026jinrong']);
    const fromEmpty = apply('', planBibliographyAppend('', 'csl-yaml', report).edit!);
    assert.deepEqual(parseBibliography(fromEmpty, 'csl-yaml').entries[0].item, report);
  });
});

describe('BibTeX append', () => {
  it('appends in the file style: alignment, indentation, type case, CRLF', () => {
    const text = '@Article{x,\r\n\tauthor   = {Doe, J.},\r\n\ttitle    = {T},\r\n\tyear     = {2000}\r\n}';
    const plan = planBibliographyAppend(text, 'bibtex', report);
    assert.equal(plan.edit!.range.start, text.length);
    const out = apply(text, plan.edit!);
    assert.ok(out.startsWith(text));
    assert.ok(out.includes('\r\n\r\n@Techreport{zhongyan2026jinrong,\r\n\tauthor   = {{中研產業研究院}},\r\n'), JSON.stringify(out));
    assert.ok(!/[^\r]\n/.test(out));
    const back = parseBibliography(out, 'bibtex');
    assert.equal(back.problems.length, 0);
    const item = back.entries[1].item;
    assert.deepEqual(
      { title: item.title, author: item.author, publisher: item.publisher, issued: item.issued, URL: item.URL, type: item.type },
      { title: report.title, author: report.author, publisher: report.publisher, issued: report.issued, URL: report.URL, type: 'report' },
    );
  });
  it('escapes special characters and protects capitals', () => {
    const item: CslItem = { id: 'k', type: 'book', title: 'AI & RegTech: 50% of {x}', author: [{ family: 'Doe', given: 'J.' }], issued: { 'date-parts': [[2021, 3, 4]] } };
    const text = serializeBibliography('bibtex', [item]);
    assert.match(text, /title = \{\{AI\} \\& \{RegTech\}: 50\\% of \\\{x\\\}\}/);
    assert.match(text, /date = \{2021-03-04\}/);
    const back = parseBibliography(text, 'bibtex').entries[0].item;
    assert.equal(back.title, 'AI & RegTech: 50% of {x}');
    const li = { family: 'Li', given: 'Jiangning', initialize: false } as CslName;
    const whole = serializeBibliography('bibtex', [{ ...item, author: [li] }]);
    assert.match(whole, /author = \{Li, \{\\relax Jiangning\}\}/);
    assert.deepEqual(parseBibliography(whole, 'bibtex').entries[0].item.author, [{ family: 'Li', given: 'Jiangning', initialize: false }]);
    assert.deepEqual(back.issued, { 'date-parts': [[2021, 3, 4]] });
  });
});

describe('bibliography helpers', () => {
  it('tells formats from file names and line endings from text', () => {
    assert.equal(bibliographyFormatOf('refs/My.BIB'), 'bibtex');
    assert.equal(bibliographyFormatOf('references.json'), 'csl-json');
    assert.equal(bibliographyFormatOf('refs.yml'), 'csl-yaml');
    assert.equal(bibliographyFormatOf('notes.md'), undefined);
    assert.equal(detectEol('a\r\nb'), '\r\n');
    assert.equal(detectEol('a\nb\r\n'), '\n');
  });
});
