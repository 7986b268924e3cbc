/**
 * /openapi.json, built from the registered routes and their schemas (no plugin): OpenAPI 3.1,
 * whose schema objects are JSON Schema. The project's schemas (manifest, report) and the API's
 * own schemas become components; their draft-07 `definitions` are hoisted beside them and every
 * `$ref` is rewritten to point there.
 */
import { STATUS_CODES } from 'node:http';
import { loadSchema } from '../index';
import { API_COMPONENTS, MANIFEST_SCHEMA_ID, REPORT_SCHEMA_ID } from './route-schemas';

type Schema = Record<string, unknown>;

/** A route as Fastify registers it: method, URL and the route schema with its documentation. */
export interface RouteDoc {
  method: string;
  url: string;
  schema?: Schema;
  /** Whether the bearer token is required on this route. */
  auth: boolean;
}

export interface OpenApiOptions {
  version: string;
  /** Whether bearer-token auth is on (then protected operations say so). */
  auth: boolean;
  /** The body size limit, for the description. */
  bodyLimit: number;
}

const SCHEMA_MAPS = ['properties', 'patternProperties', 'definitions', '$defs', 'dependentSchemas'];
const SCHEMA_LISTS = ['allOf', 'anyOf', 'oneOf', 'prefixItems'];
const SCHEMA_VALUES = ['items', 'additionalItems', 'additionalProperties', 'not', 'if', 'then', 'else', 'contains', 'propertyNames', 'unevaluatedItems', 'unevaluatedProperties'];
/** Keywords of the schema files that mean nothing in an OpenAPI document. */
const DROPPED = new Set(['$schema', '$id', 'definitions', 'tsType', 'celType']);

const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });

/** Converts a schema of the project or of the API to an OpenAPI schema object. */
type Convert = (schema: unknown, base: string | undefined, top?: object) => unknown;

/** The OpenAPI document of the routes given. Throws if two schemas share a name or a $ref is unknown. */
export function buildOpenApi(routes: readonly RouteDoc[], options: OpenApiOptions): Schema {
  const project: Array<{ id: string; schema: Schema }> = [
    { id: MANIFEST_SCHEMA_ID, schema: loadSchema('manifest') },
    { id: REPORT_SCHEMA_ID, schema: loadSchema('report') },
  ];
  const convert = converter(projectRefs(project));
  const components: Record<string, Schema> = {};
  for (const { id, schema } of project) {
    components[String(schema.title)] = convert(schema, id) as Schema;
    for (const [def, sub] of Object.entries((schema.definitions as Schema | undefined) ?? {})) components[def] = convert(sub, id) as Schema;
  }
  for (const [name, schema] of Object.entries(API_COMPONENTS)) components[name] = convert(schema, undefined, schema) as Schema;

  return {
    openapi: '3.1.0',
    info: {
      title: 'dfft',
      version: options.version,
      description:
        'Checks cross-border personal data flows against EU GDPR Chapter V, Japan\'s APPI and the EU-Japan Supplementary Rules. ' +
        `Request bodies are JSON, at most ${options.bodyLimit} bytes. Bad input gets a 4xx answer whose errors carry the CLI's located messages ` +
        '("file:line:column message (hint)"); problems with the request itself are located in it, named <request>. ' +
        'A request whose body does not arrive within the request timeout gets 408; one that runs past its CPU budget is stopped with 503 (request/over-budget); ' +
        'when every worker is busy and the queue is full the answer is 503 (request/unavailable) with Retry-After.',
      license: { name: 'MIT', identifier: 'MIT' },
    },
    paths: buildPaths(routes, options.auth, convert),
    components: {
      schemas: Object.fromEntries(Object.entries(components).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
      ...(options.auth ? { securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', description: 'The token the server was started with (environment variable DFFT_TOKEN).' } } } : {}),
    },
  };
}

/**
 * Where each project schema and each of its definitions is in the document: the root under its
 * title, its definitions under their own names, beside the API's own components.
 */
function projectRefs(project: ReadonlyArray<{ id: string; schema: Schema }>): Map<string, string> {
  const refs = new Map<string, string>();
  const claimed = new Set(Object.keys(API_COMPONENTS));
  const claim = (name: string, target: string): void => {
    if (claimed.has(name)) throw new Error(`openapi: two schemas are named ${name} (one is ${target})`);
    claimed.add(name);
    refs.set(target, ref(name).$ref as string);
  };
  for (const { id, schema } of project) {
    claim(String(schema.title), id);
    for (const def of Object.keys((schema.definitions as Schema | undefined) ?? {})) claim(def, `${id}#/definitions/${def}`);
  }
  return refs;
}

/**
 * The conversion of schemas to the document: an API component met inside another schema becomes a
 * $ref to it, and every $ref to a project schema points to its component.
 */
function converter(projectRefs: ReadonlyMap<string, string>): Convert {
  const byIdentity = new Map<object, string>();
  for (const [name, schema] of Object.entries(API_COMPONENTS)) byIdentity.set(schema, name);
  const convert: Convert = (schema, base, top) => {
    if (schema === null || typeof schema !== 'object' || Array.isArray(schema)) return schema;
    const named = byIdentity.get(schema);
    if (named !== undefined && schema !== top) return ref(named);
    const out: Schema = {};
    for (const [key, value] of Object.entries(schema as Schema)) {
      if (DROPPED.has(key)) continue;
      if (key === '$ref' && typeof value === 'string') {
        const absolute = value.startsWith('#') && base ? `${base}${value}` : value;
        const target = projectRefs.get(absolute);
        if (!target) throw new Error(`openapi: cannot resolve $ref ${value}`);
        out.$ref = target;
      } else if (SCHEMA_MAPS.includes(key) && value && typeof value === 'object') {
        out[key] = Object.fromEntries(Object.entries(value as Schema).map(([k, v]) => [k, convert(v, base)]));
      } else if (SCHEMA_LISTS.includes(key) && Array.isArray(value)) {
        out[key] = value.map((v) => convert(v, base));
      } else if (SCHEMA_VALUES.includes(key) && value && typeof value === 'object') {
        out[key] = Array.isArray(value) ? value.map((v) => convert(v, base)) : convert(value, base);
      } else {
        out[key] = value;
      }
    }
    return out;
  };
  return convert;
}

/** The paths object: one operation per route, in URL then method order; hidden routes left out. */
function buildPaths(routes: readonly RouteDoc[], auth: boolean, convert: Convert): Record<string, Record<string, unknown>> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of [...routes].sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : a.method < b.method ? -1 : 1))) {
    const s = route.schema ?? {};
    if (s.hide === true) continue;
    const operation: Schema = {};
    for (const key of ['operationId', 'summary', 'description', 'tags']) if (s[key] !== undefined) operation[key] = s[key];
    if (s.body) operation.requestBody = { required: true, content: { 'application/json': { schema: convert(s.body, undefined) } } };
    const responses: Record<string, unknown> = {};
    for (const [code, response] of Object.entries((s.response as Record<string, Schema> | undefined) ?? {})) {
      responses[code] = describeResponse(code, response, (x) => convert(x, undefined));
    }
    if (route.auth && auth) {
      operation.security = [{ bearerAuth: [] }];
      responses['401'] ??= { description: 'Missing or wrong bearer token.', content: { 'application/json': { schema: ref('ErrorResponse') } } };
    }
    operation.responses = responses;
    const path = route.url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
    (paths[path] ??= {})[route.method.toLowerCase()] = operation;
  }
  return paths;
}

function describeResponse(code: string, response: Schema, convert: (s: unknown) => unknown): Schema {
  const description = typeof response.description === 'string' ? response.description : (STATUS_CODES[Number(code)] ?? 'Response');
  const headers = response.headers as Record<string, Schema> | undefined;
  const content = response.content as Record<string, { schema: unknown }> | undefined;
  return {
    description,
    ...(headers ? { headers } : {}),
    content: content
      ? Object.fromEntries(Object.entries(content).map(([type, c]) => [type, { schema: convert(c.schema) }]))
      : { 'application/json': { schema: convert(response) } },
  };
}
