import { EngineRules, ENGINE_RULES, type EngineRulesData } from '../../src/law/engine-rules';
import { loadLaw } from '../../src/law/load-law';
import { builtinPackIds } from '../../src/policy/load-policy';
import { checkManifests, manifest } from '../support/helpers';

function law() {
  const loaded = loadLaw();
  if (!loaded.ok) throw new Error(loaded.diagnostics.map((e) => e.message).join('\n'));
  return loaded.value;
}

describe("the engine's own rules (the dfft pack, rules/dfft.yaml)", () => {
  it('declares every rule the engine reports, each under its own id, as law data', () => {
    const loaded = law();
    for (const id of Object.values(ENGINE_RULES)) expect(loaded.law.engineRules.info(id).id).toBe(id);
    expect(loaded.law.engineRules.all().map((r) => r.id).sort()).toEqual(Object.values(ENGINE_RULES).sort());
    expect(loaded.files.map((f) => f.file)).toContain('<dfft>/rules/dfft.yaml');
  });

  it('refuses a pack that leaves out a rule the engine reports, or declares one twice', () => {
    const data = law().data['<dfft>/rules/dfft.yaml'] as EngineRulesData;
    const without = { ...data, rules: data.rules.filter((r) => r.id !== ENGINE_RULES.notAssessed) };
    expect(EngineRules.check(without, Object.values(ENGINE_RULES))).toEqual(['rule dfft/not-assessed is reported by the engine but not declared']);
    const twice = { ...data, rules: [...data.rules, data.rules[0]] };
    expect(EngineRules.check(twice, Object.values(ENGINE_RULES))).toEqual([`rule ${data.rules[0].id} is declared twice`]);
  });

  it('is not a pack a policy selects', () => {
    expect(builtinPackIds()).not.toContain('dfft');
  });

  it('give their findings the severity the report lists for them, and cite fail-closed evaluation', async () => {
    const report = await checkManifests({
      'm.yaml': manifest({
        parties: [{ id: 'de', country: 'DE' }, { id: 'sg', country: 'SG' }, { id: 'sg2', country: 'SG' }],
        datasets: [{ id: 'customers', categories: ['contact'], collectedIn: ['SG'] }],
        flows: [{ id: 'local', from: 'sg', to: 'sg2', datasets: ['customers'] }],
      }),
    });
    const engine = report.findings.filter((f) => f.ruleId.startsWith('dfft/'));
    expect(engine.length).toBeGreaterThan(0);
    for (const f of engine) expect(report.rules?.find((r) => r.id === f.ruleId)?.severity).toBe(f.severity);
    expect(engine.filter((f) => f.citation.law === 'dfft').every((f) => f.citation.article === 'fail-closed evaluation (README, "Bail or report")')).toBe(true);
  });
});
