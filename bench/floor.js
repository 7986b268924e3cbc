'use strict';
// The floor of the whole-process benchmark (bench/run.ts): a plain node process that finds the
// same .json files as `dfft check <dir>`, reads them and JSON.parses each, and does nothing else.
// No dfft, no tsx: what any tool that reads the estate must at least spend.
//
//   node bench/floor.js <dir>     prints the number of flows parsed
const fs = require('node:fs');
const { jsonFiles } = require('./json-files');

let flows = 0;
for (const file of jsonFiles(process.argv[2])) {
  const manifest = JSON.parse(fs.readFileSync(file, 'utf8'));
  flows += Array.isArray(manifest.flows) ? manifest.flows.length : 0;
}
process.stdout.write(`${flows}\n`);
