import * as fs from 'node:fs';
import * as path from 'node:path';
import { INIT_FILES } from '../init/templates';
import type { CliIo } from './io';

/** `dfft init [dir]`: writes the starter files; an existing file is never overwritten. */
export async function initCommand(dir: string, io: CliIo): Promise<number> {
  for (const [name, content] of Object.entries(INIT_FILES)) {
    const file = path.join(dir, name);
    if (fs.existsSync(file)) {
      io.stdout(`kept     ${path.relative(process.cwd(), file) || file} (it exists)\n`);
      continue;
    }
    fs.mkdirSync(path.dirname(file), { recursive: true });
    // 'wx': fail rather than overwrite if the file appears meanwhile.
    fs.writeFileSync(file, content, { flag: 'wx' });
    io.stdout(`created  ${path.relative(process.cwd(), file) || file}\n`);
  }
  io.stdout('\nNext: describe your flows in dataflows/, then run `npx dfft check dataflows --policy dfft-policy.yaml`.\n');
  return 0;
}
