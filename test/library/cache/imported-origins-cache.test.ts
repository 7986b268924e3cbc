/**
 * A cached run that imports another run's origin table: the purposes the data is bound to at the
 * exporter come from the imported table, so a flow's key must cover them.
 */
import * as path from 'node:path';
import { checkRun, createResultCache, formatOrigins, parseOriginsFile, type OriginImport, type RunOptions } from '../../../src/index';
import { yamlText } from '../../support/helpers';
import { tmpDir } from '../../support/tmp';

jest.setTimeout(60_000);

const options: RunOptions = { asOf: '2026-11-28' };
const registry = yamlText({
  manifestVersion: 1,
  system: { id: 'registry' },
  parties: [
    { id: 'eu-shop', name: 'EU Shop', country: 'FR', role: 'controller' },
    { id: 'jp-partner', name: 'JP Partner', country: 'JP', role: 'controller' },
    { id: 'us-vendor', name: 'US Vendor', country: 'US', role: 'processor' },
  ],
  datasets: [{ id: 'customers', name: 'Customers', categories: ['contact'], subjects: ['customers'], identifiability: 'identified', purposes: ['order-fulfilment', 'marketing'] }],
});
const estateA = (purpose: string): string => yamlText({
  manifestVersion: 1,
  system: { id: 'estate-a' },
  flows: [{ id: 'a-eu-to-jp', from: 'eu-shop', to: 'jp-partner', datasets: ['customers'], purposes: [purpose] }],
});
const estateB = yamlText({
  manifestVersion: 1,
  system: { id: 'estate-b' },
  flows: [{ id: 'b-jp-to-us', from: 'jp-partner', to: 'us-vendor', datasets: ['customers'], purposes: ['marketing'] }],
});
const dir = tmpDir({});
const b = [{ file: path.join(dir, 'registry.yaml'), text: registry }, { file: path.join(dir, 'b.yaml'), text: estateB }];

/** A's origin table when its flow carries the data for `purpose`: the same origins, other bound purposes. */
async function tableOfA(purpose: string): Promise<OriginImport> {
  const run = await checkRun([b[0], { file: path.join(dir, 'a.yaml'), text: estateA(purpose) }], { ...options, exportOrigins: true });
  const parsed = parseOriginsFile('a-origins.json', formatOrigins(run.origins!));
  if (!parsed.ok) throw new Error(parsed.diagnostics.map((d) => d.message).join('\n'));
  return parsed.value;
}

describe('a cached run with an imported origin table', () => {
  it('judges again the flows whose bound purposes the table changed', async () => {
    const [before, after] = [await tableOfA('order-fulfilment'), await tableOfA('marketing')];
    const cache = createResultCache();
    await checkRun(b, { ...options, importOrigins: [before], cache });
    const uncached = (await checkRun(b, { ...options, importOrigins: [after] })).report;
    const stale = (await checkRun(b, { ...options, importOrigins: [before] })).report;
    // The edit tests something: the verdicts differ between the two tables.
    expect(JSON.stringify(uncached.findings)).not.toBe(JSON.stringify(stale.findings));
    const again = createResultCache();
    expect(again.load(cache.serialise())).toBeUndefined();
    const cached = (await checkRun(b, { ...options, importOrigins: [after], cache: again })).report;
    expect(JSON.stringify(cached)).toBe(JSON.stringify(uncached));
  });
});
