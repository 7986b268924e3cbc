// The benchmark's verdicts: a target missed says by how much, a run that did not complete or a
// cache whose report differs fails, a missing --cache flag counts as a miss, and per-flow growth
// is the largest rise from a smaller estate to a larger one.
import type { CacheResult } from '../../bench/cache-bench';
import type { Samples } from '../../bench/measure';
import { cacheTarget, checkTarget, failed, memoryTarget, perFlow, perFlowTarget, startupTarget, type SizeResult } from '../../bench/targets';

const s = (median: number): Samples => ({ ms: [median], median, min: median, n: 1 });
const size = (flows: number, checkMs: number, floorMs: number, perFlowUs: number): SizeResult => ({
  flows, files: 1, floor: s(floorMs), check: s(checkMs), ratio: checkMs / floorMs, startupMs: 300, perFlowUs, floorPerFlowUs: 1, reportMB: 1,
});

describe('bench targets', () => {
  it('a ratio over its limit fails with the factor by which it is missed', () => {
    const t = checkTarget(size(100_000, 15_000, 1_000, 100), undefined);
    expect(t.status).toBe('FAIL');
    expect(t.detail).toContain('missed by 5.00x (15x against ≤ 3.00x)');
    expect(t.detail).toContain('12.0 s over 3,000 ms');
    expect(failed(t)).toBe(true);
    expect(checkTarget(size(100_000, 2_900, 1_000, 100), undefined).status).toBe('pass');
  });

  it('the pass-through bound is shown beside the 100k target, and never decides it', () => {
    const missed = { ...size(100_000, 15_000, 1_000, 100), passThrough: { floor: s(1_000), run: s(4_000), ratio: 4 } };
    const t = checkTarget(missed, undefined);
    expect(t.status).toBe('FAIL');
    expect(t.detail).toContain('writing this report alone, nothing judged: 4,000 ms vs 1,000 ms (4.00x), and the check 3.75x that');
    const met = { ...size(100_000, 2_900, 1_000, 100), passThrough: { floor: s(1_000), run: s(4_000), ratio: 4 } };
    expect(checkTarget(met, undefined).status).toBe('pass');
  });

  it('a 100k run that crashed fails, saying why', () => {
    const t = checkTarget(undefined, 'exit 2 after 3.0 s: boom');
    expect(t.status).toBe('FAIL');
    expect(t.detail).toContain('boom');
  });

  it('1M memory: over 2 GB fails by how much; a crash fails with its reason; skipped does not fail', () => {
    const over = memoryTarget('json', { format: 'json', ok: true, ms: 60_000, peakRssMB: 3072 }, false, undefined);
    expect(over.status).toBe('FAIL');
    expect(over.detail).toBe('missed by 1.50x (1,024 MB over)');
    const crash = memoryTarget('sarif', { format: 'sarif', ok: false, ms: 1, peakRssMB: 4000, failure: 'exit 134 (V8 heap out of memory)' }, false, undefined);
    expect(crash.status).toBe('FAIL');
    expect(crash.detail).toContain('V8 heap out of memory');
    expect(memoryTarget('csv', { format: 'csv', ok: true, ms: 1, peakRssMB: 2000 }, false, undefined).status).toBe('pass');
    const skipped = memoryTarget('csv', undefined, true, undefined);
    expect(skipped.status).toBe('skipped');
    expect(failed(skipped)).toBe(false);
    expect(failed(memoryTarget('csv', undefined, false, 'floor crashed'))).toBe(true);
  });

  it('time per flow: the largest rise to a larger estate counts, a drop does not', () => {
    const p = perFlow({ '1k': size(1_000, 0, 1, 200), '10k': size(10_000, 0, 1, 100), '100k': size(100_000, 0, 1, 180), '1M': size(1_000_000, 0, 1, 90) }, ['1k', '10k', '100k', '1M']);
    expect(p?.growth).toBe(1.8); // 10k → 100k; 1k → 1M is a drop
    const t = perFlowTarget(p, ['1k', '10k', '100k', '1M']);
    expect(t.status).toBe('FAIL');
    expect(t.detail).toContain('missed by 1.20x');
  });

  it('time per flow: a size that did not complete fails the target even when the rest is flat', () => {
    const p = perFlow({ '1k': size(1_000, 0, 1, 100), '10k': size(10_000, 0, 1, 100) }, ['1k', '10k', '100k']);
    const t = perFlowTarget(p, ['1k', '10k', '100k']);
    expect(t.status).toBe('FAIL');
    expect(t.detail).toContain('100k did not complete');
  });

  it('time per flow: a size no slower than the one-file check is left out, saying so', () => {
    const p = perFlow({ '1k': size(1_000, 0, 1, -5), '10k': size(10_000, 0, 1, 100), '100k': size(100_000, 0, 1, 110) }, ['1k', '10k', '100k']);
    expect(p?.sizes).toEqual(['10k', '100k']);
    const t = perFlowTarget(p, ['1k', '10k', '100k']);
    expect(t.status).toBe('pass');
    expect(t.detail).toContain('1k left out');
  });

  it('start-up over 3x node fails by how much', () => {
    const t = startupTarget({ command: 'x', node: s(40), dfft: s(240), ratio: 6 }, undefined);
    expect(t.detail).toBe('missed by 2.00x (6.00x against ≤ 3.00x)');
  });

  it('--cache: a missing flag is NOT MEASURED and a miss; a report that differs from the cold one fails even when fast', () => {
    const missing = cacheTarget({ measured: false, flagMissing: true, reason: 'no flag' });
    expect(missing.status).toBe('NOT MEASURED');
    expect(failed(missing)).toBe(true);
    const fast: CacheResult = { measured: true, files: 1035, changed: 10, fillMs: 1, cold: s(10_000), cached: s(1_000), ratio: 0.1, identical: true };
    expect(cacheTarget(fast).status).toBe('pass');
    expect(cacheTarget(fast).what).toContain('10 of 1,035 files changed'); // as measured, not a fixed count
    const wrong = cacheTarget({ ...fast, identical: false, firstDifference: 'repetition 1' });
    expect(wrong.status).toBe('FAIL');
    expect(wrong.detail).toContain('not the cold report');
    const slow = cacheTarget({ ...fast, cached: s(6_000), ratio: 0.6 });
    expect(slow.detail).toBe('missed by 1.50x (60% against ≤ 40%)');
  });
});
