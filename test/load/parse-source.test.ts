import { decodeUtf8, parseSource } from '../../src/source/parse-source';
import { formatDiagnostic } from '../../src/source/diagnostic';

function errorsOf(file: string, text: string): string[] {
  const r = parseSource(file, text);
  if (r.ok) throw new Error('expected a syntax error');
  return r.diagnostics.map((e) => formatDiagnostic(e));
}

describe('parseSource', () => {
  it('reads JSON and YAML into the same data', () => {
    const json = parseSource('a.json', '{"manifestVersion": 1, "flows": [{"id": "x"}]}');
    const yaml = parseSource('a.yaml', 'manifestVersion: 1\nflows:\n  - id: x\n');
    expect(json.ok && yaml.ok).toBe(true);
    if (json.ok && yaml.ok) expect(json.value.data).toEqual(yaml.value.data);
  });

  it('locates a JSON syntax error by line and column', () => {
    expect(errorsOf('bad.json', '{\n  "a": 1,\n  "b": \n}\n')).toEqual(['bad.json:4:1 invalid JSON: expected a value, found "}"']);
    expect(errorsOf('cut.json', '{"a": [1, 2')).toEqual(['cut.json:1:12 invalid JSON: expected \',\' or \']\', found the end of the input']);
  });

  it('locates a YAML syntax error by line and column', () => {
    const [error] = errorsOf('bad.yaml', 'flows:\n  - id: a\n   from: b\n');
    expect(error).toMatch(/^bad\.yaml:3:\d+ invalid YAML: /);
  });

  it('rejects a duplicate key in YAML as ambiguous', () => {
    expect(errorsOf('dup.yaml', 'system:\n  id: a\n  id: b\n')).toEqual([expect.stringMatching(/^dup\.yaml:3:3 invalid YAML: map keys must be unique/)]);
  });

  it('locates a pointer to a key or a value in both formats', () => {
    for (const [file, text] of [
      ['a.json', '{\n  "flows": [\n    {"id": "x", "to": "y"}\n  ]\n}'],
      ['a.yaml', 'flows:\n  - id: x\n    to: y\n'],
    ]) {
      const r = parseSource(file, text);
      if (!r.ok) throw new Error('parse');
      const value = r.value.source.locate('/flows/0/to');
      const key = r.value.source.locate('/flows/0/to', { key: true });
      expect(text.split('\n')[value.line - 1].slice(value.column - 1)).toMatch(/^"?y/);
      expect(text.split('\n')[key.line - 1].slice(key.column - 1)).toMatch(/^"?to/);
      // A missing member falls back to the deepest existing ancestor.
      expect(r.value.source.locate('/flows/0/missing').line).toBe(r.value.source.locate('/flows/0').line);
    }
  });
});

describe('decodeUtf8', () => {
  it('drops a byte-order mark', () => {
    const r = decodeUtf8('a.json', Buffer.from([0xef, 0xbb, 0xbf, 0x7b, 0x7d]));
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.value.text).toBe('{}');
  });

  it('rejects invalid UTF-8 with the offset of the first bad byte', () => {
    const r = decodeUtf8('a.json', Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x7d]));
    expect(r.ok).toBe(false);
    expect(r.diagnostics.map((d) => formatDiagnostic(d))).toEqual(['a.json:1:3 invalid UTF-8 at byte 2 (save the file as UTF-8)']);
  });
});

describe('YAML the parser warns about', () => {
  it('a collection as a key is refused, located, without a warning printed past the CLI (process.emitWarning)', () => {
    const warn = jest.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    try {
      expect(errorsOf('k.yaml', 'manifestVersion: 1\n? [a, b]\n: c\n')).toEqual(['k.yaml:2:3 invalid YAML: a sequence as a map key is not supported (write the key as a plain string)']);
      expect(warn).not.toHaveBeenCalled();
    } finally {
      warn.mockRestore();
    }
  });
});
