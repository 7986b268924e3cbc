import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Report } from '../../src/types';
import { runCli } from '../support/cli';
import { checkerFor, manifest, yamlText } from '../support/helpers';

// A registry manifest (kind: registry) holds the parties and datasets that several teams'
// manifests share. The example in examples/registry is the reference.

const dir = path.join(__dirname, '..', '..', 'examples', 'registry');
const example = Object.fromEntries(fs.readdirSync(dir).sort().map((f) => [`registry/${f}`, fs.readFileSync(path.join(dir, f), 'utf8')]));

async function check(files: Record<string, unknown>, reverse = false): Promise<Report> {
  const entries = Object.entries(files).map(([file, m]) => ({ file, text: typeof m === 'string' ? m : yamlText(m) }));
  return (await checkerFor()).check(reverse ? entries.reverse() : entries);
}

const judged = (r: Report): Record<string, string> => Object.fromEntries(r.flows.map((f) => [f.id, f.verdict]));
const errorLines = (r: Report): string[] => r.errors.map((e) => `${e.location?.file}:${e.location?.line}:${e.location?.column} ${e.message}${e.hint ? ` (${e.hint})` : ''}`);

describe('a registry manifest', () => {
  it('validates on its own, with no flows', async () => {
    const { code, stdout } = await runCli(['validate', path.join(dir, 'acme-registry.yaml')]);
    expect(stdout).not.toContain('error');
    expect(code).toBe(0);
  });

  it('gives the teams that reference it its parties and datasets, in either order of the files', async () => {
    for (const reverse of [false, true]) {
      const r = await check(example, reverse);
      expect(r.errors).toEqual([]);
      expect(judged(r)).toEqual({ 'crm-to-japan': 'allowed', 'crm-hosting': 'allowed', 'payroll-to-japan': 'allowed', 'hr-analytics': 'violation' });
    }
  });

  it('makes a different declaration elsewhere a located conflict naming the registry, even from a file that sorts first', async () => {
    const rogue = manifest({
      id: 'analytics',
      parties: [{ id: 'skyhost-us', name: 'SkyHost Inc.', country: 'US', role: 'processor' }],
      flows: [{ id: 'ads', from: 'acme-de', to: 'skyhost-us', datasets: ['customers'] }],
    });
    for (const reverse of [false, true]) {
      const r = await check({ 'a-analytics.yaml': rogue, ...example }, reverse);
      expect(errorLines(r)).toEqual([
        'a-analytics.yaml:5:9 party "skyhost-us" is declared with a different definition than at registry/acme-registry.yaml:13:5 (its registry); flows that use it are not judged (a registry holds the shared definition: remove this declaration to use it, or give this one a new id)',
        'a-analytics.yaml:11:9 flow "ads" is not judged: party "skyhost-us" has conflicting definitions (fix the input error it depends on: dfft never judges a flow from conflicting or missing input)',
        'registry/crm.yaml:8:11 flow "crm-hosting" is not judged: party "skyhost-us" has conflicting definitions (fix the input error it depends on: dfft never judges a flow from conflicting or missing input)',
      ]);
      expect(judged(r)).toEqual({ 'crm-to-japan': 'allowed', 'payroll-to-japan': 'allowed', 'hr-analytics': 'violation' });
    }
  });

  it('declares no flows', async () => {
    const r = await check({
      'reg.yaml': { manifestVersion: 1, kind: 'registry', system: { id: 'reg' }, parties: [{ id: 'p', country: 'DE' }], flows: [{ id: 'f', from: 'p', to: 'p', datasets: ['d'] }] },
    });
    expect(errorLines(r)).toEqual([
      'reg.yaml:9:3 flows: expected at most 0 items (A registry declares parties and datasets only: flows belong in the manifests of the systems that use it.)',
    ]);
    expect(r.flows).toEqual([]);
  });

  it('must be in the run when a manifest names it: that manifest\'s flows are not judged without it', async () => {
    const crm = example['registry/crm.yaml'];
    const local = manifest({ id: 'local', parties: [{ id: 'acme-de', country: 'DE' }, { id: 'skyhost-us', country: 'US', certifications: ['eu-us-dpf'] }], datasets: [{ id: 'customers', categories: ['contact'] }], flows: [{ id: 'local-hosting', from: 'acme-de', to: 'skyhost-us', datasets: ['customers'] }] });
    const r = await check({ 'crm.yaml': crm, 'local.yaml': local });
    expect(r.errors.map((e) => `${e.location?.file}:${e.location?.line} ${e.code} ${e.message}`)).toEqual([
      'crm.yaml:5 manifest/unknown-reference registries[0]: unknown registry "acme-registry"; the flows of this manifest are not judged',
      'crm.yaml:7 manifest/unknown-reference flows[0].to: unknown party "acme-jp"',
      'crm.yaml:8 manifest/not-judged flow "crm-hosting" is not judged: its manifest uses registry "acme-registry", which is not in the run',
    ]);
    expect(judged(r)).toEqual({ 'local-hosting': 'allowed' });
  });

  it('two registries that disagree: the first by file is the reference, and no flow using the id is judged', async () => {
    const reg = (id: string, country: string) => ({ manifestVersion: 1, kind: 'registry', system: { id }, parties: [{ id: 'vendor', country }] });
    for (const reverse of [false, true]) {
      const r = await check({
        'reg-a.yaml': reg('reg-a', 'US'),
        'reg-b.yaml': reg('reg-b', 'CN'),
        'team.yaml': manifest({ id: 'team', parties: [{ id: 'de', country: 'DE' }], datasets: [{ id: 'd', categories: ['contact'] }], flows: [{ id: 'out', from: 'de', to: 'vendor', datasets: ['d'] }] }),
      }, reverse);
      expect(r.errors.map((e) => `${e.location?.file} ${e.message}`)).toEqual([
        'reg-b.yaml party "vendor" is declared with a different definition than at reg-a.yaml:6:5 (its registry); flows that use it are not judged',
        'team.yaml flow "out" is not judged: party "vendor" has conflicting definitions',
      ]);
      expect(r.flows).toEqual([]);
    }
  });
});
