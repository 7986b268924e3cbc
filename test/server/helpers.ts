import * as fs from 'node:fs';
import * as path from 'node:path';
import addFormats from 'ajv-formats';
import { createServer, type DfftServer, type ServerOptions } from '../../src/server/app';
import { createLogger } from '../../src/server/logger';
import { API_COMPONENTS } from '../../src/server/route-schemas';
import { createAjv } from '../../src/source/ajv';
import { loadSchema } from '../../src/source/schemas';

export const ROOT = path.resolve(__dirname, '..', '..');
export const AS_OF = '2026-11-28';

/** An example manifest's text, by its path under examples/manifests. */
export function example(name: string): string {
  return fs.readFileSync(path.join(ROOT, 'examples', 'manifests', name), 'utf8');
}

/** Log lines of a server, parsed. */
export class LogCapture {
  readonly raw: string[] = [];
  /** Called with each entry as it is written (synchronously, inside the server's work). */
  onEntry?: (entry: Record<string, unknown>) => void;
  write(line: string): void {
    this.raw.push(line);
    this.onEntry?.(JSON.parse(line) as Record<string, unknown>);
  }
  get entries(): Array<Record<string, unknown>> {
    return this.raw.join('').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
  }
  text(): string {
    return this.raw.join('');
  }
}

export interface Running {
  url: string;
  server: DfftServer;
  logs: LogCapture;
  /** A request to the server; JSON bodies are sent as given (a string) or serialised. */
  request(method: string, route: string, options?: { body?: unknown; headers?: Record<string, string>; token?: string }): Promise<Answer>;
  close(): Promise<void>;
}

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  json<T = Record<string, unknown>>(): T;
}

/** Starts the service on a random loopback port, logging to a capture. */
export async function startServer(options: ServerOptions = {}): Promise<Running> {
  const logs = new LogCapture();
  const server = await createServer({ asOf: AS_OF, workers: 1, ...options, logger: createLogger({ level: 'info', destination: logs }) });
  const url = await server.listen(0, '127.0.0.1');
  return {
    url,
    server,
    logs,
    async request(method, route, { body, headers = {}, token } = {}) {
      const init: RequestInit = {
        method,
        headers: {
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...(token !== undefined ? { authorization: `Bearer ${token}` } : {}),
          ...headers,
        },
        ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
      };
      const response = await fetch(`${url}${route}`, init);
      const text = await response.text();
      return { status: response.status, headers: response.headers, text, json: <T>() => JSON.parse(text) as T };
    },
    close: () => server.close(),
  };
}

/**
 * Validators of the API's answers: the project's ajv set-up (strict) with the project's schemas
 * registered under their $id, so route schemas that $ref them compile as they are.
 */
export function answerValidator() {
  const ajv = createAjv();
  addFormats(ajv, ['date-time']);
  ajv.addSchema(loadSchema('manifest'));
  ajv.addSchema(loadSchema('report'));
  const compiled = new Map<object, ReturnType<typeof ajv.compile>>();
  return (schema: Record<string, unknown>, data: unknown): string[] => {
    let validate = compiled.get(schema);
    if (!validate) {
      validate = ajv.compile(schema);
      compiled.set(schema, validate);
    }
    return validate(data) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`);
  };
}

export { API_COMPONENTS };
