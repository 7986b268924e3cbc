import { FORMAT_NAMES, loadPolicy } from '../../src/index';
import { DEFAULT_PACKS } from '../../src/cli/main';
import { runCli } from '../support/cli';

describe('dfft check --help', () => {
  it('names the default packs, as the library applies them', async () => {
    const applied = (await loadPolicy()).packs.map((p) => p.id).sort();
    expect([...DEFAULT_PACKS].sort()).toEqual(applied);
    const { stdout } = await runCli(['check', '--help']);
    expect(stdout.replace(/\s+/g, ' ')).toContain(`replace the default packs (${DEFAULT_PACKS.join(', ')})`);
  });

  it('lists every format', async () => {
    const { stdout } = await runCli(['check', '--help']);
    const help = stdout.replace(/\s+/g, ' ');
    for (const format of FORMAT_NAMES) expect(help).toMatch(new RegExp(`[ :,]${format}[ ,;]`));
  });
});
