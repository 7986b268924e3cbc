import * as path from 'node:path';
import { createChecker } from '../../src/library/checker';
import { DiagnosticError, formatDiagnostic } from '../../src/source/diagnostic';
import { manifest, rulesOn, yamlText } from '../support/helpers';
import { runCli } from '../support/cli';
import { tmpDir } from '../support/tmp';

// A rule encodes law that may start or end inside its pack's life (an amendment's new article,
// a regime replaced by another): `inForce` bounds the dates it judges, both days included.
const policy = (inForce: string) => `policyVersion: 1
name: acme
extends: ["dfft:eu-gdpr"]
rules:
  - id: acme/dated
    title: A rule of an amendment
    severity: error
    citation: { law: ACME policy, article: "§1" }
${inForce}    when: importer.country == "US"
    message: "Flow {{ flow.id }}"
    remediation: Fix it.
`;

const text = yamlText(manifest({
  parties: [{ id: 'de', country: 'DE' }, { id: 'us', country: 'US' }],
  datasets: [{ id: 'd', categories: ['contact'], collectedIn: ['DE'] }],
  flows: [{ id: 'f', from: 'de', to: 'us', datasets: ['d'] }],
}));

async function firesOn(inForce: string, asOf: string): Promise<boolean> {
  const dir = tmpDir({ 'policy.yaml': policy(inForce) });
  const checker = await createChecker({ policy: path.join(dir, 'policy.yaml'), asOf });
  return rulesOn(checker.check([{ file: 'm.yaml', text }]), 'f').includes('acme/dated');
}

describe('rule dates (inForce)', () => {
  const dates = '    inForce: { from: 2022-04-01, until: 2024-03-31 }\n';

  it('judges only from the first to the last day, both included', async () => {
    expect(await firesOn(dates, '2022-03-31')).toBe(false);
    expect(await firesOn(dates, '2022-04-01')).toBe(true);
    expect(await firesOn(dates, '2024-03-31')).toBe(true);
    expect(await firesOn(dates, '2024-04-01')).toBe(false);
    expect(await firesOn('', '1999-01-01')).toBe(true);
  });

  it('refuses dates the wrong way round, located at the last day', async () => {
    const dir = tmpDir({ 'policy.yaml': policy('    inForce: { from: 2024-03-31, until: 2022-04-01 }\n') });
    const err = await createChecker({ policy: path.join(dir, 'policy.yaml'), asOf: '2026-01-01' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DiagnosticError);
    const [first] = (err as DiagnosticError).diagnostics;
    expect(first.code).toBe('policy/reversed-range');
    expect(formatDiagnostic(first)).toMatch(/policy\.yaml:9:\d+ inForce\.until 2022-04-01 is before inForce\.from 2024-03-31/);
  });

  it('changes the rule version, so findings of a re-dated rule are new', async () => {
    const version = async (inForce: string): Promise<string> => {
      const dir = tmpDir({ 'policy.yaml': policy(inForce) });
      const checker = await createChecker({ policy: path.join(dir, 'policy.yaml'), asOf: '2023-01-01' });
      return checker.policy.packs.flatMap((p) => p.rules).find((r) => r.id === 'acme/dated')!.version;
    };
    expect(await version(dates)).not.toBe(await version('    inForce: { from: 2022-04-02 }\n'));
  });

  it('is shown by dfft rules and explained by dfft explain', async () => {
    const dir = tmpDir({ 'policy.yaml': policy(dates), 'm.yaml': text });
    const list = await runCli(['rules', '--policy', path.join(dir, 'policy.yaml')]);
    expect(list.stdout).toMatch(/acme\/dated\n.*\n.*\n\s+applies from 2022-04-01 to 2024-03-31\n/);
    const one = await runCli(['rules', 'acme/dated', '--policy', path.join(dir, 'policy.yaml'), '-f', 'json']);
    expect(JSON.parse(one.stdout).inForce).toEqual({ from: '2022-04-01', until: '2024-03-31' });
    const explained = await runCli(['explain', path.join(dir, 'm.yaml'), '--flow', 'f', '--policy', path.join(dir, 'policy.yaml'), '--as-of', '2021-01-01']);
    expect(explained.stdout).toContain('acme/dated: does not apply');
    expect(explained.stdout).toContain('not in force on 2021-01-01: the rule applies from 2022-04-01 until 2024-03-31');
  });
});
