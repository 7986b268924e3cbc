import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCli } from '../support/cli';
import { tmpDir } from '../support/tmp';

// dfft check --cache and --cache-location.
const manifest = `manifestVersion: 1
system: { id: shop }
parties:
  - { id: shop-de, name: Shop GmbH, country: DE, role: controller }
  - { id: cloud-us, name: Cloud Inc, country: US, role: processor }
datasets:
  - { id: orders, name: Orders, categories: [contact.email], subjects: [customers], collectedIn: [DE] }
flows:
  - { id: to-cloud, from: shop-de, to: cloud-us, datasets: [orders], purposes: [hosting] }
  - { id: to-cloud-scc, from: shop-de, to: cloud-us, datasets: [orders], purposes: [hosting], mechanisms: [{ type: scc, module: 2 }] }
`;

function check(dir: string, ...extra: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return runCli(['check', path.join(dir, 'm.yaml'), '--as-of', '2026-11-28', '-f', 'json', '-q', ...extra]);
}

describe('dfft check --cache-location', () => {
  it('writes a cache, and a second run reuses it with the same report', async () => {
    const dir = tmpDir({ 'm.yaml': manifest });
    const cacheFile = path.join(dir, 'cache');
    const cold = await check(dir);
    const first = await check(dir, '--cache', '--cache-location', cacheFile);
    const text = fs.readFileSync(cacheFile, 'utf8');
    const second = await check(dir, '--cache', '--cache-location', cacheFile);
    expect(first).toEqual(cold);
    expect(second).toEqual(cold);
    expect(text.split('\n').filter((l) => l.startsWith('"/flows/'))).toHaveLength(2);
    // Only the temporary file's rename wrote it: nothing is left beside it.
    expect(fs.readdirSync(dir).sort()).toEqual(['cache', 'm.yaml']);
  });

  it('says on stderr how many flows it reused, unless quiet', async () => {
    const dir = tmpDir({ 'm.yaml': manifest });
    const cacheFile = path.join(dir, 'cache');
    const args = ['check', path.join(dir, 'm.yaml'), '--as-of', '2026-11-28', '-f', 'json', '--cache', '--cache-location', cacheFile];
    expect((await runCli(args)).stderr).toBe(`dfft: cache ${cacheFile}: 0 of 2 flows reused, 2 judged again\n`);
    expect((await runCli(args)).stderr).toBe(`dfft: cache ${cacheFile}: 2 of 2 flows reused, 0 judged again\n`);
    expect((await runCli([...args, '-q'])).stderr).toBe('');
  });

  it('is not used without --cache (as in ESLint)', async () => {
    const dir = tmpDir({ 'm.yaml': manifest });
    await check(dir, '--cache-location', path.join(dir, 'cache'));
    expect(fs.existsSync(path.join(dir, 'cache'))).toBe(false);
  });

  it('warns about a corrupt cache file, runs cold with the same report, and replaces it', async () => {
    const dir = tmpDir({ 'm.yaml': manifest, cache: '{"format":"dfft-result-cache","formatVersion":1,"tool":"' });
    const cold = await check(dir);
    const run = await runCli(['check', path.join(dir, 'm.yaml'), '--as-of', '2026-11-28', '-f', 'json', '--cache', '--cache-location', path.join(dir, 'cache')]);
    expect(run.stderr).toMatch(/dfft: warning: .*cache.*checking every flow/);
    expect(run.code).toBe(cold.code);
    expect(run.stdout).toBe(cold.stdout);
    expect(fs.readFileSync(path.join(dir, 'cache'), 'utf8')).toMatch(/^\{"format":"dfft-result-cache"/);
  });

  it('does not follow a link at the cache location to overwrite another file', async () => {
    const dir = tmpDir({ 'm.yaml': manifest, 'victim.txt': 'precious\n' });
    const link = path.join(dir, 'cache');
    fs.symlinkSync(path.join(dir, 'victim.txt'), link);
    const run = await runCli(['check', path.join(dir, 'm.yaml'), '--as-of', '2026-11-28', '-f', 'json', '--cache', '--cache-location', link]);
    expect(run.stderr).toMatch(/not a regular file/);
    expect(fs.readFileSync(path.join(dir, 'victim.txt'), 'utf8')).toBe('precious\n');
    expect(fs.lstatSync(link).isSymbolicLink()).toBe(false);
  });

  it('warns and still reports when the cache cannot be written', async () => {
    const dir = tmpDir({ 'm.yaml': manifest });
    const cold = await check(dir);
    const run = await runCli(['check', path.join(dir, 'm.yaml'), '--as-of', '2026-11-28', '-f', 'json', '--cache', '--cache-location', path.join(dir, 'missing-folder', 'cache')]);
    expect(run.stderr).toMatch(/cannot write the cache/);
    expect(run.stdout).toBe(cold.stdout);
    expect(run.code).toBe(cold.code);
  });
});
