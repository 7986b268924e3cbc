/**
 * The load test (`npm run bench:serve`): autocannon against `dfft serve` on loopback.
 *
 * The server runs in a child process, so that the load generator does not share its event loop,
 * with its production settings (JSON logs at info level, written to /dev/null). It serves the
 * build in dist/ (what `npm run bench:serve` builds), or with --src the TypeScript sources
 * through tsx (when dist/ is stale and must not be rebuilt). Each scenario is a POST /v1/check of
 * the same body, measured for --duration seconds after a warm-up:
 *
 *   - a realistic manifest: examples/manifests/eu-saas-us-processor.yaml (5 parties, 1 dataset,
 *     4 flows with DPF, SCC, TIA and none; 2 violations), as YAML text;
 *   - the same manifest as a JSON object (YAML parsing with positions is most of the YAML row);
 *   - an estate of 1,000 flows: bench/estates/1k (12 manifests, 375 kB of JSON), for scale;
 *
 * each with 1 connection (no concurrency: one request at a time) and with --connections
 * connections. It reports requests per second (mean of the per-second samples), latency p50 and
 * p99, and every error (socket errors, timeouts, non-2xx answers); it exits 1 if there is any.
 * While each row runs, a probe asks GET /healthz ten times a second, one at a time, and reports its
 * latency (p50, p99, max): how responsive the service stays under that load.
 *
 *   npx tsx bench/serve.ts [--src] [--duration SECONDS] [--connections N] [--workers N] [--json]
 *
 * --workers sets the server's worker threads (default: its own default, one per CPU).
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse } from 'yaml';
import { AS_OF, ROOT, readEstateSources } from './lib';

interface Options {
  src: boolean;
  durationSec: number;
  connections: number;
  workers?: number;
  json: boolean;
}

/** The part of autocannon's result this script reads (autocannon ships no types). */
interface AutocannonResult {
  requests: { average: number; total: number; sent: number };
  latency: { p50: number; p99: number; average: number; max: number };
  throughput: { average: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  resets: number;
  mismatches: number;
  '2xx': number;
  duration: number;
}
type Autocannon = (options: Record<string, unknown>) => Promise<AutocannonResult>;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon = require('autocannon') as Autocannon;

interface Scenario {
  name: string;
  body: string;
  flows: number;
  connections: number;
}

interface Row {
  scenario: string;
  connections: number;
  bodyBytes: number;
  flows: number;
  requestsPerSec: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  healthP50Ms: number;
  healthP99Ms: number;
  healthMaxMs: number;
}

function parseArgs(argv: string[]): Options {
  const value = (name: string, fallback: number): number => {
    const i = argv.indexOf(name);
    if (i < 0) return fallback;
    const n = Number(argv[i + 1]);
    if (!Number.isFinite(n) || n <= 0) throw new Error(`${name}: expected a positive number, got ${argv[i + 1]}`);
    return n;
  };
  const workers = argv.includes('--workers') ? value('--workers', 1) : undefined;
  return { src: argv.includes('--src'), durationSec: value('--duration', 10), connections: value('--connections', 16), workers, json: argv.includes('--json') };
}

// ---------------------------------------------------------------------------------------------
// The server process

async function child(fromSrc: boolean, workers: number | undefined): Promise<void> {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { createServer } = require(fromSrc ? '../src/server/app' : '../dist/server/app') as typeof import('../src/server/app');
  const { createLogger } = require(fromSrc ? '../src/server/logger' : '../dist/server/logger') as typeof import('../src/server/logger');
  const { pino } = require('pino') as typeof import('pino');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const logger = createLogger({ level: 'info', destination: pino.destination({ dest: os.devNull, sync: false }) });
  const server = await createServer({ asOf: AS_OF, logger, bodyLimit: 4 * 1024 * 1024, ...(workers !== undefined ? { workers } : {}) });
  const address = await server.listen(0, '127.0.0.1');
  process.stdout.write(`${JSON.stringify({ address })}\n`);
  process.once('SIGTERM', () => {
    void server.close().then(() => process.exit(0));
  });
}

function startChild(opts: Options): Promise<{ address: string; stop: () => Promise<void> }> {
  const proc = spawn(process.execPath, [...process.execArgv, __filename, '--child', ...(opts.src ? ['--src'] : []), ...(opts.workers !== undefined ? ['--workers', String(opts.workers)] : [])], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    proc.on('exit', (code) => reject(new Error(`the server exited with code ${code} before listening`)));
    proc.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const line = out.split('\n')[0];
      if (out.includes('\n')) {
        const { address } = JSON.parse(line) as { address: string };
        proc.removeAllListeners('exit');
        resolve({
          address,
          stop: () =>
            new Promise<void>((done) => {
              proc.once('exit', () => done());
              proc.kill('SIGTERM');
            }),
        });
      }
    });
  });
}

// ---------------------------------------------------------------------------------------------
// The load

async function load(url: string, scenario: Scenario, durationSec: number): Promise<AutocannonResult> {
  return autocannon({
    url: `${url}/v1/check`,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: scenario.body,
    connections: scenario.connections,
    pipelining: 1,
    duration: durationSec,
    timeout: 30,
  });
}

/** GET /healthz, one at a time every 100 ms, until `done` resolves: the latencies in ms. */
async function probeHealth(url: string, done: Promise<unknown>): Promise<number[]> {
  let finished = false;
  void done.finally(() => (finished = true));
  const latencies: number[] = [];
  while (!finished) {
    const started = performance.now();
    const response = await fetch(`${url}/healthz`);
    await response.text();
    latencies.push(performance.now() - started);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return latencies;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function sanityCheck(url: string, body: string): Promise<void> {
  const response = await fetch(`${url}/v1/check`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  const report = (await response.json()) as { flows: Array<{ id: string; verdict: string }> };
  const verdicts = report.flows.map((f) => `${f.id}=${f.verdict}`).join(' ');
  const expected = 'hosting=allowed support-remote=violation offshore-support=allowed product-metrics=violation';
  if (response.status !== 200 || verdicts !== expected) throw new Error(`unexpected answer ${response.status}: ${verdicts}`);
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv.includes('--child')) return child(argv.includes('--src'), argv.includes('--workers') ? Number(argv[argv.indexOf('--workers') + 1]) : undefined);
  const opts = parseArgs(argv);
  const progress = (msg: string): void => {
    if (process.stderr.isTTY && !opts.json) process.stderr.write(`${msg}\n`);
  };

  const yamlText = fs.readFileSync(path.join(ROOT, 'examples', 'manifests', 'eu-saas-us-processor.yaml'), 'utf8');
  const realistic = JSON.stringify({ manifests: [{ file: 'eu-saas-us-processor.yaml', text: yamlText }] });
  const realisticObject = JSON.stringify({ manifests: [{ file: 'eu-saas-us-processor.json', manifest: parse(yamlText) as unknown }] });
  const estate = JSON.stringify({ manifests: readEstateSources(path.join(ROOT, 'bench', 'estates', '1k')).map(({ file, text }) => ({ file, text })) });
  const scenarios: Scenario[] = [];
  for (const [name, body, flows] of [
    ['realistic manifest, YAML text (4 flows)', realistic, 4],
    ['same manifest as a JSON object', realisticObject, 4],
    ['estate of 1,000 flows, 12 JSON manifests', estate, 1000],
  ] as const) {
    for (const connections of [1, opts.connections]) scenarios.push({ name, body, flows, connections });
  }

  const server = await startChild(opts);
  const rows: Row[] = [];
  try {
    await sanityCheck(server.address, realistic);
    progress('warming up');
    await load(server.address, scenarios[1], 3);
    for (const s of scenarios) {
      progress(`${s.name}, ${s.connections} connection(s), ${opts.durationSec} s`);
      const running = load(server.address, s, opts.durationSec);
      const health = (await Promise.all([running, probeHealth(server.address, running)]))[1].sort((a, b) => a - b);
      const r = await running;
      rows.push({
        scenario: s.name,
        connections: s.connections,
        bodyBytes: Buffer.byteLength(s.body),
        flows: s.flows,
        requestsPerSec: r.requests.average,
        p50Ms: r.latency.p50,
        p99Ms: r.latency.p99,
        requests: r['2xx'] + r.non2xx,
        errors: r.errors,
        timeouts: r.timeouts,
        non2xx: r.non2xx,
        healthP50Ms: Math.round(percentile(health, 50)),
        healthP99Ms: Math.round(percentile(health, 99)),
        healthMaxMs: Math.round(health[health.length - 1] ?? NaN),
      });
    }
  } finally {
    await server.stop();
  }

  const failures = rows.reduce((n, r) => n + r.errors + r.timeouts + r.non2xx, 0);
  if (opts.json) {
    process.stdout.write(`${JSON.stringify({ node: process.version, cpus: os.cpus().length, cpu: os.cpus()[0]?.model, source: opts.src ? 'src' : 'dist', durationSec: opts.durationSec, rows }, null, 2)}\n`);
  } else {
    const lines = [
      `dfft serve, POST /v1/check on loopback: Node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, ${opts.durationSec} s per row, server from ${opts.src ? 'src (tsx)' : 'dist'}`,
      '',
      '| request body | connections | requests/s | p50 (ms) | p99 (ms) | requests | errors | /healthz p50 / p99 / max (ms) |',
      '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
      ...rows.map(
        (r) =>
          `| ${r.scenario}, ${(r.bodyBytes / 1024).toFixed(1)} kB | ${r.connections} | ${r.requestsPerSec.toFixed(0)} | ${r.p50Ms} | ${r.p99Ms} | ${r.requests} | ${r.errors + r.timeouts + r.non2xx} | ${r.healthP50Ms} / ${r.healthP99Ms} / ${r.healthMaxMs} |`,
      ),
      '',
      failures === 0 ? 'No errors: every request was answered 200.' : `${failures} errors (socket errors, timeouts or non-2xx answers).`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  }
  if (failures > 0) process.exitCode = 1;
}

main().catch((err: unknown) => {
  process.stderr.write(`bench/serve: ${(err as Error).stack ?? String(err)}\n`);
  process.exitCode = 2;
});
