import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { parse } from 'yaml';
import { CERTIFICATION_DATES, FLOW_DATES, mechanismDates, type DateFields } from '../../../src/resolve/validity';

/**
 * Arbitraries for manifests that follow schemas/manifest.schema.json: real country codes (from
 * the schema's enum), real categories (from rules/data/taxonomy.yaml), every mechanism type with
 * its fields, and references that resolve. Most generated manifests are valid, so they reach
 * the engine; the mutations (./mutations.ts) break them on purpose.
 */

export const ROOT = path.join(__dirname, '..', '..', '..');

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };
export type { Json };

const manifestSchema = JSON.parse(fs.readFileSync(path.join(ROOT, 'schemas', 'manifest.schema.json'), 'utf8'));

/** Every country code the schema accepts (ISO 3166-1 alpha-2, plus EL for Greece). */
export const COUNTRIES: readonly string[] = manifestSchema.definitions.CountryCode.enum;

/** Every mechanism type of the schema, for the test that keeps the arbitraries complete. */
export const SCHEMA_MECHANISM_TYPES: readonly string[] = manifestSchema.definitions.Mechanism.oneOf.map(
  (m: { properties: { type: { const: string } } }) => m.properties.type.const,
);

function taxonomyIds(nodes: Array<{ id: string; children?: unknown[] }>): string[] {
  return nodes.flatMap((n) => [n.id, ...taxonomyIds((n.children ?? []) as Array<{ id: string; children?: unknown[] }>)]);
}

/** Every category of the project's taxonomy, top-level and dotted. */
export const CATEGORIES: readonly string[] = taxonomyIds(parse(fs.readFileSync(path.join(ROOT, 'rules', 'data', 'taxonomy.yaml'), 'utf8')).categories);

/**
 * Countries where the law has something to say: EEA members (EL for Greece too), countries with
 * an EU or Japanese adequacy decision or designation, the US (DPF), and third countries.
 */
const INTERESTING_COUNTRIES = [
  'DE', 'FR', 'IE', 'NL', 'AT', 'PL', 'EL', 'GR', 'NO', 'IS', 'LI',
  'JP', 'GB', 'CH', 'KR', 'CA', 'NZ', 'IL', 'AR', 'UY', 'AD', 'FO', 'GG', 'IM', 'JE',
  'US', 'IN', 'CN', 'BR', 'SG', 'AU', 'RU', 'PH',
  // Weighted: the EU-Japan pair is what the Supplementary Rules are about.
  'JP', 'JP', 'JP', 'DE', 'DE', 'US', 'GB', 'CH', 'CN',
];

export const country: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.constantFrom(...INTERESTING_COUNTRIES), weight: 4 },
  { arbitrary: fc.constantFrom(...COUNTRIES), weight: 1 },
);

/** Dates around the law's milestones (GDPR 2018, Schrems II 2020, the DPF 2023) and asOf. */
export const date: fc.Arbitrary<string> = fc
  .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2032-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

/** The dates the law is applied for: today's default of the suite, and dates in its history. */
export const asOf: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.constant('2026-11-28'), weight: 3 },
  { arbitrary: fc.constantFrom('2015-06-01', '2016-09-01', '2018-05-25', '2020-07-17', '2021-09-27', '2023-07-10', '2025-01-01'), weight: 1 },
  { arbitrary: date, weight: 1 },
);

const freeText = fc.oneof(
  fc.constantFrom('ACME GmbH', 'Snowy Analytics Inc.', 'ACME 株式会社', 'Ünïcødé Ltd', ''),
  fc.string({ maxLength: 20 }),
);
const purpose = fc.constantFrom('customer-support', 'analytics', 'marketing', 'hr', 'billing', 'research', 'fraud-prevention');
const subject = fc.constantFrom('customers', 'employees', 'children', 'patients', 'job-applicants');

/** Any JSON value without the keys every input refuses (__proto__, constructor, prototype). */
export const safeJsonValue: fc.Arbitrary<Json> = (fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>).filter(
  (v) => !/"(?:__proto__|constructor|prototype)":/.test(JSON.stringify(v)),
);

/** An x- extension field, which the schema accepts on every object and dfft ignores. */
const extension: fc.Arbitrary<JsonObject> = fc.oneof(
  { arbitrary: fc.constant({}), weight: 6 },
  { arbitrary: fc.dictionary(fc.constantFrom('x-team', 'x-note', 'x-ticket'), safeJsonValue, { minKeys: 1, maxKeys: 1 }), weight: 1 },
);

/** The subset of JSON Schema that schemas/manifest.schema.json uses. */
export interface Schema {
  $ref?: string;
  type?: string;
  const?: Json;
  enum?: Json[];
  oneOf?: Schema[];
  pattern?: string;
  format?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  items?: Schema;
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  properties?: Record<string, Schema>;
  required?: string[];
}

export const DEFINITIONS: Record<string, Schema> = manifestSchema.definitions;

/** Definitions with realistic values instead of what their keywords alone would give. */
const REFS: Record<string, fc.Arbitrary<Json>> = {
  CountryCode: country,
  Date: date,
  Id: fc.constantFrom('acme-group', 'other-group', 'acme-se', 'acme-inc'),
};

/**
 * An arbitrary for the values a schema accepts, driven by its keywords (so it keeps up when the
 * schema grows a field or a mechanism type). `fields` replaces the arbitrary of named
 * properties of the object at hand: references that must resolve, real categories, pools of
 * realistic strings. Arrays get at most three items, to keep manifests small.
 */
export function fromSchema(schema: Schema, fields: Record<string, fc.Arbitrary<unknown>> = {}): fc.Arbitrary<Json> {
  if (schema.$ref) {
    const name = schema.$ref.replace('#/definitions/', '');
    return REFS[name] ?? fromSchema(DEFINITIONS[name], fields);
  }
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  if (schema.oneOf) return fc.oneof(...schema.oneOf.map((s) => fromSchema(s)));
  switch (schema.type) {
    case 'boolean':
      return fc.boolean();
    case 'integer':
      return fc.integer({ min: schema.minimum ?? -1000, max: schema.maximum ?? 10_000_000 });
    case 'number':
      return fc.double({ min: schema.minimum ?? -1e6, max: schema.maximum ?? 1e6, noNaN: true });
    case 'string': {
      if (schema.format === 'date') return date;
      const min = schema.minLength ?? 0;
      const max = schema.maxLength ?? 40;
      const base = schema.pattern ? fc.stringMatching(new RegExp(schema.pattern)) : freeText;
      return base.filter((s) => [...s].length >= min && s.length <= max);
    }
    case 'array': {
      const item = fromSchema(schema.items ?? {});
      const sizes = { minLength: schema.minItems ?? 0, maxLength: Math.max(schema.minItems ?? 0, Math.min(schema.maxItems ?? 3, 3)) };
      return schema.uniqueItems ? fc.uniqueArray(item, { ...sizes, selector: (v) => JSON.stringify(v) }) : fc.array(item, sizes);
    }
    case 'object':
    case undefined: {
      const properties = schema.properties ?? {};
      const record = fc.record(
        Object.fromEntries(Object.entries(properties).map(([key, sub]) => [key, (fields[key] ?? fromSchema(sub)) as fc.Arbitrary<Json>])),
        { requiredKeys: schema.required ?? [] },
      );
      return fc.tuple(record, extension).map(([value, ext]) => ({ ...value, ...ext }) as Json);
    }
    default:
      throw new Error(`the manifest arbitraries do not know schema type "${schema.type}": teach fromSchema`);
  }
}

/** A mechanism of any type the schema defines. */
export const mechanism: fc.Arbitrary<JsonObject> = fromSchema({ $ref: '#/definitions/Mechanism' }) as fc.Arbitrary<JsonObject>;

/** A party, dataset or flow as generated, with the file it goes to. */
export interface Placed<T> {
  value: T;
  /** The file it is declared in (taken modulo the number of files). */
  file: number;
}

/** Parties, datasets and flows whose references resolve among themselves. */
export interface World {
  parties: Array<Placed<JsonObject>>;
  datasets: Array<Placed<JsonObject>>;
  flows: Array<Placed<JsonObject>>;
}

export interface WorldOptions {
  /** Prepended to every id: worlds with different prefixes share no id. */
  prefix?: string;
  maxParties?: number;
  maxDatasets?: number;
  maxFlows?: number;
}

/** Ways of spelling ids: all valid (^[A-Za-z0-9][A-Za-z0-9._:-]*$, at most 256 characters). */
const ID_STYLES: ReadonlyArray<(kind: string, i: number) => string> = [
  (kind, i) => `${kind}${i}`,
  (kind, i) => `acme-${kind}-${i}.eu`,
  (kind, i) => `${kind.toUpperCase()}_${i}:v2`,
  (kind, i) => `${i}${kind}`,
  (kind, i) => `${kind}-${'x'.repeat(240)}-${i}`,
];

/**
 * Puts the dates of every range of an object in order (a flow's period, a mechanism's validity, a
 * dated certification): a reversed range is an input error, which the mutations test on purpose.
 */
function ordered(value: JsonObject, fields: DateFields): JsonObject {
  const out = { ...value };
  for (const start of fields.starts) {
    for (const end of fields.ends) {
      const a = out[start];
      const b = out[end];
      if (typeof a === 'string' && typeof b === 'string' && b < a) [out[start], out[end]] = [b, a];
    }
  }
  return out;
}

const isObject = (v: Json): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

function partyArb(id: string): fc.Arbitrary<JsonObject> {
  return rareKeys(fromSchema(DEFINITIONS.Party, {
    id: fc.constant(id),
    name: freeText,
    region: fc.constantFrom('US-CA', 'DE-BY', 'JP-13', 'CN-11', 'GB-ENG', 'FR-75'),
    organisation: fc.constantFrom('european-patent-organisation', 'un-agency'),
  }) as fc.Arbitrary<JsonObject>, ['organisation', 'region']).map((p) => {
    if (!Array.isArray(p.certifications)) return p;
    // Each certification once (a repeat is an input error): a plain scheme equals { scheme } alone.
    const seen = new Set<string>();
    const certifications = p.certifications.map((c) => (isObject(c) ? ordered(c, CERTIFICATION_DATES) : c)).filter((c) => {
      // Entries sorted by key (values may be objects without a prototype, which cannot become strings).
      const key = JSON.stringify(isObject(c) ? Object.entries(c).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)) : [['scheme', c]]);
      return !seen.has(key) && Boolean(seen.add(key));
    });
    return { ...p, certifications };
  });
}

function datasetArb(id: string, datasetIds: readonly string[]): fc.Arbitrary<JsonObject> {
  return rareKeys(fromSchema(DEFINITIONS.Dataset, {
    id: fc.constant(id),
    name: freeText,
    categories: fc.uniqueArray(fc.constantFrom(...CATEGORIES), { minLength: 1, maxLength: 3 }),
    subjects: fc.uniqueArray(subject, { maxLength: 2 }),
    identifiability: fc.oneof(
      { arbitrary: fc.constant('identified'), weight: 6 },
      { arbitrary: fc.constantFrom('pseudonymised', 'anonymised', 'non-personal'), weight: 2 },
    ),
    purposes: fc.uniqueArray(purpose, { maxLength: 2 }),
    // Any dataset, itself included: derivation cycles are legal input and must terminate.
    derivedFrom: fc.uniqueArray(fc.constantFrom(...datasetIds), { maxLength: 2 }),
    subjectsCount: fc.nat(10_000_000),
    art10Basis: fc.constantFrom('Member-state law', 'BDSG § 26'),
  }) as fc.Arbitrary<JsonObject>, ['derivedFrom']);
}

function flowArb(id: string, partyIds: readonly string[], datasetIds: readonly string[]): fc.Arbitrary<JsonObject> {
  return rareKeys(fromSchema(DEFINITIONS.Flow, {
    id: fc.constant(id),
    from: fc.constantFrom(...partyIds),
    to: fc.constantFrom(...partyIds),
    datasets: fc.uniqueArray(fc.constantFrom(...datasetIds), { minLength: 1, maxLength: Math.min(3, datasetIds.length) }),
    purposes: fc.uniqueArray(purpose, { maxLength: 2 }),
  }) as fc.Arbitrary<JsonObject>, ['startsOn', 'endsOn']).map((f) => {
    const flow = ordered(f, FLOW_DATES);
    if (Array.isArray(f.mechanisms)) flow.mechanisms = f.mechanisms.map((m) => (isObject(m) ? ordered(m, mechanismDates(m as { type: string })) : m));
    return flow;
  });
}

/**
 * Some optional fields change the judgement wholesale (an organisation, a date range that makes
 * the flow inactive). Keep them in about one value in ten, so most flows get the ordinary
 * judgement. Shrinking drops them.
 */
function rareKeys(arb: fc.Arbitrary<JsonObject>, keys: string[]): fc.Arbitrary<JsonObject> {
  return fc.tuple(arb, fc.nat(9)).map(([value, dice]) => {
    if (dice === 9) return value;
    const out = { ...value };
    for (const k of keys) delete out[k];
    return out;
  });
}

function place<T>(arb: fc.Arbitrary<T>): fc.Arbitrary<Placed<T>> {
  return fc.record({ value: arb, file: fc.nat(7) });
}

/** How many parties, datasets and flows a world has, and how its ids are spelt. */
interface WorldShape {
  parties: number;
  datasets: number;
  flows: number;
  style: number;
}

function worldShape(options: WorldOptions): fc.Arbitrary<WorldShape> {
  return fc.record({
    parties: fc.integer({ min: 1, max: options.maxParties ?? 6 }),
    datasets: fc.integer({ min: 1, max: options.maxDatasets ?? 4 }),
    flows: fc.integer({ min: 0, max: options.maxFlows ?? 8 }),
    style: fc.nat(ID_STYLES.length - 1),
  });
}

/** A world of this shape: the ids follow from the shape, the declarations are drawn. */
function worldOf(n: WorldShape, prefix: string): fc.Arbitrary<World> {
  const style = ID_STYLES[n.style];
  const ids = (kind: string, count: number) => Array.from({ length: count }, (_, i) => `${prefix}${style(kind, i)}`);
  const partyIds = ids('p', n.parties);
  const datasetIds = ids('d', n.datasets);
  const flowIds = ids('f', n.flows);
  return fc.record({
    parties: fc.tuple(...partyIds.map((id) => place(partyArb(id)))),
    datasets: fc.tuple(...datasetIds.map((id) => place(datasetArb(id, datasetIds)))),
    flows: fc.tuple(...flowIds.map((id) => place(flowArb(id, partyIds, datasetIds)))),
  });
}

/** Parties, datasets and flows with resolving references, each with the file it goes to. */
export function worldArb(options: WorldOptions = {}): fc.Arbitrary<World> {
  return worldShape(options).chain((n) => worldOf(n, options.prefix ?? ''));
}

/** What happens to one declaration between two runs (see changedWorldArb). */
export type Edit = 'keep' | 'replace' | 'move' | 'drop';

const edit: fc.Arbitrary<Edit> = fc.oneof(
  { arbitrary: fc.constant('keep' as const), weight: 12 },
  { arbitrary: fc.constantFrom<Edit>('replace', 'move', 'drop'), weight: 1 },
);

/**
 * A world and the same world edited, as between two runs of a CI job: each declaration is kept,
 * replaced by another with the same id (another country, other categories, other mechanisms),
 * moved to another file, or dropped (a party or dataset dropped leaves references dangling), and
 * up to two flows are added. Most declarations stay as they were.
 */
export function changedWorldArb(options: WorldOptions = {}): fc.Arbitrary<{ before: World; after: World }> {
  const prefix = options.prefix ?? '';
  return worldShape(options).chain((n) =>
    fc
      .record({
        before: worldOf(n, prefix),
        // The same ids, two flows more: the replacements and the flows added.
        other: worldOf({ ...n, flows: n.flows + 2 }, prefix),
        edits: fc.array(edit, { minLength: n.parties + n.datasets + n.flows, maxLength: n.parties + n.datasets + n.flows }),
        added: fc.nat(2),
      })
      .map(({ before, other, edits, added }) => {
        let at = 0;
        const apply = <T>(items: Array<Placed<T>>, others: Array<Placed<T>>): Array<Placed<T>> =>
          items.flatMap((item, i) => {
            const e = edits[at++];
            if (e === 'drop') return [];
            if (e === 'replace') return [{ value: others[i].value, file: item.file }];
            if (e === 'move') return [{ value: item.value, file: item.file + 1 + (others[i].file % 3) }];
            return [item];
          });
        const after: World = {
          parties: apply(before.parties, other.parties),
          datasets: apply(before.datasets, other.datasets),
          flows: [...apply(before.flows, other.flows), ...other.flows.slice(n.flows, n.flows + added)],
        };
        return { before, after };
      }),
  );
}

/** A whole manifest: system, parties, datasets, flows, and sometimes $schema or an x- field. */
export function manifestOf(systemId: string, world: { parties: JsonObject[]; datasets: JsonObject[]; flows: JsonObject[] }, extra: JsonObject = {}): JsonObject {
  return { manifestVersion: 1, system: { id: systemId }, ...extra, parties: world.parties, datasets: world.datasets, flows: world.flows };
}

export const manifestExtras: fc.Arbitrary<JsonObject> = fc
  .record({ schema: fc.boolean(), ext: extension }, { requiredKeys: [] })
  .map(({ schema, ext }) => ({ ...(schema ? { $schema: '../../schemas/manifest.schema.json' } : {}), ...(ext ?? {}) }) as JsonObject);

/** Splits a world into `count` manifests by each item's placement. */
export function splitWorld(world: World, count: number, extras: JsonObject[] = []): JsonObject[] {
  return Array.from({ length: count }, (_, i) =>
    manifestOf(`system-${i}`, {
      parties: world.parties.filter((p) => p.file % count === i).map((p) => p.value),
      datasets: world.datasets.filter((d) => d.file % count === i).map((d) => d.value),
      flows: world.flows.filter((f) => f.file % count === i).map((f) => f.value),
    }, extras[i] ?? {}),
  );
}

/** The three ways a manifest is written: JSON, block YAML, and JSON text in a .yaml file. */
export type Format = 'json' | 'yaml' | 'yaml-flow';
export const format: fc.Arbitrary<Format> = fc.constantFrom('yaml', 'json', 'yaml-flow');

export function fileName(index: number, fmt: Format): string {
  return `manifests/m${index}.${fmt === 'json' ? 'json' : 'yaml'}`;
}
