import { checkEgress, type EgressRecord } from '../../src/extract/manifest';
import { bestMatch, hostMatches, hostOfUrl } from '../../src/extract/hosts';
import { extractFiles, summarise } from './helpers';

// Egress detection (src/extract/egress.ts) and coverage by declared flows (checkEgress).

const egressOf = async (code: string, config?: unknown, extra: Record<string, string> = {}) => {
  const result = await extractFiles({ 'src/service.ts': code, ...extra }, config === undefined ? {} : { config });
  return { result, calls: result.egress.map((e) => [e.client, e.host.kind === 'host' ? e.host.host : e.host.kind === 'unknown' ? `? ${e.host.reason}` : e.host.kind, e.location.line]) };
};

describe('egress detection', () => {
  it('reads the host of fetch from literals, templates on consts, concatenations and new URL(path, base)', async () => {
    const { calls } = await egressOf(
      [
        "const BASE = 'https://api.one.example/v2';", // 1
        'export async function go(id: string, url: string) {', // 2
        "  await fetch('https://api.two.example/x?y=1');", // 3
        '  await fetch(`${BASE}/items/${id}`);', // 4
        "  await globalThis.fetch('http://user:pw@three.example:8443/' + id);", // 5
        "  await fetch(new URL(`/v1/${id}`, 'https://four.example'));", // 6
        '  await fetch(url);', // 7
        '  await fetch(`https://${id}.five.example/`);', // 8
        "  await fetch('/api/same-origin');", // 9
        '}',
      ].join('\n'),
    );
    expect(calls).toEqual([
      ['fetch', 'api.two.example', 3],
      ['fetch', 'api.one.example', 4],
      ['globalThis.fetch', 'three.example', 5],
      ['fetch', 'four.example', 6],
      ['fetch', '? the URL `url` is known only at run time', 7],
      ['fetch', '? the host of "https://…" is completed at run time', 8],
      ['fetch', 'relative', 9],
    ]);
  });

  it('does not take a local function named fetch for the platform\'s', async () => {
    const { calls } = await egressOf("function fetch(x: string) { return x; }\nfetch('https://api.example/');\n");
    expect(calls).toEqual([]);
  });

  it('reads axios calls, axios instances with a baseURL (also from another file), got, node:http(s) and undici', async () => {
    const { calls } = await egressOf(
      [
        "import axios from 'axios';", // 1
        "import got from 'got';", // 2
        "import * as https from 'node:https';", // 3
        "import { request } from 'http';", // 4
        "import { fetch as undiciFetch } from 'undici';", // 5
        "import { api, gotClient } from './api';", // 6
        'export async function go(path: string) {', // 7
        "  await axios.post('https://a.example/x', {});", // 8
        "  await axios({ url: '/x', baseURL: 'https://b.example' });", // 9
        '  await api.get(`/users/${path}`);', // 10
        "  await gotClient.post(`users/${path}`);", // 11
        "  await got('https://d.example/');", // 12
        "  https.get({ hostname: 'e.example', path: '/x' });", // 13
        "  request({ path: '/local' });", // 14
        "  await undiciFetch('https://f.example');", // 15
        '  api.interceptors.request.use((c: unknown) => c);', // 16
        '}',
      ].join('\n'),
      undefined,
      {
        'src/api.ts': [
          "import axios from 'axios';",
          "import got from 'got';",
          "export const api = axios.create({ baseURL: 'https://g.example/v1' });",
          "export const gotClient = got.extend({ prefixUrl: 'https://c.example' });",
        ].join('\n'),
      },
    );
    expect(calls).toEqual([
      ['axios.post', 'a.example', 8],
      ['axios', 'b.example', 9],
      ['api.get', 'g.example', 10],
      ['gotClient.post', 'c.example', 11],
      ['got', 'd.example', 12],
      ['https.get', 'e.example', 13],
      ['request', 'localhost', 14],
      ['undiciFetch', 'f.example', 15],
    ]);
  });

  it('recognises cloud and SaaS SDK clients, with the AWS region when it is static', async () => {
    const { calls } = await egressOf(
      [
        "import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';",
        "import { SESClient } from '@aws-sdk/client-ses';",
        "import { Storage } from '@google-cloud/storage';",
        "import { Timestamp } from '@google-cloud/firestore';",
        "import { BlobServiceClient, StorageSharedKeyCredential } from '@azure/storage-blob';",
        "import Stripe from 'stripe';",
        "const REGION = 'eu-central-1';",
        'export function make(region: string) {',
        '  return [',
        '    new S3Client({ region: REGION }),', // 10
        '    new SESClient({ region }),',
        '    new Storage(),',
        "    new BlobServiceClient('https://acme.blob.core.windows.net'),",
        "    new Stripe('sk_test'),",
        "    new PutObjectCommand({ Bucket: 'b', Key: 'k' }),", // 15: a command, sent by the client
        "    new StorageSharedKeyCredential('acct', 'key'),",
        '    new Timestamp(0, 0),',
        '  ];',
        '}',
      ].join('\n'),
    );
    expect(calls).toEqual([
      ['new S3Client', 's3.eu-central-1.amazonaws.com', 10],
      ['new SESClient', '? the region `region` is known only at run time', 11],
      ['new Storage', 'storage.googleapis.com', 12],
      ['new BlobServiceClient', 'acme.blob.core.windows.net', 13],
      ['new Stripe', 'api.stripe.com', 14],
    ]);
  });
});

describe('egress coverage', () => {
  const code = [
    "import { declareFlow } from 'dfft';",
    "declareFlow({ id: 'pay', from: 'acme-de', to: 'stripe-ie', datasets: ['orders'] });",
    'export async function go(u: string) {',
    "  await fetch('https://api.stripe.com/v1/charges');", // 4: covered
    "  await fetch('https://eu.mixpanel.example/track');", // 5: mapped, no flow
    "  await fetch('https://api.unknown.example/');", // 6: unmapped
    "  await fetch('http://localhost:8080/health');", // 7: ignored by default
    "  await fetch('https://metrics.svc.cluster.local/');", // 8: ignored by config
    '  await fetch(u);', // 9: unresolved
    '}',
  ].join('\n');
  const config = {
    hosts: { 'api.stripe.com': 'stripe-ie', '*.mixpanel.example': 'mixpanel-us' },
    ignoreHosts: ['localhost', '*.svc.cluster.local'],
  };

  it('warns, at the call, for egress that no declared flow covers; covered, same-origin and ignored calls are silent', async () => {
    const { result } = await egressOf(code, config);
    expect(result.egress.map((e) => [e.location.line, e.status, e.party])).toEqual([
      [4, 'covered', 'stripe-ie'],
      [5, 'no-flow', 'mixpanel-us'],
      [6, 'unmapped', undefined],
      [7, 'ignored', undefined],
      [8, 'ignored', undefined],
      [9, 'unresolved', undefined],
    ]);
    expect(summarise(result)).toEqual([
      { code: 'extract/undeclared-egress', at: 'src/service.ts:5:9', message: 'fetch sends data to eu.mixpanel.example (party "mixpanel-us"), but no declared flow goes to "mixpanel-us"' },
      { code: 'extract/undeclared-egress', at: 'src/service.ts:6:9', message: 'fetch sends data to api.unknown.example, which no declared flow covers' },
      { code: 'extract/unresolved-egress', at: 'src/service.ts:9:9', message: 'fetch sends data to a host that cannot be known statically: the URL `u` is known only at run time' },
    ]);
    expect(result.diagnostics.every((d) => d.severity === 'warning')).toBe(true);
  });

  it('takes a // dfft-egress: <party> comment for the destination of a call whose URL is known only at run time', async () => {
    const { result } = await egressOf(
      [
        "import { declareFlow } from 'dfft';",
        "declareFlow({ id: 'pay', from: 'acme-de', to: 'stripe-ie', datasets: ['orders'] });",
        'export async function go(url: string) {',
        '  // dfft-egress: stripe-ie',
        '  await fetch(url);',
        '  await fetch(url); // dfft-egress: mixpanel-us',
        '  await fetch(url);',
        '}',
      ].join('\n'),
    );
    expect(result.egress.map((e) => [e.location.line, e.status, e.party])).toEqual([
      [5, 'covered', 'stripe-ie'],
      [6, 'no-flow', 'mixpanel-us'],
      [7, 'unresolved', undefined],
    ]);
    expect(summarise(result).map((d) => [d.code, d.at])).toEqual([
      ['extract/undeclared-egress', 'src/service.ts:6:9'],
      ['extract/unresolved-egress', 'src/service.ts:7:9'],
    ]);
  });

  it('counts flows declared elsewhere in the run (coveredParties) as covering', () => {
    const at = { file: 'a.ts', line: 1, column: 1, pointer: '' };
    const calls: EgressRecord[] = [{ client: 'fetch', host: { kind: 'host', host: 'eu.mixpanel.example' }, location: at }];
    const cfg = { hosts: [{ pattern: '*.mixpanel.example', party: 'mixpanel-us' }], ignoreHosts: [] };
    expect(checkEgress(calls, cfg, new Set()).findings[0].status).toBe('no-flow');
    expect(checkEgress(calls, cfg, new Set(['mixpanel-us'])).findings[0].status).toBe('covered');
  });
});

describe('hosts', () => {
  it.each([
    ['https://api.x.com/v1', true, 'api.x.com'],
    ['https://API.X.com.', true, 'api.x.com'],
    ['https://api.x.com:8443?q', true, 'api.x.com'],
    ['http://[::1]:3000/', true, '[::1]'],
    ['//cdn.x.com/a.js', true, 'cdn.x.com'],
    ['https://api.x.com/', false, 'api.x.com'],
  ])('hostOfUrl(%j, complete=%j) is %j', (url, complete, host) => {
    expect(hostOfUrl(url, complete)).toEqual({ kind: 'host', host });
  });

  it('does not guess a host from a prefix that stops inside it, nor from a URL without scheme', () => {
    expect(hostOfUrl('https://api.', false).kind).toBe('unknown');
    expect(hostOfUrl('api.x.com/v1', true).kind).toBe('unknown');
    expect(hostOfUrl('/v1/x', true)).toEqual({ kind: 'relative' });
  });

  it('matches * over one or more labels and prefers the most specific pattern', () => {
    expect(hostMatches('*.x.com', 'a.b.x.com')).toBe(true);
    expect(hostMatches('*.x.com', 'x.com')).toBe(false);
    expect(hostMatches('*.x.com', 'a.x.com.evil.example')).toBe(false);
    const rules = [{ pattern: '*.x.com', party: 'wide' }, { pattern: '*.eu.x.com', party: 'eu' }, { pattern: 'api.eu.x.com', party: 'exact' }];
    expect(bestMatch('a.eu.x.com', rules)?.party).toBe('eu');
    expect(bestMatch('api.eu.x.com', rules)?.party).toBe('exact');
    expect(bestMatch('a.us.x.com', rules)?.party).toBe('wide');
  });
});
