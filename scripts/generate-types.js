#!/usr/bin/env node
// Generates src/types/generated/*.ts from schemas/*.schema.json. The schemas are the source of
// truth; test/types/generated-types.test.ts fails when the committed output drifts from them.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { compile } = require('json-schema-to-typescript');

const root = path.resolve(__dirname, '..');
const SCHEMAS = ['manifest', 'policy', 'report', 'api', 'config'];

/** $ids of the schemas whose types another schema's types import rather than copy. */
const SCHEMA_IDS = { 'https://dfft.dev/schemas/manifest.schema.json': 'manifest', 'https://dfft.dev/schemas/report.schema.json': 'report' };

/**
 * Replaces every $ref to another project schema by the name of its generated type, and returns
 * the imports those names need: the API's types use the report's and manifest's own types.
 */
function importExternalRefs(schema) {
  const imports = {};
  const walk = (node) => {
    if (Array.isArray(node)) return node.map(walk);
    if (node === null || typeof node !== 'object') return node;
    const [id, pointer] = String(node.$ref ?? '').split('#');
    const file = SCHEMA_IDS[id];
    if (file) {
      const target = JSON.parse(fs.readFileSync(path.join(root, 'schemas', `${file}.schema.json`), 'utf8'));
      const name = pointer ? pointer.split('/').pop() : target.title;
      (imports[file] ??= new Set()).add(name);
      return { tsType: name };
    }
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, walk(v)]));
  };
  const out = walk(schema);
  const lines = Object.entries(imports).map(([file, names]) => `import type { ${[...names].sort().join(', ')} } from './${file}';\n`);
  return { schema: out, imports: lines.join('') };
}

async function generate(name) {
  const { schema, imports } = importExternalRefs(JSON.parse(fs.readFileSync(path.join(root, 'schemas', `${name}.schema.json`), 'utf8')));
  // format:false keeps the output identical whether or not prettier can load (it cannot under jest).
  const types = await compile(schema, schema.title, {
    bannerComment: `/* eslint-disable */\n/**\n * Generated from schemas/${name}.schema.json by scripts/generate-types.js.\n * DO NOT MODIFY IT BY HAND: edit the schema and run \`npm run generate:types\`.\n */`,
    format: false,
    additionalProperties: false,
    strictIndexSignatures: true,
    unreachableDefinitions: true,
    cwd: path.join(root, 'schemas'),
  });
  // The imports go after the banner comment.
  const end = types.indexOf(' */\n', types.indexOf('DO NOT MODIFY')) + 4;
  return imports ? `${types.slice(0, end)}\n${imports}${types.slice(end)}` : types;
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
