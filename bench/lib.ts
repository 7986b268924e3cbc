/** Shared helpers of the benchmark scripts: loading dfft, reading estates, timing. */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import type * as Dfft from '../src/index';
import type { SourceText } from '../src/index';

export type DfftModule = typeof Dfft;

export const ROOT = path.resolve(__dirname, '..');
export const AS_OF = '2026-06-01';

/**
 * dfft as the benchmark runs it: the build in dist/ (what `npm run bench` builds and users run),
 * or with `--src` the TypeScript sources through tsx (when dist/ is stale and must not be rebuilt).
 */
export function loadDfft(fromSrc: boolean): DfftModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(fromSrc ? '../src/index' : '../dist/index') as DfftModule;
}

/** Reads every .json file below a directory, sorted, as the CLI would (bytes → sha256 + text). */
export function readEstateSources(dir: string): SourceText[] {
  const files: string[] = [];
  const walk = (d: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) walk(full);
      else if (e.name.endsWith('.json')) files.push(full);
    }
  };
  walk(dir);
  return files.map((file) => {
    const bytes = fs.readFileSync(file);
    return { file: path.relative(process.cwd(), file), text: bytes.toString('utf8'), sha256: createHash('sha256').update(bytes).digest('hex') };
  });
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

let collect: (() => void) | undefined;

/**
 * A full garbage collection, so that one measurement does not pay for the last. Uses the global
 * gc of --expose-gc, or turns the flag on at run time (the usual V8 way) when it is missing.
 */
export function gc(): void {
  if (!collect) {
    collect = (globalThis as { gc?: () => void }).gc;
    if (!collect) {
      v8.setFlagsFromString('--expose-gc');
      collect = vm.runInNewContext('gc') as () => void;
    }
  }
  collect();
}

/** Milliseconds taken by a synchronous function. */
export function timeSync<T>(fn: () => T): { ms: number; value: T } {
  const t0 = process.hrtime.bigint();
  const value = fn();
  return { ms: Number(process.hrtime.bigint() - t0) / 1e6, value };
}

/** The JSON.parse floor: every text parsed once; returns a count so the work cannot be skipped. */
export function parseAll(sources: readonly SourceText[]): number {
  let n = 0;
  for (const s of sources) {
    const m = JSON.parse(s.text) as { flows?: unknown[] };
    n += m.flows?.length ?? 0;
  }
  return n;
}

/**
 * JSON.parse of every text with every result kept until the end, as a checker must keep a
 * whole estate (references cross manifests): the same parse, plus the GC cost of survivors.
 */
export function parseAllKept(sources: readonly SourceText[]): number {
  const kept: unknown[] = new Array(sources.length);
  for (let i = 0; i < sources.length; i++) kept[i] = JSON.parse(sources[i].text);
  return kept.length;
}
