import { resolveModel } from '../../src/resolve/resolve';
import { parseSource } from '../../src/source/parse-source';
import { loadLaw } from '../../src/law/load-law';
import { formatDiagnostic } from '../../src/source/diagnostic';
import type { DataFlowManifest } from '../../src/types';
import { manifest } from '../support/helpers';

// The datasets a flow carries and those a dataset derives from, resolved by id: every known one
// in declaration order, every unknown one reported where it is written, in order.

const law = (() => {
  const l = loadLaw();
  if (!l.ok) throw new Error(l.diagnostics.map((e) => formatDiagnostic(e)).join('\n'));
  return l.value.law;
})();

function resolve(m: Record<string, unknown>) {
  const parsed = parseSource('m.json', JSON.stringify(m, null, 2));
  if (!parsed.ok) throw new Error('parse');
  return resolveModel([{ source: parsed.value.source, manifest: parsed.value.data as DataFlowManifest }], { taxonomy: law.taxonomy });
}

const parties = [{ id: 'a', country: 'DE' }, { id: 'b', country: 'JP' }];
const datasets = [{ id: 'x', categories: ['contact'] }, { id: 'y', categories: ['contact'] }, { id: 'z', categories: ['contact'], derivedFrom: ['y', 'ghost-1', 'x', 'ghost-2'] }];

describe('dataset references', () => {
  const { model, errors } = resolve(manifest({
    parties,
    datasets,
    flows: [
      { id: 'ok', from: 'a', to: 'b', datasets: ['z', 'x', 'y'] },
      { id: 'bad', from: 'a', to: 'b', datasets: ['x', 'nope', 'y', 'gone'] },
    ],
  }));
  const lines = errors.map((e) => `${e.location?.pointer} ${e.location?.line}:${e.location?.column} ${e.message}`);

  it('gives a flow its datasets in the order it names them', () => {
    expect(model.flows.map((f) => f.view.id)).toEqual(['ok']);
    expect(model.flows[0].datasets.map((d) => d.view.id)).toEqual(['z', 'x', 'y']);
  });

  it('keeps the known sources of a derived dataset, in order, and reports each unknown one where it is written', () => {
    expect(model.datasetById.get('z')!.derivedFrom.map((d) => d.view.id)).toEqual(['y', 'x']);
    expect(model.datasetById.get('x')!.derivedFrom).toEqual([]);
    expect(lines.filter((l) => l.startsWith('/datasets/'))).toEqual([
      '/datasets/2/derivedFrom/1 36:9 datasets[2].derivedFrom[1]: unknown dataset "ghost-1"',
      '/datasets/2/derivedFrom/3 38:9 datasets[2].derivedFrom[3]: unknown dataset "ghost-2"',
    ]);
  });

  it('leaves out a flow naming unknown datasets, each reported in order', () => {
    expect(lines.filter((l) => l.startsWith('/flows/'))).toEqual([
      '/flows/1/datasets/1 59:9 flows[1].datasets[1]: unknown dataset "nope"',
      '/flows/1/datasets/3 61:9 flows[1].datasets[3]: unknown dataset "gone"',
    ]);
  });

  it('locates flows from the index made while parsing, past an index kept in a typed array', () => {
    const flow = model.flows[0];
    expect(flow.source.locate(flow.pointer)).toMatchObject({ line: 43, column: 5, endLine: 52, endColumn: 6, pointer: '/flows/0' });
  });
});

describe('lists that flows repeat', () => {
  // A million flows mostly repeat a few lists of datasets and purposes: equal lists are one list
  // (about 50 bytes a flow each), and a flow still reads exactly its own, in its own order.
  const { model, errors } = resolve(manifest({
    parties,
    datasets: datasets.slice(0, 2), // x and y, no unknown references
    flows: [
      { id: 'f1', from: 'a', to: 'b', datasets: ['x', 'y'], purposes: ['hr-management', 'payroll'] },
      { id: 'f2', from: 'a', to: 'b', datasets: ['x', 'y'], purposes: ['hr-management', 'payroll'] },
      { id: 'f3', from: 'a', to: 'b', datasets: ['y', 'x'], purposes: ['hr-management'] },
      { id: 'f4', from: 'a', to: 'b', datasets: ['x'], purposes: ['hr-management,payroll'] },
      { id: 'f5', from: 'a', to: 'b', datasets: ['x'] },
      { id: 'f6', from: 'a', to: 'b', datasets: ['x'], purposes: [] },
    ],
  }));
  const flow = (id: string) => model.flows.find((f) => f.view.id === id)!;

  it('shares equal lists of dataset ids, of datasets and of purposes between flows', () => {
    expect(errors).toEqual([]);
    expect(flow('f2').view.datasets).toBe(flow('f1').view.datasets);
    expect(flow('f2').datasets).toBe(flow('f1').datasets);
    expect(flow('f2').view.purposes).toBe(flow('f1').view.purposes);
    expect(flow('f6').view.purposes).toBe(flow('f5').view.purposes);
  });

  it('keeps each flow its own list: order counts, and a list is never one joined text', () => {
    expect(flow('f3').view.datasets).toEqual(['y', 'x']);
    expect(flow('f3').datasets.map((d) => d.view.id)).toEqual(['y', 'x']);
    expect(flow('f3').view.purposes).toEqual(['hr-management']);
    expect(flow('f4').view.purposes).toEqual(['hr-management,payroll']);
    expect(flow('f4').view.purposes).not.toBe(flow('f1').view.purposes);
    expect(flow('f1').view.purposes).toEqual(['hr-management', 'payroll']);
    expect(flow('f5').view.purposes).toEqual([]);
    expect(flow('f4').datasets.map((d) => d.view.id)).toEqual(['x']);
  });
});
