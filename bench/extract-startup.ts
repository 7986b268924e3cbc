/**
 * Start-up cost of `dfft check` with and without the extract modules (ts-morph) loaded.
 *
 *   npx tsx bench/extract-startup.ts            (needs a built dist/; BENCH_RUNS=20 for more runs)
 *
 * "without" is dist/ as built, where ts-morph loads only in extract, diff and check --project.
 * "with" preloads the extraction (`node -r dist/extract/project.js`, or `-r ts-morph` when dist/
 * predates src/extract): what every `dfft check` would pay if ts-morph were imported at the top
 * of a module on its path. It also asks, in-process, whether `check` put ts-morph in the require
 * cache. Times are wall-clock means of fresh processes, in milliseconds.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..');
const BIN = path.join(ROOT, 'dist', 'cli', 'bin.js');
const RUNS = Number(process.env.BENCH_RUNS ?? 10);
const MANIFEST = path.join(ROOT, 'examples', 'manifests', 'eu-saas-us-processor.yaml');
const EXTRACT_ENTRY = path.join(ROOT, 'dist', 'extract', 'project.js');

interface Row {
  name: string;
  mean: number;
  median: number;
  min: number;
  code: number | null;
}

function measure(name: string, args: string[]): Row {
  const times: number[] = [];
  let code: number | null = null;
  spawnSync(process.execPath, args, { cwd: ROOT, stdio: 'ignore' }); // warm the file cache
  for (let i = 0; i < RUNS; i++) {
    const start = process.hrtime.bigint();
    const run = spawnSync(process.execPath, args, { cwd: ROOT, stdio: 'ignore' });
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
    code = run.status;
  }
  times.sort((a, b) => a - b);
  return { name, mean: times.reduce((a, b) => a + b, 0) / times.length, median: times[Math.floor(times.length / 2)], min: times[0], code };
}

/** Whether running the command in-process leaves ts-morph in the require cache. */
function loadsTsMorph(args: string[]): string {
  const script = `
    const { run } = require(${JSON.stringify(path.join(ROOT, 'dist', 'cli', 'main.js'))});
    const io = { stdout() {}, stderr() {}, stdoutIsTTY: false, stderrIsTTY: false, env: {} };
    run(${JSON.stringify(args)}, io).then(() => {
      process.stdout.write(String(Object.keys(require.cache).some((k) => k.includes('/node_modules/ts-morph/'))));
    });`;
  const out = spawnSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8' });
  return out.stdout.trim() || `? ${out.stderr.split('\n')[0]}`;
}

function main(): void {
  if (!fs.existsSync(BIN)) {
    process.stderr.write('dist/cli/bin.js is missing: build first (npm run build)\n');
    process.exitCode = 2;
    return;
  }
  const preload = fs.existsSync(EXTRACT_ENTRY) ? EXTRACT_ENTRY : 'ts-morph';
  const help = [BIN, 'check', '--help'];
  const check = [BIN, 'check', '--as-of', '2026-11-28', MANIFEST];
  const rows: Row[] = [
    measure('node -e 0 (baseline)', ['-e', '0']),
    measure('check --help', help),
    measure(`check --help, extract preloaded`, ['-r', preload, ...help]),
    measure('check manifest', check),
    measure(`check manifest, extract preloaded`, ['-r', preload, ...check]),
  ];
  // What extraction itself costs: through the CLI once main.ts has the command, else its function.
  const extractCommandJs = path.join(ROOT, 'dist', 'cli', 'extract-command.js');
  if (/command\(['"]extract['"]\)/.test(fs.readFileSync(path.join(ROOT, 'dist', 'cli', 'main.js'), 'utf8'))) {
    rows.push(measure('dfft extract --project examples/ts-service', [BIN, 'extract', '--project', 'examples/ts-service/tsconfig.json']));
  } else if (fs.existsSync(extractCommandJs)) {
    const script = `require(${JSON.stringify(extractCommandJs)}).extractCommand({ project: 'examples/ts-service/tsconfig.json' }, { stdout() {}, stderr() {}, env: {} }).then((c) => { process.exitCode = c; })`;
    rows.push(measure('extractCommand(examples/ts-service)', ['-e', script]));
  }

  const pad = (s: string, n: number): string => s.padEnd(n);
  const num = (n: number): string => n.toFixed(0).padStart(6);
  const lines = [
    `${RUNS} runs each, node ${process.version}, preload = ${path.relative(ROOT, preload) || preload}`,
    `${pad('command', 42)}  mean  median    min  exit`,
    ...rows.map((r) => `${pad(r.name, 42)}${num(r.mean)}${num(r.median)}${num(r.min)}  ${r.code}`),
    '',
    `ts-morph in require cache after check --help: ${loadsTsMorph(['check', '--help'])}`,
    `ts-morph in require cache after check manifest: ${loadsTsMorph(['check', '--as-of', '2026-11-28', MANIFEST])}`,
  ];
  const base = rows[1];
  const eager = rows[2];
  lines.push(`ts-morph would add ${(eager.mean - base.mean).toFixed(0)} ms (mean) to every check --help if it were loaded eagerly`);
  process.stdout.write(`${lines.join('\n')}\n`);
}

main();
