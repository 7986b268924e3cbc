import * as v8 from 'node:v8';
import { collectGarbageIfLarge } from '../../src/cli/collect-garbage';

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
