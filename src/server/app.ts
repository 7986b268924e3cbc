/**
 * The HTTP service (`dfft serve`): Fastify with the project's JSON Schemas as route schemas and the
 * library behind every route. The policy is compiled once at start and swapped whole on reload.
 */
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { assertDate, formatDiagnostic, type PolicySelection } from '../index';
import { VERSION } from '../version';
import { bearerAuth } from './auth';
import { POOL_DEFAULTS, type PoolOptions } from './check-pool';
import type { RouteDoc } from './openapi';
import { PolicyStore, type ReloadResult } from './policy-store';
import { checkRoutes } from './routes/check';
import { type RouteContext } from './routes/context';
import { explainRoutes } from './routes/explain';
import { healthRoutes } from './routes/health';
import { openApiRoutes } from './routes/openapi';
import { policyRoutes } from './routes/policy';
import { createFastify, installErrorAnswers, installHeaders, installJsonBodies, type Lifecycle } from './setup';

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

/**
 * Builds the service: compiles the policy (throwing DiagnosticError with every located policy error,
 * before anything listens) and registers the routes.
 */
export async function createServer(options: ServerOptions = {}): Promise<DfftServer> {
  if (options.asOf !== undefined) assertDate(options.asOf, '--as-of');
  const store = await PolicyStore.load(policySelection(options), poolOptions(options));
  const bodyLimit = options.bodyLimit ?? SERVER_DEFAULTS.bodyLimit;
  const auth = options.token !== undefined;
  const requestTimeout = options.requestTimeout ?? SERVER_DEFAULTS.requestTimeout;
  const app = createFastify(bodyLimit, requestTimeout, options.handlerTimeout ?? SERVER_DEFAULTS.handlerTimeout, options.logger);
  const lifecycle: Lifecycle = { closing: false };

  installJsonBodies(app);
  const routes = collectRoutes(app);
  if (options.token !== undefined) {
    const check = bearerAuth(options.token);
    app.addHook('onRequest', async (request) => {
      if ((request.routeOptions.config as { auth?: boolean }).auth === true) check(request);
    });
  }
  installHeaders(app, lifecycle);
  installErrorAnswers(app, bodyLimit);

  const context: RouteContext = { store, lifecycle, asOf: options.asOf, maxReportSize: options.maxReportSize ?? SERVER_DEFAULTS.maxReportSize };
  await app.register(checkRoutes, context);
  await app.register(explainRoutes, context);
  await app.register(policyRoutes, context);
  await app.register(healthRoutes, context);
  await app.register(openApiRoutes, { routes, version: VERSION, auth, bodyLimit });
  app.addHook('preClose', async () => {
    lifecycle.closing = true;
  });

  try {
    await app.ready();
  } catch (err) {
    await store.close(); // its workers would keep the process alive
    throw err;
  }
  if (!auth) app.log.info('bearer-token auth is off (set DFFT_TOKEN to require it on /v1/*)');
  return serverHandle(app, store, lifecycle);
}

function policySelection(options: ServerOptions): PolicySelection {
  return { policy: options.policy, packs: options.packs, addPacks: options.addPacks, rulesDir: options.rulesDir };
}

function poolOptions(options: ServerOptions): PoolOptions {
  return {
    workers: options.workers ?? POOL_DEFAULTS.workers,
    maxQueue: options.maxQueue ?? POOL_DEFAULTS.maxQueue,
    cpuBudget: options.requestCpuBudget ?? POOL_DEFAULTS.cpuBudget,
    ...(options.workerFilename ? { filename: options.workerFilename } : {}),
  };
}

/** Every route as it is registered, for /openapi.json. */
function collectRoutes(app: FastifyInstance): RouteDoc[] {
  const routes: RouteDoc[] = [];
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) {
      routes.push({ method, url: route.url, schema: route.schema as Record<string, unknown> | undefined, auth: (route.config as { auth?: boolean } | undefined)?.auth === true });
    }
  });
  return routes;
}

function serverHandle(app: FastifyInstance, store: PolicyStore, lifecycle: Lifecycle): DfftServer {
  const log = app.log;
  return {
    app,
    store,
    async reload() {
      const result = await store.reload();
      if (result.ok) log.info({ policy: result.generation, millis: Math.round(result.millis) }, 'policy reloaded');
      // The policy's errors are the operator's own files, located as the CLI prints them.
      else log.error({ policy: result.generation, errors: result.errors.map((e) => formatDiagnostic(e, { code: true })) }, 'policy reload failed; keeping the policy in use');
      return result;
    },
    async listen(port, host) {
      const address = await app.listen({ port, host });
      log.info({ address, policy: store.current.generation, packs: store.current.description.packs.map((p) => p.id) }, 'dfft serve listening');
      return address;
    },
    async close() {
      lifecycle.closing = true;
      await app.close();
      await store.close();
    },
  };
}
