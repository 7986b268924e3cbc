// How the benchmark reads a process: its peak RSS, how it ended (exit code, time-out, V8 out of
// memory) and the stderr lines that say why.
import { completed, failure, runNode } from '../../bench/process';

const cwd = process.cwd();

describe('bench process runs', () => {
  it('peak RSS covers memory the process touched', async () => {
    const r = await runNode(['-e', 'Buffer.alloc(300 * 2 ** 20, 1)'], { cwd });
    expect(completed(r)).toBe(true);
    expect(r.peakRssMB).toBeGreaterThanOrEqual(300);
  });

  it('an exit 2 is not a completed check, and its failure quotes stderr', async () => {
    const r = await runNode(['-e', 'console.error("first"); console.error("the reason"); process.exit(2)'], { cwd });
    expect(completed(r)).toBe(false);
    expect(r.code).toBe(2);
    expect(failure(r)).toContain('exit 2');
    expect(failure(r)).toContain('first | the reason');
  });

  it('a process past its time limit is killed and reported as such', async () => {
    const r = await runNode(['-e', 'setInterval(() => {}, 1000)'], { cwd, timeoutSec: 1 });
    expect(r.timedOut).toBe(true);
    expect(completed(r)).toBe(false);
    expect(failure(r, 1)).toContain('did not finish within 1 s');
  });

  it('V8 running out of heap is reported with its own line, not a stack frame', async () => {
    const r = await runNode(['--max-old-space-size=32', '-e', 'const a = []; for (;;) a.push({ x: [1, 2, 3] })'], { cwd });
    expect(completed(r)).toBe(false);
    expect(r.outOfMemory).toBe(true);
    expect(failure(r)).toMatch(/heap out of memory/i);
  });
});
