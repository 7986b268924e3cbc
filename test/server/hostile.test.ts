/**
 * For the service: the hostile manifests of test/fixtures/hostile, sent over HTTP, get the
 * CLI's located error (422) and the server stays up; slow clients and a concurrent flood of good
 * and hostile requests are all answered, and the heap does not grow from one flood to the next.
 */
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { runCli } from '../support/cli';
import { example, startServer, type Running } from './helpers';

// Each server compiles its policy in its worker too (from source, through a TypeScript loader).
jest.setTimeout(60_000);

const HOSTILE = path.join(__dirname, '..', 'fixtures', 'hostile');
// Every hostile manifest that is valid UTF-8 (a JSON request body cannot carry invalid UTF-8:
// the server refuses such a body with 400, tested below).
const MANIFESTS = ['billion-laughs.yaml', 'deep-nesting.json', 'deep-nesting.yaml', 'proto-keys.json', 'proto-key.yaml', 'duplicate-keys.json', 'nan.yaml', 'huge-number.json', 'long-id.json'];

let api: Running;
beforeAll(async () => {
  // A queue that holds the whole flood: here every request must get its real answer (the queue's
  // bound and its 503 are tested in pool.test.ts).
  api = await startServer({ bodyLimit: 256 * 1024, requestTimeout: 2000, maxQueue: 200 });
});
afterAll(() => api.close());

type ErrorBody = { errors: Array<{ code: string; text: string }> };

/** The lines `dfft validate` prints for a file, without the code suffix, named as in the request. */
async function cliErrors(file: string): Promise<string[]> {
  const { code, stdout } = await runCli(['validate', path.join(HOSTILE, file)]);
  expect(code).toBe(2);
  return stdout.split('\n').filter((l) => l.startsWith(HOSTILE)).map((l) => l.slice(HOSTILE.length + 1).replace(/ {2}\[[a-z/-]+\]$/, ''));
}

describe('hostile manifests over HTTP', () => {
  it.each(MANIFESTS)('%s: 422 with the errors dfft validate prints', async (file) => {
    const expected = await cliErrors(file);
    const answer = await api.request('POST', '/v1/check', { body: { manifests: [{ file, text: fs.readFileSync(path.join(HOSTILE, file), 'utf8') }] } });
    expect(answer.status).toBe(422);
    expect(answer.json<ErrorBody>().errors.map((e) => e.text)).toEqual(expected);
    expect((await api.request('GET', '/healthz')).status).toBe(200);
  });

  it('a body that is not valid UTF-8 is refused with 400, not decoded into something else', async () => {
    const bytes = Buffer.concat([Buffer.from('{"manifests": [{"file": "a.json", "text": "'), Buffer.from([0xc3, 0x28]), Buffer.from('"}]}')]);
    const answer = await rawRequest(bytes);
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
    expect(answer).toContain('"text":"<request>:1:44 invalid UTF-8 at byte 43 (send the body as UTF-8)"');
  });

  it('leaves Object.prototype untouched', async () => {
    await api.request('POST', '/v1/check', { body: `{"manifests": [{"file": "p.json", "text": ${JSON.stringify(fs.readFileSync(path.join(HOSTILE, 'proto-keys.json'), 'utf8'))}}]}` });
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(Object.getOwnPropertyNames(Object.getPrototypeOf({})).sort());
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

/** Sends a request with raw bytes as its body; resolves with the raw answer. */
function rawRequest(body: Buffer): Promise<string> {
  const { port } = new URL(api.url);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), '127.0.0.1', () => {
      socket.write(`POST /v1/check HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n`);
      socket.write(body);
    });
    let data = '';
    socket.on('data', (d) => (data += d.toString()));
    socket.on('close', () => resolve(data));
    socket.on('error', reject);
  });
}

/** Opens a connection that sends half a request and then nothing. */
function slowClient(): Promise<string> {
  const { port } = new URL(api.url);
  return new Promise((resolve) => {
    const socket = net.connect(Number(port), '127.0.0.1', () => socket.write('POST /v1/check HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 5000\r\n\r\n{"manif'));
    let data = '';
    socket.on('data', (d) => (data += d.toString()));
    socket.on('close', () => resolve(data));
    socket.on('error', () => resolve(data));
  });
}

describe('floods and slow clients', () => {
  const good = { manifests: [{ file: 'eu-saas-us-processor.yaml', text: example('eu-saas-us-processor.yaml') }] };
  const hostile = MANIFESTS.map((file) => ({ manifests: [{ file, text: fs.readFileSync(path.join(HOSTILE, file), 'utf8') }] }));
  const oversized = JSON.stringify({ manifests: [{ file: 'big.yaml', text: 'x'.repeat(300 * 1024) }] });

  /** 120 concurrent requests: good ones, every hostile manifest, oversized bodies; every status as expected. */
  async function flood(): Promise<void> {
    const requests: Array<Promise<number>> = [];
    const expected: number[] = [];
    for (let i = 0; i < 120; i++) {
      const kind = i % 4;
      if (kind === 0 || kind === 1) {
        requests.push(api.request('POST', '/v1/check', { body: good }).then((a) => a.status));
        expected.push(200);
      } else if (kind === 2) {
        requests.push(api.request('POST', '/v1/check', { body: hostile[i % hostile.length] }).then((a) => a.status));
        expected.push(422);
      } else {
        requests.push(api.request('POST', '/v1/check', { body: oversized }).then((a) => a.status, () => 413));
        expected.push(413);
      }
    }
    expect(await Promise.all(requests)).toEqual(expected);
  }

  it('answers every request of a concurrent flood while slow clients hold connections, which time out', async () => {
    const slow = Array.from({ length: 20 }, slowClient);
    await flood();
    // The slow clients are cut off by the request timeout (2 s here), not left to hold the server.
    for (const reply of await Promise.all(slow)) expect(reply).toMatch(/^HTTP\/1\.1 408 /);
    expect((await api.request('GET', '/readyz')).status).toBe(200);
  }, 30_000);

  it('keeps its heap bounded: a second and third flood leave it where the first left it', async () => {
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as () => void;
    await flood();
    gc();
    const after1 = process.memoryUsage().heapUsed;
    await flood();
    await flood();
    gc();
    const after3 = process.memoryUsage().heapUsed;
    // Nothing per request is kept: a leak of even 100 kB a request would be 24 MB here.
    expect(after3 - after1).toBeLessThan(8 * 1024 * 1024);
  }, 60_000);
});
