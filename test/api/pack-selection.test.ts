import * as path from 'node:path';
import { createChecker } from '../../src/library/checker';
import { loadPolicy } from '../../src/library/api';
import { DiagnosticError } from '../../src/source/diagnostic';
import { tmpDir } from '../support/tmp';

// The library's pack selection, which the CLI and the service only pass on: `packs` is exactly the
// built-in packs of the run, with or without a policy; `addPacks` adds to whatever the run has.

const POLICY = `policyVersion: 1
name: group
extends: ["dfft:eu-gdpr"]
overrides:
  - rule: eu-gdpr/missing-tia
    severity: warning
    reason: TIAs are tracked in the vendor register
`;

describe('pack selection in the library', () => {
  const dir = tmpDir({ 'group.yaml': POLICY });
  const policy = path.join(dir, 'group.yaml');
  const ids = async (options: Parameters<typeof loadPolicy>[0]) => (await loadPolicy(options)).packs.map((p) => p.id);

  it('packs replaces the defaults without a policy and the policy\'s extends with one', async () => {
    expect(await ids({ packs: ['uk-gdpr'] })).toEqual(['uk-gdpr']);
    expect(await ids({ policy, packs: ['uk-gdpr'] })).toEqual(['uk-gdpr']);
  });

  it('addPacks adds to the defaults, to the policy\'s extends, and to packs', async () => {
    expect(await ids({ addPacks: ['uk-gdpr'] })).toEqual(['eu-gdpr', 'eu-jp-supplementary', 'jp-appi', 'uk-gdpr']);
    expect(await ids({ policy, addPacks: ['uk-gdpr'] })).toEqual(['uk-gdpr', 'eu-gdpr']);
    expect(await ids({ packs: ['ch-fadp'], addPacks: ['uk-gdpr', 'ch-fadp'] })).toEqual(['ch-fadp', 'uk-gdpr']);
  });

  it('an override of a rule whose pack packs left out is a warning of the run, not an error, and not applied', async () => {
    const checker = await createChecker({ policy, packs: ['uk-gdpr'], asOf: '2026-11-28' });
    expect(checker.policy.warnings.map((w) => [w.code, w.message, w.location?.line])).toEqual([
      ['policy/pack-excluded', 'the policy extends built-in pack dfft:eu-gdpr, which this run does not apply: --packs names the built-in packs of the run', 3],
      ['policy/override-not-applied', 'override of eu-gdpr/missing-tia not applied: its pack eu-gdpr is not in this run (--packs)', 5],
    ]);
    expect(checker.policy.overrides).toEqual([]);
  });

  it('a run with no built-in pack at all says so, and judges no flow against the law', async () => {
    const checker = await createChecker({ packs: [], asOf: '2026-11-28' });
    expect(checker.policy.warnings.map((w) => [w.code, w.message])).toEqual([['policy/no-law', 'the run applies no built-in rule pack: no flow is judged against the law dfft encodes']]);
    const report = checker.check([{ file: 'm.yaml', text: 'manifestVersion: 1\nsystem: { id: s }\nparties:\n  - { id: a, country: DE }\n  - { id: b, country: US }\ndatasets:\n  - { id: d, categories: [contact] }\nflows:\n  - { id: f, from: a, to: b, datasets: [d] }\n' }]);
    expect(report.flows.map((f) => [f.id, f.verdict, f.wouldApply])).toEqual([['f', 'not-assessed', ['eu-gdpr']]]);
    expect(report.warnings?.map((w) => w.code)).toEqual(['policy/no-law']);
  });

  it('an override of a rule no pack of the run or the catalogue defines is still an error', async () => {
    const other = path.join(tmpDir({ 'p.yaml': POLICY.replace('eu-gdpr/missing-tia', 'eu-gdpr/missing-tai') }), 'p.yaml');
    await expect(createChecker({ policy: other })).rejects.toThrow(DiagnosticError);
  });
});
