import * as fs from 'node:fs';
import * as path from 'node:path';
import { createAjv } from '../../src/source/ajv';
import { loadSchema } from '../../src/source/schemas';
import { runCli } from '../support/cli';
import { tmpDir } from '../support/tmp';

const good = `manifestVersion: 1
system: { id: good }
parties:
  - { id: acme-de, country: DE }
  - { id: acme-jp, country: JP, activities: [] }
  - { id: snowy-us, country: US, role: processor }
datasets:
  - { id: customers, categories: [contact], collectedIn: [DE] }
flows:
  - { id: to-jp, from: acme-de, to: acme-jp, datasets: [customers] }
  - { id: to-us, from: acme-de, to: snowy-us, datasets: [customers] }
`;

const files = {
  'good.yaml': good,
  'typo.json': JSON.stringify({ manifestVersion: 1, system: { id: 'typo' }, flows: [{ id: 'x', from: 'acme-de', to: 'acme-jp', datasets: ['customers'], frequncy: 'regular' }] }, null, 2),
  'country.yaml': 'manifestVersion: 1\nsystem: { id: country }\nparties:\n  - { id: acme-uk, country: UK }\n',
  'dangling.json': JSON.stringify({ manifestVersion: 1, system: { id: 'dangling' }, flows: [{ id: 'y', from: 'acme-de', to: 'acme-jpp', datasets: ['customers'] }] }, null, 2),
  'broken.yaml': 'manifestVersion: 1\nsystem: { id: broken\nflows: []\n',
};

describe('dfft check', () => {
  const dir = tmpDir(files);
  const at = (name: string) => path.join(dir, name);

  it('reports every bad file with file:line:column and still reports the valid file\'s findings (exit 2)', async () => {
    const { code, stdout } = await runCli(['check', '--as-of', '2026-11-28', ...Object.keys(files).map(at)]);
    expect(code).toBe(2);
    const rel = (name: string) => at(name);
    expect(stdout).toContain(`${rel('typo.json')}\n  14:7  error  flows[0]: unknown field "frequncy" (did you mean "frequency"?)`);
    expect(stdout).toContain(`${rel('country.yaml')}\n  4:29  error  parties[0].country: "UK" is not a known value (did you mean "GB"?)`);
    expect(stdout).toContain(`${rel('dangling.json')}\n  10:13  error  flows[0].to: unknown party "acme-jpp" (did you mean "acme-jp"?)`);
    expect(stdout).toMatch(new RegExp(`${rel('broken.yaml').replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}\\n  3:\\d+  error  invalid YAML: `));
    // The valid file is still checked: its violation is reported.
    expect(stdout).toContain('Flow to-us sends personal data (customers) from Germany to snowy-us in United States of America');
    expect(stdout).toMatch(/input errors/);
  });

  it('prints the contract\'s JSON report, valid against schemas/report.schema.json, byte-identical across runs', async () => {
    const args = ['check', '--as-of', '2026-11-28', '--format', 'json', at('good.yaml'), at('dangling.json')];
    const first = await runCli(args);
    const second = await runCli(args);
    expect(first.code).toBe(2);
    expect(first.stdout).toBe(second.stdout);
    const report = JSON.parse(first.stdout);
    const validate = createAjv().compile(loadSchema('report'));
    expect(validate(report) ? [] : validate.errors).toEqual([]);
    expect(report.asOf).toBe('2026-11-28');
    expect(report.summary).toMatchObject({ flows: 2, errors: 1, verdicts: { allowed: 1, review: 0, violation: 1 } });
    expect(report.inputs.map((i: { file: string }) => path.basename(i.file))).toEqual(['dangling.json', 'good.yaml']);
    expect(report.errors[0]).toMatchObject({ code: 'manifest/unknown-reference', location: { line: 10, column: 13, pointer: '/flows/0/to' } });
  });

  it('exits 1 on findings at --fail-on and 0 below it', async () => {
    expect((await runCli(['check', '--as-of', '2026-11-28', at('good.yaml')])).code).toBe(1);
    expect((await runCli(['check', '--as-of', '2026-11-28', '--fail-on', 'none', at('good.yaml')])).code).toBe(0);
  });

  it('writes the report to --output', async () => {
    const out = path.join(dir, 'out', 'report.json');
    const { code, stdout } = await runCli(['check', '--as-of', '2026-11-28', '-f', 'json', '-o', out, at('good.yaml')]);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(JSON.parse(fs.readFileSync(out, 'utf8')).summary.flows).toBe(2);
    expect(fs.readdirSync(path.dirname(out))).toEqual(['report.json']);
  });

  it('rejects a bad --as-of, --fail-on, unknown pack and a missing file with exit 2', async () => {
    const asOf = await runCli(['check', '--as-of', '2026-02-30', at('good.yaml')]);
    expect(asOf).toMatchObject({ code: 2, stderr: expect.stringContaining('--as-of: "2026-02-30" is not a date (expected YYYY-MM-DD') });
    const failOn = await runCli(['check', '--fail-on', 'warn', at('good.yaml')]);
    expect(failOn).toMatchObject({ code: 2, stderr: expect.stringContaining("option '--fail-on <severity>' argument 'warn' is invalid") });
    const pack = await runCli(['check', '--packs', 'eu-gpdr', at('good.yaml')]);
    expect(pack).toMatchObject({ code: 2, stderr: expect.stringContaining('unknown rule pack "eu-gpdr" (did you mean "eu-gdpr"?)') });
    const missing = await runCli(['check', '--as-of', '2026-11-28', at('nope.yaml')]);
    expect(missing.code).toBe(2);
    expect(missing.stdout).toContain('cannot read: no such file or directory');
  });
});

describe('dfft validate', () => {
  const dir = tmpDir(files);
  it('passes valid manifests and reports schema and reference errors', async () => {
    expect(await runCli(['validate', path.join(dir, 'good.yaml')])).toMatchObject({ code: 0, stdout: '✔ 1 manifest valid: 3 parties, 1 datasets, 2 flows\n' });
    const bad = await runCli(['validate', path.join(dir, 'good.yaml'), path.join(dir, 'dangling.json')]);
    expect(bad.code).toBe(2);
    expect(bad.stdout).toContain('flows[0].to: unknown party "acme-jpp" (did you mean "acme-jp"?)');
  });
});
