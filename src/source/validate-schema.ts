import { sortDiagnostics, type Diagnostic, type DiagnosticCode } from './diagnostic';
import type { ParsedSource } from './parse-source';
import { getValidator } from './ajv';
import { loadSchema, type SchemaName } from './schemas';
import { toDiagnostics } from './schema-errors';

const CODES: Record<SchemaName, DiagnosticCode> = {
  manifest: 'manifest/schema',
  policy: 'policy/schema',
  report: 'manifest/schema',
  jurisdictions: 'data/schema',
  taxonomy: 'data/schema',
  purposes: 'data/schema',
  dpv: 'data/schema',
  'engine-rules': 'data/schema',
  waivers: 'waivers/schema',
  'policy-test': 'policy/schema',
  // Import inputs; a dedicated 'import/schema' code would need DiagnosticCode.
  'fides-categories': 'data/schema',
  'party-countries': 'data/schema',
  origins: 'data/schema',
  config: 'config/schema',
};

/**
 * Validates parsed data against one of dfft's schemas. Returns every error, located and sorted
 * (ajv's `errors` is overwritten by the next call, so it is converted at once).
 */
export function validateAgainst(name: SchemaName, parsed: ParsedSource): Diagnostic[] {
  const validate = getValidator(name);
  if (validate(parsed.data)) return [];
  return sortDiagnostics(toDiagnostics(validate.errors ?? [], parsed.source, parsed.data, loadSchema(name), CODES[name]));
}
