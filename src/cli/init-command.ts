import * as fs from 'node:fs';
import * as path from 'node:path';
import { describeFsError, describeKind, escapeControl, INIT_FILES, pathExists } from '../index';
import type { CliIo } from './io';
import { OutputError } from './output';

/**
 * `dfft init [dir]`: writes the starter files; an existing file (of any kind, or a link, even a
 * dangling one) is never overwritten or followed. A `dir` that is not a folder, or a file that
 * cannot be written, is an OutputError (exit 2).
 */
export async function initCommand(dir: string, io: CliIo): Promise<number> {
  try {
    const stat = fs.statSync(dir);
    if (!stat.isDirectory()) throw new OutputError(`cannot initialise ${dir}: it is ${describeKind(stat)}, not a folder`);
  } catch (err) {
    if (err instanceof OutputError) throw err;
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw new OutputError(`cannot initialise ${dir}: ${describeFsError(err)}`, { cause: err });
  }
  for (const [name, content] of Object.entries(INIT_FILES)) {
    const file = path.join(dir, name);
    const shown = escapeControl(path.relative(process.cwd(), file) || file);
    if (pathExists(file)) {
      io.stdout(`kept     ${shown} (it exists)\n`);
      continue;
    }
    try {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      // 'wx': fail rather than overwrite if the file appears meanwhile (O_EXCL follows no link).
      fs.writeFileSync(file, content, { flag: 'wx' });
    } catch (err) {
      throw new OutputError(`cannot write ${file}: ${describeFsError(err)}`, { cause: err });
    }
    io.stdout(`created  ${shown}\n`);
  }
  io.stdout('\nNext: describe your flows in dataflows/, then run `npx dfft check dataflows --policy dfft-policy.yaml`.\n');
  return 0;
}

