import { LeanFlows, leanFinding, reportTables } from './lean';
import type { StreamFormatter } from './types';

/**
 * The report as newline-delimited JSON (schemas/report-line.schema.json): one object per line,
 * each with its `type` first: a `header` (reportVersion, tool, asOf, lang, horizon, policy, inputs),
 * the `party`, `dataset` and `special-category` tables, one `flow` per flow and one `finding` per
 * finding in report order, then `rule`, `error` and `warning` lines, with a baseline a `fixed` line
 * per finding of the baseline this run no longer has, and last the `summary`, so that a reader knows
 * the stream is whole. Flows and findings are lean as in the json format, full with `full`.
 */
export const formatNdjson: StreamFormatter = function* (report, options = {}) {
  const { reportVersion, tool, asOf, lang, horizon, policy, inputs } = report;
  yield line('header', { reportVersion, tool, asOf, lang, horizon, policy, inputs });
  const tables = reportTables(report);
  for (const p of tables.parties) yield line('party', p);
  for (const d of tables.datasets) yield line('dataset', d);
  for (const c of report.specialCategories ?? []) yield line('special-category', c);
  const lean = options.full ? undefined : new LeanFlows(tables);
  for (const f of report.flows) yield line('flow', lean ? lean.flow(f) : f);
  for (const f of report.findings) yield line('finding', options.full ? f : leanFinding(f));
  for (const r of report.rules ?? []) yield line('rule', r);
  for (const e of report.errors) yield line('error', e);
  for (const w of report.warnings ?? []) yield line('warning', w);
  for (const f of report.fixedSinceBaseline ?? []) yield line('fixed', f);
  yield line('summary', report.summary);
};

/** One line: the object's members after its type, with no object made for it. */
function line(type: string, value: object): string {
  const members = JSON.stringify(value);
  return `{"type":"${type}"${members === '{}' ? '}' : `,${members.slice(1)}`}\n`;
}
