import { parseBaselineFile, parseWaiverFile } from '../../src/report/load-suppressions';
import { fixtureReport } from './support/fixtures';
import { formatDiagnostic } from '../../src/source/diagnostic';

const GOOD = `# accepted risks
waiversVersion: 1
waivers:
  - ruleId: eu-gdpr/transfer-without-basis
    flowId: support
    reason: SCCs in signature (PRIV-12)
    approver: dpo@acme.example
    expires: 2027-01-31
  - ruleId: eu-gdpr/missing-tia
    fingerprint: 47dba387491a4063c124e3775edeac1c
    reason: TIA filed on paper
    approver: Jane Roe
    expires: 2026-12-31
    x-ticket: PRIV-13
`;

function errorsOf(text: string, file = 'waivers.yaml'): string[] {
  const parsed = parseWaiverFile(file, text);
  if (parsed.ok) return [];
  return parsed.diagnostics.map((e) => `${e.code} ${formatDiagnostic(e)}`);
}

describe('parseWaiverFile', () => {
  it('reads each waiver with its location in the file', () => {
    const parsed = parseWaiverFile('waivers.yaml', GOOD);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.value.file).toBe('waivers.yaml');
    expect(parsed.value.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(parsed.value.waivers).toEqual([
      { ruleId: 'eu-gdpr/transfer-without-basis', flowId: 'support', reason: 'SCCs in signature (PRIV-12)', approver: 'dpo@acme.example', expires: '2027-01-31', location: expect.objectContaining({ file: 'waivers.yaml', line: 4, column: 5, pointer: '/waivers/0' }) },
      { ruleId: 'eu-gdpr/missing-tia', fingerprint: '47dba387491a4063c124e3775edeac1c', reason: 'TIA filed on paper', approver: 'Jane Roe', expires: '2026-12-31', location: expect.objectContaining({ line: 9, column: 5, pointer: '/waivers/1' }) },
    ]);
  });

  it('reads JSON waiver files too', () => {
    const json = JSON.stringify({ waiversVersion: 1, waivers: [{ ruleId: 'eu-gdpr/missing-tia', flowId: 'a', reason: 'r', approver: 'a', expires: '2027-01-01' }] }, null, 2);
    const parsed = parseWaiverFile('waivers.json', json);
    expect(parsed.ok && parsed.value.waivers[0].location).toMatchObject({ line: 4, column: 5 });
  });

  it('reports every schema error with file:line:column: a misspelt field, a missing approver, a bad date', () => {
    const text = `waiversVersion: 1
waivers:
  - ruleId: eu-gdpr/transfer-without-basis
    flowId: support
    reason: ok
    aprover: me
    expires: 2027-02-30
`;
    expect(errorsOf(text)).toEqual([
      'waivers/schema waivers.yaml:3:5 waivers[0]: missing required field "approver"',
      'waivers/schema waivers.yaml:6:5 waivers[0]: unknown field "aprover" (did you mean "approver"?)',
      'waivers/schema waivers.yaml:7:14 waivers[0].expires: "2027-02-30" is not a valid date (YYYY-MM-DD)',
    ]);
  });

  it('rejects a waiver with neither flowId nor fingerprint, which would hide every finding of a rule', () => {
    const text = 'waiversVersion: 1\nwaivers:\n  - { ruleId: eu-gdpr/missing-tia, reason: r, approver: a, expires: 2027-01-01 }\n';
    expect(errorsOf(text)).toEqual(['waivers/schema waivers.yaml:3:5 waivers[0]: a waiver needs flowId, fingerprint or both (a waiver for a whole rule would hide new findings; name the flow or the finding)']);
  });

  it('rejects a rule id that is not pack/name and a YAML syntax error, located', () => {
    expect(errorsOf('waiversVersion: 1\nwaivers:\n  - { ruleId: TransferWithoutBasis, flowId: a, reason: r, approver: a, expires: 2027-01-01 }\n')).toEqual([
      'waivers/schema waivers.yaml:3:15 waivers[0].ruleId: "TransferWithoutBasis" is not a valid rule id: <pack>/<kebab-case-name>',
    ]);
    expect(errorsOf('waiversVersion: 1\nwaivers: [\n')[0]).toMatch(/^source\/syntax waivers.yaml:\d+:\d+ invalid YAML/);
  });
});

describe('parseBaselineFile', () => {
  it('reads the fingerprints of a JSON report', () => {
    const report = fixtureReport();
    const parsed = parseBaselineFile('baseline.json', JSON.stringify(report, null, 2));
    expect(parsed.ok && [...parsed.value.fingerprints].sort()).toEqual(report.findings.map((f) => f.fingerprint).sort());
  });

  it('leaves out the findings of rules the policy had disabled: they were shown, not accepted', () => {
    const report = fixtureReport();
    const support = report.findings.find((f) => f.flowId === 'support')!;
    support.policyOverride = { change: 'disabled', ruleSeverity: 'error', reason: 'off for now' };
    const parsed = parseBaselineFile('baseline.json', JSON.stringify(report, null, 2));
    expect(parsed.ok && parsed.value.fingerprints.has(support.fingerprint)).toBe(false);
    expect(parsed.ok && parsed.value.fingerprints.size).toBe(report.findings.length - 1);
  });

  it('rejects a file that is not a report, and a finding without a fingerprint, located', () => {
    const notReport = parseBaselineFile('b.json', '[1, 2]');
    expect(!notReport.ok && notReport.diagnostics.map((e) => formatDiagnostic(e))).toEqual([
      'b.json:1:1 --baseline: expected a dfft JSON report (an object) (a baseline is the JSON report of an earlier run: dfft check <paths> -f json=baseline.json)',
    ]);
    const noPrint = parseBaselineFile('b.json', '{\n  "findings": [\n    { "ruleId": "x/y" }\n  ]\n}\n');
    expect(!noPrint.ok && noPrint.diagnostics.map((e) => `${e.code} ${e.location!.line}:${e.location!.column} ${e.message}`)).toEqual([
      'argument/invalid 3:5 --baseline: findings[0].fingerprint: expected 16 to 64 hex digits',
    ]);
    const broken = parseBaselineFile('b.json', '{ "findings": [ }');
    expect(!broken.ok && broken.diagnostics[0].code).toBe('source/syntax');
  });
});
