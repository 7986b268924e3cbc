import { isIP } from 'node:net';
import { type Diagnostic, DiagnosticError, diagnostic } from '../index';
import { createLogger, createServer, LOG_LEVELS, POOL_DEFAULTS, SERVER_DEFAULTS, type LogLevel } from '../server';
import type { CliIo } from './io';

/** The options of `dfft serve` as commander gives them (strings; checked here). */
export interface ServeCommandOptions {
  port?: string;
  host?: string;
  policy?: string;
  packs?: string[];
  addPacks?: string[];
  asOf?: string;
  bodyLimit?: string;
  requestTimeout?: string;
  requestCpuBudget?: string;
  workers?: string;
  maxQueue?: string;
  maxReportSize?: string;
  logLevel?: string;
}

/** The environment variable holding the bearer token; unset means no auth. */
export const TOKEN_ENV = 'DFFT_TOKEN';

/** What `serveCommand` listens to: the process, or an event emitter in tests. */
export interface SignalSource {
  on(signal: NodeJS.Signals, listener: () => void): unknown;
  off(signal: NodeJS.Signals, listener: () => void): unknown;
}

interface ServeSettings {
  port: number;
  host: string;
  bodyLimit: number;
  requestTimeout: number;
  requestCpuBudget: number;
  workers: number;
  maxQueue: number;
  maxReportSize: number;
  logLevel: LogLevel;
  token?: string;
}

/**
 * `dfft serve`: compiles the policy (a bad one ends the run with exit 2 and every located error,
 * before anything listens), listens, reloads the policy on SIGHUP, and on SIGTERM or SIGINT stops
 * taking requests, lets those in flight finish and returns 0. Logs are JSON lines on stdout.
 */
export async function serveCommand(opts: ServeCommandOptions, io: CliIo, signals: SignalSource = process): Promise<number> {
  const settings = parseServeOptions(opts, io.env);
  const log = createLogger({ level: settings.logLevel, destination: { write: (line: string) => io.stdout(line) } });
  const server = await createServer({
    policy: opts.policy,
    packs: opts.packs,
    addPacks: opts.addPacks,
    asOf: opts.asOf,
    token: settings.token,
    bodyLimit: settings.bodyLimit,
    requestTimeout: settings.requestTimeout,
    requestCpuBudget: settings.requestCpuBudget,
    workers: settings.workers,
    maxQueue: settings.maxQueue,
    maxReportSize: settings.maxReportSize,
    logger: log,
  });
  // Signals are handled from before the server listens, so that none is missed once it does.
  let settle: (code: number) => void = () => undefined;
  const stopped = new Promise<number>((resolve) => (settle = resolve));
  const onReload = (): void => {
    log.info('SIGHUP: reloading the policy');
    server.reload().catch((err: unknown) => log.error({ err }, 'policy reload crashed; keeping the policy in use'));
  };
  const unsubscribe = (): void => {
    signals.off('SIGTERM', onStop);
    signals.off('SIGINT', onStop);
    signals.off('SIGHUP', onReload);
  };
  function onStop(): void {
    unsubscribe();
    log.info('shutting down: finishing the requests in flight');
    server.close().then(
      () => {
        log.info('stopped');
        settle(0);
      },
      (err: unknown) => {
        log.error({ err }, 'error while closing');
        settle(2);
      },
    );
  }
  signals.on('SIGHUP', onReload);
  signals.on('SIGTERM', onStop);
  signals.on('SIGINT', onStop);

  try {
    await server.listen(settings.port, settings.host);
  } catch (err) {
    unsubscribe();
    await server.close();
    const e = err as NodeJS.ErrnoException;
    // Any failure to listen (port taken, no permission, a host that is no address of this machine
    // or does not resolve) is the option's fault, not dfft's.
    if (typeof e.code === 'string') {
      const hint = e.code === 'EADDRINUSE' ? 'choose another --port' : e.code === 'ENOTFOUND' || e.code === 'EADDRNOTAVAIL' || e.code === 'EAI_AGAIN' ? '--host must be an address or name of this machine, e.g. 127.0.0.1 or 0.0.0.0' : undefined;
      throw new DiagnosticError([diagnostic('argument/invalid', `cannot listen on ${settings.host}:${settings.port}: ${e.code}`, undefined, hint)]);
    }
    throw err;
  }
  if (settings.token === undefined && !isLoopback(settings.host)) {
    log.warn({ host: settings.host }, `listening beyond loopback without auth: set ${TOKEN_ENV} to require a bearer token`);
  }
  if (settings.token !== undefined && settings.token.length < 16) log.warn(`${TOKEN_ENV} is shorter than 16 characters`);
  return stopped;
}

/** Checks the options of `dfft serve`; every bad value is reported at once (exit 2). */
export function parseServeOptions(opts: ServeCommandOptions, env: Record<string, string | undefined>): ServeSettings {
  const errors: Diagnostic[] = [];
  const bad = (message: string, hint?: string): void => void errors.push(diagnostic('argument/invalid', message, undefined, hint));

  let port = 8080;
  if (opts.port !== undefined) {
    port = /^\d+$/.test(opts.port) ? Number(opts.port) : NaN;
    if (!(port >= 0 && port <= 65535)) bad(`--port: "${opts.port}" is not a port number`, 'expected 0-65535 (0: any free port)');
  }
  const host = opts.host ?? '127.0.0.1';
  if (host.trim() === '') bad('--host: empty', 'e.g. 127.0.0.1 (loopback, the default) or 0.0.0.0 (every interface)');

  let bodyLimit: number = SERVER_DEFAULTS.bodyLimit;
  if (opts.bodyLimit !== undefined) {
    const parsed = parseSize(opts.bodyLimit);
    if (parsed === undefined) bad(`--body-limit: "${opts.bodyLimit}" is not a size`, 'e.g. 1048576, 512kb or 4mb');
    else bodyLimit = parsed;
  }
  let requestTimeout: number = SERVER_DEFAULTS.requestTimeout;
  if (opts.requestTimeout !== undefined) {
    requestTimeout = /^\d+$/.test(opts.requestTimeout) ? Number(opts.requestTimeout) : NaN;
    if (!(requestTimeout >= 1)) bad(`--request-timeout: "${opts.requestTimeout}" is not a number of milliseconds`, 'e.g. 30000');
  }
  const count = (value: string | undefined, name: string, fallback: number, min: number, hint: string): number => {
    if (value === undefined) return fallback;
    const n = /^\d+$/.test(value) ? Number(value) : NaN;
    if (!(n >= min && Number.isSafeInteger(n))) bad(`${name}: "${value}" is not ${min === 0 ? 'a whole number' : 'a positive whole number'}`, hint);
    return n;
  };
  const requestCpuBudget = count(opts.requestCpuBudget, '--request-cpu-budget', POOL_DEFAULTS.cpuBudget, 1, 'milliseconds, e.g. 10000');
  const workers = count(opts.workers, '--workers', POOL_DEFAULTS.workers, 1, `e.g. ${POOL_DEFAULTS.workers} (one per CPU but one)`);
  const maxQueue = count(opts.maxQueue, '--max-queue', POOL_DEFAULTS.maxQueue, 0, 'e.g. 64; 0 refuses every request that would wait');
  let maxReportSize: number = SERVER_DEFAULTS.maxReportSize;
  if (opts.maxReportSize !== undefined) {
    const parsed = parseSize(opts.maxReportSize);
    if (parsed === undefined) bad(`--max-report-size: "${opts.maxReportSize}" is not a size`, 'e.g. 32mb');
    else maxReportSize = parsed;
  }
  const logLevel = (opts.logLevel ?? 'info') as LogLevel;
  if (!LOG_LEVELS.includes(logLevel)) bad(`--log-level: unknown level "${opts.logLevel}"`, `expected one of: ${LOG_LEVELS.join(', ')}`);

  const token = env[TOKEN_ENV];
  if (token !== undefined && token.trim() === '') bad(`${TOKEN_ENV} is set but empty`, `unset it for no auth, or set a long random token`);

  if (errors.length > 0) throw new DiagnosticError(errors);
  return { port, host, bodyLimit, requestTimeout, requestCpuBudget, workers, maxQueue, maxReportSize, logLevel, ...(token !== undefined ? { token } : {}) };
}

/** "1048576", "512kb", "4mb" (binary units) → bytes; undefined when it is not a positive size. */
export function parseSize(value: string): number | undefined {
  const m = /^\s*(\d+)\s*(b|kb|kib|mb|mib)?\s*$/i.exec(value);
  if (!m) return undefined;
  const unit = (m[2] ?? 'b').toLowerCase();
  const bytes = Number(m[1]) * (unit.startsWith('k') ? 1024 : unit.startsWith('m') ? 1024 * 1024 : 1);
  return bytes >= 1 && Number.isSafeInteger(bytes) ? bytes : undefined;
}

function isLoopback(host: string): boolean {
  if (host === 'localhost') return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  return host === '::1';
}
