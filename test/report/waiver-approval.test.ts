import { parseWaiverFile } from '../../src/report/load-suppressions';
import { applyWaivers, type Waiver, type WaiverSet } from '../../src/report/waivers';
import type { Report } from '../../src/types';
import { fixtureReport, waiver } from './support/fixtures';
import { formatDiagnostic } from '../../src/source/diagnostic';

// A waiver approved after the report's asOf is not in force on it: like a mechanism, nothing dated
// after asOf counts. And a waiver that expires on or before the day it was approved is bad input.
const SUPPORT = { ruleId: 'eu-gdpr/transfer-without-basis', flowId: 'support' };

function only(...waivers: Waiver[]): WaiverSet {
  return { file: 'waivers.yaml', sha256: 'c'.repeat(64), waivers };
}

function report(asOf: string): Report {
  return { ...fixtureReport(), asOf, errors: [], summary: { ...fixtureReport().summary, errors: 0 } };
}

const status = (r: Report) => r.findings.find((f) => f.flowId === SUPPORT.flowId && f.ruleId === SUPPORT.ruleId)!.waiver?.status;

describe('waivers with an approval date', () => {
  const set = only(waiver({ ...SUPPORT, approvedOn: '2026-11-28', expires: '2027-01-31' }));

  it('apply from the day of their approval', () => {
    const r = applyWaivers(report('2026-11-28'), set);
    expect(status(r)).toBe('active');
    expect(r.warnings).toBeUndefined();
  });

  it('do not apply the day before, and say so at the waiver', () => {
    const r = applyWaivers(report('2026-11-27'), set);
    expect(status(r)).toBeUndefined();
    expect(r.summary.waived).toBe(0);
    expect(r.warnings?.map((w) => [w.code, w.message])).toEqual([
      ['waiver/not-yet-approved', 'waiver for eu-gdpr/transfer-without-basis on flow support was approved on 2026-11-28, after 2026-11-27: it does not apply to this report'],
    ]);
  });
});

describe('parsing the approval date', () => {
  const file = (approvedOn: string, expires: string) => `waiversVersion: 1
waivers:
  - ruleId: eu-gdpr/transfer-without-basis
    flowId: support
    reason: SCCs in signature
    approver: dpo@acme.example
    approvedOn: ${approvedOn}
    expires: ${expires}
`;

  it('accepts a waiver that applies for at least one day', () => {
    const parsed = parseWaiverFile('w.yaml', file('2026-11-28', '2026-11-29'));
    expect(parsed.ok && parsed.value.waivers[0].approvedOn).toBe('2026-11-28');
  });

  it.each([['2026-11-28', '2026-11-28'], ['2026-11-28', '2026-11-01']])('refuses approvedOn %s with expires %s, located at expires', (approvedOn, expires) => {
    const parsed = parseWaiverFile('w.yaml', file(approvedOn, expires));
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.diagnostics.map((e) => formatDiagnostic(e))).toEqual([
      `w.yaml:8:14 waivers[0].expires: expected a date after approvedOn (${approvedOn}), got ${expires} (expires is the first day the waiver no longer applies; approvedOn the day it was approved)`,
    ]);
  });
});
