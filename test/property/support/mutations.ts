import fc from 'fast-check';
import { DUPLICATES, clone, define } from './serialize';

/**
 * Mutations of valid manifests and policies: deleted fields, wrong types, dangling and
 * duplicated ids, huge strings, unicode look-alikes, NaN and huge numbers, reserved keys,
 * duplicate keys, broken CEL expressions and templates, hostile `extends`, and damage to the
 * text itself. A mutation is plain data that picks its target by a selector (an index taken
 * modulo the number of candidates), so counterexamples print readably and shrink.
 */

/** Latin letters and their look-alikes (Cyrillic, Greek, fullwidth, mathematical). */
const LOOKALIKES: Record<string, string[]> = {
  A: ['\u0410', '\u0391', '\uff21'], B: ['\u0412', '\u0392'], C: ['\u0421', '\u216d'], D: ['\u216e', '\uff24'], E: ['\u0415', '\u0395'],
  H: ['\u041d', '\u0397'], I: ['\u0406', '\u0399', '\u04c0'], J: ['\u0408'], K: ['\u041a', '\u039a'], M: ['\u041c', '\u039c'],
  N: ['\u039d'], O: ['\u041e', '\u039f', '0'], P: ['\u0420', '\u03a1'], S: ['\u0405'], T: ['\u0422', '\u03a4'], U: ['\u222a'],
  X: ['\u0425', '\u03a7'], Y: ['\u04ae', '\u03a5'], Z: ['\u0396'],
  a: ['\u0430'], c: ['\u0441', '\u03f2'], d: ['\u0501'], e: ['\u0435'], i: ['\u0456', '\u0131'], j: ['\u0458'], l: ['\u04cf', '1', 'I'],
  o: ['\u043e', '\u03bf', '0'], p: ['\u0440'], s: ['\u0455'], x: ['\u0445'], y: ['\u0443'], '-': ['\u2010', '\u2011', '\u2212', '\u2013'],
  '.': ['\u2024'], ':': ['\u2236'], '_': ['\uff3f'],
};

/** Changes to a string value (or an object key). */
export type StringOp =
  | { op: 'lookalike'; at: number; pick: number }
  | { op: 'insert'; at: number; text: string }
  | { op: 'huge'; length: number }
  | { op: 'suffix'; text: string }
  | { op: 'case' }
  | { op: 'empty' };

const insertable = fc.constantFrom(
  '\u200b', // zero-width space
  '\u200d', // zero-width joiner
  '\u0301', // combining acute accent
  '\u00a0', // no-break space
  '\u202e', // right-to-left override
  '\ufeff', // BOM in the middle
  '\u0000', '\u001b', '\n', '\t', ' ', '"', "'", '\\', '#', ': ', '- ', '{', '}', '[', ']', '&a', '*a', '!!int ', '%', '@', '`',
  '\ud800', // lone surrogate
  '\ud83d\ude00', // emoji
  '\u0130', // dotted capital I (case folding)
  '{{', '}}',
);

export const stringOp: fc.Arbitrary<StringOp> = fc.oneof(
  { arbitrary: fc.record({ op: fc.constant('lookalike' as const), at: fc.nat(), pick: fc.nat() }), weight: 3 },
  { arbitrary: fc.record({ op: fc.constant('insert' as const), at: fc.nat(), text: insertable }), weight: 3 },
  { arbitrary: fc.record({ op: fc.constant('huge' as const), length: fc.oneof(fc.constantFrom(257, 1000), fc.integer({ min: 1, max: 100_000 })) }), weight: 1 },
  { arbitrary: fc.record({ op: fc.constant('suffix' as const), text: fc.constantFrom('-x', 'x', '2', ' ', '.', ':', '-', 'Ο') }), weight: 2 },
  { arbitrary: fc.record({ op: fc.constant('case' as const) }), weight: 1 },
  { arbitrary: fc.record({ op: fc.constant('empty' as const) }), weight: 1 },
);

export function applyStringOp(s: string, op: StringOp): string {
  switch (op.op) {
    case 'lookalike': {
      const chars = [...s];
      const positions = chars.map((c, i) => (LOOKALIKES[c] ? i : -1)).filter((i) => i >= 0);
      if (positions.length === 0) return `\u0410${s}`;
      const i = positions[op.at % positions.length];
      const options = LOOKALIKES[chars[i]];
      chars[i] = options[op.pick % options.length];
      return chars.join('');
    }
    case 'insert': {
      const chars = [...s];
      const i = op.at % (chars.length + 1);
      return [...chars.slice(0, i), op.text, ...chars.slice(i)].join('');
    }
    case 'huge':
      return (s || 'x').repeat(Math.ceil(op.length / Math.max(1, s.length))).slice(0, op.length);
    case 'suffix':
      return s + op.text;
    case 'case':
      return s === s.toUpperCase() ? s.toLowerCase() : s.toUpperCase();
    case 'empty':
      return '';
  }
}

/** Values of the wrong type, special numbers, deep nesting and huge arrays. */
export const wrongValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(NaN, Infinity, -Infinity, 1e308, -1, 0.5, -0, 2 ** 53 + 1, 1e21, 0, 1, 2, 5),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.string({ maxLength: 8 }),
  fc.constantFrom([], {}, [null], [[]], [{}], ['DE'], { id: 'x' }, '', 'true', '1', '2021-02-30', '2026-11-28'),
  fc.jsonValue({ maxDepth: 2 }),
  fc.integer({ min: 2, max: 200 }).map((depth) => nest(depth)),
  fc.integer({ min: 100, max: 3000 }).map((n) => Array.from({ length: n }, (_, i) => `item-${i}`)),
);

function nest(depth: number): unknown {
  let v: unknown = 'bottom';
  for (let i = 0; i < depth; i++) v = i % 2 === 0 ? [v] : { a: v };
  return v;
}

const newKey = fc.oneof(
  fc.constantFrom('__proto__', 'constructor', 'prototype'),
  fc.constantFrom('x-extra', 'x-', 'contry', 'categorys', 'Id', 'ID', 'id ', 'type', 'mechanism', 'flow', 'policyVersion', 'manifestVersion', 'rules', 'extends', 'toString', 'hasOwnProperty', 'valueOf', '$ref', ''),
  fc.string({ maxLength: 8 }),
);

/** A change to a parsed document (manifest or policy). */
export type TreeMutation =
  | { kind: 'delete'; at: number }
  | { kind: 'replace'; at: number; value: unknown }
  | { kind: 'string'; at: number; op: StringOp }
  | { kind: 'copy-string'; at: number; from: number }
  | { kind: 'rename-key'; at: number; op: StringOp }
  | { kind: 'add-key'; at: number; key: string; value: unknown }
  | { kind: 'duplicate-key'; at: number; value: unknown }
  | { kind: 'duplicate-item'; at: number; mutate: boolean };

export const treeMutation: fc.Arbitrary<TreeMutation> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }), weight: 3 },
  { arbitrary: fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), value: wrongValue }), weight: 3 },
  { arbitrary: fc.record({ kind: fc.constant('string' as const), at: fc.nat(), op: stringOp }), weight: 4 },
  // Another string of the same document: a country where an id goes, a dataset id as a party, a
  // flow id twice: dangling, duplicated and cross-kind references.
  { arbitrary: fc.record({ kind: fc.constant('copy-string' as const), at: fc.nat(), from: fc.nat() }), weight: 3 },
  { arbitrary: fc.record({ kind: fc.constant('rename-key' as const), at: fc.nat(), op: stringOp }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('add-key' as const), at: fc.nat(), key: newKey, value: fc.oneof(wrongValue, fc.constantFrom({ polluted: true }, 'polluted')) }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('duplicate-key' as const), at: fc.nat(), value: fc.oneof(wrongValue, fc.constant('same')) }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('duplicate-item' as const), at: fc.nat(), mutate: fc.boolean() }), weight: 1 },
);

type Container = Record<string, unknown> | unknown[];
interface Slot {
  parent: Container;
  key: string | number;
}

/** Every value slot of a tree, in document order; the root is held in a one-key holder. */
function slots(holder: { root: unknown }): Slot[] {
  const out: Slot[] = [];
  const walk = (parent: Container, key: string | number): void => {
    out.push({ parent, key });
    const v = (parent as Record<string, unknown>)[key as string];
    if (Array.isArray(v)) v.forEach((_, i) => walk(v, i));
    else if (v !== null && typeof v === 'object') for (const k of Object.keys(v)) walk(v as Record<string, unknown>, k);
  };
  walk(holder as unknown as Record<string, unknown>, 'root');
  return out;
}

const get = (s: Slot): unknown => (s.parent as Record<string, unknown>)[s.key as string];
const set = (s: Slot, v: unknown): void => {
  if (Array.isArray(s.parent)) s.parent[s.key as number] = v;
  else define(s.parent, s.key as string, v);
};
const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const pick = <T>(list: T[], at: number): T | undefined => (list.length === 0 ? undefined : list[at % list.length]);

/** Applies a mutation to a copy of a tree (the original is left as it was). */
export function mutateTree(root: unknown, m: TreeMutation): unknown {
  const holder = { root: clone(root) };
  const all = slots(holder);
  const inner = all.slice(1); // not the root itself
  const strings = all.filter((s) => typeof get(s) === 'string');
  const objects = all.filter((s) => isObject(get(s)));
  const arrays = all.filter((s) => Array.isArray(get(s)) && (get(s) as unknown[]).length > 0);
  const keyed = inner.filter((s) => !Array.isArray(s.parent));
  switch (m.kind) {
    case 'delete': {
      const s = pick(all, m.at)!;
      if (s.parent === (holder as unknown)) holder.root = undefined;
      else if (Array.isArray(s.parent)) s.parent.splice(s.key as number, 1);
      else delete s.parent[s.key as string];
      break;
    }
    case 'replace':
      set(pick(all, m.at)!, m.value);
      break;
    case 'string': {
      const s = pick(strings, m.at);
      if (s) set(s, applyStringOp(get(s) as string, m.op));
      break;
    }
    case 'copy-string': {
      const s = pick(strings, m.at);
      const from = pick(strings, m.from);
      if (s && from) set(s, get(from));
      break;
    }
    case 'rename-key': {
      const s = pick(keyed, m.at);
      if (s) {
        const parent = s.parent as Record<string, unknown>;
        const renamed = applyStringOp(s.key as string, m.op);
        // Rebuild in order, so the renamed key stays where it was.
        const entries = Object.keys(parent).map((k) => [k === s.key ? renamed : k, parent[k]] as const);
        for (const k of Object.keys(parent)) delete parent[k];
        for (const [k, v] of entries) if (!Object.prototype.hasOwnProperty.call(parent, k)) define(parent, k, v);
      }
      break;
    }
    case 'add-key': {
      const s = pick(objects, m.at);
      if (s) define(get(s) as Record<string, unknown>, m.key, m.value);
      break;
    }
    case 'duplicate-key': {
      const s = pick(objects.filter((o) => Object.keys(get(o) as object).length > 0), m.at);
      if (s) {
        const obj = get(s) as Record<string, unknown> & { [DUPLICATES]?: Array<[string, unknown]> };
        const keys = Object.keys(obj);
        const key = keys[m.at % keys.length];
        (obj[DUPLICATES] ??= []).push([key, m.value === 'same' ? clone(obj[key]) : m.value]);
      }
      break;
    }
    case 'duplicate-item': {
      const s = pick(arrays, m.at);
      if (s) {
        const list = get(s) as unknown[];
        const item = clone(list[m.at % list.length]);
        // The same id with a different definition, or an identical repeat.
        if (m.mutate && isObject(item)) define(item, 'x-copy', true);
        list.push(item);
      }
      break;
    }
  }
  return holder.root;
}

/** Damage to the text itself, after it is written. */
export type TextMutation =
  | { kind: 'truncate'; at: number }
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'delete-char'; at: number }
  | { kind: 'bom' }
  | { kind: 'crlf' }
  | { kind: 'empty' }
  | { kind: 'prefix'; text: string }
  | { kind: 'suffix'; text: string };

export const textMutation: fc.Arbitrary<TextMutation> = fc.oneof(
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.oneof(insertable, fc.constantFrom('\t', '  ', '\n-', '\n  ', ',', ':', '{', '[', '"', '\u0085', '\u2028', '---\n', '...\n', '? ', '<<: *a\n', '!!binary ', '!!timestamp ', '!!float ', '!!str ', '!foo ', '&a ', '*a', '//', '/*', '0x', '.inf', '.nan', '~')) }),
  fc.record({ kind: fc.constant('delete-char' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('bom' as const) }),
  fc.record({ kind: fc.constant('crlf' as const) }),
  fc.record({ kind: fc.constant('empty' as const) }),
  // YAML directives and documents: 1.1 reads NO as false and dates as timestamps.
  fc.record({ kind: fc.constant('prefix' as const), text: fc.constantFrom('%YAML 1.1\n---\n', '%YAML 1.3\n---\n', '---\n', '--- !!set\n', '--- !!omap\n', '# comment\n', '%TAG !e! tag:example.com,2000:\n---\n', '\ufeff\ufeff', '\u0000') }),
  fc.record({ kind: fc.constant('suffix' as const), text: fc.constantFrom('\n---\n{}\n', '\n...\n', '\n# end', '\u0000', '\n\u001a', ' ', '}', ']') }),
);

export function mutateText(text: string, m: TextMutation): string {
  switch (m.kind) {
    case 'truncate':
      return text.slice(0, m.at % (text.length + 1));
    case 'insert': {
      const i = m.at % (text.length + 1);
      return text.slice(0, i) + m.text + text.slice(i);
    }
    case 'delete-char': {
      if (text.length === 0) return text;
      const i = m.at % text.length;
      return text.slice(0, i) + text.slice(i + 1);
    }
    case 'bom':
      return `\ufeff${text}`;
    case 'crlf':
      return text.replace(/\n/g, '\r\n');
    case 'empty':
      return '';
    case 'prefix':
      return m.text + text;
    case 'suffix':
      return text + m.text;
  }
}

/** Keys whose values are CEL expressions, and keys whose values are templates with {{ CEL }}. */
const EXPRESSION_KEYS = new Set(['when', 'require', 'expression', 'if', 'appliesWhen']);
const TEMPLATE_KEYS = new Set(['message', 'remediation', 'basis', 'title']);

/** CEL tokens, domain functions, and fragments that fail at run time rather than compile time. */
const celToken = fc.constantFrom(
  'flow', 'importer', 'exporter', 'data', 'asOf', 'lists', 'variables', '.', 'country', 'id', 'nope', 'mechanisms', '(', ')', '[', ']', '{', '}', ',',
  '&&', '||', '!', '==', '!=', '<', '>=', '+', '-', '*', '/', '%', '?', ':', 'in', 'true', 'false', 'null', '0', '1', '-1', '1.5', '1u', '"EEA"', '"x"', "'y'", 'b"z"',
  'inGroup', 'carries', 'personal()', 'adequacy("GDPR")', 'hasMechanism', 'origin', 'size', 'has', 'exists', 'all', 'map', 'filter', 'matches', 'startsWith',
  'countryName', 'join', 'undefinedFunction()', 'm', 'x', '{{', '}}', ' ', '\n', '\u0410',
  'inGroup(importer.country, "EEA")', 'inGroup(importer.country, "NOPE")', '.exists(m, m.type == "scc")', '1/0', '1 % 0', '"a" + 1', 'lists.approvedVendors', 'lists.nope',
  'variables.leavesEea', 'variables.nope', 'data.map(d, d.id)', 'dyn(1) == "1"', 'int("x") == 1', '[1, 2][5] == 1', '{"a": 1}.b == 1', 'timestamp("x") < timestamp("y")',
  'data.exists(d, data.exists(e, data.exists(f, data.all(g, true))))', 'flow.datasets[0]', 'carries("nope")', 'carries("health")', 'origin(data[0])',
  'mechanisms("scc")[0].module', 'importer.country.matches("[")', '"x".matches("(a+)+$")',
);

export type CelMutation =
  | { kind: 'cel-insert'; at: number; pos: number; token: string }
  | { kind: 'cel-replace'; at: number; pos: number; token: string }
  | { kind: 'cel-delete'; at: number; pos: number }
  | { kind: 'cel-set'; at: number; text: string };

/**
 * Whole expressions and templates that compile, but may fail or surprise at run time: the
 * engine must turn those into dfft/undecidable findings, not exceptions.
 */
const validCel = fc.constantFrom(
  'true', 'false', '1/0 == 1', '[1, 2][5] == 1', 'int("x") == 1', '{"a": 1}.b == 1', 'dyn(1) == "1"', 'importer.country.matches("[")',
  'flow.datasets[10] == "x"', 'data.exists(d, d.nope == 1)', 'mechanisms("scc")[0].module == 2', 'origin(data[0]).size() > 0', 'adequacy("GDPR").found',
  'has(flow.encryption.inTransit)', 'personal()', 'carries("health")', 'flow.id.size() > 1000', 'importer.name.startsWith("\u0410")', 'asOf > "2026"',
  'data.all(d, d.categories.exists(c, c.startsWith("health")))', 'exporter.certifications.size() / 0 > 1',
  '{{ 1/0 }}', '{{ flow.nope }}', '{{ data }}', '{{ importer }}', '{{ [1, 2] }}', 'plain text', '{{ "x" + flow.id }}', '{{ flow.id }} {{ }}', '{{', '}}', '{{ {{ }} }}',
);

export const celMutation: fc.Arbitrary<CelMutation> = fc.oneof(
  fc.record({ kind: fc.constant('cel-insert' as const), at: fc.nat(), pos: fc.nat(), token: celToken }),
  fc.record({ kind: fc.constant('cel-replace' as const), at: fc.nat(), pos: fc.nat(), token: celToken }),
  fc.record({ kind: fc.constant('cel-delete' as const), at: fc.nat(), pos: fc.nat() }),
  fc.record({ kind: fc.constant('cel-set' as const), at: fc.nat(), text: fc.array(celToken, { minLength: 1, maxLength: 6 }).map((t) => t.join(' ')) }),
  fc.record({ kind: fc.constant('cel-set' as const), at: fc.nat(), text: validCel }),
  fc.record({ kind: fc.constant('cel-set' as const), at: fc.nat(), text: validCel }),
);

const TOKEN = /\s+|[A-Za-z_][A-Za-z0-9_]*|\d+(?:\.\d+)?|"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|&&|\|\||==|!=|<=|>=|\{\{|\}\}|[\s\S]/g;

/** Applies a token-level change to a CEL expression or a template of a policy tree. */
export function mutateCel(root: unknown, m: CelMutation): unknown {
  const holder = { root: clone(root) };
  const targets = slots(holder).filter((s) => typeof get(s) === 'string' && !Array.isArray(s.parent) && (EXPRESSION_KEYS.has(s.key as string) || TEMPLATE_KEYS.has(s.key as string)));
  const s = pick(targets, m.at);
  if (!s) return holder.root;
  const tokens = (get(s) as string).match(TOKEN) ?? [];
  const pos = 'pos' in m ? m.pos % (tokens.length + 1) : 0;
  switch (m.kind) {
    case 'cel-insert':
      tokens.splice(pos, 0, m.token);
      break;
    case 'cel-replace':
      tokens.splice(pos, 1, m.token);
      break;
    case 'cel-delete':
      tokens.splice(pos, 1);
      break;
    case 'cel-set':
      tokens.splice(0, tokens.length, m.text);
      break;
  }
  set(s, tokens.join(''));
  return holder.root;
}

/** `extends` entries that must be refused (or, for the last two, accepted). */
export const extendsEntry = fc.constantFrom(
  'dfft:eu-gdp', 'dfft:', 'dfft:EU-GDPR', 'dfft:../eu-gdpr', '../outside.yaml', 'sub/../../outside.yaml', 'https://evil.example/policy.yaml', 'file:///etc/passwd',
  '/etc/passwd', 'missing.yaml', '', '.', 'sub', 'C:\\policy.yaml', '$self', 'other.yaml', 'dfft:eu-gdpr',
);

export type PolicyMutation = TreeMutation | CelMutation | { kind: 'extends'; entry: string; replace: boolean };

export const policyMutation: fc.Arbitrary<PolicyMutation> = fc.oneof(
  { arbitrary: treeMutation, weight: 4 },
  { arbitrary: celMutation, weight: 4 },
  { arbitrary: fc.record({ kind: fc.constant('extends' as const), entry: extendsEntry, replace: fc.boolean() }), weight: 1 },
);

/** Applies a policy mutation; `self` is the policy's own file name (for an extends cycle). */
export function mutatePolicy(root: unknown, m: PolicyMutation, self: string): unknown {
  if (m.kind.startsWith('cel-')) return mutateCel(root, m as CelMutation);
  if (m.kind === 'extends') {
    const e = m as { entry: string; replace: boolean };
    const copy = clone(root);
    if (!isObject(copy)) return copy;
    const entry = e.entry === '$self' ? self : e.entry;
    const list = Array.isArray(copy.extends) ? [...copy.extends] : [];
    if (e.replace && list.length > 0) list[0] = entry;
    else list.push(entry);
    copy.extends = list;
    return copy;
  }
  return mutateTree(root, m as TreeMutation);
}
