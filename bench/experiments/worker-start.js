/**
 * Start-up cost of the worker pool of bench/experiments/worker-pool.ts, in plain node (no tsx
 * loader in the workers, as in the built CLI): an empty worker, and pools of one and two workers
 * that have loaded the reader, parser and manifest validator. Wall and process CPU time (all
 * threads), medians of 10 runs after a warm-up, interleaved.
 *
 *   npm run build && node bench/experiments/worker-start.js
 */
'use strict';
const { Worker } = require('node:worker_threads');
const os = require('node:os');
const path = require('node:path');

const DIST = path.resolve(__dirname, '..', '..', 'dist');
const WORKER = path.join(__dirname, 'worker-pool-worker.js');

function ready(workers) {
  return Promise.all(workers.map((w) => new Promise((resolve) => w.once('message', resolve)))).then(() => workers);
}
const pool = (n) => ready(Array.from({ length: n }, () => new Worker(WORKER, { workerData: { dist: DIST, maxDepth: 64 } })));
const empty = () => ready([new Worker('require("node:worker_threads").parentPort.postMessage(1)', { eval: true })]);
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

(async () => {
  const variants = [['empty worker', empty], ['pool x1', () => pool(1)], ['pool x2', () => pool(2)]];
  const out = new Map(variants.map(([name]) => [name, []]));
  for (let r = 0; r < 11; r++) {
    for (const [name, start] of variants) {
      const c0 = process.cpuUsage();
      const t0 = process.hrtime.bigint();
      const workers = await start();
      const wall = Number(process.hrtime.bigint() - t0) / 1e6;
      const cpu = process.cpuUsage(c0);
      await Promise.all(workers.map((w) => w.terminate()));
      if (r > 0) out.get(name).push([wall, (cpu.user + cpu.system) / 1000]);
    }
  }
  for (const [name, xs] of out) {
    console.log(`${name}: wall ${median(xs.map((x) => x[0])).toFixed(0)} ms, CPU ${median(xs.map((x) => x[1])).toFixed(0)} ms (load ${os.loadavg()[0].toFixed(1)})`);
  }
})();
