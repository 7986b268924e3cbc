/**
 * Every route of `dfft serve`, over real HTTP on a random loopback port. Answers are
 * compared with the library's and the CLI's for the same input, and checked against the route's
 * response schema.
 */
import { createHash } from 'node:crypto';
import { createChecker, type Checker } from '../../src/library/checker';
import { FORMAT_NAMES, formatters, joinChunks } from '../../src/report/formatters';
import { Explanation, PolicyDescription, ReadinessResponse, SERVED_FORMATS, ValidationResponse } from '../../src/server/route-schemas';
import { loadSchema } from '../../src/source/schemas';
import { runCli } from '../support/cli';
import { answerValidator, AS_OF, example, startServer, type Running } from './helpers';

// Each server compiles its policy in its worker too (from source, through a TypeScript loader).
jest.setTimeout(60_000);

let api: Running;
let checker: Checker;
const validate = answerValidator();
const saas = { file: 'eu-saas-us-processor.yaml', text: example('eu-saas-us-processor.yaml') };

beforeAll(async () => {
  api = await startServer();
  checker = await createChecker({ asOf: AS_OF });
});
afterAll(() => api.close());

describe('POST /v1/check', () => {
  it('answers the lean report the json formatter gives for the same manifests, byte for byte, valid against report.schema.json', async () => {
    const answer = await api.request('POST', '/v1/check', { body: { manifests: [saas] } });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(answer.text).toBe(joinChunks(formatters.json(checker.check([saas]))));
    const report = answer.json<{ flows: Array<{ id: string; verdict: string }> }>();
    expect(validate(loadSchema('report'), report)).toEqual([]);
    expect(Object.fromEntries(report.flows.map((f) => [f.id, f.verdict]))).toEqual({
      hosting: 'allowed',
      'support-remote': 'violation',
      'offshore-support': 'allowed',
      'product-metrics': 'violation',
    });
  });

  it('answers in the language asked (lang), as the library does; an unknown language is a 400', async () => {
    const answer = await api.request('POST', '/v1/check', { body: { manifests: [saas], lang: 'ja' } });
    expect(answer.status).toBe(200);
    expect(answer.text).toBe(joinChunks(formatters.json(checker.check([saas], { lang: 'ja' }))));
    expect(answer.json<{ lang: string }>().lang).toBe('ja');
    const html = await api.request('POST', '/v1/check', { body: { manifests: [saas], lang: 'ja', format: 'html' } });
    expect(html.text).toContain('<html lang="ja">');
    const explained = await api.request('POST', '/v1/explain', { body: { manifests: [saas], flow: 'support-remote', lang: 'ja' } });
    expect(explained.json<{ findings: Array<{ message: string }> }>().findings.map((f) => f.message).join(' ')).toMatch(/アメリカ合衆国/);
    const bad = await api.request('POST', '/v1/check', { body: { manifests: [saas], lang: 'fr' } });
    expect(bad.status).toBe(400);
  });

  it('gives the CLI exit code for failOn in the dfft-exit-code header', async () => {
    const violating = await api.request('POST', '/v1/check', { body: { manifests: [saas] } });
    expect(violating.headers.get('dfft-exit-code')).toBe('1');
    const ignored = await api.request('POST', '/v1/check', { body: { manifests: [saas], failOn: 'none' } });
    expect(ignored.headers.get('dfft-exit-code')).toBe('0');
    const clean = await api.request('POST', '/v1/check', { body: { manifests: [{ file: 'clean-eu-shop.yaml', text: example('clean-eu-shop.yaml') }] } });
    expect(clean.status).toBe(200);
    expect(clean.headers.get('dfft-exit-code')).toBe('0');
  });

  it('traces origin across the manifests of one request (multi-hop example: the chain in path)', async () => {
    const answer = await api.request('POST', '/v1/check', {
      body: { manifests: ['eu-clinic.yaml', 'jp-research-partner.yaml'].map((f) => ({ file: `multi-hop/${f}`, text: example(`multi-hop/${f}`) })) },
    });
    expect(answer.status).toBe(200);
    const findings = answer.json<{ findings: Array<{ ruleId: string; flowId: string; path: string[] }> }>().findings;
    expect(findings).toContainEqual(expect.objectContaining({ ruleId: 'eu-gdpr/onward-transfer-without-basis', flowId: 'cro-to-datalab', path: ['trial-to-japan', 'trial-to-cro', 'cro-to-datalab'] }));
  });

  it('takes a manifest as an object as well as text, with the same verdicts', async () => {
    const jp = JSON.parse(example('jp-retailer-eu-subsidiary.json')) as Record<string, unknown>;
    const asObject = await api.request('POST', '/v1/check', { body: { manifests: [{ file: 'jp.json', manifest: jp }] } });
    const asText = await api.request('POST', '/v1/check', { body: { manifests: [{ file: 'jp.json', text: example('jp-retailer-eu-subsidiary.json') }] } });
    expect(asObject.status).toBe(200);
    const verdicts = (a: typeof asObject) => a.json<{ flows: Array<{ id: string; verdict: string }> }>().flows.map((f) => `${f.id}=${f.verdict}`);
    expect(verdicts(asObject)).toEqual(verdicts(asText));
    expect(verdicts(asObject)).toContain('delivery-asia=violation');
  });

  it('applies the law as of the request\'s asOf', async () => {
    const answer = await api.request('POST', '/v1/check', { body: { manifests: [saas], asOf: '2023-01-01' } });
    const report = answer.json<{ asOf: string; flows: Array<{ id: string; verdict: string }> }>();
    expect(report.asOf).toBe('2023-01-01');
    // Before the EU-US Data Privacy Framework (Decision 2023/1795), DPF certification is no ground.
    expect(report.flows.find((f) => f.id === 'hosting')?.verdict).toBe('violation');
  });

  it.each([
    ['sarif', 'application/sarif+json; charset=utf-8'],
    ['junit', 'application/xml; charset=utf-8'],
    ['markdown', 'text/markdown; charset=utf-8'],
    ['text', 'text/plain; charset=utf-8'],
    ['csv', 'text/csv; charset=utf-8'],
    ['github', 'text/plain; charset=utf-8'],
    ['gitlab', 'application/json; charset=utf-8'],
  ] as const)('format %s: the formatter\'s output with its media type', async (format, type) => {
    const answer = await api.request('POST', '/v1/check', { body: { manifests: [saas], format } });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe(type);
    const report = checker.check([saas]);
    const texts = new Map([[saas.file, saas.text]]);
    const out = await formatters[format](report, { color: false, sourceText: (f) => texts.get(f) });
    expect(answer.text).toBe(typeof out === 'string' ? out : joinChunks(out));
  });

  it('format json (the default): one line, reportVersion 2, names and countries in parties rather than on each flow', async () => {
    const answer = await api.request('POST', '/v1/check', { body: { manifests: [saas] } });
    expect(answer.text.trimEnd()).not.toContain('\n');
    const body = answer.json<{ reportVersion: number; parties: unknown[]; flows: Array<Record<string, unknown>> }>();
    expect(body.reportVersion).toBe(2);
    expect(body.parties.length).toBeGreaterThan(0);
    expect(body.flows[0]).not.toHaveProperty('exporterCountry');
  });

  it('format html: a self-contained page served under a Content-Security-Policy without scripts', async () => {
    const answer = await api.request('POST', '/v1/check', { body: { manifests: [saas], format: 'html' } });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(answer.headers.get('content-security-policy')).toBe("default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'");
    expect(answer.text).toMatch(/^<!doctype html>/i);
    expect(answer.text).toContain('support-remote');
    expect(answer.text).not.toMatch(/<script/i);
  });

  it('format xlsx: the workbook as an attachment', async () => {
    const response = await fetch(`${api.url}/v1/check`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ manifests: [saas], format: 'xlsx' }) });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="dfft-report.xlsx"');
    expect(Buffer.from(await response.arrayBuffer()).subarray(0, 2).toString('latin1')).toBe('PK'); // a zip
  });

  it('offers every formatter of the library but ndjson (lines for a file too large for one document), each with a media type', () => {
    expect([...SERVED_FORMATS].sort()).toEqual(FORMAT_NAMES.filter((f) => f !== 'ndjson').sort());
  });

  it('never opens a file named in a request: the name is a label, the text given is what is checked', async () => {
    const text = example('clean-eu-shop.yaml');
    const answer = await api.request('POST', '/v1/check', { body: { manifests: [{ file: '/etc/passwd', text }, { file: '../../package.json', manifest: { manifestVersion: 1, system: { id: 'x' } } }] } });
    expect(answer.status).toBe(200);
    const report = answer.json<{ inputs: Array<{ file: string; sha256: string }>; summary: { flows: number } }>();
    expect(report.inputs).toContainEqual({ file: '/etc/passwd', sha256: createHash('sha256').update(text, 'utf8').digest('hex') });
    expect(report.summary.flows).toBe(5);
  });
});

describe('POST /v1/validate', () => {
  it('answers valid, inputs and counts, as dfft validate --format json', async () => {
    const answer = await api.request('POST', '/v1/validate', { body: { manifests: [saas] } });
    expect(answer.status).toBe(200);
    const body = answer.json();
    expect(validate(ValidationResponse, body)).toEqual([]);
    const cli = JSON.parse((await runCli(['validate', '--format', 'json', 'examples/manifests/eu-saas-us-processor.yaml'])).stdout) as { counts: unknown; inputs: Array<{ sha256: string }> };
    expect(body).toEqual({ valid: true, inputs: [{ file: saas.file, sha256: cli.inputs[0].sha256 }], counts: cli.counts });
  });
});

describe('POST /v1/explain', () => {
  it('answers the library\'s explanation of the flow, valid against the Explanation schema', async () => {
    const answer = await api.request('POST', '/v1/explain', { body: { manifests: [saas], flow: 'support-remote' } });
    expect(answer.status).toBe(200);
    const body = answer.json();
    expect(body).toEqual(JSON.parse(JSON.stringify(checker.explain([saas], 'support-remote'))));
    expect(body).toMatchObject({ verdict: 'violation', decisive: ['eu-gdpr/transfer-without-basis'], flow: { id: 'support-remote' } });
    expect(validate(Explanation, body)).toEqual([]);
  });

  it('answers 404 with a suggestion for a flow no manifest declares', async () => {
    const answer = await api.request('POST', '/v1/explain', { body: { manifests: [saas], flow: 'hostin' } });
    expect(answer.status).toBe(404);
    expect(answer.json().errors).toEqual([
      { code: 'request/not-found', message: 'no flow "hostin" in the manifests', hint: 'did you mean "hosting"?', text: 'no flow "hostin" in the manifests (did you mean "hosting"?)' },
    ]);
  });
});

describe('GET /v1/rules', () => {
  it('answers the policy\'s packs and rules as dfft rules --format json', async () => {
    const answer = await api.request('GET', '/v1/rules');
    expect(answer.status).toBe(200);
    const body = answer.json<{ packs: unknown[] }>();
    expect(validate(PolicyDescription, body)).toEqual([]);
    const cli = JSON.parse((await runCli(['rules', '--format', 'json'])).stdout) as { packs: unknown[] };
    expect(body.packs).toEqual(cli.packs);
  });
});

describe('health and readiness', () => {
  it('GET /healthz answers ok', async () => {
    const answer = await api.request('GET', '/healthz');
    expect([answer.status, answer.json()]).toEqual([200, { status: 'ok' }]);
  });

  it('GET /readyz names the policy in use', async () => {
    const answer = await api.request('GET', '/readyz');
    expect(answer.status).toBe(200);
    const body = answer.json();
    expect(validate(ReadinessResponse, body)).toEqual([]);
    expect(body).toMatchObject({ status: 'ready', policy: { generation: 1, files: [], packs: [{ id: 'eu-gdpr' }, { id: 'eu-jp-supplementary' }, { id: 'jp-appi' }] } });
  });

  it('answers a request already in flight when the server starts closing, then takes no more connections', async () => {
    const other = await startServer();
    let closed: Promise<void> | undefined;
    // Close the moment the check request has arrived: its handler has not run yet.
    other.logs.onEntry = (entry) => {
      if (entry.msg === 'incoming request' && (entry.req as { url: string }).url === '/v1/check') closed ??= other.close();
    };
    const answer = await other.request('POST', '/v1/check', { body: { manifests: [saas] } });
    expect(closed).toBeDefined();
    expect(answer.status).toBe(200);
    expect(answer.json<{ summary: { flows: number } }>().summary.flows).toBe(4);
    await closed;
    await expect(fetch(`${other.url}/healthz`)).rejects.toThrow();
  });
});

describe('every answer', () => {
  it('carries a request id and headers that keep browsers from sniffing or caching it', async () => {
    const answer = await api.request('GET', '/healthz');
    expect(answer.headers.get('request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
    expect(answer.headers.get('cache-control')).toBe('no-store');
    expect(answer.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
  });
});
