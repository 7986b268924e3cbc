import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCli } from '../support/cli';
import { tmpDir } from '../support/tmp';
import { itWithDevices, mknod } from '../support/device-nodes';

// -o and -f format=file never replace what dfft did not create: devices, FIFOs and links to them
// are written through; regular files are staged beside the target and renamed into place only
// when every output of the run is written. Devices are made here (mknod, as root), never the
// system's own.

const root = path.join(__dirname, '..', '..');
const bin = path.join(root, 'dist', 'cli', 'bin.js');
const clean = path.join(root, 'examples', 'manifests', 'clean-eu-shop.yaml');
const check = (...args: string[]) => runCli(['check', '--as-of', '2026-11-28', clean, ...args]);

/** A character device node in `dir` (1,3 is the null device, 1,7 the full device), or undefined when mknod is refused. */
// Device tests need root (or CAP_MKNOD). Skipping them must never go unnoticed in CI.
const withDevices = itWithDevices('the device-node tests of -o');

function tempFiles(dir: string): string[] {
  return fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'));
}

describe('-o onto files dfft did not create', () => {
  withDevices('writes through a device node and leaves it a device', async () => {
    const dir = tmpDir();
    const dev = mknod(dir, 'null', 3)!;
    const { code, stdout } = await check('-o', dev);
    expect(code).toBe(0);
    expect(stdout).toBe('');
    expect(fs.lstatSync(dev).isCharacterDevice()).toBe(true);
    expect(fs.readdirSync(dir)).toEqual(['null']);
  });

  withDevices('writes through a symbolic link to a device (as /dev/stdout is), keeping the link and the device', async () => {
    const dir = tmpDir();
    mknod(dir, 'null', 3);
    const link = path.join(dir, 'stdout');
    fs.symlinkSync('null', link);
    expect((await check('-f', `json=${link}`)).code).toBe(0);
    expect(fs.lstatSync(link).isSymbolicLink()).toBe(true);
    expect(fs.readlinkSync(link)).toBe('null');
    expect(fs.statSync(link).isCharacterDevice()).toBe(true);
    expect(fs.readdirSync(dir).sort()).toEqual(['null', 'stdout']);
  });

  it('writes through a FIFO to the reader at its other end, and leaves it a FIFO', async () => {
    const dir = tmpDir();
    const fifo = path.join(dir, 'pipe');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    // The reader opens the FIFO off the event loop while dfft writes into it.
    const received = new Promise<string>((resolve, reject) => {
      let text = '';
      fs.createReadStream(fifo, 'utf8').on('data', (d) => (text += d)).on('end', () => resolve(text)).on('error', reject);
    });
    const [result, text] = await Promise.all([check('-f', `json=${fifo}`), received]);
    expect(result.code).toBe(0);
    expect(JSON.parse(text).summary.flows).toBe(5);
    expect(fs.lstatSync(fifo).isFIFO()).toBe(true);
    expect(fs.readdirSync(dir)).toEqual(['pipe']);
  });

  it('replaces the file a symbolic link points to, keeping the link and the file\'s permissions', async () => {
    const dir = tmpDir({ 'real.json': 'old' });
    fs.chmodSync(path.join(dir, 'real.json'), 0o640);
    const link = path.join(dir, 'report.json');
    fs.symlinkSync('real.json', link);
    expect((await check('-f', `json=${link}`)).code).toBe(0);
    expect(fs.lstatSync(link).isSymbolicLink()).toBe(true);
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'real.json'), 'utf8')).summary.flows).toBe(5);
    expect(fs.statSync(path.join(dir, 'real.json')).mode & 0o777).toBe(0o640);
    expect(tempFiles(dir)).toEqual([]);
  });

  it('refuses a dangling symbolic link rather than create a file wherever it points', async () => {
    const dir = tmpDir();
    const link = path.join(dir, 'report.json');
    fs.symlinkSync(path.join(dir, 'elsewhere', 'made.json'), link);
    const { code, stderr } = await check('-f', `json=${link}`);
    expect(code).toBe(2);
    expect(stderr).toBe(`dfft: cannot write ${link}: it is a symbolic link to ${path.join(dir, 'elsewhere', 'made.json')}, which does not exist\n`);
    expect(fs.existsSync(path.join(dir, 'elsewhere'))).toBe(false);
  });

  it('treats -o - and -f format=- as stdout', async () => {
    const a = await check('-f', 'json', '-o', '-');
    expect(JSON.parse(a.stdout).summary.flows).toBe(5);
    const b = await check('-f', 'json=-');
    expect(JSON.parse(b.stdout).summary.flows).toBe(5);
    const twice = await check('-f', 'json=-', '-f', 'sarif');
    expect(twice.code).toBe(2);
    expect(twice.stderr).toContain('--format: json and sarif would both go to stdout');
    const binary = await check('-f', 'xlsx=-');
    expect(binary.code).toBe(2);
    expect(binary.stderr).toContain('--format: xlsx is binary and cannot go to stdout');
  });
});

describe('a run with several outputs is all or nothing', () => {
  withDevices('keeps the previous reports and leaves no temporary file when one output fails (a full device: ENOSPC)', async () => {
    const dir = tmpDir({ 'report.json': 'previous json', 'report.md': 'previous md' });
    const full = mknod(dir, 'full', 7)!;
    const { code, stderr } = await check('-f', `json=${path.join(dir, 'report.json')}`, '-f', `markdown=${path.join(dir, 'report.md')}`, '-f', `sarif=${full}`);
    expect(code).toBe(2);
    expect(stderr).toBe(`dfft: cannot write ${full}: no space left on the device\n`);
    expect(fs.readFileSync(path.join(dir, 'report.json'), 'utf8')).toBe('previous json');
    expect(fs.readFileSync(path.join(dir, 'report.md'), 'utf8')).toBe('previous md');
    expect(tempFiles(dir)).toEqual([]);
  });

  it('refuses two outputs that are one file under two names (a link and its target), writing neither', async () => {
    const dir = tmpDir({ 'report.json': 'previous' });
    fs.symlinkSync('report.json', path.join(dir, 'link.sarif'));
    const { code, stderr } = await check('-f', `json=${path.join(dir, 'report.json')}`, '-f', `sarif=${path.join(dir, 'link.sarif')}`);
    expect(code).toBe(2);
    expect(stderr).toBe(`dfft: cannot write ${path.join(dir, 'link.sarif')}: it is the same file as ${path.join(dir, 'report.json')}\n`);
    expect(fs.readFileSync(path.join(dir, 'report.json'), 'utf8')).toBe('previous');
  });

  it('writes every file when all succeed, with no temporary file left', async () => {
    const dir = tmpDir({ 'report.json': 'previous' });
    const { code } = await check('-f', `json=${path.join(dir, 'report.json')}`, '-f', `junit=${path.join(dir, 'new', 'junit.xml')}`);
    expect(code).toBe(0);
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'report.json'), 'utf8')).summary.flows).toBe(5);
    expect(fs.readFileSync(path.join(dir, 'new', 'junit.xml'), 'utf8')).toContain('<testsuites');
    expect(tempFiles(dir)).toEqual([]);
    expect(tempFiles(path.join(dir, 'new'))).toEqual([]);
  });

  it('removes its staged files on SIGTERM and replaces nothing', async () => {
    if (!fs.existsSync(bin)) throw new Error(`${bin} is missing: run npm run build (npm test does)`);
    const dir = tmpDir({ 'report.json': 'previous' });
    const fifo = path.join(dir, 'pipe');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    // The FIFO has no reader: dfft stages report.json, then waits to open the FIFO.
    const child = spawn(process.execPath, [bin, 'check', '--as-of', '2026-11-28', clean, '-f', `json=${path.join(dir, 'report.json')}`, '-f', `text=${fifo}`], { stdio: 'ignore' });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    while (tempFiles(dir).length === 0) await new Promise((r) => setTimeout(r, 20));
    expect(tempFiles(dir)[0]).toMatch(/^\.report\.json\.[0-9a-f]{24}\.tmp$/);
    child.kill('SIGTERM');
    expect(await exited).toBe('SIGTERM');
    expect(tempFiles(dir)).toEqual([]);
    expect(fs.readFileSync(path.join(dir, 'report.json'), 'utf8')).toBe('previous');
  }, 30_000);
});

describe('output errors are one line and exit 2, never an internal error', () => {
  const cases: Array<[string, (dir: string) => string[], (dir: string) => string]> = [
    ['-o naming a folder', (d) => ['-o', d], (d) => `dfft: cannot write ${d}: it is a directory\n`],
    ['-o under a path whose parent is a file', (d) => ['-o', path.join(d, 'file.txt', 'report.txt')], (d) => `dfft: cannot write ${path.join(d, 'file.txt', 'report.txt')}: a part of the path is not a directory\n`],
    ['-o in a folder that cannot be made (a file is in the way)', (d) => ['-f', `json=${path.join(d, 'file.txt', 'sub', 'r.json')}`], (d) => `dfft: cannot write ${path.join(d, 'file.txt', 'sub', 'r.json')}: a part of the path is not a directory\n`],
  ];
  it.each(cases)('%s', async (_name, args, expected) => {
    const dir = tmpDir({ 'file.txt': 'x' });
    const { code, stderr, stdout } = await check(...args(dir));
    expect(code).toBe(2);
    expect(stderr).toBe(expected(dir));
    expect(stderr).not.toMatch(/internal error|\n\s+at /);
    expect(stdout).toBe('');
  });

  it('-o makes the missing folders of its path, each once', async () => {
    const dir = tmpDir();
    const target = path.join(dir, 'a', 'b', 'c', 'report.json');
    const { code } = await check('-f', `json=${target}`);
    expect(code).toBe(0);
    expect(JSON.parse(fs.readFileSync(target, 'utf8'))).toMatchObject({ summary: { flows: expect.any(Number) } });
    expect(fs.readdirSync(path.join(dir, 'a', 'b', 'c'))).toEqual(['report.json']);
  });

  it('import -o naming a folder (import and extract share the writer of check)', async () => {
    const dir = tmpDir();
    const fides = path.join(root, 'test', 'fixtures', 'fides', 'samples');
    const { code, stderr } = await runCli(['import', 'fides', fides, '--party-countries', path.join(root, 'test', 'fixtures', 'fides', 'party-countries.yaml'), '-o', dir]);
    expect(code).toBe(2);
    expect(stderr).toBe(`dfft: cannot write ${dir}: it is a directory\n`);
  });

  it('init on a file', async () => {
    const dir = tmpDir({ 'file.txt': 'x' });
    const { code, stderr } = await runCli(['init', path.join(dir, 'file.txt')]);
    expect(code).toBe(2);
    expect(stderr).toBe(`dfft: cannot initialise ${path.join(dir, 'file.txt')}: it is a regular file, not a folder\n`);
  });

  it('init never follows a dangling link left where a starter file goes', async () => {
    const dir = tmpDir();
    fs.symlinkSync(path.join(dir, 'target.yaml'), path.join(dir, 'dfft-policy.yaml'));
    const { code, stdout } = await runCli(['init', dir]);
    expect(code).toBe(0);
    expect(stdout).toContain('dfft-policy.yaml (it exists)');
    expect(fs.existsSync(path.join(dir, 'target.yaml'))).toBe(false);
  });

  it('serve --host 999.1.1.1', async () => {
    const { code, stderr } = await runCli(['serve', '--host', '999.1.1.1', '--port', '0', '--log-level', 'silent']);
    expect(code).toBe(2);
    expect(stderr).toContain('cannot listen on 999.1.1.1:0: ENOTFOUND (--host must be an address or name of this machine, e.g. 127.0.0.1 or 0.0.0.0)  [argument/invalid]');
    expect(stderr).not.toContain('internal error');
  });
});
