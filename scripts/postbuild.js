#!/usr/bin/env node
// After tsc: make the bin executable (tsc writes it 0644) and precompile the JSON Schema
// validators to standalone modules, which load faster than compiling the schemas at start-up.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const dist = path.join(root, 'dist');
fs.chmodSync(path.join(dist, 'cli', 'bin.js'), 0o755);

const standaloneCode = require('ajv/dist/standalone').default;
const { createAjv } = require(path.join(dist, 'validate', 'ajv.js'));
const { SCHEMA_NAMES, loadSchema } = require(path.join(dist, 'validate', 'schemas.js'));

const outDir = path.join(dist, 'validate', 'generated');
fs.mkdirSync(outDir, { recursive: true });
for (const name of SCHEMA_NAMES) {
  const ajv = createAjv({ code: { source: true } });
  const validate = ajv.compile(loadSchema(name));
  fs.writeFileSync(path.join(outDir, `${name}.js`), standaloneCode(ajv, validate));
}
process.stdout.write(`postbuild: precompiled ${SCHEMA_NAMES.length} validators\n`);
