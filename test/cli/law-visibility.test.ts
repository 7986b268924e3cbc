import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCli } from '../support/cli';
import { tmpDir } from '../support/tmp';
import type { Report } from '../../src/types';

// A policy cannot switch the law off out of sight, and a flow no pack of the run judges is never
// "allowed": through the CLI, in every format.

const ESTATE = `manifestVersion: 1
system: { id: shop }
parties:
  - { id: shop-de, country: DE }
  - { id: shop-fr, country: FR }
  - { id: mail-us, country: US, role: processor }
  - { id: ads-in, country: IN, role: processor }
  - { id: bi-us, country: US, role: processor }
  - { id: depot-de, country: DE, role: processor }
datasets:
  - { id: customers, categories: [contact], collectedIn: [DE] }
  - { id: totals, categories: [financial.transactions], identifiability: anonymised }
flows:
  - { id: newsletters, from: shop-de, to: mail-us, datasets: [customers] }
  - { id: ads, from: shop-de, to: ads-in, datasets: [customers] }
  - { id: fr-sync, from: shop-de, to: shop-fr, datasets: [customers] }
  - { id: stats, from: shop-de, to: bi-us, datasets: [totals] }
  - { id: depot, from: shop-de, to: depot-de, datasets: [customers] }
`;

const DISABLES = `policyVersion: 1
name: lax
extends: ["dfft:eu-gdpr"]
overrides:
  - rule: eu-gdpr/transfer-without-basis
    enabled: false
    reason: Legal signed off every vendor (LEGAL-7)
`;

const LOWERS = `policyVersion: 1
name: lax
extends: ["dfft:eu-gdpr"]
overrides:
  - rule: eu-gdpr/transfer-without-basis
    severity: info
    reason: Tracked in the vendor register (LEGAL-8)
`;

const NO_LAW = `policyVersion: 1
name: own
rules:
  - id: own/no-russia
    title: Nothing goes to Russia
    severity: error
    citation: { law: Own policy, article: "1" }
    when: importer.country == "RU"
    message: "Flow {{ flow.id }} goes to Russia."
    remediation: Stop it.
`;

const EXTENDS_EU = `policyVersion: 1
name: group
extends: ["dfft:eu-gdpr", "dfft:jp-appi"]
overrides:
  - rule: jp-appi/foreign-provision-without-basis
    severity: warning
    reason: Japanese entity winding down
`;

const FORMATS = ['text', 'json', 'sarif', 'github', 'gitlab', 'junit', 'markdown', 'html', 'csv'] as const;
const AS_OF = ['--as-of', '2026-11-28'];

describe('a policy that disables or lowers a built-in rule', () => {
  const dir = tmpDir({ 'shop.yaml': ESTATE, 'disables.yaml': DISABLES, 'lowers.yaml': LOWERS });
  const at = (name: string) => path.join(dir, name);

  it('still evaluates the disabled rule: its findings are kept with policyOverride and the rule\'s severity, out of verdicts, counts and exit code', async () => {
    const { code, stdout } = await runCli(['check', ...AS_OF, '--policy', at('disables.yaml'), at('shop.yaml'), '-f', 'json']);
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as Report;
    const disabled = report.findings.filter((f) => f.policyOverride);
    expect(disabled.map((f) => [f.flowId, f.ruleId, f.severity, f.policyOverride])).toEqual([
      ['newsletters', 'eu-gdpr/transfer-without-basis', 'error', { change: 'disabled', ruleSeverity: 'error', reason: 'Legal signed off every vendor (LEGAL-7)', file: at('disables.yaml') }],
      ['ads', 'eu-gdpr/transfer-without-basis', 'error', { change: 'disabled', ruleSeverity: 'error', reason: 'Legal signed off every vendor (LEGAL-7)', file: at('disables.yaml') }],
    ]);
    expect(report.flows.find((f) => f.id === 'ads')?.verdict).toBe('allowed');
    expect(report.summary).toMatchObject({ findings: { error: 0, warning: 0 }, disabled: 2, lowered: 0 });
    expect(report.warnings).toEqual([
      expect.objectContaining({ code: 'policy/law-disabled', message: 'the policy disables built-in rule eu-gdpr/transfer-without-basis ("Legal signed off every vendor (LEGAL-7)"); it would have fired on 2 flows: newsletters, ads' }),
    ]);
  });

  it('never prints ✔ 0 problems: the text summary names the rule, what the policy did and why', async () => {
    const { code, stdout } = await runCli(['check', ...AS_OF, '--policy', at('disables.yaml'), at('shop.yaml')]);
    expect(code).toBe(0);
    const last = stdout.trimEnd().split('\n').pop()!;
    expect(last).not.toContain('✔');
    expect(last).toMatch(/^! 0 problems .*the policy overrides the law: eu-gdpr\/transfer-without-basis disabled \(2 findings on this run; reason: Legal signed off every vendor \(LEGAL-7\)\)/);
    // Next to the flows it would have judged: each finding is printed with the policy's mark.
    expect(stdout).toMatch(/Flow ads .*eu-gdpr\/transfer-without-basis {2}rule disabled by policy\n {4}policy: rule disabled by the policy: Legal signed off every vendor \(LEGAL-7\)/);
  });

  it('names a lowered rule with its old and new severity, and counts the finding at the lowered one', async () => {
    const { code, stdout } = await runCli(['check', ...AS_OF, '--policy', at('lowers.yaml'), at('shop.yaml'), '-f', `json=${at('lowered.json')}`, '-f', 'text']);
    expect(code).toBe(0);
    expect(stdout.trimEnd().split('\n').pop()).toMatch(/^! 0 problems \(0 errors, 0 warnings, 3 info\); 5 flows: 5 allowed.*eu-gdpr\/transfer-without-basis severity error → info \(2 findings on this run; reason: Tracked in the vendor register \(LEGAL-8\)\)/);
    const report = JSON.parse(fs.readFileSync(at('lowered.json'), 'utf8')) as Report;
    expect(report.findings.filter((f) => f.policyOverride).map((f) => [f.severity, f.policyOverride?.change, f.policyOverride?.ruleSeverity])).toEqual([['info', 'lowered', 'error'], ['info', 'lowered', 'error']]);
    expect(report.summary).toMatchObject({ disabled: 0, lowered: 2 });
  });

  it.each(FORMATS)('%s shows the disabled rule with its reason', async (format) => {
    const out = at(`disabled.${format}`);
    await runCli(['check', ...AS_OF, '--policy', at('disables.yaml'), at('shop.yaml'), '-f', `${format}=${out}`]);
    const text = fs.readFileSync(out, 'utf8');
    expect(text).toContain('eu-gdpr/transfer-without-basis');
    expect(text).toContain('Legal signed off every vendor (LEGAL-7)');
    expect(text).toMatch(/disabled/);
  });

  it('puts the disabled rule\'s results in SARIF as suppressed by the policy, with the justification, and the overrides in the run properties', async () => {
    const { stdout } = await runCli(['check', ...AS_OF, '--policy', at('disables.yaml'), at('shop.yaml'), '-f', 'sarif']);
    const run = JSON.parse(stdout).runs[0];
    const results = run.results.filter((r: { ruleId: string }) => r.ruleId === 'eu-gdpr/transfer-without-basis');
    expect(results).toHaveLength(2);
    for (const r of results) {
      expect(r.suppressions).toEqual([expect.objectContaining({ kind: 'external', status: 'accepted', justification: `rule eu-gdpr/transfer-without-basis disabled by the policy ${at('disables.yaml')}: Legal signed off every vendor (LEGAL-7)` })]);
      expect(r.suppressions[0].location.physicalLocation.region.startLine).toBe(5);
    }
    expect(run.properties.policyOverrides).toEqual([expect.objectContaining({ rule: 'eu-gdpr/transfer-without-basis', enabled: false, builtin: true, ruleSeverity: 'error' })]);
  });

  it('dfft rules lists the disabled rule with its reason, and shows it in full', async () => {
    const list = await runCli(['rules', '--policy', at('disables.yaml')]);
    expect(list.stdout).toContain(`  DISABLED eu-gdpr/transfer-without-basis by the policy (${at('disables.yaml')}): Legal signed off every vendor (LEGAL-7)`);
    expect(list.stdout).toMatch(/ rules in 1 pack, 1 disabled by the policy\./);
    const one = await runCli(['rules', '--policy', at('disables.yaml'), 'eu-gdpr/transfer-without-basis']);
    expect(one.stdout).toContain(`Overridden in ${at('disables.yaml')} (disabled): Legal signed off every vendor (LEGAL-7)`);
  });

  it('refuses nothing it should not: a policy that re-enables the rule gets its findings back as errors', async () => {
    fs.writeFileSync(at('again.yaml'), `${DISABLES}  - rule: eu-gdpr/transfer-without-basis\n    enabled: true\n    reason: Vendor sign-off expired\n`);
    const { code, stdout } = await runCli(['check', ...AS_OF, '--policy', at('again.yaml'), at('shop.yaml'), '-f', 'json']);
    expect(code).toBe(1);
    const report = JSON.parse(stdout) as Report;
    expect(report.findings.filter((f) => f.ruleId === 'eu-gdpr/transfer-without-basis').map((f) => [f.severity, f.policyOverride])).toEqual([['error', undefined], ['error', undefined]]);
  });
});

describe('flows no pack of the run judges', () => {
  const dir = tmpDir({ 'shop.yaml': ESTATE, 'no-law.yaml': NO_LAW, 'group.yaml': EXTENDS_EU });
  const at = (name: string) => path.join(dir, name);

  it('are not-assessed with --packs ch-fadp, naming the pack that would judge them; exit 0 by default, 1 with --fail-on warning', async () => {
    const { code, stdout } = await runCli(['check', ...AS_OF, '--packs', 'ch-fadp', at('shop.yaml'), '-f', 'json']);
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as Report;
    const verdicts = Object.fromEntries(report.flows.map((f) => [f.id, [f.verdict, f.wouldApply]]));
    expect(verdicts).toEqual({
      newsletters: ['not-assessed', ['eu-gdpr']],
      ads: ['not-assessed', ['eu-gdpr']],
      'fr-sync': ['not-assessed', ['eu-gdpr']], // DE → FR leaves Germany: only the EU pack can say it is not a transfer
      stats: ['allowed', undefined], // anonymised: no built-in pack would judge it either
      depot: ['allowed', ['eu-gdpr']], // stays in Germany: not a transfer, but the info names the pack
    });
    expect(report.summary.verdicts).toEqual({ allowed: 2, review: 0, violation: 0, 'not-assessed': 3 });
    expect(report.findings.filter((f) => f.ruleId === 'dfft/not-assessed').map((f) => [f.flowId, f.severity])).toEqual([['newsletters', 'warning'], ['ads', 'warning'], ['fr-sync', 'warning']]);
    expect(report.findings.find((f) => f.flowId === 'depot')).toMatchObject({ ruleId: 'dfft/no-regime', severity: 'info' });
    expect((await runCli(['check', ...AS_OF, '--packs', 'ch-fadp', at('shop.yaml'), '--fail-on', 'warning'])).code).toBe(1);
  });

  it('are counted on their own in the text summary, never as allowed', async () => {
    const { stdout } = await runCli(['check', ...AS_OF, '--packs', 'ch-fadp', at('shop.yaml')]);
    const last = stdout.trimEnd().split('\n').pop()!;
    expect(last).toMatch(/^! 3 problems \(0 errors, 3 warnings, 2 info\); 5 flows: 2 allowed, 0 to review, 0 in violation, 3 not assessed; not assessed: no built-in rule pack of this run judges those flows; eu-gdpr would \(--add-packs eu-gdpr\)/);
  });

  it.each(FORMATS)('%s counts or names the not-assessed flows', async (format) => {
    const out = at(`na.${format}`);
    await runCli(['check', ...AS_OF, '--packs', 'ch-fadp', at('shop.yaml'), '-f', `${format}=${out}`]);
    const text = fs.readFileSync(out, 'utf8');
    expect(text).toMatch(format === 'json' || format === 'sarif' ? /"not-assessed": ?3/ : format === 'csv' ? /not assessed: no built-in rule pack of this run judges it; eu-gdpr would/ : /3 not assessed|not assessed|dfft\/not-assessed/i);
    if (format === 'junit') expect(text).toMatch(/<failure message="Flow newsletters \(DE to US\) leaves the country, and no built-in rule pack of this run judges it; the built-in pack eu-gdpr would: it was not assessed\."/);
    if (format === 'markdown') expect(text).toContain('**3 not assessed**');
    if (format === 'html') expect(text).toContain('3 flows were not assessed: no built-in rule pack of this run judges them.');
  });

  it('an organisation pack that applies to every flow does not make them assessed: only a built-in pack judges against the law', async () => {
    fs.writeFileSync(at('catch-all.yaml'), `policyVersion: 1
pack:
  id: everything
  title: Everything is fine
  version: 1.0.0
  effective: 2026-01-01
  appliesWhen: "true"
rules: []
`);
    const { stdout } = await runCli(['check', ...AS_OF, '--policy', at('catch-all.yaml'), '--packs', 'ch-fadp', at('shop.yaml'), '-f', 'json']);
    const report = JSON.parse(stdout) as Report;
    expect(report.flows.find((f) => f.id === 'ads')).toMatchObject({ regimes: ['everything'], verdict: 'not-assessed', wouldApply: ['eu-gdpr'] });
    expect(report.summary.verdicts['not-assessed']).toBe(3);
  });

  it('a policy that extends no law warns in every format, and its flows are not assessed', async () => {
    const seen: string[] = [];
    for (const format of FORMATS) {
      const out = at(`nolaw.${format}`);
      const { code } = await runCli(['check', ...AS_OF, '--policy', at('no-law.yaml'), at('shop.yaml'), '-f', `${format}=${out}`]);
      expect(code).toBe(0);
      const text = fs.readFileSync(out, 'utf8');
      if (format === 'csv') {
        expect(text).toContain('not assessed: no built-in rule pack of this run judges it; eu-gdpr would');
        continue;
      }
      expect(text).toMatch(/applies no built-in rule pack/);
      seen.push(format);
    }
    expect(seen).toEqual(FORMATS.filter((f) => f !== 'csv'));
    const { stdout } = await runCli(['check', ...AS_OF, '--policy', at('no-law.yaml'), at('shop.yaml'), '-f', 'json']);
    expect((JSON.parse(stdout) as Report).warnings?.map((w) => [w.code, w.location?.line])).toEqual([['policy/no-law', 1]]);
  });
});

describe('--packs and --add-packs mean the same with and without --policy', () => {
  const dir = tmpDir({ 'shop.yaml': ESTATE, 'group.yaml': EXTENDS_EU });
  const at = (name: string) => path.join(dir, name);
  const packsOf = async (args: string[]) => {
    const { code, stdout, stderr } = await runCli(['check', ...AS_OF, ...args, at('shop.yaml'), '-f', 'json']);
    expect({ code, stderr }).toMatchObject({ stderr: expect.any(String) });
    const report = JSON.parse(stdout) as Report;
    return { packs: report.policy.packs.map((p) => p.id), warnings: (report.warnings ?? []).map((w) => w.code), report, code };
  };

  it('--packs names exactly the built-in packs of the run: it replaces the defaults, and the packs the policy extends', async () => {
    expect((await packsOf(['--packs', 'ch-fadp'])).packs).toEqual(['ch-fadp']);
    const withPolicy = await packsOf(['--policy', at('group.yaml'), '--packs', 'ch-fadp']);
    expect(withPolicy.packs).toEqual(['ch-fadp']);
    // What the policy extended and what it overrode there are reported, not silently dropped nor an error.
    expect(withPolicy.warnings).toEqual(['policy/pack-excluded', 'policy/pack-excluded', 'policy/override-not-applied']);
    expect(withPolicy.report.flows.find((f) => f.id === 'ads')?.verdict).toBe('not-assessed');
  });

  it('--add-packs adds to the defaults, or to the packs the policy extends', async () => {
    expect((await packsOf(['--add-packs', 'uk-gdpr'])).packs).toEqual(['eu-gdpr', 'eu-jp-supplementary', 'jp-appi', 'uk-gdpr']);
    expect((await packsOf(['--policy', at('group.yaml'), '--add-packs', 'uk-gdpr'])).packs).toEqual(['uk-gdpr', 'eu-gdpr', 'jp-appi']);
    expect((await packsOf(['--packs', 'eu-gdpr', '--add-packs', 'uk-gdpr'])).packs).toEqual(['eu-gdpr', 'uk-gdpr']);
  });

  it('an unknown pack in --add-packs is a usage error with a suggestion', async () => {
    const { code, stderr } = await runCli(['check', ...AS_OF, '--add-packs', 'uk-gpdr', at('shop.yaml')]);
    expect(code).toBe(2);
    expect(stderr).toContain('unknown rule pack "uk-gpdr" (did you mean "uk-gdpr"?)');
  });
});
