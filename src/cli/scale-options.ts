/**
 * The options of `dfft check` for estates beyond one run: `--shard i/n`, `--import-origins`,
 * `--export-origins` (docs/scale.md).
 */
import { DiagnosticError, formatOrigins, parseShard, readOriginsFile, type Diagnostic, type OriginImport, type RunResult, type ShardSpec } from '../index';
import type { CliIo } from './io';
import type { OutputFile } from './output';

export interface ScaleCommandOptions {
  shard?: string;
  importOrigins?: string[];
  exportOrigins?: string;
  /** --max-file-size: also the largest origin table read. */
  maxFileSize?: number;
}

/** The run's shard and imported tables, read before any manifest; every problem is thrown together (exit 2). */
export function readScaleOptions(opts: ScaleCommandOptions): { shard?: ShardSpec; importOrigins?: OriginImport[]; exportOrigins?: boolean } {
  const errors: Diagnostic[] = [];
  let shard: ShardSpec | undefined;
  if (opts.shard !== undefined) {
    const parsed = parseShard(opts.shard);
    if (parsed.ok) shard = parsed.value;
    else errors.push(...parsed.diagnostics);
  }
  const importOrigins: OriginImport[] = [];
  for (const file of opts.importOrigins ?? []) {
    const read = readOriginsFile(file, opts.maxFileSize !== undefined ? { maxFileBytes: opts.maxFileSize } : undefined);
    if (read.ok) importOrigins.push(read.value);
    else errors.push(...read.diagnostics);
  }
  if (errors.length > 0) throw new DiagnosticError(errors);
  return {
    ...(shard ? { shard } : {}),
    ...(importOrigins.length > 0 ? { importOrigins } : {}),
    ...(opts.exportOrigins !== undefined ? { exportOrigins: true } : {}),
  };
}

/**
 * The origin table to write with the reports, if asked. A run with input errors writes none: a
 * manifest that could not be read might hold a flow that brings data, and a table missing it
 * would let other runs miss that origin.
 */
export function originsOutput(run: RunResult, opts: ScaleCommandOptions, io: CliIo): OutputFile[] {
  if (opts.exportOrigins === undefined || !run.origins) return [];
  if (run.report.errors.length > 0) {
    io.stderr(`dfft: --export-origins: ${opts.exportOrigins} not written: the run has ${run.report.errors.length} input error(s), and a table without their flows could hide origins\n`);
    return [];
  }
  return [{ file: opts.exportOrigins, content: formatOrigins(run.origins) }];
}
