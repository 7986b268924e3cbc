import type { Report } from '../../src/types';
import { checkManifests, manifest, yamlText } from '../support/helpers';
import { checkerFor } from '../support/helpers';

// Conflicting input judges nothing from the conflict: a flow that uses a party
// or dataset declared differently in two manifests, a repeated flow id, or data whose origin
// runs through such a flow, gets no verdict, whatever the order of the files.

type Files = Record<string, unknown>;

/** Checks the files in the given order and in reverse. */
async function bothOrders(files: Files): Promise<[Report, Report]> {
  const entries = Object.entries(files);
  const checker = await checkerFor();
  const run = (list: Array<[string, unknown]>) => checker.check(list.map(([file, m]) => ({ file, text: yamlText(m) })));
  return [run(entries), run([...entries].reverse())];
}

const judged = (r: Report): string[] => r.flows.map((f) => f.id).sort();
const errorLines = (r: Report): string[] => r.errors.map((e) => `${e.location?.file}:${e.location?.line}:${e.location?.column} ${e.code} ${e.message}`);

const parties = [
  { id: 'acme-de', country: 'DE' },
  { id: 'acme-jp', country: 'JP', activities: [] },
  { id: 'other-us', country: 'US', certifications: ['eu-us-dpf'] },
];
const datasets = [
  { id: 'customers', categories: ['contact'], collectedIn: ['DE'] },
  { id: 'staff', categories: ['employment'], collectedIn: ['DE'] },
];

describe('a party declared differently in two manifests', () => {
  const files: Files = {
    'a-team.yaml': manifest({
      id: 'a',
      parties: [...parties, { id: 'vendor', country: 'US', certifications: ['eu-us-dpf'] }],
      datasets,
      flows: [{ id: 'a-to-vendor', from: 'acme-de', to: 'vendor', datasets: ['customers'] }],
    }),
    'b-team.yaml': manifest({
      id: 'b',
      parties: [{ id: 'vendor', country: 'CN' }],
      flows: [
        { id: 'b-to-vendor', from: 'acme-de', to: 'vendor', datasets: ['staff'] },
        { id: 'b-to-japan', from: 'acme-de', to: 'acme-jp', datasets: ['staff'] },
      ],
    }),
  };

  it('judges no flow that uses it, in either order, and still judges the others', async () => {
    const [forward, backward] = await bothOrders(files);
    for (const r of [forward, backward]) {
      expect(judged(r)).toEqual(['b-to-japan']);
      expect(r.flows[0].verdict).toBe('allowed');
    }
  });

  it('reports the conflict where it differs from the first declaration by file, and each flow left out, in either order', async () => {
    const [forward, backward] = await bothOrders(files);
    const expected = [
      'a-team.yaml:30:9 manifest/not-judged flow "a-to-vendor" is not judged: party "vendor" has conflicting definitions',
      'b-team.yaml:5:9 manifest/duplicate-id party "vendor" is declared with a different definition than at a-team.yaml:14:5; flows that use it are not judged',
      'b-team.yaml:9:9 manifest/not-judged flow "b-to-vendor" is not judged: party "vendor" has conflicting definitions',
    ];
    expect(errorLines(forward)).toEqual(expected);
    expect(errorLines(backward)).toEqual(expected);
  });
});

describe('a flow whose data come through a flow left out', () => {
  it('is not judged either: its origin depends on that flow; flows of other data are', async () => {
    const files: Files = {
      'hq.yaml': manifest({ id: 'hq', parties, datasets, flows: [
        { id: 'onward', from: 'acme-jp', to: 'other-us', datasets: ['customers'] },
        { id: 'further', from: 'other-us', to: 'acme-de', datasets: ['customers'] },
        { id: 'staff-onward', from: 'acme-jp', to: 'other-us', datasets: ['staff'] },
      ] }),
      'x.yaml': manifest({ id: 'x', parties: [{ id: 'acme-de', country: 'FR' }], flows: [{ id: 'in', from: 'acme-de', to: 'acme-jp', datasets: ['customers'] }] }),
      'y.yaml': manifest({ id: 'y', parties: [{ id: 'shop', country: 'JP' }], flows: [{ id: 'local', from: 'shop', to: 'acme-jp', datasets: ['staff'] }] }),
    };
    const [forward, backward] = await bothOrders(files);
    for (const r of [forward, backward]) {
      // "in" and "further" use acme-de; "onward" carries what "in" brought to Japan.
      expect(judged(r)).toEqual(['local', 'staff-onward']);
      expect(r.errors.filter((e) => e.code === 'manifest/not-judged').map((e) => e.message)).toEqual([
        'flow "onward" is not judged: the origin of its data depends on flow "in", which is not judged',
        'flow "further" is not judged: party "acme-de" has conflicting definitions',
        'flow "in" is not judged: party "acme-de" has conflicting definitions',
      ]);
    }
  });

  it('is not judged when the flow bringing its data names an unknown dataset', async () => {
    const r = await checkManifests({ 'm.yaml': manifest({ parties, datasets, flows: [
      { id: 'in', from: 'acme-de', to: 'acme-jp', datasets: ['customers', 'custmers'] },
      { id: 'onward', from: 'acme-jp', to: 'other-us', datasets: ['customers'] },
      { id: 'staff-onward', from: 'acme-jp', to: 'other-us', datasets: ['staff'] },
    ] }) });
    expect(judged(r)).toEqual(['staff-onward']);
    expect(r.errors.map((e) => e.message)).toEqual([
      'flows[0].datasets[1]: unknown dataset "custmers"',
      'flow "onward" is not judged: the origin of its data depends on flow "in", which is not judged',
    ]);
  });

  it('is not judged when it carries a dataset derived from a conflicting one', async () => {
    const files: Files = {
      'a.yaml': manifest({ id: 'a', parties, datasets: [...datasets, { id: 'scores', categories: ['online-activity'], derivedFrom: ['customers'] }], flows: [
        { id: 'scores-out', from: 'acme-de', to: 'other-us', datasets: ['scores'] },
        { id: 'staff-out', from: 'acme-de', to: 'other-us', datasets: ['staff'] },
      ] }),
      'b.yaml': manifest({ id: 'b', datasets: [{ id: 'customers', categories: ['contact', 'health'], collectedIn: ['DE'] }] }),
    };
    const [forward, backward] = await bothOrders(files);
    for (const r of [forward, backward]) {
      expect(judged(r)).toEqual(['staff-out']);
      expect(r.errors.map((e) => e.message)).toEqual([
        'flow "scores-out" is not judged: dataset "scores" derives from dataset "customers", which has conflicting definitions',
        'dataset "customers" is declared with a different definition than at a.yaml:15:5; flows that use it are not judged',
      ]);
    }
  });
});

describe('a flow id declared twice', () => {
  it('judges neither declaration, in either order, nor the flows its data go on to', async () => {
    const files: Files = {
      'a.yaml': manifest({ id: 'a', parties, datasets, flows: [{ id: 'sync', from: 'acme-de', to: 'acme-jp', datasets: ['customers'] }] }),
      'b.yaml': manifest({ id: 'b', flows: [
        { id: 'sync', from: 'acme-de', to: 'other-us', datasets: ['customers'] },
        { id: 'onward', from: 'acme-jp', to: 'other-us', datasets: ['customers'] },
        { id: 'staff', from: 'acme-de', to: 'acme-jp', datasets: ['staff'] },
      ] }),
    };
    const [forward, backward] = await bothOrders(files);
    for (const r of [forward, backward]) {
      expect(judged(r)).toEqual(['staff']);
      expect(errorLines(r)).toEqual([
        'b.yaml:7:9 manifest/duplicate-id flow "sync" is declared twice (first at a.yaml:26:5); neither is judged',
        'b.yaml:12:9 manifest/not-judged flow "onward" is not judged: the origin of its data depends on flow "sync", which is not judged',
      ]);
    }
  });
});

describe('an identical repeat', () => {
  it('is no conflict: every flow is judged', async () => {
    const [forward, backward] = await bothOrders({
      'a.yaml': manifest({ id: 'a', parties, datasets, flows: [{ id: 'one', from: 'acme-de', to: 'acme-jp', datasets: ['customers'] }] }),
      // The same party with its keys in another order and the default role spelt out.
      'b.yaml': manifest({ id: 'b', parties: [{ activities: [], country: 'JP', id: 'acme-jp', role: 'controller' }], flows: [{ id: 'two', from: 'acme-jp', to: 'other-us', datasets: ['customers'] }] }),
    });
    for (const r of [forward, backward]) {
      expect(r.errors).toEqual([]);
      expect(judged(r)).toEqual(['one', 'two']);
    }
  });
});
