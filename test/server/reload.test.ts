/**
 * The policy is compiled at start and reloaded on SIGHUP without dropping requests; a
 * bad policy on reload keeps the old one and logs why, located as the CLI prints it.
 */
import { EventEmitter } from 'node:events';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { serveCommand } from '../../src/cli/serve-command';
import type { CliIo } from '../../src/cli/io';
import { tmpDir } from '../support/tmp';
import { example, startServer } from './helpers';

jest.setTimeout(60_000);

const saas = { file: 'eu-saas-us-processor.yaml', text: example('eu-saas-us-processor.yaml') };

function rule(id: string, when = 'importer.country == "US"'): string {
  return [
    `  - id: acme/${id}`,
    `    title: Rule ${id}`,
    '    severity: warning',
    '    citation: { law: ACME policy, article: "§ 1" }',
    `    when: ${when}`,
    `    message: "Flow {{ flow.id }} is caught by ${id}."`,
    '    remediation: Ask the DPO.',
  ].join('\n');
}

function policy(...rules: string[]): string {
  return ['policyVersion: 1', 'name: acme', 'extends: ["dfft:eu-gdpr"]', 'rules:', ...rules, ''].join('\n');
}

type Rules = { packs: Array<{ id: string; rules: Array<{ id: string }> }> };
const ruleIds = (body: Rules) => body.packs.flatMap((p) => p.rules.map((r) => r.id)).filter((id) => id.startsWith('acme/'));

describe('PolicyStore reload through the server', () => {
  it('serves the new policy after a reload, and keeps the old one (logging why) when the new one is bad', async () => {
    const dir = tmpDir({ 'policy.yaml': policy(rule('one')) });
    const file = path.join(dir, 'policy.yaml');
    const api = await startServer({ policy: file });
    try {
      expect(ruleIds((await api.request('GET', '/v1/rules')).json<Rules>())).toEqual(['acme/one']);

      fs.writeFileSync(file, policy(rule('one'), rule('two')));
      expect(await api.server.reload()).toMatchObject({ ok: true, generation: 2 });
      expect(ruleIds((await api.request('GET', '/v1/rules')).json<Rules>())).toEqual(['acme/one', 'acme/two']);
      const check = (await api.request('POST', '/v1/check', { body: { manifests: [saas] } })).json<{ findings: Array<{ ruleId: string }> }>();
      expect(check.findings.map((f) => f.ruleId)).toContain('acme/two');

      // A CEL error and an unknown function: the reload fails, the old policy stays.
      fs.writeFileSync(file, policy(rule('one'), rule('three', 'importer.country ==')));
      const failed = await api.server.reload();
      expect(failed.ok).toBe(false);
      expect(ruleIds((await api.request('GET', '/v1/rules')).json<Rules>())).toEqual(['acme/one', 'acme/two']);
      expect((await api.request('GET', '/readyz')).json()).toMatchObject({ status: 'ready', policy: { generation: 2 }, lastReload: { ok: false, errors: 1 } });

      const logged = api.logs.entries.find((e) => e.msg === 'policy reload failed; keeping the policy in use');
      expect(logged).toMatchObject({ level: 'error', policy: 2 });
      expect(logged?.errors).toEqual([`${file}:16:30 unexpected token: EOF in "importer.country =="  [policy/expression]`]);
    } finally {
      await api.close();
    }
  });

  it('drops no request while reloading: every request during a burst of reloads is answered 200', async () => {
    const dir = tmpDir({ 'policy.yaml': policy(rule('one')) });
    const file = path.join(dir, 'policy.yaml');
    const api = await startServer({ policy: file });
    try {
      const requests = Array.from({ length: 60 }, (_, i) => api.request('POST', '/v1/check', { body: { manifests: [saas], format: i % 3 === 0 ? 'markdown' : 'json' } }));
      const reloads = Array.from({ length: 5 }, (_, i) => {
        fs.writeFileSync(file, policy(rule('one'), rule(`r${i}`)));
        return api.server.reload();
      });
      const answers = await Promise.all(requests);
      expect(answers.map((a) => a.status)).toEqual(answers.map(() => 200));
      const results = await Promise.all(reloads);
      expect(results.every((r) => r.ok)).toBe(true);
      // Five asks while one ran: that reload and one more after it, not five.
      expect((await api.request('GET', '/readyz')).json()).toMatchObject({ policy: { generation: 3 } });
      expect(ruleIds((await api.request('GET', '/v1/rules')).json<Rules>())).toEqual(['acme/one', 'acme/r4']);
    } finally {
      await api.close();
    }
  });
});

describe('dfft serve (serveCommand) and signals', () => {
  function io(env: Record<string, string | undefined> = {}) {
    let out = '';
    const listeners: Array<(entry: Record<string, unknown>) => void> = [];
    const cli: CliIo = {
      stdout: (t) => {
        out += t;
        for (const line of t.split('\n').filter(Boolean)) for (const l of listeners) l(JSON.parse(line) as Record<string, unknown>);
      },
      stderr: () => undefined,
      stdoutIsTTY: false,
      stderrIsTTY: false,
      env,
    };
    const next = (msg: string): Promise<Record<string, unknown>> => new Promise((resolve) => listeners.push((e) => e.msg === msg && resolve(e)));
    return { cli, next, output: () => out };
  }

  it('reloads on SIGHUP, keeps serving, and on SIGTERM finishes and returns 0', async () => {
    const dir = tmpDir({ 'policy.yaml': policy(rule('one')) });
    const file = path.join(dir, 'policy.yaml');
    const signals = new EventEmitter();
    const { cli, next, output } = io({ DFFT_TOKEN: 'a-token-of-enough-length' });
    const listening = next('dfft serve listening');
    const done = serveCommand({ port: '0', host: '127.0.0.1', policy: file, asOf: '2026-11-28' }, cli, signals);
    const { address } = (await listening) as { address: string };
    const get = (route: string) => fetch(`${address}${route}`, { headers: { authorization: 'Bearer a-token-of-enough-length' } });

    fs.writeFileSync(file, policy(rule('one'), rule('two')));
    const reloaded = next('policy reloaded');
    signals.emit('SIGHUP');
    expect(await reloaded).toMatchObject({ policy: 2 });
    const rules = (await (await get('/v1/rules')).json()) as Rules;
    expect(ruleIds(rules)).toEqual(['acme/one', 'acme/two']);

    fs.writeFileSync(file, 'policyVersion: 1\nname: [broken\n');
    const failed = next('policy reload failed; keeping the policy in use');
    signals.emit('SIGHUP');
    expect(((await failed).errors as string[])[0]).toContain('[source/syntax]');
    expect((await get('/v1/rules')).status).toBe(200);

    signals.emit('SIGTERM');
    expect(await done).toBe(0);
    expect(signals.listenerCount('SIGHUP') + signals.listenerCount('SIGTERM') + signals.listenerCount('SIGINT')).toBe(0);
    await expect(fetch(`${address}/healthz`)).rejects.toThrow();
    expect(output()).toContain('"msg":"stopped"');
  });

  it('a bad policy at start ends with every located error before anything listens', async () => {
    const dir = tmpDir({ 'policy.yaml': policy(rule('one', 'importer.countyr == "US"')) });
    const { cli, output } = io();
    const signals = new EventEmitter();
    await expect(serveCommand({ port: '0', policy: path.join(dir, 'policy.yaml') }, cli, signals)).rejects.toMatchObject({
      name: 'DiagnosticError',
      diagnostics: [expect.objectContaining({ code: 'policy/expression', location: expect.objectContaining({ line: 9 }) })],
    });
    expect(output()).not.toContain('listening');
    expect(signals.eventNames()).toEqual([]);
  });
});
