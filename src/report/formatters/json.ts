import { jsonChunks } from './json-chunks';
import { reportDocument } from './lean';
import type { StreamFormatter } from './types';

/**
 * The contract's report (schemas/report.schema.json, docs/report-format.md) as one JSON document
 * with a final newline, in pieces: lean by default, full with `full`; on one line, or indented by
 * two spaces with `pretty`. One piece per flow and per finding, so that no string holds the report.
 */
export const formatJson: StreamFormatter = function* (report, options = {}) {
  yield* jsonChunks(reportDocument(report, options.full ?? false), options.pretty ?? false);
  yield '\n';
};
