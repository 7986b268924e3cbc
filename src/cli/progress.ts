import type { CliIo } from './io';

/** A progress line on stderr for long work, or nothing. */
export interface Progress {
  update(stage: string, done: number, total: number): void;
  done(): void;
}

const SILENT: Progress = { update: () => undefined, done: () => undefined };

/**
 * Progress on stderr, only for a person at a terminal: never when stderr is piped, with --quiet,
 * or in CI (the CI environment variable). Updates are throttled to ten a second, and the line is
 * erased when the work is done, so that nothing of it stays in the output.
 */
export function createProgress(io: CliIo, quiet: boolean | undefined): Progress {
  if (quiet || !io.stderrIsTTY || (io.env.CI !== undefined && io.env.CI !== '' && io.env.CI !== 'false')) return SILENT;
  let last = 0;
  let shown = false;
  return {
    update(stage, done, total) {
      const now = Date.now();
      if (now - last < 100 && done < total) return;
      last = now;
      shown = true;
      const pct = total > 0 ? Math.floor((100 * done) / total) : 100;
      io.stderr(`\r\x1b[Kdfft: ${stage} ${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')} (${pct}%)`);
    },
    done() {
      if (shown) io.stderr('\r\x1b[K');
      shown = false;
    },
  };
}
