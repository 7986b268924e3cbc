import * as path from 'node:path';
import { createChecker } from '../../src/library/checker';
import { DiagnosticError, formatDiagnostic } from '../../src/source/diagnostic';
import { manifest, rulesOn, yamlText } from '../support/helpers';
import { runCli } from '../support/cli';
import { tmpDir } from '../support/tmp';

// Packs declare parameters (a threshold of the law with its default and source); an organisation
// policy sets them by name, type-checked, without touching the rules.
const text = yamlText(manifest({
  parties: [{ id: 'de', country: 'DE' }, { id: 'in', country: 'IN' }],
  datasets: [{ id: 'd', categories: ['contact'], collectedIn: ['DE'], subjectsCount: 500 }],
  flows: [{ id: 'f', from: 'de', to: 'in', datasets: ['d'], frequency: 'one-off', mechanisms: [{ type: 'derogation', ground: 'compelling-legitimate-interests', supervisoryAuthorityInformed: true, dataSubjectsInformed: true }] }],
}));

const setting = (body: string): string => `policyVersion: 1
name: acme
extends: ["dfft:eu-gdpr"]
parameters:
${body}`;

async function checkerWith(policyText: string) {
  const dir = tmpDir({ 'policy.yaml': policyText });
  return createChecker({ policy: path.join(dir, 'policy.yaml'), asOf: '2026-11-28' });
}

async function errorsOf(policyText: string): Promise<string[]> {
  const err = await checkerWith(policyText).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(DiagnosticError);
  return (err as DiagnosticError).diagnostics.map((e) => `${e.code} ${formatDiagnostic(e)}`);
}

describe('policy parameters', () => {
  it('uses the pack default when no policy sets it', async () => {
    const checker = await createChecker({ packs: ['eu-gdpr'], asOf: '2026-11-28' });
    expect(checker.policy.params.euCompellingInterestsMaxSubjects).toBe(100);
    const p = checker.policy.parameters.find((x) => x.name === 'euCompellingInterestsMaxSubjects')!;
    expect(p).toMatchObject({ type: 'integer', default: 100, value: 100 });
    expect(p.setIn).toBeUndefined();
    expect(p.source).toMatch(/EDPB Guidelines 2\/2018/);
    expect(rulesOn(checker.check([{ file: 'm.yaml', text }]), 'f')).toContain('eu-gdpr/compelling-interests-many-subjects');
  });

  it('takes the value an organisation policy sets, and the verdict follows it', async () => {
    const checker = await checkerWith(setting('  euCompellingInterestsMaxSubjects: 1000\n'));
    expect(checker.policy.params.euCompellingInterestsMaxSubjects).toBe(1000);
    expect(checker.policy.parameters.find((x) => x.name === 'euCompellingInterestsMaxSubjects')!.setIn).toMatchObject({ line: 5, column: 3 });
    expect(rulesOn(checker.check([{ file: 'm.yaml', text }]), 'f')).not.toContain('eu-gdpr/compelling-interests-many-subjects');
    const stricter = await checkerWith(setting('  euCompellingInterestsMaxSubjects: 499\n'));
    expect(rulesOn(stricter.check([{ file: 'm.yaml', text }]), 'f')).toContain('eu-gdpr/compelling-interests-many-subjects');
  });

  it('is recorded in the report when a policy sets it away from the default, and only then', async () => {
    const set = (await checkerWith(setting('  euCompellingInterestsMaxSubjects: 1000\n'))).check([{ file: 'm.yaml', text }]);
    expect(set.policy.parameters).toEqual([{ name: 'euCompellingInterestsMaxSubjects', value: 1000, default: 100, location: expect.objectContaining({ line: 5, column: 3 }) }]);
    const same = (await checkerWith(setting('  euCompellingInterestsMaxSubjects: 100\n'))).check([{ file: 'm.yaml', text }]);
    expect(same.policy.parameters).toBeUndefined();
    const dir = tmpDir({ 'policy.yaml': setting('  euCompellingInterestsMaxSubjects: 1000\n'), 'm.yaml': text });
    const out = await runCli(['check', '--as-of', '2026-11-28', '--policy', path.join(dir, 'policy.yaml'), path.join(dir, 'm.yaml')]);
    expect(out.stdout).toContain('the policy sets parameters: euCompellingInterestsMaxSubjects = 1000 (default 100)');
  });

  it('refuses an unknown name, located, with a suggestion', async () => {
    const [first] = await errorsOf(setting('  euCompellingInterestMaxSubjects: 10\n'));
    expect(first).toMatch(/^policy\/parameter .*policy\.yaml:5:3 unknown parameter "euCompellingInterestMaxSubjects".*did you mean "euCompellingInterestsMaxSubjects"/s);
  });

  it('refuses a value of another type than the default, located', async () => {
    const errors = await errorsOf(setting('  euCompellingInterestsMaxSubjects: "many"\n  ukCompellingInterestsMaxSubjects: 2.5\n'));
    expect(errors[0]).toMatch(/policy\.yaml:5:3 parameter "euCompellingInterestsMaxSubjects" must be an integer, not "many"/);
    // The UK pack is not extended: its parameter is unknown here.
    expect(errors[1]).toMatch(/policy\.yaml:6:3 unknown parameter "ukCompellingInterestsMaxSubjects"/);
    const [fractional] = await errorsOf(setting('  euCompellingInterestsMaxSubjects: 2.5\n'));
    expect(fractional).toMatch(/must be an integer, not 2\.5/);
  });

  it('declares parameters in a policy too, and refuses the same name twice', async () => {
    const own = `policyVersion: 1
name: acme
extends: ["dfft:eu-gdpr"]
parameters:
  - { name: maxHops, description: Longest chain allowed, default: 2, source: house rule }
  - { name: maxHops, description: Again, default: 3 }
rules:
  - id: acme/short
    title: Short chains
    severity: error
    citation: { law: ACME policy, article: "§1" }
    when: params.maxHops < 3
    message: "Flow {{ flow.id }} limit {{ params.maxHops }}"
    remediation: Fix it.
`;
    const [dup] = await errorsOf(own);
    expect(dup).toMatch(/policy\.yaml:6:\d+ parameter "maxHops" is declared twice \(first at .*policy\.yaml:5:\d+\)/);
    const checker = await checkerWith(own.replace(/\n {2}- \{ name: maxHops, description: Again, default: 3 \}/, ''));
    const report = checker.check([{ file: 'm.yaml', text }]);
    expect(rulesOn(report, 'f')).toContain('acme/short');
    expect(report.findings.find((x) => x.flowId === 'f' && x.ruleId === 'acme/short')!.message).toBe('Flow f limit 2');
  });

  it('refuses params.<name> of no declared parameter in a condition, with a suggestion', async () => {
    const rule = `policyVersion: 1
name: acme
extends: ["dfft:eu-gdpr"]
rules:
  - id: acme/limit
    title: Limit
    severity: error
    citation: { law: ACME policy, article: "§1" }
    when: params.euCompellingInterestMaxSubjects > 1
    message: "Flow {{ flow.id }}"
    remediation: Fix it.
`;
    const [first] = await errorsOf(rule);
    expect(first).toMatch(/^policy\/expression .*policy\.yaml:9:\d+ unknown parameter "euCompellingInterestMaxSubjects".*did you mean "euCompellingInterestsMaxSubjects"/s);
  });

  it('changes the version of the rules that read it', async () => {
    const version = async (value: number): Promise<string> => {
      const checker = await checkerWith(setting(`  euCompellingInterestsMaxSubjects: ${value}\n`));
      return checker.policy.packs.flatMap((p) => p.rules).find((r) => r.id === 'eu-gdpr/compelling-interests-many-subjects')!.version;
    };
    expect(await version(10)).not.toBe(await version(20));
  });

  it('is listed by dfft rules with its value, default, setter and source', async () => {
    const dir = tmpDir({ 'policy.yaml': setting('  euCompellingInterestsMaxSubjects: 1000\n') });
    const list = await runCli(['rules', '--policy', path.join(dir, 'policy.yaml')]);
    expect(list.stdout).toMatch(/Parameters \(params\.<name>.*\n {2}euCompellingInterestsMaxSubjects = 1000 \(set in .*policy\.yaml:5:3, default 100; declared in .*eu-gdpr\.yaml\)/);
    expect(list.stdout).toContain('Source: GDPR Art. 49(1) second subparagraph');
    const json = JSON.parse((await runCli(['rules', '--packs', 'eu-gdpr', '-f', 'json'])).stdout);
    expect(json.parameters).toEqual([expect.objectContaining({ name: 'euCompellingInterestsMaxSubjects', value: 100, default: 100 })]);
  });
});
