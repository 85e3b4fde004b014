/** Timing and memory helpers for benchmark entries. */
import * as v8 from 'node:v8';
import * as vm from 'node:vm';

export interface Timing {
  /** Milliseconds per run. */
  median: number;
  p99: number;
  min: number;
  max: number;
  mean: number;
  samples: number[];
}

/** Summarises samples (milliseconds). */
export function summarise(samples: number[]): Timing {
  const sorted = samples.slice().sort((a, b) => a - b);
  const pick = (q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return {
    median,
    p99: pick(0.99),
    min: sorted[0],
    max: sorted[sorted.length - 1],
    mean: sorted.reduce((a, b) => a + b, 0) / sorted.length,
    samples,
  };
}

/**
 * Which clock a measurement reads:
 *  - 'cpu': CPU time of this process (user + system, microsecond resolution). Time the process
 *    spends waiting while other programs use the machine does not count, so figures stay stable
 *    on a busy machine. For synchronous work it equals wall time on an idle machine (helper
 *    threads such as the garbage collector's can only add to it).
 *  - 'wall': elapsed time (performance.now()).
 */
export type Clock = 'cpu' | 'wall';

export interface MeasureOptions {
  /** Timed runs (default 9). */
  runs?: number;
  /** Untimed runs first, to let the JIT settle (default 2). */
  warmup?: number;
  /** Default 'cpu'. */
  clock?: Clock;
}

/** Milliseconds taken by one synchronous call of `fn` on the given clock. */
export function timeOnce(fn: () => unknown, clock: Clock = 'cpu'): number {
  if (clock === 'wall') {
    const t0 = performance.now();
    keep(fn());
    return performance.now() - t0;
  }
  const c0 = process.cpuUsage();
  keep(fn());
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1000;
}

/** Runs `fn` several times and returns the timing of the timed runs (median, p99, …) in ms. */
export function measure(fn: () => unknown, options: MeasureOptions = {}): Timing {
  const runs = Math.max(1, options.runs ?? 9);
  const warmup = Math.max(0, options.warmup ?? 2);
  const clock = options.clock ?? 'cpu';
  for (let i = 0; i < warmup; i++) keep(fn());
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) samples.push(timeOnce(fn, clock));
  return summarise(samples);
}

/**
 * Times each call of `fn(i)` separately on the wall clock, for latency percentiles of short
 * operations (a CPU-time read costs about as much as the operation itself).
 */
export function measureEach(count: number, fn: (i: number) => unknown, warmup = 100): Timing {
  let sink: unknown;
  for (let i = 0; i < warmup; i++) sink = fn(i);
  const samples = new Array<number>(count);
  for (let i = 0; i < count; i++) {
    const t0 = performance.now();
    sink = fn(i);
    samples[i] = performance.now() - t0;
  }
  keep(sink);
  return summarise(samples);
}

let blackhole: unknown;
/** Keeps a value alive so the optimiser cannot drop the work that produced it. */
export function keep(value: unknown): void {
  blackhole = value;
}
export function kept(): unknown {
  return blackhole;
}

let gcFn: (() => void) | undefined;

/** Forces a full garbage collection (exposes V8's gc at run time if node was started without --expose-gc). */
export function forceGc(): void {
  if (!gcFn) {
    const g = (globalThis as { gc?: () => void }).gc;
    if (typeof g === 'function') gcFn = g;
    else {
      v8.setFlagsFromString('--expose-gc');
      gcFn = vm.runInNewContext('gc') as () => void;
    }
  }
  gcFn();
  gcFn();
}

/** JS heap plus off-heap ArrayBuffer memory (typed arrays), in bytes, after a full GC. */
export function retainedBytes(): number {
  forceGc();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

/** Memory retained by the value `build()` returns, in MB (heap + array buffers, after GC). */
export function retainedMb<T>(build: () => T): { value: T; mb: number } {
  const before = retainedBytes();
  const value = build();
  const after = retainedBytes();
  keep(value);
  return { value, mb: (after - before) / (1024 * 1024) };
}
