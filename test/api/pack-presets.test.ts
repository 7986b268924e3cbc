// `--packs` and `--add-packs` take presets as well as pack ids: `default` (the packs marked
// default: true) and the groups the packs name in `pack.presets`.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createChecker, DiagnosticError } from '../../src/index';
import { builtinPackIds, DEFAULT_PRESET, packPresets } from '../../src/policy/load-policy';
import { RULES_DIR } from '../../src/source/builtin-files';
import { tmpDir } from '../support/tmp';

const AS_OF = '2026-06-01';
const ids = async (options: Parameters<typeof createChecker>[0]): Promise<string[]> => (await createChecker({ asOf: AS_OF, ...options })).policy.packs.map((p) => p.id).sort();

describe('pack presets', () => {
  it('expand default to the packs marked default, alone or with others', async () => {
    const defaults = (packPresets().get(DEFAULT_PRESET) ?? []).sort();
    expect(defaults).toEqual(['eu-gdpr', 'eu-jp-supplementary', 'jp-appi']);
    expect(await ids({ packs: ['default'] })).toEqual(defaults);
    expect(await ids({ packs: ['default', 'ch-fadp'] })).toEqual([...defaults, 'ch-fadp'].sort());
    expect(await ids({ packs: ['uk-gdpr'], addPacks: ['default'] })).toEqual([...defaults, 'uk-gdpr'].sort());
  });

  it('gather the packs that name a preset, and an unknown name gets a suggestion among packs and presets', async () => {
    // A rules folder of its own: the built-in one with two packs in a preset "test-group".
    const dir = tmpDir({});
    fs.cpSync(RULES_DIR, dir, { recursive: true });
    for (const id of ['ch-fadp', 'cn-pipl']) {
      const file = path.join(dir, `${id}.yaml`);
      fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(/^ {2}id: [a-z-]+$/m, '$&\n  presets: [test-group]'));
    }
    expect(packPresets(dir, builtinPackIds(dir)).get('test-group')).toEqual(['ch-fadp', 'cn-pipl']);
    expect(await ids({ rulesDir: dir, packs: ['test-group'] })).toEqual(['ch-fadp', 'cn-pipl']);
    const error = await createChecker({ rulesDir: dir, packs: ['test-grup'], asOf: AS_OF }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DiagnosticError);
    expect((error as DiagnosticError).diagnostics.map((d) => [d.message, d.hint])).toEqual([['unknown rule pack "test-grup"', 'did you mean "test-group"?']]);
  });
});
