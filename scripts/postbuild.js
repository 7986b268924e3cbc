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

// The built-in packs and law data, parsed, validated and type-checked now rather than at every
// start-up (see src/load/builtin-cache.ts); entries are keyed by the sha256 of each file.
{
  process.env.DFFT_NO_CACHE = '1';
  const { collectAsts } = require(path.join(dist, 'evaluate', 'cel', 'expressions.js'));
  const { loadLaw } = require(path.join(dist, 'load', 'load-law.js'));
  const { loadPolicyDocuments, builtinPackIds } = require(path.join(dist, 'load', 'load-policy.js'));
  const { compilePolicy } = require(path.join(dist, 'evaluate', 'compile-policy.js'));
  const collected = collectAsts();
  const law = loadLaw();
  const fail = (errors) => {
    process.stderr.write(`postbuild: the built-in rules do not load:\n${errors.map((e) => e.format()).join('\n')}\n`);
    process.exit(1);
  };
  if (Array.isArray(law)) fail(law);
  const loaded = loadPolicyDocuments({ packs: builtinPackIds() });
  if (loaded.errors.length > 0) fail(loaded.errors);
  const compiled = compilePolicy(loaded.documents, law.law);
  if (!compiled.policy) fail(compiled.errors);
  const files = {};
  for (const doc of loaded.documents) files[doc.source.file] = { sha256: doc.source.sha256, data: doc.data };
  for (const f of law.files) files[f.file] = { sha256: f.sha256, data: law.data[f.file] };
  const cache = { version: require(path.join(root, 'package.json')).version, files, expressions: Object.fromEntries(collected) };
  fs.writeFileSync(path.join(dist, 'builtin-cache.json'), JSON.stringify(cache));
  process.stdout.write(`postbuild: cached ${Object.keys(files).length} built-in files and ${collected.size} expressions\n`);
}
