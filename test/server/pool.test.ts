/**
 * The service stays responsive: checks run in worker threads, so /healthz and other clients are
 * answered while a large check runs; a check over its CPU budget is stopped (its worker
 * terminated) with a 503 in the project's error format; a full queue answers 503 with Retry-After.
 * No assertion here depends on how fast the machine is: each is about order or state.
 */
import * as path from 'node:path';
import { ErrorResponse } from '../../src/server/route-schemas';
import { answerValidator, startServer, type Answer, type Running } from './helpers';

jest.setTimeout(90_000);

const validate = answerValidator();
const SPINNING = path.join(__dirname, 'spinning-worker.js');
const spin = { manifests: [{ file: 'spin.json', manifest: {} }] };

/** An estate of `n` flows from Germany to the US in one manifest. */
function estate(n: number): { file: string; manifest: Record<string, unknown> } {
  const parties = [
    { id: 'exporter', name: 'Exporter GmbH', country: 'DE', role: 'controller' },
    { id: 'importer', name: 'Importer Inc.', country: 'US', role: 'processor' },
  ];
  const datasets = [{ id: 'customers', name: 'Customers', categories: ['contact.email'], subjects: ['customers'], collectedIn: ['DE'], purposes: ['customer-support'] }];
  const flows = Array.from({ length: n }, (_, i) => ({ id: `flow-${i}`, from: 'exporter', to: 'importer', datasets: ['customers'], purposes: ['customer-support'] }));
  return { file: 'estate.json', manifest: { manifestVersion: 1, system: { id: 'estate' }, parties, datasets, flows } };
}

/** Resolves once the pool of the server's current policy has `running` tasks and `queued` waiting. */
async function poolState(api: Running, running: number, queued: number): Promise<void> {
  for (;;) {
    const pool = api.server.store.current.pool;
    if (pool.inFlight - pool.queued === running && pool.queued === queued) return;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

function errorBody(answer: Answer) {
  const body = answer.json<{ statusCode: number; errors: Array<{ code: string; message: string; hint?: string; text: string }> }>();
  expect(validate(ErrorResponse, body)).toEqual([]);
  return body;
}

describe('a check that never ends', () => {
  let api: Running;
  beforeAll(async () => {
    api = await startServer({ workerFilename: SPINNING, workers: 1, maxQueue: 1, requestCpuBudget: 1500 });
  });
  afterAll(() => api.close());

  it('does not stop /healthz, /readyz or /v1/rules: each answers while the check spins, and the check ends over budget with 503', async () => {
    const order: string[] = [];
    const check = api.request('POST', '/v1/check', { body: spin }).then((a) => {
      order.push('check');
      return a;
    });
    await poolState(api, 1, 0); // the worker is in its endless loop
    for (const route of ['/healthz', '/readyz', '/v1/rules', '/healthz']) {
      const answer = await api.request('GET', route);
      expect([route, answer.status]).toEqual([route, 200]);
      order.push(route);
    }
    const answer = await check;
    expect(order).toEqual(['/healthz', '/readyz', '/v1/rules', '/healthz', 'check']);
    expect(answer.status).toBe(503);
    expect(answer.headers.get('retry-after')).toBeNull(); // the same request would overrun again
    expect(errorBody(answer).errors).toEqual([
      {
        code: 'request/over-budget',
        message: 'the request ran for more than its CPU budget of 1500 ms and was stopped',
        hint: 'send fewer manifests per request, or start the server with a larger --request-cpu-budget',
        text: 'the request ran for more than its CPU budget of 1500 ms and was stopped (send fewer manifests per request, or start the server with a larger --request-cpu-budget)',
      },
    ]);
    // The terminated worker was replaced: the next check is answered.
    const next = await api.request('POST', '/v1/check', { body: { manifests: [{ file: 'ok.json', manifest: {} }] } });
    expect([next.status, next.text]).toEqual([200, '{"done":true}']);
  });

  it('refuses work beyond the queue with 503 and Retry-After, at once, while the worker is busy', async () => {
    const running = api.request('POST', '/v1/check', { body: spin });
    await poolState(api, 1, 0);
    const waiting = api.request('POST', '/v1/check', { body: { manifests: [{ file: 'ok.json', manifest: {} }] } });
    await poolState(api, 1, 1);
    const refused = await api.request('POST', '/v1/validate', { body: { manifests: [{ file: 'ok.json', manifest: {} }] } });
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('1');
    expect(errorBody(refused).errors.map((e) => [e.code, e.message])).toEqual([['request/unavailable', 'the service is busy: 1 requests are already waiting']]);
    // The refusal came while the others were still pending: they end in their own time.
    expect((await running).status).toBe(503);
    expect((await waiting).status).toBe(200);
  });

  it('a client that gives up frees its place: its task leaves the queue', async () => {
    const running = api.request('POST', '/v1/check', { body: spin });
    await poolState(api, 1, 0);
    const controller = new AbortController();
    const gone = fetch(`${api.url}/v1/check`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ manifests: [{ file: 'ok.json', manifest: {} }] }), signal: controller.signal }).catch(() => 'aborted');
    await poolState(api, 1, 1);
    controller.abort();
    expect(await gone).toBe('aborted');
    await poolState(api, 1, 0);
    expect((await running).status).toBe(503);
  });
});

describe('the real checker in its workers', () => {
  it('answers /healthz while a large check runs, before the check finishes', async () => {
    const api = await startServer({ workers: 1 });
    try {
      const big = { manifests: [estate(3000)] };
      let done = false;
      const check = api.request('POST', '/v1/check', { body: big }).then((a) => {
        done = true;
        return a;
      });
      await poolState(api, 1, 0);
      const health = await api.request('GET', '/healthz');
      expect(health.status).toBe(200);
      expect(done).toBe(false);
      const answer = await check;
      expect(answer.status).toBe(200);
      expect(answer.json<{ summary: { flows: number } }>().summary.flows).toBe(3000);
    } finally {
      await api.close();
    }
  });

  it('stops a real check over its budget (the worker is terminated mid-check) and serves the next one from a fresh worker', async () => {
    const api = await startServer({ workers: 1, requestCpuBudget: 1 });
    try {
      const answer = await api.request('POST', '/v1/check', { body: { manifests: [estate(3000)] } });
      expect(answer.status).toBe(503);
      expect(errorBody(answer).errors.map((e) => e.code)).toEqual(['request/over-budget']);
      const logged = api.logs.entries.find((e) => e.msg === 'request rejected' && e.statusCode === 503);
      expect(logged).toMatchObject({ codes: ['request/over-budget'] });
    } finally {
      await api.close();
    }
  });
});
