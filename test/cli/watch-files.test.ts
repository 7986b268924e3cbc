import * as fs from 'node:fs';
import * as path from 'node:path';
import { createFsWatcher } from '../../src/cli/watch-files';
import type { PathWatcher } from '../../src/cli/watch';
import { tmpDir } from '../support/tmp';

// Real folders and fs.watch: each step waits for the change it makes to be reported (a generous
// cap, never a measured time). Events of one folder come in order, so an event that should not be
// reported would come before the one waited for.

const LIMIT_MS = 10_000;
jest.setTimeout(4 * LIMIT_MS);

function recorder() {
  const seen: string[] = [];
  const errors: string[] = [];
  const waiters: Array<() => void> = [];
  const watcher = createFsWatcher((file) => {
    seen.push(file);
    for (const w of waiters.splice(0)) w();
  }, (message) => void errors.push(message));
  /** Resolves once `file` is reported, with what was reported before it since the last wait; rejects after LIMIT_MS. */
  let from = 0;
  const next = (file: string): Promise<string[]> => new Promise((resolve, reject) => {
    const check = (): boolean => {
      const at = seen.indexOf(file, from);
      if (at < 0) return false;
      clearTimeout(timer);
      const before = seen.slice(from, at);
      from = at + 1;
      resolve(before);
      return true;
    };
    const timer = setTimeout(() => reject(new Error(`${file} was not reported; reported: ${seen.slice(from).join(', ')}`)), LIMIT_MS);
    const wait = (): void => {
      if (!check()) waiters.push(wait);
    };
    wait();
  });
  return { watcher, seen, errors, next };
}

let open: PathWatcher | undefined;
afterEach(() => open?.close());

describe('the folder watcher', () => {
  it('sees a file replaced by rename at every save, as editors save (Node 20 recursive watch loses it after the first)', async () => {
    const dir = tmpDir({ 'est/a.yaml': 'one\n' });
    const est = path.join(dir, 'est');
    const r = recorder();
    open = r.watcher;
    r.watcher.watch([{ path: est, accept: (name) => name.endsWith('.yaml') }]);
    for (let i = 0; i < 3; i++) {
      // Written beside the folder, then renamed over the file: only the folder sees the new inode.
      fs.writeFileSync(path.join(dir, `tmp${i}`), `v${i}\n`);
      fs.renameSync(path.join(dir, `tmp${i}`), path.join(est, 'a.yaml'));
      await r.next(path.join(est, 'a.yaml'));
    }
    fs.writeFileSync(path.join(est, 'a.yaml'), 'in place\n');
    await r.next(path.join(est, 'a.yaml'));
    expect(r.errors).toEqual([]);
  });

  it('reports manifests of a folder and its subfolders, not hidden files, other names or node_modules', async () => {
    const dir = tmpDir({ 'est/sub/b.json': '{}', 'est/node_modules/x.yaml': '' });
    const est = path.join(dir, 'est');
    const r = recorder();
    open = r.watcher;
    r.watcher.watch([{ path: est, accept: (name) => /\.(json|ya?ml)$/.test(name) }]);
    fs.writeFileSync(path.join(est, '.a.yaml.swp'), 'swap');
    fs.writeFileSync(path.join(est, 'notes.txt'), 'notes');
    fs.writeFileSync(path.join(est, 'node_modules', 'x.yaml'), 'x');
    fs.writeFileSync(path.join(est, 'a.yaml'), 'a');
    expect(await r.next(path.join(est, 'a.yaml'))).toEqual([]);
    fs.writeFileSync(path.join(est, 'sub', 'b.json'), '{"b":1}');
    await r.next(path.join(est, 'sub', 'b.json'));
  });

  it('sees a folder made after the start once watch is called again (the loop calls it before each run)', async () => {
    const dir = tmpDir({ 'est/a.yaml': '' });
    const est = path.join(dir, 'est');
    const r = recorder();
    open = r.watcher;
    const targets = [{ path: est }];
    r.watcher.watch(targets);
    fs.mkdirSync(path.join(est, 'new'));
    await r.next(path.join(est, 'new'));
    r.watcher.watch(targets);
    fs.writeFileSync(path.join(est, 'new', 'c.yaml'), 'c');
    await r.next(path.join(est, 'new', 'c.yaml'));
  });

  it('watches a file by its folder: removed and made again, and a file that does not exist yet', async () => {
    const dir = tmpDir({ 'policy.yaml': 'p', 'other.yaml': '' });
    const policy = path.join(dir, 'policy.yaml');
    const waivers = path.join(dir, 'later', 'waivers.yaml');
    const r = recorder();
    open = r.watcher;
    const targets = [{ path: policy }, { path: waivers }];
    r.watcher.watch(targets);
    fs.rmSync(policy);
    await r.next(policy);
    fs.writeFileSync(path.join(dir, 'other.yaml'), 'not watched');
    fs.writeFileSync(policy, 'again');
    expect(await r.next(policy)).toEqual([]);
    fs.mkdirSync(path.join(dir, 'later'));
    await r.next(path.join(dir, 'later'));
    r.watcher.watch(targets);
    fs.writeFileSync(waivers, 'w');
    await r.next(waivers);
  });

  it('sees a watched folder removed and made again', async () => {
    const dir = tmpDir();
    const est = path.join(dir, 'est');
    fs.mkdirSync(est);
    const r = recorder();
    open = r.watcher;
    const targets = [{ path: est }];
    r.watcher.watch(targets);
    fs.rmdirSync(est);
    await r.next(est);
    r.watcher.watch(targets);
    fs.mkdirSync(est);
    await r.next(est);
    r.watcher.watch(targets);
    fs.writeFileSync(path.join(est, 'b.yaml'), 'b');
    await r.next(path.join(est, 'b.yaml'));
  });
});
