import { didYouMean, DiagnosticError, loadSchema, type SchemaName, diagnostic } from '../index';
import type { CliIo } from './io';

/** The schemas users write files against, printable by `dfft schema <name>`. */
export const PUBLIC_SCHEMAS: readonly SchemaName[] = ['manifest', 'policy', 'report', 'waivers', 'policy-test'];

export async function schemaCommand(name: string, io: CliIo): Promise<number> {
  if (!(PUBLIC_SCHEMAS as readonly string[]).includes(name)) {
    const guess = didYouMean(name, PUBLIC_SCHEMAS);
    throw new DiagnosticError([diagnostic('argument/invalid', `unknown schema "${name}"`, undefined, guess ? `did you mean "${guess}"?` : `expected one of: ${PUBLIC_SCHEMAS.join(', ')}`)]);
  }
  io.stdout(`${JSON.stringify(loadSchema(name as SchemaName), null, 2)}\n`);
  return 0;
}
