import { parseSource } from '../../src/source/parse-source';
import { createAjv } from '../../src/source/ajv';
import { loadSchema } from '../../src/source/schemas';
import { validateAgainst } from '../../src/source/validate-schema';
import { toDiagnostics } from '../../src/source/schema-errors';
import { formatDiagnostic } from '../../src/source/diagnostic';

function validate(file: string, text: string): string[] {
  const r = parseSource(file, text);
  if (!r.ok) throw new Error(r.diagnostics.map((e) => formatDiagnostic(e)).join('\n'));
  return validateAgainst('manifest', r.value).map((e) => formatDiagnostic(e));
}

const base = (flows: string, parties = '  - { id: a, country: DE }\n  - { id: b, country: JP }\n') =>
  `manifestVersion: 1\nsystem: { id: s }\nparties:\n${parties}datasets:\n  - { id: d, categories: [contact] }\nflows:\n${flows}`;

describe('manifest schema errors', () => {
  it('names an unknown field at its key and suggests the right one', () => {
    expect(validate('m.yaml', base('  - id: f\n    from: a\n    to: b\n    datasets: [d]\n    frequncy: regular\n'))).toEqual([
      'm.yaml:13:5 flows[0]: unknown field "frequncy" (did you mean "frequency"?)',
    ]);
  });

  it('escapes control characters of the input it quotes, so that every error stays one line', () => {
    const text = '{"manifestVersion": 1, "system": {"id": "s"}, "\\nflows": [], "x\\u001b[2Jy": 1}';
    const errors = validate('m.json', text);
    expect(errors).toEqual([
      'm.json:1:47 (root): unknown field "\\nflows" (did you mean "flows"?)',
      'm.json:1:62 (root): unknown field "x\\u001b[2Jy" (expected one of: $schema, manifestVersion, kind, system, registries, parties, datasets, flows; extension fields start with "x-")',
    ]);
    for (const e of errors) expect(e).not.toMatch(/[\u0000-\u001f]/);
  });

  it('accepts extension fields starting with x-', () => {
    expect(validate('m.yaml', base('  - id: f\n    from: a\n    to: b\n    datasets: [d]\n    x-ticket: JIRA-1\n'))).toEqual([]);
  });

  it('rejects an unknown country code, with the ISO code for a common alias', () => {
    expect(validate('m.yaml', base('  []\n', '  - { id: a, country: UK }\n'))).toEqual(['m.yaml:4:23 parties[0].country: "UK" is not a known value (did you mean "GB"?)']);
    expect(validate('m.yaml', base('  []\n', '  - { id: a, country: jp }\n'))).toEqual(['m.yaml:4:23 parties[0].country: "jp" is not a known value (did you mean "JP"?)']);
    expect(validate('m.yaml', base('  []\n', '  - { id: a, country: XX }\n'))).toEqual(['m.yaml:4:23 parties[0].country: "XX" is not a known value (expected an ISO 3166-1 alpha-2 country code, upper case)']);
  });

  it('suggests the closest value of a small enum', () => {
    expect(validate('m.yaml', base('  - { id: f, from: a, to: b, datasets: [d], frequency: contnuous }\n'))).toEqual([
      'm.yaml:9:56 flows[0].frequency: "contnuous" is not one of: one-off, occasional, regular, continuous (did you mean "continuous"?)',
    ]);
  });

  it('names an unknown mechanism type and checks the fields of a known one', () => {
    expect(validate('m.yaml', base('  - id: f\n    from: a\n    to: b\n    datasets: [d]\n    mechanisms:\n      - { type: sccs }\n      - { type: scc, modul: 2 }\n'))).toEqual([
      'm.yaml:14:17 flows[0].mechanisms[0].type: unknown type "sccs" (did you mean "scc"?)',
      'm.yaml:15:22 flows[0].mechanisms[1]: unknown field "modul" (did you mean "module"?)',
    ]);
  });

  it('reports every error of a file, sorted by position', () => {
    const errors = validate('m.json', JSON.stringify({ manifestVersion: 2, system: {}, parties: [{ id: 'a b', country: 'DE' }] }, null, 2));
    expect(errors).toEqual([
      'm.json:2:22 manifestVersion: expected 1, got 2',
      'm.json:3:13 system: missing required field "id"',
      'm.json:6:13 parties[0].id: "a b" is not a valid id: use letters, digits and . _ : - (starting with a letter or digit)',
    ]);
  });

  it('gives the same errors from the precompiled and the run-time validator', () => {
    const text = JSON.stringify({ manifestVersion: 1, system: { id: 's', nmae: 'x' }, flows: [{ id: 'f', from: 'a', datasets: [], frequency: 'daily' }] }, null, 2);
    const parsed = parseSource('m.json', text);
    if (!parsed.ok) throw new Error('parse');
    const runtime = createAjv().compile(loadSchema('manifest'));
    runtime(parsed.value.data);
    const fromRuntime = toDiagnostics(runtime.errors ?? [], parsed.value.source, parsed.value.data, loadSchema('manifest'), 'manifest/schema').map((e) => formatDiagnostic(e));
    expect(validateAgainst('manifest', parsed.value).map((e) => formatDiagnostic(e)).sort()).toEqual([...fromRuntime].sort());
    expect(fromRuntime.length).toBeGreaterThanOrEqual(4);
  });
});
