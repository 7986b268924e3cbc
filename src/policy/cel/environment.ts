import type { Environment } from '@marcbachmann/cel-js';
import { loadSchema } from '../../source/schemas';

/** Top-level variables of every condition and template, with their CEL types. */
export const CEL_VARIABLES: Record<string, { type: string; description: string }> = {
  flow: { type: 'Flow', description: 'The flow being judged, with the contract\'s defaults filled in.' },
  exporter: { type: 'Party', description: 'The party sending the data (flow.from).' },
  importer: { type: 'Party', description: 'The party receiving the data (flow.to).' },
  data: { type: 'list<Dataset>', description: 'The datasets the flow carries.' },
  asOf: { type: 'string', description: 'The date the law is applied for, YYYY-MM-DD (dates compare as strings).' },
  lists: { type: 'map<string, list<string>>', description: 'The named lists of the policy.' },
  params: { type: 'map<string, dyn>', description: 'The parameters of the policy: the defaults the packs declare, or the values an organisation policy sets.' },
  horizonEnd: { type: 'string', description: 'With --horizon, its last day (YYYY-MM-DD); otherwise "".' },
};

/** Extra result types of domain functions. */
const RESULT_TYPES: Record<string, Record<string, string>> = {
  Adequacy: {
    status: 'string', found: 'bool', id: 'string', decision: 'string', title: 'string', url: 'string', kind: 'string',
    from: 'string', until: 'string', reason: 'string', missingFacts: 'list<string>',
  },
  PurposeBinding: { bound: 'bool', known: 'bool', purposes: 'list<string>', outside: 'list<string>' },
};

/** Result types with fields of the manifest's types, registered after them. */
const COMPOSITE_RESULT_TYPES: Record<string, Record<string, string>> = {
  CounterpartyDataset: { dataset: 'Dataset', origin: 'list<string>', flows: 'list<string>' },
};

type JsonSchema = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * The CEL types of the manifest, derived from schemas/manifest.schema.json so that a field added
 * to the schema is at once visible to conditions and a misspelt field is a type error when the
 * policy loads.
 */
export function manifestCelTypes(): Record<string, Record<string, string>> {
  const schema = loadSchema('manifest') as JsonSchema;
  const types: Record<string, Record<string, string>> = {};
  const resolve = (s: JsonSchema): JsonSchema => (s.$ref ? resolve(schema.definitions[String(s.$ref).split('/').pop()!]) : s);
  const typeOf = (raw: JsonSchema, nameHint: string): string => {
    const s = resolve(raw);
    if (typeof s.celType === 'string') return s.celType; // the engine hands rules a normalised value (e.g. certifications in force as ids)
    if (s.oneOf && s.title) return declare(s.title, mergeBranches(s.title, s.oneOf.map(resolve), resolve));
    if (s.type === 'object' || s.properties) return declare(s.title ?? nameHint, s.properties ?? {});
    if (s.type === 'array') return `list<${typeOf(s.items ?? {}, `${nameHint}Item`)}>`;
    if (s.type === 'integer' || (s.enum && s.enum.every((v: unknown) => typeof v === 'number'))) return 'int';
    if (s.type === 'number') return 'double';
    if (s.type === 'boolean') return 'bool';
    if (s.type === 'string' || s.enum || s.const !== undefined) return 'string';
    return 'dyn';
  };
  const declare = (name: string, properties: Record<string, JsonSchema>): string => {
    if (types[name]) return name;
    const fields: Record<string, string> = {};
    types[name] = fields; // before the fields, for recursive types
    for (const [key, prop] of Object.entries(properties)) {
      if (key === '$schema') continue;
      fields[key] = typeOf(prop, `${name}${key[0].toUpperCase()}${key.slice(1)}`);
    }
    return name;
  };
  for (const name of ['Party', 'Dataset', 'Flow']) declare(name, schema.definitions[name].properties);
  return types;
}

/**
 * The fields of the branches of a oneOf (the mechanism types) as one CEL type, with `type` a string.
 * A field several branches declare must have one CEL type: objects of different shapes are merged
 * into one object with every field of each; any other difference is an error in the schema, raised
 * here rather than letting the last branch silently decide the field's type.
 */
export function mergeBranches(owner: string, branches: JsonSchema[], resolve: (s: JsonSchema) => JsonSchema): Record<string, JsonSchema> {
  return { ...mergeFields(owner, branches, resolve), type: { type: 'string' } };
}

function mergeFields(owner: string, branches: JsonSchema[], resolve: (s: JsonSchema) => JsonSchema): Record<string, JsonSchema> {
  const byField = new Map<string, JsonSchema[]>();
  for (const b of branches) {
    for (const [key, prop] of Object.entries(b.properties ?? {})) {
      const list = byField.get(key) ?? [];
      list.push(resolve(prop as JsonSchema));
      byField.set(key, list);
    }
  }
  const merged: Record<string, JsonSchema> = {};
  for (const [key, schemas] of byField) {
    const hint = `${owner}${key[0].toUpperCase()}${key.slice(1)}`;
    const objects = schemas.filter((x) => x.type === 'object' || x.properties);
    if (objects.length === schemas.length && new Set(schemas.map((x) => JSON.stringify(x))).size > 1) {
      merged[key] = { type: 'object', title: hint, properties: mergeFields(hint, objects, resolve) };
      continue;
    }
    const types = new Set(schemas.map((x) => kindOf(x, resolve)));
    if (types.size > 1) throw new Error(`field "${key}" of ${owner} has different types in different branches (${[...types].join(', ')}): CEL needs one`);
    merged[key] = schemas[0];
  }
  return merged;
}

/** The CEL kind of a schema without declaring its object types (they are declared in order later). */
function kindOf(raw: JsonSchema, resolve: (s: JsonSchema) => JsonSchema): string {
  const s = resolve(raw);
  if (typeof s.celType === 'string') return s.celType;
  if (s.type === 'array') return `list<${kindOf(s.items ?? {}, resolve)}>`;
  if (s.type === 'object' || s.properties || s.oneOf) return `object ${s.title ?? JSON.stringify(Object.keys(s.properties ?? {}))}`;
  if (s.type === 'integer' || (s.enum && s.enum.every((v: unknown) => typeof v === 'number'))) return 'int';
  if (s.type === 'number') return 'double';
  if (s.type === 'boolean') return 'bool';
  if (s.type === 'string' || s.enum || s.const !== undefined) return 'string';
  return 'dyn';
}

/**
 * The cel-js environment conditions are parsed and type-checked in. Evaluation is dfft's own
 * (./compile.ts); `handlerFor` supplies the handlers cel-js would call, and `untypedVariables`
 * lets tests evaluate the same expressions through cel-js (which wants its own wrapper objects
 * for values of declared types) and compare.
 */
export function createCelEnvironment(
  functions: ReadonlyArray<{ name: string; signature: string; description: string }>,
  handlerFor: (name: string) => (...args: unknown[]) => unknown,
  options: { untypedVariables?: boolean } = {},
): Environment {
  // cel-js is needed only to parse and type-check; a policy read from the build's cache never loads it.
  const { Environment: CelEnvironment } = require('@marcbachmann/cel-js') as typeof import('@marcbachmann/cel-js'); // eslint-disable-line @typescript-eslint/no-require-imports
  const env = new CelEnvironment({ homogeneousAggregateLiterals: false, limits: { maxAstNodes: 2000, maxDepth: 64, maxListElements: 1000, maxMapEntries: 1000, maxCallArguments: 8 } });
  // A type must be registered after the types its fields use; manifestCelTypes() lists every
  // type before the types it refers to, so register in reverse.
  for (const [name, fields] of Object.entries({ ...COMPOSITE_RESULT_TYPES, ...manifestCelTypes(), ...RESULT_TYPES }).reverse()) env.registerType(name, { fields });
  for (const [name, v] of Object.entries(CEL_VARIABLES)) env.registerVariable(name, options.untypedVariables ? 'dyn' : v.type, { description: v.description });
  for (const f of functions) env.registerFunction(f.signature, handlerFor(f.name), { description: f.description });
  // CEL's global form of matches() (cel-js has only the method); dfft's compiler evaluates both
  // with RE2 (./compile.ts); this handler is for tests that evaluate through cel-js.
  env.registerFunction('matches(string, string): bool', (s: unknown, re: unknown) => new RegExp(String(re), 'u').test(String(s)), {
    description: 'Whether the string contains a match of the RE2 regular expression (as string.matches).',
  });
  return env;
}
