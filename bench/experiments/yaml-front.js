/**
 * What reading YAML instead of JSON changes for a worker pool: CPU time of parseSource + schema
 * validation on the first 100 system manifests of the 100k estate as JSON and as the same data in
 * YAML (yaml.stringify), of a structured clone of the parsed data, and of locating one pointer per
 * YAML file when the parsed document is not at hand (what a main thread that received only the
 * data from a worker would pay to place a finding). Medians of 5 runs after a warm-up.
 *
 *   npm run build && node bench/experiments/yaml-front.js
 */
'use strict';
const fs = require('fs');
const path = require('path');
const DIST = path.resolve(__dirname, '..', '..', 'dist');
const { parseSource } = require(path.join(DIST, 'source/parse-source'));
const { validateAgainst } = require(path.join(DIST, 'source/validate-schema'));
const yaml = require('yaml');
const dir = process.argv[2] ?? path.resolve(__dirname, '..', 'estates', '100k', 'systems');
const files = fs.readdirSync(dir).sort().slice(0, 100).map((f) => path.join(dir, f));
const json = files.map((f) => ({ file: f, text: fs.readFileSync(f, 'utf8') }));
const yml = json.map((s) => ({ file: s.file.replace(/json$/, 'yaml'), text: yaml.stringify(JSON.parse(s.text)) }));
const cpu = (fn) => { const c = process.cpuUsage(); fn(); const d = process.cpuUsage(c); return (d.user + d.system) / 1000; };
const run = (xs) => () => { for (const s of xs) { const p = parseSource(s.file, s.text); if (!p.ok) throw new Error(JSON.stringify(p.diagnostics[0])); validateAgainst('manifest', p.value); } };
const clone = (xs) => { const d = xs.map((s) => JSON.parse(s.text)); return () => d.map((x) => structuredClone(x)); };
const r = { json: [], yaml: [], clone: [] };
for (let i = 0; i < 6; i++) { r.json.push(cpu(run(json))); r.yaml.push(cpu(run(yml))); r.clone.push(cpu(clone(json))); }
const med = (xs) => [...xs.slice(1)].sort((a, b) => a - b)[2];
console.log('100 system files,', (json.reduce((n, s) => n + s.text.length, 0) / 1e6).toFixed(1), 'MB JSON; CPU ms, median of 5 after warm-up: parse+validate JSON', med(r.json).toFixed(0), 'YAML', med(r.yaml).toFixed(0), 'structuredClone of the data', med(r.clone).toFixed(0));
{
  const { SourceDocument } = require(path.join(DIST, 'source/source-document'));
  const relocate = () => { for (const s of yml) new SourceDocument(s.file, s.text, 'yaml', 'x').locate('/flows/0'); };
  const xs = []; for (let i = 0; i < 6; i++) xs.push(cpu(relocate));
  console.log('YAML: locating one pointer in each file without the parsed document (a lazy re-parse):', med(xs).toFixed(0), 'ms CPU');
}
