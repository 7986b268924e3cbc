// The report as a file gives it (docs/report-format.md): lean by default, where what repeats on
// every flow (names, countries, categories, subjects) is written once in the parties and datasets
// tables and locations of rows carry what the contract asks (file, line, column, pointer); full
// on request, every flow as the library holds it, with the same tables.
import { sameTuple, TupleMap } from '../../source/tuple-map';
import { compareById } from '../order';
import type { Finding, FlowResult, Report, SourceLocation } from '../../types';
import type { DatasetInfo, PartyInfo } from '../../types/generated/report';
import { StreamedArray, StreamedObject } from './json-chunks';

/** The parties and datasets the flows name, sorted by id, and how to look them up. */
export interface ReportTables {
  parties: PartyInfo[];
  datasets: DatasetInfo[];
  party: ReadonlyMap<string, PartyInfo>;
  dataset: ReadonlyMap<string, DatasetInfo>;
}

/**
 * The report's tables: those it carries (every report dfft builds has them), else made from its
 * flows (a report built by hand): parties from the flows' names and countries, datasets from the
 * flows that carry that dataset alone (a dataset only ever carried with others is left out, and
 * those flows keep their categories and subjects).
 */
export function reportTables(report: Report): ReportTables {
  const parties = report.parties ?? partiesOfFlows(report.flows);
  const datasets = report.datasets ?? datasetsOfFlows(report.flows);
  return { parties, datasets, party: new Map(parties.map((p) => [p.id, p])), dataset: new Map(datasets.map((d) => [d.id, d])) };
}

function partiesOfFlows(flows: readonly FlowResult[]): PartyInfo[] {
  const out = new Map<string, PartyInfo>();
  const add = (id: string, name: string | undefined, country: string): void => {
    if (!out.has(id)) out.set(id, name === undefined ? { id, country } : { id, name, country });
  };
  for (const f of flows) {
    add(f.from, f.exporterName, f.exporterCountry);
    add(f.to, f.importerName, f.importerCountry);
  }
  return [...out.values()].sort(compareById);
}

function datasetsOfFlows(flows: readonly FlowResult[]): DatasetInfo[] {
  const out = new Map<string, DatasetInfo>();
  for (const f of flows) {
    const only = f.datasets.length === 1 ? f.datasets[0] : undefined;
    if (only !== undefined && f.categories && f.subjects && !out.has(only)) out.set(only, { id: only, categories: f.categories, subjects: f.subjects });
  }
  return [...out.values()].sort(compareById);
}


/** A location as the contract asks for it: file, line, column and pointer (the same object when that is all it has). */
export function compactLocation(location: SourceLocation): SourceLocation {
  if (location.endLine === undefined && location.endColumn === undefined) return location;
  return { file: location.file, line: location.line, column: location.column, pointer: location.pointer };
}

/** The sorted categories and subjects a list of datasets gives together. */
export interface DataUnion {
  categories: string[];
  subjects: string[];
}

/** What a flow's datasets give, from a report's datasets table: computed once per list of datasets. */
export class TableUnions {
  private readonly unions = new TupleMap<DataUnion | null>();

  constructor(private readonly tables: ReportTables) {}

  /** The sorted union of the datasets' categories and subjects, or null when a dataset is not in the table. */
  of(ids: readonly string[]): DataUnion | null {
    if (ids.length === 1) return this.tables.dataset.get(ids[0]!) ?? null;
    let union = this.unions.get(ids);
    if (union === undefined) {
      const entries = ids.map((id) => this.tables.dataset.get(id));
      union = entries.every((e) => e !== undefined)
        ? { categories: [...new Set(entries.flatMap((e) => e.categories))].sort(), subjects: [...new Set(entries.flatMap((e) => e.subjects))].sort() }
        : null;
      this.unions.set(ids, union);
    }
    return union;
  }
}

/** Makes lean flows against one report's tables. */
export class LeanFlows {
  private readonly unions: TableUnions;

  constructor(private readonly tables: ReportTables) {
    this.unions = new TableUnions(tables);
  }

  /**
   * The flow without the fields the tables give back: exporter and importer names and countries
   * when its parties' entries hold the same, categories and subjects when the union of its
   * datasets' entries is the same. A field the tables would not give back exactly stays on the flow.
   */
  flow(flow: FlowResult): Partial<FlowResult> {
    const from = this.tables.party.get(flow.from);
    const to = this.tables.party.get(flow.to);
    const dropFrom = from !== undefined && from.country === flow.exporterCountry && from.name === flow.exporterName;
    const dropTo = to !== undefined && to.country === flow.importerCountry && to.name === flow.importerName;
    const data = this.unions.of(flow.datasets);
    const dropData = data !== null && sameList(data.categories, flow.categories) && sameList(data.subjects, flow.subjects);
    if (dropFrom && dropTo && dropData) {
      // The usual case, as one object literal: faster than copying key by key (about 1 s less at 100k flows).
      const { id, crossBorder, datasets, purposes, active, verdict, regimes, basis, location, wouldApply } = flow;
      return { id, from: flow.from, to: flow.to, crossBorder, datasets, purposes, active, verdict, regimes, basis, location: compactLocation(location), wouldApply };
    }
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(flow) as Array<keyof FlowResult>) {
      if (key === 'exporterName' || key === 'exporterCountry') {
        if (dropFrom) continue;
      } else if (key === 'importerName' || key === 'importerCountry') {
        if (dropTo) continue;
      } else if (key === 'categories' || key === 'subjects') {
        if (dropData) continue;
      } else if (key === 'location') {
        out.location = compactLocation(flow.location);
        continue;
      }
      out[key] = flow[key];
    }
    return out as Partial<FlowResult>;
  }
}

function sameList(a: readonly string[], b: readonly string[] | undefined): boolean {
  return b !== undefined && sameTuple(a, b);
}

/** The finding with compact locations (its own and its waiver's); the same object when they already are. */
export function leanFinding(finding: Finding): Finding {
  const location = compactLocation(finding.location);
  const waiver = finding.waiver && { ...finding.waiver, location: compactLocation(finding.waiver.location) };
  if (location === finding.location && (!waiver || waiver.location === finding.waiver!.location)) return finding;
  return { ...finding, location, ...(waiver ? { waiver } : {}) };
}

/**
 * The members of the report document in order, with parties and datasets before flows, and the
 * long lists (inputs, parties, datasets, flows, findings) streamed one element at a time.
 */
export function* reportMembers(report: Report, full: boolean): Generator<[string, unknown]> {
  const tables = reportTables(report);
  let tablesWritten = false;
  for (const key of Object.keys(report) as Array<keyof Report>) {
    if (key === 'parties' || key === 'datasets' || key === 'flows') {
      if (!tablesWritten) {
        yield ['parties', new StreamedArray(tables.parties)];
        yield ['datasets', new StreamedArray(tables.datasets)];
        tablesWritten = true;
      }
      if (key !== 'flows') continue;
    }
    if (key === 'flows') yield [key, new StreamedArray(full ? report.flows : mapped(report.flows, leanFlowsOf(tables)))];
    else if (key === 'findings') yield [key, new StreamedArray(full ? report.findings : mapped(report.findings, leanFinding))];
    else if (key === 'inputs') yield [key, new StreamedArray(report.inputs)];
    else yield [key, report[key]];
  }
}

function leanFlowsOf(tables: ReportTables): (flow: FlowResult) => Partial<FlowResult> {
  const lean = new LeanFlows(tables);
  return (flow) => lean.flow(flow);
}

/** The report document of the json format, to write with jsonChunks. */
export function reportDocument(report: Report, full = false): StreamedObject {
  return new StreamedObject(reportMembers(report, full));
}

/**
 * The lean report as one object (what `dfft check -f json` writes, parsed): for a caller that
 * wants the value rather than the text. Its flows lack the fields the tables hold, so it is typed
 * as a plain object.
 */
export function leanReport(report: Report): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of reportMembers(report, false)) out[key] = value instanceof StreamedArray ? [...value.items] : value;
  return out;
}

function* mapped<T, U>(items: readonly T[], f: (item: T) => U): Generator<U> {
  for (const item of items) yield f(item);
}
