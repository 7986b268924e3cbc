import { ReceivedThrough } from '../../src/resolve/received';
import { resolveModel } from '../../src/resolve/resolve';
import { parseSource } from '../../src/source/parse-source';
import { loadLaw } from '../../src/law/load-law';
import type { DataFlowManifest } from '../../src/types';
import type { Model } from '../../src/resolve/model';
import { manifest, yamlText } from '../support/helpers';
import { formatDiagnostic } from '../../src/source/diagnostic';

// receivedThrough(): where the data of a flow declaring a mechanism (appi-opt-out) went next,
// the fact behind the APPI Art. 27(2) proviso (data received by opt-out may not be passed on by opt-out).

const law = (() => {
  const l = loadLaw();
  if (!l.ok) throw new Error(l.diagnostics.map((e) => formatDiagnostic(e)).join('\n'));
  return l.value.law;
})();

function modelOf(m: Record<string, unknown>): Model {
  const parsed = parseSource('m.yaml', yamlText(m));
  if (!parsed.ok) throw new Error('parse');
  const { model, errors } = resolveModel([{ source: parsed.value.source, manifest: parsed.value.data as DataFlowManifest }], { taxonomy: law.taxonomy });
  expect(errors.map((e) => formatDiagnostic(e))).toEqual([]);
  return model;
}

function reached(model: Model, asOf = '2026-11-28', type = 'appi-opt-out') {
  const table = new ReceivedThrough(model, type, asOf);
  return (dataset: string, party: string) => table.has(model.datasetById.get(dataset)!, model.partyById.get(party)!);
}

const p = (id: string) => ({ id, country: 'JP' });
const optOut = [{ type: 'appi-opt-out', notifiedToPpc: true }];
const consent = [{ type: 'appi-consent' }];

describe('receivedThrough', () => {
  const chain = modelOf(manifest({
    parties: [p('broker'), p('shop'), p('partner'), p('buyer'), p('other')],
    datasets: [
      { id: 'leads', categories: ['contact'] },
      { id: 'scored', categories: ['contact'], derivedFrom: ['leads'] },
      { id: 'own', categories: ['contact'] },
    ],
    flows: [
      { id: 'in', from: 'broker', to: 'shop', datasets: ['leads'], mechanisms: optOut },
      { id: 'on', from: 'shop', to: 'partner', datasets: ['leads', 'scored', 'own'], mechanisms: consent },
      { id: 'out', from: 'partner', to: 'buyer', datasets: ['leads'], mechanisms: optOut },
      { id: 'own-out', from: 'other', to: 'broker', datasets: ['own'], mechanisms: consent },
    ],
  }));
  const at = reached(chain);

  it('marks the recipient of an opt-out flow, not its sender', () => {
    expect(at('leads', 'shop')).toBe(true);
    expect(at('leads', 'broker')).toBe(false);
  });

  it('follows the data through later flows of any mechanism, and into datasets derived from it', () => {
    expect(at('leads', 'partner')).toBe(true);
    expect(at('leads', 'buyer')).toBe(true);
    expect(at('scored', 'shop')).toBe(true);
    expect(at('scored', 'partner')).toBe(true);
  });

  it('leaves other data on the same flows alone', () => {
    expect(at('own', 'partner')).toBe(false);
    expect(at('own', 'broker')).toBe(false);
  });

  it('counts only flows of the mechanism type asked for', () => {
    const byConsent = reached(chain, '2026-11-28', 'appi-consent');
    expect(byConsent('own', 'partner')).toBe(true);
    expect(byConsent('leads', 'shop')).toBe(false);
  });

  it('ignores flows that start after asOf, on both sides of the date', () => {
    const dated = modelOf(manifest({
      parties: [p('broker'), p('shop')],
      datasets: [{ id: 'leads', categories: ['contact'] }],
      flows: [{ id: 'in', from: 'broker', to: 'shop', datasets: ['leads'], mechanisms: optOut, startsOn: '2027-01-01' }],
    }));
    expect(reached(dated, '2026-12-31')('leads', 'shop')).toBe(false);
    expect(reached(dated, '2027-01-01')('leads', 'shop')).toBe(true);
  });

  it('terminates on a cycle of flows', () => {
    const cycle = modelOf(manifest({
      parties: [p('a'), p('b')],
      datasets: [{ id: 'd', categories: ['contact'] }],
      flows: [
        { id: 'ab', from: 'a', to: 'b', datasets: ['d'], mechanisms: optOut },
        { id: 'ba', from: 'b', to: 'a', datasets: ['d'] },
      ],
    }));
    const at2 = reached(cycle);
    expect(at2('d', 'b')).toBe(true);
    expect(at2('d', 'a')).toBe(true); // it came back to a after being provided by opt-out
  });

  it('is linear: a chain of 3,000 hops is traced in one pass, and twice the chain is twice the work', () => {
    const chain = (n: number) => {
      const parties = Array.from({ length: n + 1 }, (_, i) => p(`p${i}`));
      const flows = Array.from({ length: n }, (_, i) => ({ id: `f${i}`, from: `p${i}`, to: `p${i + 1}`, datasets: ['d'], ...(i === 0 ? { mechanisms: optOut } : {}) }));
      return modelOf(manifest({ parties, datasets: [{ id: 'd', categories: ['contact'] }], flows }));
    };
    const n = 3000;
    const long = chain(n);
    const at3 = reached(long);
    expect(at3('d', `p${n}`)).toBe(true);
    expect(at3('d', 'p0')).toBe(false);
    // Counted, not timed: each hop's edge is followed once.
    const work = (model: ReturnType<typeof chain>) => new ReceivedThrough(model, 'appi-opt-out', '2026-11-28').edgesFollowed;
    expect(work(long)).toBe(n - 1);
    expect(work(chain(2 * n))).toBe(2 * n - 1);
  });
});
