import {
  applyBaseline,
  applyWaivers,
  DiagnosticError,
  exitCodeOf,
  mergeReports,
  readBaselineFile,
  readReportFile,
  readTextFile,
  readWaiverFile,
  type Diagnostic,
  type FailOn,
  type Report,
} from '../index';
import * as fs from 'node:fs';
import { defaultReportLimit, outputsOf, parseOutputTargets } from './check-command';
import type { CliIo } from './io';
import { writeOutputs } from './output';

/** The options of `dfft merge`, as commander gives them. */
export interface MergeCommandOptions {
  format: string[];
  output?: string;
  failOn: FailOn;
  waivers?: string;
  baseline?: string;
  color?: boolean;
  maxReportSize?: number;
  /** Indented json and sarif (--pretty). */
  pretty?: boolean;
  /** The full json and ndjson report (--full). */
  full?: boolean;
  /** Accepted as check accepts it; merge shows no progress. */
  quiet?: boolean;
  /** Largest shard report read (--max-file-size). */
  maxFileSize?: number;
}

/**
 * `dfft merge`: the JSON reports of every shard of one run (`dfft check --shard i/n -f json`) →
 * the unsharded report → waivers and baseline → each format; returns the exit code of the
 * merged report. Reports that cannot be read or do not belong together end the run (exit 2).
 */
export async function mergeCommand(files: string[], opts: MergeCommandOptions, io: CliIo): Promise<number> {
  const targets = parseOutputTargets(opts.format, opts.output);
  const errors: Diagnostic[] = [];
  const reports: Report[] = [];
  for (const file of files) {
    const read = readReportFile(file, opts.maxFileSize !== undefined ? { maxFileBytes: opts.maxFileSize } : undefined);
    if (read.ok) reports.push(read.value);
    else errors.push(...read.diagnostics);
  }
  const waivers = opts.waivers !== undefined ? readWaiverFile(opts.waivers) : undefined;
  const baseline = opts.baseline !== undefined ? readBaselineFile(opts.baseline) : undefined;
  if (waivers && !waivers.ok) errors.push(...waivers.diagnostics);
  if (baseline && !baseline.ok) errors.push(...baseline.diagnostics);
  if (errors.length > 0) throw new DiagnosticError(errors);
  const merged = mergeReports(reports);
  if (!merged.ok) throw new DiagnosticError(merged.diagnostics);
  let report = merged.value;
  if (waivers?.ok) report = applyWaivers(report, waivers.value, { horizonEnd: report.horizon });
  if (baseline?.ok) report = applyBaseline(report, baseline.value);
  const sourceText = unchangedInputs(report);
  // Written piece by piece, as check writes: a merged estate's report may be larger than any string.
  const maxReportSize = opts.maxReportSize ?? defaultReportLimit(sizeOf(files));
  await writeOutputs(outputsOf(report, targets, sourceText, { ...opts, maxReportSize }, io), io);
  return exitCodeOf(report, opts.failOn);
}

/** The shard reports' total size: the merged report is about as large, so its default limit follows it. */
function sizeOf(files: readonly string[]): number {
  let total = 0;
  for (const file of files) {
    try {
      total += fs.statSync(file).size;
    } catch {
      // Read already, or refused with an error, above.
    }
  }
  return total;
}

/** The text of an input for code frames, only while the file still has the sha256 the report recorded. */
function unchangedInputs(report: Report): (file: string) => string | undefined {
  const digests = new Map(report.inputs.map((i) => [i.file, i.sha256]));
  const cache = new Map<string, string | undefined>();
  return (file) => {
    if (!cache.has(file)) {
      const read = digests.has(file) ? readTextFile(file) : undefined;
      cache.set(file, read?.ok && read.value.sha256 === digests.get(file) ? read.value.text : undefined);
    }
    return cache.get(file);
  };
}
