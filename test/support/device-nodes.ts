import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { tmpDir } from './tmp';

/** A character device made in `dir` (major 1: 3 is null, 7 is full), or undefined when mknod is not permitted. */
export function mknod(dir: string, name: string, minor: number): string | undefined {
  const file = path.join(dir, name);
  const made = spawnSync('mknod', [file, 'c', '1', String(minor)], { encoding: 'utf8' });
  return made.status === 0 ? file : undefined;
}

/**
 * `it` when this process may make device nodes (root, or CAP_MKNOD), else `it.skip` with a loud
 * warning; in CI a test that cannot run is an error, never a silent skip.
 */
export function itWithDevices(what: string): jest.It {
  if (mknod(tmpDir(), 'probe', 3) !== undefined) return it;
  if (process.env.CI) throw new Error(`mknod failed: ${what} cannot run (run CI as root, or with CAP_MKNOD)`);
  console.warn(`\n\n*** SKIPPING ${what}: mknod is not permitted here (not root). CI must run it. ***\n\n`);
  return it.skip;
}
