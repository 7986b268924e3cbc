/**
 * One worker of the worker-pool experiment (bench/experiments/worker-pool.ts). Plain CommonJS
 * over dist/, so that its start-up is what a worker of the built CLI would pay (no tsx loader).
 *
 * A message is a batch of files; each is read (readTextFile: stat, read, strict UTF-8, sha256),
 * parsed (parseSource: JSON.parse plus the structure scan) and validated against the manifest
 * schema, as validateManifests does. What goes back depends on the design:
 *   errors: text, sha256 and the diagnostics (the main thread parses again, skips validation)
 *   index:  that, plus the shallow span index packed in flat arrays (the main thread only JSON.parses)
 *   tree:   that, plus the parsed data itself (structured clone; the main thread parses nothing)
 */
'use strict';
const { parentPort, workerData } = require('node:worker_threads');
const { readTextFile } = require(`${workerData.dist}/source/read-file`);
const { parseSource } = require(`${workerData.dist}/source/parse-source`);
const { validateAgainst } = require(`${workerData.dist}/source/validate-schema`);
const { getValidator } = require(`${workerData.dist}/source/ajv`);

getValidator('manifest'); // loaded before "ready", as a pool started ahead of the check would
const maxDepth = workerData.maxDepth;

/** The SpanIndex's two maps as arrays that structured clone copies cheaply. */
function packIndex(index) {
  if (!index) return undefined;
  const spans = [...index.spans];
  const elements = [];
  for (const [parent, list] of index.elements) elements.push(parent, Uint32Array.from(list));
  return { spans, elements };
}

function one(design, i, file) {
  const read = readTextFile(file, 'source/unreadable');
  if (!read.ok) return { i, file, readErrors: read.diagnostics };
  const { text, sha256 } = read.value;
  const parsed = parseSource(file, text, sha256, maxDepth);
  if (!parsed.ok) return { i, file, text, sha256, parseErrors: parsed.diagnostics };
  const schemaErrors = validateAgainst('manifest', parsed.value);
  const out = { i, file, text, sha256, schemaErrors };
  if (design !== 'errors') out.index = packIndex(parsed.value.source.shallowIndex);
  if (design === 'tree') out.data = parsed.value.data;
  return out;
}

parentPort.on('message', (msg) => {
  const results = msg.files.map(([i, file]) => one(msg.design, i, file));
  parentPort.postMessage(results);
});
parentPort.postMessage('ready');
