import { diffFlows, type FlowSide } from '../../src/extract';

// Drift between code and manifest (src/extract/diff.ts); the command is tested in commands.test.ts.

const at = (file: string, line: number) => ({ file, line, column: 1, pointer: '' });
const side = (flow: Record<string, unknown>, file: string, line: number): FlowSide => ({ flow, location: at(file, line) });

describe('diffFlows', () => {
  it('reports flows only in the code, only in the manifest, and flows that differ, sorted by id', () => {
    const code = [
      side({ id: 'b-new', from: 'x', to: 'y', datasets: ['d'] }, 'src/b.ts', 3),
      side({ id: 'a-changed', from: 'x', to: 'y', datasets: ['d'], purposes: ['p'] }, 'src/a.ts', 7),
      side({ id: 'same', from: 'x', to: 'y', datasets: ['d'] }, 'src/a.ts', 1),
    ];
    const manifest = [
      side({ id: 'same', from: 'x', to: 'y', datasets: ['d'] }, 'm.yaml', 10),
      side({ id: 'a-changed', from: 'x', to: 'z', datasets: ['d'] }, 'm.yaml', 20),
      side({ id: 'c-gone', from: 'x', to: 'y', datasets: ['d'] }, 'm.yaml', 30),
    ];
    expect(diffFlows(code, manifest)).toEqual([
      {
        kind: 'changed',
        id: 'a-changed',
        code: at('src/a.ts', 7),
        manifest: at('m.yaml', 20),
        fields: [
          { field: 'purposes', code: ['p'] },
          { field: 'to', code: 'y', manifest: 'z' },
        ],
      },
      { kind: 'only-in-code', id: 'b-new', code: at('src/b.ts', 3) },
      { kind: 'only-in-manifest', id: 'c-gone', manifest: at('m.yaml', 30) },
    ]);
  });

  it('ignores x- fields, defaults written out or left out, and the order of datasets, purposes and mechanisms', () => {
    const code = [
      side(
        {
          id: 'f',
          from: 'x',
          to: 'y',
          datasets: ['b', 'a'],
          frequency: 'continuous',
          mechanisms: [{ type: 'tia' }, { type: 'scc', module: 2 }],
          'x-source': { file: 'src/f.ts', line: 1 },
        },
        'src/f.ts',
        1,
      ),
    ];
    const manifest = [side({ to: 'y', id: 'f', from: 'x', datasets: ['a', 'b'], access: 'transfer', mechanisms: [{ module: 2, type: 'scc', 'x-note': 'signed' }, { type: 'tia' }] }, 'm.yaml', 1)];
    expect(diffFlows(code, manifest)).toEqual([]);
  });

  it('still tells a default from another value, and the order of a path-like field matters', () => {
    const code = [side({ id: 'f', from: 'x', to: 'y', datasets: ['d'], frequency: 'occasional' }, 'src/f.ts', 1)];
    const manifest = [side({ id: 'f', from: 'x', to: 'y', datasets: ['d'] }, 'm.yaml', 1)];
    expect(diffFlows(code, manifest)).toEqual([{ kind: 'changed', id: 'f', code: at('src/f.ts', 1), manifest: at('m.yaml', 1), fields: [{ field: 'frequency', code: 'occasional' }] }]);
  });
});
