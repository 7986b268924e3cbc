/**
 * Origin tables across runs: a run exports its origin table, and another run that
 * holds only the onward leg of the data imports it, judging its flows as one run of both would.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkRun, exportOrigins, formatOrigins, parseOriginsFile, readOriginsFile, type OriginImport, type OriginTableFile, type Report, type RunOptions } from '../../src/index';
import { yamlText } from '../support/helpers';
import { runCli } from '../support/cli';
import { tmpDir } from '../support/tmp';

jest.setTimeout(60_000);

const asOf = '2026-11-28';
const options: RunOptions = { asOf };

// The shared registry every repository sees; estate A holds EU → JP, estate B only JP's onward legs.
const registry = {
  manifestVersion: 1,
  system: { id: 'registry' },
  parties: [
    { id: 'eu-shop', name: 'EU Shop', country: 'FR', role: 'controller' },
    { id: 'jp-partner', name: 'JP Partner', country: 'JP', role: 'controller' },
    { id: 'us-vendor', name: 'US Vendor', country: 'US', role: 'processor' },
    { id: 'jp-local', name: 'JP Local', country: 'JP', role: 'controller' },
  ],
  datasets: [
    { id: 'customers', name: 'Customers', categories: ['contact'], subjects: ['customers'], identifiability: 'identified', purposes: ['order-fulfilment'] },
    { id: 'staff', name: 'Staff', categories: ['contact'], subjects: ['employees'], identifiability: 'identified' },
  ],
};
const estateA = {
  manifestVersion: 1,
  system: { id: 'estate-a' },
  flows: [{ id: 'a-eu-to-jp', from: 'eu-shop', to: 'jp-partner', datasets: ['customers'], purposes: ['order-fulfilment'] }],
};
const estateB = {
  manifestVersion: 1,
  system: { id: 'estate-b' },
  flows: [
    { id: 'b-jp-to-us', from: 'jp-partner', to: 'us-vendor', datasets: ['customers'], purposes: ['marketing'] },
    { id: 'b-jp-local-staff', from: 'jp-local', to: 'us-vendor', datasets: ['staff'] },
  ],
};

const dir = tmpDir({ 'registry.yaml': yamlText(registry), 'a.yaml': yamlText(estateA), 'b.yaml': yamlText(estateB) });
const file = (name: string): { file: string; text: string } => ({ file: path.join(dir, name), text: fs.readFileSync(path.join(dir, name), 'utf8') });
const bFlows = new Set(estateB.flows.map((f) => f.id));
const ofB = (r: Report): { flows: unknown[]; findings: unknown[] } => ({ flows: r.flows.filter((f) => bFlows.has(f.id)), findings: r.findings.filter((f) => bFlows.has(f.flowId)) });

/** An exported table as a later run reads it: written as its file and parsed back. */
function readBack(table: OriginTableFile): OriginImport {
  const parsed = parseOriginsFile('a-origins.json', formatOrigins(table));
  if (!parsed.ok) throw new Error(parsed.diagnostics.map((d) => d.message).join('\n'));
  return parsed.value;
}

/** Writes manifests as YAML files; gives each file as a run takes it, by name. */
function writtenEstate(files: Record<string, unknown>): (name: string) => { file: string; text: string } {
  const at = tmpDir(Object.fromEntries(Object.entries(files).map(([name, m]) => [name, yamlText(m)])));
  return (name) => ({ file: name, text: fs.readFileSync(path.join(at, name), 'utf8') });
}

async function tableOfA(): Promise<OriginImport> {
  const run = await checkRun([file('registry.yaml'), file('a.yaml')], { ...options, exportOrigins: true });
  return readBack(run.origins!);
}

describe('origin table export and import', () => {
  it('finds for B\'s flows, with A\'s exported table, what one run of A and B finds', async () => {
    const together = (await checkRun([file('registry.yaml'), file('a.yaml'), file('b.yaml')], options)).report;
    const alone = (await checkRun([file('registry.yaml'), file('b.yaml')], options)).report;
    const imported = await tableOfA();
    const withTable = (await checkRun([file('registry.yaml'), file('b.yaml')], { ...options, importOrigins: [imported] })).report;
    // Alone, B does not know the data at jp-partner came from the EU: the onward-transfer rules miss it.
    const onward = (r: Report): string[] => r.findings.filter((f) => f.flowId === 'b-jp-to-us').map((f) => f.ruleId).sort();
    expect(onward(together)).toEqual(expect.arrayContaining(['eu-jp-supplementary/onward-transfer', 'eu-jp-supplementary/purpose-beyond-eu-collection']));
    expect(onward(alone)).not.toContain('eu-jp-supplementary/onward-transfer');
    expect(onward(alone)).not.toEqual(onward(together));
    // With A's table, B's flows and findings (paths through A's flow and fingerprints included) are those of one run.
    expect(ofB(withTable)).toEqual(ofB(together));
    expect(together.findings.find((f) => f.flowId === 'b-jp-to-us' && f.path.length > 1)?.path).toEqual(['a-eu-to-jp', 'b-jp-to-us']);
    // The report shows it depended on the table.
    expect(withTable.inputs).toContainEqual({ file: 'a-origins.json', sha256: imported.sha256 });
  });

  it('exports a deterministic, sorted table with asOf, the dfft version and the inputs\' digests', async () => {
    const once = await checkRun([file('registry.yaml'), file('a.yaml'), file('b.yaml')], { ...options, exportOrigins: true });
    const again = await checkRun([file('b.yaml'), file('a.yaml'), file('registry.yaml')], { ...options, exportOrigins: true });
    expect(formatOrigins(again.origins!)).toBe(formatOrigins(once.origins!));
    const table = once.origins!;
    expect(table.asOf).toBe(asOf);
    expect(table.tool.name).toBe('dfft');
    expect(table.inputs.map((i) => path.basename(i.file))).toEqual(['a.yaml', 'b.yaml', 'registry.yaml']);
    const keys = table.origins.map((o) => `${o.dataset}@${o.party}`);
    expect(keys).toEqual(['customers@jp-partner', 'customers@us-vendor', 'staff@us-vendor']);
    const entry = table.origins.find((o) => o.party === 'us-vendor' && o.dataset === 'customers')!;
    expect(entry.origin).toEqual(['FR']);
    expect(entry.chain.map((i) => table.flows[i].flow)).toEqual(['a-eu-to-jp', 'b-jp-to-us']);
    expect(table.flows.map((f) => f.flow)).toEqual(['a-eu-to-jp', 'b-jp-to-us', 'b-jp-local-staff'].sort());
    // Bound to the purposes of the transfer from the EU at jp-partner; narrowed to none by the marketing flow after it.
    expect(table.origins.find((o) => o.party === 'jp-partner')!.bindings?.['EEA-UK']).toEqual({ purposes: ['order-fulfilment'], unknown: false });
    expect(entry.bindings?.['EEA-UK']).toEqual({ purposes: [], unknown: false });
  });

  it('adds imported origins to what the run computes, never removing any', async () => {
    // B's own flows already bring the data to us-vendor from JP; a table saying it came from FR adds FR.
    const table = await tableOfA();
    const extra: OriginImport = { ...table, table: { ...table.table, origins: [{ dataset: 'staff', party: 'jp-local', origin: ['DE'], chain: [] }] } };
    const run = await checkRun([file('registry.yaml'), file('b.yaml')], { ...options, importOrigins: [extra], exportOrigins: true });
    const entry = run.origins!.origins.find((o) => o.dataset === 'staff' && o.party === 'us-vendor');
    expect(entry?.origin).toEqual(['DE']);
    const own = await checkRun([file('registry.yaml'), file('b.yaml')], { ...options, exportOrigins: true });
    expect(own.origins!.origins.find((o) => o.dataset === 'customers' && o.party === 'us-vendor')?.origin).toEqual(['JP']);
    const both = await checkRun([file('registry.yaml'), file('a.yaml'), file('b.yaml')], { ...options, importOrigins: [extra], exportOrigins: true });
    expect(both.origins!.origins.find((o) => o.dataset === 'customers' && o.party === 'us-vendor')?.origin).toEqual(['FR']);
  });

  it('rejects a malformed table with file, line and column, and the CLI exits 2', async () => {
    const bad = '{\n  "originsVersion": 1,\n  "tool": { "name": "dfft", "version": "0" },\n  "asOf": "2026-11-28",\n  "inputs": [],\n  "flows": [],\n  "origins": [{ "dataset": "customers", "party": "jp-partner", "origin": ["fr"], "chain": [] }]\n}\n';
    const parsed = parseOriginsFile('bad.json', bad);
    expect(parsed.ok).toBe(false);
    expect(parsed.diagnostics[0]).toMatchObject({ code: 'data/schema', location: { file: 'bad.json', line: 7 } });
    const dangling = parseOriginsFile('dangling.json', bad.replace('["fr"], "chain": []', '["FR"], "chain": [0]'));
    expect(dangling.ok).toBe(false);
    expect(dangling.diagnostics[0]).toMatchObject({ code: 'data/schema', message: expect.stringContaining('chain[0]: 0 is not the index of a flow'), location: { file: 'dangling.json', line: 7 } });
    const broken = parseOriginsFile('broken.json', '{ "originsVersion": 1,');
    expect(broken.ok).toBe(false);
    expect(broken.diagnostics[0].code).toBe('source/syntax');
    expect(broken.diagnostics[0].location).toMatchObject({ file: 'broken.json', line: 1 });
    expect(readOriginsFile(path.join(dir, 'missing.json')).ok).toBe(false);
    fs.writeFileSync(path.join(dir, 'bad.json'), bad);
    const cli = await runCli(['check', path.join(dir, 'registry.yaml'), path.join(dir, 'b.yaml'), '--as-of', asOf, '--import-origins', path.join(dir, 'bad.json')]);
    expect(cli.code).toBe(2);
    expect(cli.stderr).toMatch(/bad\.json:7:\d+/);
  });

  it('writes the table with --export-origins and reads it with --import-origins', async () => {
    const out = path.join(dir, 'origins.json');
    const a = await runCli(['check', path.join(dir, 'registry.yaml'), path.join(dir, 'a.yaml'), '--as-of', asOf, '--export-origins', out, '-q']);
    expect(a.code).toBe(0);
    const b = await runCli(['check', path.join(dir, 'registry.yaml'), path.join(dir, 'b.yaml'), '--as-of', asOf, '--import-origins', out, '-f', 'json', '-q']);
    const report = JSON.parse(b.stdout) as Report;
    expect(report.findings.map((f) => f.ruleId)).toContain('eu-jp-supplementary/onward-transfer');
    expect(report.inputs.map((i) => i.file)).toContain(out);
    expect(exportOrigins).toBeDefined();
  });

  it('takes an entry that lists no binding as binding nothing, not as bound to no purpose', async () => {
    // Found by test/property/origin-tables.test.ts. The data reaches jp from the EU (de) and from
    // outside (gg): one run leaves it unbound, and the table lists no binding for the entry. Read
    // back, the entry bound the data to the empty set, and the onward flow got a purpose finding.
    const files = {
      'registry.yaml': { manifestVersion: 1, system: { id: 'registry' },
        parties: [{ id: 'gg', country: 'GG' }, { id: 'de', country: 'DE' }, { id: 'jp', country: 'JP' }, { id: 'de-2', country: 'DE' }],
        datasets: [{ id: 'd', categories: ['contact'], purposes: ['customer-support'] }] },
      'a.yaml': { manifestVersion: 1, system: { id: 'a' }, flows: [{ id: 'a-gg-jp', from: 'gg', to: 'jp', datasets: ['d'] }, { id: 'a-de-jp', from: 'de', to: 'jp', datasets: ['d'] }] },
      'b.yaml': { manifestVersion: 1, system: { id: 'b' }, flows: [{ id: 'b-jp-de', from: 'jp', to: 'de-2', datasets: ['d'], purposes: ['customer-support'] }] },
    };
    const at = writtenEstate(files);
    const whole = (await checkRun([at('registry.yaml'), at('a.yaml'), at('b.yaml')], options)).report;
    const run = await checkRun([at('registry.yaml'), at('a.yaml')], { ...options, exportOrigins: true });
    const entry = run.origins!.origins.find((e) => e.dataset === 'd' && e.party === 'jp');
    expect(entry?.bindings).toBeUndefined();
    const withTable = (await checkRun([at('registry.yaml'), at('b.yaml')], { ...options, importOrigins: [readBack(run.origins!)] })).report;
    const onB = (r: Report) => r.findings.filter((f) => f.flowId === 'b-jp-de').map((f) => f.ruleId).sort();
    expect(onB(whole)).not.toContain('eu-jp-supplementary/purpose-beyond-eu-collection');
    expect(onB(withTable)).toEqual(onB(whole));
  });

  it('keeps, for a rule that traces a country group\'s data, the chain of that group\'s flow', async () => {
    // Two flows bring the data to jp: from Andorra (the smaller id, the chain a finding follows by
    // default) and from Germany. A rule tracing EEA-UK data (chainFrom) follows the German flow
    // in one run; the table records that chain for the group, so the importing run does too.
    const files = {
      'registry.yaml': { manifestVersion: 1, system: { id: 'registry' },
        parties: [{ id: 'ad', country: 'AD', role: 'controller' }, { id: 'de', country: 'DE', role: 'controller' }, { id: 'jp', country: 'JP', role: 'controller' }, { id: 'us', country: 'US', role: 'processor' }],
        datasets: [{ id: 'd', categories: ['contact'], subjects: ['customers'], purposes: ['customer-support'] }] },
      'a.yaml': { manifestVersion: 1, system: { id: 'a' }, flows: [{ id: 'a-ad-jp', from: 'ad', to: 'jp', datasets: ['d'] }, { id: 'b-de-jp', from: 'de', to: 'jp', datasets: ['d'] }] },
      'b.yaml': { manifestVersion: 1, system: { id: 'b' }, flows: [{ id: 'c-jp-us', from: 'jp', to: 'us', datasets: ['d'], purposes: ['customer-support'] }] },
    };
    const at = writtenEstate(files);
    const whole = (await checkRun([at('registry.yaml'), at('a.yaml'), at('b.yaml')], options)).report;
    const run = await checkRun([at('registry.yaml'), at('a.yaml')], { ...options, exportOrigins: true });
    const table = run.origins!;
    const entry = table.origins.find((e) => e.dataset === 'd' && e.party === 'jp')!;
    expect(entry.chain.map((i) => table.flows[i].flow)).toEqual(['a-ad-jp']);
    expect(entry.groupChains?.['EEA-UK']?.map((i) => table.flows[i].flow)).toEqual(['b-de-jp']);
    const withTable = (await checkRun([at('registry.yaml'), at('b.yaml')], { ...options, importOrigins: [readBack(table)] })).report;
    const onB = (r: Report) => r.findings.filter((f) => f.flowId === 'c-jp-us').map((f) => [f.ruleId, f.path, f.fingerprint]);
    const traced = whole.findings.find((f) => f.flowId === 'c-jp-us' && f.ruleId === 'eu-jp-supplementary/onward-transfer');
    expect(traced?.path).toEqual(['b-de-jp', 'c-jp-us']);
    expect(onB(withTable)).toEqual(onB(whole));
  });

  it('rejects a group chain index that names no flow, located in the table', () => {
    const table = { originsVersion: 1, tool: { name: 'dfft', version: '0.1.0' }, asOf, inputs: [], flows: [{ flow: 'f', from: 'a', fromCountry: 'DE', to: 'b', toCountry: 'JP', facts: 1 }],
      origins: [{ dataset: 'd', party: 'b', origin: ['DE'], chain: [0], groupChains: { 'EEA-UK': [0, 3] } }] };
    const parsed = parseOriginsFile('t.json', JSON.stringify(table, null, 2));
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.diagnostics.map((d) => [d.message, d.location?.line])).toEqual([['origins[0].groupChains.EEA-UK[1]: 3 is not the index of a flow of the table (it has 1)', expect.any(Number)]]);
  });
});
