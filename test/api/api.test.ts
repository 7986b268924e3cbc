/**
 * The library calls beside createChecker: validateManifest (no law to load), loadPolicy
 * (and describePolicy), and explain in one call.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describePolicy, explain, loadPolicy, validateManifest } from '../../src/library/api';
import { createChecker } from '../../src/library/checker';
import { DiagnosticError, formatDiagnostic } from '../../src/source/diagnostic';
import { runCli } from '../support/cli';
import { tmpDir } from '../support/tmp';

const ROOT = path.resolve(__dirname, '..', '..');
const read = (name: string) => fs.readFileSync(path.join(ROOT, 'examples', name), 'utf8');
const saas = { file: 'eu-saas-us-processor.yaml', text: read('manifests/eu-saas-us-processor.yaml') };

describe('validateManifest', () => {
  it('given a valid manifest, answers valid with what it declares (as dfft validate --format json)', async () => {
    const result = validateManifest(saas);
    const cli = JSON.parse((await runCli(['validate', '-f', 'json', 'examples/manifests/eu-saas-us-processor.yaml'])).stdout) as { valid: boolean; counts: unknown };
    expect(result).toMatchObject({ valid: true, errors: [], counts: cli.counts });
  });

  it('resolves references across the manifests given together', () => {
    const files = ['eu-clinic.yaml', 'jp-research-partner.yaml'].map((f) => ({ file: f, text: read(`manifests/multi-hop/${f}`) }));
    expect(validateManifest(files[1]).valid).toBe(false);
    expect(validateManifest(files).valid).toBe(true);
  });

  it('returns the errors of every manifest, located and sorted by file, never thrown', () => {
    const result = validateManifest([
      { file: 'b.yaml', text: saas.text.replace('to: skyhost-us', 'to: skyhost-uss') },
      { file: 'a.yaml', text: saas.text.replace('country: IN', 'country: India') },
    ]);
    expect(result.valid).toBe(false);
    expect(result.errors.map((e) => formatDiagnostic(e))).toEqual([
      'a.yaml:14:61 parties[3].country: "India" is not a known value (expected an ISO 3166-1 alpha-2 country code, upper case)',
      'b.yaml:27:9 flows[0].to: unknown party "skyhost-uss" (did you mean "skyhost-us"?)',
    ]);
  });
});

describe('loadPolicy and describePolicy', () => {
  it('describes the packs and rules exactly as dfft rules --format json', async () => {
    const policy = await loadPolicy();
    const cli = JSON.parse((await runCli(['rules', '--format', 'json'])).stdout) as { packs: unknown[] };
    expect(policy.packs).toEqual(cli.packs);
    expect(policy).toMatchObject({ files: [], overrides: [] });
  });

  it('names an organisation policy\'s files and overrides, and equals describePolicy(checker.policy)', async () => {
    const file = path.join(ROOT, 'examples', 'policies', 'acme-policy.yaml');
    const policy = await loadPolicy({ policy: file });
    expect(policy.files).toEqual([{ file, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) }]);
    expect(policy.packs.map((p) => p.id)).toContain('acme');
    expect(policy).toEqual(describePolicy((await createChecker({ policy: file })).policy));
  });

  it('throws DiagnosticError with every located error of a bad policy', async () => {
    const dir = tmpDir({ 'policy.yaml': 'policyVersion: 1\nname: acme\nextends: ["dfft:eu-gdpx"]\n' });
    const error = await loadPolicy({ policy: path.join(dir, 'policy.yaml') }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DiagnosticError);
    expect((error as DiagnosticError).diagnostics.map((e) => formatDiagnostic(e))).toEqual([`${path.join(dir, 'policy.yaml')}:3:11 unknown built-in pack "dfft:eu-gdpx" (did you mean "dfft:eu-gdpr"?)`]);
  });
});

describe('explain', () => {
  it('loads the policy and explains one flow, as checker.explain does', async () => {
    const options = { asOf: '2026-11-28' };
    const explanation = await explain([saas], 'support-remote', options);
    expect(explanation).toEqual((await createChecker(options)).explain([saas], 'support-remote'));
    expect(explanation).toMatchObject({ verdict: 'violation', decisive: ['eu-gdpr/transfer-without-basis'] });
  });
});
