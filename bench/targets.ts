/**
 * The performance targets and how bench/run.ts judges and prints them: one line per target with
 * what was measured, the target, and by how much it is missed.
 */
import type { CacheResult } from './cache-bench';
import type { Samples } from './measure';
import type { SizeName } from './generate';

export type Status = 'pass' | 'FAIL' | 'NOT MEASURED' | 'skipped';

export interface Target {
  id: string;
  what: string;
  measured: string;
  target: string;
  status: Status;
  /** How far off the target, when missed (or why it was not measured). */
  detail: string;
}

/** Missed, or not measured when it should have been: both make `npm run bench` exit 1. */
export function failed(t: Target): boolean {
  return t.status === 'FAIL' || t.status === 'NOT MEASURED';
}

export const fmtMs = (ms: number): string => (ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms).toLocaleString('en-US')} ms`);
export const fmtX = (x: number): string => `${x >= 10 ? Math.round(x) : x.toFixed(2)}x`;
export const fmtUs = (us: number): string => `${us >= 10 ? Math.round(us) : us.toFixed(1)} µs`;
export const fmtMB = (mb: number): string => `${Math.round(mb).toLocaleString('en-US')} MB`;

export interface SizeResult {
  flows: number;
  files: number;
  floor: Samples;
  check: Samples;
  /** check / floor, medians. */
  ratio: number;
  /** Median of the one-file check run interleaved with this size's runs, ms. */
  startupMs: number;
  /** (check − start-up of a one-file check) / flows, µs. */
  perFlowUs: number;
  floorPerFlowUs: number;
  reportMB: number;
  /**
   * 100k only: a process that reads the estate and writes this report, nothing else
   * (bench/pass-through.js), against the floor run beside it; ratio of the medians.
   */
  passThrough?: { floor: Samples; run: Samples; ratio: number };
}

export interface StartupResult {
  command: string;
  node: Samples;
  dfft: Samples;
  ratio: number;
}

export interface OneMRun {
  format: string;
  ok: boolean;
  ms: number;
  peakRssMB?: number;
  reportMB?: number;
  failure?: string;
}

/** Ratio targets (lower is better): the line and how far over. */
function ratioTarget(id: string, what: string, ratio: number, limit: number, measured: string, limitText: string): Target {
  const pass = ratio <= limit;
  return { id, what, measured, target: limitText, status: pass ? 'pass' : 'FAIL', detail: pass ? `${fmtX(limit / ratio)} headroom` : `missed by ${fmtX(ratio / limit)} (${fmtX(ratio)} against ≤ ${fmtX(limit)})` };
}

export function checkTarget(c: SizeResult | undefined, failure: string | undefined): Target {
  const what = '100k flows, all default packs, `check -f json -o file` vs a node process that reads and JSON.parses the same files';
  if (!c) return { id: 'check-100k', what, measured: '', target: '≤ 3x the floor', status: failure ? 'FAIL' : 'NOT MEASURED', detail: failure ? `did not complete: ${failure}` : 'no 100k run' };
  const t = ratioTarget('check-100k', what, c.ratio, 3, `${fmtMs(c.check.median)} vs ${fmtMs(c.floor.median)} (${fmtX(c.ratio)})`, '≤ 3x the floor');
  if (t.status === 'FAIL') t.detail += `; ${fmtMs(c.check.median - 3 * c.floor.median)} over ${fmtMs(3 * c.floor.median)}`;
  const p = c.passThrough;
  if (p) t.detail += `; reading the files and writing this report alone, nothing judged: ${fmtMs(p.run.median)} vs ${fmtMs(p.floor.median)} (${fmtX(p.ratio)}), and the check ${fmtX(c.check.median / p.run.median)} that`;
  return t;
}

export function memoryTarget(format: string, r: OneMRun | undefined, skipped: boolean, failure: string | undefined): Target {
  const what = `1M flows, \`check -f ${format} -o file\`: completes, peak RSS`;
  const target = '≤ 2 GB (2,048 MB)';
  if (!r && skipped) return { id: `memory-1m-${format}`, what, measured: '', target, status: 'skipped', detail: 'skipped (--skip-1m or --quick)' };
  if (!r) return { id: `memory-1m-${format}`, what, measured: '', target, status: failure ? 'FAIL' : 'NOT MEASURED', detail: failure ? `not run: ${failure}` : 'not run' };
  if (!r.ok) return { id: `memory-1m-${format}`, what, measured: r.peakRssMB !== undefined ? `≥ ${fmtMB(r.peakRssMB)}` : 'crashed', target, status: 'FAIL', detail: `did not complete: ${r.failure ?? '?'}` };
  const rss = r.peakRssMB ?? Infinity;
  const pass = rss <= 2048;
  return {
    id: `memory-1m-${format}`, what, measured: `${fmtMB(rss)} in ${fmtMs(r.ms)}`, target, status: pass ? 'pass' : 'FAIL',
    detail: pass ? `${fmtMB(2048 - rss)} headroom` : `missed by ${fmtX(rss / 2048)} (${fmtMB(rss - 2048)} over)`,
  };
}

export interface PerFlow {
  sizes: SizeName[];
  /** Sizes whose check took no longer than the one-file check: too small to give a time per flow. */
  tooSmall: SizeName[];
  perFlowUs: number[];
  /** Largest rise of the per-flow time from a smaller estate to a larger one. */
  growth: number;
  complete: boolean;
}

export function perFlowTarget(p: PerFlow | undefined, expected: readonly SizeName[]): Target {
  const what = `time per flow, ${expected.join(' / ')} (whole process, report written, minus the start-up of a one-file check)`;
  const target = 'largest rise ≤ 1.5x';
  if (!p || p.sizes.length < 2) return { id: 'per-flow', what, measured: '', target, status: 'NOT MEASURED', detail: 'fewer than two sizes measured' };
  const measured = `${p.sizes.map((s, i) => `${s} ${fmtUs(p.perFlowUs[i])}`).join(', ')} (rise ${fmtX(p.growth)})`;
  const missing = expected.filter((s) => !p.sizes.includes(s) && !p.tooSmall.includes(s));
  const note = p.tooSmall.length > 0 ? `; ${p.tooSmall.join(', ')} left out: the run took no longer than the one-file check` : '';
  if (p.growth > 1.5) return { id: 'per-flow', what, measured, target, status: 'FAIL', detail: `missed by ${fmtX(p.growth / 1.5)} (per-flow time rises ${fmtX(p.growth)})${missing.length ? `; ${missing.join(', ')} did not complete` : ''}${note}` };
  if (missing.length > 0) return { id: 'per-flow', what, measured, target, status: 'FAIL', detail: `flat up to ${p.sizes[p.sizes.length - 1]}, but ${missing.join(', ')} did not complete${note}` };
  return { id: 'per-flow', what, measured, target, status: 'pass', detail: `rise ${fmtX(p.growth)}${note}` };
}

/** Per-flow times and their largest rise (a later, larger estate over an earlier, smaller one). */
export function perFlow(sizes: Partial<Record<SizeName, SizeResult>>, order: readonly SizeName[]): PerFlow | undefined {
  const tooSmall = order.filter((s) => sizes[s] && sizes[s].perFlowUs <= 0);
  const have = order.filter((s) => sizes[s] && sizes[s].perFlowUs > 0);
  if (have.length === 0) return undefined;
  const per = have.map((s) => sizes[s]!.perFlowUs);
  let growth = 1;
  for (let i = 0; i < per.length; i++) for (let j = i + 1; j < per.length; j++) growth = Math.max(growth, per[j] / per[i]);
  return { sizes: have, tooSmall, perFlowUs: per, growth: Number(growth.toFixed(3)), complete: have.length + tooSmall.length === order.length };
}

export function startupTarget(s: StartupResult | undefined, failure: string | undefined): Target {
  const what = 'start-up: `check` of one small manifest (report written) vs `node -e 0`';
  if (!s) return { id: 'startup', what, measured: '', target: '≤ 3x', status: failure ? 'FAIL' : 'NOT MEASURED', detail: failure ? `did not complete: ${failure}` : 'not run' };
  return ratioTarget('startup', what, s.ratio, 3, `${fmtMs(s.dfft.median)} vs ${fmtMs(s.node.median)} (${fmtX(s.ratio)})`, '≤ 3x');
}

export function cacheTarget(c: CacheResult | undefined): Target {
  const files = c?.measured ? `${c.changed} of ${c.files.toLocaleString('en-US')} files` : '1% of the files';
  const what = `\`--cache\`, 100k estate copy, ${files} changed: cached run vs cold run`;
  const target = '≤ 40% of the cold run';
  if (!c) return { id: 'cache', what, measured: '', target, status: 'NOT MEASURED', detail: 'not run' };
  if (!c.measured) return { id: 'cache', what, measured: '', target, status: c.flagMissing ? 'NOT MEASURED' : 'FAIL', detail: c.flagMissing ? `flag missing: ${c.reason}` : `a run did not complete: ${c.reason}` };
  const measured = `${fmtMs(c.cached.median)} vs ${fmtMs(c.cold.median)} (${Math.round(c.ratio * 100)}%)`;
  if (!c.identical) return { id: 'cache', what, measured, target, status: 'FAIL', detail: `the cached report is not the cold report: ${c.firstDifference ?? ''}` };
  const pass = c.ratio <= 0.4;
  return { id: 'cache', what, measured, target, status: pass ? 'pass' : 'FAIL', detail: pass ? 'reports byte-identical to the cold run' : `missed by ${fmtX(c.ratio / 0.4)} (${Math.round(c.ratio * 100)}% against ≤ 40%)` };
}

export function targetTable(targets: readonly Target[]): string {
  const mark = (s: Status): string => (s === 'pass' ? '✅ pass' : s === 'skipped' ? '– skipped' : `❌ ${s}`);
  const lines = ['| target | measured | target | result |', '| --- | --- | --- | --- |'];
  for (const t of targets) lines.push(`| ${t.what} | ${t.measured} | ${t.target} | ${mark(t.status)}${t.detail ? `: ${t.detail}` : ''} |`);
  return lines.join('\n');
}
