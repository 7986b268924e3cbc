import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { LineCounter, parseDocument } from 'yaml';
import { indexJson } from '../../src/source/json-positions';
import { scanJsonStructure } from '../../src/source/json-structure';
import { SourceDocument } from '../../src/source/source-document';
import { toPointer } from '../../src/source/pointer';

/** Every pointer of a value. */
function pointers(value: unknown, path: Array<string | number> = []): string[] {
  const out = [toPointer(path)];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...pointers(v, [...path, i])));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) out.push(...pointers(v, [...path, k]));
  return out;
}

const examples = path.join(__dirname, '..', '..', 'examples', 'manifests');
const samples = fs.readdirSync(examples).filter((f) => f.endsWith('.yaml')).map((f) => parse(fs.readFileSync(path.join(examples, f), 'utf8')));
samples.push({ 'a/b': { '~x': ['é', { "q\"uote": 'back\\slash', n: -1.5e3, t: true, z: null }] }, e: [], o: {} });

describe('JSON positions from the one-pass index', () => {
  it.each(samples.map((s, i) => [i, s] as const))('agree with the YAML parser on every pointer, pretty and compact (sample %i)', (_i, sample) => {
    for (const text of [JSON.stringify(sample, null, 2), JSON.stringify(sample), JSON.stringify(sample, null, '\t')]) {
      const fast = new SourceDocument('a.json', text, 'json');
      const lines = new LineCounter();
      const slow = new SourceDocument('a.json', text, 'json', undefined, { doc: parseDocument(text, { lineCounter: lines }), lines });
      // As parsing makes it: the shallow index of the scan (array elements kept compactly).
      const scanned = new SourceDocument('a.json', text, 'json', undefined, undefined, scanJsonStructure(text, 64).index);
      for (const p of pointers(JSON.parse(text))) {
        expect({ p, ...fast.locate(p) }).toEqual({ p, ...slow.locate(p) });
        expect({ p, ...fast.locate(p, { key: true }) }).toEqual({ p, ...slow.locate(p, { key: true }) });
        expect({ p, ...scanned.locate(p) }).toEqual({ p, ...slow.locate(p) });
        expect({ p, ...scanned.locate(p, { key: true }) }).toEqual({ p, ...slow.locate(p, { key: true }) });
      }
      // Not array indices (RFC 6901: no leading zeros, no signs): the nearest ancestor, as without the scan.
      for (const p of ['/flows/01', '/flows/-1', '/flows/1e0', '/parties/99999']) expect(scanned.locate(p)).toEqual(fast.locate(p));
      expect(fast.locate('/flows/999/nothing').line).toBe(slow.locate('/flows/999/nothing').line);
    }
  });

  it('indexes the root and nested containers with their full spans', () => {
    const text = '{"a": [1, {"b": "c"}]}';
    const index = indexJson(text);
    expect(index.get('')?.value).toEqual([0, text.length]);
    expect(text.slice(...index.get('/a')!.value)).toBe('[1, {"b": "c"}]');
    expect(text.slice(...index.get('/a/1/b')!.value)).toBe('"c"');
    expect(text.slice(...index.get('/a/1/b')!.key!)).toBe('"b"');
  });

  it('indexes a text that is one scalar, and a repeated key as a map of pointers would (the last value wins)', () => {
    expect(indexJson(' "x\\"y" ').get('')?.value).toEqual([1, 7]);
    expect(indexJson('-1.5e3\n').get('')?.value).toEqual([0, 6]);
    const text = '{"a": [1, 2], "a": [3]}';
    const index = indexJson(text);
    expect(text.slice(...index.get('/a/0')!.value)).toBe('3');
    expect(text.slice(...index.get('/a/1')!.value)).toBe('2');
  });

  it('gives the same line and column for offsets asked in order (counted forward) and out of order (table)', () => {
    const text = '{\n  "a": 1,\r\n\n  "b": [\n    "x"\n  ]\n}\n';
    const naive = (at: number) => {
      const before = text.slice(0, at);
      const line = before.split('\n').length;
      return { line, column: at - (before.lastIndexOf('\n') + 1) + 1 };
    };
    const inOrder = new SourceDocument('a.json', text, 'json');
    for (let at = 0; at <= text.length; at++) expect({ at, ...inOrder.positionAt(at) }).toEqual({ at, ...naive(at) });
    const shuffled = new SourceDocument('a.json', text, 'json');
    const offsets = [5, 12, 3, 30, 0, 17, text.length, 9];
    for (const at of offsets) expect({ at, ...shuffled.positionAt(at) }).toEqual({ at, ...naive(at) });
  });
});
