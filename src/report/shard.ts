import { diagnostic, type Diagnostic } from '../source/diagnostic';
import type { Report } from '../types';

/** One part of a run split by flows: shard `index` (1-based) of `count`. */
export interface ShardSpec {
  index: number;
  count: number;
}

/** What a shard report says of itself (`report.shard`). */
export type ShardInfo = NonNullable<Report['shard']>;

/**
 * The flows shard i of n covers, out of `flows` in the model's order: the contiguous range
 * floor((i-1)·N/n) .. floor(i·N/n) - 1, so the shards differ in size by at most one flow and
 * their ranges, in index order, tile 0..N-1 exactly.
 */
export function shardRange(spec: ShardSpec, flows: number): ShardInfo {
  const start = Math.floor(((spec.index - 1) * flows) / spec.count);
  const end = Math.floor((spec.index * flows) / spec.count);
  return { index: spec.index, count: spec.count, start, end, flows };
}

/** Reads "i/n" (1 ≤ i ≤ n), as `--shard` takes it; an error names the value. */
export function parseShard(text: string): { ok: true; value: ShardSpec } | { ok: false; diagnostics: Diagnostic[] } {
  const m = /^\s*(\d{1,9})\s*\/\s*(\d{1,9})\s*$/.exec(text);
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || index < 1 || count < 1 || index > count) {
    return { ok: false, diagnostics: [diagnostic('argument/invalid', `--shard: "${text}" is not a shard i/n with 1 ≤ i ≤ n`, undefined, 'e.g. --shard 2/8 for the second of eight shards')] };
  }
  return { ok: true, value: { index, count } };
}

/** Checks a shard given to the library: integers with 1 ≤ index ≤ count. */
export function checkShard(value: unknown, key = 'options.shard'): Diagnostic[] {
  if (value === undefined) return [];
  const s = value as Partial<ShardSpec> | null;
  const isCount = (n: unknown): n is number => typeof n === 'number' && Number.isSafeInteger(n) && n >= 1;
  if (typeof s !== 'object' || s === null || !isCount(s.index) || !isCount(s.count) || s.index > s.count) {
    return [diagnostic('argument/invalid', `${key}: expected { index, count } with integers 1 ≤ index ≤ count`, undefined, 'e.g. { index: 2, count: 8 }')];
  }
  return [];
}
