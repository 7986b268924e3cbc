import { ENGINE_RULE_INFO, ENGINE_RULES } from '../../src/engine/engine-rules';
import { checkManifests, manifest } from '../support/helpers';

describe("the engine's own rules", () => {
  it('are all catalogued, each under its own id', () => {
    for (const id of Object.values(ENGINE_RULES)) expect(ENGINE_RULE_INFO[id].id).toBe(id);
    expect(Object.keys(ENGINE_RULE_INFO).sort()).toEqual(Object.values(ENGINE_RULES).sort());
  });

  it('give their findings the severity the report lists for them', async () => {
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
  });
});
