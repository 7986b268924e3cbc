import { createChecker } from '../checker';
import { expandManifestPaths, readManifestFiles } from '../load/read-manifests';
import { exitCodeOf } from '../report/exit-code';
import { formatters } from '../report/formatters';
import { writeFileAtomic, wantsColor, type CliIo } from './io';
import type { CheckCliOptions } from './main';

/** `dfft check`: read → check (library) → format → write; returns the exit code. */
export async function checkCommand(paths: string[], opts: CheckCliOptions, io: CliIo): Promise<number> {
  const checker = await createChecker({ policy: opts.policy, packs: opts.packs, asOf: opts.asOf });
  const expanded = expandManifestPaths(paths);
  const read = readManifestFiles(expanded.files);
  const report = checker.check(read.sources, { inputErrors: [...expanded.errors, ...read.errors] });
  const texts = new Map(read.sources.map((s) => [s.file, s.text]));
  const output = formatters[opts.format](report, {
    color: opts.output ? false : opts.format === 'text' && wantsColor(io, opts.color),
    sourceText: (file) => texts.get(file),
  });
  if (opts.output) writeFileAtomic(opts.output, output);
  else io.stdout(output);
  return exitCodeOf(report, opts.failOn);
}
