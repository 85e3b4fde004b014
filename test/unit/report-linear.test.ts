/**
 * The report parser runs in time linear in the report's size. Time is not measured here (that is the bench's
 * job, `npm run bench -- --filter report`): the tests count the work instead. `IdAllocator` counts its probes,
 * and a parse's searches are counted by instrumenting the built-in lookups it can use (`Set#has`, `Map#get`, and
 * the array scans, which cost the array's length). 10× the input must cost at most about 10× the searches.
 */
import { strict as assert } from 'node:assert';
import { parseReport } from '../../src/core/report';
import { IdAllocator } from '../../src/core/report/assemble';

/** Runs `fn` while counting lookups: one per set or map lookup, the array's length per array scan. */
function countSearches(fn: () => void): number {
  let cost = 0;
  const saved: Array<[object, string, unknown]> = [];
  const wrap = (proto: object, name: string, weigh: (self: unknown) => number): void => {
    const original = (proto as Record<string, (...a: unknown[]) => unknown>)[name];
    saved.push([proto, name, original]);
    Object.defineProperty(proto, name, {
      configurable: true,
      writable: true,
      value: function (this: unknown, ...args: unknown[]) {
        cost += weigh(this);
        return original.apply(this, args);
      },
    });
  };
  const one = (): number => 1;
  const length = (self: unknown): number => (self as unknown[]).length;
  wrap(Set.prototype, 'has', one);
  wrap(Map.prototype, 'get', one);
  wrap(Map.prototype, 'has', one);
  for (const name of ['find', 'findIndex', 'indexOf', 'includes', 'some', 'filter', 'lastIndexOf']) wrap(Array.prototype, name, length);
  try {
    fn();
  } finally {
    for (const [proto, name, value] of saved) Object.defineProperty(proto, name, { configurable: true, writable: true, value });
  }
  return cost;
}

function repeated(line: string, count: number, sep = '\n'): string {
  return Array.from({ length: count }, () => line).join(sep);
}

/** Asserts that 10× the input costs at most `limit`× the searches of 1×. */
function assertLinear(make: (n: number) => string, n: number, fileName: string, limit = 12): { small: number; large: number } {
  const small = countSearches(() => parseReport(make(n), { fileName }));
  const large = countSearches(() => parseReport(make(10 * n), { fileName }));
  assert.ok(small > 0, 'the instrumentation saw the parse');
  assert.ok(large <= limit * small, `10× the input cost ${(large / small).toFixed(1)}× the searches (${small} → ${large})`);
  return { small, large };
}

describe('report parser: linear in the size of the report', () => {
  it('gives n repeats of one id in O(n) probes', () => {
    const ids = new IdAllocator();
    const out = Array.from({ length: 10_000 }, () => ids.take('1'));
    assert.equal(out[0], '1');
    assert.equal(out[1], '1~2');
    assert.equal(out[9_999], '1~10000');
    assert.equal(new Set(out).size, 10_000);
    assert.ok(ids.probes <= 10_000, `${ids.probes} probes`);
  });

  it('keeps ids unique when a suffixed id is also a base', () => {
    const ids = new IdAllocator();
    assert.deepEqual([ids.take('a'), ids.take('a~2'), ids.take('a'), ids.take('a')], ['a', 'a~2', 'a~3', 'a~4']);
  });

  it('pins the ids of repeated headings: the n-th repeat of a base is `<base>~n`, in document order', () => {
    const md = parseReport(repeated('## 1 標題\n\n正文。', 10_000, '\n\n'), { fileName: 'r.md' });
    assert.deepEqual(md.sections.map((s) => s.id), Array.from({ length: 10_000 }, (_, i) => (i === 0 ? '1' : `1~${i + 1}`)));
    assert.deepEqual(md.passages.map((p) => p.id), md.sections.map((s) => `${s.id}#1`));
    assert.deepEqual(md.passages.map((p) => p.sectionId), md.sections.map((s) => s.id));

    const nested = parseReport(repeated('## 1 標題\n\n正文。\n\n### 1.1 小節\n\n正文。\n\n### 小節\n\n正文。', 3, '\n\n'), { fileName: 'r.md' });
    assert.deepEqual(
      nested.sections.map((s) => [s.id, s.parentId]),
      [
        ['1', undefined], ['1.1', '1'], ['1.2', '1'],
        ['1~2', undefined], ['1.1~2', '1~2'], ['1.2~2', '1~2'],
        ['1~3', undefined], ['1.1~3', '1~3'], ['1.2~3', '1~3'],
      ],
    );
    assert.deepEqual(nested.sections[3].childIds, ['1.1~2', '1.2~2']);

    const closings = parseReport(repeated('## 結語\n\n正文。', 3, '\n\n'), { fileName: 'r.md' });
    assert.deepEqual(closings.sections.map((s) => s.id), ['conclusion', 'conclusion~2', 'conclusion~3']);

    const plain = parseReport(`正文。\n\n${repeated('1. 標題\n正文。', 5)}`, { fileName: 'r.txt' });
    assert.deepEqual(plain.sections.map((s) => s.id), ['intro', '1', '1~2', '1~3', '1~4', '1~5']);
    assert.deepEqual(plain.passages.map((p) => p.id), ['intro#1', '1#1', '1~2#1', '1~3#1', '1~4#1', '1~5#1']);
  });

  it('10,000 plain-text lines `1. 標題`: unique ids, searches linear', () => {
    const text = repeated('1. 標題', 10_000);
    const r = parseReport(text, { fileName: 'r.txt' });
    assert.equal(r.sections.length, 10_000);
    assert.equal(new Set(r.sections.map((s) => s.id)).size, 10_000);
    assert.equal(r.sections[9_999].id, '1~10000');
    assertLinear((n) => repeated('1. 標題', n), 1_000, 'r.txt');
  });

  it('80 KB of Markdown `## 1 標題`: unique ids, searches linear', () => {
    const line = '## 1 標題';
    const count = Math.ceil(80_000 / (line.length + 2));
    const r = parseReport(repeated(line, count, '\n\n'), { fileName: 'r.md' });
    assert.equal(r.sections.length, count);
    assert.equal(new Set(r.sections.map((s) => s.id)).size, count);
    assertLinear((n) => repeated(line, n, '\n\n'), 200, 'r.md');
  });

  it('a plain-text conclusion of many paragraphs is split off in linear time', () => {
    const make = (n: number): string =>
      ['行業概況', '1.1 第一節', '正文。', '1.2 第二節', '正文。', '1.3 第三節', '正文。', '1.4 第四節', repeated('結論段落。', n)].join('\n');
    const r = parseReport(make(2_000), { fileName: 'r.txt' });
    const conclusion = r.sections.find((s) => s.kind === 'conclusion');
    assert.ok(conclusion, 'a conclusion is split off');
    assert.equal(conclusion.passageIds.length, 1_999);
    assert.equal(r.sections.filter((s) => s.kind === 'section').pop()!.passageIds.length, 1);
    assert.ok(r.passages.every((p) => r.sections.some((s) => s.id === p.sectionId && s.passageIds.includes(p.id))));
    assertLinear(make, 500, 'r.txt');
  });
});
