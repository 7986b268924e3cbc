import { run } from '../../src/cli/main';
import type { CliIo } from '../../src/cli/io';

/** Runs the CLI in-process, capturing its output. */
export async function runCli(args: string[], env: Record<string, string | undefined> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    stdoutIsTTY: false,
    stderrIsTTY: false,
    env: { NO_COLOR: '1', ...env },
  };
  const code = await run(args, io);
  return { code, stdout, stderr };
}
