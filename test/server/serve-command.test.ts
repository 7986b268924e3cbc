/**
 * `dfft serve` options, and the real process: started on a random loopback port, SIGHUP
 * reloads the policy, SIGTERM shuts it down with exit code 0.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import { availableParallelism } from 'node:os';
import * as path from 'node:path';
import { parseServeOptions, parseSize } from '../../src/cli/serve-command';
import { tmpDir } from '../support/tmp';
import { formatDiagnostic, type DiagnosticError } from '../../src/source/diagnostic';
import { ROOT } from './helpers';

jest.setTimeout(60_000);

describe('parseServeOptions', () => {
  it('takes the defaults: port 8080 on loopback, 1 MiB bodies, 30 s requests, 10 s of work per request, a worker per CPU but one, 64 waiting, no auth', () => {
    expect(parseServeOptions({}, {})).toEqual({
      port: 8080,
      host: '127.0.0.1',
      bodyLimit: 1024 * 1024,
      requestTimeout: 30_000,
      requestCpuBudget: 10_000,
      workers: Math.max(1, availableParallelism() - 1),
      maxQueue: 64,
      maxReportSize: 32 * 1024 * 1024,
      logLevel: 'info',
    });
    expect(parseServeOptions({ requestCpuBudget: '2500', workers: '3', maxQueue: '0', maxReportSize: '4mb' }, {})).toMatchObject({ requestCpuBudget: 2500, workers: 3, maxQueue: 0, maxReportSize: 4 * 1024 * 1024 });
  });

  it('reads the token from DFFT_TOKEN, never from an option', () => {
    expect(parseServeOptions({}, { DFFT_TOKEN: 'secret-secret-secret' }).token).toBe('secret-secret-secret');
  });

  it('reports every bad value at once', () => {
    let thrown: unknown;
    try {
      parseServeOptions({ port: '80a', bodyLimit: '1gb', requestTimeout: '0', requestCpuBudget: '1.5', workers: '0', maxQueue: '-1', maxReportSize: 'big', logLevel: 'loud' }, { DFFT_TOKEN: ' ' });
    } catch (err) {
      thrown = err;
    }
    expect((thrown as DiagnosticError).diagnostics.map((d) => formatDiagnostic(d))).toEqual([
      '--port: "80a" is not a port number (expected 0-65535 (0: any free port))',
      '--body-limit: "1gb" is not a size (e.g. 1048576, 512kb or 4mb)',
      '--request-timeout: "0" is not a number of milliseconds (e.g. 30000)',
      '--request-cpu-budget: "1.5" is not a positive whole number (milliseconds, e.g. 10000)',
      `--workers: "0" is not a positive whole number (e.g. ${Math.max(1, availableParallelism() - 1)} (one per CPU but one))`,
      '--max-queue: "-1" is not a whole number (e.g. 64; 0 refuses every request that would wait)',
      '--max-report-size: "big" is not a size (e.g. 32mb)',
      '--log-level: unknown level "loud" (expected one of: fatal, error, warn, info, debug, trace, silent)',
      'DFFT_TOKEN is set but empty (unset it for no auth, or set a long random token)',
    ]);
  });

  it.each([
    ['1048576', 1048576],
    ['512kb', 512 * 1024],
    ['4MB', 4 * 1024 * 1024],
    ['4 mib', 4 * 1024 * 1024],
    ['0', undefined],
    ['-1', undefined],
    ['1.5mb', undefined],
  ])('parseSize(%s) = %s', (text, bytes) => {
    expect(parseSize(text)).toBe(bytes);
  });
});

describe('the dfft serve process', () => {
  it('listens on a random loopback port, reloads on SIGHUP, and exits 0 on SIGTERM', async () => {
    const dir = tmpDir({ 'policy.yaml': 'policyVersion: 1\nname: acme\nextends: ["dfft:eu-gdpr"]\n' });
    const policy = path.join(dir, 'policy.yaml');
    const script = [
      "const { serveCommand } = require('./src/cli/serve-command');",
      "const { processIo } = require('./src/cli/io');",
      `serveCommand({ port: '0', policy: ${JSON.stringify(policy)}, asOf: '2026-11-28' }, processIo()).then((code) => { process.exitCode = code; }, (err) => { console.error(err); process.exitCode = 2; });`,
    ].join('\n');
    const child = spawn(process.execPath, ['--import', 'tsx', '-e', script], { cwd: ROOT, env: { ...process.env, DFFT_TOKEN: 'token-for-the-process-test' }, stdio: ['ignore', 'pipe', 'pipe'] });
    const entries: Array<Record<string, unknown>> = [];
    const waiters: Array<{ msg: string; resolve: (e: Record<string, unknown>) => void }> = [];
    let buffered = '';
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      buffered += d.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const line of lines.filter(Boolean)) {
        const entry = JSON.parse(line) as Record<string, unknown>;
        entries.push(entry);
        for (const w of waiters.filter((x) => x.msg === entry.msg)) w.resolve(entry);
      }
    });
    const next = (msg: string) => new Promise<Record<string, unknown>>((resolve) => waiters.push({ msg, resolve }));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      const { address } = (await next('dfft serve listening')) as { address: string };
      expect(address).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const rules = await fetch(`${address}/v1/rules`, { headers: { authorization: 'Bearer token-for-the-process-test' } });
      expect(rules.status).toBe(200);
      expect(((await rules.json()) as { packs: Array<{ id: string }> }).packs.map((p) => p.id)).toEqual(['eu-gdpr']);
      expect((await fetch(`${address}/v1/rules`)).status).toBe(401);

      fs.writeFileSync(policy, 'policyVersion: 1\nname: acme\nextends: ["dfft:eu-gdpr", "dfft:jp-appi"]\n');
      const reloaded = next('policy reloaded');
      child.kill('SIGHUP');
      expect(await reloaded).toMatchObject({ level: 'info', policy: 2 });
      const ready = (await (await fetch(`${address}/readyz`)).json()) as { policy: { packs: Array<{ id: string }> } };
      expect(ready.policy.packs.map((p) => p.id)).toEqual(['eu-gdpr', 'jp-appi']);

      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(entries.map((e) => e.msg)).toEqual(expect.arrayContaining(['SIGHUP: reloading the policy', 'shutting down: finishing the requests in flight', 'stopped']));
      expect(stderr).toBe('');
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});
