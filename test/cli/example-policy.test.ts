import * as path from 'node:path';
import { runCli } from '../support/cli';

const policies = path.join(__dirname, '..', '..', 'examples', 'policies');
const policy = path.join(policies, 'acme-policy.yaml');

describe('examples/policies: an organisation policy and its tests', () => {
  it('passes its own dfft test suite', async () => {
    const { code, stdout } = await runCli(['test', policies]);
    expect(stdout).toContain('✔ 8 passed, 0 failed (1 file)');
    expect(code).toBe(0);
  });

  it('adds at least five rules of its own, and applies its overrides', async () => {
    const { stdout } = await runCli(['rules', '--policy', policy, '-f', 'json']);
    const packs = JSON.parse(stdout).packs as Array<{ id: string; kind: string; rules: Array<{ id: string; severity: string; override?: { reason: string } }> }>;
    const acme = packs.find((p) => p.id === 'acme')!;
    expect(acme.kind).toBe('policy');
    expect(acme.rules.length).toBeGreaterThanOrEqual(5);
    const all = packs.flatMap((p) => p.rules);
    expect(all.find((r) => r.id === 'eu-gdpr/scc-module-unspecified')).toMatchObject({ severity: 'error', override: { reason: expect.stringContaining('always name the module') } });
    expect(all.find((r) => r.id === 'jp-appi/global-cbpr-unconfirmed')).toBeUndefined();
  });

  it('names the policy file and its overrides in the report, so that the report is reproducible evidence', async () => {
    const { stdout } = await runCli(['check', '--as-of', '2026-11-28', '--policy', policy, '-f', 'json', path.join(__dirname, '..', '..', 'examples', 'manifests', 'clean-eu-shop.yaml')]);
    const report = JSON.parse(stdout);
    expect(report.policy.files).toEqual([{ file: policy, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) }]);
    expect(report.policy.overrides).toEqual([
      { rule: 'eu-gdpr/scc-module-unspecified', severity: 'error', reason: expect.any(String), builtin: true, ruleSeverity: 'warning', location: expect.objectContaining({ file: policy, line: 74 }) },
      { rule: 'jp-appi/global-cbpr-unconfirmed', enabled: false, reason: expect.any(String), builtin: true, ruleSeverity: 'warning', location: expect.objectContaining({ file: policy, line: 77 }) },
    ]);
    // Disabling a built-in rule is a warning of the report, with its reason, whatever the format.
    expect(report.warnings).toEqual(expect.arrayContaining([
      expect.objectContaining({ code: 'policy/law-disabled', message: expect.stringMatching(/^the policy disables built-in rule jp-appi\/global-cbpr-unconfirmed \(".+"\); it would have fired on no flow of this run$/) }),
    ]));
  });
});
