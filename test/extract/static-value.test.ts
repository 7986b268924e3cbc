import { extractFiles, summarise } from './helpers';

/** "src/flows.ts:line:column" of `needle` on 1-based line `line` of `lines`. */
const at = (lines: string[], line: number, needle: string, file = 'src/flows.ts'): string => {
  const column = lines[line - 1].indexOf(needle);
  if (column < 0) throw new Error(`"${needle}" is not on line ${line}`);
  return `${file}:${line}:${column + 1}`;
};

// Static evaluation of declaration arguments (src/extract/static-value.ts), through whole
// extractions of small projects: what is read, and what is reported instead of guessed.

const flowsOf = async (files: Record<string, string>) => {
  const result = await extractFiles(files);
  return { result, flows: (result.manifest.flows ?? []).map(({ 'x-source': _source, ...flow }) => flow) };
};

describe('static evaluation: what is read', () => {
  it('follows consts through aliased, namespace and re-exported imports across files', async () => {
    const { result, flows } = await flowsOf({
      'src/ids.ts': "export const DE = 'acme-de';\nexport const US = 'acme-us';\nexport const DATA = ['customers'] as const;\n",
      'src/barrel.ts': "export { US as TARGET } from './ids';\nexport * as all from './ids';\n",
      'src/flows.ts': [
        "import { declareFlow as flow } from 'dfft';",
        "import { DE as SOURCE } from './ids';",
        "import * as ids from './ids';",
        "import { TARGET, all } from './barrel';",
        "flow({ id: 'a', from: SOURCE, to: TARGET, datasets: [...ids.DATA] });",
        "flow({ id: 'b', from: all.DE, to: ids.US, datasets: [ids.DATA[0]] });",
      ].join('\n'),
    });
    expect(summarise(result)).toEqual([]);
    expect(flows).toEqual([
      { id: 'a', from: 'acme-de', to: 'acme-us', datasets: ['customers'] },
      { id: 'b', from: 'acme-de', to: 'acme-us', datasets: ['customers'] },
    ]);
  });

  it('reads string, numeric (auto-incremented) and const enum members, also by element access', async () => {
    const { result, flows } = await flowsOf({
      'src/enums.ts': "export enum Party { De = 'acme-de', Jp = 'acme-jp' }\nexport enum Module { One = 1, Two }\nexport const enum Kind { Scc = 'scc' }\n",
      'src/flows.ts': [
        "import { declareFlow } from 'dfft';",
        "import { Kind, Module, Party } from './enums';",
        "declareFlow({ id: 'x', from: Party.De, to: Party['Jp'], datasets: ['d'], mechanisms: [{ type: Kind.Scc, module: Module.Two }] });",
      ].join('\n'),
    });
    expect(summarise(result)).toEqual([]);
    expect(flows).toEqual([{ id: 'x', from: 'acme-de', to: 'acme-jp', datasets: ['d'], mechanisms: [{ type: 'scc', module: 2 }] }]);
  });

  it('applies object spreads in order (later keys win) and array spreads', async () => {
    const { flows } = await flowsOf({
      'src/flows.ts': [
        "import { declareFlow } from 'dfft';",
        "const BASE = { from: 'acme-de', to: 'base-to', frequency: 'regular' } as const;",
        "const MORE = ['orders'];",
        "declareFlow({ to: 'early', ...BASE, id: 'x', frequency: 'one-off', datasets: ['customers', ...MORE] });",
      ].join('\n'),
    });
    expect(flows).toEqual([{ id: 'x', to: 'base-to', from: 'acme-de', frequency: 'one-off', datasets: ['customers', 'orders'] }]);
  });

  it('reads templates and + of constants, computed keys, shorthand properties, destructured consts, Object.freeze, satisfies and negative numbers', async () => {
    const { result, flows } = await flowsOf({
      'src/flows.ts': [
        "import { declareFlow } from 'dfft';",
        "const PREFIX = 'acme';",
        "const KEY = 'purposes';",
        "const { from, to: target } = Object.freeze({ from: `${PREFIX}-de`, to: PREFIX + '-us' });",
        "const datasets = ['customers'] satisfies string[];",
        "declareFlow({ id: `${PREFIX}-${1 + 1}`, from, to: target, datasets, [KEY]: ['x'], 'x-offset': -3, endsOn: undefined });",
      ].join('\n'),
    });
    expect(summarise(result)).toEqual([]);
    expect(flows).toEqual([{ id: 'acme-2', from: 'acme-de', to: 'acme-us', datasets: ['customers'], purposes: ['x'], 'x-offset': -3 }]);
  });

  it('reads an ambient const from a package\'s .d.ts by its literal type', async () => {
    const { result, flows } = await flowsOf({
      'node_modules/@acme/ids/package.json': JSON.stringify({ name: '@acme/ids', version: '1.0.0', types: 'index.d.ts' }),
      'node_modules/@acme/ids/index.d.ts': 'export declare const PARTIES: { readonly de: "acme-de"; readonly jp: "acme-jp" };\n',
      'src/flows.ts': "import { declareFlow } from 'dfft';\nimport { PARTIES } from '@acme/ids';\ndeclareFlow({ id: 'x', from: PARTIES.de, to: PARTIES.jp, datasets: ['d'] });\n",
    });
    expect(summarise(result)).toEqual([]);
    expect(flows).toEqual([{ id: 'x', from: 'acme-de', to: 'acme-jp', datasets: ['d'] }]);
  });

  it('finds the helpers under any local name and through a local re-export, but not a local function of the same name', async () => {
    const { result } = await flowsOf({
      'src/compliance.ts': "export { declareFlow as flowOf, declareParty } from 'dfft';\n",
      'src/flows.ts': [
        "import * as dfft from 'dfft';",
        "import { flowOf, declareParty } from './compliance';",
        "function declareFlow(x: unknown) { return x; }",
        "declareFlow({ id: 'not-dfft', from: 'a', to: 'b', datasets: ['d'] });",
        "dfft.declareFlow({ id: 'ns', from: 'a', to: 'b', datasets: ['d'] });",
        "flowOf({ id: 're-exported', from: 'a', to: 'b', datasets: ['d'] });",
        "declareParty({ id: 'a', country: 'DE' });",
      ].join('\n'),
    });
    expect(result.manifest.flows?.map((f) => [f.id, (f['x-source'] as { helper: string }).helper])).toEqual([
      ['ns', 'declareFlow'],
      ['re-exported', 'declareFlow'],
    ]);
    expect(result.manifest.parties?.map((p) => p.id)).toEqual(['a']);
  });
});

describe('static evaluation: what is reported instead of guessed', () => {
  it('reports let variables, function calls and parameters at the offending node, and leaves the flow out', async () => {
    const lines = [
      "import { declareFlow } from 'dfft';",
      "let target = 'acme-us';",
      "function makeId(): string { return 'x'; }",
      'export function register(purpose: string) {',
      "  return declareFlow({ id: makeId(), from: 'acme-de', to: target, datasets: ['d'], purposes: [purpose] });",
      '}',
    ];
    const result = await extractFiles({ 'src/flows.ts': lines.join('\n') });
    expect(result.manifest.flows).toEqual([]);
    expect(summarise(result)).toEqual([
      { code: 'extract/not-static', at: at(lines, 5, 'makeId()'), message: 'declareFlow(): `id` cannot be evaluated statically: `makeId()` is a function call: its result is known only at run time' },
      { code: 'extract/not-static', at: at(lines, 5, 'target'), message: 'declareFlow(): `to` cannot be evaluated statically: `target` is declared with let and may change at run time' },
      { code: 'extract/not-static', at: at(lines, 5, 'purpose]'), message: 'declareFlow(): `purposes[0]` cannot be evaluated statically: `purpose` is a parameter of register(): its value is known only at run time' },
    ]);
    expect(result.diagnostics.every((d) => d.severity === 'error')).toBe(true);
  });

  it('reports a problem inside a const of another file there, naming the declaration that needs it', async () => {
    const result = await extractFiles({
      'src/ids.ts': "export const TARGET = process.env.TARGET ?? 'acme-us';\n",
      'src/flows.ts': "import { declareFlow } from 'dfft';\nimport { TARGET } from './ids';\ndeclareFlow({ id: 'x', from: 'a', to: TARGET, datasets: ['d'] });\n",
    });
    expect(summarise(result)).toEqual([
      {
        code: 'extract/not-static',
        at: 'src/ids.ts:1:23',
        message: 'declareFlow(): `to` cannot be evaluated statically, for the flow declared at src/flows.ts:3:1: `process.env.TARGET ?? \'acme-us\'` is computed at run time',
      },
    ]);
  });

  it('reports spreads of non-objects, methods, self-references, unresolved names, missing properties and array holes', async () => {
    const lines = [
      "import { declareFlow, declareParty, declareDataset } from 'dfft';",
      "const LIST = ['a'];",
      'const LOOP: { id: string } = { id: LOOP.id };',
      "const IDS = { de: 'acme-de' } as const;",
      "declareFlow({ ...LIST, id: 'x', from: 'a', to: 'b', datasets: ['d'] });",
      "declareParty({ id: 'p', country: 'DE', name() { return 'n'; } });",
      "declareParty({ id: LOOP.id, country: 'DE' });",
      "declareDataset({ id: UNKNOWN_NAME, categories: ['contact'] });",
      "declareFlow({ id: 'y', from: (IDS as Record<string, string>).jp, to: 'b', datasets: [, 'd'] });",
    ];
    const result = await extractFiles({ 'src/flows.ts': lines.join('\n') });
    expect(result.manifest).toMatchObject({ flows: [], parties: [], datasets: [] });
    expect(summarise(result).map((d) => [d.at, d.message.replace(/^.*?statically(, for [^:]*:\d+:\d+)?: /, '')])).toEqual([
      // The self-reference is reported where it is written, for the declaration on line 7.
      [at(lines, 3, 'LOOP.id'), '`LOOP` refers to itself'],
      [at(lines, 5, '...LIST'), '`LIST` is not an object'],
      [at(lines, 6, 'name()'), "`name() { return 'n'; }` is not data"],
      [at(lines, 8, 'UNKNOWN_NAME'), '`UNKNOWN_NAME` cannot be resolved'],
      [at(lines, 9, '(IDS'), '`(IDS as Record<string, string>).jp`: the object has no property "jp"'],
      [at(lines, 9, ", 'd']"), 'an array hole has no value'],
    ]);
  });

  it('reports a declaration without argument, or with one that is not an object', async () => {
    const result = await extractFiles({
      'src/flows.ts': "import { declareFlow } from 'dfft';\nconst ID = 'x';\n// @ts-expect-error: the argument is missing\ndeclareFlow();\n// @ts-expect-error: not a flow\ndeclareFlow(ID);\n",
    });
    expect(summarise(result)).toEqual([
      { code: 'extract/invalid-declaration', at: 'src/flows.ts:4:1', message: 'declareFlow() is called without the flow to declare' },
      { code: 'extract/invalid-declaration', at: 'src/flows.ts:6:13', message: 'declareFlow() must be given an object, not "x"' },
    ]);
  });

  it('does not read a file with syntax errors, and says so', async () => {
    const lines = ["import { declareFlow } from 'dfft';", "declareFlow({ id: 'x', from: 'a' to: 'b', datasets: ['d'] });"];
    const result = await extractFiles({ 'src/flows.ts': lines.join('\n') });
    expect(result.manifest.flows).toEqual([]);
    expect(summarise(result)).toEqual([{ code: 'extract/syntax', at: at(lines, 2, 'to:'), message: "',' expected." }]);
  });

  it('reports a missing tsconfig and an invalid config with their locations', async () => {
    const missing = await extractFiles({ 'src/a.ts': '' });
    const { extractProject } = await import('../../src/extract');
    const none = await extractProject({ project: 'nope/tsconfig.json', cwd: missing.dir });
    expect(summarise(none)).toEqual([{ code: 'extract/project', at: 'nope/tsconfig.json:1:1', message: 'cannot read the project: no such file' }]);

    const bad = await extractFiles({ 'src/a.ts': '' }, { config: { system: { id: 'shop' }, hosts: { 'api.x.com': 'not a party id' }, hostz: {} } });
    expect(summarise(bad)).toEqual([
      // The value of the pattern's entry (config written with JSON.stringify(…, null, 2)).
      { code: 'extract/config', at: 'dfft.config.json:6:18', message: 'the party of "api.x.com" must be a party id' },
      { code: 'extract/config', at: 'dfft.config.json:8:3', message: 'unknown key "hostz"' },
    ]);
  });
});
