import { DiagnosticError, errorEntry, formatDiagnostic, sortDiagnostics } from '../source/diagnostic';
import { validateManifests } from '../library/checker';
import { loadLaw } from '../law/load-law';
import { expandManifestPaths, readManifestFiles } from '../manifest/read-manifests';
import { codeFrame } from '../report/formatters/code-frame';
import type { CliIo } from './io';
import { printSkipped } from './print-errors';

/** `dfft validate`: schema and references only; exit 2 on any error, else 0. */
export async function validateCommand(paths: string[], opts: { format: 'text' | 'json' }, io: CliIo): Promise<number> {
  const law = loadLaw();
  if (Array.isArray(law)) throw new DiagnosticError(law);
  const expanded = expandManifestPaths(paths);
  printSkipped(expanded.skipped, io);
  const read = readManifestFiles(expanded.files);
  const result = validateManifests(read.sources, law.law);
  const errors = sortDiagnostics([...expanded.errors, ...read.errors, ...result.errors]);
  const { model } = result;
  if (opts.format === 'json') {
    io.stdout(`${JSON.stringify({ valid: errors.length === 0, inputs: result.inputs, counts: { parties: model.parties.length, datasets: model.datasets.length, flows: model.flows.length }, errors: errors.map((e) => errorEntry(e)) }, null, 2)}\n`);
  } else {
    const texts = new Map(read.sources.map((s) => [s.file, s.text]));
    for (const e of errors) {
      io.stdout(`${formatDiagnostic(e, { code: true })}\n`);
      const frame = e.location ? codeFrame(e.location, texts.get(e.location.file)) : undefined;
      if (frame) io.stdout(`${frame.split('\n').map((l) => `  ${l}`).join('\n')}\n`);
    }
    const n = expanded.files.length;
    io.stdout(
      errors.length === 0
        ? `✔ ${n} manifest${n === 1 ? '' : 's'} valid: ${model.parties.length} parties, ${model.datasets.length} datasets, ${model.flows.length} flows\n`
        : `✖ ${errors.length} error${errors.length === 1 ? '' : 's'} in ${n} manifest${n === 1 ? '' : 's'}\n`,
    );
  }
  return errors.length === 0 ? 0 : 2;
}
