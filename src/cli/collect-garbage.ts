import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import type { ProgressListener } from '../index';

/**
 * Heap in use above which `dfft check` collects garbage itself (when judging starts, after each
 * quarter of it, and before writing). Below it V8's own collections, mostly concurrent, cost
 * less: at 256 MB a 100k check (about 280 MB of heap, more with --cache) paid 86-150 ms per forced
 * collection, 0.25 s of a cached run, for a peak 10-20 MB lower; at 1M flows, where the forced
 * collections bound the peak, the heap is over 1 GB at each of them.
 */
export const LARGE_HEAP_BYTES = 512 * 1024 * 1024;

/**
 * A full garbage collection after a large check, before its reports are formatted. Once judged,
 * the estate's parsed manifests and graph (about half the heap at 1M flows) are garbage, but V8
 * collects the old generation only when it reaches a limit set long before, so formatting grew
 * the heap on top of them: at 1M flows the peak RSS was 2.45 GB without this and 2.27 GB with it
 * for sarif, 2.38 and 2.28 GB for json. Node hands the collector only to a process started with
 * --expose-gc, so the flag is set here and the function taken from a new context (as the
 * expose-gc package does). Below the threshold the pause is not worth it. Returns whether it ran.
 */
export function collectGarbageIfLarge(threshold = LARGE_HEAP_BYTES): boolean {
  if (v8.getHeapStatistics().used_heap_size < threshold) return false;
  const gc = collector();
  if (gc === undefined) return false;
  gc();
  return true;
}

/** The collector, taken once: a check asks for it up to five times, and each new context costs. */
let gcFunction: (() => void) | null | undefined;

function collector(): (() => void) | undefined {
  if (gcFunction === undefined) {
    v8.setFlagsFromString('--expose-gc');
    const gc: unknown = vm.runInNewContext('gc');
    gcFunction = typeof gc === 'function' ? (gc as () => void) : null;
  }
  return gcFunction ?? undefined;
}

/** Parts of judging after each of which a large check collects its garbage. */
const JUDGING_PARTS = 4;

/**
 * Full collections during a large check, driven by its progress: when judging starts, with the
 * garbage of reading and resolving the estate still on the heap (0.6 GB at 1M flows), and after
 * each quarter of judging (what it kept a while and dropped: 0.3 GB at 1M). V8 lets the old
 * generation grow to up to four times what was live at its last full collection, so this garbage
 * rode on top of the graph and the report: a 1M-flow check peaked at 1.98-2.12 GB RSS without
 * these collections and 1.84 GB with them, in the same time (each takes 1-2 s at 1M, and saves V8
 * its own). The heap threshold is collectGarbageIfLarge's: a small check is left alone.
 */
export function collectingWhileJudging(threshold = LARGE_HEAP_BYTES, collect: (threshold: number) => boolean = collectGarbageIfLarge): ProgressListener {
  let next = 0;
  return (stage, done, total) => {
    if (stage !== 'checking flows' || done < next || done >= total) return;
    collect(threshold);
    next = done + Math.max(1, total / JUDGING_PARTS);
  };
}
