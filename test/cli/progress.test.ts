import * as path from 'node:path';
import { run } from '../../src/cli/main';
import type { CliIo } from '../../src/cli/io';

const examples = path.join(__dirname, '..', '..', 'examples', 'manifests');

async function runWith(tty: boolean, env: Record<string, string | undefined>, ...extra: string[]) {
  let stderr = '';
  let stdout = '';
  const io: CliIo = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), stdoutIsTTY: false, stderrIsTTY: tty, env: { NO_COLOR: '1', ...env } };
  const code = await run(['check', '--as-of', '2026-11-28', examples, ...extra], io);
  return { code, stdout, stderr };
}

describe('progress on stderr', () => {
  it('shows progress to a person at a terminal, and erases it when done', async () => {
    const { stderr, stdout } = await runWith(true, {});
    expect(stderr).toMatch(/\r\x1b\[Kdfft: (reading manifests|checking flows) [\d,]+\/[\d,]+ \(\d+%\)/);
    expect(stderr.endsWith('\r\x1b[K')).toBe(true);
    expect(stdout).not.toContain('dfft: checking');
  });

  it.each([
    ['piped', false, {}, []],
    ['--quiet', true, {}, ['--quiet']],
    ['in CI', true, { CI: 'true' }, []],
  ] as const)('shows nothing %s', async (_name, tty, env, extra) => {
    const { stderr } = await runWith(tty, env, ...extra);
    expect(stderr).toBe('');
  });
});
