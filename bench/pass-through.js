'use strict';
// A lower bound for the 100k target of bench/run.ts: a plain node process that reads and
// JSON.parses the estate as bench/floor.js does, then writes the report dfft wrote for it
// (JSON.stringify and one write), and does nothing else: no positions, no validation, no rules.
// What any tool must spend that reads these files and writes this report.
//
// The report is given as a file, and loading it is not part of the bound: the process times the
// load and writes it to <load-ms-file>, and bench/run.ts takes it off the whole process's time.
//
//   node bench/pass-through.js <dir> <report.json> <out> <load-ms-file>
const fs = require('node:fs');
const { jsonFiles } = require('./json-files');

const [dir, reportFile, out, loadMsFile] = process.argv.slice(2);
let flows = 0;
for (const file of jsonFiles(dir)) {
  const manifest = JSON.parse(fs.readFileSync(file, 'utf8'));
  flows += Array.isArray(manifest.flows) ? manifest.flows.length : 0;
}
// Loaded after the estate is read, so that reading it does not run beside a heap holding a
// parsed report (several times the size of the report dfft holds).
const loadStart = process.hrtime.bigint();
let report = JSON.parse(fs.readFileSync(reportFile, 'utf8'));
const loadMs = Number(process.hrtime.bigint() - loadStart) / 1e6;
if (flows !== report.summary.flows) throw new Error(`the report has ${report.summary.flows} flows, the estate ${flows}`);
const text = `${JSON.stringify(report)}\n`;
report = undefined;
fs.writeFileSync(out, text);
fs.writeFileSync(loadMsFile, `${loadMs.toFixed(1)}\n`);
