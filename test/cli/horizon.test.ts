import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Report } from '../../src/types';
import { runCli } from '../support/cli';
import { tmpDir } from '../support/tmp';
import { manifest, waivers } from '../support/horizon-case';


describe('dfft check --horizon', () => {
  const dir = tmpDir({ 'm.yaml': manifest, 'waivers.yaml': waivers });
  const run = (asOf: string, ...extra: string[]) =>
    runCli(['check', '--as-of', asOf, path.join(dir, 'm.yaml'), '--waivers', path.join(dir, 'waivers.yaml'), '--horizon', '90d', ...extra]);

  it('warns that a waiver expires within the horizon, in the text report and in every other format', async () => {
    const text = await run('2026-12-01');
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('waiver for eu-gdpr/transfer-without-basis on flow out expires on 2027-03-01, within the horizon (to 2027-03-01)');
    const out = path.join(dir, 'out');
    fs.mkdirSync(out, { recursive: true });
    await run('2026-12-01', '-f', `json=${out}/r.json`, '-f', `sarif=${out}/r.sarif`, '-f', `markdown=${out}/r.md`, '-f', `html=${out}/r.html`, '-f', `junit=${out}/r.xml`, '-q');
    const report = JSON.parse(fs.readFileSync(`${out}/r.json`, 'utf8')) as Report;
    expect(report.horizon).toBe('2027-03-01');
    expect(report.warnings?.map((w) => w.code)).toEqual(['waiver/expiring']);
    for (const f of ['r.sarif', 'r.md', 'r.html', 'r.xml']) expect(fs.readFileSync(`${out}/${f}`, 'utf8')).toContain('expires on 2027-03-01, within the horizon');
  });

  it('does not warn when the expiry lies beyond the horizon', async () => {
    const { stdout } = await run('2026-11-30');
    expect(stdout).not.toContain('within the horizon');
  });

  it('rejects a malformed horizon with exit 2', async () => {
    expect(await runCli(['check', '--horizon', '6 months', path.join(dir, 'm.yaml')])).toMatchObject({ code: 2, stderr: expect.stringContaining('--horizon: "6 months" is not a duration') });
  });
});
