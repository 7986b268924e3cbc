import * as path from 'node:path';
import { runCli } from '../support/cli';
import { checkManifests, manifest, verdictOf } from '../support/helpers';

// A range that ends before it starts (a flow's period, a party's certification, a mechanism's
// validity, a waiver) is bad input: exit 2 and a located error at the end of the range, never a
// flow judged on dates that cannot both hold.
const dir = path.join(__dirname, '..', 'fixtures', 'hostile');
const at = (f: string) => path.join(dir, f);
const hint = (end: string, start: string) => `(${end} is the last day and ${start} the first: swap them, or correct the one that is wrong)`;

describe('reversed date ranges', () => {
  it.each([
    ['reversed-flow-period.yaml', `reversed-flow-period.yaml:15:13 flows[0].endsOn: expected a date on or after startsOn (2026-06-01), got 2026-05-31 ${hint('endsOn', 'startsOn')}`],
    ['reversed-certification.yaml', `reversed-certification.yaml:9:55 parties[1].certifications[0].until: expected a date on or after from (2024-03-01), got 2023-03-01 ${hint('until', 'from')}`,
      'reversed-certification.yaml:13:11 flow "to-us" is not judged: party "us" has an input error in its certifications (fix the input error it depends on: dfft never judges a flow from conflicting or missing input)'],
    ['reversed-mechanism.json', `reversed-mechanism.json:17:87 flows[0].mechanisms[1].validUntil: expected a date on or after approvedOn (2025-03-01), got 2022-02-28 ${hint('validUntil', 'approvedOn')}`],
    ['reversed-gdpr-certification.yaml', `reversed-gdpr-certification.yaml:15:109 flows[0].mechanisms[0].validUntil: expected a date on or after certifiedOn (2026-01-10), got 2026-01-09 ${hint('validUntil', 'certifiedOn')}`],
  ])('%s gives exit 2 and its located error', async (file, ...expected: string[]) => {
    const { code, stdout } = await runCli(['validate', at(file)]);
    expect(code).toBe(2);
    const errors = stdout.split('\n').filter((l) => l.startsWith(dir)).map((l) => l.slice(dir.length + 1).replace(/ {2}\[[a-z/-]+\]$/, ''));
    expect(errors).toEqual(expected);
  });

  it('a dated certification with keys JavaScript calls (valueOf, toString) is a schema error, not a crash', async () => {
    const { code, stdout } = await runCli(['validate', at('certification-valueof.yaml')]);
    expect(code).toBe(2);
    const errors = stdout.split('\n').filter((l) => l.startsWith(dir)).map((l) => l.slice(dir.length + 1).replace(/ {2}\[[a-z/-]+\]$/, ''));
    const unknown = (line: number, column: number, item: number, key: string) =>
      `certification-valueof.yaml:${line}:${column} parties[0].certifications[${item}]: unknown field "${key}" (expected one of: scheme, from, until; extension fields start with "x-")`;
    expect(errors).toEqual([unknown(9, 30, 0, 'valueOf'), unknown(10, 30, 1, 'valueOf'), unknown(11, 30, 2, 'toString')]);
  });

  it('a waiver that expires before it was approved is refused, exit 2', async () => {
    const { code, stderr } = await runCli(['check', path.join(__dirname, '..', '..', 'examples', 'manifests', 'clean-eu-shop.yaml'), '--waivers', at('reversed-waiver.yaml')]);
    expect(code).toBe(2);
    expect(stderr).toContain('reversed-waiver.yaml:9:14 waivers[0].expires: expected a date after approvedOn (2026-12-01), got 2026-11-30 (expires is the first day the waiver no longer applies; approvedOn the day it was approved)');
  });

  it('judges no flow on a reversed range, and still judges the other flows of the run', async () => {
    const parties = [
      { id: 'de', country: 'DE' },
      { id: 'us', country: 'US', certifications: [{ scheme: 'eu-us-dpf', from: '2024-01-01', until: '2023-01-01' }] },
      { id: 'in', country: 'IN', role: 'processor' },
    ];
    const datasets = [{ id: 'customers', categories: ['contact'], collectedIn: ['DE'] }];
    const report = await checkManifests({
      'a.yaml': manifest({
        parties, datasets, flows: [
          { id: 'to-reversed-party', from: 'de', to: 'us', datasets: ['customers'] },
          { id: 'reversed-flow', from: 'de', to: 'in', datasets: ['customers'], startsOn: '2026-12-01', endsOn: '2026-01-01' },
          { id: 'reversed-mechanism', from: 'de', to: 'in', datasets: ['customers'], mechanisms: [{ type: 'certification', scheme: 'x', certifiedBy: 'y', certifiedOn: '2026-05-01', validUntil: '2025-05-01' }] },
          { id: 'fine', from: 'de', to: 'in', datasets: ['customers'] },
        ],
      }),
    });
    expect(report.errors.map((e) => `${e.code} ${e.location?.pointer}`).sort()).toEqual([
      'manifest/not-judged /flows/0/id',
      'manifest/reversed-range /flows/1/endsOn',
      'manifest/reversed-range /flows/2/mechanisms/0/validUntil',
      'manifest/reversed-range /parties/1/certifications/0/until',
    ]);
    expect(report.flows.map((f) => f.id)).toEqual(['fine']);
    expect(verdictOf(report, 'fine')).toBe('violation');
  });

  it('accepts a range of one day', async () => {
    const report = await checkManifests({
      'a.yaml': manifest({
        parties: [{ id: 'de', country: 'DE' }, { id: 'us', country: 'US', certifications: [{ scheme: 'eu-us-dpf', from: '2026-11-28', until: '2026-11-28' }] }],
        datasets: [{ id: 'customers', categories: ['contact'], collectedIn: ['DE'] }],
        flows: [{ id: 'one-day', from: 'de', to: 'us', datasets: ['customers'], startsOn: '2026-11-28', endsOn: '2026-11-28' }],
      }),
    });
    expect(report.errors).toEqual([]);
    expect(verdictOf(report, 'one-day')).toBe('allowed');
  });
});
