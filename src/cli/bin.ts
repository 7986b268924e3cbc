#!/usr/bin/env node
// The dfft executable: sets the exit code from run(); everything else lives in ./main.
import { run } from './main';

// A reader that goes away (`dfft check | head`) is not an error of the run: what it no longer
// reads is dropped, and the exit code stays the run's own. Any other stream error still surfaces.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE' && err.code !== 'ERR_STREAM_DESTROYED') throw err;
  });
}

run(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`dfft: internal error: ${(err as Error).stack ?? String(err)}\n`);
    process.exitCode = 2;
  },
);
