// A report read back from a file may be lean (docs/report-format.md): its flows leave out what the
// parties and datasets tables hold. The library holds every flow whole, so a lean report is
// expanded on reading, and written lean again gives the same text.
import type { FlowResult, Report } from '../types';
import { reportTables, TableUnions, type ReportTables } from './formatters/lean';

/**
 * The report with every flow whole: exporter and importer names and countries from `parties`,
 * categories and subjects as the sorted union of the flow's `datasets` entries. A flow that
 * already carries a field keeps it; the same object when no flow lacks anything.
 */
export function expandReport(report: Report): Report {
  if (report.flows.every(isWhole)) return report;
  const tables = reportTables(report);
  const unions = new TableUnions(tables);
  return { ...report, flows: report.flows.map((f) => (isWhole(f) ? f : expandFlow(f, tables, unions))) };
}

function isWhole(flow: FlowResult): boolean {
  return flow.exporterCountry !== undefined && flow.importerCountry !== undefined && flow.categories !== undefined && flow.subjects !== undefined;
}

function expandFlow(flow: FlowResult, tables: ReportTables, unions: TableUnions): FlowResult {
  const from = tables.party.get(flow.from);
  const to = tables.party.get(flow.to);
  // A dataset missing from the table gives no union: nothing is made up for the flow.
  const data = unions.of(flow.datasets);
  // In the order of the contract's FlowResult, so that the full report written again is the same text.
  const out: Record<string, unknown> = {};
  for (const key of FLOW_KEYS) {
    const own = flow[key];
    if (own !== undefined) out[key] = own;
    else if (key === 'exporterCountry') out[key] = from?.country;
    else if (key === 'importerCountry') out[key] = to?.country;
    else if (key === 'exporterName' && from?.name !== undefined) out[key] = from.name;
    else if (key === 'importerName' && to?.name !== undefined) out[key] = to.name;
    else if ((key === 'categories' || key === 'subjects') && data !== null) out[key] = data[key];
  }
  for (const key of Object.keys(flow)) if (!(key in out)) out[key] = flow[key as keyof FlowResult];
  return out as unknown as FlowResult;
}

const FLOW_KEYS: ReadonlyArray<keyof FlowResult> = [
  'id', 'from', 'to', 'exporterCountry', 'importerCountry', 'exporterName', 'importerName', 'crossBorder', 'datasets',
  'categories', 'subjects', 'purposes', 'active', 'verdict', 'regimes', 'basis', 'location', 'wouldApply',
];
