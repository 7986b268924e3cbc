import * as path from 'node:path';
import { createChecker } from '../../src/library/checker';
import { DiagnosticError } from '../../src/source/diagnostic';
import { DOMAIN_FUNCTIONS } from '../../src/policy/functions';
import { manifest, rulesOn, yamlText } from '../support/helpers';
import { tmpDir } from '../support/tmp';

// sum(): shares that count "individually or in the aggregate" (28 CFR 202.211: "50% or more") and
// counts over a flow's datasets. A threshold read "or more" must hold at exactly the threshold, so
// binary rounding of decimal shares must not move a sum below it.
const sum = DOMAIN_FUNCTIONS.find((f) => f.name === 'sum')!;

describe('sum()', () => {
  it('adds a list, and an empty list sums to 0', () => {
    expect(sum.impl({} as never, [])).toBe(0);
    expect(sum.impl({} as never, [30, 20])).toBe(50);
    expect(sum.impl({} as never, [10001, 6000, 6000])).toBe(22001);
  });

  it('gives exactly the threshold for decimal shares whose float sum misses it', () => {
    expect(0.1 + 0.2).not.toBe(0.3); // the arithmetic it corrects
    expect(sum.impl({} as never, [0.1, 0.2])).toBe(0.3);
    expect(sum.impl({} as never, [16.7, 16.6, 16.7])).toBe(50);
    expect(sum.impl({} as never, [49.9999, 0.0001])).toBe(50);
  });

  it('keeps a share just under the threshold under it', () => {
    expect(sum.impl({} as never, [30, 19.99])).toBeLessThan(50);
  });

  const policy = `policyVersion: 1
name: acme
rules:
  - id: acme/owned-from-abroad
    title: Recipients half owned from Russia or China
    severity: error
    citation: { law: ACME policy, article: "§ 1" }
    when: 'has(importer.ownership) && sum(importer.ownership.filter(o, o.country in ["CN", "RU"]).map(o, o.percent)) >= 50.0'
    message: "{{ importer.name }} is {{ string(sum(importer.ownership.map(o, o.percent))) }}% owned in all."
    remediation: Ask the DPO.
  - id: acme/many-subjects
    title: Flows of more than 1,000 people in all
    severity: warning
    citation: { law: ACME policy, article: "§ 2" }
    when: 'sum(data.map(d, has(d.subjectsCount) ? double(d.subjectsCount) : 0.0)) > 1000.0'
    message: "Flow {{ flow.id }} carries many people's data."
    remediation: Ask the DPO.
`;

  it('is callable from a policy: an aggregate share of exactly 50 and a flow total above 1,000 fire, 49.9 and 1,000 do not', async () => {
    const dir = tmpDir({ 'policy.yaml': policy });
    const checker = await createChecker({ policy: path.join(dir, 'policy.yaml'), asOf: '2026-11-28' });
    const report = await checker.check([{ file: 'm.yaml', text: yamlText(manifest({
      parties: [
        { id: 'de', country: 'DE' },
        { id: 'sg-50', country: 'SG', ownership: [{ country: 'CN', percent: 30.1 }, { country: 'RU', percent: 19.9 }, { country: 'SG', percent: 50 }] },
        { id: 'sg-49', country: 'SG', ownership: [{ country: 'CN', percent: 29.9 }, { country: 'RU', percent: 20 }, { country: 'SG', percent: 50.1 }] },
      ],
      datasets: [
        { id: 'a', categories: ['contact'], collectedIn: ['DE'], subjectsCount: 600 },
        { id: 'b', categories: ['contact'], collectedIn: ['DE'], subjectsCount: 401 },
        { id: 'c', categories: ['contact'], collectedIn: ['DE'], subjectsCount: 400 },
        { id: 'n', categories: ['contact'], collectedIn: ['DE'] },
      ],
      flows: [
        { id: 'to-50', from: 'de', to: 'sg-50', datasets: ['a', 'b'] },
        { id: 'to-49', from: 'de', to: 'sg-49', datasets: ['a', 'c', 'n'] },
      ],
    })) }]);
    expect(rulesOn(report, 'to-50').filter((r) => r.startsWith('acme/'))).toEqual(['acme/many-subjects', 'acme/owned-from-abroad']);
    expect(rulesOn(report, 'to-49').filter((r) => r.startsWith('acme/'))).toEqual([]);
    expect(report.findings.find((f) => f.ruleId === 'acme/owned-from-abroad')?.message).toBe('sg-50 is 100% owned in all.');
  });

  it('takes a list of numbers only: a list of strings is a type error when the policy loads', async () => {
    const dir = tmpDir({ 'policy.yaml': policy.replace('o.percent)) >= 50.0', 'o.country)) >= 50.0') });
    const error = await createChecker({ policy: path.join(dir, 'policy.yaml'), asOf: '2026-11-28' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DiagnosticError);
    expect((error as DiagnosticError).diagnostics[0].message).toMatch(/sum/);
  });
});
