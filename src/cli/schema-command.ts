import * as fs from 'node:fs';
import * as path from 'node:path';
import { didYouMean, DiagnosticError, EDITOR_SCHEMAS, escapeControl, loadSchema, SCHEMA_DIR, schemaFileName, type SchemaName, diagnostic } from '../index';
import type { CliIo } from './io';
import { OutputError, writeOutputs } from './output';

/** The schemas users write files against, printable by `dfft schema <name>`. */
export const PUBLIC_SCHEMAS: readonly SchemaName[] = ['manifest', 'policy', 'report', 'waivers', 'policy-test', 'config'];

/**
 * `dfft schema <name>` prints a schema; `dfft schema --write [dir]` writes the schemas of the
 * files users write (and the report's) into a folder of the repository (default .dfft/schemas), so
 * that editors validate and complete without node_modules. Rewriting them after an upgrade of
 * dfft is the point, so existing schema files are replaced (atomically, as reports are).
 */
export async function schemaCommand(name: string | undefined, opts: { write?: string | true }, io: CliIo): Promise<number> {
  if (opts.write !== undefined) {
    if (name !== undefined) throw new DiagnosticError([diagnostic('argument/invalid', `schema --write writes every schema; drop "${name}"`, undefined, 'dfft schema --write [dir]')]);
    return writeSchemas(opts.write === true ? SCHEMA_DIR : opts.write, io);
  }
  if (name === undefined) throw new DiagnosticError([diagnostic('argument/invalid', 'which schema?', undefined, `dfft schema <name>, one of: ${PUBLIC_SCHEMAS.join(', ')}; or dfft schema --write [dir]`)]);
  if (!(PUBLIC_SCHEMAS as readonly string[]).includes(name)) {
    const guess = didYouMean(name, PUBLIC_SCHEMAS);
    throw new DiagnosticError([diagnostic('argument/invalid', `unknown schema "${name}"`, undefined, guess ? `did you mean "${guess}"?` : `expected one of: ${PUBLIC_SCHEMAS.join(', ')}`)]);
  }
  io.stdout(`${JSON.stringify(loadSchema(name as SchemaName), null, 2)}\n`);
  return 0;
}

async function writeSchemas(dir: string, io: CliIo): Promise<number> {
  try {
    fs.mkdirSync(dir, { recursive: true });
  } catch (err) {
    throw new OutputError(`cannot make ${dir}: ${(err as Error).message}`, { cause: err });
  }
  const names = [...new Set([...EDITOR_SCHEMAS, 'report' as const])];
  const files = names.map((name) => ({ file: path.join(dir, schemaFileName(name)), content: `${JSON.stringify(loadSchema(name), null, 2)}\n` }));
  await writeOutputs(files, io);
  for (const f of files) io.stdout(`wrote    ${escapeControl(f.file)}\n`);
  io.stdout(`\nEditors with the YAML language server find them through a first line such as\n# yaml-language-server: $schema=${escapeControl(path.join(dir, 'manifest.schema.json'))}\n(relative to the file it is in).\n`);
  return 0;
}
