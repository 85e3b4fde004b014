/**
 * A superseded report parse is cancelled: the parser stops the busy worker and starts a fresh one for the next
 * request, and the report service's refresh loop (`LatestRun`) cancels the run under way when a newer one is
 * requested and keeps nothing of the stale run. Scheduling only: the worker is a fake channel.
 */
import { strict as assert } from 'node:assert';
import { ParseCancelled, ReportParser, type WorkerChannel } from '../../src/host/parser';
import { LatestRun, Superseded } from '../../src/host/latest';
import type { AnalyzeResult } from '../../src/core/pack/analyze';

class FakeWorker implements WorkerChannel {
  posted: Array<{ id: number; text: string }> = [];
  terminated = false;
  private received: (m: unknown) => void = () => undefined;
  post(message: unknown): void {
    this.posted.push(message as { id: number; text: string });
  }
  listen(received: (m: unknown) => void): void {
    this.received = received;
  }
  terminate(): void {
    this.terminated = true;
  }
  /** Answers the request posted `index`-th. */
  answer(index = 0, result: AnalyzeResult = { bindings: [] }): void {
    this.received({ id: this.posted[index].id, result });
  }
}

const request = (text: string) => ({ text, fileName: 'r.md', packs: [] });

/** Resolves once the promise has settled, with how. */
async function settled<T>(p: Promise<T>): Promise<{ value?: T; error?: unknown }> {
  try {
    return { value: await p };
  } catch (error) {
    return { error };
  }
}

describe('report parser: cancelling a superseded parse', () => {
  it('rejects the parse under way, terminates its worker and starts a fresh one for the next request', async () => {
    const workers: FakeWorker[] = [];
    const parser = new ReportParser(() => {
      const w = new FakeWorker();
      workers.push(w);
      return w;
    });
    const stale = parser.analyze(request('old'));
    assert.equal(workers.length, 1);
    assert.equal(workers[0].posted[0].text, 'old');

    parser.cancel();
    const outcome = await settled(stale);
    assert.ok(outcome.error instanceof ParseCancelled, 'the stale parse rejects as cancelled');
    assert.equal(workers[0].terminated, true, 'the busy worker is stopped');

    const fresh = parser.analyze(request('new'));
    assert.equal(workers.length, 2, 'a new worker takes the next request');
    assert.equal(workers[1].posted[0].text, 'new');
    workers[1].answer(0, { bindings: [{ packId: 'p', sections: [], score: 1, unmatched: [] }] });
    assert.equal((await fresh).bindings[0].packId, 'p');
    assert.equal(parser.mode, 'worker');
  });

  it('ignores a late answer of the stopped worker', async () => {
    const workers: FakeWorker[] = [];
    const parser = new ReportParser(() => {
      const w = new FakeWorker();
      workers.push(w);
      return w;
    });
    const stale = settled(parser.analyze(request('old')));
    parser.cancel();
    workers[0].answer(0);
    assert.ok((await stale).error instanceof ParseCancelled);
  });

  it('keeps an idle worker: cancelling with nothing under way stops nothing', async () => {
    const workers: FakeWorker[] = [];
    const parser = new ReportParser(() => {
      const w = new FakeWorker();
      workers.push(w);
      return w;
    });
    const first = parser.analyze(request('a'));
    workers[0].answer(0);
    await first;
    parser.cancel();
    assert.equal(workers[0].terminated, false);
    const second = parser.analyze(request('b'));
    assert.equal(workers.length, 1);
    workers[0].answer(1);
    await second;
  });

  it('inline (no worker): a queued parse that was cancelled does not run', async () => {
    const parser = new ReportParser(undefined);
    const stale = parser.analyze(request('# 標題\n\n正文'));
    parser.cancel();
    assert.ok((await settled(stale)).error instanceof ParseCancelled);
    assert.deepEqual((await parser.analyze(request('# 標題'))).bindings, []);
  });
});

describe('LatestRun: the refresh loop', () => {
  /** A task whose runs wait on a gate the test opens. */
  function gatedTask() {
    const runs: Array<{ open: () => void; check: () => void }> = [];
    const finished: number[] = [];
    const task = async (check: () => void): Promise<void> => {
      const n = runs.length;
      await new Promise<void>((open) => runs.push({ open, check }));
      check();
      finished.push(n);
    };
    return { runs, finished, task };
  }
  const tick = () => new Promise((r) => setImmediate(r));

  it('a request during a run cancels it once, drops its result and runs once more', async () => {
    const { runs, finished, task } = gatedTask();
    let cancels = 0;
    const errors: unknown[] = [];
    const run = new LatestRun(task, () => cancels++, (e) => errors.push(e));
    const done = run.request();
    await tick();
    assert.equal(runs.length, 1);
    run.request();
    run.request();
    assert.equal(cancels, 1, 'one cancel per superseded run');
    runs[0].open();
    await tick();
    assert.deepEqual(finished, [], 'the superseded run stops at its check');
    assert.equal(runs.length, 2, 'one more run follows, however many requests came');
    runs[1].open();
    await done;
    assert.deepEqual(finished, [1]);
    assert.deepEqual(errors, []);
    assert.equal(run.busy, false);
  });

  it('reports a real failure, not the cancellation of a superseded run', async () => {
    const errors: unknown[] = [];
    let calls = 0;
    let release: () => void = () => undefined;
    const run = new LatestRun(
      async () => {
        calls++;
        if (calls === 1) {
          await new Promise<void>((r) => (release = r));
          throw new ParseCancelled(); // what the cancelled parse rejects with
        }
        throw new Error('broken');
      },
      () => release(),
      (e) => errors.push(e),
    );
    const done = run.request();
    await tick();
    run.request();
    await done;
    assert.equal(calls, 2);
    assert.equal(errors.length, 1);
    assert.equal((errors[0] as Error).message, 'broken');
    assert.ok(!(errors[0] instanceof Superseded));
  });
});
