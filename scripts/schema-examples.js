#!/usr/bin/env node
// Fills the `examples` of the manifest schema's data categories, purposes and data subjects from
// the law's data (rules/data/taxonomy.yaml, rules/data/purposes.yaml), so that an editor with the
// YAML or JSON language server offers them as completions. `examples` does not change what is
// valid: categories stay checked against the taxonomy by dfft, purposes and subjects stay free
// text. test/types/schema-examples.test.ts fails when the schema drifts from the data.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const YAML = require('yaml');

const root = path.resolve(__dirname, '..');
const SCHEMA = path.join(root, 'schemas', 'manifest.schema.json');

/**
 * Common data subjects; `children` and `employees` are the ones rules read (PIPL Art. 28 minors,
 * the PIPL and APPI human-resources cases), the rest are what record-keeping usually names.
 */
const SUBJECTS = ['customers', 'employees', 'job-applicants', 'contractors', 'children', 'patients', 'students', 'users', 'prospects', 'suppliers-contacts', 'members', 'visitors'];

/** Common purposes besides those the law turns on (purposes.yaml), in the words record-keeping uses. */
const COMMON_PURPOSES = ['service-delivery', 'customer-support', 'billing', 'payroll', 'recruitment', 'marketing', 'analytics', 'security', 'fraud-prevention', 'legal-compliance', 'research'];

function categoryIds(nodes, out = []) {
  for (const node of nodes ?? []) {
    out.push(node.id);
    categoryIds(node.children, out);
  }
  return out;
}

function examples() {
  const taxonomy = YAML.parse(fs.readFileSync(path.join(root, 'rules/data/taxonomy.yaml'), 'utf8'));
  const purposes = YAML.parse(fs.readFileSync(path.join(root, 'rules/data/purposes.yaml'), 'utf8'));
  return {
    categories: categoryIds(taxonomy.categories),
    purposes: [...new Set([...purposes.purposes.map((p) => p.id), ...COMMON_PURPOSES])],
    subjects: SUBJECTS,
  };
}

/** The schema with the examples set on the items of every `categories`, `purposes` and `subjects` array of a dataset or flow. */
function withExamples(schema) {
  const lists = examples();
  const defs = schema.definitions;
  for (const [def, keys] of [['Dataset', ['categories', 'purposes', 'subjects']], ['Flow', ['purposes']]]) {
    for (const key of keys) {
      const items = defs[def]?.properties?.[key]?.items;
      if (!items) throw new Error(`schema-examples: no ${def}.${key}.items in the manifest schema`);
      items.examples = lists[key];
    }
  }
  return schema;
}

if (require.main === module) {
  const schema = withExamples(JSON.parse(fs.readFileSync(SCHEMA, 'utf8')));
  fs.writeFileSync(SCHEMA, `${JSON.stringify(schema, null, 2)}\n`);
  process.stdout.write('schema-examples: wrote the examples of schemas/manifest.schema.json\n');
}

module.exports = { withExamples, SCHEMA };
