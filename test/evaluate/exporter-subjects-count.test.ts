import { validateManifests } from '../../src/library/checker';
import { DOMAIN_FUNCTIONS } from '../../src/policy/functions';
import type { FlowState } from '../../src/policy/flow-state';
import { loadLaw } from '../../src/law/load-law';
import { OriginTable } from '../../src/resolve/origin';
import { TupleMap } from '../../src/source/tuple-map';
import { FlowMemo } from '../../src/policy/flow-memo';
import { InForce } from '../../src/policy/in-force';
import { manifest, yamlText } from '../support/helpers';

// CAC Provisions on Promoting and Regulating Cross-Border Data Flows (2024), Art. 5(4), 7, 8: an
// exporter's volumes count cumulatively since 1 January across all its exports.
const loaded = loadLaw();
if (!loaded.ok) throw new Error('law');
const law = loaded.value.law;

const world = manifest({
  parties: [
    { id: 'cn', country: 'CN', legalEntity: 'shanghai-co' },
    { id: 'cn-branch-de', country: 'DE', legalEntity: 'shanghai-co' },
    { id: 'cn2', country: 'CN' },
    { id: 'cn-other', country: 'CN' },
    { id: 'de', country: 'DE' },
    { id: 'hk', country: 'HK' },
  ],
  datasets: [
    { id: 'a', categories: ['contact'], collectedIn: ['CN'], subjectsCount: 60000 },
    { id: 'b', categories: ['contact'], collectedIn: ['CN'], subjectsCount: 30000 },
    { id: 'old', categories: ['contact'], collectedIn: ['CN'], subjectsCount: 500000 },
    { id: 'health', categories: ['health.diagnosis'], collectedIn: ['CN'], subjectsCount: 700 },
    { id: 'kids', categories: ['contact'], subjects: ['children'], collectedIn: ['CN'], subjectsCount: 40 },
    { id: 'unknown', categories: ['contact'], collectedIn: ['CN'] },
    { id: 'anon', categories: ['contact'], identifiability: 'anonymised', collectedIn: ['CN'], subjectsCount: 900000 },
    { id: 'domestic', categories: ['contact'], collectedIn: ['CN'], subjectsCount: 800000 },
    { id: 'own', categories: ['contact'], collectedIn: ['CN'], subjectsCount: 200000 },
  ],
  flows: [
    { id: 'f1', from: 'cn', to: 'de', datasets: ['a', 'health'] },
    // The same dataset sent again counts once.
    { id: 'f2', from: 'cn', to: 'hk', datasets: ['a', 'b', 'kids', 'unknown', 'anon'] },
    // Ended before this year: outside the window since 1 January 2026, inside the one since 2025.
    { id: 'f3', from: 'cn', to: 'de', datasets: ['old'], startsOn: '2025-02-01', endsOn: '2025-12-31' },
    // Not yet started on asOf.
    { id: 'f4', from: 'cn', to: 'de', datasets: ['old'], startsOn: '2026-12-01' },
    // Within mainland China, and to the exporter's own legal entity: not provided abroad.
    { id: 'f5', from: 'cn', to: 'cn-other', datasets: ['domestic'] },
    { id: 'f6', from: 'cn', to: 'cn-branch-de', datasets: ['own'] },
    // Another exporter's flows are its own.
    { id: 'g1', from: 'cn2', to: 'de', datasets: ['b'], endsOn: '2026-01-01' },
  ],
});

const validated = validateManifests([{ file: 'world.yaml', text: yamlText(world) }], law);
expect(validated.errors).toEqual([]);
const origins = new OriginTable(validated.model);
const fn = DOMAIN_FUNCTIONS.find((f) => f.name === 'exporterSubjectsCount')!;

function stateFor(flowId: string, asOf = '2026-11-28', shared?: FlowState): FlowState {
  const flow = validated.model.flows.find((f) => f.view.id === flowId)!;
  const state: FlowState = shared ?? { model: validated.model, origins, law, asOf, lang: 'en', lists: {}, flow, memo: new FlowMemo(), groupMemo: new FlowMemo(), adequacyCache: new TupleMap(),
    inForce: new InForce(asOf, validated.model.parties.length), view: flow.view, exporter: flow.from.view, importer: flow.to.view, mechanismsOutOfForce: [] };
  state.flow = flow;
  return state;
}

describe('exporterSubjectsCount()', () => {
  it('adds up the distinct personal datasets an exporter provides abroad this year, across its flows', () => {
    // a 60,000 + b 30,000 (a once, though in two flows); not old (ended 2025), domestic, own entity, anonymised or undeclared.
    expect(fn.impl(stateFor('f1'), 'pipl', false, 0)).toBe(90000);
    // health 700 + kids 40 (children's data is sensitive under PIPL Art. 28).
    expect(fn.impl(stateFor('f1'), 'pipl', true, 0)).toBe(740);
  });

  it('gives every flow of the exporter the same total, a domestic one included', () => {
    for (const id of ['f2', 'f3', 'f5']) expect(fn.impl(stateFor(id), 'pipl', false, 0)).toBe(90000);
  });

  it('counts a flow of the previous year only in a window that opens then', () => {
    expect(fn.impl(stateFor('f1'), 'pipl', false, 1)).toBe(590000);
    // A flow active on 1 January, the first day of the window, counts.
    expect(fn.impl(stateFor('g1'), 'pipl', false, 0)).toBe(30000);
    expect(fn.impl(stateFor('g1', '2027-01-02'), 'pipl', false, 0)).toBe(0);
  });

  it('counts a flow from its first day', () => {
    expect(fn.impl(stateFor('f1', '2026-12-01'), 'pipl', false, 0)).toBe(590000);
    expect(fn.impl(stateFor('f1', '2026-11-30'), 'pipl', false, 0)).toBe(90000);
  });

  it('builds its table once per run and window, whatever the flow', () => {
    const state = stateFor('f1');
    fn.impl(state, 'pipl', false, 0);
    const table = state.exporterVolumes!.get(['pipl', false, '2026-01-01']);
    expect(table).toBeDefined();
    fn.impl(stateFor('g1', '2026-11-28', state), 'pipl', false, 0);
    expect(state.exporterVolumes!.get(['pipl', false, '2026-01-01'])).toBe(table);
    expect(state.exporterVolumes!.get(['pipl', true, '2026-01-01'])).toBeUndefined();
  });

  it('refuses a negative or fractional number of years', () => {
    expect(() => fn.impl(stateFor('f1'), 'pipl', false, -1)).toThrow(/non-negative integer/);
    expect(() => fn.impl(stateFor('f1'), 'pipl', false, 0.5)).toThrow(/non-negative integer/);
  });
});
