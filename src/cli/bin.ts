#!/usr/bin/env node
// The dfft executable: sets the exit code from run(); everything else lives in ./main, loaded
// through ./load-cli (one bundled file, compiled ahead, when the build made it).
import { loadCli } from './load-cli';

const { ignoreClosedPipes, run } = loadCli();

ignoreClosedPipes();

run(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`dfft: internal error: ${(err as Error).stack ?? String(err)}\n`);
    process.exitCode = 2;
  },
);
