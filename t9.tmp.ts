import * as fs from 'node:fs';
const { createServer } = require('./dist/server/app');
(async () => {
  const yamlText = fs.readFileSync('examples/manifests/eu-saas-us-processor.yaml', 'utf8');
  const body = JSON.stringify({ manifests: [{ file: 'eu-saas-us-processor.yaml', text: yamlText }] });
  const s = await createServer({ asOf: '2026-11-28', bodyLimit: 4 * 1024 * 1024, workers: Number(process.argv[2] ?? 2) });
  const url = await s.listen(0, '127.0.0.1');
  const pool = (s.store.current.pool as any).pool;
  pool.on('workerCreate', () => console.log('worker created'));
  pool.on('workerDestroy', () => console.log('worker destroyed'));
  const times: number[] = [];
  for (let i = 0; i < 30; i++) {
    const t = performance.now();
    const r = await fetch(url + '/v1/check', { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    await r.text();
    times.push(Math.round(performance.now() - t));
  }
  console.log(times.join(' '));
  await s.close();
})();
