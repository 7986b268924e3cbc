import { codeFrame, readManifestPaths, sortDiagnostics, validateManifest, type Diagnostic, type ManifestValidation, formatDiagnostic, errorEntry } from '../index';
import type { CliIo } from './io';
import { printNotManifests, printSkipped } from './print-errors';

/** `dfft validate`: schema and references only; exit 2 on any error, else 0. */
export async function validateCommand(paths: string[], opts: { format: 'text' | 'json' }, io: CliIo): Promise<number> {
  const read = readManifestPaths(paths, { manifestsOnly: true });
  if (read.notManifests.length > 0) printNotManifests(read.notManifests, io);
  printSkipped(read.skipped, io);
  const result = validateManifest(read.sources);
  // Files that could not be read are errors of the run, among the others in file order.
  const errors = sortDiagnostics([...read.errors, ...result.errors]);
  if (opts.format === 'json') {
    io.stdout(`${JSON.stringify({ valid: errors.length === 0, inputs: result.inputs, counts: result.counts, errors: errors.map((e) => errorEntry(e)) }, null, 2)}\n`);
  } else {
    const texts = new Map(read.sources.map((s) => [s.file, s.text]));
    printErrors(errors, texts, io);
    io.stdout(summaryLine(errors, read.files.length - read.notManifests.length, result.counts));
  }
  return errors.length === 0 ? 0 : 2;
}

function printErrors(errors: readonly Diagnostic[], texts: ReadonlyMap<string, string>, io: CliIo): void {
  for (const e of errors) {
    io.stdout(`${formatDiagnostic(e, { code: true })}\n`);
    const frame = e.location ? codeFrame(e.location, texts.get(e.location.file)) : undefined;
    if (frame) io.stdout(`${frame.split('\n').map((l) => `  ${l}`).join('\n')}\n`);
  }
}

function summaryLine(errors: readonly Diagnostic[], n: number, counts: ManifestValidation['counts']): string {
  return errors.length === 0
    ? `✔ ${n} manifest${n === 1 ? '' : 's'} valid: ${counts.parties} parties, ${counts.datasets} datasets, ${counts.flows} flows\n`
    : `✖ ${errors.length} error${errors.length === 1 ? '' : 's'} in ${n} manifest${n === 1 ? '' : 's'}\n`;
}
