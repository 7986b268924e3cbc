import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { tmpDir } from '../support/tmp';

// The executable loads the CLI as one bundled file with V8's compiled code for it (start-up), and
// falls back to the modules when the bundle is stale or unwanted. Run on the build (`npm test`
// builds first), in child processes without flags, as users run it.
const root = path.join(__dirname, '..', '..');
const dist = path.join(root, 'dist');

function node(script: string, env: Record<string, string> = {}): string {
  const out = spawnSync(process.execPath, ['-e', script], { cwd: root, encoding: 'utf8', env: { ...process.env, ...env } });
  if (out.status !== 0) throw new Error(out.stderr);
  return out.stdout.trim();
}

/** Whether loading the CLI through `distDir`'s load-cli took the modules (main.js among require's modules) rather than the bundle. */
function loadsModules(distDir: string, env: Record<string, string> = {}): boolean {
  const loader = JSON.stringify(path.join(distDir, 'cli', 'load-cli.js'));
  return JSON.parse(node(`const cli = require(${loader}).loadCli(); if (typeof cli.run !== 'function') throw new Error('no run'); console.log(JSON.stringify(Object.keys(require.cache).some((f) => f.endsWith('/cli/main.js'))))`, env)) as boolean;
}

describe('loading the CLI', () => {
  it('takes the bundle, in ASCII, with compiled code that V8 accepts', () => {
    const bundle = fs.readFileSync(path.join(dist, 'cli', 'dfft-cli.js'));
    expect(bundle.every((b) => b < 0x80)).toBe(true);
    expect(loadsModules(dist)).toBe(false);
    const loader = JSON.stringify(path.join(dist, 'cli', 'load-cli.js'));
    const rejected = node(`const l = require(${loader}); const fs = require('fs'); const bytes = fs.readFileSync(l.BUNDLE_FILE); const code = l.codeCacheFor(bytes); console.log(code === undefined ? 'no code' : String(l.compileBundle(l.bundleText(bytes), code).cachedDataRejected))`);
    expect(rejected).toBe('false');
  });

  it('does not use compiled code made from other bytes, even of the same length', () => {
    const loader = JSON.stringify(path.join(dist, 'cli', 'load-cli.js'));
    // One byte changed: V8 itself would check only the length.
    const found = node(`const l = require(${loader}); const bytes = Buffer.from(require('fs').readFileSync(l.BUNDLE_FILE)); bytes[bytes.length - 2] ^= 1; console.log(l.codeCacheFor(bytes) === undefined ? 'none' : 'used')`);
    expect(found).toBe('none');
  });

  it('takes the modules with DFFT_NO_BUNDLE, or when tsc ran after the bundle was made', () => {
    expect(loadsModules(dist, { DFFT_NO_BUNDLE: '1' })).toBe(true);
    const copy = tmpDir();
    fs.cpSync(dist, path.join(copy, 'dist'), { recursive: true, preserveTimestamps: true });
    for (const shared of ['node_modules', 'schemas', 'rules']) fs.symlinkSync(path.join(root, shared), path.join(copy, shared));
    fs.copyFileSync(path.join(root, 'package.json'), path.join(copy, 'package.json'));
    expect(loadsModules(path.join(copy, 'dist'))).toBe(false);
    // tsc rewrites every module: a module newer than the bundle means the bundle is stale.
    const later = new Date(fs.statSync(path.join(copy, 'dist', 'cli', 'dfft-cli.js')).mtimeMs + 60_000);
    fs.utimesSync(path.join(copy, 'dist', 'cli', 'entry.js'), later, later);
    expect(loadsModules(path.join(copy, 'dist'))).toBe(true);
  });

  it('checks the same with the bundle as with the modules, and loads a project\'s ESM config from the bundle', () => {
    const dir = tmpDir({ 'dfft.config.mjs': 'export default { paths: ["examples/manifests"], failOn: "none" };\n' });
    fs.symlinkSync(path.join(root, 'examples'), path.join(dir, 'examples'));
    const run = (env: Record<string, string>) => spawnSync(process.execPath, [path.join(dist, 'cli', 'bin.js'), 'check', '--as-of', '2026-11-28', '-f', 'json'], { cwd: dir, encoding: 'utf8', env: { ...process.env, ...env } });
    const bundled = run({});
    const modules = run({ DFFT_NO_BUNDLE: '1' });
    expect(bundled.stderr).toBe('');
    expect(bundled.status).toBe(0); // failOn: none, from the config
    expect(JSON.parse(bundled.stdout).summary.flows).toBeGreaterThan(10);
    expect(bundled.stdout).toBe(modules.stdout);
  });

  it('keys a result cache by this build in the bundle as in the modules: either reuses what the other wrote', () => {
    // The build's identity is written after the bundle is made: a bundle that inlined it held the
    // last build's, so a cache of another engine could be read as this one's.
    const dir = tmpDir();
    const cache = path.join(dir, 'cache');
    const run = (env: Record<string, string>) => spawnSync(process.execPath, [path.join(dist, 'cli', 'bin.js'), 'check', path.join(root, 'examples', 'manifests'), '--as-of', '2026-11-28', '-f', 'json', '-o', path.join(dir, 'report.json'), '--cache', '--cache-location', cache], { cwd: dir, encoding: 'utf8', env: { ...process.env, ...env } });
    const first = run({ DFFT_NO_BUNDLE: '1' });
    const flows = /^dfft: cache \S+: 0 of (\d+) flows reused, \1 judged again\n$/.exec(first.stderr)?.[1];
    expect(Number(flows)).toBeGreaterThan(10);
    const allReused = `dfft: cache ${cache}: ${flows} of ${flows} flows reused, 0 judged again\n`;
    expect(fs.statSync(cache).size).toBeGreaterThan(0);
    const build = (JSON.parse(fs.readFileSync(path.join(dist, 'build-id.json'), 'utf8')) as { build: string }).build;
    expect(fs.readFileSync(cache, 'utf8')).toContain(build);
    const bundled = run({});
    expect(bundled.stderr).toBe(allReused); // no "the cache was written by dfft … not …; checking every flow"
    expect(bundled.status).toBe(first.status);
    const modules = run({ DFFT_NO_BUNDLE: '1' });
    expect(modules.stderr).toBe(allReused);
  });

  it('says how to get a readable stack when an internal error comes from the bundle, and only then', () => {
    const loader = JSON.stringify(path.join(dist, 'cli', 'load-cli.js'));
    const text = (env: Record<string, string>) => node(`process.stdout.write(require(${loader}).loadCli().internalErrorText(new Error('boom')))`, env);
    const bundled = text({});
    expect(bundled).toMatch(/^dfft: internal error: Error: boom\n\s+at /);
    expect(bundled).toContain('run it again with DFFT_NO_BUNDLE=1');
    const modules = text({ DFFT_NO_BUNDLE: '1' });
    expect(modules).toMatch(/^dfft: internal error: Error: boom\n\s+at /);
    expect(modules).not.toContain('DFFT_NO_BUNDLE');
  });
});
