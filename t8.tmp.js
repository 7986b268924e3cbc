const { createServer } = require('./dist/server/app');
(async () => {
  const s = await createServer({ asOf: '2026-11-28' });
  await s.listen(0, '127.0.0.1');
  const u0 = process.cpuUsage();
  setTimeout(async () => { const u = process.cpuUsage(u0); console.log('idle cpu ms over 3s', (u.user + u.system) / 1000); await s.close(); }, 3000);
})();
