import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCli } from '../support/cli';
import { tmpDir } from '../support/tmp';

// Special files and symbolic links cannot be committed as fixtures: each test makes its own in a
// temporary folder (devices with mknod, as root; never the system's own). A file outside the
// folder checked stands in for /etc/passwd or a CI secret: its content must appear nowhere.

const root = path.join(__dirname, '..', '..');
const clean = fs.readFileSync(path.join(root, 'examples', 'manifests', 'clean-eu-shop.yaml'), 'utf8');
const SECRET = 'SECRET_TOKEN_6f1c2a';
const secretText = `root:x:0:0:${SECRET}:/root:/bin/bash\n`;

function mknod(file: string, minor: number): boolean {
  return spawnSync('mknod', [file, 'c', '1', String(minor)]).status === 0;
}
function mkfifo(file: string): void {
  expect(spawnSync('mkfifo', [file]).status).toBe(0);
}

const canMknod = mknod(path.join(tmpDir(), 'probe'), 3);
if (!canMknod) {
  if (process.env.CI) throw new Error('mknod failed: the device tests of folder scanning cannot run (run CI as root, or with CAP_MKNOD)');
  console.warn('\n\n*** SKIPPING the device-node tests of folder scanning: mknod is not permitted here (not root). CI must run them. ***\n\n');
}
const withDevices = canMknod ? it : it.skip;

/** A folder `m` to check, with one good manifest, beside a secret file outside it. */
function estate(): { dir: string; m: string; secret: string } {
  const dir = tmpDir({ 'secret.yaml': secretText, 'm/clean.yaml': clean });
  return { dir, m: path.join(dir, 'm'), secret: path.join(dir, 'secret.yaml') };
}

function expectNoSecret(...outputs: string[]): void {
  for (const out of outputs) expect(out).not.toContain(SECRET);
}

describe('scanning a folder reads only regular files inside it', () => {
  it('refuses a link to a file outside the folder, naming the link and its target, without reading it', async () => {
    const { m, secret } = estate();
    fs.symlinkSync(secret, path.join(m, 'passwd.yaml'));
    fs.symlinkSync('../secret.yaml', path.join(m, 'relative.json'));
    for (const format of ['text', 'json', 'sarif', 'junit', 'markdown', 'html']) {
      const { code, stdout, stderr } = await runCli(['check', '--as-of', '2026-11-28', '-f', format, m]);
      expect(code).toBe(2);
      expectNoSecret(stdout, stderr);
    }
    const { stdout } = await runCli(['check', '--as-of', '2026-11-28', m]);
    expect(stdout).toContain(`${m}/passwd.yaml\n  1:1  error  is a symbolic link to ${fs.realpathSync(secret)}, outside ${m}; not read (a folder is checked only for the files inside it: copy the file in, or name it on the command line)  source/unreadable`);
    expect(stdout).toContain(`${m}/relative.json\n  1:1  error  is a symbolic link to ${fs.realpathSync(secret)}, outside ${m}; not read`);
    // The good file is still checked.
    expect(stdout).toContain('5 flows: 5 allowed');
    const validate = await runCli(['validate', m]);
    expect(validate.code).toBe(2);
    expectNoSecret(validate.stdout, validate.stderr);
  }, 60_000);

  it('refuses a link out of the folder however deep it is', async () => {
    const { m, secret } = estate();
    fs.mkdirSync(path.join(m, 'a', 'b'), { recursive: true });
    fs.symlinkSync('../../../secret.yaml', path.join(m, 'a', 'b', 'deep.yaml'));
    const { code, stdout, stderr } = await runCli(['check', '--as-of', '2026-11-28', '-f', 'json', m]);
    expect(code).toBe(2);
    expectNoSecret(stdout, stderr);
    expect(JSON.parse(stdout).errors.map((e: { message: string }) => e.message)).toEqual([`is a symbolic link to ${fs.realpathSync(secret)}, outside ${m}; not read`]);
  });

  it('follows a link to a file inside the folder once, and skips a link to a folder with a warning', async () => {
    const { m } = estate();
    fs.mkdirSync(path.join(m, 'shared'));
    fs.symlinkSync('clean.yaml', path.join(m, 'again.yaml'));
    fs.symlinkSync(path.dirname(m), path.join(m, 'up'));
    const { code, stdout } = await runCli(['check', '--as-of', '2026-11-28', '-f', 'json', m]);
    const report = JSON.parse(stdout);
    expect(code).toBe(0);
    expect(report.inputs.map((i: { file: string }) => path.basename(i.file))).toEqual(['again.yaml']);
    expect(report.warnings).toEqual([{ code: 'source/skipped', message: `skipped: a symbolic link to a folder (${fs.realpathSync(path.dirname(m))})`, hint: 'name the folder on the command line to check what it holds', location: { file: path.join(m, 'up'), line: 1, column: 1, pointer: '' } }]);
  });

  it('skips a FIFO with a warning instead of waiting for a writer forever', async () => {
    const { m } = estate();
    mkfifo(path.join(m, 'pipe.yaml'));
    const { code, stdout, stderr } = await runCli(['check', '--as-of', '2026-11-28', '-f', 'sarif', m]);
    expect(code).toBe(0);
    expect(stderr).toBe(`dfft: warning: ${m}/pipe.yaml:1:1 skipped: a FIFO (named pipe), not a regular file  [source/skipped]\n`);
    expect(JSON.parse(stdout).runs[0].results).toEqual([]);
  });

  withDevices('skips a device, and refuses a link to one outside the folder (no 8 GB read of a zero device)', async () => {
    const { dir, m } = estate();
    expect(mknod(path.join(m, 'zero.yaml'), 5)).toBe(true);
    expect(mknod(path.join(dir, 'zero-outside'), 5)).toBe(true);
    fs.symlinkSync(path.join(dir, 'zero-outside'), path.join(m, 'zero-link.json'));
    const { code, stdout } = await runCli(['check', '--as-of', '2026-11-28', m]);
    expect(code).toBe(2);
    expect(stdout).toContain(`${m}/zero-link.json\n  1:1  error  is a symbolic link to ${path.join(fs.realpathSync(dir), 'zero-outside')}, outside ${m}; not read`);
    expect(stdout).toContain(`warning  ${m}/zero.yaml:1:1  skipped: a character device, not a regular file  source/skipped`);
  });

  withDevices('skips a link inside the folder to a device inside the folder', async () => {
    const { m } = estate();
    fs.mkdirSync(path.join(m, '.dev'));
    expect(mknod(path.join(m, '.dev', 'zero'), 5)).toBe(true);
    fs.symlinkSync('.dev/zero', path.join(m, 'zero.yaml'));
    const { code, stderr } = await runCli(['check', '--as-of', '2026-11-28', '-f', 'json', m]);
    expect(code).toBe(0);
    expect(stderr).toContain(`${m}/zero.yaml:1:1 skipped: a symbolic link to a character device, not a regular file`);
  });

  it('refuses a dangling link with a manifest name (a manifest that is missing is not a pass)', async () => {
    const { m } = estate();
    fs.symlinkSync('gone.yaml', path.join(m, 'link.yaml'));
    const { code, stdout } = await runCli(['check', '--as-of', '2026-11-28', m]);
    expect(code).toBe(2);
    expect(stdout).toContain(`${m}/link.yaml\n  1:1  error  is a symbolic link to gone.yaml, which does not exist  source/unreadable`);
  });
});

describe('a file named on the command line must resolve to a regular file', () => {
  it('refuses a FIFO named explicitly, at once', async () => {
    const dir = tmpDir();
    mkfifo(path.join(dir, 'pipe.yaml'));
    const { code, stdout } = await runCli(['check', '--as-of', '2026-11-28', path.join(dir, 'pipe.yaml')]);
    expect(code).toBe(2);
    expect(stdout).toContain(`${dir}/pipe.yaml\n  1:1  error  is a FIFO (named pipe), expected a regular file  source/unreadable`);
  });

  withDevices('refuses a device named explicitly, and through a link', async () => {
    const dir = tmpDir();
    expect(mknod(path.join(dir, 'zero'), 5)).toBe(true);
    expect(mknod(path.join(dir, 'zero2'), 5)).toBe(true);
    fs.symlinkSync('zero2', path.join(dir, 'zero.yaml'));
    const { code, stdout } = await runCli(['validate', path.join(dir, 'zero'), path.join(dir, 'zero.yaml')]);
    expect(code).toBe(2);
    expect(stdout).toContain(`${dir}/zero:1:1 is a character device, expected a regular file  [source/unreadable]`);
    expect(stdout).toContain(`${dir}/zero.yaml:1:1 is a character device, expected a regular file  [source/unreadable]`);
  });

  it('reads a link named explicitly that resolves to a regular file', async () => {
    const dir = tmpDir({ 'elsewhere/clean.yaml': clean });
    fs.symlinkSync(path.join(dir, 'elsewhere', 'clean.yaml'), path.join(dir, 'link.yaml'));
    expect((await runCli(['check', '--as-of', '2026-11-28', path.join(dir, 'link.yaml')])).code).toBe(0);
  });

  it('says that "-" (stdin) is not read', async () => {
    const { code, stdout } = await runCli(['validate', '-']);
    expect(code).toBe(2);
    expect(stdout).toContain('-:1:1 cannot read: no such file or directory (dfft reads manifests from files only, not from standard input)');
  });
});

describe('every other file the CLI reads is a bounded regular file', () => {
  const policy = 'policyVersion: 1\nextends: ["dfft:eu-gdpr"]\n';
  it.each([
    ['--waivers', (f: string) => ['check', '--waivers', f]],
    ['--baseline', (f: string) => ['check', '--baseline', f]],
    ['--policy', (f: string) => ['check', '--policy', f]],
    ['rules --policy', (f: string) => ['rules', '--policy', f]],
    ['dfft test', (f: string) => ['test', f]],
    ['import fides --party-countries', (f: string) => ['import', 'fides', path.join(root, 'test', 'fixtures', 'fides', 'samples'), '--party-countries', f]],
  ])('%s naming a FIFO is refused at once, exit 2', async (_name, args) => {
    const dir = tmpDir({ 'm/clean.yaml': clean });
    const fifo = path.join(dir, 'pipe.yaml');
    mkfifo(fifo);
    const { code, stdout, stderr } = await runCli([...args(fifo), path.join(dir, 'm')]);
    expect(code).toBe(2);
    expect(stdout + stderr).toContain(`${fifo}:1:1 is a FIFO (named pipe), expected a regular file`);
  });

  it('dfft test walks a folder as check does: a FIFO is skipped, a link out of the folder refused unread', async () => {
    const { dir, m } = estate();
    fs.unlinkSync(path.join(m, 'clean.yaml'));
    mkfifo(path.join(m, 'pipe.yaml'));
    fs.symlinkSync(path.join(dir, 'secret.yaml'), path.join(m, 'passwd.test.yaml'));
    const { code, stdout, stderr } = await runCli(['test', m]);
    expect(code).toBe(2);
    expectNoSecret(stdout, stderr);
    expect(stderr).toContain(`${m}/pipe.yaml:1:1 skipped: a FIFO (named pipe), not a regular file`);
    expect(stderr).toContain(`${m}/passwd.test.yaml:1:1 is a symbolic link to ${fs.realpathSync(path.join(dir, 'secret.yaml'))}, outside ${m}; not read`);
  });

  it('a policy cannot extend through a link out of its folder, nor extend a FIFO', async () => {
    const dir = tmpDir({ 'outside.yaml': secretText, 'p/policy.yaml': 'policyVersion: 1\nextends: ["dfft:eu-gdpr", "./inner/base.yaml", "./pipe.yaml"]\n', 'm/clean.yaml': clean });
    fs.mkdirSync(path.join(dir, 'p', 'inner'));
    fs.symlinkSync('../../outside.yaml', path.join(dir, 'p', 'inner', 'base.yaml'));
    mkfifo(path.join(dir, 'p', 'pipe.yaml'));
    const { code, stdout, stderr } = await runCli(['check', '--policy', path.join(dir, 'p', 'policy.yaml'), path.join(dir, 'm')]);
    expect(code).toBe(2);
    expectNoSecret(stdout, stderr);
    expect(stderr).toContain(`${dir}/p/policy.yaml:2:27 extends "./inner/base.yaml" leads to ${fs.realpathSync(path.join(dir, 'outside.yaml'))} through a symbolic link, outside the folder of policy.yaml; not read`);
    expect(stderr).toContain(`${dir}/p/policy.yaml:2:48 is a FIFO (named pipe), expected a regular file: ${path.relative(process.cwd(), path.join(dir, 'p', 'pipe.yaml'))}  [policy/extends]`);
  });

  it('a policy named explicitly may be a link (to a regular file)', async () => {
    const dir = tmpDir({ 'real/policy.yaml': policy, 'm/clean.yaml': clean });
    fs.symlinkSync(path.join(dir, 'real', 'policy.yaml'), path.join(dir, 'policy.yaml'));
    expect((await runCli(['check', '--as-of', '2026-11-28', '--policy', path.join(dir, 'policy.yaml'), path.join(dir, 'm')])).code).toBe(0);
  });
});

describe('the size limit holds while reading, not only by stat', () => {
  it('refuses a /proc file named explicitly (its stat size is 0) without showing any of it', async () => {
    if (!fs.existsSync('/proc/self/status')) return;
    const { code, stdout } = await runCli(['validate', '/proc/self/status']);
    expect(code).toBe(2);
    expect(stdout).toContain('/proc/self/status:1:1 the file gives more bytes than its size (a pseudo-file such as those under /proc, or a file being written); not read  [source/unreadable]');
    expect(stdout).not.toContain('VmRSS');
  });
});
