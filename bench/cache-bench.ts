/**
 * The `--cache` target: on a copy of the 100k estate, a check with `--cache` after 1% of the
 * files changed, against a cold check (no cache) of the same files. Both write the JSON report;
 * the two reports must be byte-identical, or the cache is wrong and the target fails.
 *
 * One untimed run fills a fresh cache. Then, each repetition edits the same 10 system files (a
 * purpose added to their first flow, different in every repetition, so that the cache has never
 * seen them) and runs the cached and the cold check, alternating which goes first.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BIN, checkArgs, mustComplete, samples, type Progress, type Samples } from './measure';
import { runNode, type ProcessRun } from './process';
import { ROOT } from './lib';

export const CHANGED_FILES = 10;

export type CacheResult =
  | { measured: false; reason: string; flagMissing: boolean }
  | {
      measured: true;
      files: number;
      changed: number;
      /** The untimed run that filled the cache, ms. */
      fillMs: number;
      /** The size of the cache file after the last cached run, bytes. */
      cacheBytes?: number;
      cold: Samples;
      cached: Samples;
      /** cached / cold, medians. */
      ratio: number;
      /** Every cached report was byte-identical to the cold one of the same files. */
      identical: boolean;
      firstDifference?: string;
    };

/** Whether this build has `check --cache`. */
export function cacheFlagPresent(): boolean {
  const r = spawnSync(process.execPath, [BIN, 'check', '--help'], { cwd: ROOT, encoding: 'utf8' });
  return /--cache\b/.test(r.stdout ?? '');
}

interface Edit {
  file: string;
  original: string;
}

/** Evenly spread system files of the copy, with their original text. */
function pickFiles(estate: string): Edit[] {
  const dir = path.join(estate, 'systems');
  const names = fs.readdirSync(dir).filter((n) => n.endsWith('.json')).sort();
  const step = Math.floor(names.length / CHANGED_FILES);
  return Array.from({ length: CHANGED_FILES }, (_, i) => {
    const file = path.join(dir, names[i * step]);
    return { file, original: fs.readFileSync(file, 'utf8') };
  });
}

function applyEdits(edits: readonly Edit[], rep: number): void {
  for (const e of edits) {
    const manifest = JSON.parse(e.original) as { flows: Array<{ purposes?: string[] }> };
    const flow = manifest.flows[0];
    flow.purposes = [...(flow.purposes ?? []), `bench-edit-${rep}`];
    fs.writeFileSync(e.file, `${JSON.stringify(manifest, null, 2)}\n`);
  }
}

function sameBytes(a: string, b: string): boolean {
  return fs.statSync(a).size === fs.statSync(b).size && fs.readFileSync(a).equals(fs.readFileSync(b));
}

export async function measureCache(source: string, tmp: string, reps: number, extra: readonly string[], progress: Progress): Promise<CacheResult> {
  if (!cacheFlagPresent()) return { measured: false, flagMissing: true, reason: '`dfft check --help` does not mention --cache: the flag is missing from this build' };
  try {
    return await measure(source, tmp, reps, extra, progress);
  } catch (err) {
    return { measured: false, flagMissing: false, reason: (err as Error).message };
  }
}

async function measure(source: string, tmp: string, reps: number, extra: readonly string[], progress: Progress): Promise<CacheResult> {
  const estate = path.join(tmp, 'estate-100k');
  progress('--cache: copying the 100k estate');
  fs.cpSync(source, estate, { recursive: true, dereference: true });
  const files = spawnSync('find', [estate, '-name', '*.json'], { encoding: 'utf8' }).stdout.trim().split('\n').length;
  const edits = pickFiles(estate);
  const cacheDir = path.join(tmp, 'cache');
  const coldOut = path.join(tmp, 'cold.json');
  const cachedOut = path.join(tmp, 'cached.json');
  const cachedArgs = checkArgs(estate, 'json', cachedOut, [...extra, '--cache', '--cache-location', cacheDir]);
  const coldArgs = checkArgs(estate, 'json', coldOut, extra);
  const run = async (args: string[]): Promise<ProcessRun> => mustComplete(`node ${args.join(' ')}`, await runNode(args, { cwd: ROOT }));
  progress('--cache: filling the cache');
  const fill = await run(cachedArgs);
  const cold: ProcessRun[] = [];
  const cached: ProcessRun[] = [];
  let identical = true;
  let firstDifference: string | undefined;
  for (let rep = 1; rep <= reps; rep++) {
    applyEdits(edits, rep);
    progress(`--cache: run ${rep}/${reps}`);
    if (rep % 2) {
      cached.push(await run(cachedArgs));
      cold.push(await run(coldArgs));
    } else {
      cold.push(await run(coldArgs));
      cached.push(await run(cachedArgs));
    }
    if (!sameBytes(coldOut, cachedOut)) {
      identical = false;
      firstDifference ??= `repetition ${rep}: the report of the cached run differs from the cold run's (${fs.statSync(cachedOut).size} vs ${fs.statSync(coldOut).size} bytes)`;
    }
  }
  const cacheBytes = fs.statSync(cacheDir).size;
  for (const e of edits) fs.writeFileSync(e.file, e.original);
  const c = samples(cold);
  const k = samples(cached);
  return { measured: true, files, changed: edits.length, fillMs: Math.round(fill.ms), cacheBytes, cold: c, cached: k, ratio: Number((k.median / c.median).toFixed(3)), identical, ...(firstDifference ? { firstDifference } : {}) };
}
