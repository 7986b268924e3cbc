/**
 * Experiment: does reading, parsing, scanning and schema-validating manifest
 * files in a worker_threads pool make a whole check faster on this machine?
 *
 *   npx tsx bench/experiments/worker-pool.ts phases 100k        time of each step on the main thread
 *   npx tsx bench/experiments/worker-pool.ts e2e 100k [--reps N] [--workers 1,2,4] [--designs errors,index,tree]
 *   npx tsx bench/experiments/worker-pool.ts front 1M [--reps N]  read→loaded manifests only (no evaluation)
 *   npx tsx bench/experiments/worker-pool.ts startup [--reps N]  pool start-up and a one-file check
 *
 * Runs over dist/ (npm run build first). The designs (see worker-pool-worker.js):
 *   main:   readManifestFiles + checker.check, as the CLI does (the baseline)
 *   errors: workers read, parse, scan and validate, and send text, sha256 and diagnostics; the
 *           main thread parses again (parseSource) for the data and positions, skipping ajv
 *   index:  workers also send the shallow span index; the main thread only runs JSON.parse
 *   tree:   workers also send the parsed data (structured clone); the main thread parses nothing
 * The main thread consumes results in file order as they arrive, so its own parsing overlaps
 * the workers'. After the files, every design runs the same resolve, origins, evaluation and
 * report as checker.check (replicated here from src/library/checker.ts runCheck), and every
 * design's report is compared with the baseline's, byte for byte, before anything is timed.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Diagnostic, Report, SourceText } from '../../src/index';
import type { LoadedManifest } from '../../src/resolve/model';
import type { Law } from '../../src/law/law';
import type { CompiledPolicy } from '../../src/policy/compile-policy';
import { AS_OF, gc, median, ROOT } from '../lib';

/* eslint-disable @typescript-eslint/no-require-imports */
const DIST = path.join(ROOT, 'dist');
const dfft = require(`${DIST}/index`) as typeof import('../../src/index');
const { parseSource } = require(`${DIST}/source/parse-source`) as typeof import('../../src/source/parse-source');
const { validateAgainst } = require(`${DIST}/source/validate-schema`) as typeof import('../../src/source/validate-schema');
const { SourceDocument } = require(`${DIST}/source/source-document`) as typeof import('../../src/source/source-document');
const { SpanIndex } = require(`${DIST}/source/span-index`) as typeof import('../../src/source/span-index');
const { scanJsonStructure } = require(`${DIST}/source/json-structure`) as typeof import('../../src/source/json-structure');
const { resolveModel } = require(`${DIST}/resolve/resolve`) as typeof import('../../src/resolve/resolve');
const { OriginTable } = require(`${DIST}/resolve/origin`) as typeof import('../../src/resolve/origin');
const { evaluate } = require(`${DIST}/engine/evaluate`) as typeof import('../../src/engine/evaluate');
const { ReportBuilder } = require(`${DIST}/report/build-report`) as typeof import('../../src/report/build-report');
const { expandManifestPaths, readManifestFiles } = require(`${DIST}/manifest/read-manifests`) as typeof import('../../src/manifest/read-manifests');
const { readTextFile } = require(`${DIST}/source/read-file`) as typeof import('../../src/source/read-file');
const { getValidator } = require(`${DIST}/source/ajv`) as typeof import('../../src/source/ajv');
const { DEFAULT_LIMITS } = require(`${DIST}/source/limits`) as typeof import('../../src/source/limits');
/* eslint-enable @typescript-eslint/no-require-imports */

type Design = 'errors' | 'index' | 'tree';
const ESTATES = path.join(ROOT, 'bench', 'estates');
const WORKER_FILE = path.join(__dirname, 'worker-pool-worker.js');

interface PackedIndex {
  spans: Array<[string, { value: [number, number]; key?: [number, number] }]>;
  elements: Array<string | Uint32Array>;
}

interface WorkerResult {
  i: number;
  file: string;
  text?: string;
  sha256?: string;
  readErrors?: Diagnostic[];
  parseErrors?: Diagnostic[];
  schemaErrors?: Diagnostic[];
  index?: PackedIndex;
  data?: unknown;
}

/** A fixed set of workers; files go out in batches, to whichever worker is free. */
class Pool {
  private constructor(readonly workers: Worker[]) {}

  static async start(n: number): Promise<Pool> {
    const workers = Array.from({ length: n }, () => new Worker(WORKER_FILE, { workerData: { dist: DIST, maxDepth: DEFAULT_LIMITS.maxDepth }, execArgv: [] }));
    await Promise.all(workers.map((w) => new Promise<void>((resolve, reject) => {
      w.once('message', () => resolve());
      w.once('error', reject);
    })));
    return new Pool(workers);
  }

  /** Runs every file; `consume` sees the results in file order, as soon as each is next. */
  run(design: Design, files: readonly string[], batch: number, consume: (r: WorkerResult) => void): Promise<void> {
    return new Promise((resolve, reject) => {
      const results: Array<WorkerResult | undefined> = new Array(files.length);
      let sent = 0;
      let next = 0;
      const send = (w: Worker): void => {
        if (sent >= files.length) return;
        const chunk: Array<[number, string]> = [];
        for (const end = Math.min(files.length, sent + batch); sent < end; sent++) chunk.push([sent, files[sent]]);
        w.postMessage({ design, files: chunk });
      };
      const onMessage = (w: Worker) => (out: WorkerResult[]): void => {
        send(w);
        for (const r of out) results[r.i] = r;
        try {
          while (next < files.length && results[next]) {
            consume(results[next] as WorkerResult);
            results[next++] = undefined;
          }
        } catch (err) {
          reject(err);
        }
        if (next === files.length) {
          for (const x of this.workers) x.removeAllListeners('message');
          resolve();
        }
      };
      for (const w of this.workers) {
        w.on('message', onMessage(w));
        // Two batches in flight per worker, so that none waits for the main thread.
        send(w);
        send(w);
      }
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

/** What validateManifests gathers, file by file (src/library/checker.ts). */
class Collector {
  readonly errors: Diagnostic[] = [];
  readonly loaded: LoadedManifest[] = [];
  readonly failed: string[] = [];
  readonly inputs: Array<{ file: string; sha256: string }> = [];

  /** The checker's own path: parse, scan and validate here. */
  addMain(source: SourceText): void {
    const parsed = parseSource(source.file, source.text, source.sha256, DEFAULT_LIMITS.maxDepth);
    if (!parsed.ok) return this.fail(source.file, parsed.diagnostics, source.sha256);
    this.inputs.push({ file: source.file, sha256: parsed.value.source.sha256 });
    const schemaErrors = validateAgainst('manifest', parsed.value);
    if (schemaErrors.length > 0) return this.fail(source.file, schemaErrors);
    this.loaded.push({ source: parsed.value.source, manifest: parsed.value.data as LoadedManifest['manifest'] });
  }

  addWorker(design: Design, r: WorkerResult): void {
    if (r.readErrors) return void this.errors.push(...r.readErrors);
    const text = r.text as string;
    const sha256 = r.sha256 as string;
    if (r.parseErrors) return this.fail(r.file, r.parseErrors, sha256);
    this.inputs.push({ file: r.file, sha256 });
    if (r.schemaErrors && r.schemaErrors.length > 0) return this.fail(r.file, r.schemaErrors);
    if (design === 'errors') {
      // The worker found no problem; the same parse here gives the data and positions.
      const parsed = parseSource(r.file, text, sha256, DEFAULT_LIMITS.maxDepth);
      if (!parsed.ok) throw new Error(`${r.file}: the worker and the main thread disagree`);
      this.loaded.push({ source: parsed.value.source, manifest: parsed.value.data as LoadedManifest['manifest'] });
      return;
    }
    const data = design === 'tree' ? r.data : JSON.parse(text);
    const source = new SourceDocument(r.file, text, 'json', sha256, undefined, unpackIndex(r.index as PackedIndex));
    this.loaded.push({ source, manifest: data as LoadedManifest['manifest'] });
  }

  private fail(file: string, diagnostics: readonly Diagnostic[], sha256?: string): void {
    this.errors.push(...diagnostics);
    this.failed.push(file);
    if (sha256 !== undefined) this.inputs.push({ file, sha256 });
  }
}

function unpackIndex(packed: PackedIndex): InstanceType<typeof SpanIndex> {
  const index = new SpanIndex();
  const inner = index as unknown as { spans: Map<string, unknown>; elements: Map<string, ArrayLike<number>> };
  for (const [pointer, span] of packed.spans) inner.spans.set(pointer, span);
  for (let k = 0; k < packed.elements.length; k += 2) inner.elements.set(packed.elements[k] as string, packed.elements[k + 1] as Uint32Array);
  return index;
}

interface Context {
  checker: Awaited<ReturnType<typeof dfft.createChecker>>;
  law: Law;
}

/** resolve, origins, evaluation and report, as runCheck does after validateManifests. */
function finishCheck(c: Collector, ctx: Context): Report {
  const resolved = resolveModel(c.loaded, { taxonomy: ctx.law.taxonomy, failedFiles: c.failed });
  const model = resolved.model;
  const origins = new OriginTable(model);
  const builder = new ReportBuilder();
  const policy: CompiledPolicy = ctx.checker.policy;
  evaluate(model, origins, policy, ctx.law, { asOf: AS_OF }, (e) => builder.add(e));
  return builder.finish({ asOf: AS_OF, policy, engineRules: ctx.law.engineRules, inputs: c.inputs, errors: [...c.errors, ...resolved.errors] });
}

async function context(): Promise<Context> {
  const checker = await dfft.createChecker({ asOf: AS_OF, packs: dfft.builtinPackIds() });
  const law = dfft.loadLaw();
  if (!law.ok) throw new Error('law did not load');
  return { checker, law: law.value.law };
}

function estateFiles(size: string): string[] {
  const expanded = expandManifestPaths([path.relative(process.cwd(), path.join(ESTATES, size))]);
  return expanded.files;
}

const ms = (t0: bigint): number => Number(process.hrtime.bigint() - t0) / 1e6;

/**
 * CPU time of the main thread alone (Linux: /proc, in clock ticks of 10 ms). On a machine whose
 * other cores are free, the main thread's CPU time is the wall time of the run: what the pool
 * takes off it is what a run would save.
 */
function mainThreadCpuMs(): number {
  const stat = fs.readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10; // utime, stime
}

/** CPU time of the whole process, every thread (what the run costs the machine). */
function processCpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/** The baseline: the CLI's reading, then checker.check. */
function runMain(files: readonly string[], ctx: Context): { report: Report; frontMs: number } {
  const t0 = process.hrtime.bigint();
  const read = readManifestFiles(files);
  const frontMs = ms(t0);
  return { report: ctx.checker.check(read.sources, { inputErrors: read.errors }), frontMs };
}

/** The same work with the loop replicated here (shows the replica costs what the checker does). */
function runReplica(files: readonly string[], ctx: Context, front = false): { report?: Report; c: Collector; frontMs: number } {
  const c = new Collector();
  const t0 = process.hrtime.bigint();
  for (const file of files) {
    const read = readTextFile(file, 'source/unreadable');
    if (!read.ok) c.errors.push(...read.diagnostics);
    else c.addMain({ file, text: read.value.text, sha256: read.value.sha256 });
  }
  const frontMs = ms(t0);
  return { c, frontMs, report: front ? undefined : finishCheck(c, ctx) };
}

async function runPool(pool: Pool, design: Design, files: readonly string[], ctx: Context, batch: number, front = false): Promise<{ report?: Report; c: Collector; frontMs: number }> {
  const c = new Collector();
  const t0 = process.hrtime.bigint();
  await pool.run(design, files, batch, (r) => c.addWorker(design, r));
  const frontMs = ms(t0);
  return { c, frontMs, report: front ? undefined : finishCheck(c, ctx) };
}

function args(): { reps: number; workers: number[]; designs: Design[]; batch: number } {
  const get = (name: string): string | undefined => {
    const i = process.argv.indexOf(name);
    return i > 0 ? process.argv[i + 1] : undefined;
  };
  return {
    reps: Number(get('--reps') ?? 5),
    workers: (get('--workers') ?? '1,2,4').split(',').map(Number),
    designs: (get('--designs') ?? 'errors,index,tree').split(',') as Design[],
    batch: Number(get('--batch') ?? 4),
  };
}

function summary(samples: Map<string, number[]>, base = 'main'): void {
  const b = median(samples.get(base) ?? [NaN]);
  console.log('| variant | median ms | vs main | samples |');
  console.log('| --- | ---: | ---: | --- |');
  for (const [name, xs] of samples) {
    const m = median(xs);
    console.log(`| ${name} | ${m.toFixed(0)} | ${(((m - b) / b) * 100).toFixed(1)}% | ${xs.map((x) => x.toFixed(0)).join(' ')} |`);
  }
}

/** Main-thread cost of each step over every file of an estate. */
async function phases(size: string, reps: number): Promise<void> {
  const ctx = await context();
  const files = estateFiles(size);
  const sources = readManifestFiles(files).sources;
  const validate = getValidator('manifest');
  const parsed = sources.map((s) => parseSource(s.file, s.text, s.sha256));
  const datas = parsed.map((p) => (p.ok ? p.value.data : null));
  const steps: Record<string, () => unknown> = {
    'read (readTextFile: read, UTF-8, sha256)': () => readManifestFiles(files),
    'JSON.parse': () => sources.map((s) => JSON.parse(s.text) as unknown),
    scanJsonStructure: () => sources.map((s) => scanJsonStructure(s.text, DEFAULT_LIMITS.maxDepth)),
    'parseSource (parse + scan)': () => sources.map((s) => parseSource(s.file, s.text, s.sha256)),
    'ajv validate (manifest)': () => datas.map((d) => validate(d)),
    'structured clone of parsed data': () => datas.map((d) => structuredClone(d)),
    'validateManifests (parse, scan, validate, resolve)': () => dfft.validateManifests(sources, ctx.law),
    'checker.check': () => ctx.checker.check(sources),
  };
  const samples = new Map<string, number[]>(Object.keys(steps).map((k) => [k, []]));
  for (let r = 0; r < reps + 1; r++) {
    for (const [name, fn] of Object.entries(steps)) {
      gc();
      const t0 = process.hrtime.bigint();
      fn();
      if (r > 0) samples.get(name)?.push(ms(t0));
    }
  }
  console.log(`## phases, ${size} (${files.length} files), main thread, ${reps} interleaved runs after a warm-up\n`);
  summary(samples, 'checker.check');
}

/** Whole checks: the baseline against every design and pool size, interleaved. */
async function endToEnd(size: string, front: boolean): Promise<void> {
  const { reps, workers, designs, batch } = args();
  const ctx = await context();
  const files = estateFiles(size);
  const pools = new Map<number, Pool>();
  for (const n of workers) pools.set(n, await Pool.start(n));
  const expected = front ? undefined : JSON.stringify(runMain(files, ctx).report);
  const variants: Array<[string, () => Promise<{ report?: Report; frontMs: number }>]> = [
    ['main', async () => (front ? runReplica(files, ctx, true) : runMain(files, ctx))],
    ['main (replica)', async () => runReplica(files, ctx, front)],
  ];
  for (const d of designs) for (const n of workers) variants.push([`${d} x${n}`, () => runPool(pools.get(n) as Pool, d, files, ctx, batch, front)]);
  const samples = new Map<string, number[]>(variants.map(([k]) => [k, []]));
  const fronts = new Map<string, number[]>(variants.map(([k]) => [k, []]));
  const mainCpu = new Map<string, number[]>(variants.map(([k]) => [k, []]));
  const allCpu = new Map<string, number[]>(variants.map(([k]) => [k, []]));
  for (let r = 0; r < reps + 1; r++) {
    // Rotate the order each round, so that no variant always follows the same one.
    for (let k = 0; k < variants.length; k++) {
      const [name, run] = variants[(k + r) % variants.length];
      gc();
      const c0 = mainThreadCpuMs();
      const p0 = processCpuMs();
      const t0 = process.hrtime.bigint();
      const out = await run();
      const total = ms(t0);
      const c1 = mainThreadCpuMs() - c0;
      const p1 = processCpuMs() - p0;
      if (expected !== undefined && JSON.stringify(out.report) !== expected) throw new Error(`${name}: the report differs from checker.check's`);
      if (r > 0) {
        samples.get(name)?.push(total);
        fronts.get(name)?.push(out.frontMs);
        mainCpu.get(name)?.push(c1);
        allCpu.get(name)?.push(p1);
      }
      process.stderr.write(`${name}: ${total.toFixed(0)} ms wall, ${c1} ms main-thread CPU, ${p1.toFixed(0)} ms process CPU, load ${os.loadavg()[0].toFixed(1)}\n`);
    }
  }
  for (const p of pools.values()) await p.close();
  console.log(`## ${front ? 'front (read → loaded manifests)' : 'end to end (read → report)'}, ${size} (${files.length} files), ${os.cpus().length} cores, batch ${batch}, ${reps} rotated runs after a warm-up\n`);
  console.log('wall time:\n');
  summary(samples);
  console.log('\nCPU time of the main thread (the wall time where other cores are free):\n');
  summary(mainCpu);
  console.log('\nCPU time of the process, all threads (the cost to the machine):\n');
  summary(allCpu);
  if (!front) {
    console.log('\nwall time of the front part only (read → loaded manifests; for main, the reading alone):\n');
    summary(fronts);
  }
}

/** Pool start-up, and a one-file check with and without a pool. */
async function startup(reps: number): Promise<void> {
  const ctx = await context();
  const one = [path.relative(process.cwd(), path.join(ROOT, 'bench', 'fixtures', 'small-manifest.yaml'))];
  const samples = new Map<string, number[]>([['one file, main', []], ['pool x1 start', []], ['pool x2 start', []], ['one file, pool x1 (start + run + close)', []], ['one file, pool x2 (start + run + close)', []]]);
  const add = (k: string, v: number): void => void samples.get(k)?.push(v);
  for (let r = 0; r < reps + 1; r++) {
    const keep = r > 0;
    gc();
    let t0 = process.hrtime.bigint();
    runMain(one, ctx);
    if (keep) add('one file, main', ms(t0));
    for (const n of [1, 2]) {
      gc();
      t0 = process.hrtime.bigint();
      const pool = await Pool.start(n);
      if (keep) add(`pool x${n} start`, ms(t0));
      await pool.close();
      gc();
      t0 = process.hrtime.bigint();
      const p2 = await Pool.start(n);
      const c = new Collector();
      // A YAML file: the index design does not apply, the errors design does.
      await p2.run('errors', one, 1, (res) => {
        if (res.readErrors || res.parseErrors) c.errors.push(...(res.readErrors ?? res.parseErrors ?? []));
        else c.addMain({ file: res.file, text: res.text as string, sha256: res.sha256 });
      });
      finishCheck(c, ctx);
      await p2.close();
      if (keep) add(`one file, pool x${n} (start + run + close)`, ms(t0));
    }
  }
  console.log(`## start-up, ${reps} interleaved runs after a warm-up\n`);
  summary(samples, 'one file, main');
}

async function main(): Promise<void> {
  const [mode, size = '100k'] = process.argv.slice(2);
  const { reps } = args();
  if (mode === 'phases') await phases(size, reps);
  else if (mode === 'e2e') await endToEnd(size, false);
  else if (mode === 'front') await endToEnd(size, true);
  else if (mode === 'startup') await startup(reps);
  else throw new Error('usage: worker-pool.ts phases|e2e|front|startup [size] [--reps N] [--workers 1,2,4] [--designs errors,index,tree] [--batch N]');
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
