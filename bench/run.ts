/**
 * The benchmark (`npm run bench`): the performance targets, timed as users run dfft, one whole
 * `node dist/cli/bin.js check … -f <format> -o <file> --quiet` process per run, report formatted
 * and written:
 *
 *  1. start-up: a check of one small manifest against `node -e 0`;
 *  2. 1k, 10k, 100k flows (all default packs) against the floor, a node process that reads the
 *     same files and JSON.parses them (bench/floor.js); 100k must stay within 3x the floor;
 *  3. `--cache` on a copy of the 100k estate with 1% of its files changed (bench/cache-bench.ts);
 *  4. 1M flows with `-f json`, `-f sarif` and `-f csv`: completes, peak RSS ≤ 2 GB;
 *  5. time per flow from 1k to 1M: (check − start-up) / flows, largest rise ≤ 1.5x.
 *
 * Prints one pass/fail line per target (with by how much it is missed), writes
 * bench/results/latest.json, bench/results/<date>.json (<date>-2.json for a second run that day…) and bench/results/README-table.md, and
 * exits 1 when any target is missed or could not be measured. Progress goes to stderr only at a
 * terminal, not with --quiet or CI set.
 *
 *   npx tsx bench/run.ts [--quick] [--skip-1m] [--engines] [--quiet] [--budget SECONDS] [--timeout-1m SECONDS]
 *
 * --quick: fewer repetitions and no 1M runs (a few minutes). --skip-1m: everything but 1M.
 * --engines: also the in-process comparison (bench/in-process.ts: check vs JSON.parse in one
 *   process, dfft vs json-rules-engine), printed after the targets.
 * --budget: the whole run should end within this (default 840 s); the 1M runs share what is left.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { measureCache, type CacheResult } from './cache-bench';
import { DEFAULT_SEED, ensureEstate, estateDir, SIZES, type SizeName } from './generate';
import { AS_OF, ROOT } from './lib';
import { assertLoaded, BIN, checkArgs, floorArgs, interleaved, mustComplete, samples, type Plan, type Samples } from './measure';
import { completed, failure, rssMethod, runNode, type ProcessRun } from './process';
import {
  cacheTarget, checkTarget, failed, fmtMB, fmtMs, fmtUs, fmtX, memoryTarget, perFlow, perFlowTarget, startupTarget, targetTable,
  type OneMRun, type PerFlow, type SizeResult, type StartupResult, type Target,
} from './targets';

interface Options {
  quick: boolean;
  skip1m: boolean;
  engines: boolean;
  quiet: boolean;
  budgetSec: number;
  timeout1mSec?: number;
  /** Passed to every check as --max-report-size (the CLI's default when absent). */
  maxReportSize?: string;
}

function parseOptions(argv: string[]): Options {
  const value = (name: string): number | undefined => {
    const at = argv.indexOf(name);
    if (at < 0) return undefined;
    const n = Number(argv[at + 1]);
    if (!(n > 0)) throw new Error(`${name} needs a positive number`);
    return n;
  };
  const quick = argv.includes('--quick');
  const limitAt = argv.indexOf('--max-report-size');
  return {
    quick, skip1m: quick || argv.includes('--skip-1m'), engines: argv.includes('--engines'), quiet: argv.includes('--quiet') || argv.includes('-q'),
    budgetSec: value('--budget') ?? 840, timeout1mSec: value('--timeout-1m'), ...(limitAt >= 0 ? { maxReportSize: argv[limitAt + 1] } : {}),
  };
}

let showProgress = false;
function progress(message: string): void {
  if (showProgress) process.stderr.write(`\r\x1b[K${message}`);
}

interface Results {
  benchVersion: 2;
  date: string;
  mode: 'full' | 'skip-1m' | 'quick';
  machine: { cpu: string; cores: number; memGB: number; node: string; platform: string; loadAverage: number[] };
  dfft: { version: string };
  asOf: string;
  seed: number;
  method: { rss: string; timing: string; perFlow: string };
  startup?: StartupResult;
  sizes: Partial<Record<SizeName, SizeResult>>;
  /** Measurements that could not be taken (a run crashed or exited 2): what it said. */
  failures: Record<string, string>;
  cache?: CacheResult;
  oneMillion?: { floor?: Samples; startupMs?: number; runs: OneMRun[] };
  perFlow?: PerFlow;
  engines?: { ok: boolean; note?: string };
  targets: Target[];
  totalSeconds: number;
}

const SMALL = path.join('bench', 'fixtures', 'small-manifest.yaml');
const PASS_THROUGH = [path.join('bench', 'pass-through.js')];

let extraArgs: string[] = [];
const check = (input: string, format: string, out: string, quiet = true): string[] => checkArgs(input, format, out, extraArgs, quiet);

async function measureStartup(tmp: string, quick: boolean): Promise<StartupResult> {
  const dfft = check(SMALL, 'json', path.join(tmp, 'startup.json'));
  const [node, dfftRuns] = await interleaved('start-up', [['-e', '0'], dfft], { warmup: 3, minReps: quick ? 10 : 20, maxReps: quick ? 10 : 20, budgetSec: 120, rss: false }, progress);
  return { command: `node ${dfft.join(' ')}`, node, dfft: dfftRuns, ratio: Number((dfftRuns.median / node.median).toFixed(2)) };
}

const PLANS: Record<'1k' | '10k' | '100k', { full: Plan; quick: Plan }> = {
  '1k': { full: { warmup: 1, minReps: 7, maxReps: 11, budgetSec: 15 }, quick: { warmup: 1, minReps: 5, maxReps: 5, budgetSec: 10 } },
  '10k': { full: { warmup: 1, minReps: 5, maxReps: 7, budgetSec: 25 }, quick: { warmup: 1, minReps: 3, maxReps: 3, budgetSec: 10 } },
  '100k': { full: { warmup: 0, minReps: 3, maxReps: 5, budgetSec: 60 }, quick: { warmup: 0, minReps: 3, maxReps: 3, budgetSec: 30 } },
};

function sizeResult(size: SizeName, floor: Samples, run: Samples, startupMs: number, reportBytes: number, files: number): SizeResult {
  const flows = SIZES[size];
  return {
    flows, files, floor, check: run, ratio: Number((run.median / floor.median).toFixed(2)), startupMs,
    perFlowUs: Number((((run.median - startupMs) * 1000) / flows).toFixed(2)),
    floorPerFlowUs: Number(((floor.median * 1000) / flows).toFixed(3)), reportMB: Number((reportBytes / 2 ** 20).toFixed(1)),
  };
}

function countFiles(dir: string): number {
  let n = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) if (e.isFile() && e.name.endsWith('.json')) n++;
  return n;
}

/**
 * One size: the floor, the check and a one-file check, interleaved, so that the start-up taken
 * off the time per flow was measured under the same load as the check.
 */
async function measureSize(size: '1k' | '10k' | '100k', tmp: string, opts: Options): Promise<SizeResult> {
  const dir = path.relative(ROOT, estateDir(size));
  const out = path.join(tmp, `report-${size}.json`);
  const commands = [floorArgs(dir), check(dir, 'json', out), check(SMALL, 'json', path.join(tmp, 'startup.json'))];
  const [floor, run, startup] = await interleaved(`${size} flows`, commands, PLANS[size][opts.quick ? 'quick' : 'full'], progress);
  const report = assertLoaded(`check of the ${size} estate`, out, SIZES[size]);
  const result = sizeResult(size, floor, run, startup.median, report.bytes, countFiles(estateDir(size)));
  if (size === '100k') result.passThrough = await measurePassThrough(dir, out, tmp, opts.quick ? 1 : 3);
  fs.rmSync(out, { force: true });
  return result;
}

/**
 * What the 100k target leaves to the check: a process that reads the estate and writes the
 * report the check wrote, and nothing else (bench/pass-through.js), interleaved with the floor.
 * Its time is the whole process's less the loading of the report it is given, which it times.
 */
async function measurePassThrough(dir: string, report: string, tmp: string, reps: number): Promise<NonNullable<SizeResult['passThrough']>> {
  const out = path.join(tmp, 'pass-through.json');
  const loadFile = path.join(tmp, 'pass-through-load-ms');
  const floors: ProcessRun[] = [];
  const runs: ProcessRun[] = [];
  for (let rep = 0; rep < reps; rep++) {
    progress(`100k flows: pass-through ${rep + 1}/${reps}`);
    floors.push(mustComplete('100k floor', await runNode(floorArgs(dir), { cwd: ROOT })));
    const run = await runNode(PASS_THROUGH.concat(dir, report, out, loadFile), { cwd: ROOT });
    if (run.code !== 0 || run.signal !== null || run.timedOut) throw new Error(`bench/pass-through.js: ${failure(run)}`);
    const loadMs = Number(fs.readFileSync(loadFile, 'utf8'));
    if (!(loadMs >= 0 && loadMs < run.ms)) throw new Error(`bench/pass-through.js: a load time of ${loadMs} ms in a run of ${run.ms} ms`);
    runs.push({ ...run, ms: run.ms - loadMs });
  }
  fs.rmSync(out, { force: true });
  const floor = samples(floors);
  const passThrough = samples(runs);
  return { floor, run: passThrough, ratio: Number((passThrough.median / floor.median).toFixed(2)) };
}

/** 1M flows: the floor once, then one run per format, each with a time limit from what is left of the budget. */
async function measureOneMillion(tmp: string, opts: Options, started: number, results: Results): Promise<void> {
  const dir = path.relative(ROOT, estateDir('1M'));
  progress('1M flows: floor and start-up');
  const floor = samples([mustComplete('1M floor', await runNode(floorArgs(dir), { cwd: ROOT }))]);
  const startup: Samples[] = [];
  for (let i = 0; i < 3; i++) startup.push(samples([mustComplete('one-file check', await runNode(check(SMALL, 'json', path.join(tmp, 'startup.json')), { cwd: ROOT }))]));
  const formats = ['json', 'sarif', 'csv'];
  const runs: OneMRun[] = [];
  const startupMs = startup.map((x) => x.median).sort((a, b) => a - b)[1];
  results.oneMillion = { floor, startupMs, runs };
  for (const [i, format] of formats.entries()) {
    const left = opts.budgetSec - (Date.now() - started) / 1000;
    const timeoutSec = opts.timeout1mSec ?? Math.max(240, Math.round(left / (formats.length - i)));
    const out = path.join(tmp, `report-1M.${format}`);
    // Not --quiet: a run that fails must say why on stderr (--quiet silences even that).
    const r = await runNode(check(dir, format, out, false), { cwd: ROOT, timeoutSec, onTick: (s) => progress(`1M flows, -f ${format}: ${s} s (limit ${timeoutSec} s)`) });
    const ok = completed(r);
    const reportMB = fs.existsSync(out) ? Number((fs.statSync(out).size / 2 ** 20).toFixed(1)) : undefined;
    runs.push({ format, ok, ms: Math.round(r.ms), peakRssMB: r.peakRssMB, reportMB, ...(ok ? {} : { failure: failure(r, timeoutSec) }) });
    if (ok && format === 'json') {
      const report = assertLoaded('check of the 1M estate', out, SIZES['1M']);
      results.sizes['1M'] = sizeResult('1M', floor, samples([r]), startupMs, report.bytes, countFiles(estateDir('1M')));
    }
    fs.rmSync(out, { force: true });
  }
}

function runEngines(): { ok: boolean; note?: string; stdout: string } {
  progress('in-process comparison (bench/in-process.ts)');
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join('bench', 'in-process.ts'), '--skip-1m', '--quiet'], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 2 ** 20 });
  if (r.status === 0) return { ok: true, stdout: r.stdout };
  return { ok: false, note: (r.stderr ?? '').trim().split('\n').pop(), stdout: r.stdout ?? '' };
}

function sizeTable(r: Results): string {
  const lines = ['| flows | files | floor (read + JSON.parse) | `check -f json -o` | check / floor | per flow | peak RSS | report |', '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |'];
  for (const size of Object.keys(SIZES) as SizeName[]) {
    const c = r.sizes[size];
    if (!c) continue;
    lines.push(`| ${c.flows.toLocaleString('en-US')} | ${c.files.toLocaleString('en-US')} | ${fmtMs(c.floor.median)} | ${fmtMs(c.check.median)} (${c.check.n} run${c.check.n > 1 ? 's' : ''}) | ${fmtX(c.ratio)} | ${fmtUs(c.perFlowUs)} | ${c.check.peakRssMB !== undefined ? fmtMB(c.check.peakRssMB) : ''} | ${fmtMB(c.reportMB)} |`);
  }
  for (const run of r.oneMillion?.runs ?? []) {
    lines.push(`| 1,000,000 (-f ${run.format}) | | | ${run.ok ? fmtMs(run.ms) : `did not complete: ${run.failure}`} | | | ${run.peakRssMB !== undefined ? fmtMB(run.peakRssMB) : ''} | ${run.reportMB !== undefined ? fmtMB(run.reportMB) : ''} |`);
  }
  return lines.join('\n');
}

function footnote(r: Results): string {
  const m = r.machine;
  const parts = [
    `${r.date.slice(0, 10)}; ${m.cpu}, ${m.cores} cores, ${m.memGB} GB, Node ${m.node}, ${m.platform}; load average ${m.loadAverage.map((x) => x.toFixed(1)).join(' ')} at the start; dfft ${r.dfft.version}; --as-of ${r.asOf}; estates of seed ${r.seed}; ${r.mode} run, ${Math.round(r.totalSeconds)} s.`,
    r.method.timing,
    r.method.perFlow,
    `Peak RSS: ${r.method.rss}.`,
  ];
  const m1 = r.oneMillion;
  const other = m1?.runs.find((x) => x.ok && x.format !== 'json');
  if (m1 && !r.sizes['1M'] && other && m1.startupMs !== undefined) {
    // Not in the target (another format than the other sizes), but the best sign of the trend.
    parts.push(`1M with -f ${other.format} completed: ${fmtUs(((other.ms - m1.startupMs) * 1000) / SIZES['1M'])} per flow.`);
  }
  const pass = r.sizes['100k']?.passThrough;
  if (pass) parts.push(`What the 100k target leaves to the check: a node process that reads and JSON.parses the same files, then JSON.stringifies and writes the report the check wrote (bench/pass-through.js, the loading of that report not counted), took ${fmtMs(pass.run.median)}, ${fmtX(pass.ratio)} the floor run beside it (${pass.run.n} runs).`);
  if (r.cache?.measured) parts.push(`--cache: ${r.cache.changed} of ${r.cache.files} files changed per repetition; filling the cache took ${fmtMs(r.cache.fillMs)}; ${r.cache.cached.n} cached and ${r.cache.cold.n} cold runs, interleaved.`);
  return parts.join(' ');
}

function machine(): Results['machine'] {
  return { cpu: os.cpus()[0]?.model.trim() ?? 'unknown', cores: os.cpus().length, memGB: Math.round(os.totalmem() / 2 ** 30), node: process.versions.node, platform: `${os.platform()} ${os.release()}`, loadAverage: os.loadavg() };
}

function evaluate(r: Results, opts: Options): Target[] {
  const order = (Object.keys(SIZES) as SizeName[]).filter((s) => !(opts.skip1m && s === '1M'));
  r.perFlow = perFlow(r.sizes, order);
  const oneM = (format: string): OneMRun | undefined => r.oneMillion?.runs.find((x) => x.format === format);
  return [
    checkTarget(r.sizes['100k'], r.failures['100k']),
    ...['json', 'sarif', 'csv'].map((f) => memoryTarget(f, oneM(f), opts.skip1m, r.failures['1M'])),
    perFlowTarget(r.perFlow, order),
    startupTarget(r.startup, r.failures.startup),
    cacheTarget(r.cache),
  ];
}

/** `<date>.json`, or `<date>-2.json` and on when a run of that day is there already: a run never replaces another's results. */
function datedName(dir: string, day: string): string {
  for (let n = 1; ; n++) {
    const name = n === 1 ? `${day}.json` : `${day}-${n}.json`;
    if (!fs.existsSync(path.join(dir, name))) return name;
  }
}

function write(r: Results): string {
  const outDir = path.join(ROOT, 'bench', 'results');
  fs.mkdirSync(outDir, { recursive: true });
  const json = `${JSON.stringify(r, null, 2)}\n`;
  fs.writeFileSync(path.join(outDir, 'latest.json'), json);
  fs.writeFileSync(path.join(outDir, datedName(outDir, r.date.slice(0, 10))), json);
  const missed = r.targets.filter(failed).length;
  const headline = `dfft ${r.dfft.version}, ${r.date.slice(0, 10)}, ${r.machine.cpu} (${r.machine.cores} cores, ${r.machine.memGB} GB), Node ${r.machine.node}: ${missed === 0 ? 'every target met' : `${missed} of ${r.targets.length} targets missed`}.`;
  const table = `${headline}\n\n${targetTable(r.targets)}\n\n${sizeTable(r)}\n\n${footnote(r)}\n`;
  fs.writeFileSync(path.join(outDir, 'README-table.md'), table);
  return table;
}

async function main(argv: string[]): Promise<void> {
  const opts = parseOptions(argv);
  showProgress = Boolean(process.stderr.isTTY) && !opts.quiet && !process.env.CI;
  const started = Date.now();
  if (!fs.existsSync(path.join(ROOT, BIN))) throw new Error(`${BIN} is missing: run npm run build (npm run bench does)`);
  const { VERSION } = require(path.join(ROOT, 'dist', 'index')) as { VERSION: string }; // eslint-disable-line @typescript-eslint/no-require-imports
  const r: Results = {
    benchVersion: 2, date: new Date().toISOString(), mode: opts.quick ? 'quick' : opts.skip1m ? 'skip-1m' : 'full', machine: machine(), dfft: { version: VERSION }, asOf: AS_OF, seed: DEFAULT_SEED,
    method: {
      rss: rssMethod(),
      timing: 'Every time is one whole process, spawn to exit (`node dist/cli/bin.js check <dir> --as-of … -f <format> -o <file> --quiet`); a command and its baseline run interleaved (a, b, a, b) after a warm-up, medians; 1M runs once per format.',
      perFlow: 'Time per flow = (median whole-process check − median start-up of the one-file check) / flows, so that the fixed cost of starting node and loading the policy is not spread over the flows.',
    },
    sizes: {}, failures: {}, targets: [], totalSeconds: 0,
  };
  extraArgs = opts.maxReportSize ? ['--max-report-size', opts.maxReportSize] : [];
  // A run that crashes is a result (the target fails, saying why), not the end of the benchmark.
  const attempt = async <T>(key: string, fn: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await fn();
    } catch (err) {
      r.failures[key] = (err as Error).message;
      return undefined;
    }
  };
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dfft-bench-'));
  try {
    for (const size of Object.keys(SIZES) as SizeName[]) if (!(opts.skip1m && size === '1M')) ensureEstate(size, DEFAULT_SEED, (n) => progress(`generating the ${size} estate: ${n.toLocaleString('en-US')} flows`));
    r.startup = await attempt('startup', () => measureStartup(tmp, opts.quick));
    for (const size of ['1k', '10k', '100k'] as const) r.sizes[size] = await attempt(size, () => measureSize(size, tmp, opts));
    r.cache = await measureCache(estateDir('100k'), tmp, opts.quick ? 1 : 5, extraArgs, progress);
    if (!opts.skip1m) await attempt('1M', () => measureOneMillion(tmp, opts, started, r));
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  const engines = opts.engines ? runEngines() : undefined;
  if (engines) r.engines = { ok: engines.ok, ...(engines.note ? { note: engines.note } : {}) };
  progress('');
  r.totalSeconds = Math.round((Date.now() - started) / 1000);
  r.targets = evaluate(r, opts);
  const table = write(r);
  process.stdout.write(`${table}\nResults: bench/results/latest.json, bench/results/README-table.md\n`);
  if (engines) process.stdout.write(`\n## In-process comparison (secondary)\n\n${engines.ok ? engines.stdout : `bench/in-process.ts failed: ${engines.note ?? ''}\n`}`);
  if (r.targets.some(failed)) process.exitCode = 1;
}

main(process.argv.slice(2)).catch((err: unknown) => {
  if (showProgress) process.stderr.write('\r\x1b[K');
  process.stderr.write(`bench: ${(err as Error).message}\n`);
  process.exitCode = 1;
});
