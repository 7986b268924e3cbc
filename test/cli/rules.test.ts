import { runCli } from '../support/cli';

describe('dfft rules', () => {
  it('lists every rule of the default packs with severity and citation URL', async () => {
    const { code, stdout } = await runCli(['rules']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^eu-gdpr 1\.0\.0 — EU GDPR Chapter V \(Art\. 44-49\) \(law as of 2026-05-31\)$/m);
    expect(stdout).toContain('  error    eu-gdpr/transfer-without-basis\n');
    expect(stdout).toContain('  warning  eu-gdpr/adequacy-scope-unconfirmed\n');
    expect(stdout).toContain('GDPR, Art. 44-46, 49 — http://data.europa.eu/eli/reg/2016/679/oj');
    expect(stdout).toContain('jp-appi/foreign-provision-without-basis');
    expect(stdout).toContain('eu-jp-supplementary/onward-transfer');
    expect(stdout).toMatch(/^\d+ rules in 3 packs\./m);
  });

  it('gives every rule a citation with an official URL', async () => {
    const { stdout } = await runCli(['rules', '--format', 'json']);
    const { packs } = JSON.parse(stdout) as { packs: Array<{ rules: Array<{ id: string; citation: { url?: string } }> }> };
    const rules = packs.flatMap((p) => p.rules);
    expect(rules.length).toBeGreaterThan(30);
    expect(rules.filter((r) => !/^https?:\/\/(data\.europa\.eu|www\.ppc\.go\.jp|curia\.europa\.eu|www\.edpb\.europa\.eu)\//.test(r.citation.url ?? '')).map((r) => r.id)).toEqual([]);
  });

  it('shows one rule in full, in text and JSON', async () => {
    const text = await runCli(['rules', 'eu-jp-supplementary/onward-transfer']);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('eu-jp-supplementary/onward-transfer  (error, pack eu-jp-supplementary)');
    expect(text.stdout).toContain('Requires one of:');
    expect(text.stdout).toContain('Chain traced from: EEA-UK');
    expect(text.stdout).toContain('Defined in:  <dfft>/rules/eu-jp-supplementary.yaml#/rules/3');
    const json = JSON.parse((await runCli(['rules', 'jp-appi/consent-not-informed', '-f', 'json'])).stdout);
    expect(json).toMatchObject({ id: 'jp-appi/consent-not-informed', pack: 'jp-appi', severity: 'error', citation: { law: 'APPI; PPC Enforcement Rules' } });
    expect(json.when).toBe('variables.consentRoute && !variables.consentBefore2022 && !variables.consentUndeclared');
    expect(json.inForce).toEqual({ from: '2022-04-01', source: expect.stringContaining('Act No. 44 of 2020') });
  });

  it('suggests the closest rule for an unknown id, exit 2', async () => {
    const { code, stderr } = await runCli(['rules', 'eu-gdpr/transfer-without-basic']);
    expect(code).toBe(2);
    expect(stderr).toContain('unknown rule "eu-gdpr/transfer-without-basic" (did you mean "eu-gdpr/transfer-without-basis"?)');
  });

  it('names the opt-in pack of a rule the run leaves out, and shows the rule once the pack is added', async () => {
    const out = await runCli(['rules', 'kr-pipa/suspension-order']);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain('rule "kr-pipa/suspension-order" is in the built-in pack kr-pipa, which this run does not apply (add --add-packs kr-pipa)');
    const added = await runCli(['rules', 'kr-pipa/suspension-order', '--add-packs', 'kr-pipa']);
    expect(added.code).toBe(0);
    expect(added.stdout).toContain('PIPA (Korea), Art. 28-9');
  });
});
