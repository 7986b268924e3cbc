// No import of the library here: `dfft --version` and `--help` load only this and commander.
import type { Writable } from 'node:stream';

/** What the CLI talks to, so tests can run it in-process. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /**
   * Writes one piece of a long output (a report) to stdout and resolves when stdout can take
   * more, so that a slow reader holds dfft back rather than dfft holding the output in memory.
   * Resolves false when the reader has gone away (a closed pipe), so that the rest is not made.
   * Optional: without it the pieces go to `stdout`, as in-process tests capture them.
   */
  writeStdout?(text: string): Promise<boolean>;
  /** Whether stdout is a terminal (colour). */
  stdoutIsTTY: boolean;
  /** Whether stderr is a terminal (progress). */
  stderrIsTTY: boolean;
  env: Record<string, string | undefined>;
  /**
   * Calls `handler` on SIGINT and SIGTERM (Ctrl-C, a supervisor's stop) until the returned
   * function is called; while subscribed, those signals do not end the process. Optional: without
   * it, `dfft check --watch` listens to the process's signals itself.
   */
  onInterrupt?(handler: () => void): () => void;
}

export function processIo(): CliIo {
  return {
    stdout: (t) => process.stdout.write(t),
    writeStdout: (t) => writeWithBackpressure(process.stdout, t),
    stderr: (t) => process.stderr.write(t),
    stdoutIsTTY: Boolean(process.stdout.isTTY),
    stderrIsTTY: Boolean(process.stderr.isTTY),
    env: process.env,
    onInterrupt: onProcessInterrupt,
  };
}

/** {@link CliIo.onInterrupt} for this process: SIGINT and SIGTERM. */
export function onProcessInterrupt(handler: () => void): () => void {
  const listener = (): void => handler();
  process.on('SIGINT', listener);
  process.on('SIGTERM', listener);
  return () => {
    process.off('SIGINT', listener);
    process.off('SIGTERM', listener);
  };
}

/** Colour on a terminal unless NO_COLOR is set (https://no-color.org); FORCE_COLOR forces it. */
export function wantsColor(io: CliIo, flag: boolean | undefined): boolean {
  if (flag !== undefined) return flag;
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '') return false;
  if (io.env.FORCE_COLOR !== undefined && io.env.FORCE_COLOR !== '0') return true;
  return io.stdoutIsTTY;
}

/**
 * Writes to a stream and resolves once the stream is ready for more (at once while its buffer is
 * under its high-water mark, else on 'drain'): true, or false when the reader has gone away (a
 * closed pipe: `dfft check | head`), which is not an error of the run, so the rest need not be
 * made. Rejects on any other error of the stream.
 */
export function writeWithBackpressure(stream: Writable, text: string): Promise<boolean> {
  if (stream.destroyed || stream.writableEnded) return Promise.resolve(false);
  if (stream.write(text)) return Promise.resolve(true);
  return new Promise((resolve, reject) => {
    const settle = (outcome: boolean | Error): void => {
      stream.off('drain', onDrain);
      stream.off('error', onError);
      stream.off('close', onClose);
      if (outcome instanceof Error) reject(outcome);
      else resolve(outcome);
    };
    const onDrain = (): void => settle(true);
    const onError = (err: NodeJS.ErrnoException): void => settle(err.code === 'EPIPE' || err.code === 'ERR_STREAM_DESTROYED' ? false : err);
    const onClose = (): void => settle(false);
    stream.on('drain', onDrain);
    stream.on('error', onError);
    stream.on('close', onClose);
  });
}

/**
 * A reader that goes away (`dfft check | head`) is not an error of the run: what it no longer
 * reads is dropped, and the exit code stays the run's own. Any other stream error still surfaces.
 */
export function ignoreClosedPipes(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code !== 'EPIPE' && err.code !== 'ERR_STREAM_DESTROYED') throw err;
    });
  }
}

/**
 * What an internal error prints: its stack, and, when it comes from the bundle (whose code is one
 * long line, see load-cli.ts), how to get a stack that names the source files.
 */
export function internalErrorText(err: unknown, file = __filename): string {
  const stack = err instanceof Error ? (err.stack ?? err.message) : String(err);
  const hint = file.endsWith('dfft-cli.js') ? '\n(run it again with DFFT_NO_BUNDLE=1 for a stack that names the source files)' : '';
  return `dfft: internal error: ${stack}${hint}\n`;
}
