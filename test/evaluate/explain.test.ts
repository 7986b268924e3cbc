import * as path from 'node:path';
import { runCli } from '../support/cli';

const multiHop = path.join(__dirname, '..', '..', 'examples', 'manifests', 'multi-hop');

describe('dfft explain', () => {
  it('shows the origin chain and the decisive rule of an onward transfer, with the values read', async () => {
    const { code, stdout } = await runCli(['explain', '--as-of', '2026-11-28', '--flow', 'trial-to-cro', multiHop]);
    expect(code).toBe(0);
    expect(stdout).toContain('Flow trial-to-cro: Kenkyu Medical KK (kenkyu-jp, JP, controller) → TrialWorks CRO Inc. (cro-us, US, processor), as of 2026-11-28');
    expect(stdout).toContain('Verdict: VIOLATION — decided by eu-jp-supplementary/onward-transfer');
    // The origin and the chain that gave it.
    expect(stdout).toContain('    origin at kenkyu-jp: AT, DE\n    via trial-to-japan: klinikum-de (DE) → kenkyu-jp (JP)');
    // The decisive rule, every alternative it tried, and the values its conditions read.
    expect(stdout).toContain('  ✖ eu-jp-supplementary/onward-transfer: FAILED (error)');
    expect(stdout).toContain('        ✗ inGroup(importer.country, "APPI-EQUIVALENT")');
    expect(stdout).toContain('            importer.country = "US"');
    expect(stdout).toMatch(/✗ variables\.informedConsent\s/);
    expect(stdout).toContain('      → Flow trial-to-cro sends EU-origin data (trial-data) on from Japan');
    // Rules that passed say on what basis; rules that did not apply say why not.
    expect(stdout).toContain('  ✔ jp-appi/foreign-provision-without-basis: passed');
    expect(stdout).toContain('          → basis: APPI Art. 28(1): the recipient has a system conforming to the PPC standards (apec-cbpr; PPC Rules Art. 16)');
    expect(stdout).toContain('  – eu-gdpr/transfer-without-basis: does not apply');
    expect(stdout).toContain('      when !variables.onward = false');
  });

  it('shows the adequacy decision found for a first transfer, as JSON', async () => {
    const { code, stdout } = await runCli(['explain', '--as-of', '2026-11-28', '--flow', 'trial-to-japan', '-f', 'json', multiHop]);
    expect(code).toBe(0);
    const e = JSON.parse(stdout);
    expect(e.verdict).toBe('allowed');
    expect(e.decisive).toEqual(['eu-gdpr/transfer-without-basis']);
    const rule = e.packs.find((p: { id: string }) => p.id === 'eu-gdpr').rules.find((r: { id: string }) => r.id === 'eu-gdpr/transfer-without-basis');
    expect(rule.outcome).toBe('passed');
    const adequacy = rule.alternatives.find((a: { source: string }) => a.source === 'adequacy("eu").found');
    expect(adequacy).toMatchObject({ value: true, basis: 'adequacy: Commission Implementing Decision (EU) 2019/419 (Japan (private sector under the APPI and the Supplementary Rules))' });
    expect(e.data[0]).toMatchObject({ id: 'trial-data', origin: ['AT', 'DE'], chain: [] });
  });

  it('shows a date when the decision did not yet apply', async () => {
    const { stdout } = await runCli(['explain', '--as-of', '2018-06-01', '--flow', 'trial-to-japan', multiHop]);
    expect(stdout).toContain('Verdict: VIOLATION — decided by eu-gdpr/transfer-without-basis');
    expect(stdout).toContain('Commission Implementing Decision (EU) 2019/419 applies only from 2019-01-23');
  });

  it('suggests the closest flow for an unknown id, exit 2', async () => {
    const { code, stderr } = await runCli(['explain', '--flow', 'trial-to-cr', multiHop]);
    expect(code).toBe(2);
    expect(stderr).toContain('no flow "trial-to-cr" in the manifests (did you mean "trial-to-cro"?)');
  });

  it('explains nothing from partial input: another file with errors is reported, exit 2', async () => {
    // The broken file might declare a flow that brings EU data to the sender, which would change the chain.
    const invalid = path.join(__dirname, '..', '..', 'examples', 'invalid', 'unknown-party.yaml');
    const { code, stdout, stderr } = await runCli(['explain', '--flow', 'trial-to-cro', multiHop, invalid]);
    expect(code).toBe(2);
    expect(stderr).toContain('unknown-party.yaml:11:42 flows[1].to: unknown party "acme-jpp" (did you mean "acme-jp"?)');
    expect(stdout).toBe('');
  });
});
