import { createChecker } from '../../src/library/checker';
import { diagnostic, DiagnosticError } from '../../src/source/diagnostic';
import type { Report } from '../../src/types';
import { assertJudged, assertPolicyRejection, assertReport, findingSet, InvariantError, knownFiles, NO_REGIME } from './support/invariants';

// The properties are only as good as their invariants: each must reject a wrong report.

const text = `manifestVersion: 1
system: { id: crm }
parties:
  - { id: acme-de, country: DE }
  - { id: snowy-us, country: US, role: processor }
  - { id: acme-jp, country: JP, activities: [] }
  - { id: shop-th, country: TH }
  - { id: pay-br, country: BR }
datasets:
  - { id: customers, categories: [contact], collectedIn: [DE] }
  - { id: buyers, categories: [contact], collectedIn: [TH] }
flows:
  - { id: to-us, from: acme-de, to: snowy-us, datasets: [customers] }
  - { id: to-jp, from: acme-de, to: acme-jp, datasets: [customers] }
  - { id: th-to-br, from: shop-th, to: pay-br, datasets: [buyers] }
`;
const files = [{ file: 'crm.yaml', text }];

describe('the invariants of the property tests', () => {
  let good: Report;
  beforeAll(async () => {
    good = (await createChecker({ asOf: '2026-11-28' })).check(files);
  }, 60_000);
  const doctor = (change: (r: Report) => void): Report => {
    const r = JSON.parse(JSON.stringify(good)) as Report;
    change(r);
    return r;
  };

  it('accept a correct report', () => {
    expect(good.findings.length).toBeGreaterThan(0);
    expect(good.findings.some((f) => f.ruleId === NO_REGIME)).toBe(true);
    expect(() => assertReport(good, files)).not.toThrow();
    expect(() => assertJudged(good, files)).not.toThrow();
  });

  it.each<[string, (r: Report) => void]>([
    ['a verdict that contradicts the findings', (r) => void (r.flows.find((f) => f.id === 'to-us')!.verdict = 'allowed')],
    ['an input error without a location', (r) => {
      r.errors.push({ code: 'manifest/schema', message: 'bad' });
      r.summary.errors++;
    }],
    ['an input error past the end of its file', (r) => {
      r.errors.push({ code: 'manifest/schema', message: 'bad', location: { file: 'crm.yaml', line: 99, column: 1, pointer: '' } });
      r.summary.errors++;
    }],
    ['a finding in a file that was not given', (r) => void (r.findings[0].location.file = 'elsewhere.yaml')],
    ['a stack trace in a message', (r) => void (r.findings[0].message = 'TypeError: x is undefined\n    at evaluate (src/evaluate/evaluate.ts:10:5)')],
    ['a summary that does not add up', (r) => void r.summary.findings.error++],
    ['a finding on a flow that is not reported', (r) => void (r.findings[0].flowId = 'nowhere')],
  ])('reject %s', (_name, change) => {
    expect(() => assertReport(doctor(change), files)).toThrow(InvariantError);
  });

  it('accept a located input error, for which exitCodeOf says 2', () => {
    const withError = doctor((r) => {
      r.errors.push({ code: 'manifest/schema', message: 'bad', location: { file: 'crm.yaml', line: 2, column: 1, pointer: '/system' } });
      r.summary.errors++;
    });
    expect(() => assertReport(withError, files)).not.toThrow();
  });

  it('reject a declared flow missing from a report without errors, and an active flow not judged', () => {
    expect(() => assertJudged(doctor((r) => void r.flows.pop()), files)).toThrow(/missing from the report/);
    const unjudged = doctor((r) => {
      r.findings = r.findings.filter((f) => !(f.flowId === 'th-to-br' && f.ruleId === NO_REGIME));
    });
    expect(() => assertJudged(unjudged, files)).toThrow(/was not judged/);
  });

  it('accept only DiagnosticError of located Diagnostic as a policy rejection', () => {
    const known = knownFiles((file) => (file === 'p.yaml' ? 'a: 1\n' : undefined));
    expect(() => assertPolicyRejection(new DiagnosticError([diagnostic('policy/schema', 'bad', { file: 'p.yaml', line: 1, column: 1, pointer: '' })]), known)).not.toThrow();
    expect(() => assertPolicyRejection(new TypeError("Cannot read properties of undefined (reading 'x')"), known)).toThrow(/other than DiagnosticError/);
    expect(() => assertPolicyRejection(new DiagnosticError([diagnostic('policy/schema', 'bad')]), known)).toThrow(/no location/);
  });

  it('tell findings apart by path and fingerprint only when asked to', () => {
    const moved = doctor((r) => {
      r.findings[0].path = ['other', ...r.findings[0].path];
      r.findings[0].fingerprint = '0'.repeat(32);
    });
    expect(findingSet(moved.findings, false)).toEqual(findingSet(good.findings, false));
    expect(findingSet(moved.findings)).not.toEqual(findingSet(good.findings));
  });
});
