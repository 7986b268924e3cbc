import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isOutputOf, tallyOf } from '../../src/cli/watch-check';
import type { Report } from '../../src/index';
import { runCli } from '../support/cli';
import { tmpDir } from '../support/tmp';

const root = path.join(__dirname, '..', '..');
const bin = path.join(root, 'dist', 'cli', 'bin.js');

/** A cap on each wait of the end-to-end test, generous for a loaded machine; no time is asserted. */
const LIMIT_MS = 60_000;
jest.setTimeout(5 * LIMIT_MS);

describe('dfft check --watch: what it refuses', () => {
  it.each([
    [['--shard', '1/2'], '--watch cannot be used with --shard'],
    [['--export-origins', 'origins.json'], '--watch cannot be used with --export-origins'],
    [['-f', 'json'], '--watch shows the text report on stdout, not json'],
  ])('refuses %j as a usage error (exit 2), before reading anything', async (args, message) => {
    const { code, stderr } = await runCli(['check', '--watch', 'examples/manifests', ...args]);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
  });

  it('ends with 2, having watched, when the first run finds a usage error (nothing to check)', async () => {
    const { code, stderr } = await runCli(['check', '--watch']);
    expect(code).toBe(2);
    expect(stderr).toContain('nothing to check');
  });
});

describe('dfft check --watch: its parts', () => {
  it('takes the outputs, the cache and the temporary files they are staged in for its own writes, and nothing else', () => {
    const ignore = isOutputOf(['out/report.sarif', '.dfftcache']);
    expect(ignore('out/report.sarif')).toBe(true);
    expect(ignore(path.resolve('out/report.sarif'))).toBe(true);
    expect(ignore('out/.report.sarif.0123456789abcdef01234567.tmp')).toBe(true);
    expect(ignore('.dfftcache')).toBe(true);
    expect(ignore('..dfftcache.0123456789abcdef01234567.tmp')).toBe(true);
    expect(ignore('out/report.json')).toBe(false);
    expect(ignore('est/.report.sarif.0123456789abcdef01234567.tmp')).toBe(false);
    expect(ignore('out/.a.yaml.0123456789abcdef01234567.tmp')).toBe(false);
  });

  it('tallies findings, and info findings and input errors when there are any', () => {
    const report = (findings: { error: number; warning: number; info: number }, errors: number) => ({ summary: { findings, errors } }) as unknown as Report;
    expect(tallyOf(report({ error: 2, warning: 1, info: 0 }, 0))).toBe('2 errors, 1 warning');
    expect(tallyOf(report({ error: 1, warning: 0, info: 3 }, 1))).toBe('1 error, 0 warnings, 3 info, 1 input error');
  });
});

/** The process's output as it comes, and a wait for text to appear in it after a point. */
function watching(args: string[], cwd: string) {
  const child = spawn(process.execPath, [bin, ...args], { cwd, env: { ...process.env, NO_COLOR: '1', CI: 'true' } });
  const out = { stdout: '', stderr: '' };
  const waiters = new Set<() => void>();
  const wake = (): void => {
    for (const w of [...waiters]) w();
  };
  child.stdout.on('data', (d: Buffer) => {
    out.stdout += d.toString();
    wake();
  });
  child.stderr.on('data', (d: Buffer) => {
    out.stderr += d.toString();
    wake();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  /** Resolves once `stream` holds `text` after offset `from`; rejects after LIMIT_MS, showing the output. */
  const waitFor = (stream: 'stdout' | 'stderr', text: string | RegExp, from = 0): Promise<void> => new Promise((resolve, reject) => {
    const check = (): boolean => {
      const rest = out[stream].slice(from);
      if (typeof text === 'string' ? !rest.includes(text) : !text.test(rest)) return false;
      waiters.delete(check);
      clearTimeout(timer);
      resolve();
      return true;
    };
    const timer = setTimeout(() => {
      waiters.delete(check);
      reject(new Error(`no ${String(text)} on ${stream}:\n--- stdout\n${out.stdout}\n--- stderr\n${out.stderr}`));
    }, LIMIT_MS);
    if (!check()) waiters.add(check);
  });
  return { child, out, exited, waitFor };
}

describe('dfft check --watch, as a person runs it', () => {
  beforeAll(() => {
    if (!fs.existsSync(bin)) throw new Error(`${bin} is missing: run npm run build (npm test does)`);
  });

  it('reports, reports again after an edit, keeps the last good run on a broken edit, and exits 0 on Ctrl-C', async () => {
    const dir = tmpDir();
    fs.cpSync(path.join(root, 'examples', 'manifests'), path.join(dir, 'est'), { recursive: true });
    const shop = path.join(dir, 'est', 'clean-eu-shop.yaml');
    const original = fs.readFileSync(shop, 'utf8');
    const reportFile = path.join(dir, 'out', 'report.json');
    const w = watching(['check', '--watch', 'est', '--as-of', '2026-11-28', '-f', 'text', '-f', 'json=out/report.json'], dir);
    try {
      await w.waitFor('stderr', /\] watching 1 path — \d+ errors?, \d+ warnings?\. Ctrl-C to quit\./);
      expect(w.out.stdout).toContain('problems');
      expect(w.out.stdout).not.toContain('support-direct');
      expect(fs.readFileSync(reportFile, 'utf8')).not.toContain('support-direct');

      // A violation added, saved as editors save: another file renamed over the manifest.
      let from = w.out.stderr.length;
      const staged = path.join(dir, 'est', '.clean-eu-shop.yaml.swp');
      fs.writeFileSync(staged, `${original}  - { id: support-direct, from: boutique-fr, to: support-in, datasets: [orders], purposes: [order-fulfilment] }\n`);
      fs.renameSync(staged, shop);
      await w.waitFor('stderr', 'clean-eu-shop.yaml changed; checking again.', from);
      await w.waitFor('stderr', '] watching 1 path — ', from);
      // Only the flows whose inputs changed are judged again: the others come from the run before, held in memory.
      const [, judged, of] = /— \d+ errors?, \d+ warnings? \((\d+) of (\d+) flows judged again\)\. Ctrl-C to quit\./.exec(w.out.stderr.slice(from)) ?? [];
      expect(Number(judged)).toBeGreaterThan(0);
      expect(Number(judged)).toBeLessThan(Number(of) / 2);
      expect(w.out.stdout).toMatch(/error {2}Flow support-direct .*eu-gdpr\/transfer-without-basis/);
      const good = fs.readFileSync(reportFile, 'utf8');
      expect(good).toContain('support-direct');

      // A YAML error mid-edit: its location and the last good run, and the report file left as it was.
      from = w.out.stderr.length;
      fs.appendFileSync(shop, 'oops: [\n');
      await w.waitFor('stderr', 'the report shown is from the last good run at ', from);
      expect(w.out.stderr.slice(from)).toMatch(/est\/clean-eu-shop\.yaml:\d+:\d+ invalid YAML: .*\[source\/syntax\]/);
      expect(w.out.stderr.slice(from)).toMatch(/\] 1 input error in est\/clean-eu-shop\.yaml — the report shown is from the last good run at \d\d:\d\d:\d\d; no output was rewritten\./);
      expect(fs.readFileSync(reportFile, 'utf8')).toBe(good);

      w.child.kill('SIGINT');
      const { code, signal } = await w.exited;
      expect({ code, signal }).toEqual({ code: 0, signal: null });
      expect(w.out.stderr).not.toMatch(/internal error|\n\s+at /);
    } finally {
      if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill('SIGKILL');
    }
  });

  it('ends on SIGTERM with 0 too, and leaves no watcher or timer holding the process', async () => {
    const dir = tmpDir({ 'est/a.yaml': 'manifestVersion: 1\nsystem: { id: a }\n' });
    const w = watching(['check', '--watch', 'est', '--as-of', '2026-11-28'], dir);
    try {
      await w.waitFor('stderr', '] watching 1 path — 0 errors, 0 warnings. Ctrl-C to quit.');
      // A change whose debounce timer is pending when the signal comes must not hold the process.
      fs.appendFileSync(path.join(dir, 'est', 'a.yaml'), '# edited\n');
      w.child.kill('SIGTERM');
      expect(await w.exited).toEqual({ code: 0, signal: null });
    } finally {
      if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill('SIGKILL');
    }
  });
});
