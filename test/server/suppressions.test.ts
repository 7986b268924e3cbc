/**
 * POST /v1/check with waivers, a baseline and a horizon: the service applies them as `dfft check`
 * and the library's checkRun do, and locates errors in them in the JSON text of the request part.
 */
import { checkRun } from '../../src/library/run';
import { formatters, joinChunks } from '../../src/report/formatters';
import { AS_OF, example, startServer, type Running } from './helpers';

jest.setTimeout(60_000);

let api: Running;
const saas = { file: 'eu-saas-us-processor.yaml', text: example('eu-saas-us-processor.yaml') };

interface Answer {
  flows: Array<{ id: string; verdict: string }>;
  findings: Array<{ ruleId: string; flowId: string; severity: string; waiver?: unknown; baselineState?: string }>;
  summary: unknown;
}

beforeAll(async () => {
  api = await startServer();
});
afterAll(() => api.close());

async function firstError(): Promise<Answer['findings'][number]> {
  const answer = await api.request('POST', '/v1/check', { body: { manifests: [saas], asOf: AS_OF } });
  const error = answer.json<Answer>().findings.find((f) => f.severity === 'error');
  if (!error) throw new Error('the example has no error finding to waive');
  return error;
}

describe('POST /v1/check with waivers', () => {
  it('waives the findings the waivers name, as checkRun does with the same waiver file', async () => {
    const error = await firstError();
    const waivers = { waiversVersion: 1, waivers: [{ ruleId: error.ruleId, flowId: error.flowId, reason: 'accepted by the DPO', approver: 'dpo@example.com', expires: '2027-06-30' }] };
    const answer = await api.request('POST', '/v1/check', { body: { manifests: [saas], asOf: AS_OF, waivers } });
    expect(answer.status).toBe(200);
    const report = answer.json<Answer>();
    const waived = report.findings.filter((f) => f.waiver !== undefined);
    expect(waived.map((f) => [f.ruleId, f.flowId])).toContainEqual([error.ruleId, error.flowId]);
    const library = await checkRun([saas], { asOf: AS_OF, waivers: { file: '<request>/waivers.json', text: `${JSON.stringify(waivers, null, 2)}\n` } });
    expect(answer.text).toBe(joinChunks(formatters.json(library.report)));
  });

  it('answers 422 with the error located in <request>/waivers.json for a waiver without its approver', async () => {
    const waivers = { waiversVersion: 1, waivers: [{ ruleId: 'eu-gdpr/transfer-without-basis', flowId: 'hosting', reason: 'x', expires: '2027-06-30' }] };
    const answer = await api.request('POST', '/v1/check', { body: { manifests: [saas], asOf: AS_OF, waivers } });
    expect(answer.status).toBe(422);
    const body = answer.json<{ errors: Array<{ code: string; location?: { file: string; line: number } }> }>();
    expect(body.errors.length).toBeGreaterThan(0);
    expect(body.errors[0].code).toBe('waivers/schema');
    expect(body.errors[0].location?.file).toBe('<request>/waivers.json');
    expect(body.errors[0].location?.line).toBe(4);
  });
});

describe('POST /v1/check with a baseline', () => {
  it('marks the findings of an earlier report unchanged and sets dfft-exit-code to 0', async () => {
    const first = await api.request('POST', '/v1/check', { body: { manifests: [saas], asOf: AS_OF } });
    expect(first.headers.get('dfft-exit-code')).toBe('1');
    const answer = await api.request('POST', '/v1/check', { body: { manifests: [saas], asOf: AS_OF, baseline: first.json<object>() } });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('dfft-exit-code')).toBe('0');
    const findings = answer.json<Answer>().findings;
    expect(findings.length).toBeGreaterThan(0);
    expect(findings.every((f) => f.baselineState === 'unchanged')).toBe(true);
  });

  it('answers 422 for a baseline that is not a report', async () => {
    const answer = await api.request('POST', '/v1/check', { body: { manifests: [saas], asOf: AS_OF, baseline: { findings: [{ fingerprint: 'xyz' }] } } });
    expect(answer.status).toBe(422);
    expect(answer.json<{ errors: Array<{ location?: { file: string } }> }>().errors[0].location?.file).toBe('<request>/baseline.json');
  });
});

describe('POST /v1/check with a horizon', () => {
  it('reports the same horizon as the library, and refuses a horizon that is not a duration', async () => {
    const answer = await api.request('POST', '/v1/check', { body: { manifests: [saas], asOf: AS_OF, horizon: '5y' } });
    expect(answer.status).toBe(200);
    const library = await checkRun([saas], { asOf: AS_OF, horizon: '5y' });
    expect(answer.text).toBe(joinChunks(formatters.json(library.report)));
    const bad = await api.request('POST', '/v1/check', { body: { manifests: [saas], asOf: AS_OF, horizon: 'soon' } });
    expect(bad.status).toBe(422);
    expect(bad.json<{ errors: Array<{ code: string }> }>().errors[0].code).toBe('argument/invalid');
  });
});
