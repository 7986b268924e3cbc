/**
 * The in-process benchmark (`npx tsx bench/in-process.ts`, or `npm run bench -- --engines`,
 * which runs it after the whole-process targets of bench/run.ts). In one run, it measures:
 *
 *  1. `checker.check()` of the 100k-flow estate with all built-in packs, against JSON.parse of
 *     the same texts in the same process (the floor; reading files is outside both);
 *  2. the two starter rules of the core issue in dfft (bench/policy/starter-rules.yaml) against
 *     the same rules in json-rules-engine (bench/jre-rules.ts), on the same flows, after
 *     checking that both give the same findings on every flow;
 *  3. time per flow at 1k, 10k, 100k (in this process) and 1M flows (in a child process);
 *  4. peak memory of that 1M-flow child (RSS from /proc and getrusage, V8 heap from --trace-gc);
 *  5. start-up of `node dist/cli/bin.js check <small manifest>` against `node -e 0`.
 *
 * Times are medians of repeated runs after a warm-up; the number of repetitions adapts to a time
 * budget per measurement, so a slow engine still finishes and a fast one gets more samples.
 * Writes bench/results/in-process.json and bench/results/in-process-table.md, and prints the
 * Markdown tables on stdout. Progress goes to stderr only on a terminal (not with
 * --quiet or CI set).
 *
 *   npx tsx bench/in-process.ts [--quiet] [--src] [--skip-1m] [--budget SECONDS] [--total-budget SECONDS] [--timeout-1m SECONDS]
 *
 * --budget: time per measurement before it stops adding repetitions (default 12 s).
 * --total-budget: the 1M child gets what is left of it (default 540 s, so that `npm run bench`
 *   with its build ends within ten minutes even when the engine is too slow for 1M flows).
 */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Report, SourceText } from '../src/index';
import type { ChildResult, ChildStage } from './child-check';
import { DEFAULT_SEED, ensureEstate, estateDir, SIZES, type EstateMeta, type SizeName } from './generate';
import { createJreEngine, resolveFlows, runJre, STARTER_RULES } from './jre-rules';
import { AS_OF, ROOT, gc, loadDfft, median, parseAll, parseAllKept, readEstateSources } from './lib';

// ---------------------------------------------------------------------------------------------
// Options and progress

interface Options {
  quiet: boolean;
  src: boolean;
  skip1m: boolean;
  /** Fixed time limit of the 1M child; by default what is left of totalBudgetSec. */
  timeout1mSec?: number;
  /** The whole run should end within this (npm run bench: under ten minutes with the build). */
  totalBudgetSec: number;
  budgetMs: number;
}

function parseOptions(argv: string[]): Options {
  const value = <T extends number | undefined>(name: string, fallback: T): number | T => {
    const at = argv.indexOf(name);
    if (at < 0) return fallback;
    const n = Number(argv[at + 1]);
    if (!(n > 0)) throw new Error(`${name} needs a positive number`);
    return n;
  };
  return {
    quiet: argv.includes('--quiet') || argv.includes('-q'),
    src: argv.includes('--src'),
    skip1m: argv.includes('--skip-1m'),
    timeout1mSec: value('--timeout-1m', undefined),
    totalBudgetSec: value('--total-budget', 540),
    budgetMs: value('--budget', 12) * 1000,
  };
}

let showProgress = false;
function progress(message: string): void {
  if (showProgress) process.stderr.write(`\r\x1b[K${message}`);
}
function progressDone(): void {
  if (showProgress) process.stderr.write('\r\x1b[K');
}

// ---------------------------------------------------------------------------------------------
// Repetition

interface Samples {
  /** Every timed repetition: wall-clock ms. */
  ms: number[];
  median: number;
  min: number;
  n: number;
  /**
   * Median CPU time of this process (user + system, all its threads, GC helpers included) per
   * run, in ms: less sensitive than wall time to other processes on a shared machine.
   */
  cpuMedian?: number;
}

function samples(ms: number[], cpu?: number[]): Samples {
  const r = (x: number): number => Number(x.toFixed(2));
  return { ms: ms.map(r), median: r(median(ms)), min: r(Math.min(...ms)), n: ms.length, ...(cpu && cpu.length > 0 ? { cpuMedian: r(median(cpu)) } : {}) };
}

interface RepeatPlan {
  /** Warm-up runs (not timed): skipped when one run is expected to be slow. */
  warmup: number;
  minReps: number;
  maxReps: number;
  /** Stop adding repetitions after this much time (minReps permitting, up to 3x this). */
  budgetMs: number;
}

/**
 * Times functions on the same input, interleaved (a, b, a, b...) with a GC before each run, so
 * that drift of the machine hits them alike. Returns their samples and what `inspect` made of
 * the first value of each.
 */
async function repeat<D>(label: string, fns: ReadonlyArray<() => unknown>, plan: RepeatPlan, inspect: (i: number, value: unknown) => D): Promise<{ samples: Samples[]; first: D[] }> {
  const first: D[] = new Array(fns.length);
  const seen = new Array<boolean>(fns.length).fill(false);
  const times: number[][] = fns.map(() => []);
  const cpu: number[][] = fns.map(() => []);
  const once = async (i: number, timed: boolean): Promise<number> => {
    gc();
    const c0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    let value = fns[i]();
    if (value instanceof Promise) value = await value;
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    const c = process.cpuUsage(c0);
    if (timed) cpu[i].push((c.user + c.system) / 1000);
    // Only a digest of the first result is kept: holding a whole report (and the model it
    // points to) would make every later run pay for marking it.
    if (!seen[i]) {
      first[i] = inspect(i, value);
      seen[i] = true;
    }
    value = undefined;
    return ms;
  };
  for (let w = 0; w < plan.warmup; w++) {
    progress(`${label}: warm-up ${w + 1}/${plan.warmup}`);
    for (let i = 0; i < fns.length; i++) await once(i, false);
  }
  const started = Date.now();
  for (let rep = 0; rep < plan.maxReps; rep++) {
    const elapsed = Date.now() - started;
    const last = rep > 0 ? times.reduce((n, t) => n + t[rep - 1], 0) : 0;
    if (rep >= plan.minReps && elapsed + last > plan.budgetMs) break;
    if (rep > 0 && rep < plan.minReps && elapsed + last > 3 * plan.budgetMs) break;
    progress(`${label}: run ${rep + 1}`);
    for (let i = 0; i < fns.length; i++) times[i].push(await once(i, true));
  }
  return { samples: times.map((t, i) => samples(t, cpu[i])), first };
}

/** A plan for one measurement, from a guess of how long one run takes. */
function planFor(expectedMs: number, budgetMs: number): RepeatPlan {
  return { warmup: expectedMs < 2000 ? 1 : 0, minReps: 3, maxReps: expectedMs < 100 ? 15 : 7, budgetMs };
}

/** Where one check spends its time, from the public progress callback of `check`. */
interface Phases {
  /** Parsing, validation, resolution and origins: up to the first flow evaluated. */
  beforeEvaluateMs: number;
  /** Judging every flow against the policy. */
  evaluateMs: number;
  /** Building the report. */
  afterEvaluateMs: number;
}

type CheckFn = (sources: readonly SourceText[], options: { onProgress: (stage: string, done: number, total: number) => void }) => unknown;

/**
 * Medians of the phases of a few extra checks (not among the timed runs). Undefined when the
 * build does not report progress while checking flows.
 */
function phasesOf(check: CheckFn, sources: readonly SourceText[], runs: number): Phases | undefined {
  const all: Phases[] = [];
  for (let i = 0; i < runs; i++) {
    gc();
    let start: bigint | undefined;
    let end: bigint | undefined;
    const t0 = process.hrtime.bigint();
    check(sources, {
      onProgress: (stage, done, total) => {
        if (stage !== 'checking flows') return;
        const t = process.hrtime.bigint();
        start ??= t;
        if (done === total) end = t;
      },
    });
    const t1 = process.hrtime.bigint();
    if (start === undefined || end === undefined) return undefined;
    all.push({ beforeEvaluateMs: Number(start - t0) / 1e6, evaluateMs: Number(end - start) / 1e6, afterEvaluateMs: Number(t1 - end) / 1e6 });
  }
  const med = (k: keyof Phases): number => Number(median(all.map((p) => p[k])).toFixed(1));
  return { beforeEvaluateMs: med('beforeEvaluateMs'), evaluateMs: med('evaluateMs'), afterEvaluateMs: med('afterEvaluateMs') };
}

// ---------------------------------------------------------------------------------------------
// The measurements

interface CheckAtSize {
  flows: number;
  files: number;
  textMB: number;
  parse: Samples;
  /** JSON.parse with every result kept to the end (a checker holds the whole estate). */
  parseKept?: Samples;
  /** check / JSON.parse with results kept, medians. */
  ratioKept?: number;
  check: Samples;
  /** Median check time per flow, in microseconds. */
  perFlowUs: number;
  parsePerFlowUs: number;
  /** check / JSON.parse, medians. */
  ratio: number;
  where: 'in-process' | 'child process';
  report: ReportDigest;
  /** Phases of the check (100k only). */
  phases?: Phases;
}

interface ReportDigest {
  flows: number;
  errors: number;
  verdicts: Record<string, number>;
  findings: Record<string, number>;
  undecidable: number;
}

function digest(report: Report): ReportDigest {
  return {
    flows: report.summary.flows,
    errors: report.errors.length,
    verdicts: { ...report.summary.verdicts },
    findings: { ...report.summary.findings },
    undecidable: report.findings.filter((f) => f.ruleId === 'dfft/undecidable').length,
  };
}

/** A check whose input did not load is not a measurement of the engine: stop with the first errors. */
function assertValidRun(what: string, report: ReportDigest & { firstErrors?: string[] }, flows: number): void {
  if (report.errors > 0 || report.flows !== flows) {
    throw new Error(`${what}: the check reported ${report.errors} input errors and ${report.flows} of ${flows} flows; the estate does not load, so nothing would be measured.${report.firstErrors ? `\n  ${report.firstErrors.join('\n  ')}` : ''}`);
  }
}

function firstErrors(report: Report): string[] {
  return report.errors.slice(0, 5).map((e) => JSON.stringify(e));
}

interface StarterComparison {
  flows: number;
  dfft: Samples;
  /** JSON.parse + id resolution + one engine run per flow: the same start as dfft's check. */
  jre: Samples;
  /** The engine runs alone (facts already built from parsed manifests). */
  jreEngineOnly: Samples;
  /** jre / dfft, medians: how many times faster dfft is. */
  speedup: number;
  speedupEngineOnly: number;
  /** dfft's evaluation phase with the two rules (model already built), when the build reports it. */
  dfftPhases?: Phases;
  /** JRE engine alone / dfft evaluation alone: the rule engines compared without their inputs. */
  speedupEvaluationOnly?: number;
  /** jre / JSON.parse: the most any engine that starts from the texts could reach. */
  ceiling: number;
  findings: number;
  agreed: boolean;
}

interface StartupResult {
  command: string;
  dfft: Samples;
  node: Samples;
  ratio: number;
  exitCode: number | null;
}

interface MemoryResult {
  ok: boolean;
  note?: string;
  child?: ChildResult;
  stage?: ChildStage;
  /** Peak RSS, from /proc/<pid>/status VmHWM while the child ran (or its getrusage). */
  peakRssMB?: number;
  /** Largest V8 heap in use before a GC, and largest heap committed, from --trace-gc. */
  peakHeapUsedMB?: number;
  peakHeapCommittedMB?: number;
  /** Main-thread GC pauses of the whole child (warm-up, reading, parse and check), from --trace-gc. */
  gcPauseSeconds?: number;
  wallSeconds: number;
}

interface Target {
  id: string;
  what: string;
  measured: string;
  baseline: string;
  ratio: string;
  target: string;
  met: boolean | undefined;
  verdict: string;
}

// ---------------------------------------------------------------------------------------------
// Start-up

function measureStartup(): StartupResult | { skipped: string } {
  const bin = path.join(ROOT, 'dist', 'cli', 'bin.js');
  if (!fs.existsSync(bin)) return { skipped: 'dist/cli/bin.js is missing (run npm run build)' };
  const manifest = path.relative(ROOT, path.join(ROOT, 'bench', 'fixtures', 'small-manifest.yaml'));
  const dfftArgs = [path.relative(ROOT, bin), 'check', manifest, '--as-of', AS_OF, '--quiet'];
  const run = (args: string[], capture = false): { ms: number; status: number | null; stderr: string } => {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'ignore', capture ? 'pipe' : 'ignore'], encoding: 'utf8' });
    return { ms: Number(process.hrtime.bigint() - t0) / 1e6, status: r.status, stderr: r.stderr ?? '' };
  };
  const node: number[] = [];
  const dfft: number[] = [];
  let status: number | null = null;
  for (let i = 0; i < 3; i++) {
    run(['-e', '0']);
    const r = run(dfftArgs, true);
    status = r.status;
    if (status !== 0 && status !== 1) return { skipped: `\`node ${dfftArgs.join(' ')}\` exited with ${status} (${r.stderr.trim().split('\n')[0].slice(0, 160)})` };
  }
  const reps = 20;
  for (let i = 0; i < reps; i++) {
    progress(`start-up: ${i + 1}/${reps}`);
    node.push(run(['-e', '0']).ms);
    dfft.push(run(dfftArgs).ms);
  }
  const d = samples(dfft);
  const n = samples(node);
  return { command: `node ${dfftArgs.join(' ')}`, dfft: d, node: n, ratio: Number((d.median / n.median).toFixed(2)), exitCode: status };
}

// ---------------------------------------------------------------------------------------------
// The 1M-flow child

function runChild(size: SizeName, opts: Options, timeoutSec: number): Promise<MemoryResult> {
  const started = Date.now();
  const args = ['--expose-gc', '--trace-gc', '--import', 'tsx', path.join('bench', 'child-check.ts'), size, '--warmup', '10k', ...(opts.src ? ['--src'] : [])];
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let peakRssKB = 0;
    let peakUsed = 0;
    let peakCommitted = 0;
    let resultLine = '';
    let stage: ChildStage | undefined;
    let stderr = '';
    let buffered = '';
    let timedOut = false;
    let gcPauseMs = 0;
    const gcLine = /(?:Scavenge|Mark-Compact|Mark-sweep|Minor Mark-Compact|Minor Mark-Sweep)[^\d]*([\d.]+) \(([\d.]+)\) -> ([\d.]+) \(([\d.]+)\) MB, (?:pooled: [\d.]+ MB, )?([\d.]+) \/ ([\d.]+) ms/;
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      buffered += chunk;
      let nl: number;
      while ((nl = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, nl);
        buffered = buffered.slice(nl + 1);
        if (line.startsWith('BENCH-RESULT ')) resultLine = line.slice('BENCH-RESULT '.length);
        else if (line.startsWith('BENCH-STAGE ')) stage = JSON.parse(line.slice('BENCH-STAGE '.length)) as ChildStage;
        else {
          const m = gcLine.exec(line);
          if (m) {
            peakUsed = Math.max(peakUsed, Number(m[1]), Number(m[3]));
            peakCommitted = Math.max(peakCommitted, Number(m[2]), Number(m[4]));
            gcPauseMs += Number(m[5]);
          }
        }
      }
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-4000);
    });
    const poll = setInterval(() => {
      try {
        const status = fs.readFileSync(`/proc/${child.pid}/status`, 'utf8');
        const m = /VmHWM:\s+(\d+) kB/.exec(status);
        if (m) peakRssKB = Math.max(peakRssKB, Number(m[1]));
      } catch {
        // not Linux, or the child is gone
      }
      const secs = Math.round((Date.now() - started) / 1000);
      progress(`1M flows in a child process: ${secs} s, peak RSS ${Math.round(peakRssKB / 1024)} MB`);
    }, 250);
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutSec * 1000);
    child.on('close', (code, signal) => {
      clearInterval(poll);
      clearTimeout(timer);
      const wallSeconds = Math.round((Date.now() - started) / 100) / 10;
      const peaks = { peakHeapUsedMB: Math.round(peakUsed) || undefined, peakHeapCommittedMB: Math.round(peakCommitted) || undefined, gcPauseSeconds: Math.round(gcPauseMs / 100) / 10, stage };
      const rssMB = Math.round(peakRssKB / 1024) || undefined;
      if (timedOut) {
        resolve({ ok: false, note: `the check did not finish within ${timeoutSec} s (stopped there; peak RSS until then ${rssMB ?? '?'} MB)`, peakRssMB: rssMB, ...peaks, wallSeconds });
        return;
      }
      if (code !== 0 || !resultLine) {
        const oom = /heap out of memory|Allocation failed/i.test(stderr);
        const why = oom
          ? `ran out of memory after ${Math.round(wallSeconds)} s: V8 heap ${Math.round(peakUsed)} MB at its ${stage?.heapLimitMB ?? '?'} MB limit, peak RSS ${rssMB ?? '?'} MB`
          : `failed (exit ${code ?? signal}): ${stderr.trim().split('\n').slice(-3).join(' | ')}`;
        resolve({ ok: false, note: why, peakRssMB: rssMB, ...peaks, wallSeconds });
        return;
      }
      const result = JSON.parse(resultLine) as ChildResult;
      resolve({ ok: true, child: result, peakRssMB: Math.max(Math.round(peakRssKB / 1024), result.maxRssMB), ...peaks, wallSeconds });
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Tables

const fmtMs = (ms: number): string => (ms >= 100 ? Math.round(ms).toLocaleString('en-US') : ms.toFixed(1)) + ' ms';
const fmtX = (x: number): string => `${x >= 10 ? Math.round(x) : x.toFixed(1)}x`;
const fmtUs = (us: number): string => `${us >= 10 ? Math.round(us) : us.toFixed(1)} µs`;

function evaluateTargets(r: Results): Target[] {
  const targets: Target[] = [];
  const c100 = r.check['100k'];
  if (c100) {
    const met = c100.ratio <= 3;
    targets.push({
      id: 'check-vs-parse', what: '`check`, 100k flows, all built-in packs, vs `JSON.parse` of the same texts',
      measured: fmtMs(c100.check.median), baseline: fmtMs(c100.parse.median), ratio: fmtX(c100.ratio), target: '≤ 3x', met,
      verdict: met ? 'met' : `missed: ${fmtX(c100.ratio / 3)} over`,
    });
  }
  if (r.starter) {
    const s = r.starter;
    const met = s.speedup >= 50;
    targets.push({
      id: 'vs-json-rules-engine', what: `two starter rules, ${s.flows.toLocaleString('en-US')} flows: dfft vs json-rules-engine (same findings on every flow)`,
      measured: fmtMs(s.dfft.median), baseline: fmtMs(s.jre.median), ratio: s.speedup >= 1 ? `${fmtX(s.speedup)} faster` : `${fmtX(1 / s.speedup)} slower`,
      target: '≥ 50x faster', met,
      verdict: (met ? 'met' : `missed: ${s.speedup >= 1 ? `${fmtX(50 / s.speedup)} short` : `JRE is ${fmtX(1 / s.speedup)} faster`}`) +
        `; at most ${fmtX(s.ceiling)} is possible from the texts (JRE time / JSON.parse)` +
        (s.dfftPhases && s.speedupEvaluationOnly !== undefined ? `; evaluation alone: dfft ${fmtMs(s.dfftPhases.evaluateMs)} vs JRE engine ${fmtMs(s.jreEngineOnly.median)}, ${fmtX(s.speedupEvaluationOnly)}${s.speedupEvaluationOnly >= 50 ? ' (met)' : ''}` : ''),
    });
  }
  const sizes = (Object.keys(SIZES) as SizeName[]).filter((s) => r.check[s]);
  if (sizes.length >= 2) {
    const per = sizes.map((s) => r.check[s]!.perFlowUs);
    let growth = 0;
    for (let i = 0; i < per.length; i++) for (let j = i + 1; j < per.length; j++) growth = Math.max(growth, per[j] / per[i]);
    const complete = sizes.length === Object.keys(SIZES).length;
    const met = growth <= 1.5 && complete ? true : growth > 1.5 ? false : undefined;
    // The same in CPU time, which other processes on the machine do not inflate.
    const cpu = sizes.map((s) => r.check[s]!.check.cpuMedian);
    let cpuGrowth: number | undefined;
    if (cpu.every((c) => c !== undefined)) {
      const perCpu = sizes.map((s, i) => cpu[i]! / r.check[s]!.flows);
      cpuGrowth = 0;
      for (let i = 0; i < perCpu.length; i++) for (let j = i + 1; j < perCpu.length; j++) cpuGrowth = Math.max(cpuGrowth, perCpu[j] / perCpu[i]);
    }
    const cpuNote = cpuGrowth !== undefined ? ` (CPU time per flow: ${fmtX(cpuGrowth)} largest rise)` : '';
    targets.push({
      id: 'flat-per-flow', what: `time per flow, ${sizes.join(' / ')}`,
      measured: per.map(fmtUs).join(' / '), baseline: '', ratio: `${fmtX(growth)} largest rise`, target: 'flat (rise ≤ 1.5x)', met,
      verdict: (met === true ? 'met' : met === false ? `missed: per-flow time rises ${fmtX(growth)}` : `not measured at ${Object.keys(SIZES).filter((s) => !sizes.includes(s as SizeName)).join(', ')}`) + cpuNote,
    });
  }
  if (r.memory1M) {
    const m = r.memory1M;
    const rss = m.peakRssMB;
    const met = m.ok && rss !== undefined ? rss <= 2048 : m.ok ? undefined : false;
    targets.push({
      id: 'memory-1m', what: 'peak memory, 1M flows (child process: texts + check + report)',
      measured: rss !== undefined ? `RSS ${m.ok ? '' : '≥ '}${rss.toLocaleString('en-US')} MB` : 'n/a',
      baseline: m.peakHeapUsedMB !== undefined ? `V8 heap ${m.peakHeapUsedMB.toLocaleString('en-US')} MB` : '',
      ratio: '', target: '≤ 2 GB RSS', met,
      verdict: !m.ok ? `not met: ${m.note}` : met ? 'met' : `missed: ${fmtX((rss ?? 0) / 2048)} over`,
    });
  } else {
    targets.push({ id: 'memory-1m', what: 'peak memory, 1M flows', measured: 'skipped', baseline: '', ratio: '', target: '≤ 2 GB RSS', met: undefined, verdict: 'not measured (--skip-1m)' });
  }
  if (r.startup && 'skipped' in r.startup) {
    targets.push({ id: 'startup', what: '`dfft check` of one small manifest vs `node -e 0`', measured: 'n/a', baseline: '', ratio: '', target: '≤ 3x', met: undefined, verdict: `not measured: ${r.startup.skipped}` });
  }
  if (r.startup && 'ratio' in r.startup) {
    const s = r.startup;
    const met = s.ratio <= 3;
    targets.push({
      id: 'startup', what: '`dfft check` of one small manifest vs `node -e 0` (whole process, median)',
      measured: fmtMs(s.dfft.median), baseline: fmtMs(s.node.median), ratio: fmtX(s.ratio), target: '≤ 3x', met,
      verdict: met ? 'met' : `missed: ${fmtX(s.ratio / 3)} over`,
    });
  }
  return targets;
}

function targetTable(targets: Target[]): string {
  const lines = ['| measure | dfft | baseline | ratio | target | result |', '| --- | ---: | ---: | ---: | --- | --- |'];
  for (const t of targets) lines.push(`| ${t.what} | ${t.measured} | ${t.baseline} | ${t.ratio} | ${t.target} | ${t.met === true ? '✅ ' : t.met === false ? '❌ ' : ''}${t.verdict} |`);
  return lines.join('\n');
}

function sizeTable(r: Results): string {
  const lines = ['| flows | files | MB of JSON | `JSON.parse` | `check` (all packs) | per flow | CPU per flow | check / parse | runs |', '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |'];
  for (const size of Object.keys(SIZES) as SizeName[]) {
    const c = r.check[size];
    if (!c) continue;
    lines.push(`| ${c.flows.toLocaleString('en-US')} | ${c.files.toLocaleString('en-US')} | ${c.textMB < 10 ? c.textMB.toFixed(1) : Math.round(c.textMB)} | ${fmtMs(c.parse.median)} | ${fmtMs(c.check.median)} | ${fmtUs(c.perFlowUs)} | ${c.check.cpuMedian !== undefined ? fmtUs((c.check.cpuMedian * 1000) / c.flows) : ''} | ${fmtX(c.ratio)} | ${c.check.n}${c.where === 'child process' ? ' (child)' : ''} |`);
  }
  const m = r.memory1M;
  if (m && !m.ok && m.stage) {
    const st = m.stage;
    lines.push(`| ${st.flows.toLocaleString('en-US')} | ${st.files.toLocaleString('en-US')} | ${Math.round(st.textMB)} | ${fmtMs(st.parseMs)} | did not finish: ${m.note} | | | | (child) |`);
  }
  return lines.join('\n');
}

function footnote(r: Results): string {
  const m = r.machine;
  const parts = [
    `${m.cpu}, ${m.cores} cores, ${m.memGB} GB, Node ${m.node}, ${m.platform}; dfft ${r.dfft.version} (${r.dfft.from}); as of ${r.asOf}; seed ${r.seed}; ${r.date}.`,
    'Medians of repeated runs after a warm-up; reading files is outside every timing; JSON.parse and check run interleaved in one process.',
    'CPU per flow is the CPU time of the process (all its threads, GC included) per flow: where wall time rises and CPU time does not, the rise came from other load on the machine.',
  ];
  const c100 = r.check['100k'];
  if (c100?.parseKept && c100.ratioKept !== undefined) {
    parts.push(`JSON.parse with every result kept to the end (as a checker must hold a whole estate) takes ${fmtMs(c100.parseKept.median)} at 100k, so check is ${fmtX(c100.ratioKept)} that.`);
  }
  if (c100?.check.cpuMedian !== undefined && c100.parse.cpuMedian !== undefined) {
    parts.push(`In CPU time (this process, GC threads included), the 100k check takes ${fmtMs(c100.check.cpuMedian)} against ${fmtMs(c100.parse.cpuMedian)} for JSON.parse (${fmtX(c100.check.cpuMedian / c100.parse.cpuMedian)}).`);
  }
  if (c100?.phases) {
    const p = c100.phases;
    parts.push(`Phases of the 100k check (one extra run, from the progress callback): parse, validate, resolve and origins ${fmtMs(p.beforeEvaluateMs)}; evaluation ${fmtMs(p.evaluateMs)}; report ${fmtMs(p.afterEvaluateMs)}.`);
  }
  if (r.starter) parts.push(`json-rules-engine timing includes JSON.parse and id resolution, as dfft's check does (the engine runs alone: ${fmtMs(r.starter.jreEngineOnly.median)}, so dfft is ${r.starter.speedupEngineOnly >= 1 ? `${fmtX(r.starter.speedupEngineOnly)} faster` : `${fmtX(1 / r.starter.speedupEngineOnly)} slower`} than that); both engines gave the same ${r.starter.findings.toLocaleString('en-US')} findings.`);
  if (r.memory1M?.child) parts.push(`1M flows: texts ${r.memory1M.child.textMB} MB; heap retained with the report ${r.memory1M.child.retainedHeapMB} MB; largest committed V8 heap ${r.memory1M.peakHeapCommittedMB ?? '?'} MB; GC pauses ${r.memory1M.gcPauseSeconds ?? '?'} s of the child's ${r.memory1M.wallSeconds} s.`);
  parts.push(`Whole benchmark: ${Math.round(r.totalSeconds)} s (estate generation ${Math.round(r.generationSeconds)} s of it).`);
  return parts.join(' ');
}

// ---------------------------------------------------------------------------------------------

interface Results {
  benchVersion: 1;
  date: string;
  machine: { cpu: string; cores: number; memGB: number; node: string; platform: string };
  dfft: { version: string; from: 'dist' | 'src' };
  asOf: string;
  seed: number;
  estates: Partial<Record<SizeName, EstateMeta>>;
  generationSeconds: number;
  check: Partial<Record<SizeName, CheckAtSize>>;
  starter?: StarterComparison;
  memory1M?: MemoryResult;
  startup?: StartupResult | { skipped: string };
  targets: Target[];
  totalSeconds: number;
}

async function main(argv: string[]): Promise<void> {
  const opts = parseOptions(argv);
  showProgress = Boolean(process.stderr.isTTY) && !opts.quiet && !process.env.CI;
  const started = Date.now();
  const dfft = loadDfft(opts.src);
  const results: Results = {
    benchVersion: 1,
    date: new Date().toISOString(),
    machine: { cpu: os.cpus()[0]?.model.trim() ?? 'unknown', cores: os.cpus().length, memGB: Math.round(os.totalmem() / 2 ** 30), node: process.versions.node, platform: `${os.platform()} ${os.release()}` },
    dfft: { version: dfft.VERSION, from: opts.src ? 'src' : 'dist' },
    asOf: AS_OF,
    seed: DEFAULT_SEED,
    estates: {},
    generationSeconds: 0,
    check: {},
    targets: [],
    totalSeconds: 0,
  };

  // Estates (generated once per generator version; git-ignored).
  const sizes = (Object.keys(SIZES) as SizeName[]).filter((s) => !(opts.skip1m && s === '1M'));
  const genStart = Date.now();
  for (const size of sizes) {
    const { meta } = ensureEstate(size, DEFAULT_SEED, (flows) => progress(`generating the ${size} estate: ${flows.toLocaleString('en-US')} flows`));
    results.estates[size] = meta;
  }
  results.generationSeconds = (Date.now() - genStart) / 1000;

  // 5. Start-up, first, while the machine is quiet.
  results.startup = measureStartup();

  // 1 + 3. Check against JSON.parse at each size in this process.
  const all = await dfft.createChecker({ asOf: AS_OF, packs: dfft.builtinPackIds() });
  let expected = 50;
  let sources100k: SourceText[] | undefined;
  for (const size of sizes.filter((s) => s !== '1M')) {
    const sources = readEstateSources(estateDir(size));
    const flows = SIZES[size];
    const run = await repeat(`check ${size}`, [() => parseAll(sources), () => all.check(sources), () => parseAllKept(sources)], planFor(expected, opts.budgetMs),
      (i, value) => (i !== 1 ? { flows: value as number } : { ...digest(value as Report), firstErrors: firstErrors(value as Report) }));
    const [parse, check, parseKept] = run.samples;
    const parsedFlows = run.first[0].flows;
    if (parsedFlows !== flows) throw new Error(`the ${size} estate holds ${parsedFlows} flows, not ${flows}`);
    const { firstErrors: errs, ...report } = run.first[1] as unknown as ReportDigest & { firstErrors: string[] };
    assertValidRun(`check of the ${size} estate`, { ...report, firstErrors: errs }, flows);
    results.check[size] = {
      flows, files: sources.length, textMB: Number((sources.reduce((n, s) => n + s.text.length, 0) / 2 ** 20).toFixed(1)),
      parse, parseKept, ratioKept: Number((check.median / parseKept.median).toFixed(2)), check, perFlowUs: Number(((check.median * 1000) / flows).toFixed(2)), parsePerFlowUs: Number(((parse.median * 1000) / flows).toFixed(3)),
      ratio: Number((check.median / parse.median).toFixed(2)), where: 'in-process', report,
    };
    expected = check.median * 10;
    if (size === '100k') {
      sources100k = sources;
      results.check[size]!.phases = phasesOf(all.check as unknown as CheckFn, sources, 1);
    }
  }

  // 2. The two starter rules: dfft against json-rules-engine on the 100k estate.
  if (sources100k) {
    const sources = sources100k;
    const starter = await dfft.createChecker({ asOf: AS_OF, policy: path.relative(process.cwd(), path.join(ROOT, 'bench', 'policy', 'starter-rules.yaml')) });
    const engine = createJreEngine(AS_OF);
    const texts = sources.map((s) => s.text);
    const resolved = resolveFlows(texts);
    const starterIds = new Set<string>(STARTER_RULES);
    interface FirstResult { keys: string[]; digest?: ReportDigest & { firstErrors: string[] } }
    const run = await repeat('starter rules: dfft, json-rules-engine', [
      () => starter.check(sources),
      () => runJre(engine, resolveFlows(texts), AS_OF),
      () => runJre(engine, resolved, AS_OF),
    ], planFor(results.check['100k']!.check.median * 3, opts.budgetMs), (i, value): FirstResult => {
      if (i !== 0) return { keys: value as string[] };
      const report = value as Report;
      return { keys: report.findings.filter((f) => starterIds.has(f.ruleId)).map((f) => `${f.flowId}\t${f.ruleId}`), digest: { ...digest(report), firstErrors: firstErrors(report) } };
    });
    const [dfftRuns, jreRuns, jreEngineRuns] = run.samples;
    const dfftDigest = run.first[0].digest!;
    // Same answers, or the comparison is meaningless.
    assertValidRun('check of the 100k estate with the starter rules', dfftDigest, SIZES['100k']);
    const dfftFindings = new Set(run.first[0].keys);
    const jreEvents = run.first[1].keys;
    const jreFindings = new Set(jreEvents);
    const onlyDfft = [...dfftFindings].filter((k) => !jreFindings.has(k));
    const onlyJre = [...jreFindings].filter((k) => !dfftFindings.has(k));
    const undecidable = dfftDigest.undecidable;
    if (onlyDfft.length > 0 || onlyJre.length > 0 || undecidable > 0 || jreFindings.size !== jreEvents.length || dfftFindings.size !== run.first[0].keys.length) {
      throw new Error(
        `dfft and json-rules-engine disagree on the starter rules (${dfftFindings.size} vs ${jreEvents.length} findings; ${undecidable} undecidable): ` +
          `only dfft: ${onlyDfft.slice(0, 5).join(', ') || 'none'}${onlyDfft.length > 5 ? ` and ${onlyDfft.length - 5} more` : ''}; ` +
          `only json-rules-engine: ${onlyJre.slice(0, 5).join(', ') || 'none'}${onlyJre.length > 5 ? ` and ${onlyJre.length - 5} more` : ''}. ` +
          'The two encodings no longer do the same work; fix bench/jre-rules.ts or bench/policy/ before comparing.',
      );
    }
    const dfftPhases = phasesOf(starter.check as unknown as CheckFn, sources, 3);
    const parse100k = results.check['100k']!.parse.median;
    results.starter = {
      flows: SIZES['100k'], dfft: dfftRuns, jre: jreRuns, jreEngineOnly: jreEngineRuns,
      speedup: Number((jreRuns.median / dfftRuns.median).toFixed(2)), speedupEngineOnly: Number((jreEngineRuns.median / dfftRuns.median).toFixed(2)),
      dfftPhases, speedupEvaluationOnly: dfftPhases ? Number((jreEngineRuns.median / dfftPhases.evaluateMs).toFixed(1)) : undefined,
      ceiling: Number((jreRuns.median / parse100k).toFixed(1)),
      findings: dfftFindings.size, agreed: true,
    };
  }
  sources100k = undefined;
  gc();

  // 3 + 4. 1M flows in a child process: time per flow and peak memory.
  if (sizes.includes('1M')) {
    const left = opts.totalBudgetSec - (Date.now() - started) / 1000;
    const memory = await runChild('1M', opts, opts.timeout1mSec ?? Math.max(60, Math.round(left)));
    results.memory1M = memory;
    if (memory.ok && memory.child) {
      const c = memory.child;
      assertValidRun('check of the 1M estate', c.report, SIZES['1M']);
      results.check['1M'] = {
        flows: c.flows, files: c.files, textMB: c.textMB, parse: samples([c.parseMs], [c.parseCpuMs]), check: samples([c.checkMs], [c.checkCpuMs]),
        perFlowUs: Number(((c.checkMs * 1000) / c.flows).toFixed(2)), parsePerFlowUs: Number(((c.parseMs * 1000) / c.flows).toFixed(3)),
        ratio: Number((c.checkMs / c.parseMs).toFixed(2)), where: 'child process', report: c.report,
      };
    }
  }
  progressDone();

  results.totalSeconds = (Date.now() - started) / 1000;
  results.targets = evaluateTargets(results);
  const outDir = path.join(ROOT, 'bench', 'results');
  fs.mkdirSync(outDir, { recursive: true });
  const json = `${JSON.stringify(results, null, 2)}\n`;
  fs.writeFileSync(path.join(outDir, 'in-process.json'), json);
  const table = `${targetTable(results.targets)}\n\n${sizeTable(results)}\n\n${footnote(results)}\n`;
  fs.writeFileSync(path.join(outDir, 'in-process-table.md'), table);
  process.stdout.write(`${table}\nResults: ${path.relative(process.cwd(), path.join(outDir, 'in-process.json'))}, ${path.relative(process.cwd(), path.join(outDir, 'in-process-table.md'))}\n`);
}

main(process.argv.slice(2)).catch((err: unknown) => {
  progressDone();
  const e = err as Error & { diagnostics?: Array<{ message: string; location?: { file: string; line: number; column: number } }> };
  if (e.name === 'DiagnosticError' && e.diagnostics) {
    // dfft could not load its policy: most often dist/ is older than rules/ (npm run bench builds first).
    const lines = e.diagnostics.slice(0, 10).map((x) => `  ${x.location ? `${x.location.file}:${x.location.line}:${x.location.column} ` : ''}${x.message}`);
    process.stderr.write(`bench: dfft could not load the policy (${e.diagnostics.length} errors); is dist/ older than rules/? Build it, or run with --src.\n${lines.join('\n')}\n`);
  } else process.stderr.write(`bench: ${e.message}\n`);
  process.exitCode = 1;
});
