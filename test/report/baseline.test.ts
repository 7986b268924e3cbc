import { applyBaseline, fingerprintsOf } from '../../src/report/baseline';
import { exitCodeOf } from '../../src/report/exit-code';
import { createAjv } from '../../src/source/ajv';
import { loadSchema } from '../../src/source/schemas';
import type { Report } from '../../src/types';
import { fixtureReport } from './support/fixtures';
import { applyWaivers, type WaiverSet } from '../../src/report/waivers';
import { checkManifests, manifest } from '../support/helpers';

function report(): Report {
  return { ...fixtureReport(), errors: [], summary: { ...fixtureReport().summary, errors: 0 } };
}

describe('applyBaseline', () => {
  it('marks findings in the baseline unchanged and the others new, keeping all of them', () => {
    const r = report();
    const known = new Set(r.findings.filter((f) => f.severity === 'error').map((f) => f.fingerprint));
    const out = applyBaseline(r, { file: 'baseline.json', sha256: 'd'.repeat(64), fingerprints: known });
    expect(out.findings).toHaveLength(r.findings.length);
    expect(out.findings.map((f) => [f.severity, f.baselineState])).toEqual(r.findings.map((f) => [f.severity, f.severity === 'error' ? 'unchanged' : 'new']));
    expect(out.summary.baselined).toBe(known.size);
    expect(out.policy.baseline).toEqual({ file: 'baseline.json', sha256: 'd'.repeat(64) });
    const validate = createAjv().compile(loadSchema('report'));
    expect(validate(JSON.parse(JSON.stringify(out))) ? [] : validate.errors).toEqual([]);
  });

  it('fails the run only for findings not in the baseline', () => {
    const r = report();
    const all = fingerprintsOf(r);
    expect(exitCodeOf(applyBaseline(r, { file: 'b', sha256: 'd'.repeat(64), fingerprints: all }))).toBe(0);
    const withoutOneError = new Set([...all].filter((fp) => fp !== r.findings.find((f) => f.severity === 'error')!.fingerprint));
    expect(exitCodeOf(applyBaseline(r, { file: 'b', sha256: 'd'.repeat(64), fingerprints: withoutOneError }))).toBe(1);
    // A new warning fails only with --fail-on warning.
    const withoutWarning = new Set([...all].filter((fp) => fp !== r.findings.find((f) => f.severity === 'warning')!.fingerprint));
    const applied = applyBaseline(r, { file: 'b', sha256: 'd'.repeat(64), fingerprints: withoutWarning });
    expect([exitCodeOf(applied, 'error'), exitCodeOf(applied, 'warning')]).toEqual([0, 1]);
  });

  it('an empty baseline marks everything new and changes nothing about the exit code', () => {
    const r = report();
    const out = applyBaseline(r, { file: 'b', sha256: 'd'.repeat(64), fingerprints: new Set() });
    expect(out.findings.every((f) => f.baselineState === 'new')).toBe(true);
    expect(exitCodeOf(out)).toBe(exitCodeOf(r));
  });
});

// A baseline accepts a finding about given facts, not a flow id forever: the
// fingerprint changes with the countries, data, mechanisms and rule a finding is about, and not
// with names, positions or order.
describe('fingerprints of findings from the engine', () => {
  type Estate = { parties: Array<Record<string, unknown>>; datasets: Array<Record<string, unknown>>; flows: Array<Record<string, unknown>> };
  const estate = (): Estate => ({
    parties: [
      { id: 'de', name: 'ACME GmbH', country: 'DE' },
      { id: 'us', name: 'Cloud Inc.', country: 'US', role: 'processor' },
      { id: 'jp', name: 'ACME KK', country: 'JP' },
    ],
    datasets: [{ id: 'customers', name: 'Customers', categories: ['contact', 'identifiers'], subjects: ['customers'], collectedIn: ['DE'] }],
    flows: [
      { id: 'hosting', from: 'de', to: 'us', datasets: ['customers'], purposes: ['hosting', 'backup'], mechanisms: [{ type: 'scc', module: 2 }, { type: 'supplementary-measures', measures: ['encryption', 'pseudonymisation'] }] },
      { id: 'to-japan', from: 'de', to: 'jp', datasets: ['customers'] },
      { id: 'onward', from: 'jp', to: 'us', datasets: ['customers'] },
    ],
  });
  const run = (e: Estate, files: (e: Estate) => Record<string, unknown> = (x) => ({ 'm.yaml': manifest(x) })) => checkManifests(files(e));
  const print = (r: Report, ruleId: string, flowId: string): string => {
    const found = r.findings.filter((f) => f.ruleId === ruleId && f.flowId === flowId);
    expect(found).toHaveLength(1);
    return found[0].fingerprint;
  };
  const TIA = ['eu-gdpr/missing-tia', 'hosting'] as const;
  const ONWARD = ['jp-appi/foreign-provision-without-basis', 'onward'] as const;

  let before: Report;
  beforeAll(async () => {
    before = await run(estate());
    expect(before.errors).toEqual([]);
  });

  const baselined = (after: Report, [ruleId, flowId]: readonly [string, string]) => {
    const applied = applyBaseline(after, { file: 'b.json', sha256: 'd'.repeat(64), fingerprints: fingerprintsOf(before) });
    return applied.findings.find((f) => f.ruleId === ruleId && f.flowId === flowId)!.baselineState;
  };

  it.each<[string, (e: Estate) => void, readonly [string, string]]>([
    ['the importer moves from the US to China', (e) => { e.parties[1].country = 'CN'; }, TIA],
    ['the exporter moves within the EEA', (e) => { e.parties[0].country = 'FR'; }, TIA],
    ['the flow also carries health data', (e) => { e.datasets[0].categories = ['contact', 'identifiers', 'health']; }, TIA],
    ['the data become genetic and criminal records', (e) => { e.datasets[0].categories = ['genetic', 'criminal-records']; }, TIA],
    ['the data subjects become children', (e) => { e.datasets[0].subjects = ['children']; }, TIA],
    // (Another module or the repealed clauses would make the SCCs fail, and a failing tool asks for no TIA.)
    ['the SCC no longer declares its module', (e) => { delete (e.flows[0].mechanisms as Array<Record<string, unknown>>)[0].module; }, TIA],
    ['the SCC gains a signature date', (e) => { (e.flows[0].mechanisms as Array<Record<string, unknown>>)[0].signedOn = '2022-01-10'; }, TIA],
    ['a mechanism is dropped', (e) => { e.flows[0].mechanisms = [{ type: 'scc', module: 2 }]; }, TIA],
    ['the importer gains a certification', (e) => { e.parties[1].certifications = ['apec-cbpr']; }, TIA],
    ['the data were collected elsewhere', (e) => { e.datasets[0].collectedIn = ['DE', 'CN']; }, TIA],
    ['a flow earlier on the chain changes country', (e) => { e.parties[0].country = 'AT'; }, ONWARD],
    ['a flow earlier on the chain gains a mechanism', (e) => { e.flows[1].mechanisms = [{ type: 'scc', module: 1 }]; }, ONWARD],
  ])('a finding is new when %s', async (_name, change, finding) => {
    const e = estate();
    change(e);
    const after = await run(e);
    expect(after.errors).toEqual([]);
    expect(print(after, ...finding)).not.toBe(print(before, ...finding));
    expect(baselined(after, finding)).toBe('new');
  });

  const inOneFile = (e: Estate): Record<string, unknown> => ({ 'm.yaml': manifest(e) });
  it.each<[string, (e: Estate) => void, (e: Estate) => Record<string, unknown>]>([
    ['names change', (e) => { e.parties[1].name = 'Cloud Corp.'; e.datasets[0].name = 'Clients'; }, inOneFile],
    ['extension fields are added', (e) => { e.flows[0]['x-ticket'] = 'PRIV-42'; e.parties[1]['x-owner'] = 'infra'; (e.flows[0].mechanisms as Array<Record<string, unknown>>)[0]['x-note'] = 'signed'; }, inOneFile],
    ['lists are reordered', (e) => {
      e.datasets[0].categories = ['identifiers', 'contact'];
      e.flows[0].purposes = ['backup', 'hosting'];
      e.flows[0].mechanisms = [{ type: 'supplementary-measures', measures: ['pseudonymisation', 'encryption'] }, { type: 'scc', module: 2 }];
    }, inOneFile],
    ['flows and parties are reordered', (e) => { e.flows.reverse(); e.parties.reverse(); }, inOneFile],
    ['an unrelated flow is added', (e) => {
      e.parties.push({ id: 'cn', country: 'CN' });
      e.flows.push({ id: 'unrelated', from: 'de', to: 'cn', datasets: ['customers'], mechanisms: [{ type: 'derogation', ground: 'explicit-consent' }] });
    }, inOneFile],
    ['the importer\'s id is renamed', (e) => { e.parties[1].id = 'cloud-us'; e.flows[0].to = 'cloud-us'; e.flows[2].to = 'cloud-us'; }, inOneFile],
    ['the role default is spelt out', (e) => { e.parties[0].role = 'controller'; }, inOneFile],
    ['the flows move to another file and position', (e) => { e.parties[0]['x-note'] = 'moved'; }, (e) => ({
      'shared.yaml': manifest({ id: 'shared', parties: e.parties, datasets: e.datasets }),
      'z/flows.yaml': manifest({ id: 'flows', flows: [...e.flows].reverse() }),
    })],
  ])('a finding stays in the baseline when only %s', async (_name, change, files) => {
    const e = estate();
    change(e);
    const after = await run(e, files);
    expect(after.errors).toEqual([]);
    const findings: ReadonlyArray<readonly [string, string]> = [TIA, ONWARD];
    for (const finding of findings) {
      expect(print(after, ...finding)).toBe(print(before, ...finding));
      expect(baselined(after, finding)).toBe('unchanged');
    }
  });

  it('a waiver by fingerprint stops matching when the facts change', async () => {
    const fp = print(before, ...TIA);
    const set: WaiverSet = { file: 'w.yaml', sha256: 'e'.repeat(64), waivers: [{ ruleId: TIA[0], fingerprint: fp, reason: 'accepted', approver: 'dpo@acme.example', expires: '2099-01-01', location: { file: 'w.yaml', line: 1, column: 1, pointer: '/waivers/0' } }] };
    const e = estate();
    e.parties[1].country = 'CN';
    const moved = applyWaivers(await run(e), set);
    expect(moved.findings.find((f) => f.ruleId === TIA[0])!.waiver).toBeUndefined();
    const same = applyWaivers(await run(estate()), set);
    expect(same.findings.find((f) => f.ruleId === TIA[0])!.waiver?.status).toBe('active');
  });
});
