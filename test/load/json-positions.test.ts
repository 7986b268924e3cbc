import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { LineCounter, parseDocument } from 'yaml';
import { indexJson } from '../../src/load/json-positions';
import { SourceDocument } from '../../src/load/source-document';
import { toPointer } from '../../src/load/pointer';

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
      for (const p of pointers(JSON.parse(text))) {
        expect({ p, ...fast.locate(p) }).toEqual({ p, ...slow.locate(p) });
        expect({ p, ...fast.locate(p, { key: true }) }).toEqual({ p, ...slow.locate(p, { key: true }) });
      }
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
});
