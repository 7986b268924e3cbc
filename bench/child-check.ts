/**
 * One large check in a process of its own, for its time and its peak memory (bench/in-process.ts
 * starts it with --expose-gc and --trace-gc, and reads the peak RSS from /proc as it runs).
 *
 * Steps: load dfft and the policy (all built-in packs), warm the JIT up on a small estate, read
 * the estate (texts and sha256, as the CLI does), time JSON.parse of every text (the floor),
 * then time one check. Prints `BENCH-STAGE <json>` (the floor and the loaded texts) before the
 * check and `BENCH-RESULT <json>` after it, on stdout.
 *
 *   node --expose-gc --import tsx bench/child-check.ts 1M [--warmup 10k] [--src]
 */
import * as v8 from 'node:v8';
import { estateDir, SIZES, type SizeName } from './generate';
import { AS_OF, gc, loadDfft, parseAll, readEstateSources, timeSync } from './lib';

/** What the child reports before its check, so that a check that dies still leaves these. */
export interface ChildStage {
  parseMs: number;
  flows: number;
  files: number;
  textMB: number;
  loadedRssMB: number;
  heapLimitMB: number;
}

export interface ChildResult {
  size: string;
  flows: number;
  files: number;
  textMB: number;
  parseMs: number;
  checkMs: number;
  /** CPU time (user + system, all threads) of the parse and of the check. */
  parseCpuMs: number;
  checkCpuMs: number;
  /** RSS and heap when dfft and the policy are loaded, before the estate is read. */
  baseline: { rssMB: number; heapUsedMB: number };
  /** After the texts are read (and garbage collected). */
  loaded: { rssMB: number; heapUsedMB: number };
  /** Right after the check, the report still alive. */
  afterCheck: { rssMB: number; heapUsedMB: number; heapTotalMB: number };
  /** After a full GC, the report still alive: what the run retains. */
  retainedHeapMB: number;
  /** Peak resident set size of this process (getrusage maxrss). */
  maxRssMB: number;
  report: { flows: number; errors: number; verdicts: Record<string, number>; findings: Record<string, number>; undecidable: number };
}

const mb = (bytes: number): number => Math.round(bytes / 2 ** 20);

async function main(argv: string[]): Promise<void> {
  const size = argv.find((a) => a in SIZES) as SizeName | undefined;
  if (!size) throw new Error(`usage: child-check.ts <${Object.keys(SIZES).join('|')}> [--warmup SIZE] [--src]`);
  const warmAt = argv.indexOf('--warmup');
  const warmup = warmAt >= 0 ? (argv[warmAt + 1] as SizeName) : undefined;
  const dfft = loadDfft(argv.includes('--src'));
  const checker = await dfft.createChecker({ asOf: AS_OF, packs: dfft.builtinPackIds() });
  if (warmup) {
    const small = readEstateSources(estateDir(warmup));
    checker.check(small);
    parseAll(small);
  }
  gc();
  const m0 = process.memoryUsage();
  const sources = readEstateSources(estateDir(size));
  gc();
  const m1 = process.memoryUsage();
  const c0 = process.cpuUsage();
  const parse = timeSync(() => parseAll(sources));
  const parseCpu = process.cpuUsage(c0);
  // Reported before the check, so that a check that dies still leaves the floor and the load.
  const stage: ChildStage = { parseMs: parse.ms, flows: parse.value, files: sources.length, textMB: mb(sources.reduce((n, s) => n + s.text.length, 0)), loadedRssMB: mb(m1.rss), heapLimitMB: mb(v8.getHeapStatistics().heap_size_limit) };
  process.stdout.write(`BENCH-STAGE ${JSON.stringify(stage)}\n`);
  gc();
  const c1 = process.cpuUsage();
  const run = timeSync(() => checker.check(sources));
  const checkCpu = process.cpuUsage(c1);
  const m2 = process.memoryUsage();
  gc();
  const m3 = process.memoryUsage();
  const report = run.value;
  const result: ChildResult = {
    size,
    flows: parse.value,
    files: sources.length,
    textMB: mb(sources.reduce((n, s) => n + s.text.length, 0)),
    parseMs: parse.ms,
    checkMs: run.ms,
    parseCpuMs: (parseCpu.user + parseCpu.system) / 1000,
    checkCpuMs: (checkCpu.user + checkCpu.system) / 1000,
    baseline: { rssMB: mb(m0.rss), heapUsedMB: mb(m0.heapUsed) },
    loaded: { rssMB: mb(m1.rss), heapUsedMB: mb(m1.heapUsed) },
    afterCheck: { rssMB: mb(m2.rss), heapUsedMB: mb(m2.heapUsed), heapTotalMB: mb(m2.heapTotal) },
    retainedHeapMB: mb(m3.heapUsed),
    maxRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
    report: {
      flows: report.summary.flows,
      errors: report.errors.length,
      verdicts: { ...report.summary.verdicts },
      findings: { ...report.summary.findings },
      undecidable: report.findings.filter((f) => f.ruleId === 'dfft/undecidable').length,
    },
  };
  process.stdout.write(`BENCH-RESULT ${JSON.stringify(result)}\n`);
}

main(process.argv.slice(2)).catch((err: unknown) => {
  process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
  process.exitCode = 1;
});
