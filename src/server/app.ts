/**
 * The HTTP service (`dfft serve`): Fastify with the project's JSON Schemas as route schemas and the
 * library behind every route. The policy is compiled once at start and swapped whole on reload.
 */
import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { ErrorObject } from 'ajv';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { assertDate, today, type ManifestInput } from '../library/checker';
import { InputErrors, type InputError } from '../source/input-error';
import type { PolicySelection } from '../policy/load-policy';
import { decodeUtf8 } from '../source/parse-source';
import { toPointer } from '../source/pointer';
import { SourceDocument } from '../source/source-document';
import type { FailOn } from '../report/exit-code';
import type { FormatName } from '../report/formatters';
import { createAjv } from '../source/ajv';
import { toInputErrors } from '../source/schema-errors';
import { VERSION } from '../version';
import { bearerAuth } from './auth';
import { parseJsonBody, REQUEST_FILE } from './body';
import { POOL_DEFAULTS, type PoolOptions } from './check-pool';
import { fromInputError, HttpError, requestError } from './errors';
import { buildOpenApi, type RouteDoc } from './openapi';
import { PolicyStore, type ReloadResult } from './policy-store';
import type { Task, TaskAnswer } from './tasks';
import {
  CheckRequest,
  errorResponses,
  Explanation,
  ExplainRequest,
  HealthResponse,
  MANIFEST_SCHEMA_ID,
  PolicyDescription,
  ReadinessResponse,
  REPORT_SCHEMA_ID,
  ValidateRequest,
  ValidationResponse,
} from './route-schemas';

/** Options of the service. Nothing in a request can change them. */
export interface ServerOptions extends PolicySelection {
  /** A fixed date to apply the law for; default today (UTC) at each request. A request's asOf wins. */
  asOf?: string;
  /** Bearer token required on /v1/* (DFFT_TOKEN); undefined: no auth. */
  token?: string;
  /** Largest request body in bytes (default 1 MiB). */
  bodyLimit?: number;
  /** Most milliseconds to receive a whole request (default 30 s). */
  requestTimeout?: number;
  /** Most milliseconds from routing to the answer (default 30 s); then 503. */
  handlerTimeout?: number;
  /** Worker threads that run checks (default: one per CPU but one, at least one). */
  workers?: number;
  /** Requests that may wait for a worker (default 64); more get 503 with Retry-After. */
  maxQueue?: number;
  /** Most milliseconds a request may run in its worker (default 10 s); then it is stopped and answered 503. */
  requestCpuBudget?: number;
  /** Largest report answered, in bytes (default 32 MiB); a larger one is a 422 report/too-large. */
  maxReportSize?: number;
  /** The worker module, for tests. @internal */
  workerFilename?: string;
  /** Where logs go (pino); default none. Manifests' content is never logged. */
  logger?: Logger;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

// An answer is built whole in memory before it is sent: its size is bounded well below the CLI's.
export const SERVER_DEFAULTS = { bodyLimit: 1024 * 1024, requestTimeout: 30_000, handlerTimeout: 30_000, maxReportSize: 32 * 1024 * 1024 } as const;

/** A built service: listen, reload the policy, close. */
export interface DfftServer {
  readonly app: FastifyInstance;
  readonly store: PolicyStore;
  /** Reloads the policy (SIGHUP); a bad policy keeps the old one. Logs the outcome. */
  reload(): Promise<ReloadResult>;
  /** Starts listening; returns the URL, e.g. http://127.0.0.1:8080. */
  listen(port: number, host: string): Promise<string>;
  /** Stops taking requests, lets those in flight finish, then closes. */
  close(): Promise<void>;
}

interface ManifestEntry {
  file: string;
  text?: string;
  manifest?: Record<string, unknown>;
}

type CheckBody = { manifests: ManifestEntry[]; asOf?: string; format?: FormatName; failOn?: FailOn };
type ExplainBody = { manifests: ManifestEntry[]; flow: string; asOf?: string };
type ValidateBody = { manifests: ManifestEntry[] };

/** The raw text of each JSON body, kept to locate errors in it. */
const rawBodies = new WeakMap<FastifyRequest, string>();

/**
 * Builds the service: compiles the policy (throwing InputErrors with every located policy error,
 * before anything listens) and registers the routes.
 */
export async function createServer(options: ServerOptions = {}): Promise<DfftServer> {
  if (options.asOf !== undefined) assertDate(options.asOf, '--as-of');
  const selection: PolicySelection = { policy: options.policy, packs: options.packs, addPacks: options.addPacks, rulesDir: options.rulesDir };
  const poolOptions: PoolOptions = {
    workers: options.workers ?? POOL_DEFAULTS.workers,
    maxQueue: options.maxQueue ?? POOL_DEFAULTS.maxQueue,
    cpuBudget: options.requestCpuBudget ?? POOL_DEFAULTS.cpuBudget,
    ...(options.workerFilename ? { filename: options.workerFilename } : {}),
  };
  const store = await PolicyStore.load(selection, poolOptions);
  const bodyLimit = options.bodyLimit ?? SERVER_DEFAULTS.bodyLimit;
  const auth = options.token !== undefined;

  const requestTimeout = options.requestTimeout ?? SERVER_DEFAULTS.requestTimeout;
  const app = Fastify({
    ...(options.logger ? { loggerInstance: options.logger } : { logger: false }),
    // Node checks request timeouts every 30 s by default, which would let a slow client hold a
    // connection that long past the limit; check every second (or sooner for a shorter limit).
    http: { connectionsCheckingInterval: Math.min(1000, requestTimeout), headersTimeout: Math.min(60_000, requestTimeout) },
    bodyLimit,
    requestTimeout,
    handlerTimeout: options.handlerTimeout ?? SERVER_DEFAULTS.handlerTimeout,
    genReqId: () => randomUUID(),
    // Requests that never became complete (a slow body, broken HTTP) get the project's JSON error too.
    clientErrorHandler: (err: NodeJS.ErrnoException, socket: Socket) => answerClientError(err, socket, requestTimeout, options.logger),
    exposeHeadRoutes: false,
    return503OnClosing: true,
    // Node's default (5 s), not Fastify's 72 s: a client's idle keep-alive connection would hold a
    // shutdown that long.
    keepAliveTimeout: 5_000,
  }) as unknown as FastifyInstance;
  const log = app.log;
  let closing = false;

  // Route schemas are validated by the project's ajv set-up (allErrors, strict, verbose), so that
  // failures convert to the CLI's located messages. A manifest object's content is left to the
  // library, which locates its errors like those of a manifest file (see shallow()).
  const ajv = createAjv();
  app.setValidatorCompiler(({ schema }) => ajv.compile(shallow(schema as Record<string, unknown>)));
  // Response schemas document the API (and tests check answers against them); they must never
  // filter what is sent, so the answer is serialised as it is.
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));

  app.removeAllContentTypeParsers();
  // Bytes, decoded strictly: invalid UTF-8 is refused rather than turned into replacement
  // characters that would be checked as if the client had sent them.
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    let text: string;
    try {
      text = strictUtf8.decode(body as Buffer);
    } catch {
      const bad = decodeUtf8(REQUEST_FILE, body as Buffer) as InputError; // located
      done(new HttpError(400, [requestError('request/invalid-json', bad.message, bad.location, 'send the body as UTF-8')]), undefined);
      return;
    }
    rawBodies.set(request, text);
    try {
      done(null, parseJsonBody(text));
    } catch (err) {
      done(err as Error, undefined);
    }
  });

  const routes: RouteDoc[] = [];
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) {
      routes.push({ method, url: route.url, schema: route.schema as Record<string, unknown> | undefined, auth: (route.config as { auth?: boolean } | undefined)?.auth === true });
    }
  });
  if (options.token !== undefined) {
    const check = bearerAuth(options.token);
    app.addHook('onRequest', async (request) => {
      if ((request.routeOptions.config as { auth?: boolean }).auth === true) check(request);
    });
  }
  app.addHook('onSend', async (request, reply, payload) => {
    reply.header('request-id', request.id);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('cache-control', 'no-store');
    // While closing, end each connection with its answer: close() waits for keep-alive sockets.
    if (closing) reply.header('connection', 'close');
    const html = String(reply.getHeader('content-type') ?? '').startsWith('text/html');
    // The HTML report carries the same policy in a <meta>; no script, no external resource.
    reply.header('content-security-policy', html ? "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'" : "default-src 'none'; frame-ancestors 'none'");
    return payload;
  });

  app.setErrorHandler((err: FastifyError, request, reply) => {
    const http = toHttpError(err, request, bodyLimit);
    if (http.statusCode >= 500 && http.statusCode !== 503) {
      // A bug. Its message may quote the input, so the message is logged only at debug level;
      // the stack frames and the request id are enough to find it.
      request.log.error({ error: { type: err.name, code: err.code, frames: (err.stack ?? '').split('\n').filter((l) => /^\s+at /.test(l)).map((l) => l.trim()) } }, 'request failed');
      request.log.debug({ err }, 'request failed (full error)');
    }
    // Codes only: messages can quote the manifests, which are never logged.
    else request.log.info({ statusCode: http.statusCode, errors: http.errors.length, codes: [...new Set(http.errors.map((e) => e.code))] }, 'request rejected');
    void reply.code(http.statusCode).headers(http.headers).type('application/json; charset=utf-8').send(http.body());
  });
  app.setNotFoundHandler((request, reply) => {
    const http = new HttpError(404, [requestError('request/not-found', `no route ${request.method} ${request.url.split('?')[0]}`, undefined, 'see /openapi.json')]);
    void reply.code(404).type('application/json; charset=utf-8').send(http.body());
  });

  /**
   * Runs a route's work in the workers of the current policy and sends their answer. The state is
   * taken once, and the task handed to its pool at once, so a reload cannot change the policy
   * under a request. A client that leaves, or the handler timeout, stops the task.
   */
  async function runTask(request: FastifyRequest, reply: FastifyReply, task: Task, logMessage: string, { logRejected = false } = {}): Promise<string | Buffer> {
    const state = store.current;
    const answer: TaskAnswer = await state.pool.run(task, taskSignal(request, reply));
    if (answer.ok || logRejected) request.log.info({ ...answer.log, policy: state.generation }, logMessage);
    if (!answer.ok) throw new HttpError(answer.status, answer.errors);
    void reply.headers(answer.headers).type(answer.contentType);
    return typeof answer.body === 'string' ? answer.body : Buffer.from(answer.body.buffer, answer.body.byteOffset, answer.body.byteLength);
  }

  const v1 = { auth: true };
  const jsonBodyErrors = errorResponses(400, 408, 413, 415, 422, 500, 503);

  app.post('/v1/check', {
    config: v1,
    schema: {
      operationId: 'check',
      summary: 'Check manifests against the policy',
      description:
        'Every flow gets a verdict and every problem a finding, as `dfft check`. The answer is the report (schemas/report.schema.json) or, with `format`, SARIF, JUnit, Markdown, HTML or text. The header dfft-exit-code is the CLI\'s exit code for `failOn`. Bad manifests (syntax, schema, unknown references) give 422 with every error located.',
      tags: ['check'],
      body: CheckRequest,
      response: {
        200: {
          description: 'The report, in the format asked for.',
          headers: { 'dfft-exit-code': { description: '0: no finding at or above failOn; 1: at least one.', schema: { enum: ['0', '1'] } } },
          content: {
            'application/json': { schema: { $ref: REPORT_SCHEMA_ID } },
            'application/sarif+json': { schema: { type: 'object', description: 'SARIF 2.1.0 log.' } },
            'application/xml': { schema: { type: 'string', description: 'JUnit XML.' } },
            'text/markdown': { schema: { type: 'string' } },
            'text/html': { schema: { type: 'string', description: 'A self-contained page (no script, no external resource).' } },
            'text/plain': { schema: { type: 'string' } },
            'text/csv': { schema: { type: 'string', description: 'The transfer register: one row per flow that leaves a jurisdiction.' } },
            'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: { type: 'string', contentMediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', description: 'The transfer register as a workbook.' } },
          },
        },
        ...jsonBodyErrors,
      },
    },
    handler: async (request, reply) => {
      const body = request.body as CheckBody;
      const inputs = manifestInputs(body.manifests, request);
      const task: Task = { kind: 'check', inputs, asOf: body.asOf ?? options.asOf ?? today(), format: body.format ?? 'json', failOn: body.failOn ?? 'error', maxReportBytes: options.maxReportSize ?? SERVER_DEFAULTS.maxReportSize };
      return runTask(request, reply, task, 'checked');
    },
  });

  app.post('/v1/validate', {
    config: v1,
    schema: {
      operationId: 'validate',
      summary: 'Validate manifests without applying any law',
      description: 'Syntax, the manifest schema and references across the manifests, as `dfft validate`. Invalid manifests give 422 with every error located.',
      tags: ['check'],
      body: ValidateRequest,
      response: { 200: ValidationResponse, ...jsonBodyErrors },
    },
    handler: async (request, reply) => {
      const body = request.body as ValidateBody;
      return runTask(request, reply, { kind: 'validate', inputs: manifestInputs(body.manifests, request) }, 'validated', { logRejected: true });
    },
  });

  app.post('/v1/explain', {
    config: v1,
    schema: {
      operationId: 'explain',
      summary: 'Explain the verdict of one flow',
      description:
        'Every pack and rule considered for the flow, whether it applied, why it passed or failed, the values its conditions read, and the origin of each dataset, as `dfft explain --format json`. 404 when no manifest declares the flow; 422 when a manifest has errors (an explanation is never given from partial input).',
      tags: ['check'],
      body: ExplainRequest,
      response: { 200: Explanation, ...errorResponses(400, 404, 408, 413, 415, 422, 500, 503) },
    },
    handler: async (request, reply) => {
      const body = request.body as ExplainBody;
      const task: Task = { kind: 'explain', inputs: manifestInputs(body.manifests, request), flow: body.flow, asOf: body.asOf ?? options.asOf ?? today() };
      return runTask(request, reply, task, 'explained');
    },
  });

  app.get('/v1/rules', {
    config: v1,
    schema: {
      operationId: 'rules',
      summary: 'The rules of the policy',
      description: 'Every pack and rule of the server\'s policy with severity, citation, conditions and templates, as `dfft rules --format json`.',
      tags: ['policy'],
      response: { 200: PolicyDescription, ...errorResponses(500) },
    },
    handler: async () => store.current.description,
  });

  app.get('/healthz', {
    schema: { operationId: 'health', summary: 'Liveness: the process answers', tags: ['operations'], response: { 200: HealthResponse } },
    handler: async () => ({ status: 'ok' }),
  });

  app.get('/readyz', {
    schema: {
      operationId: 'ready',
      summary: 'Readiness: a policy is loaded and the server is not closing',
      tags: ['operations'],
      response: { 200: ReadinessResponse, 503: ReadinessResponse },
    },
    handler: async (_request, reply) => {
      const state = store.current;
      const last = store.lastReload;
      void reply.code(closing ? 503 : 200);
      return {
        status: closing ? 'closing' : 'ready',
        policy: {
          generation: state.generation,
          loadedAt: state.loadedAt.toISOString(),
          packs: state.description.packs.map((p) => ({ id: p.id, version: p.version })),
          files: state.description.files,
        },
        ...(last ? { lastReload: { at: last.at.toISOString(), ok: last.ok, ...(last.errors !== undefined ? { errors: last.errors } : {}) } } : {}),
      };
    },
  });

  let openapi: Record<string, unknown> | undefined;
  app.get('/openapi.json', {
    schema: { operationId: 'openapi', summary: 'This document', tags: ['operations'], response: { 200: { type: 'object', description: 'OpenAPI 3.1 document.' } } },
    handler: async () => (openapi ??= buildOpenApi(routes, { version: VERSION, auth, bodyLimit })),
  });

  app.addHook('preClose', async () => {
    closing = true;
  });

  try {
    await app.ready();
  } catch (err) {
    await store.close(); // its workers would keep the process alive
    throw err;
  }
  if (!auth) log.info('bearer-token auth is off (set DFFT_TOKEN to require it on /v1/*)');

  return {
    app,
    store,
    async reload() {
      const result = await store.reload();
      if (result.ok) log.info({ policy: result.generation, millis: Math.round(result.millis) }, 'policy reloaded');
      // The policy's errors are the operator's own files, located as the CLI prints them.
      else log.error({ policy: result.generation, errors: result.errors.map((e) => `${e.format()}  [${e.code}]`) }, 'policy reload failed; keeping the policy in use');
      return result;
    },
    async listen(port, host) {
      const address = await app.listen({ port, host });
      log.info({ address, policy: store.current.generation, packs: store.current.description.packs.map((p) => p.id) }, 'dfft serve listening');
      return address;
    },
    async close() {
      closing = true;
      await app.close();
      await store.close();
    },
  };
}

/**
 * Answers a request Node refused before it reached a route: the whole request did not arrive
 * within --request-timeout (408), its headers are too large (431) or it is not HTTP (400). The
 * connection is closed after the answer.
 */
function answerClientError(err: NodeJS.ErrnoException, socket: Socket, requestTimeout: number, log?: Logger): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const http =
    err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
      ? new HttpError(408, [requestError('request/timeout', `the whole request did not arrive within ${requestTimeout} ms`, undefined, 'send the request at once; a slow client is cut off')])
      : err.code === 'HPE_HEADER_OVERFLOW'
        ? new HttpError(431, [requestError('request/too-large', 'the request headers are too large')])
        : new HttpError(400, [requestError('request/bad-request', 'malformed HTTP request')]);
  log?.info({ statusCode: http.statusCode, codes: [http.errors[0].code] }, 'request rejected');
  if (socket.writable) {
    const body = JSON.stringify(http.body());
    socket.write(
      `HTTP/1.1 ${http.statusCode} ${STATUS_CODES[http.statusCode]}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nCache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroySoon();
}

/**
 * Aborts when the task's answer can no longer be sent: the client closed the connection before
 * it, or the handler timeout fired (Fastify then answers 503 itself).
 */
function taskSignal(request: FastifyRequest, reply: FastifyReply): AbortSignal {
  const controller = new AbortController();
  reply.raw.once('close', () => {
    if (!reply.raw.writableFinished) controller.abort(new HttpError(503, [requestError('request/unavailable', 'the client closed the connection before the answer')]));
  });
  const timeout = request.signal;
  const onTimeout = (): void => {
    if ((timeout.reason as FastifyError | undefined)?.code === 'FST_ERR_HANDLER_TIMEOUT') controller.abort(timeout.reason);
  };
  if (timeout.aborted) onTimeout();
  else timeout.addEventListener('abort', onTimeout, { once: true });
  return controller.signal;
}

/** The route schema as the request validator sees it: a manifest object is only checked to be an object. */
function shallow(schema: Record<string, unknown>): Record<string, unknown> {
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
function manifestInputs(entries: readonly ManifestEntry[], request: FastifyRequest): ManifestInput[] {
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

/** Any error of a request as the answer to send: status, located errors, headers. */
function toHttpError(err: FastifyError, request: FastifyRequest, bodyLimit: number): HttpError {
  if (err instanceof HttpError) return err;
  if (err instanceof InputErrors) return new HttpError(422, err.errors.map(fromInputError));
  if (err.validation && err.validationContext === 'body') {
    const raw = rawBodies.get(request);
    if (raw === undefined || request.body === undefined) {
      return new HttpError(400, [requestError('request/empty', 'the request has no JSON body', undefined, 'send Content-Type: application/json and a JSON object; see /openapi.json')]);
    }
    const schema = (request.routeOptions.schema?.body ?? {}) as Record<string, unknown>;
    const source = new SourceDocument(REQUEST_FILE, raw, 'json');
    const located = toInputErrors(err.validation as ErrorObject[], source, request.body, shallow(schema), 'manifest/schema');
    return new HttpError(400, located.map((e) => ({ ...fromInputError(e), code: 'request/schema' })));
  }
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
