#!/usr/bin/env node
// Generates src/types/generated/*.ts from schemas/*.schema.json. The schemas are the source of
// truth; test/types/generated-types.test.ts fails when the committed output drifts from them.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { compile } = require('json-schema-to-typescript');

const root = path.resolve(__dirname, '..');
const SCHEMAS = ['manifest', 'policy', 'report'];

async function generate(name) {
  const schema = JSON.parse(fs.readFileSync(path.join(root, 'schemas', `${name}.schema.json`), 'utf8'));
  // format:false keeps the output identical whether or not prettier can load (it cannot under jest).
  return compile(schema, schema.title, {
    bannerComment: `/* eslint-disable */\n/**\n * Generated from schemas/${name}.schema.json by scripts/generate-types.js.\n * DO NOT MODIFY IT BY HAND: edit the schema and run \`npm run generate:types\`.\n */`,
    format: false,
    additionalProperties: false,
    strictIndexSignatures: true,
    unreachableDefinitions: true,
    cwd: path.join(root, 'schemas'),
  });
}

module.exports = { generate, SCHEMAS };

if (require.main === module) {
  (async () => {
    for (const name of SCHEMAS) {
      const out = path.join(root, 'src', 'types', 'generated', `${name}.ts`);
      fs.writeFileSync(out, await generate(name));
      process.stdout.write(`wrote ${path.relative(root, out)}\n`);
    }
  })().catch((err) => { process.stderr.write(`${err.stack}\n`); process.exit(1); });
}
