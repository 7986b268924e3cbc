import * as fs from 'node:fs';
import type { InputError } from '../diagnostics/input-error';
import { codeFrame } from '../report/formatters/code-frame';
import type { CliIo } from './io';

/** Prints input errors (policy or usage problems that stop a run) to stderr, with code frames. */
export function printInputErrors(errors: readonly InputError[], io: CliIo): void {
  for (const e of errors) {
    io.stderr(`${e.format()}  [${e.code}]\n`);
    if (e.location && !e.location.file.startsWith('<')) {
      let text: string | undefined;
      try {
        text = fs.readFileSync(e.location.file, 'utf8');
      } catch {
        text = undefined;
      }
      const frame = codeFrame(e.location, text);
      if (frame) io.stderr(`${frame.split('\n').map((l) => `  ${l}`).join('\n')}\n`);
    }
  }
  io.stderr(`dfft: ${errors.length} input error${errors.length === 1 ? '' : 's'}\n`);
}
