import { strict as assert } from 'node:assert';
import * as fc from 'fast-check';
import { FIXED_SEED, checkProperty, fuzzMultiplier, propertyParams, propertyTimeout } from './config';
import { hostileText, mutate } from './arbitraries';

describe('property-test settings', () => {
  it('npm test uses the fixed seed and the base budget; fuzz scales both', () => {
    const saved = { fuzz: process.env.FUZZ, seed: process.env.FUZZ_SEED };
    try {
      delete process.env.FUZZ;
      delete process.env.FUZZ_SEED;
      const base = propertyParams({ numRuns: 50, timeMs: 200 });
      assert.equal(base.seed, FIXED_SEED);
      assert.equal(base.numRuns, 50);
      assert.equal(base.interruptAfterTimeLimit, 200);
      assert.equal(base.markInterruptAsFailure, false);
      process.env.FUZZ = '10';
      process.env.FUZZ_SEED = '7';
      assert.equal(fuzzMultiplier(), 10);
      const fuzz = propertyParams({ numRuns: 50, timeMs: 200 });
      assert.equal(fuzz.numRuns, 500);
      assert.equal(fuzz.interruptAfterTimeLimit, 2000);
      assert.equal(fuzz.seed, 7);
      assert.ok(propertyTimeout(200) > 2000);
    } finally {
      if (saved.fuzz === undefined) delete process.env.FUZZ; else process.env.FUZZ = saved.fuzz;
      if (saved.seed === undefined) delete process.env.FUZZ_SEED; else process.env.FUZZ_SEED = saved.seed;
    }
  });

  it('a failing property is reported with its counterexample', () => {
    assert.throws(() => checkProperty(fc.property(fc.nat(), (n) => n < 5), { numRuns: 200 }), /Counterexample/);
  });

  it('the shared generators produce hostile text and mutations of a text', function () {
    this.timeout(propertyTimeout());
    const seen = { surrogate: false, crlf: false };
    checkProperty(
      fc.property(hostileText(), (t) => {
        if (/[\uD800-\uDFFF]/.test(t)) seen.surrogate = true;
        if (t.includes('\r\n')) seen.crlf = true;
      }),
      { numRuns: 300 },
    );
    assert.ok(seen.surrogate && seen.crlf, 'hostile text covers surrogates and CRLF');
    checkProperty(fc.property(fc.string().chain((s) => fc.tuple(fc.constant(s), mutate(s))), ([, m]) => typeof m === 'string'));
  });
});
