import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { tmpDir } from '../support/tmp';

const BIN = path.resolve(__dirname, '../../dist/cli/bin.js');
const EXAMPLES = path.resolve(__dirname, '../../examples');
const CLEAN = fs.readFileSync(path.join(EXAMPLES, 'manifests/clean-eu-shop.yaml'), 'utf8');
const VIOLATING = fs.readFileSync(path.join(EXAMPLES, 'manifests/eu-saas-us-processor.yaml'), 'utf8');

/** Runs the built CLI in a folder, as a user would from a terminal there. */
function dfft(cwd: string, ...args: string[]): { code: number; stdout: string; stderr: string; all: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', timeout: 60_000, env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr, all: r.stdout + r.stderr };
}

/** A project folder (a git repository root) with the given files. */
function project(files: Record<string, string>): string {
  const dir = tmpDir(files);
  fs.mkdirSync(path.join(dir, '.git'));
  return dir;
}

describe('the config file', () => {
  it('is found from a subfolder; its paths and output files are under its folder; flags override it', () => {
    const dir = project({
      'dfft.config.yaml': 'paths: [dataflows]\nfailOn: none\nformats: [text, "json=out/report.json"]\n',
      'dataflows/shop.yaml': VIOLATING,
      'other/not-checked.yaml': VIOLATING,
      'sub/deeper/.keep': '',
    });
    fs.mkdirSync(path.join(dir, 'out'));
    const fromSub = dfft(path.join(dir, 'sub/deeper'), 'check', '--as-of', '2026-11-01');
    expect(fromSub.stderr).toBe('');
    expect(fromSub.code).toBe(0); // failOn: none
    const report = JSON.parse(fs.readFileSync(path.join(dir, 'out/report.json'), 'utf8'));
    expect(report.summary.flows).toBe(4); // dataflows/ only, not other/
    expect(fromSub.stdout).toContain('../../dataflows/shop.yaml');
    // --fail-on on the command line wins over failOn; -f replaces the config's formats.
    fs.rmSync(path.join(dir, 'out/report.json'));
    const strict = dfft(path.join(dir, 'sub'), 'check', '--as-of', '2026-11-01', '--fail-on', 'error', '-f', 'json');
    expect(strict.code).toBe(1);
    expect(JSON.parse(strict.stdout).summary.flows).toBe(4);
    expect(fs.existsSync(path.join(dir, 'out/report.json'))).toBe(false);
    // Paths given replace the config's; --no-config drops it entirely.
    expect(JSON.parse(dfft(dir, 'check', 'other', '-f', 'json', '--as-of', '2026-11-01').stdout).summary.flows).toBe(4);
    const none = dfft(path.join(dir, 'sub'), 'check', '--no-config');
    expect(none.code).toBe(2);
    expect(none.all).toContain('nothing to check');
  });

  it('reads the "dfft" key of package.json, and locates its errors there', () => {
    const dir = project({
      'package.json': '{\n  "name": "app",\n  "dfft": {\n    "paths": ["flows"],\n    "failOn": "warnings"\n  }\n}\n',
      'flows/shop.yaml': CLEAN,
    });
    const r = dfft(dir, 'check');
    expect(r.code).toBe(2);
    expect(r.all).toContain('package.json:5:15');
    expect(r.all).toContain('did you mean "warning"');
    fs.writeFileSync(path.join(dir, 'package.json'), '{ "name": "app", "dfft": { "paths": ["flows"] } }\n');
    const fixed = dfft(dir, 'check', '--as-of', '2026-11-01');
    expect(fixed.code).toBe(0);
    expect(fixed.stdout).toContain('✔ 0 problems');
  });

  it('loads JavaScript configs (CommonJS and ESM) and validates them', () => {
    const cjs = project({ 'dfft.config.cjs': 'module.exports = { paths: ["m"], failOn: "none" };\n', 'm/a.yaml': VIOLATING });
    expect(dfft(cjs, 'check', '--as-of', '2026-11-01').code).toBe(0);
    const esm = project({ 'dfft.config.mjs': 'export default { paths: ["m"], packs: "eu-gdpr" };\n', 'm/a.yaml': VIOLATING });
    const bad = dfft(esm, 'check');
    expect(bad.code).toBe(2);
    expect(bad.all).toMatch(/dfft\.config\.mjs:1:1 .*packs.*array/);
  });

  it('is never taken from above the repository root, and a broken one never falls back to another', () => {
    const outer = tmpDir({ 'dfft.config.yaml': 'paths: [nowhere]\n' });
    const repo = path.join(outer, 'repo');
    fs.mkdirSync(path.join(repo, '.git'), { recursive: true });
    fs.writeFileSync(path.join(repo, 'a.yaml'), CLEAN);
    // The outer config lies above .git: not found, so `check` has nothing to check.
    expect(dfft(repo, 'check').all).toContain('nothing to check');
    fs.writeFileSync(path.join(repo, 'dfft.config.yaml'), 'paths: [a.yaml\n');
    const broken = dfft(repo, 'check');
    expect(broken.code).toBe(2);
    expect(broken.all).toContain('dfft.config.yaml:');
    expect(broken.all).not.toContain('nowhere');
  });

  it('refuses a FIFO, a folder or a dangling link in its place instead of waiting or skipping it', () => {
    for (const make of [
      (f: string) => spawnSync('mkfifo', [f]),
      (f: string) => fs.mkdirSync(f),
      (f: string) => fs.symlinkSync('/nonexistent/dfft.config.yaml', f),
    ]) {
      const dir = project({ 'a.yaml': CLEAN });
      make(path.join(dir, 'dfft.config.yaml'));
      const r = dfft(dir, 'check');
      expect(r.code).toBe(2);
      expect(r.all).toContain('dfft.config.yaml');
      expect(r.all).toContain('[config/unreadable]');
    }
  });

  it('--config names one file; a missing one is an error', () => {
    const dir = project({ 'ci/dfft.yaml': 'paths: [../m]\n', 'm/a.yaml': CLEAN });
    expect(dfft(dir, 'check', '--config', 'ci/dfft.yaml', '--as-of', '2026-11-01').stdout).toContain('✔ 0 problems');
    const missing = dfft(dir, 'check', '--config', 'ci/nope.yaml');
    expect(missing.code).toBe(2);
    expect(missing.all).toContain('ci/nope.yaml');
  });
});

describe('what a folder holds', () => {
  it('`check .` reads only manifests: a policy, waivers and package.json beside them are left out, and named', () => {
    const dir = project({
      'flows/shop.yaml': CLEAN,
      'policy.yaml': 'policyVersion: 1\nname: org\nrules: []\n',
      'waivers.yaml': 'waiversVersion: 1\nwaivers: []\n',
      'package.json': '{ "name": "app" }\n',
    });
    const r = dfft(dir, 'check', '.', '--as-of', '2026-11-01');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('✔ 0 problems');
    expect(r.stderr).toContain('not checked (no manifestVersion, so not a manifest): package.json, policy.yaml, waivers.yaml');
    expect(dfft(dir, 'check', '.', '-q', '--as-of', '2026-11-01').stderr).toBe('');
    // Named, a file is read as a manifest whatever it holds.
    const named = dfft(dir, 'check', 'policy.yaml');
    expect(named.code).toBe(2);
    expect(named.all).toContain('policy.yaml');
  });

  it('a folder with files but no manifest is an error, not a clean run', () => {
    const dir = project({ 'docs/policy.yaml': 'policyVersion: 1\n', 'docs/other.json': '{}' });
    const r = dfft(dir, 'check', 'docs');
    expect(r.code).toBe(2);
    expect(r.all).toContain('no manifests in this directory: none of its 2 .json/.yaml files has a manifestVersion');
  });

  it('a manifest that mentions manifestVersion anywhere is read (and its mistakes reported), never left out', () => {
    const dir = project({ 'm/nested.yaml': 'system:\n  manifestVersion: 1\n' });
    const r = dfft(dir, 'check', 'm');
    expect(r.code).toBe(2);
    expect(r.all).toContain('manifest/schema');
  });

  it('a file too large to read is left out when its start shows no manifestVersion, and an error when it does', () => {
    const big = '{"lockfileVersion": 3, "packages": {' + '"x": 1,'.repeat(20_000) + '"y": 2}}';
    const dir = project({ 'm/a.yaml': CLEAN, 'm/package-lock.json': big });
    const r = dfft(dir, 'check', 'm', '--max-file-size', '64KB', '--as-of', '2026-11-01');
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('package-lock.json');
    fs.writeFileSync(path.join(dir, 'm/huge.json'), '{"manifestVersion": 1, "x": "' + 'a'.repeat(100_000) + '"}');
    const huge = dfft(dir, 'check', 'm', '--max-file-size', '64KB');
    expect(huge.code).toBe(2);
    expect(huge.all).toContain('source/too-large');
  });

  it('.dfftignore and the config\'s ignore leave files and folders out; a file named is still checked', () => {
    const dir = project({
      '.dfftignore': '# drafts are not reviewed yet\ndrafts/\n!drafts/keep.yaml\n',
      'dfft.config.yaml': 'ignore: ["*.wip.yaml"]\n',
      'flows/shop.yaml': CLEAN,
      'flows/bad.wip.yaml': VIOLATING,
      'drafts/bad.yaml': VIOLATING,
    });
    const r = dfft(dir, 'check', '--as-of', '2026-11-01', '-f', 'json');
    expect(r.code).toBe(0);
    const files = (JSON.parse(r.stdout).inputs as Array<{ file: string }>).map((i) => i.file);
    expect(files).toEqual(['flows/shop.yaml']);
    const named = dfft(dir, 'check', 'flows/bad.wip.yaml', '--as-of', '2026-11-01');
    expect(named.code).toBe(1);
  });
});
