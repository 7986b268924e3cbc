import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { importCommand, type ImportFidesCliOptions } from '../../src/cli/import-command';
import type { CliIo } from '../../src/cli/io';
import { DiagnosticError, formatDiagnostic } from '../../src/source/diagnostic';
import { tmpDir } from '../support/tmp';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'fides');

async function run(paths: string[], opts: ImportFidesCliOptions): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), stdoutIsTTY: false, stderrIsTTY: false, env: { NO_COLOR: '1' } };
  const code = await importCommand('fides', paths, opts, io);
  return { code, stdout, stderr };
}

async function inputErrors(promise: Promise<unknown>): Promise<string[]> {
  const err = await promise.then(() => undefined, (e: unknown) => e);
  expect((err as Error | undefined)?.name).toBe('DiagnosticError'); // main.ts prints these and exits 2
  return (err as DiagnosticError).diagnostics.map((e) => formatDiagnostic(e));
}

describe('dfft import fides (importCommand)', () => {
  it('writes the manifest to stdout, the gaps to stderr, and exits 1 when there are gaps', async () => {
    const { code, stdout, stderr } = await run([path.join(FIXTURES, 'samples')], { partyCountries: path.join(FIXTURES, 'party-countries.yaml') });
    expect(code).toBe(1);
    expect(parse(stdout)).toMatchObject({ manifestVersion: 1, system: { id: 'fides-import' } });
    expect(stderr).toContain(`${path.join(FIXTURES, 'samples', 'sample_systems.yml')}\n`);
    expect(stderr).toContain('  15:16  warning  system "cookie_house_loyalty_database" has no country in the --party-countries file');
    expect(stderr).toContain('  1:1  info  1 policy resource not imported');
    expect(stderr.trimEnd().split('\n').pop()).toBe('! fides: imported 7 parties, 7 datasets, 4 flows with 8 gaps and 8 notes');
  });

  it('with --quiet prints the gaps but not the notes', async () => {
    const { stderr } = await run([path.join(FIXTURES, 'samples')], { partyCountries: path.join(FIXTURES, 'party-countries.yaml'), quiet: true });
    expect(stderr).toContain('warning');
    expect(stderr).not.toMatch(/ {2}info {2}/);
  });

  it('writes --output atomically, as JSON for a .json file, and exits 0 for an import without gaps', async () => {
    const dir = tmpDir({
      'fides/crm.yml': 'system:\n  - fides_key: crm\n    system_type: Service\n    responsibility: [Controller]\n    egress:\n      - { fides_key: mailer, type: system }\n    privacy_declarations:\n      - { data_categories: [user.contact.email], data_use: marketing, data_subjects: [customer] }\n  - fides_key: mailer\n    system_type: Service\n    responsibility: [Processor]\n    privacy_declarations: []\n',
      // kept beside the Fides files: not read as one of them
      'fides/countries.yaml': 'partyCountriesVersion: 1\nsystems:\n  crm: DE\n  mailer: { country: US, certifications: [eu-us-dpf] }\n',
    });
    const out = path.join(dir, 'out', 'crm.json');
    const { code, stdout, stderr } = await run([path.join(dir, 'fides')], { partyCountries: path.join(dir, 'fides', 'countries.yaml'), output: out });
    expect({ code, stdout }).toEqual({ code: 0, stdout: '' });
    expect(stderr).toBe(`✔ fides: imported 2 parties, 1 dataset, 1 flow with no gaps and 0 notes into ${out}\n`);
    const manifest = JSON.parse(fs.readFileSync(out, 'utf8'));
    expect(manifest.flows).toEqual([expect.objectContaining({ id: 'crm:to:mailer', from: 'crm', to: 'mailer', datasets: ['crm:marketing'] })]);
    expect(manifest.parties[1]).toMatchObject({ id: 'mailer', country: 'US', role: 'processor', certifications: ['eu-us-dpf'] });
    expect(fs.readdirSync(path.dirname(out))).toEqual(['crm.json']);
  });

  it('honours --format and --system-id', async () => {
    const { stdout } = await run([path.join(FIXTURES, 'legacy', 'legacy_resources.yml')], { format: 'json', systemId: 'acme-legacy' });
    expect(JSON.parse(stdout).system.id).toBe('acme-legacy');
  });

  it('bails with every input error located, and writes nothing (exit 2 in main.ts)', async () => {
    const dir = tmpDir({
      'bad.yml': 'system:\n  - fides_key: a\n    egress: nope\n',
      'map.yaml': 'partyCountriesVersion: 1\nsystems:\n  a: { country: UK }\n',
    });
    const out = path.join(dir, 'out.yaml');
    expect(await inputErrors(run([path.join(dir, 'bad.yml')], { partyCountries: path.join(dir, 'map.yaml'), output: out }))).toEqual([
      `${path.join(dir, 'bad.yml')}:3:13 system[0].egress: expected a list, got a string`,
      `${path.join(dir, 'map.yaml')}:3:17 systems.a.country: "UK" is not a known value (did you mean "GB"?)`,
    ]);
    expect(fs.existsSync(out)).toBe(false);
  });

  it('reports a missing input and a missing --party-countries file', async () => {
    const dir = tmpDir();
    expect(await inputErrors(run([path.join(dir, 'nope.yml')], { partyCountries: path.join(dir, 'nope-map.yaml') }))).toEqual([
      `${path.join(dir, 'nope-map.yaml')}:1:1 cannot read file: no such file or directory`,
      `${path.join(dir, 'nope.yml')}:1:1 cannot read: no such file or directory`,
    ]);
  });
});
