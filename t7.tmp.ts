import { readEstateSources } from './bench/lib';
const { createServer } = require('./dist/server/app');
(async () => {
  const body = JSON.stringify({ manifests: readEstateSources('bench/estates/1k').map(({ file, text }: any) => ({ file, text })) });
  const s = await createServer({ asOf: '2026-11-28', bodyLimit: 4 * 1024 * 1024, workers: Number(process.argv[2] ?? 2) });
  const url = await s.listen(0, '127.0.0.1');
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    const r = await fetch(url + '/v1/check', { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    await r.text();
    console.log(r.status, Math.round(performance.now() - t));
  }
  const { createChecker } = require('./dist/checker');
  const c = await createChecker({ asOf: '2026-11-28' });
  const inputs = JSON.parse(body).manifests;
  for (let i = 0; i < 3; i++) { const t = performance.now(); c.check(inputs); console.log('main', Math.round(performance.now() - t)); }
  await s.close();
})();
