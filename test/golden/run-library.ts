// Library and server goldens: the JSON report of every test case of test/scenarios/*.yaml, and
// answers of the HTTP API (Fastify inject). Shared by scripts/golden.ts and golden.test.ts.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { AS_OF } from './cases';
import { checkerOptionsFor, createChecker, createServer, loadTestFile, runTestFile } from './library';
import { ROOT, scrub } from './run-cases';

export const SCENARIO_SOURCE_DIR = path.join(ROOT, 'test', 'scenarios');

export function scenarioFiles(): string[] {
  return fs.readdirSync(SCENARIO_SOURCE_DIR).filter((f) => f.endsWith('.yaml')).sort();
}

type Checker = Awaited<ReturnType<typeof createChecker>>;
const checkers = new Map<string, Promise<Checker>>();

/** The reports of a scenario file's cases, as test/scenarios.test.ts checks them: name → report. */
export async function scenarioGolden(file: string): Promise<string> {
  const loaded = loadTestFile(path.join(SCENARIO_SOURCE_DIR, file));
  if (!loaded.ok) throw new Error(loaded.diagnostics.map((e) => e.message).join('\n'));
  const t = loaded.value;
  const options = checkerOptionsFor(t);
  const key = JSON.stringify(options);
  if (!checkers.has(key)) checkers.set(key, createChecker({ asOf: AS_OF, ...options }));
  const results = runTestFile(t, await checkers.get(key)!);
  const out: Record<string, unknown> = {};
  // The cases of a file mostly share their manifests: an element of parties, datasets, flows,
  // findings or rules equal to one an earlier case of the file already shows is written as a
  // reference to it (the golden would be 14 MB instead of ~3 MB otherwise). Everything else is the report as it is.
  const seen = new Map<string, string>();
  for (const [i, r] of results.entries()) {
    const name = r.name in out ? `${r.name} #${i}` : r.name;
    if (!r.report) {
      out[name] = { failures: r.failures };
      continue;
    }
    const report: Record<string, unknown> = { ...r.report };
    for (const key of ['parties', 'datasets', 'flows', 'findings', 'rules']) {
      const list = report[key];
      if (!Array.isArray(list)) continue;
      report[key] = list.map((element: unknown, j: number) => {
        const text = JSON.stringify(element);
        const ref = seen.get(`${key}:${text}`);
        if (ref !== undefined) return ref;
        seen.set(`${key}:${text}`, `= ${JSON.stringify(name)}.${key}[${j}]`);
        return element;
      });
    }
    out[name] = report;
  }
  return scrub(JSON.stringify(out, null, 2)) + '\n';
}

export interface ServerRequest {
  name: string;
  method: 'GET' | 'POST';
  url: string;
  /** An object is sent as JSON; a string as it is (content-type application/json). */
  body?: unknown;
}

function manifest(rel: string): { file: string; text: string } {
  return { file: rel, text: fs.readFileSync(path.join(ROOT, rel), 'utf8') };
}

const SAAS = 'examples/manifests/eu-saas-us-processor.yaml';
const JP = 'examples/manifests/jp-retailer-eu-subsidiary.json';

export const serverRequests: ServerRequest[] = [
  { name: 'check-saas', method: 'POST', url: '/v1/check', body: { manifests: [manifest(SAAS)] } },
  { name: 'check-saas-jp-fail-on-warning', method: 'POST', url: '/v1/check', body: { manifests: [manifest(SAAS), manifest(JP)], failOn: 'warning' } },
  { name: 'check-multi-hop-sarif', method: 'POST', url: '/v1/check', body: { manifests: [manifest('examples/manifests/multi-hop/eu-clinic.yaml'), manifest('examples/manifests/multi-hop/jp-research-partner.yaml')], format: 'sarif' } },
  { name: 'check-markdown-as-of-2019', method: 'POST', url: '/v1/check', body: { manifests: [manifest(SAAS)], format: 'markdown', asOf: '2019-06-01' } },
  { name: 'check-inline-manifest', method: 'POST', url: '/v1/check', body: { manifests: [{ file: 'inline.json', manifest: { manifestVersion: 1, system: { id: 'inline' }, parties: [{ id: 'a', name: 'A', country: 'DE', role: 'controller' }, { id: 'b', name: 'B', country: 'US', role: 'processor' }], datasets: [{ id: 'd', categories: ['contact'] }], flows: [{ id: 'f', from: 'a', to: 'b', datasets: ['d'] }] } }] } },
  { name: 'check-invalid-manifest', method: 'POST', url: '/v1/check', body: { manifests: [manifest('examples/invalid/unknown-party.yaml')] } },
  { name: 'check-broken-yaml', method: 'POST', url: '/v1/check', body: { manifests: [manifest('examples/invalid/broken.yaml')] } },
  { name: 'validate-saas', method: 'POST', url: '/v1/validate', body: { manifests: [manifest(SAAS), manifest(JP)] } },
  { name: 'validate-invalid', method: 'POST', url: '/v1/validate', body: { manifests: [manifest('examples/invalid/bad-manifest.json'), manifest('examples/invalid/unknown-party.yaml')] } },
  { name: 'explain-support-remote', method: 'POST', url: '/v1/explain', body: { manifests: [manifest(SAAS)], flow: 'support-remote' } },
  { name: 'explain-unknown-flow', method: 'POST', url: '/v1/explain', body: { manifests: [manifest(SAAS)], flow: 'nope' } },
  { name: 'bad-request-empty', method: 'POST', url: '/v1/check', body: {} },
  { name: 'bad-request-not-json', method: 'POST', url: '/v1/check', body: '{"manifests": [' },
  { name: 'bad-request-bad-format', method: 'POST', url: '/v1/check', body: { manifests: [manifest(SAAS)], format: 'pdf' } },
  { name: 'bad-request-bad-as-of', method: 'POST', url: '/v1/check', body: { manifests: [manifest(SAAS)], asOf: '2026-13-45' } },
  { name: 'rules', method: 'GET', url: '/v1/rules' },
  { name: 'healthz', method: 'GET', url: '/healthz' },
  { name: 'openapi', method: 'GET', url: '/openapi.json' },
  { name: 'not-found', method: 'GET', url: '/v1/nope' },
];

/**
 * Answers of the server (asOf 2026-11-28, one worker) to serverRequests: name → rendering. The
 * server listens on a random loopback port and is asked with fetch: Fastify's inject loads
 * light-my-request, which requires an ES-module-only package that jest's CommonJS runtime cannot load.
 */
export async function serverGoldens(): Promise<Map<string, string>> {
  const server = await createServer({ asOf: AS_OF, workers: 1 });
  const out = new Map<string, string>();
  try {
    const url = await server.listen(0, '127.0.0.1');
    for (const r of serverRequests) {
      const response = await fetch(`${url}${r.url}`, {
        method: r.method,
        ...(r.body !== undefined ? { headers: { 'content-type': 'application/json' }, body: typeof r.body === 'string' ? r.body : JSON.stringify(r.body) } : {}),
      });
      let body = await response.text();
      // JSON bodies are stored indented (for readable diffs); the answer itself is compact.
      try {
        body = JSON.stringify(JSON.parse(body), null, 2);
      } catch {
        // not JSON: as it is
      }
      out.set(r.name, scrub(`status: ${response.status}\ncontent-type: ${String(response.headers.get('content-type'))}\n--- body\n${body}\n`));
    }
  } finally {
    await server.close();
  }
  return out;
}
