import * as fs from 'node:fs';
import * as path from 'node:path';
import { joinChunks } from '../../../src/report/formatters';
import { formatJson } from '../../../src/report/formatters/json';
import { formatNdjson } from '../../../src/report/formatters/ndjson';
import { leanReport } from '../../../src/report/formatters/lean';
import { parseBaselineFile } from '../../../src/report/load-suppressions';
import { createAjv } from '../../../src/source/ajv';
import type { FlowResult, Report, SourceLocation } from '../../../src/types';
import { createChecker } from '../../../src/library/checker';
import { expandManifestPaths, readManifestFiles } from '../../../src/manifest/read-manifests';
import { exampleReport, ROOT } from '../support/fixtures';
import { manyFlowsReport } from '../support/many-flows';

const schema = (name: string): object => JSON.parse(fs.readFileSync(path.join(ROOT, 'schemas', `${name}.schema.json`), 'utf8')) as object;
const ajv = createAjv();
ajv.addSchema(schema('report'));
const validateReport = ajv.getSchema('https://dfft.dev/schemas/report.schema.json')!;
const validateLine = ajv.compile(schema('report-line'));

const ROW_FIELDS = ['exporterName', 'importerName', 'exporterCountry', 'importerCountry', 'categories', 'subjects'];

interface LeanDocument {
  reportVersion: number;
  parties: Array<{ id: string; name?: string; country: string }>;
  datasets: Array<{ id: string; name?: string; categories: string[]; subjects: string[] }>;
  flows: Array<Record<string, unknown> & { id: string; from: string; to: string; datasets: string[]; location: SourceLocation }>;
  findings: Array<{ fingerprint: string; location: SourceLocation; citation: unknown }>;
}

/** A flow of a lean report with its parties' and datasets' fields put back from the tables. */
function restored(flow: LeanDocument['flows'][number], doc: LeanDocument): Record<string, unknown> {
  const party = (id: string) => doc.parties.find((p) => p.id === id)!;
  const data = flow.datasets.map((id) => doc.datasets.find((d) => d.id === id)!);
  const from = party(flow.from);
  const to = party(flow.to);
  return {
    ...flow,
    exporterCountry: from.country,
    importerCountry: to.country,
    ...(from.name !== undefined ? { exporterName: from.name } : {}),
    ...(to.name !== undefined ? { importerName: to.name } : {}),
    categories: [...new Set(data.flatMap((d) => d.categories))].sort(),
    subjects: [...new Set(data.flatMap((d) => d.subjects))].sort(),
  };
}

/** A flow carrying two datasets, whose categories and subjects are the union of theirs. */
const TWO_DATASETS = `manifestVersion: 1
system: { id: two-datasets }
parties:
  - { id: lean-test-shop, name: Boutique SA, country: FR, role: controller }
  - { id: lean-test-mailer, name: Mailer Inc., country: US, role: processor }
datasets:
  - { id: lean-test-buyers, name: Buyers, categories: [contact.email, financial.transactions], subjects: [customers] }
  - { id: lean-test-staff, categories: [contact.email], subjects: [employees] }
flows:
  - { id: lean-test-mailing, from: lean-test-shop, to: lean-test-mailer, datasets: [lean-test-buyers, lean-test-staff] }
`;

/** The examples' report, with a manifest of a flow carrying two datasets. */
async function examplesReport(): Promise<Report> {
  const cwd = process.cwd();
  process.chdir(ROOT);
  try {
    const read = readManifestFiles(expandManifestPaths(['examples/manifests']).files);
    return (await createChecker({ asOf: '2026-11-28' })).check([...read.sources, { file: 'two-datasets.yaml', text: TWO_DATASETS }]);
  } finally {
    process.chdir(cwd);
  }
}

const withoutEnd = ({ file, line, column, pointer }: SourceLocation): SourceLocation => ({ file, line, column, pointer });

describe('json: the lean report by default', () => {
  let report: Report;
  let text: string;
  let doc: LeanDocument;
  beforeAll(async () => {
    report = await examplesReport();
    text = joinChunks(formatJson(report));
    doc = JSON.parse(text) as LeanDocument;
  });

  it('is one line with a final newline, reportVersion 2, and valid against schemas/report.schema.json', () => {
    expect(text.indexOf('\n')).toBe(text.length - 1);
    expect(doc.reportVersion).toBe(2);
    expect(validateReport(doc)).toBe(true);
    expect(validateReport.errors ?? []).toEqual([]);
  });

  it('writes no name, country, category or subject on a flow, and locations of rows with file, line, column and pointer only', () => {
    expect(report.flows.some((f) => f.location.endLine !== undefined)).toBe(true); // the in-memory report has ends
    for (const f of doc.flows) {
      for (const field of ROW_FIELDS) expect(f).not.toHaveProperty(field);
      expect(Object.keys(f.location)).toEqual(['file', 'line', 'column', 'pointer']);
    }
    for (const f of doc.findings) {
      expect(Object.keys(f.location)).toEqual(['file', 'line', 'column', 'pointer']);
      expect(f.citation).toBeDefined(); // the contract asks for it on every finding
    }
  });

  it('lists each party and dataset the flows name once, sorted by id, and they give every flow back as the full report has it', () => {
    const parties = doc.parties.map((p) => p.id);
    expect(parties).toEqual([...new Set(report.flows.flatMap((f) => [f.from, f.to]))].sort());
    expect(doc.datasets.map((d) => d.id)).toEqual([...new Set(report.flows.flatMap((f) => f.datasets))].sort());
    expect(doc.datasets.find((d) => d.id === 'lean-test-staff')).toEqual({ id: 'lean-test-staff', name: 'lean-test-staff', categories: ['contact.email'], subjects: ['employees'], categoryTitles: { 'contact.email': 'E-mail address' } });
    expect(report.flows.find((f) => f.id === 'lean-test-mailing')).toMatchObject({ categories: ['contact.email', 'financial.transactions'], subjects: ['customers', 'employees'] });
    const full = report.flows.map((f) => ({ ...f, location: withoutEnd(f.location) }));
    expect(doc.flows.map((f) => restored(f, doc))).toEqual(full);
  });

  it('keeps every finding as the report has it but for the ends of its location', () => {
    expect(doc.findings).toEqual(report.findings.map((f) => ({ ...f, location: withoutEnd(f.location) })));
  });

  it('is what leanReport gives as an object', () => {
    expect(JSON.parse(JSON.stringify(leanReport(report)))).toEqual(doc);
  });

  it('with full: the in-memory report, every field of every flow, tables included; valid against the same schema', () => {
    const full = JSON.parse(joinChunks(formatJson(report, { full: true }))) as Report;
    expect(full).toEqual(JSON.parse(JSON.stringify(report)));
    expect(full.flows[0]).toHaveProperty('exporterCountry');
    expect(validateReport(full)).toBe(true);
  });

  it('with pretty: two-space indentation of the same value, as JSON.stringify indents it', () => {
    for (const full of [false, true]) {
      const compact = joinChunks(formatJson(report, { full }));
      const pretty = joinChunks(formatJson(report, { full, pretty: true }));
      expect(pretty).toBe(`${JSON.stringify(JSON.parse(compact), null, 2)}\n`);
    }
  });

  it('is read as a baseline, as the version 1 report of an earlier dfft is, with the same fingerprints', () => {
    const v2 = parseBaselineFile('baseline.json', text);
    const v1 = parseBaselineFile('baseline-v1.json', JSON.stringify({ ...JSON.parse(JSON.stringify(report)), reportVersion: 1 }, null, 2));
    expect(v2.ok && v1.ok).toBe(true);
    if (!v2.ok || !v1.ok) return;
    expect(v2.value.fingerprints.size).toBeGreaterThan(0);
    expect([...v2.value.fingerprints].sort()).toEqual([...v1.value.fingerprints].sort());
    const golden = fs.readFileSync(path.join(ROOT, 'test', 'golden', 'fixtures', 'baseline.json'), 'utf8');
    expect(parseBaselineFile('golden-baseline.json', golden).ok).toBe(true);
  });
});

describe('json of a report built by hand (no tables)', () => {
  it('makes the tables from the flows and gives the flows back exactly', () => {
    const report = manyFlowsReport(50);
    const doc = JSON.parse(joinChunks(formatJson(report))) as LeanDocument;
    expect(doc.parties).toContainEqual({ id: 'exporter-7', name: 'Exporter 7', country: 'DE' });
    expect(doc.datasets).toEqual([{ id: 'customers', categories: ['contact', 'financial.transactions'], subjects: ['customers'] }]);
    expect(doc.flows.map((f) => restored(f, doc))).toEqual(JSON.parse(JSON.stringify(report.flows)));
  });

  it('keeps on a flow what the tables cannot give back: a dataset never carried alone, a party named two ways', () => {
    const report = manyFlowsReport(3);
    const paired: FlowResult = { ...report.flows[1], datasets: ['customers', 'staff'], categories: ['contact', 'hr'] };
    const renamed: FlowResult = { ...report.flows[2], from: 'exporter-0', exporterName: 'Another name' };
    report.flows = [report.flows[0], paired, renamed];
    const doc = JSON.parse(joinChunks(formatJson(report))) as LeanDocument;
    expect(doc.datasets.map((d) => d.id)).toEqual(['customers']);
    expect(doc.flows[0]).not.toHaveProperty('categories');
    expect(doc.flows[1]).toMatchObject({ categories: ['contact', 'hr'], subjects: ['customers'] });
    expect(doc.flows[2]).toMatchObject({ exporterName: 'Another name', exporterCountry: 'DE' });
    expect(doc.flows[2]).not.toHaveProperty('importerName');
  });
});

describe('ndjson', () => {
  let report: Report;
  beforeAll(async () => {
    report = await exampleReport(['examples/manifests', 'examples/invalid/unknown-party.yaml']);
  });

  const linesOf = (r: Report, full = false) => joinChunks(formatNdjson(r, { full })).split('\n');

  it('gives one JSON object per line, each valid against schemas/report-line.schema.json, in the documented order', () => {
    for (const full of [false, true]) {
      const lines = linesOf(report, full);
      expect(lines.pop()).toBe(''); // a final newline
      const objects = lines.map((l) => JSON.parse(l) as { type: string });
      for (const o of objects) {
        expect(validateLine(o)).toBe(true);
        expect(validateLine.errors ?? []).toEqual([]);
      }
      const types = objects.map((o) => o.type);
      const order = ['header', 'party', 'dataset', 'flow', 'finding', 'rule', 'error', 'warning', 'summary'];
      expect([...new Set(types)]).toEqual(order.filter((t) => types.includes(t)));
      expect(types[0]).toBe('header');
      expect(types.at(-1)).toBe('summary');
      expect(types.filter((t) => t === 'flow')).toHaveLength(report.flows.length);
      expect(types.filter((t) => t === 'finding')).toHaveLength(report.findings.length);
      expect(types.filter((t) => t === 'error')).toHaveLength(report.errors.length);
      expect(report.errors.length).toBeGreaterThan(0);
    }
  });

  it('holds what the json format holds: lean rows by default, full ones with full', () => {
    for (const full of [false, true]) {
      const doc = JSON.parse(joinChunks(formatJson(report, { full }))) as Record<string, unknown>;
      const objects = linesOf(report, full).filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
      const of = (type: string) => objects.filter((o) => o.type === type).map(({ type: _, ...rest }) => rest);
      expect(of('flow')).toEqual(doc.flows);
      expect(of('finding')).toEqual(doc.findings);
      expect(of('party')).toEqual(doc.parties);
      expect(of('dataset')).toEqual(doc.datasets);
      expect(of('rule')).toEqual(doc.rules);
      expect(of('summary')).toEqual([doc.summary]);
      const { type: _, ...header } = objects[0];
      expect(header).toEqual({ reportVersion: 2, tool: doc.tool, asOf: doc.asOf, policy: doc.policy, inputs: doc.inputs });
    }
  });

  it('the line schema names, for each kind of row, the same members as the report schema', () => {
    const line = schema('report-line') as { oneOf: Array<{ properties: Record<string, unknown> }> };
    const report = schema('report') as { definitions: Record<string, { properties: Record<string, unknown> }> };
    const flow = line.oneOf.find((b) => (b.properties.type as { const: string }).const === 'flow')!;
    expect(Object.keys(flow.properties).slice(1)).toEqual(Object.keys(report.definitions.FlowResult.properties));
    // ReportFlow (either shape) repeats FlowResult's property schemas: they must not drift apart.
    expect(report.definitions.ReportFlow.properties).toEqual(report.definitions.FlowResult.properties);
  });
});
