/**
 * The service's Fastify instance and what every route shares: strict JSON bodies validated by the
 * project's ajv set-up, security headers on every answer, and errors answered as the project's
 * JSON error body.
 */
import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { decodeUtf8, createAjv } from '../index';
import { parseJsonBody, REQUEST_FILE } from './body';
import { HttpError, requestError } from './errors';
import { rawBodies, shallow, toHttpError } from './request';

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** Whether the service is closing: answers then end their connection, and /readyz says so. */
export interface Lifecycle {
  closing: boolean;
}

/** A Fastify instance with the service's limits and timeouts. */
export function createFastify(bodyLimit: number, requestTimeout: number, handlerTimeout: number, logger?: Logger): FastifyInstance {
  return Fastify({
    ...(logger ? { loggerInstance: logger } : { logger: false }),
    // Node checks request timeouts every 30 s by default, which would let a slow client hold a
    // connection that long past the limit; check every second (or sooner for a shorter limit).
    http: { connectionsCheckingInterval: Math.min(1000, requestTimeout), headersTimeout: Math.min(60_000, requestTimeout) },
    bodyLimit,
    requestTimeout,
    handlerTimeout,
    genReqId: () => randomUUID(),
    // Requests that never became complete (a slow body, broken HTTP) get the project's JSON error too.
    clientErrorHandler: (err: NodeJS.ErrnoException, socket: Socket) => answerClientError(err, socket, requestTimeout, logger),
    exposeHeadRoutes: false,
    return503OnClosing: true,
    // Node's default (5 s), not Fastify's 72 s: a client's idle keep-alive connection would hold a
    // shutdown that long.
    keepAliveTimeout: 5_000,
  }) as unknown as FastifyInstance;
}

/** Validation, serialisation and the one body parser (JSON, strict UTF-8). */
export function installJsonBodies(app: FastifyInstance): void {
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
      const decoded = decodeUtf8(REQUEST_FILE, body as Buffer);
      const bad = decoded.ok ? undefined : decoded.diagnostics[0]; // located
      if (!bad) throw new Error('unreachable: TextDecoder and decodeUtf8 disagree');
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
}

/** The headers of every answer. */
export function installHeaders(app: FastifyInstance, lifecycle: Lifecycle): void {
  app.addHook('onSend', async (request, reply, payload) => {
    reply.header('request-id', request.id);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('cache-control', 'no-store');
    // While closing, end each connection with its answer: close() waits for keep-alive sockets.
    if (lifecycle.closing) reply.header('connection', 'close');
    const html = String(reply.getHeader('content-type') ?? '').startsWith('text/html');
    // The HTML report carries the same policy in a <meta>; no script, no external resource.
    reply.header('content-security-policy', html ? "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'" : "default-src 'none'; frame-ancestors 'none'");
    return payload;
  });
}

/** Every failure, and every unknown route, answered as the project's JSON error body. */
export function installErrorAnswers(app: FastifyInstance, bodyLimit: number): void {
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
