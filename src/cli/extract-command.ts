import { escapeControl, extractProject, formatExtractDiagnostics, manifestText, validateExtracted } from '../index';
import type { CliIo } from './io';
import { writeOutputs } from './output';

export interface ExtractCliOptions {
  /** The project's tsconfig.json. */
  project: string;
  /** The extraction config; default dfft.config.json beside the tsconfig. */
  config?: string;
  /** Where to write the manifest (atomically); stdout when left out. */
  out?: string;
  /** Exit 1 when some egress is not covered by a declared flow. */
  failOnEgress?: boolean;
  quiet?: boolean;
}

/**
 * `dfft extract`: TypeScript project → manifest v1 (with each part's `x-source`). Diagnostics go
 * to stderr with code frames. Exit 2 when a declaration cannot be evaluated or the manifest
 * would not be valid (nothing is written then: a manifest missing a flow must not pass for
 * complete); 1 with --fail-on-egress when egress is undeclared; else 0.
 */
export async function extractCommand(opts: ExtractCliOptions, io: CliIo): Promise<number> {
  const result = await extractProject({ project: opts.project, config: opts.config });
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  const warnings = result.diagnostics.filter((d) => d.severity === 'warning');
  const schemaErrors = errors.some((d) => d.code === 'extract/project') ? [] : validateExtracted(result);
  io.stderr(formatExtractDiagnostics([...result.diagnostics, ...schemaErrors], (file) => result.sourceText(file)));

  const problems = errors.length + schemaErrors.length;
  const tally = `${plural(problems, 'error')}, ${plural(warnings.length, 'warning')}`;
  if (problems > 0) {
    io.stderr(`dfft: ${tally}: no manifest written\n`);
    return 2;
  }
  const text = manifestText(result.manifest);
  await writeOutputs([{ file: opts.out ?? '-', content: text }], io);
  if (!opts.quiet || warnings.length > 0) {
    const { parties = [], datasets = [], flows = [] } = result.manifest;
    io.stderr(
      `dfft: ${plural(flows.length, 'flow')}, ${plural(parties.length, 'party', 'parties')} and ${plural(datasets.length, 'dataset')} ` +
        `extracted from ${plural(result.files.length, 'file')}${opts.out && opts.out !== '-' ? ` into ${escapeControl(opts.out)}` : ''}; ${tally}\n`,
    );
  }
  return opts.failOnEgress && warnings.length > 0 ? 1 : 0;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
