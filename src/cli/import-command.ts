import * as path from 'node:path';
import {
  createFidesImporter,
  escapeControl,
  formatManifest,
  type Diagnostic,
  DiagnosticError,
  readManifestPaths,
  readTextFile,
  sortDiagnostics,
  type ManifestFormat,
  type SourceText,
} from '../index';
import type { CliIo } from './io';
import { writeOutputs } from './output';
import { printSkipped } from './print-errors';

/** Options of `dfft import fides`, as commander parses them. */
export interface ImportFidesCliOptions {
  partyCountries?: string;
  output?: string;
  /** Hidden alias of --output. */
  out?: string;
  format?: ManifestFormat;
  systemId?: string;
  quiet?: boolean;
}

/** The formats `dfft import` reads. */
export type ImportSource = 'fides';

/**
 * `dfft import <source>`: read → import (library) → write the manifest (stdout or --output,
 * atomically) → gaps and notes on stderr. Returns 0 for an import without gaps, 1 when the
 * manifest was written with gaps; bad input throws DiagnosticError (exit 2, nothing written).
 */
export async function importCommand(source: ImportSource, paths: string[], opts: ImportFidesCliOptions, io: CliIo): Promise<number> {
  const importer = createFidesImporter();
  // A --party-countries file kept beside the Fides files is not one of them.
  const mapFile = opts.partyCountries === undefined ? undefined : path.resolve(opts.partyCountries);
  const read = readManifestPaths(paths, { exclude: (f) => path.resolve(f) === mapFile });
  printSkipped(read.skipped, io);
  const errors: Diagnostic[] = [...read.errors];
  let partyCountries: SourceText | undefined;
  if (opts.partyCountries !== undefined) {
    const text = readTextFile(opts.partyCountries, 'source/unreadable');
    if (!text.ok) errors.push(...text.diagnostics);
    else partyCountries = { file: opts.partyCountries, text: text.value.text, sha256: text.value.sha256 };
  }
  if (errors.length > 0) throw new DiagnosticError(sortDiagnostics(errors));

  const result = importer.import(read.sources, { partyCountries, systemId: opts.systemId });
  if (result.errors.length > 0 || !result.manifest) throw new DiagnosticError(result.errors);

  const output = opts.output ?? opts.out;
  const format = opts.format ?? (output && /\.json$/i.test(output) ? 'json' : 'yaml');
  const text = formatManifest(result.manifest, format, result.diagnostics);
  await writeOutputs([{ file: output ?? '-', content: text }], io);

  const shown = opts.quiet ? result.diagnostics.filter((d) => d.severity === 'warning') : result.diagnostics;
  if (shown.length > 0) io.stderr(formatDiagnostics(shown));
  const gaps = result.diagnostics.filter((d) => d.severity === 'warning').length;
  const notes = result.diagnostics.length - gaps;
  const { parties = [], datasets = [], flows = [] } = result.manifest;
  const counts = `${parties.length} part${parties.length === 1 ? 'y' : 'ies'}, ${datasets.length} dataset${datasets.length === 1 ? '' : 's'}, ${flows.length} flow${flows.length === 1 ? '' : 's'}`;
  io.stderr(
    `${gaps > 0 ? '!' : '✔'} ${source}: imported ${counts} with ${gaps === 0 ? 'no' : gaps} gap${gaps === 1 ? '' : 's'} and ${notes} note${notes === 1 ? '' : 's'}${output && output !== '-' ? ` into ${escapeControl(output)}` : ''}\n`,
  );
  return gaps > 0 ? 1 : 0;
}

/** Diagnostics grouped by file, as `dfft check` prints findings: "  line:col  severity  message (hint)  code". */
function formatDiagnostics(diagnostics: readonly Diagnostic[]): string {
  const lines: string[] = [];
  let file: string | undefined;
  for (const d of diagnostics) {
    const here = d.location?.file ?? '';
    if (here !== file) {
      if (file !== undefined) lines.push('');
      lines.push(here ? escapeControl(here) : '(no file)');
      file = here;
    }
    const at = d.location ? `${d.location.line}:${d.location.column}` : '-';
    lines.push(`  ${at}  ${d.severity}  ${d.message}${d.hint ? ` (${d.hint})` : ''}  ${d.code}`);
  }
  return `${lines.join('\n')}\n\n`;
}
