/**
 * Bad input to `dfft serve` gets a 4xx answer whose errors are located and worded as the
 * CLI words them. Problems with the request itself are located in it, named <request>.
 */
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { ErrorResponse, SERVED_FORMATS } from '../../src/server/route-schemas';
import { runCli } from '../support/cli';
import { tmpDir } from '../support/tmp';
import { answerValidator, example, startServer, type Answer, type Running } from './helpers';

// Each server compiles its policy in its worker too (from source, through a TypeScript loader).
jest.setTimeout(60_000);

let api: Running;
const validate = answerValidator();
const saas = { file: 'eu-saas-us-processor.yaml', text: example('eu-saas-us-processor.yaml') };

beforeAll(async () => {
  api = await startServer({ bodyLimit: 64 * 1024 });
});
afterAll(() => api.close());

type Body = { statusCode: number; error: string; message: string; errors: Array<{ code: string; message: string; hint?: string; location?: { file: string; line: number; column: number }; text: string }> };

function errorsOf(answer: Answer): Body['errors'] {
  const body = answer.json<Body>();
  expect(validate(ErrorResponse, body)).toEqual([]);
  expect(answer.headers.get('content-type')).toBe('application/json; charset=utf-8');
  return body.errors;
}

describe('malformed requests: 400, located in the request', () => {
  it('bad JSON: the line and column of the syntax error, in the CLI\'s words', async () => {
    const answer = await api.request('POST', '/v1/check', { body: '{\n  "manifests": [\n    { "file": "a.yaml" "text": "x" }\n  ]\n}' });
    expect(answer.status).toBe(400);
    expect(errorsOf(answer).map((e) => [e.code, e.text])).toEqual([['request/invalid-json', '<request>:3:24 invalid JSON: expected \',\' or \'}\', found "\\""']]);
  });

  it('a schema error: every error at once, each located, with "did you mean"', async () => {
    const body = JSON.stringify({ manifest: [saas], format: 'sarf', asOf: '2026-02-30' }, null, 2);
    const answer = await api.request('POST', '/v1/check', { body });
    expect(answer.status).toBe(400);
    const texts = errorsOf(answer).map((e) => e.text);
    expect(texts).toEqual(
      expect.arrayContaining([
        '<request>:1:1 (root): missing required field "manifests"',
        '<request>:2:3 (root): unknown field "manifest" (did you mean "manifests"?)',
        `<request>:8:13 format: "sarf" is not one of: ${SERVED_FORMATS.join(', ')} (did you mean "sarif"?)`,
        '<request>:9:11 asOf: "2026-02-30" is not a valid date (YYYY-MM-DD)',
      ]),
    );
    expect(texts).toHaveLength(4);
    expect(errorsOf(answer).every((e) => e.code === 'request/schema')).toBe(true);
  });

  it('a manifest entry with neither text nor manifest, or with both', async () => {
    const answer = await api.request('POST', '/v1/validate', { body: { manifests: [{ file: 'a.yaml', txt: 'x' }, { file: 'b.yaml', text: 'x', manifest: {} }] } });
    expect(answer.status).toBe(400);
    const texts = errorsOf(answer).map((e) => e.text);
    expect(texts).toContain('<request>:1:32 manifests[0]: unknown field "txt" (did you mean "text"?)');
    expect(texts.filter((t) => t.includes('does not match any allowed form'))).toHaveLength(2);
  });

  it('two manifests with the same name', async () => {
    const answer = await api.request('POST', '/v1/check', { body: { manifests: [saas, saas] } });
    expect(answer.status).toBe(400);
    expect(errorsOf(answer).map((e) => e.message)).toEqual(['manifests[1].file: "eu-saas-us-processor.yaml" is also the name of manifests[0]']);
  });

  it('a file-system path cannot be given: a policy or rules directory in the request is an unknown field', async () => {
    const answer = await api.request('POST', '/v1/check', { body: { manifests: [saas], policy: '/etc/dfft/policy.yaml', rulesDir: '/tmp' } });
    expect(answer.status).toBe(400);
    expect(errorsOf(answer).map((e) => e.message).sort()).toEqual(['(root): unknown field "policy"', '(root): unknown field "rulesDir"']);
  });

  it('an empty body, and no body at all', async () => {
    const empty = await api.request('POST', '/v1/check', { body: '' });
    expect([empty.status, errorsOf(empty)[0].code]).toEqual([400, 'request/empty']);
    const none = await api.request('POST', '/v1/check');
    expect([none.status, errorsOf(none)[0].code]).toEqual([400, 'request/empty']);
  });

  it('nesting deeper than 100 levels is refused before anything recurses over it', async () => {
    const answer = await api.request('POST', '/v1/check', { body: `{"manifests": ${'['.repeat(5000)}${']'.repeat(5000)}}` });
    expect(answer.status).toBe(400);
    expect(errorsOf(answer).map((e) => [e.code, e.message])).toEqual([['request/too-deep', 'nested deeper than 100 levels']]);
  });

  it('a "__proto__" key is refused (prototype poisoning)', async () => {
    const answer = await api.request('POST', '/v1/check', { body: '{"manifests": [{"file": "a.json", "manifest": {"__proto__": {"polluted": true}}}]}' });
    expect(answer.status).toBe(400);
    expect(errorsOf(answer).map((e) => e.text)).toEqual(['<request>:1:48 manifests[0].manifest: the key "__proto__" is not allowed (rename the key)']);
  });

  it('415 for a body that is not JSON', async () => {
    const answer = await api.request('POST', '/v1/check', { body: 'manifestVersion: 1', headers: { 'content-type': 'application/yaml' } });
    expect(answer.status).toBe(415);
    expect(errorsOf(answer)[0].text).toBe('unsupported Content-Type "application/yaml" (send application/json)');
  });

  it('404 for an unknown route', async () => {
    const answer = await api.request('GET', '/v1/chek');
    expect(answer.status).toBe(404);
    expect(errorsOf(answer)[0].text).toBe('no route GET /v1/chek (see /openapi.json)');
  });
});

describe('oversized bodies: 413 before the body is parsed', () => {
  const big = JSON.stringify({ manifests: [{ file: 'big.yaml', text: `# ${'x'.repeat(100 * 1024)}\n${saas.text}` }] });

  it('with a Content-Length over the limit', async () => {
    const answer = await api.request('POST', '/v1/check', { body: big });
    expect(answer.status).toBe(413);
    expect(errorsOf(answer)[0]).toMatchObject({ code: 'request/too-large', message: 'the request body is over the limit of 65536 bytes' });
  });

  it('streamed in chunks without a Content-Length', async () => {
    const bytes = new TextEncoder().encode(big);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < bytes.length; i += 8192) controller.enqueue(bytes.slice(i, i + 8192));
        controller.close();
      },
    });
    const response = await fetch(`${api.url}/v1/check`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: stream, duplex: 'half' } as RequestInit);
    expect(response.status).toBe(413);
    expect(((await response.json()) as Body).errors[0].code).toBe('request/too-large');
  });

  it('a body just under the limit is taken', async () => {
    const answer = await api.request('POST', '/v1/check', { body: { manifests: [saas] } });
    expect(answer.status).toBe(200);
  });
});

describe('bad manifests: 422 with the CLI\'s located messages', () => {
  const dir = tmpDir({
    'unknown-party.yaml': saas.text.replace('to: skyhost-us', 'to: skyhost-uss'),
    'broken.yaml': `${saas.text}\nparties: [\n`,
  });

  it.each(['unknown-party.yaml', 'broken.yaml'])('%s: the same lines as dfft validate prints', async (name) => {
    const file = path.join(dir, name);
    const cli = await runCli(['validate', file]);
    expect(cli.code).toBe(2);
    const cliLines = cli.stdout.split('\n').filter((l) => l.startsWith(file)).map((l) => l.replace(/ {2}\[[a-z-]+\/[a-z-]+\]$/, ''));
    expect(cliLines.length).toBeGreaterThan(0);

    for (const route of ['/v1/check', '/v1/validate', '/v1/explain']) {
      const manifests = [{ file, text: fs.readFileSync(file, 'utf8') }];
      const answer = await api.request('POST', route, { body: route === '/v1/explain' ? { manifests, flow: 'hosting' } : { manifests } });
      expect(answer.status).toBe(422);
      expect(errorsOf(answer).map((e) => e.text)).toEqual(cliLines);
    }
  });

  it('a manifest object is located in the JSON the library checks, as the library does', async () => {
    const manifest = { manifestVersion: 1, system: { id: 'x' }, parties: [{ id: 'a', country: 'Germany' }] };
    const answer = await api.request('POST', '/v1/check', { body: { manifests: [{ file: 'inline.json', manifest }] } });
    expect(answer.status).toBe(422);
    expect(errorsOf(answer).map((e) => [e.code, e.text])).toEqual([
      ['manifest/schema', 'inline.json:9:18 parties[0].country: "Germany" is not a known value (expected an ISO 3166-1 alpha-2 country code, upper case)'],
    ]);
  });
});

describe('duplicate keys in the body: refused as the CLI refuses them in a file', () => {
  // JSON.parse keeps the last of duplicate keys: the country below would be checked as "DE".
  const manifestText = (inner: string) =>
    `{"manifests": [\n  {"file": "first.json", "manifest": {"manifestVersion": 1, "system": {"id": "s"}}},\n  {"file": "second.json", "manifest": ${inner}}\n]}`;
  const inner = '{"manifestVersion": 1, "system": {"id": "t"},\n    "parties": [{"id": "p", "name": "P", "country": "US", "country": "DE", "role": "controller"}]}';

  it.each(['/v1/check', '/v1/validate', '/v1/explain'])('%s: a duplicate in a manifest object is a 422 located in the body, naming the manifest', async (route) => {
    const body = manifestText(inner);
    const sent = route === '/v1/explain' ? body.replace(/\]\}$/, '], "flow": "x"}') : body;
    const answer = await api.request('POST', route, { body: sent });
    expect(answer.status).toBe(422);
    expect(errorsOf(answer)).toEqual([
      {
        code: 'source/syntax',
        message: 'manifests[1].manifest ("second.json"): duplicate key "country" in parties[0]',
        hint: 'JSON parsers keep one of them silently; remove or rename the other',
        location: { file: '<request>', line: 4, column: 59, pointer: '/manifests/1/manifest/parties/0/country' },
        text: '<request>:4:59 manifests[1].manifest ("second.json"): duplicate key "country" in parties[0] (JSON parsers keep one of them silently; remove or rename the other)',
      },
    ]);
  });

  it('the CLI refuses the same manifest in a file (exit 2), with the same words', async () => {
    const dir = tmpDir({ 'second.json': inner });
    const cli = await runCli(['check', path.join(dir, 'second.json')]);
    expect(cli.code).toBe(2);
    expect(cli.stdout + cli.stderr).toContain('duplicate key "country" (JSON parsers keep one of them silently; remove or rename the other)');
  });

  it('every duplicate is reported, at any depth and in every manifest; one outside the manifests makes the request malformed (400)', async () => {
    const deep = '{"manifestVersion": 1, "manifestVersion": 1, "system": {"id": "t", "id": "u"}, "flows": [{"mechanisms": [{"type": "scc", "module": 1, "module": 2}]}]}';
    const answer = await api.request('POST', '/v1/check', { body: manifestText(deep) });
    expect(answer.status).toBe(422);
    expect(errorsOf(answer).map((e) => e.text)).toEqual([
      '<request>:3:62 manifests[1].manifest ("second.json"): duplicate key "manifestVersion" (JSON parsers keep one of them silently; remove or rename the other)',
      '<request>:3:106 manifests[1].manifest ("second.json"): duplicate key "id" in system (JSON parsers keep one of them silently; remove or rename the other)',
      '<request>:3:173 manifests[1].manifest ("second.json"): duplicate key "module" in flows[0].mechanisms[0] (JSON parsers keep one of them silently; remove or rename the other)',
    ]);
    const envelope = await api.request('POST', '/v1/check', { body: '{"format": "json", "manifests": [], "format": "html"}' });
    expect(envelope.status).toBe(400);
    expect(errorsOf(envelope).map((e) => [e.code, e.text])).toEqual([
      ['request/duplicate-key', '<request>:1:37 (root): duplicate key "format" (JSON parsers keep one of them silently; remove or rename the other)'],
    ]);
    const entry = await api.request('POST', '/v1/check', { body: '{"manifests": [{"file": "a.json", "text": "{}", "file": "b.json"}]}' });
    expect(entry.status).toBe(400);
    expect(errorsOf(entry).map((e) => e.text)).toEqual(['<request>:1:49 manifests[0]: duplicate key "file" (JSON parsers keep one of them silently; remove or rename the other)']);
  });

  it('keys that only look alike (escapes, case) are not duplicates', async () => {
    const answer = await api.request('POST', '/v1/validate', { body: manifestText('{"manifestVersion": 1, "system": {"id": "t", "Id": "u"}}') });
    expect(answer.text).not.toContain('duplicate key');
    const escaped = await api.request('POST', '/v1/validate', { body: '{"manifests": [{"file": "a.json", "manifest": {"manifestVersion": 1, "system": {"id": "t", "\\u0069d": "u"}}}]}' });
    expect(errorsOf(escaped).map((e) => e.message)).toEqual(['manifests[0].manifest ("a.json"): duplicate key "id" in system']);
  });
});

describe('request timeout', () => {
  it('a client that stops sending mid-body gets 408 in the project\'s error format, and the connection is closed', async () => {
    const slow = await startServer({ requestTimeout: 300 });
    try {
      const { port } = new URL(slow.url);
      const reply = await new Promise<string>((resolve, reject) => {
        const socket = net.connect(Number(port), '127.0.0.1', () => {
          socket.write('POST /v1/check HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"manifests": [');
          // A few more bytes, slowly: trickling does not extend the deadline.
          let n = 0;
          const drip = setInterval(() => (n++ < 5 && !socket.destroyed ? socket.write(' ') : clearInterval(drip)), 50);
        });
        let data = '';
        socket.on('data', (d) => (data += d.toString()));
        socket.on('close', () => resolve(data));
        socket.on('error', reject);
        setTimeout(() => reject(new Error(`no answer after 10 s: ${data}`)), 10_000).unref();
      });
      expect(reply).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/);
      expect(reply).toMatch(/\r\ncontent-type: application\/json; charset=utf-8\r\n/i);
      expect(reply).toMatch(/\r\nconnection: close\r\n/i);
      const body = JSON.parse(reply.slice(reply.indexOf('\r\n\r\n') + 4)) as Body;
      expect(validate(ErrorResponse, body)).toEqual([]);
      expect(body).toEqual({
        statusCode: 408,
        error: 'Request Timeout',
        message: 'the whole request did not arrive within 300 ms (send the request at once; a slow client is cut off)',
        errors: [
          {
            code: 'request/timeout',
            message: 'the whole request did not arrive within 300 ms',
            hint: 'send the request at once; a slow client is cut off',
            text: 'the whole request did not arrive within 300 ms (send the request at once; a slow client is cut off)',
          },
        ],
      });
    } finally {
      await slow.close();
    }
  });
});
