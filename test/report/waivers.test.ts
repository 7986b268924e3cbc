import { applyWaivers, isExpired, type Waiver, type WaiverSet } from '../../src/report/waivers';
import { exitCodeOf } from '../../src/report/exit-code';
import { createAjv } from '../../src/source/ajv';
import { loadSchema } from '../../src/source/schemas';
import type { Report } from '../../src/types';
import { fixtureReport, waiver } from './support/fixtures';

const SUPPORT = { ruleId: 'eu-gdpr/transfer-without-basis', flowId: 'support' };

function only(...waivers: Waiver[]): WaiverSet {
  return { file: 'waivers.yaml', sha256: 'c'.repeat(64), waivers };
}

/** The fixture without its input error, so that the exit code shows what findings do. */
function report(asOf = '2026-11-28'): Report {
  return { ...fixtureReport(), asOf, errors: [], summary: { ...fixtureReport().summary, errors: 0 } };
}

function finding(r: Report, flowId: string, ruleId: string) {
  return r.findings.find((f) => f.flowId === flowId && f.ruleId === ruleId)!;
}

describe('applyWaivers', () => {
  it('marks a matching finding waived, keeps it in the report, and leaves the others alone', () => {
    const before = report();
    const after = applyWaivers(before, only(waiver({ ...SUPPORT, expires: '2027-01-31', reason: 'SCCs in signature', approver: 'dpo@acme.example' })));
    expect(after.findings).toHaveLength(before.findings.length);
    expect(finding(after, 'support', SUPPORT.ruleId).waiver).toEqual({
      status: 'active',
      reason: 'SCCs in signature',
      approver: 'dpo@acme.example',
      expires: '2027-01-31',
      location: { file: 'waivers.yaml', line: 3, column: 5, pointer: '/waivers/0' },
    });
    expect(after.findings.filter((f) => f.waiver)).toHaveLength(1);
    expect(after.summary.waived).toBe(1);
    expect(after.policy.waivers).toEqual({ file: 'waivers.yaml', sha256: 'c'.repeat(64) });
    expect(after.warnings).toBeUndefined();
    // Verdicts are evidence of the law, not of the waiver: a waived violation is still one.
    expect(after.flows.find((f) => f.id === 'support')!.verdict).toBe('violation');
    expect(before.findings.some((f) => f.waiver)).toBe(false); // the input is not changed
  });

  describe('expiry, decided by the report\'s asOf', () => {
    const set = only(waiver({ ...SUPPORT, expires: '2027-01-31' }));

    it('on the day before the expiry date the waiver applies: the run passes the waived error', () => {
      const r = applyWaivers(report('2027-01-30'), set);
      expect(finding(r, 'support', SUPPORT.ruleId).waiver!.status).toBe('active');
      expect(r.warnings).toBeUndefined();
      // The other errors of the fixture still fail the run; with them gone, this one alone would not.
      const alone = { ...r, findings: r.findings.filter((f) => f.flowId === 'support') };
      expect(exitCodeOf(alone)).toBe(0);
    });

    it('on the expiry date the waiver has expired: the finding fails the run again and a warning says so', () => {
      const r = applyWaivers(report('2027-01-31'), set);
      const f = finding(r, 'support', SUPPORT.ruleId);
      expect(f.waiver!.status).toBe('expired');
      expect(r.summary.waived).toBe(0);
      expect(exitCodeOf({ ...r, findings: [f] })).toBe(1);
      expect(r.warnings).toEqual([
        {
          code: 'waiver/expired',
          message: 'waiver for eu-gdpr/transfer-without-basis on flow support expired on 2027-01-31 (as of 2027-01-31): 1 finding counts again',
          hint: 'fix the flow, or renew the waiver with a new expiry date and approval',
          location: { file: 'waivers.yaml', line: 3, column: 5, pointer: '/waivers/0' },
        },
      ]);
      expect(r.summary.warnings).toBe(1);
    });

    it('isExpired compares whole dates: expired from the expiry date on', () => {
      expect([isExpired({ expires: '2027-01-31' }, '2027-01-30'), isExpired({ expires: '2027-01-31' }, '2027-01-31'), isExpired({ expires: '2027-01-31' }, '2028-01-01')]).toEqual([false, true, true]);
    });
  });

  it('warns about a waiver that matches no finding, at its location in the waiver file', () => {
    const r = applyWaivers(report(), only(waiver({ ruleId: 'eu-gdpr/transfer-without-basis', flowId: 'no-such-flow', location: { file: 'w.yaml', line: 8, column: 5, pointer: '/waivers/1' } })));
    expect(r.warnings).toEqual([expect.objectContaining({ code: 'waiver/unmatched', message: 'waiver for eu-gdpr/transfer-without-basis on flow no-such-flow matches no finding', location: { file: 'w.yaml', line: 8, column: 5, pointer: '/waivers/1' } })]);
    expect(r.summary.waived).toBe(0);
  });

  it('needs the rule to match too: a waiver for another rule on the same flow waives nothing', () => {
    const r = applyWaivers(report(), only(waiver({ ruleId: 'eu-gdpr/missing-tia', flowId: 'support' })));
    expect(finding(r, 'support', SUPPORT.ruleId).waiver).toBeUndefined();
    expect(r.warnings![0].code).toBe('waiver/unmatched');
  });

  it('matches by fingerprint one finding only, and by flow and fingerprint only when both match', () => {
    const base = report();
    const tia = base.findings.filter((f) => f.ruleId === 'eu-gdpr/missing-tia');
    expect(tia).toHaveLength(2);
    const byPrint = applyWaivers(base, only(waiver({ ruleId: 'eu-gdpr/missing-tia', fingerprint: tia[0].fingerprint })));
    expect(byPrint.findings.filter((f) => f.waiver?.status === 'active').map((f) => f.fingerprint)).toEqual([tia[0].fingerprint]);
    const mismatch = applyWaivers(base, only(waiver({ ruleId: 'eu-gdpr/missing-tia', flowId: tia[1].flowId, fingerprint: tia[0].fingerprint })));
    expect(mismatch.summary.waived).toBe(0);
  });

  it('prefers an active waiver over an expired one for the same finding, and still warns about the expired one', () => {
    const r = applyWaivers(report(), only(waiver({ ...SUPPORT, expires: '2026-01-01', reason: 'old' }), waiver({ ...SUPPORT, expires: '2027-06-30', reason: 'renewed', location: { file: 'waivers.yaml', line: 9, column: 5, pointer: '/waivers/1' } })));
    expect(finding(r, 'support', SUPPORT.ruleId).waiver).toMatchObject({ status: 'active', reason: 'renewed' });
    expect(r.warnings!.map((w) => w.code)).toEqual(['waiver/expired']);
    expect(r.warnings![0].message).not.toContain('counts again');
  });

  it('gives a report that is valid against schemas/report.schema.json', () => {
    const r = applyWaivers(report('2027-01-31'), only(waiver({ ...SUPPORT }), waiver({ ruleId: 'eu-gdpr/missing-tia', flowId: 'nowhere' })));
    const validate = createAjv().compile(loadSchema('report'));
    expect(validate(JSON.parse(JSON.stringify(r))) ? [] : validate.errors).toEqual([]);
  });

  it('replaces the waiver marks and warnings of an earlier application instead of piling them up', () => {
    const set = only(waiver({ ...SUPPORT, expires: '2027-01-31' }), waiver({ ruleId: 'eu-gdpr/missing-tia', flowId: 'nowhere' }));
    const once = applyWaivers(report(), set);
    expect(applyWaivers(once, set)).toEqual(once);
  });
});
