import * as v8 from 'node:v8';
import { collectGarbageIfLarge, collectingWhileJudging } from '../../src/cli/collect-garbage';

// After a large check, the garbage of judging is collected before the reports are written.
describe('collectGarbageIfLarge', () => {
  it('collects what is no longer reachable when the heap is over the threshold, and nothing below it', () => {
    let garbage: unknown[] | undefined = Array.from({ length: 400_000 }, (_, i) => ({ i, text: `garbage that no one refers to, number ${i}` }));
    const withGarbage = v8.getHeapStatistics().used_heap_size;
    expect(garbage.length).toBe(400_000);
    garbage = undefined;
    expect(collectGarbageIfLarge(Number.POSITIVE_INFINITY)).toBe(false);
    expect(collectGarbageIfLarge(0)).toBe(true);
    // 400k objects with their strings: over 30 MB, all of it freed.
    expect(v8.getHeapStatistics().used_heap_size).toBeLessThan(withGarbage - 20 * 1024 * 1024);
    expect(garbage).toBeUndefined();
  });
});

// During a large check: when judging starts and after each quarter of it, never while reading.
describe('collectingWhileJudging', () => {
  it('collects at the start of judging and at each quarter, and at no other progress', () => {
    const at: number[] = [];
    const listener = collectingWhileJudging(123, (threshold) => {
      expect(threshold).toBe(123);
      at.push(done);
      return true;
    });
    let done = 0;
    for (done = 0; done <= 500; done += 50) listener('reading manifests', done, 500);
    expect(at).toEqual([]);
    for (done = 0; done <= 100_000; done += 1000) listener('checking flows', done, 100_000);
    expect(at).toEqual([0, 25_000, 50_000, 75_000]);
  });

  it('collects once for a check too short to have quarters', () => {
    let count = 0;
    const listener = collectingWhileJudging(0, () => ++count > 0);
    listener('checking flows', 0, 3);
    listener('checking flows', 3, 3);
    expect(count).toBe(1);
  });
});
