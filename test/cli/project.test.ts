import * as path from 'node:path';
import type { Report } from '../../src/types';
import { runCli } from '../support/cli';

const tsconfig = path.join(__dirname, '..', '..', 'examples', 'ts-service', 'tsconfig.json');

describe('dfft with a TypeScript project (--project)', () => {
  it('check --project reports findings at the declaration in the code, the undeclared egress, and the declaration it cannot read (exit 2)', async () => {
    const { code, stdout } = await runCli(['check', '--as-of', '2026-11-28', '--project', tsconfig, '-f', 'json']);
    expect(code).toBe(2);
    const report = JSON.parse(stdout) as Report;
    const finding = report.findings.find((f) => f.flowId === 'product-analytics')!;
    expect(finding.ruleId).toBe('eu-gdpr/transfer-without-basis');
    expect(finding.location).toMatchObject({ line: 7, column: 30 });
    expect(finding.location.file).toMatch(/examples\/ts-service\/src\/analytics\.ts$/);
    expect(report.errors.map((e) => e.code)).toEqual(['extract/not-static']);
    expect(report.warnings?.map((w) => w.message)).toEqual([expect.stringContaining('fetch sends data to api.mixpanel.com, which no declared flow covers')]);
  });

  it('extract writes nothing and exits 2 while a declaration cannot be evaluated', async () => {
    const { code, stdout, stderr } = await runCli(['extract', '--project', tsconfig]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/support\.ts:24:20 error: declareFlow\(\): `id` cannot be evaluated statically/);
  });

  it('diff exits 2 rather than report a flow it could not read as missing', async () => {
    const manifest = path.join(__dirname, '..', '..', 'examples', 'manifests', 'clean-eu-shop.yaml');
    const { code } = await runCli(['diff', manifest, '--project', tsconfig]);
    expect(code).toBe(2);
  });

  it('check without paths and without --project is a usage error', async () => {
    expect(await runCli(['check'])).toMatchObject({ code: 2, stderr: expect.stringContaining('nothing to check (give manifest files or directories, or --project tsconfig.json, or write a dfft.config.yaml') });
  });
});
