import { OriginTable } from '../../src/resolve/origin';
import { resolveModel } from '../../src/resolve/resolve';
import { parseSource } from '../../src/source/parse-source';
import { loadLaw } from '../../src/law/load-law';
import type { DataFlowManifest } from '../../src/types';
import { manifest, yamlText } from '../support/helpers';
import { formatDiagnostic } from '../../src/source/diagnostic';

const law = (() => {
  const l = loadLaw();
  if (!l.ok) throw new Error(l.diagnostics.map((e) => formatDiagnostic(e)).join('\n'));
  return l.value.law;
})();

function originsOf(files: Record<string, unknown>) {
  const loaded = Object.entries(files).map(([file, m]) => {
    const parsed = parseSource(file, yamlText(m));
    if (!parsed.ok) throw new Error('parse');
    return { source: parsed.value.source, manifest: parsed.value.data as DataFlowManifest };
  });
  const { model, errors } = resolveModel(loaded, { taxonomy: law.taxonomy });
  expect(errors.map((e) => formatDiagnostic(e))).toEqual([]);
  const table = new OriginTable(model);
  return {
    at: (dataset: string, party: string) => table.originAt(model.datasetById.get(dataset)!, model.partyById.get(party)!),
    chain: (dataset: string, party: string, group?: string[]) =>
      table.chainTo(model.datasetById.get(dataset)!, model.partyById.get(party)!, group ? (c) => group.includes(c) : undefined).map((f) => f.view.id),
    table,
  };
}

const p = (id: string, country: string) => ({ id, country });
const f = (id: string, from: string, to: string, datasets: string[]) => ({ id, from, to, datasets });

describe('origin of datasets', () => {
  it('carries EU origin across three hops declared in two manifests', () => {
    const o = originsOf({
      'eu.yaml': manifest({
        parties: [p('de', 'DE'), p('jp', 'JP')],
        datasets: [{ id: 'customers', categories: ['contact'], collectedIn: ['DE', 'FR'] }],
        flows: [f('hop1', 'de', 'jp', ['customers'])],
      }),
      'jp.yaml': manifest({
        parties: [p('us', 'US'), p('in', 'IN')],
        flows: [f('hop2', 'jp', 'us', ['customers']), f('hop3', 'us', 'in', ['customers'])],
      }),
    });
    expect(o.at('customers', 'in')).toEqual(['DE', 'FR']);
    expect(o.at('customers', 'us')).toEqual(['DE', 'FR']);
    expect(o.chain('customers', 'in', ['DE'])).toEqual(['hop1', 'hop2', 'hop3']);
    expect(o.chain('customers', 'us')).toEqual(['hop1', 'hop2']);
  });

  it('gives data without collectedIn the country of the party that holds it first, and carries it on', () => {
    const o = originsOf({
      'a.yaml': manifest({
        parties: [p('fr', 'FR'), p('jp', 'JP'), p('sg', 'SG')],
        datasets: [{ id: 'orders', categories: ['financial'] }],
        flows: [f('a', 'fr', 'jp', ['orders']), f('b', 'jp', 'sg', ['orders'])],
      }),
    });
    expect(o.at('orders', 'fr')).toEqual(['FR']);
    expect(o.at('orders', 'jp')).toEqual(['FR']); // brought by flow a: not JP's own
    expect(o.at('orders', 'sg')).toEqual(['FR']);
  });

  it('merges the origins of every sender and of the datasets it derives from', () => {
    const o = originsOf({
      'a.yaml': manifest({
        parties: [p('de', 'DE'), p('br', 'BR'), p('jp', 'JP')],
        datasets: [
          { id: 'eu-users', categories: ['contact'], collectedIn: ['DE'] },
          { id: 'br-users', categories: ['contact'], collectedIn: ['BR'] },
          { id: 'segments', categories: ['online-activity'], derivedFrom: ['eu-users', 'br-users'] },
        ],
        flows: [f('x', 'de', 'jp', ['eu-users']), f('y', 'br', 'jp', ['br-users']), f('z', 'jp', 'de', ['segments'])],
      }),
    });
    // segments has no collectedIn and no flow brings it to jp: jp's own country joins the origins
    // of the datasets it derives from, as held at jp.
    expect(o.at('segments', 'jp')).toEqual(['BR', 'DE', 'JP']);
    expect(o.chain('segments', 'jp', ['DE'])).toEqual(['x']);
  });

  it('ends on a cycle with no way in, taking the countries of the parties on it', () => {
    const o = originsOf({
      'a.yaml': manifest({
        parties: [p('a', 'JP'), p('b', 'US'), p('c', 'SG')],
        datasets: [{ id: 'logs', categories: ['device'] }],
        flows: [f('ab', 'a', 'b', ['logs']), f('bc', 'b', 'c', ['logs']), f('ca', 'c', 'a', ['logs'])],
      }),
    });
    expect(o.at('logs', 'a')).toEqual(['JP', 'SG', 'US']);
    expect(o.at('logs', 'c')).toEqual(['JP', 'SG', 'US']);
    expect(o.chain('logs', 'a')).toEqual(['ab', 'bc', 'ca']);
  });

  it('gives a cycle with a way in only what comes in', () => {
    const o = originsOf({
      'a.yaml': manifest({
        parties: [p('de', 'DE'), p('jp', 'JP'), p('us', 'US')],
        datasets: [{ id: 'd', categories: ['contact'] }],
        flows: [f('in', 'de', 'jp', ['d']), f('jp-us', 'jp', 'us', ['d']), f('us-jp', 'us', 'jp', ['d'])],
      }),
    });
    expect(o.at('d', 'jp')).toEqual(['DE']);
    expect(o.at('d', 'us')).toEqual(['DE']);
  });

  it('handles a chain of 20 000 hops without recursion', () => {
    const n = 20000;
    const parties = Array.from({ length: n + 1 }, (_, i) => p(`p${i}`, i % 2 ? 'JP' : 'US'));
    const flows = Array.from({ length: n }, (_, i) => f(`f${i}`, `p${i}`, `p${i + 1}`, ['d']));
    const o = originsOf({ 'long.yaml': manifest({ parties: [p('src', 'DE'), ...parties], datasets: [{ id: 'd', categories: ['contact'] }], flows: [f('start', 'src', 'p0', ['d']), ...flows] }) });
    expect(o.at('d', `p${n}`)).toEqual(['DE']);
    expect(o.chain('d', `p${n}`)).toHaveLength(n + 1);
  });
});
