/**
 * The whole-process measurements of bench/run.ts: each runs `node dist/cli/bin.js …` as users
 * do, with the report formatted and written to a file, against a baseline process where there
 * is one, interleaved (a, b, a, b) so that load on the machine hits both alike; times are medians.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { completed, failure, runNode, type ProcessRun } from './process';
import { AS_OF, ROOT, median } from './lib';

export const BIN = path.join('dist', 'cli', 'bin.js');
const FLOOR = path.join('bench', 'floor.js');

export interface Samples {
  /** Every timed run, wall-clock ms. */
  ms: number[];
  median: number;
  min: number;
  n: number;
  /** Largest peak RSS of the runs, MB. */
  peakRssMB?: number;
}

export function samples(runs: readonly ProcessRun[]): Samples {
  const ms = runs.map((r) => Number(r.ms.toFixed(1)));
  const rss = runs.map((r) => r.peakRssMB).filter((x): x is number => x !== undefined);
  return { ms, median: Number(median(ms).toFixed(1)), min: Math.min(...ms), n: ms.length, ...(rss.length ? { peakRssMB: Math.max(...rss) } : {}) };
}

/** `dfft check` as the targets run it: all default packs, one report written to a file, quiet. */
export function checkArgs(input: string, format: string, out: string, extra: readonly string[] = [], quiet = true): string[] {
  return [BIN, 'check', input, '--as-of', AS_OF, '-f', format, '-o', out, ...(quiet ? ['--quiet'] : []), ...extra];
}

export function floorArgs(dir: string): string[] {
  return [FLOOR, dir];
}

/** A run that did not end as a check ends is a broken measurement: stop and say why. */
export function mustComplete(what: string, r: ProcessRun): ProcessRun {
  if (!completed(r)) throw new Error(`${what}: ${failure(r)}`);
  return r;
}

export type Progress = (message: string) => void;

export interface Plan {
  warmup: number;
  minReps: number;
  maxReps: number;
  /** Stop adding repetitions after this many seconds (minReps permitting). */
  budgetSec: number;
  /** False for start-up timings: no peak RSS, so nothing runs between spawn and node. */
  rss?: boolean;
}

/**
 * Runs each command in turn (a, b, a, b…) after `warmup` untimed rounds, until the budget is
 * spent; every run must complete. Returns the samples of each command.
 */
export async function interleaved(label: string, commands: ReadonlyArray<readonly string[]>, plan: Plan, progress: Progress): Promise<Samples[]> {
  const runs: ProcessRun[][] = commands.map(() => []);
  const once = async (i: number): Promise<ProcessRun> => mustComplete(`node ${commands[i].join(' ')}`, await runNode(commands[i], { cwd: ROOT, rss: plan.rss }));
  for (let w = 0; w < plan.warmup; w++) {
    progress(`${label}: warm-up ${w + 1}/${plan.warmup}`);
    for (let i = 0; i < commands.length; i++) await once(i);
  }
  const started = Date.now();
  for (let rep = 0; rep < plan.maxReps; rep++) {
    const last = rep > 0 ? runs.reduce((n, r) => n + r[rep - 1].ms, 0) : 0;
    if (rep >= plan.minReps && Date.now() - started + last > plan.budgetSec * 1000) break;
    progress(`${label}: run ${rep + 1}`);
    for (let i = 0; i < commands.length; i++) runs[i].push(await once(i));
  }
  return runs.map(samples);
}

/** What a JSON report says of itself, from its summary (read from the head of the file). */
export interface ReportCheck {
  flows: number;
  inputErrors: number;
  bytes: number;
}

/**
 * Reads the summary of a JSON report without parsing the whole file (a 1M-flow report is larger
 * than a JavaScript string may be): it comes after the policy and the inputs, near the start.
 */
export function reportSummary(file: string): ReportCheck | undefined {
  const bytes = fs.statSync(file).size;
  const fd = fs.openSync(file, 'r');
  try {
    const head = Buffer.alloc(Math.min(bytes, 4 * 2 ** 20));
    fs.readSync(fd, head, 0, head.length, 0);
    const m = /"summary":\s*\{\s*"flows":\s*(\d+)[\s\S]*?"errors":\s*(\d+)\s*\}/.exec(head.toString('utf8'));
    return m ? { flows: Number(m[1]), inputErrors: Number(m[2]), bytes } : undefined;
  } finally {
    fs.closeSync(fd);
  }
}

/** The check of an estate must load every flow, or it measured nothing. */
export function assertLoaded(what: string, file: string, flows: number): ReportCheck {
  const s = reportSummary(file);
  if (!s) throw new Error(`${what}: no summary found at the head of ${file}`);
  if (s.flows !== flows || s.inputErrors > 0) throw new Error(`${what}: the report has ${s.flows} of ${flows} flows and ${s.inputErrors} input errors; the estate does not load, so nothing would be measured`);
  return s;
}
