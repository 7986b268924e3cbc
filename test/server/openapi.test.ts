/**
 * /openapi.json is built from the routes and the project's JSON Schemas. It is checked
 * as a document (every route, every $ref resolves) and as schemas: the example manifests validate
 * against its DataFlowManifest, and real answers against its Report and ErrorResponse.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';
import { buildOpenApi } from '../../src/server/openapi';
import { example, ROOT, startServer, type Running } from './helpers';
import { CheckRequest, SERVED_FORMATS } from '../../src/server/route-schemas';

// Each server compiles its policy in its worker too (from source, through a TypeScript loader).
jest.setTimeout(60_000);

type Doc = {
  openapi: string;
  info: { version: string };
  paths: Record<string, Record<string, { operationId: string; requestBody?: { content: Record<string, { schema: { $ref?: string } }> }; responses: Record<string, { content: Record<string, { schema: unknown }> }> }>>;
  components: { schemas: Record<string, unknown> };
};

let api: Running;
let doc: Doc;
let ajv: Ajv2020;
const DOC_ID = 'https://dfft.test/openapi.json';

beforeAll(async () => {
  api = await startServer();
  doc = (await api.request('GET', '/openapi.json')).json<Doc>();
  ajv = new Ajv2020({ strict: false, allErrors: true, discriminator: true });
  addFormats(ajv);
  ajv.addSchema({ ...doc, $id: DOC_ID });
});
afterAll(() => api.close());

const component = (name: string) => ajv.getSchema(`${DOC_ID}#/components/schemas/${name}`)!;

function refs(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((n) => refs(n, out));
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref' && typeof v === 'string') out.push(v);
      else refs(v, out);
    }
  }
  return out;
}

it('is OpenAPI 3.1 with every route of the server, each with an operationId and responses', () => {
  expect(doc.openapi).toBe('3.1.0');
  const operations = Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`));
  expect(operations.sort()).toEqual(['GET /healthz', 'GET /openapi.json', 'GET /readyz', 'GET /v1/rules', 'POST /v1/check', 'POST /v1/explain', 'POST /v1/validate']);
  for (const ops of Object.values(doc.paths)) for (const op of Object.values(ops)) expect(Object.keys(op.responses).length).toBeGreaterThan(0);
  expect(doc.paths['/v1/check'].post.requestBody?.content['application/json'].schema).toEqual({ $ref: '#/components/schemas/CheckRequest' });
  expect(Object.keys(doc.paths['/v1/check'].post.responses['200'].content)).toEqual([
    'application/json',
    'application/sarif+json',
    'application/xml',
    'text/markdown',
    'text/html',
    'text/plain',
    'text/csv',
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  ]);
});

it('resolves every $ref inside the document, and keeps no draft-07 leftovers', () => {
  const all = refs(doc);
  expect(all.length).toBeGreaterThan(20);
  for (const r of new Set(all)) {
    expect(r).toMatch(/^#\/components\/schemas\/[A-Za-z]+$/);
    expect(doc.components.schemas[r.split('/').pop()!]).toBeDefined();
  }
  // Schema keywords of the draft-07 files that have no place here ("$schema" stays a manifest field).
  const keywords: string[] = [];
  const walk = (node: unknown, inProperties: boolean): void => {
    if (Array.isArray(node)) return node.forEach((n) => walk(n, false));
    if (!node || typeof node !== 'object') return;
    for (const [k, v] of Object.entries(node)) {
      if (!inProperties && ['definitions', 'tsType', '$schema', '$id'].includes(k)) keywords.push(k);
      walk(v, k === 'properties' || k === 'patternProperties');
    }
  };
  walk(doc.components, false);
  expect(keywords).toEqual([]);
  expect(Object.keys((doc.components.schemas.DataFlowManifest as { properties: object }).properties)).toContain('$schema');
});

it('the manifest component accepts every example manifest and rejects a bad one', () => {
  const validate = component('DataFlowManifest');
  const dir = path.join(ROOT, 'examples', 'manifests');
  const files = fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => /\.(ya?ml|json)$/.test(f));
  expect(files.length).toBeGreaterThanOrEqual(5);
  for (const f of files) {
    const data = parse(fs.readFileSync(path.join(dir, f), 'utf8')) as unknown;
    expect([f, validate(data), validate.errors]).toEqual([f, true, null]);
  }
  expect(validate({ manifestVersion: 1, system: { id: 'x' }, parties: [{ id: 'a', country: 'Germany' }] })).toBe(false);
  expect(validate({ manifestVersion: 1, system: { id: 'x' }, flows: [{ id: 'f', from: 'a', to: 'b', datasets: ['d'], mechanisms: [{ type: 'scc-typo' }] }] })).toBe(false);
});

it('real answers validate against the Report and ErrorResponse components', async () => {
  const ok = await api.request('POST', '/v1/check', { body: { manifests: [{ file: 'a.yaml', text: example('eu-saas-us-processor.yaml') }] } });
  const report = component('Report');
  expect([report(ok.json()), report.errors]).toEqual([true, null]);
  const bad = await api.request('POST', '/v1/check', { body: { manifests: [{ file: 'a.yaml', text: 'manifestVersion: 2' }] } });
  const error = component('ErrorResponse');
  expect(bad.status).toBe(422);
  expect([error(bad.json()), error.errors]).toEqual([true, null]);
});

it('refuses to build when two schemas would share a component name', () => {
  expect(() => buildOpenApi([{ method: 'GET', url: '/x', auth: false, schema: { response: { 200: { $ref: 'https://elsewhere.example/schema.json' } } } }], { version: '0', auth: false, bodyLimit: 1 })).toThrow(
    /cannot resolve \$ref https:\/\/elsewhere\.example\/schema\.json/,
  );
});

it('the format of POST /v1/check in schemas/api.schema.json is every served format', () => {
  const format = (CheckRequest.properties as Record<string, { enum: string[]; description: string }>).format;
  expect(format.enum).toEqual([...SERVED_FORMATS]);
  expect(format.description).toBe(`The form of the answer: json (the report, the default) or one of ${SERVED_FORMATS.filter((f) => f !== 'json').join(', ')}.`);
});
