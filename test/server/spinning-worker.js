// A worker whose check of a manifest named "spin.json" never ends (a synchronous loop, as a
// pathological input would make the engine spin); other tasks answer at once.
module.exports = async (task) => {
  if (task.started) task.started[0] = Date.now();
  if (task.kind === 'check' && task.inputs.some((i) => i.file === 'spin.json')) for (;;);
  return { ok: true, contentType: 'application/json; charset=utf-8', body: '{"done":true}', headers: {}, log: {} };
};
