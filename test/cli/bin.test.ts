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

  it('keeps its own exit code, with no stack, when the reader of its output goes away (| head)', () => {
    // The HTML report is larger than a pipe's buffer, so most of it meets a pipe `head` has closed.
    const piped = spawnSync('bash', ['-c', `"${process.execPath}" "${bin}" check --as-of 2026-11-28 -f html examples/manifests | head -c 1 >/dev/null; echo "\${PIPESTATUS[0]}"`], { cwd: root, encoding: 'utf8' });
    expect(piped.stderr).toBe('');
    expect(piped.stdout.trim()).toBe('1');
  });

  it('prints byte-identical JSON reports for the same inputs and date, from separate processes', () => {
    const a = dfft('check', '--as-of', '2026-11-28', '-f', 'json', 'examples/manifests');
    const b = dfft('check', '--as-of', '2026-11-28', '-f', 'json', 'examples/manifests');
    expect(a.stdout.length).toBeGreaterThan(1000);
    expect(a.stdout).toBe(b.stdout);
    expect(JSON.parse(a.stdout).policy.packs.map((p: { id: string }) => p.id)).toEqual(['eu-gdpr', 'eu-jp-supplementary', 'jp-appi']);
  });

  it('gives the same report from the build\'s cache of the built-in packs as from the YAML itself', () => {
    const cached = dfft('check', '--as-of', '2026-11-28', '-f', 'json', 'examples/manifests');
    const fresh = spawnSync(process.execPath, [bin, 'check', '--as-of', '2026-11-28', '-f', 'json', 'examples/manifests'], { cwd: root, encoding: 'utf8', env: { ...process.env, DFFT_NO_CACHE: '1' } });
    expect(fs.existsSync(path.join(root, 'dist', 'builtin-cache.json'))).toBe(true);
    expect(cached.stdout).toBe(fresh.stdout);
  });

  it('keys the cached ASTs by the file that declares them, then by their text', () => {
    // The same text checks differently in another file, whose policy variables differ.
    const cache = JSON.parse(fs.readFileSync(path.join(root, 'dist', 'builtin-cache.json'), 'utf8')) as { expressions: Record<string, Record<string, unknown>> };
    const files = Object.keys(cache.expressions);
    expect(files).toEqual(expect.arrayContaining(['<dfft>/rules/eu-gdpr.yaml', '<dfft>/rules/jp-appi.yaml']));
    for (const file of files) expect(file).toMatch(/^<dfft>\/rules\/[a-z-]+\.yaml$/);
  });

  it('does not load cel-js, yaml or ajv to check a JSON manifest (start-up)', () => {
    const probe = `const M=require('module');const o=M._load;const seen=new Set();M._load=function(r){if(/cel-js|^yaml$|^ajv$|ts-morph|exceljs|@viz-js/.test(r))seen.add(r);return o.apply(this,arguments)};
      require(${JSON.stringify(path.join(root, 'dist', 'cli', 'main.js'))}).run(['check','--as-of','2026-11-28','examples/manifests/jp-retailer-eu-subsidiary.json'],{stdout(){},stderr(){},stdoutIsTTY:false,stderrIsTTY:false,env:{}}).then(c=>console.log(JSON.stringify({c,seen:[...seen]})))`;
    const out = spawnSync(process.execPath, ['-e', probe], { cwd: root, encoding: 'utf8' });
    expect(JSON.parse(out.stdout)).toEqual({ c: 1, seen: [] });
  });

  it('uses the precompiled validators of the build', () => {
    expect(fs.readdirSync(path.join(root, 'dist', 'source', 'generated')).sort()).toEqual(expect.arrayContaining(['manifest.js', 'policy.js', 'report.js']));
  });

  it('answers --help and --version with exit 0, an unknown command with exit 2', () => {
    expect(dfft('--help').status).toBe(0);
    expect(dfft('--version').stdout.trim()).toBe(JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).version);
    const unknown = dfft('chek', 'x');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain("unknown command 'chek'");
  });
});
