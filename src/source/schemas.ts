import * as path from 'node:path';
import * as fs from 'node:fs';

/** The JSON Schemas shipped with dfft, by name. */
export type SchemaName = 'manifest' | 'policy' | 'report' | 'jurisdictions' | 'taxonomy' | 'waivers' | 'policy-test' | 'fides-categories' | 'party-countries' | 'purposes' | 'dpv' | 'engine-rules' | 'origins' | 'config';

export const SCHEMA_NAMES: readonly SchemaName[] = ['manifest', 'policy', 'report', 'jurisdictions', 'taxonomy', 'waivers', 'policy-test', 'fides-categories', 'party-countries', 'purposes', 'dpv', 'engine-rules', 'origins', 'config'];

/** The package root: `schemas/` and `rules/` sit beside `src/` and `dist/`. */
export const PACKAGE_ROOT = path.resolve(__dirname, '..', '..');

const cache = new Map<SchemaName, Record<string, unknown>>();

/** Reads a bundled schema (once). */
export function loadSchema(name: SchemaName): Record<string, unknown> {
  let schema = cache.get(name);
  if (!schema) {
    schema = JSON.parse(fs.readFileSync(path.join(PACKAGE_ROOT, 'schemas', `${name}.schema.json`), 'utf8')) as Record<string, unknown>;
    cache.set(name, schema);
  }
  return schema;
}
