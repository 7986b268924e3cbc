// A worker whose checks fail with a bug (a TypeError quoting the input), for the test of 500 answers.
module.exports = async (task) => {
  if (task.kind === 'warm-up') return { ok: true, contentType: 'application/json', body: '{}', headers: {}, log: {} };
  throw new TypeError(`cannot judge ${task.inputs.map((i) => i.text ?? JSON.stringify(i.manifest)).join('')}`);
};
