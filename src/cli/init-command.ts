import * as fs from 'node:fs';
import * as path from 'node:path';
import { CI_SYSTEMS, describeFsError, describeKind, DiagnosticError, diagnostic, didYouMean, escapeControl, initFiles, pathExists, type CiSystem } from '../index';
import type { CliIo } from './io';
import { OutputError } from './output';

/**
 * `dfft init [dir] [--ci github|gitlab|none]`: writes the starter files; an existing file (of any
 * kind, or a link, even a dangling one) is never overwritten or followed. A `dir` that is not a
 * folder, or a file that cannot be written, is an OutputError (exit 2).
 */
export async function initCommand(dir: string, opts: { ci?: string }, io: CliIo): Promise<number> {
  const ci = ciSystem(opts.ci ?? 'github');
  try {
    const stat = fs.statSync(dir);
    if (!stat.isDirectory()) throw new OutputError(`cannot initialise ${dir}: it is ${describeKind(stat)}, not a folder`);
  } catch (err) {
    if (err instanceof OutputError) throw err;
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw new OutputError(`cannot initialise ${dir}: ${describeFsError(err)}`, { cause: err });
  }
  for (const [name, content] of Object.entries(initFiles(ci))) {
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
  const where = path.resolve(dir) === process.cwd() ? '' : `cd ${escapeControl(dir)} && `;
  io.stdout(`\nNext: describe your flows in dataflows/, then run \`${where}npx dfft check\` (or \`dfft check\` with dfft installed globally; settings in dfft.config.yaml).\n`);
  return 0;
}

function ciSystem(value: string): CiSystem {
  if ((CI_SYSTEMS as readonly string[]).includes(value)) return value as CiSystem;
  const guess = didYouMean(value, CI_SYSTEMS);
  throw new DiagnosticError([diagnostic('argument/invalid', `--ci: unknown CI system "${value}"`, undefined, guess ? `did you mean "${guess}"?` : `expected one of: ${CI_SYSTEMS.join(', ')}`)]);
}
