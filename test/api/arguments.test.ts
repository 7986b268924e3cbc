/**
 * The library answers hostile arguments with DiagnosticError that say what was expected, never a
 * TypeError from deep inside, and never checks a value JSON.stringify would have changed
 * (a function dropped, NaN turned into null, a Map into {}).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { explain, loadPolicy, validateManifest } from '../../src/library/api';
import { check, createChecker, validateManifests, type Checker } from '../../src/library/checker';
import { DiagnosticError, formatDiagnostic } from '../../src/source/diagnostic';
import { loadLaw } from '../../src/law/load-law';
import { builtinPackIds, packPresets } from '../../src/policy/load-policy';

const ROOT = path.resolve(__dirname, '..', '..');
const saas = { file: 'eu-saas-us-processor.yaml', text: fs.readFileSync(path.join(ROOT, 'examples', 'manifests', 'eu-saas-us-processor.yaml'), 'utf8') };
const NOT_JSON = 'a manifest object must be plain JSON data: objects, arrays, strings, finite numbers, booleans and null';
const SHAPE = 'expected { file, text } (the text of a manifest) or { file, manifest } (a manifest as plain data)';

let checker: Checker;
beforeAll(async () => {
  checker = await createChecker({ asOf: '2026-11-28' });
});

/** The lines DiagnosticError carries, as the CLI prints them; fails if anything else was thrown (or nothing). */
function thrown(f: () => unknown): string[] {
  try {
    f();
  } catch (err) {
    if (!(err instanceof DiagnosticError)) throw err;
    return err.diagnostics.map((e) => formatDiagnostic(e));
  }
  throw new Error('nothing was thrown');
}

async function rejected(p: Promise<unknown>): Promise<string[]> {
  try {
    await p;
  } catch (err) {
    if (!(err instanceof DiagnosticError)) throw err;
    return err.diagnostics.map((e) => formatDiagnostic(e));
  }
  throw new Error('nothing was thrown');
}

/** A minimal valid manifest object with `extra` merged into it. */
const manifest = (extra: Record<string, unknown> = {}) => ({ manifestVersion: 1, system: { id: 's' }, parties: [], datasets: [], flows: [], ...extra });

describe('the manifests argument', () => {
  it.each([
    ['a number', 42],
    ['null', null],
    ['a string', 'eu-saas.yaml'],
    ['a Map', new Map([['a.yaml', 'x']])],
    ['an object', { file: 'a.yaml', text: 'x' }],
    ['undefined', undefined],
  ])('that is %s and not an array: check and explain throw DiagnosticError', (what, value) => {
    const line = `manifests: expected an array of manifests, got ${what} (${SHAPE})`;
    expect(thrown(() => checker.check(value as never))).toEqual([line]);
    expect(thrown(() => checker.explain(value as never, 'hosting'))).toEqual([line]);
  });

  it('validateManifest takes one manifest or a list; anything else is its error, returned', () => {
    expect(validateManifest(saas).valid).toBe(true);
    const result = validateManifest(42 as never);
    expect(result.valid).toBe(false);
    expect(result.errors.map((e) => formatDiagnostic(e))).toEqual([`manifests: expected an array of manifests, got a number (${SHAPE})`]);
  });

  it('validateManifests (the lower-level call) returns the same error, and checks its law argument', () => {
    const law = loadLaw();
    if (!law.ok) throw new Error('law');
    expect(validateManifests('x' as never, law.value.law).errors.map((e) => formatDiagnostic(e))).toEqual([`manifests: expected an array of manifests, got a string (${SHAPE})`]);
    expect(thrown(() => validateManifests([], {} as never))).toEqual(['law: expected the law of loadLaw(), got an object']);
  });
});

describe('each entry: a bad one is its own error, located at its name, and the others are still checked', () => {
  it.each([
    [null, `manifests[1]:1:1 manifests[1]: got null (${SHAPE})`],
    ['eu.yaml', `manifests[1]:1:1 manifests[1]: got a string (${SHAPE})`],
    [{ file: 7, text: 'x' }, 'manifests[1]:1:1 manifests[1].file: expected a string (the name used in messages), got a number'],
    [{ file: '', text: 'x' }, 'manifests[1]:1:1 manifests[1].file: empty (name the manifest, e.g. its path)'],
    [{ file: 'b.yaml', text: Buffer.from('manifestVersion: 1') }, 'b.yaml:1:1 manifests[1].text: expected a string, got a Buffer (decode the bytes first, e.g. new TextDecoder("utf-8", { fatal: true }).decode(bytes))'],
    [{ file: 'b.yaml', text: new Uint8Array(3) }, 'b.yaml:1:1 manifests[1].text: expected a string, got a Uint8Array (decode the bytes first, e.g. new TextDecoder("utf-8", { fatal: true }).decode(bytes))'],
    [{ file: 'b.yaml', text: 12 }, 'b.yaml:1:1 manifests[1].text: expected a string, got a number'],
    [{ file: 'b.yaml', text: null }, 'b.yaml:1:1 manifests[1].text: expected a string, got null'],
    [{ file: 'b.yaml' }, `b.yaml:1:1 manifests[1]: neither text nor manifest (${SHAPE})`],
    [{ file: 'b.yaml', text: '', manifest: {} }, 'b.yaml:1:1 manifests[1]: both text and manifest (give one of them)'],
    [{ file: 'b.yaml', txt: 'x' }, `b.yaml:1:1 manifests[1]: unknown key "txt" (${SHAPE})`],
    [new (class Entry { file = 'b.yaml'; text = 'x'; })(), `manifests[1]:1:1 manifests[1]: got an Entry (${SHAPE})`],
    [{ get file(): string { throw new RangeError('no'); }, text: 'x' }, `manifests[1]:1:1 manifests[1]: reading it threw a RangeError (${SHAPE})`],
    [new Proxy({}, { ownKeys: () => { throw new Error('trap'); } }), `manifests[1]:1:1 manifests[1]: reading it threw an Error (${SHAPE})`],
  ])('entry %#', (entry, line) => {
    const report = checker.check([saas, entry] as never);
    expect(report.errors.map((e) => `${e.location?.file}:${e.location?.line}:${e.location?.column} ${e.message}${e.hint ? ` (${e.hint})` : ''}`)).toEqual([line]);
    expect(report.errors[0].code).toBe('argument/invalid');
    // The good manifest is still read and its flows judged.
    expect(report.summary.flows).toBe(4);
  });
});

describe('a manifest object must be plain JSON data', () => {
  const cyclic: Record<string, unknown> = manifest();
  (cyclic.system as Record<string, unknown>).owner = cyclic;
  const deep: Record<string, unknown> = {};
  let at = deep;
  for (let i = 0; i < 100_000; i++) at = (at.a = {}) as Record<string, unknown>;
  // 2^40 references to one string: a few hundred bytes in memory, terabytes as JSON.
  let shared: unknown = 'x'.repeat(100);
  for (let i = 0; i < 40; i++) shared = [shared, shared];
  const sparse: unknown[] = [];
  sparse.length = 2 ** 32 - 1;
  const withGetter = manifest();
  let reads = 0;
  Object.defineProperty(withGetter, 'system', { enumerable: true, get: () => (reads++ === 0 ? { id: 's' } : { id: 42 }) });

  it.each([
    ['a cycle', cyclic, `m.json:1:1 system.owner: refers back to an object that contains it (a cycle) (JSON cannot represent cycles)`],
    ['a BigInt', manifest({ manifestVersion: 1n }), `m.json:1:1 manifestVersion: a BigInt is not a JSON value (${NOT_JSON})`],
    ['a symbol', manifest({ system: { id: Symbol('s') } }), `m.json:1:1 system.id: a symbol is not a JSON value (${NOT_JSON})`],
    ['a function', manifest({ flows: [() => ({ id: 'f' })] }), `m.json:1:1 flows[0]: a function is not a JSON value (${NOT_JSON})`],
    ['undefined in an array', manifest({ flows: [undefined] }), `m.json:1:1 flows[0]: undefined is not a JSON value (${NOT_JSON})`],
    ['a hole in an array', manifest({ parties: new Array(1) }), `m.json:1:1 parties[0]: undefined is not a JSON value (${NOT_JSON})`],
    ['NaN', manifest({ manifestVersion: NaN }), `m.json:1:1 manifestVersion: NaN is not a JSON number (${NOT_JSON})`],
    ['Infinity', manifest({ datasets: [{ subjectsCount: Infinity }] }), `m.json:1:1 datasets[0].subjectsCount: Infinity is not a JSON number (${NOT_JSON})`],
    ['a Date', manifest({ flows: [{ endsOn: new Date('2027-01-01') }] }), `m.json:1:1 flows[0].endsOn: a Date is not a JSON value (${NOT_JSON})`],
    ['a Map', new Map([['manifestVersion', 1]]), `m.json:1:1 (root): a Map is not a JSON value (${NOT_JSON})`],
    ['a Set', manifest({ parties: new Set() }), `m.json:1:1 parties: a Set is not a JSON value (${NOT_JSON})`],
    ['an object with toJSON', manifest({ system: { toJSON: () => ({ id: 's' }) } }), `m.json:1:1 system.toJSON: a function is not a JSON value (${NOT_JSON})`],
    ['a boxed string', manifest({ system: { id: new String('s') } }), `m.json:1:1 system.id: a String is not a JSON value (${NOT_JSON})`],
    ['huge depth', deep, 'm.json:1:1 ' + 'a.'.repeat(64).slice(0, -1) + ': nested deeper than 64 levels (manifests need only a few levels; this looks like generated or hostile data)'],
    ['shared references that expand beyond the size limit', manifest({ flows: shared }), 'm.json:1:1 (root): as JSON it would be over the limit of 67108864 bytes (shared references are written out in full; raise maxFileBytes if this is intended)'],
    ['a sparse array of length 2^32-1', manifest({ flows: sparse }), 'm.json:1:1 (root): as JSON it would be over the limit of 67108864 bytes (shared references are written out in full; raise maxFileBytes if this is intended)'],
  ])('%s', (_what, value, line) => {
    const result = validateManifest({ file: 'm.json', manifest: value } as never);
    expect(result.errors.map((e) => formatDiagnostic(e))).toEqual([line]);
    expect(result.errors.every((e) => e.code === 'source/syntax')).toBe(true);
    const report = checker.check([{ file: 'm.json', manifest: value }] as never);
    expect(report.errors.map((e) => `m.json:1:1 ${e.message} (${e.hint})`)).toEqual([line]);
  });

  it('reports every bad value of a manifest, not only the first', () => {
    const result = validateManifest({ file: 'm.json', manifest: manifest({ manifestVersion: 1n, flows: [() => 1, NaN] }) } as never);
    expect(result.errors.map((e) => e.location?.pointer)).toEqual(['/flows/0', '/flows/1', '/manifestVersion']);
  });

  it('reads each property once: a getter cannot pass validation with one value and be checked with another', () => {
    reads = 0;
    const result = validateManifest({ file: 'm.json', manifest: withGetter } as never);
    expect(reads).toBe(1);
    expect(result.valid).toBe(true);
  });

  it('a property set to undefined is absent, as in JSON and TypeScript\'s optional properties', () => {
    expect(validateManifest({ file: 'm.json', manifest: manifest({ system: { id: 's', name: undefined } }) } as never).valid).toBe(true);
  });

  it('shared references that are not cycles are fine (written out twice, as JSON would)', () => {
    const party = { id: 'p', name: 'P', country: 'DE', role: 'controller' };
    const system = { id: 's' };
    const result = validateManifest({ file: 'm.json', manifest: manifest({ system, parties: [party], datasets: [], flows: [] }) } as never);
    expect(result.valid).toBe(true);
  });

  it('an own "__proto__" key (as JSON.parse makes it) is refused as in a file; "constructor" too', () => {
    const parsed = JSON.parse('{"manifestVersion": 1, "system": {"id": "s", "__proto__": {"admin": true}}}') as unknown;
    expect(validateManifest({ file: 'm.json', manifest: parsed } as never).errors.map((e) => formatDiagnostic(e))).toEqual([
      'm.json:5:5 reserved key "__proto__" (keys __proto__, constructor and prototype are refused in every input)',
    ]);
    const ctor = manifest({ system: { id: 's', constructor: 'x' } });
    expect(validateManifest({ file: 'm.json', manifest: ctor } as never).errors.map((e) => e.message)).toEqual(['reserved key "constructor"']);
  });

  it('an object without a prototype is plain data', () => {
    const bare = Object.assign(Object.create(null) as Record<string, unknown>, manifest());
    expect(validateManifest({ file: 'm.json', manifest: bare } as never).valid).toBe(true);
  });
});

describe('options', () => {
  it('createChecker: every bad option at once', async () => {
    expect(await rejected(createChecker({ asOf: 20260101, packs: 'eu-gdpr', policy: 1, limits: { maxDepth: -1, maxFlows: '10', maxLines: 3 } } as never))).toEqual([
      'options.asOf: expected a string, got a number (YYYY-MM-DD, e.g. 2026-01-31)',
      'options.policy: expected a string, got a number (the path of an organisation policy file)',
      'options.packs: expected an array of pack ids, got a string (e.g. ["eu-gdpr", "jp-appi"])',
      'options.limits.maxDepth: expected a positive number, got -1',
      'options.limits.maxFlows: expected a positive number, got a string',
      'options.limits.maxLines: unknown limit (the limits are: maxFileBytes, maxFiles, maxFlows, maxDepth, maxConditionCost)',
    ]);
    expect(await rejected(createChecker(null as never))).toEqual(['options: expected an object, got null']);
    expect(await rejected(createChecker({ asOf: '2026-02-30' }))).toEqual(['--as-of: "2026-02-30" is not a date (expected YYYY-MM-DD, e.g. 2026-01-31)']);
    expect(await rejected(createChecker({ packs: ['eu-gdrp'] }))).toEqual(['unknown rule pack "eu-gdrp" (did you mean "eu-gdpr"?)']);
  });

  it('check and explain: asOf, horizon, flowId, onProgress', () => {
    expect(thrown(() => checker.check([saas], { asOf: new Date() as never }))).toEqual(['options.asOf: expected a string, got a Date (YYYY-MM-DD, e.g. 2026-01-31)']);
    expect(thrown(() => checker.check([saas], { asOf: 'tomorrow' }))).toEqual(['asOf: "tomorrow" is not a date (expected YYYY-MM-DD, e.g. 2026-01-31)']);
    expect(thrown(() => checker.check([saas], { horizon: 180 as never }))).toEqual(['options.horizon: expected a string, got a number (e.g. 180d, 26w, 6m, 1y)']);
    expect(thrown(() => checker.check([saas], { onProgress: 'yes' as never }))).toEqual(['options.onProgress: expected a function, got a string']);
    expect(thrown(() => checker.check([saas], Symbol('o') as never))).toEqual(['options: expected an object, got a symbol']);
    expect(thrown(() => checker.explain([saas], { id: 'hosting' } as never))).toEqual(['flowId: expected a string (the id of a flow), got an object']);
  });

  it('the one-call functions answer the same', async () => {
    expect(await rejected(check(null as never))).toEqual([`manifests: expected an array of manifests, got null (${SHAPE})`]);
    expect(await rejected(explain([saas], 'hosting', { packs: [1] } as never))).toEqual(['options.packs: expected an array of pack ids, got an array (e.g. ["eu-gdpr", "jp-appi"])']);
    // The lists are read from rules/, so that a pack added there needs no edit here.
    const presets = [...packPresets().keys()].join(', ');
    expect(await rejected(loadPolicy({ packs: ['nope'] }))).toEqual([`unknown rule pack "nope" (the built-in packs are: ${builtinPackIds().join(', ')}; the presets: ${presets})`]);
    expect(builtinPackIds()).toEqual(expect.arrayContaining(['ch-fadp', 'cn-pipl', 'eu-gdpr', 'eu-jp-supplementary', 'jp-appi', 'uk-gdpr']));
    expect(thrown(() => validateManifest(saas, { rulesDir: 5 } as never))).toEqual(['options.rulesDir: expected a string, got a number']);
  });
});
