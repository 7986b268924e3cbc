import * as path from 'node:path';
import { createChecker } from '../../src/library/checker';
import { DiagnosticError, formatDiagnostic } from '../../src/source/diagnostic';
import { DOMAIN_FUNCTIONS } from '../../src/policy/functions';
import { windowStart } from '../../src/policy/counterparty';
import { tmpDir } from '../support/tmp';
import { yamlText, manifest } from '../support/helpers';

// Variables with scope: counterparty are evaluated once for all the flows between the same two
// legal entities (28 CFR 202.205 adds up the transactions with one counterparty over 12 months).

const policy = (variables: string, when = 'variables.total > 100.0') => `policyVersion: 1
name: acme
variables:
${variables}
rules:
  - id: acme/counterparty-volume
    title: More than 100 persons sent to one counterparty in 12 months
    severity: error
    citation: { law: ACME policy, article: "§1" }
    when: ${when}
    message: "Flow {{ flow.id }}: {{ string(int(variables.total)) }} persons with this counterparty"
    remediation: Fix it.
`;

const TOTAL = `  - name: total
    scope: counterparty
    expression: 'sum(counterpartyData(12).map(p, has(p.dataset.subjectsCount) ? double(p.dataset.subjectsCount) : 0.0))'
`;

async function compile(text: string): Promise<{ errors: string[]; dir: string }> {
  const dir = tmpDir({ 'policy.yaml': text });
  try {
    await createChecker({ policy: path.join(dir, 'policy.yaml'), asOf: '2026-11-28', packs: [] });
    return { errors: [], dir };
  } catch (err) {
    if (!(err instanceof DiagnosticError)) throw err;
    return { errors: err.diagnostics.map((e) => formatDiagnostic(e).split(dir + path.sep).join('')), dir };
  }
}

describe('scope: counterparty is checked when the policy loads', () => {
  it('accepts a counterparty variable that reads only the counterparty', async () => {
    expect((await compile(policy(TOTAL))).errors).toEqual([]);
  });

  it('refuses counterpartyData() outside a counterparty variable, saying why', async () => {
    const { errors } = await compile(policy(`  - name: total
    expression: 'sum(counterpartyData(12).map(p, double(p.dataset.subjectsCount)))'
`));
    // Located at the call; the rule's uses of the variable that failed follow.
    expect(errors[0]).toMatch(/^policy\.yaml:5:22 counterpartyData\(\) may be called only in a variable with scope: counterparty/);
  });

  it('refuses counterpartyFlows() in a rule condition', async () => {
    const { errors } = await compile(policy(TOTAL, 'size(counterpartyFlows(12)) > 1'));
    expect(errors).toEqual([expect.stringMatching(/counterpartyFlows\(\) may be called only in a variable with scope: counterparty/)]);
  });

  it.each([
    ['the flow', `sum(data.map(d, double(d.subjectsCount)))`, /"data" cannot be used here: a variable with scope: counterparty has one value for all the flows between the same two parties/],
    ['the importer', `importer.country == "CN" ? 1.0 : 0.0`, /"importer" cannot be used here/],
    ['a function of the flow', `size(origin(counterpartyData(12)[0].dataset)) > 0 ? 1.0 : 0.0`, /origin\(\) reads the flow and cannot be used here/],
  ])('refuses %s in a counterparty variable', async (_what, expression, message) => {
    const { errors } = await compile(policy(`  - name: total
    scope: counterparty
    expression: '${expression}'
`));
    expect(errors[0]).toMatch(message);
  });

  it('refuses a per-flow variable in a counterparty variable, but lets a flow variable read a counterparty one', async () => {
    const { errors } = await compile(policy(`  - name: perFlow
    expression: 'double(size(data))'
  - name: total
    scope: counterparty
    expression: 'variables.perFlow'
`));
    expect(errors[0]).toMatch(/variables\.perFlow is evaluated per flow and cannot be used here/);
    expect((await compile(policy(`${TOTAL}  - name: mine
    expression: 'variables.total + double(size(data))'
`, 'variables.mine > 100.0'))).errors).toEqual([]);
  });
});

describe('a counterparty variable is one value per pair of legal entities, computed once', () => {
  const world = manifest({
    parties: [
      { id: 'us', country: 'US', legalEntity: 'acme' },
      { id: 'us-2', country: 'US', legalEntity: 'acme' },
      { id: 'cn', country: 'CN', legalEntity: 'shenzhen' },
      { id: 'cn-2', country: 'CN', legalEntity: 'shenzhen' },
      // A party without a legalEntity whose id equals another party's legalEntity: a person of its own.
      { id: 'shenzhen', country: 'CN' },
      { id: 'de', country: 'DE' },
    ],
    datasets: [
      { id: 'a', categories: ['contact'], subjectsCount: 60 },
      { id: 'b', categories: ['contact'], subjectsCount: 41 },
      { id: 'c', categories: ['contact'], subjectsCount: 100 },
      { id: 'old', categories: ['contact'], subjectsCount: 1000 },
    ],
    flows: [
      { id: 'us-cn', from: 'us', to: 'cn', datasets: ['a'] },
      { id: 'us2-cn2', from: 'us-2', to: 'cn-2', datasets: ['b', 'a'] },
      { id: 'us-shenzhen', from: 'us', to: 'shenzhen', datasets: ['c'] },
      { id: 'us-de-old', from: 'us', to: 'de', datasets: ['old'], startsOn: '2024-01-01', endsOn: '2025-11-28' },
      { id: 'us-de', from: 'us', to: 'de', datasets: ['c'] },
    ],
  });

  it('adds up the pair\'s datasets once each, separates other persons, and leaves out flows before the window', async () => {
    const dir = tmpDir({ 'policy.yaml': policy(TOTAL) });
    const checker = await createChecker({ policy: path.join(dir, 'policy.yaml'), asOf: '2026-11-28', packs: [] });
    const report = checker.check([{ file: 'world.yaml', text: yamlText(world) }]);
    const fired = report.findings.filter((f) => f.ruleId === 'acme/counterparty-volume').map((f) => `${f.flowId}: ${f.message}`).sort();
    expect(fired).toEqual([
      'us-cn: Flow us-cn: 101 persons with this counterparty',
      'us2-cn2: Flow us2-cn2: 101 persons with this counterparty',
    ]);
  });

  it('evaluates counterpartyData() once per pair, not once per flow', async () => {
    const fn = DOMAIN_FUNCTIONS.find((f) => f.name === 'counterpartyData')!;
    const spy = jest.spyOn(fn, 'impl');
    try {
      const dir = tmpDir({ 'policy.yaml': policy(TOTAL) });
      const checker = await createChecker({ policy: path.join(dir, 'policy.yaml'), asOf: '2026-11-28', packs: [] });
      const many = manifest({
        parties: [{ id: 'us', country: 'US' }, { id: 'cn', country: 'CN' }, { id: 'de', country: 'DE' }],
        datasets: Array.from({ length: 50 }, (_, i) => ({ id: `d${i}`, categories: ['contact'], subjectsCount: 3 })),
        flows: Array.from({ length: 50 }, (_, i) => ({ id: `f${i}`, from: 'us', to: i % 2 ? 'cn' : 'de', datasets: [`d${i}`] })),
      });
      const report = checker.check([{ file: 'many.yaml', text: yamlText(many) }]);
      expect(spy).toHaveBeenCalledTimes(2);
      // 25 datasets of 3 persons each way: 75, not over 100.
      expect(report.findings.filter((f) => f.ruleId === 'acme/counterparty-volume')).toEqual([]);
    } finally {
      spy.mockRestore();
    }
  });
});

describe('the window of counterpartyData(months)', () => {
  it.each([
    ['2026-12-03', 12, '2025-12-04'],
    ['2026-11-28', 12, '2025-11-29'],
    ['2024-02-29', 12, '2023-03-01'],
    ['2026-03-31', 1, '2026-03-01'],
    ['2026-01-15', 1, '2025-12-16'],
    ['2026-12-31', 24, '2025-01-01'],
  ])('on %s, %i months start on %s', (asOf, months, first) => {
    expect(windowStart(asOf, months)).toBe(first);
  });

  it.each([0, -1, 1.5, 1201])('refuses %p months', (months) => {
    expect(() => windowStart('2026-12-03', months)).toThrow(/whole number of months from 1 to 1200/);
  });
});
