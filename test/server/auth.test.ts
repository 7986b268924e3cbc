/**
 * Optional bearer-token auth (DFFT_TOKEN) on /v1/*; health, readiness and the OpenAPI
 * document stay open for probes and tooling.
 */
import { example, startServer, type Running } from './helpers';

// Each server compiles its policy in its worker too (from source, through a TypeScript loader).
jest.setTimeout(60_000);

const TOKEN = 'e2f1c7a9-4b0d-4c1e-9a77-5d3b2f8c6a10';
const saas = { file: 'eu-saas-us-processor.yaml', text: example('eu-saas-us-processor.yaml') };
const routes: Array<[string, string, unknown]> = [
  ['POST', '/v1/check', { manifests: [saas] }],
  ['POST', '/v1/validate', { manifests: [saas] }],
  ['POST', '/v1/explain', { manifests: [saas], flow: 'hosting' }],
  ['GET', '/v1/rules', undefined],
];

let api: Running;
beforeAll(async () => {
  api = await startServer({ token: TOKEN, bodyLimit: 16 * 1024 });
});
afterAll(() => api.close());

describe('with DFFT_TOKEN set', () => {
  it.each(routes)('%s %s without a token: 401 with a Bearer challenge', async (method, route, body) => {
    const answer = await api.request(method, route, { body });
    expect(answer.status).toBe(401);
    expect(answer.headers.get('www-authenticate')).toBe('Bearer realm="dfft"');
    expect(answer.json<{ errors: unknown[] }>().errors).toEqual([
      { code: 'request/unauthorized', message: 'missing bearer token', hint: "send Authorization: Bearer <the token in the server's DFFT_TOKEN>", text: "missing bearer token (send Authorization: Bearer <the token in the server's DFFT_TOKEN>)" },
    ]);
  });

  it.each(routes)('%s %s with the right token: answered', async (method, route, body) => {
    const answer = await api.request(method, route, { body, token: TOKEN });
    expect(answer.status).toBe(200);
  });

  it.each([
    ['a wrong token', { authorization: `Bearer ${TOKEN.slice(0, -1)}x` }],
    ['a longer token with the right prefix', { authorization: `Bearer ${TOKEN}0` }],
    ['another scheme', { authorization: `Basic ${Buffer.from(`dfft:${TOKEN}`).toString('base64')}` }],
    ['the token twice', { authorization: `Bearer ${TOKEN} ${TOKEN}` }],
  ])('%s: 401 invalid_token', async (_name, headers) => {
    const answer = await api.request('GET', '/v1/rules', { headers });
    expect(answer.status).toBe(401);
    expect(answer.headers.get('www-authenticate')).toBe('Bearer realm="dfft", error="invalid_token"');
  });

  it('the scheme name is case-insensitive (RFC 7235)', async () => {
    const answer = await api.request('GET', '/v1/rules', { headers: { authorization: `bearer ${TOKEN}` } });
    expect(answer.status).toBe(200);
  });

  it('refuses an unauthenticated request before reading its body (401, not 413)', async () => {
    const answer = await api.request('POST', '/v1/check', { body: JSON.stringify({ manifests: [{ file: 'a.yaml', text: 'x'.repeat(64 * 1024) }] }) });
    expect(answer.status).toBe(401);
  });

  it.each(['/healthz', '/readyz', '/openapi.json'])('%s needs no token', async (route) => {
    expect((await api.request('GET', route)).status).toBe(200);
  });

  it('the OpenAPI document declares the bearer scheme on /v1 operations only', async () => {
    const doc = (await api.request('GET', '/openapi.json')).json<{ paths: Record<string, Record<string, { security?: unknown }>>; components: { securitySchemes?: unknown } }>();
    expect(doc.components.securitySchemes).toEqual({ bearerAuth: expect.objectContaining({ type: 'http', scheme: 'bearer' }) });
    expect(doc.paths['/v1/check'].post.security).toEqual([{ bearerAuth: [] }]);
    expect(doc.paths['/healthz'].get.security).toBeUndefined();
  });

  it('never writes the token to the log', async () => {
    await api.request('GET', '/v1/rules', { token: TOKEN });
    await api.request('GET', '/v1/rules', { headers: { authorization: `Bearer ${TOKEN}x` } });
    expect(api.logs.text()).not.toContain(TOKEN.slice(0, 12));
  });
});

describe('without DFFT_TOKEN', () => {
  it('answers /v1 routes without a token, and logs that auth is off', async () => {
    const open = await startServer();
    try {
      expect((await open.request('GET', '/v1/rules')).status).toBe(200);
      expect(open.logs.entries.map((e) => e.msg)).toContain('bearer-token auth is off (set DFFT_TOKEN to require it on /v1/*)');
    } finally {
      await open.close();
    }
  });
});
