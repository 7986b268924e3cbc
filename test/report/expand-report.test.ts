/**
 * A lean report read back is made whole from its tables: each flow gets its parties' names and
 * countries and the union of its datasets' categories and subjects, as the library built them.
 */
import { checkRun, readManifestPaths } from '../../src/index';
import { expandReport } from '../../src/report/expand-report';
import { compactLocation, leanReport } from '../../src/report/formatters/lean';
import type { Report } from '../../src/types';

const read = readManifestPaths(['examples/manifests']);
// A flow with two datasets, one of them shared with another flow: the union is the flow's own.
const twoDatasets = {
  file: 'two-datasets.yaml',
  text: [
    'manifestVersion: 1',
    'system: { id: crm, name: CRM, owner: a@b.example }',
    'parties:',
    '  - { id: crm-fr, country: FR, role: controller }',
    '  - { id: mail-jp, name: Mail KK, country: JP, role: processor }',
    'datasets:',
    '  - { id: crm-contacts, categories: [contact.email, identifiers.name], subjects: [customers], collectedIn: [FR], purposes: [marketing] }',
    '  - { id: crm-orders, categories: [financial.transactions, contact.email], subjects: [customers, employees], collectedIn: [FR], purposes: [marketing] }',
    'flows:',
    '  - { id: both, from: crm-fr, to: mail-jp, datasets: [crm-orders, crm-contacts], purposes: [marketing] }',
    '  - { id: one, from: crm-fr, to: mail-jp, datasets: [crm-contacts], purposes: [marketing] }',
    '',
  ].join('\n'),
};

it('gives back every field the lean report left out, in the order the builder writes them', async () => {
  const whole = (await checkRun([...read.sources, twoDatasets], { asOf: '2026-11-28' })).report;
  expect(whole.errors).toEqual([]);
  expect(whole.flows.find((f) => f.id === 'both')).toMatchObject({ categories: ['contact.email', 'financial.transactions', 'identifiers.name'], subjects: ['customers', 'employees'] });
  const lean = JSON.parse(JSON.stringify(leanReport(whole))) as Report;
  expect(lean.flows.every((f) => f.exporterCountry === undefined && f.categories === undefined)).toBe(true);
  const expanded = expandReport(lean);
  const expected = whole.flows.map((f) => ({ ...f, location: compactLocation(f.location) }));
  expect(JSON.stringify(expanded.flows)).toBe(JSON.stringify(expected));
});

it('keeps what a flow carries itself and leaves a whole report as it is', async () => {
  const whole = (await checkRun(read.sources, { asOf: '2026-11-28' })).report;
  expect(expandReport(whole)).toBe(whole);
  const lean = JSON.parse(JSON.stringify(leanReport(whole))) as Report;
  lean.flows[0] = { ...lean.flows[0], exporterCountry: 'ZZ' };
  expect(expandReport(lean).flows[0].exporterCountry).toBe('ZZ');
  expect(expandReport(lean).flows[0].importerCountry).toBe(whole.flows[0].importerCountry);
});

it('makes up nothing for a flow whose dataset is not in the table', async () => {
  const whole = (await checkRun([...read.sources, twoDatasets], { asOf: '2026-11-28' })).report;
  const lean = JSON.parse(JSON.stringify(leanReport(whole))) as Report;
  lean.datasets = lean.datasets!.filter((d) => d.id !== 'crm-orders');
  const both = expandReport(lean).flows.find((f) => f.id === 'both')!;
  // Only crm-contacts is known: a union of it alone would hide crm-orders' financial data.
  expect(both.categories).toBeUndefined();
  expect(both.exporterCountry).toBe('FR');
  expect(expandReport(lean).flows.find((f) => f.id === 'one')!.categories).toEqual(['contact.email', 'identifiers.name']);
});
