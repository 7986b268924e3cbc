/**
 * The JSON Schemas of the HTTP API, read from schemas/api.schema.json. Manifests and reports are
 * the project's own schemas (schemas/manifest.schema.json, schemas/report.schema.json), referenced
 * by their $id; the API's file describes the request envelope and the answers. Its local $refs
 * are resolved to the very objects of its $defs: the same objects are the Fastify route schemas
 * and, through ./openapi, the components of /openapi.json (a component met inside another schema
 * is recognised by identity and becomes a $ref there).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FORMAT_NAMES, type FormatName } from '../index';

/** $id of schemas/manifest.schema.json. */
export const MANIFEST_SCHEMA_ID = 'https://dfft.dev/schemas/manifest.schema.json';
/** $id of schemas/report.schema.json. */
export const REPORT_SCHEMA_ID = 'https://dfft.dev/schemas/report.schema.json';

type Schema = Record<string, unknown>;

/**
 * Media types of the formats the service answers with. A formatter added without one here is not
 * offered (a test fails until it is).
 */
export const FORMAT_MEDIA_TYPES: Readonly<Record<string, string>> = {
  json: 'application/json; charset=utf-8',
  sarif: 'application/sarif+json; charset=utf-8',
  // GitHub workflow commands are lines of text; GitLab's Code Quality report is a JSON array.
  github: 'text/plain; charset=utf-8',
  gitlab: 'application/json; charset=utf-8',
  junit: 'application/xml; charset=utf-8',
  markdown: 'text/markdown; charset=utf-8',
  html: 'text/html; charset=utf-8',
  text: 'text/plain; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  'appi-csv': 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** The formats of POST /v1/check: the formatters that have a media type. */
export const SERVED_FORMATS: readonly FormatName[] = FORMAT_NAMES.filter((f) => Object.prototype.hasOwnProperty.call(FORMAT_MEDIA_TYPES, f));

/** The API's schema file, beside the project's other schemas (src/ and dist/ sit beside schemas/). */
const API_SCHEMA_FILE = path.resolve(__dirname, '..', '..', 'schemas', 'api.schema.json');

/** Every schema of $defs, each local `#/$defs/Name` $ref replaced by that schema's own object. */
function loadApiSchemas(file: string): Readonly<Record<string, Schema>> {
  const defs = (JSON.parse(fs.readFileSync(file, 'utf8')) as { $defs: Record<string, Schema> }).$defs;
  const resolved = new Map<string, Schema>();
  const resolve = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(resolve);
    if (node === null || typeof node !== 'object') return node;
    const local = /^#\/\$defs\/(.+)$/.exec(String((node as Schema).$ref ?? ''));
    if (local) return definition(local[1]);
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, resolve(v)]));
  };
  const definition = (name: string): Schema => {
    let schema = resolved.get(name);
    if (!schema) {
      if (!(name in defs)) throw new Error(`${file}: no $defs/${name}`);
      schema = resolve(defs[name]) as Schema;
      resolved.set(name, schema);
    }
    return schema;
  };
  return Object.fromEntries(Object.keys(defs).map((name) => [name, definition(name)]));
}

const api = loadApiSchemas(API_SCHEMA_FILE);

export const { ManifestInput, CheckRequest, ValidateRequest, ExplainRequest, ValidationResponse, Explanation, PolicyDescription, RuleDescription, ErrorResponse, ApiInputError, HealthResponse, ReadinessResponse } = api;

/** The API's own component schemas, by name, for /openapi.json. */
export const API_COMPONENTS: Readonly<Record<string, Schema>> = {
  ManifestInput,
  CheckRequest,
  ValidateRequest,
  ExplainRequest,
  ValidationResponse,
  Explanation,
  PolicyDescription,
  RuleDescription,
  ErrorResponse,
  ApiInputError,
  HealthResponse,
  ReadinessResponse,
};

/** Error responses every JSON route may give, for the route schemas. */
export function errorResponses(...codes: number[]): Record<number, Schema> {
  return Object.fromEntries(codes.map((c) => [c, ErrorResponse]));
}
