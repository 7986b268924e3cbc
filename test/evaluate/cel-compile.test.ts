import { validateManifests } from '../../src/library/checker';
import { compileExpression } from '../../src/policy/cel/expressions';
import { createCelEnvironment } from '../../src/policy/cel/environment';
import { DOMAIN_FUNCTIONS } from '../../src/policy/functions';
import type { EvalContext } from '../../src/policy/cel/compile';
import type { FlowState } from '../../src/policy/flow-state';
import { loadLaw } from '../../src/law/load-law';
import { OriginTable } from '../../src/resolve/origin';
import { TupleMap } from '../../src/source/tuple-map';
import { FlowMemo } from '../../src/policy/flow-memo';
import { manifest, yamlText } from '../support/helpers';
import { InForce } from '../../src/policy/in-force';

const loaded = loadLaw();
if (!loaded.ok) throw new Error('law');
const law = loaded.value.law;

const world = manifest({
  parties: [
    { id: 'de', country: 'DE', role: 'controller', group: 'acme' },
    { id: 'jp', country: 'JP', role: 'processor', group: 'acme', activities: [] },
    { id: 'us', country: 'US', certifications: ['eu-us-dpf'], region: 'US-CA' },
    { id: 'cn', country: 'CN', sector: 'public' },
  ],
  datasets: [
    { id: 'customers', categories: ['contact', 'health.diagnosis'], collectedIn: ['DE', 'FR'], subjects: ['customers', 'patients'], subjectsCount: 120000 },
    { id: 'telemetry', categories: ['device'], identifiability: 'pseudonymised' },
    { id: 'stats', categories: ['online-activity'], identifiability: 'anonymised' },
  ],
  flows: [
    { id: 'f1', from: 'de', to: 'jp', datasets: ['customers'], purposes: ['support'], mechanisms: [{ type: 'scc', module: 2, signedOn: '2022-01-01' }, { type: 'tia', completedOn: '2022-02-01' }] },
    { id: 'f2', from: 'jp', to: 'us', datasets: ['customers', 'telemetry'], frequency: 'occasional', mechanisms: [{ type: 'appi-consent', informed: { country: true, protectionSystem: false, recipientMeasures: true } }] },
    { id: 'f3', from: 'us', to: 'cn', datasets: ['stats'], access: 'remote-access', endsOn: '2030-01-01' },
    { id: 'f4', from: 'de', to: 'cn', datasets: ['telemetry', 'customers'], encryption: { inTransit: true } },
  ],
});

const validated = validateManifests([{ file: 'world.yaml', text: yamlText(world) }], law);
expect(validated.errors).toEqual([]);
const origins = new OriginTable(validated.model);

function contextFor(flowId: string): { ctx: EvalContext; state: FlowState; vars: Record<string, unknown> } {
  const flow = validated.model.flows.find((f) => f.view.id === flowId)!;
  const state: FlowState = { model: validated.model, origins, law, asOf: '2026-11-28', lang: 'en', lists: { vendors: ['us', 'jp'] }, flow, memo: new FlowMemo(), groupMemo: new FlowMemo(), adequacyCache: new TupleMap(),
    inForce: new InForce('2026-11-28', validated.model.parties.length), view: flow.view, exporter: flow.from.view, importer: flow.to.view, mechanismsOutOfForce: [] };
  const vars = { flow: flow.view, exporter: flow.from.view, importer: flow.to.view, data: flow.datasets.map((d) => d.view), asOf: '2026-11-28', lists: state.lists };
  return { ctx: { vars, slots: new Array(8), state, vcache: [], vgen: [], gen: 0 }, state, vars };
}

/** cel-js wants CEL ints as BigInt; dfft's compiled code works on plain JS numbers. */
function toCelJs(value: unknown): unknown {
  if (typeof value === 'number' && Number.isInteger(value)) return BigInt(value);
  if (Array.isArray(value)) return value.map(toCelJs);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toCelJs(v)]));
  return value;
}

function fromCelJs(value: unknown): unknown {
  if (typeof value === 'bigint') return Number(value);
  if (Array.isArray(value)) return value.map(fromCelJs);
  if (value instanceof Map) return Object.fromEntries([...value].map(([k, v]) => [k, fromCelJs(v)]));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fromCelJs(v)]));
  return value;
}

// The reference: cel-js's own interpreter, with the same variables and functions. Domain
// functions are declared to return dyn here, because cel-js wants its own wrapper objects for
// declared types; their results are converted to cel-js values (ints as BigInt).
let celJsState: FlowState | undefined;
const reference = createCelEnvironment(
  DOMAIN_FUNCTIONS.map((f) => ({ ...f, signature: f.signature.replace(/\): .*$/, '): dyn').replace(/\bDataset\b/g, 'dyn') })),
  (name) => (...args: unknown[]) => toCelJs(DOMAIN_FUNCTIONS.find((f) => f.name === name)!.impl(celJsState!, ...args.map(fromCelJs))),
  { untypedVariables: true },
);

function evaluateWithCelJs(source: string, vars: Record<string, unknown>, state: FlowState): unknown {
  celJsState = state;
  return reference.evaluate(source, vars);
}

function outcome(run: () => unknown): { value?: unknown; error?: true } {
  try {
    return { value: fromCelJs(run()) };
  } catch (err) {
    if (process.env.DEBUG_CEL) console.log((err as Error).message.split('\n')[0]);
    return { error: true };
  }
}

// Expressions that rules use, and some that stress the semantics (errors absorbed by && and ||,
// macros, ordering, arithmetic). Each is evaluated on every flow by dfft's compiled closures and
// by cel-js's interpreter, and the two must agree on the value or on failing.
const EXPRESSIONS = [
  'inGroup(exporter.country, "EEA") && !inGroup(importer.country, "EEA")',
  'adequacy("eu").found',
  'adequacy("eu").status',
  'hasMechanism("scc") || hasMechanism("bcr")',
  'mechanisms("scc").exists(m, has(m.module) && m.module == 2)',
  'mechanisms("appi-consent").all(m, m.informed.country && m.informed.protectionSystem)',
  'personal()',
  'fromGroup("EEA").size() > 0',
  'fromGroup("EEA").map(d, d.id)',
  'data.map(d, receivedThrough(d, "appi-consent"))',
  'data.exists(d, receivedThrough(d, "appi-opt-out"))',
  'specialCategories("gdpr")',
  'carries("health") && !carries("genetic")',
  'data.exists(d, d.identifiability == "pseudonymised")',
  'data.filter(d, "customers" in d.subjects).map(d, d.id)',
  'data.exists_one(d, d.id == "customers")',
  'flow.frequency in ["one-off", "occasional"]',
  'flow.access == "remote-access" ? "remote" : "transfer"',
  'has(flow.endsOn) && flow.endsOn > asOf',
  'flow.endsOn > asOf',
  'flow.endsOn > asOf || true',
  'false && flow.endsOn > asOf',
  'flow.encryption.inTransit',
  'has(flow.encryption) && flow.encryption.inTransit == true',
  'importer.id in lists.vendors',
  'size(flow.purposes) == 0 || flow.purposes[0] == "support"',
  'flow.purposes[3] == "x"',
  'exporter.group == importer.group',
  'has(importer.group) && exporter.group == importer.group',
  'data.map(d, has(d.subjectsCount) ? d.subjectsCount : 0).exists(n, n > 100000)',
  'data.map(d, has(d.subjectsCount) ? d.subjectsCount : 0)[0] / 7 * 2 + 1 - 3 % 2',
  'countryName(importer.country) + " (" + importer.country + ")"',
  'origin(data[0])',
  'special(data[0], "appi-eu-origin")',
  'importer.certifications.exists(c, c.startsWith("eu-")) && !importer.certifications.exists(c, c.endsWith("cbpr"))',
  'flow.id.matches("^f[0-9]$") && flow.id.contains("f")',
  // matches() is a partial match (RE2 find), in both forms, literal and computed patterns.
  'flow.id.matches("[2-3]") && matches(importer.country, "^(J|U)")',
  'importer.country.matches(exporter.country + "|US")',
  '{"a": 1, "b": 2}["b"] == 2 && [1, 2] == [1, 2] && [1, 2] != [2, 1]',
  'join(flow.datasets, "+") == flow.datasets.join("+")',
];

describe('CEL compiled to closures agrees with cel-js', () => {
  it.each(EXPRESSIONS)('%s', (source) => {
    const compiled = compileExpression(source, 'any', law, { vendors: ['us', 'jp'] });
    for (const flowId of ['f1', 'f2', 'f3', 'f4']) {
      const { ctx, state, vars } = contextFor(flowId);
      const ours = outcome(() => compiled.fn(ctx));
      const theirs = outcome(() => evaluateWithCelJs(source, toCelJs(vars) as Record<string, unknown>, state));
      expect({ flowId, ...ours }).toEqual({ flowId, ...theirs });
    }
  });
});

describe('matches() runs RE2 in linear time', () => {
  it('a pattern that backtracks exponentially in JavaScript completes on a long near-match', () => {
    const compiled = compileExpression('flow.id.matches("^(a+)+$")', 'bool', law, {});
    const { ctx } = contextFor('f1');
    const run = (id: string) => compiled.fn({ ...ctx, vars: { ...ctx.vars, flow: { ...(ctx.vars.flow as object), id } } });
    expect(run(`${'a'.repeat(5000)}b`)).toBe(false);
    expect(run('a'.repeat(5000))).toBe(true);
  });

  it.each([
    ['flow.id.matches("(a)\\\\1")', 'invalid regular expression "(a)\\\\1": invalid escape sequence: `\\1` (matches() takes RE2 syntax: no backreferences or lookaround)', 16],
    ['matches(flow.id, "(?<=a)b")', 'invalid regular expression "(?<=a)b": invalid named capture: `(?<=a)b` (matches() takes RE2 syntax: no backreferences or lookaround)', 17],
    ['flow.id.matches("[a")', 'invalid regular expression "[a": missing closing ]: `[a` (matches() takes RE2 syntax: no backreferences or lookaround)', 16],
  ])('a literal pattern RE2 refuses is an error at the pattern when the policy loads: %s', (source, message, start) => {
    let error: { message: string; range: { start: number } } | undefined;
    try {
      compileExpression(source, 'bool', law, {});
    } catch (err) {
      error = err as typeof error;
    }
    expect(error?.message).toBe(message);
    expect(error?.range.start).toBe(start);
  });

  it('a computed pattern RE2 refuses fails that evaluation (an undecidable condition), never a JavaScript regex', () => {
    const compiled = compileExpression('flow.id.matches(flow.id + "(?=x)")', 'bool', law, {});
    const { ctx } = contextFor('f1');
    expect(() => compiled.fn(ctx)).toThrow(/invalid regular expression "f1\(\?=x\)"/);
  });
});
