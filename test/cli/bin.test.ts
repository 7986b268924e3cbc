import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

// The built executable, as users and CI run it (`npm test` builds first).
const root = path.join(__dirname, '..', '..');
const bin = path.join(root, 'dist', 'cli', 'bin.js');

function dfft(...args: string[]) {
  return spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
}

describe('the dfft executable', () => {
  beforeAll(() => {
    if (!fs.existsSync(bin)) throw new Error(`${bin} is missing: run npm run build (npm test does)`);
  });

  it('exits 1 on the examples, 0 on the clean one, 2 on the invalid ones', () => {
    expect(dfft('check', '--as-of', '2026-11-28', 'examples/manifests').status).toBe(1);
    expect(dfft('check', '--as-of', '2026-11-28', 'examples/manifests/clean-eu-shop.yaml').status).toBe(0);
    const bad = dfft('check', '--as-of', '2026-11-28', 'examples/invalid');
    expect(bad.status).toBe(2);
    expect(bad.stdout).toContain('examples/invalid/unknown-party.yaml\n  11:42  error  flows[1].to: unknown party "acme-jpp" (did you mean "acme-jp"?)');
  });

  it('prints byte-identical JSON reports for the same inputs and date, from separate processes', () => {
    const a = dfft('check', '--as-of', '2026-11-28', '-f', 'json', 'examples/manifests');
    const b = dfft('check', '--as-of', '2026-11-28', '-f', 'json', 'examples/manifests');
    expect(a.stdout.length).toBeGreaterThan(1000);
    expect(a.stdout).toBe(b.stdout);
    expect(JSON.parse(a.stdout).policy.packs.map((p: { id: string }) => p.id)).toEqual(['eu-gdpr', 'eu-jp-supplementary', 'jp-appi']);
  });

  it('uses the precompiled validators of the build', () => {
    expect(fs.readdirSync(path.join(root, 'dist', 'validate', 'generated')).sort()).toEqual(expect.arrayContaining(['manifest.js', 'policy.js', 'report.js']));
  });

  it('answers --help and --version with exit 0, an unknown command with exit 2', () => {
    expect(dfft('--help').status).toBe(0);
    expect(dfft('--version').stdout.trim()).toBe(JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).version);
    const unknown = dfft('chek', 'x');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain("unknown command 'chek'");
  });
});
