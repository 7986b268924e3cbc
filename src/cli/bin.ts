#!/usr/bin/env node
// The dfft executable: sets the exit code from run(); everything else lives in ./main, loaded
// through ./load-cli (one bundled file, compiled ahead, when the build made it).
import { loadCli } from './load-cli';

const { ignoreClosedPipes, internalErrorText, run } = loadCli();

ignoreClosedPipes();

run(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(internalErrorText(err));
    process.exitCode = 2;
  },
);
