import * as fs from 'node:fs';
import * as path from 'node:path';
import { createChecker } from '../../src/library/checker';
import { RULES_DIR } from '../../src/source/builtin-files';
import { manifest, yamlText } from '../support/helpers';
import { tmpDir } from '../support/tmp';

// A built-in pack outside the run only says whether it would apply to a flow (its appliesWhen), so
// only the variables its appliesWhen reads, directly or through other variables, are compiled.

/** A copy of rules/ whose us-padfa (opt-in) applies through two variables and has a broken one. */
function editedRules(): string {
  const copy = tmpDir();
  fs.cpSync(RULES_DIR, copy, { recursive: true });
  const file = path.join(copy, 'us-padfa.yaml');
  const text = fs.readFileSync(file, 'utf8');
  const edited = text
    .replace(/^( {2}appliesWhen: >-\n)/m, '$1    variables.reachesJapan ||\n')
    .replace(/^variables:\n/m, 'variables:\n  - name: japan\n    expression: \'"JP"\'\n  - name: reachesJapan\n    expression: importer.country == variables.japan && exporter.country == "US"\n  - name: broken\n    expression: importer.countyr == "JP"\n');
  expect(edited).not.toBe(text);
  fs.writeFileSync(file, edited);
  return copy;
}

const world = manifest({
  // Not a data broker: us-padfa's own condition is false, so only the added variables can make it apply.
  parties: [{ id: 'us', country: 'US', dataBroker: false }, { id: 'jp', country: 'JP' }],
  datasets: [{ id: 'd', categories: ['contact'], collectedIn: ['US'] }],
  flows: [{ id: 'us-jp', from: 'us', to: 'jp', datasets: ['d'] }],
});

describe('a built-in pack outside the run', () => {
  const rulesDir = editedRules();

  it('compiles the variables its appliesWhen reads, through other variables, and says it would apply', async () => {
    const checker = await createChecker({ asOf: '2026-11-28', rulesDir });
    const report = checker.check([{ file: 'w.yaml', text: yamlText(world) }]);
    expect(report.flows.find((f) => f.id === 'us-jp')?.wouldApply).toContain('us-padfa');
    // The same flow to Korea: the variables say no, and the pack's own condition too.
    const korea = checker.check([{ file: 'w.yaml', text: yamlText(world).replace('country: JP', 'country: KR') }]);
    expect(korea.flows.find((f) => f.id === 'us-jp')?.wouldApply ?? []).not.toContain('us-padfa');
  });

  it('leaves its other variables alone, which the run that applies it compiles (and here refuses)', async () => {
    await expect(createChecker({ asOf: '2026-11-28', rulesDir, packs: ['us-padfa'] })).rejects.toThrow(/unknown field "countyr"/);
  });
});
