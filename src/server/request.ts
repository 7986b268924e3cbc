/**
 * What the routes need of a request beyond its parsed body: the raw text (to locate errors in
 * it), the library's manifest inputs, and the conversion of any failure into the answer to send.
 */
import type { ErrorObject } from 'ajv';
import type { FastifyError, FastifyRequest } from 'fastify';
import { type ManifestInput, DiagnosticError, toPointer, SourceDocument, toDiagnostics } from '../index';
import { REQUEST_FILE } from './body';
import { fromDiagnostic, HttpError, requestError } from './errors';
import { MANIFEST_SCHEMA_ID } from './route-schemas';

/** One manifest of a request body, as the route schema admits it. */
export interface ManifestEntry {
  file: string;
  text?: string;
  manifest?: Record<string, unknown>;
}

/** The raw text of each JSON body, kept to locate errors in it. */
export const rawBodies = new WeakMap<FastifyRequest, string>();

/** The route schema as the request validator sees it: a manifest object is only checked to be an object. */
export function shallow(schema: Record<string, unknown>): Record<string, unknown> {
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk);
    if (node === null || typeof node !== 'object') return node;
    const obj = node as Record<string, unknown>;
    if (obj.$ref === MANIFEST_SCHEMA_ID) return { type: 'object' };
    return Object.fromEntries(Object.entries(obj).map(([k, v]) => [k, walk(v)]));
  };
  return walk(schema) as Record<string, unknown>;
}

/** The library's inputs; two manifests with the same name would make every location ambiguous. */
export function manifestInputs(entries: readonly ManifestEntry[], request: FastifyRequest): ManifestInput[] {
  const seen = new Map<string, number>();
  const errors = [];
  for (const [i, m] of entries.entries()) {
    const first = seen.get(m.file);
    if (first === undefined) seen.set(m.file, i);
    else {
      const pointer = toPointer(['manifests', i, 'file']);
      errors.push(requestError('request/schema', `manifests[${i}].file: "${m.file}" is also the name of manifests[${first}]`, locateInRequest(request, pointer), 'give each manifest its own name'));
    }
  }
  if (errors.length > 0) throw new HttpError(400, errors);
  return entries.map((m) => (m.text !== undefined ? { file: m.file, text: m.text } : { file: m.file, manifest: m.manifest }));
}

function locateInRequest(request: FastifyRequest, pointer: string) {
  const raw = rawBodies.get(request);
  return raw === undefined ? undefined : new SourceDocument(REQUEST_FILE, raw, 'json').locate(pointer);
}

/** A body that failed its route schema, with every error located in the request. */
function schemaError(err: FastifyError, request: FastifyRequest): HttpError {
  const raw = rawBodies.get(request);
  if (raw === undefined || request.body === undefined) {
    return new HttpError(400, [requestError('request/empty', 'the request has no JSON body', undefined, 'send Content-Type: application/json and a JSON object; see /openapi.json')]);
  }
  const schema = (request.routeOptions.schema?.body ?? {}) as Record<string, unknown>;
  const source = new SourceDocument(REQUEST_FILE, raw, 'json');
  const located = toDiagnostics(err.validation as ErrorObject[], source, request.body, shallow(schema), 'manifest/schema');
  return new HttpError(400, located.map((e) => ({ ...fromDiagnostic(e), code: 'request/schema' })));
}

/** Any error of a request as the answer to send: status, located errors, headers. */
export function toHttpError(err: FastifyError, request: FastifyRequest, bodyLimit: number): HttpError {
  if (err instanceof HttpError) return err;
  if (err instanceof DiagnosticError) return new HttpError(422, err.diagnostics.map(fromDiagnostic));
  if (err.validation && err.validationContext === 'body') return schemaError(err, request);
  switch (err.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new HttpError(413, [
        requestError('request/too-large', `the request body is over the limit of ${bodyLimit} bytes`, undefined, 'send fewer manifests per request, or start the server with a larger --body-limit'),
      ]);
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new HttpError(415, [
        requestError('request/unsupported-media-type', `unsupported Content-Type ${JSON.stringify(request.headers['content-type'] ?? '')}`, undefined, 'send application/json'),
      ]);
    case 'FST_ERR_HANDLER_TIMEOUT':
      return new HttpError(503, [requestError('request/timeout', 'the request took too long and was abandoned', undefined, 'send fewer manifests per request')]);
  }
  const status = err.statusCode ?? 500;
  if (status >= 400 && status < 500) return new HttpError(status, [requestError('request/bad-request', err.message)]);
  return new HttpError(500, [requestError('server/internal', 'internal error; the server log has the details')]);
}
