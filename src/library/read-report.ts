import { fail, ok, type Result } from '../source/diagnostic';
import { parseSource } from '../source/parse-source';
import { readTextFile, type ReadLimits } from '../source/read-file';
import { validateAgainst } from '../source/validate-schema';
import { expandReport } from '../report/expand-report';
import type { Report } from '../types';

/**
 * A dfft JSON report read back (a shard's, for `dfft merge`): parsed with positions and validated
 * against schemas/report.schema.json, so a damaged or foreign file is an input error at
 * file:line:column, never half-merged. A lean report's flows are made whole from its tables
 * (expandReport), as the library holds them.
 */
export function readReportFile(file: string, limits?: ReadLimits): Result<Report> {
  const read = readTextFile(file, 'source/unreadable', limits);
  if (!read.ok) return fail(read.diagnostics);
  return parseReportText(file, read.value.text, read.value.sha256);
}

/** The text of a JSON report parsed and validated (see readReportFile). */
export function parseReportText(file: string, text: string, sha256?: string): Result<Report> {
  const parsed = parseSource(file, text, sha256);
  if (!parsed.ok) return fail(parsed.diagnostics);
  const errors = validateAgainst('report', parsed.value);
  if (errors.length > 0) return fail(errors);
  return ok(expandReport(parsed.value.data as Report));
}
