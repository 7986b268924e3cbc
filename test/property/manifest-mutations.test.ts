import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import type { Report } from '../../src/types';
import { runCli } from '../support/cli';
import { tmpDir } from '../support/tmp';
import { fileName, format, safeJsonValue, splitWorld, worldArb, type Format, type JsonObject, type World } from './support/arbitraries';
import { createCheckers, packChoice, type Checkers } from './support/checkers';
import { assertJudged, assertNoLeak, assertReport, InvariantError, type InputFile } from './support/invariants';
import { mutateText, mutateTree, textMutation, treeMutation, type TextMutation, type TreeMutation } from './support/mutations';
import { TIMEOUT, params } from './support/runs';
import { serialize } from './support/serialize';

// Random mutations of valid manifests always give a report or located input errors
// with exit 2: never an uncaught exception, a stack trace, or exit 0 with a flow left unjudged.

interface Case {
  world: World;
  files: number;
  formats: Format[];
  /** Changes to the parsed manifests, each in one file (taken modulo the number of files). */
  tree: Array<{ file: number; mutation: TreeMutation }>;
  /** Damage to the written text of one file. */
  text: ReadonlyArray<{ file: number; mutation: TextMutation }>;
}

const mutatedCase: fc.Arbitrary<Case> = fc.record({
  world: worldArb({ maxParties: 4, maxDatasets: 3, maxFlows: 5 }),
  files: fc.integer({ min: 1, max: 3 }),
  formats: fc.array(format, { minLength: 3, maxLength: 3 }),
  tree: fc.array(fc.record({ file: fc.nat(2), mutation: treeMutation }), { minLength: 1, maxLength: 3 }),
  text: fc.oneof({ arbitrary: fc.constant([]), weight: 3 }, { arbitrary: fc.array(fc.record({ file: fc.nat(2), mutation: textMutation }), { minLength: 1, maxLength: 2 }), weight: 1 }),
});

/** The manifest files of a case, mutated and written. */
function filesOf(c: Case, dir = ''): InputFile[] {
  const manifests: unknown[] = splitWorld(c.world, c.files);
  for (const { file, mutation } of c.tree) manifests[file % c.files] = mutateTree(manifests[file % c.files], mutation);
  const texts = manifests.map((m, i) => (m === undefined ? '' : serialize(m, c.formats[i])));
  for (const { file, mutation } of c.text) texts[file % c.files] = mutateText(texts[file % c.files], mutation);
  return texts.map((text, i) => ({ file: path.join(dir, fileName(i, c.formats[i])), text }));
}

function assertNoPollution(): void {
  const probe = {} as Record<string, unknown>;
  if (probe.polluted !== undefined || Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted')) {
    throw new InvariantError('Object.prototype was polluted by a manifest');
  }
}

describe('mutated manifests', () => {
  let checkers: Checkers;
  beforeAll(async () => {
    checkers = await createCheckers();
  }, 60_000);

  it('give a report whose input errors are located (exit 2), or judge every flow: never an exception', () => {
    fc.assert(
      fc.property(mutatedCase, packChoice, (c, packs) => {
        const checker = checkers[packs];
        const files = filesOf(c);
        let report: Report;
        try {
          report = checker.check(files);
        } catch (err) {
          throw new InvariantError(`check threw instead of reporting input errors: ${err instanceof Error ? err.stack : String(err)}`);
        }
        assertReport(report, files);
        assertJudged(report, files);
        assertNoPollution();
      }),
      params(500),
    );
  }, TIMEOUT);

  it('keep their meaning when only x- fields are added (the schema ignores them)', () => {
    // A control for the property above: a mutation that must NOT be an error is not one.
    fc.assert(
      fc.property(worldArb({ maxFlows: 4 }), safeJsonValue, format, (w, value, fmt) => {
        const checker = checkers.default;
        const [m] = splitWorld(w, 1);
        const before = checker.check([{ file: fileName(0, fmt), text: serialize(m, fmt) }]);
        const withExtensions = JSON.parse(JSON.stringify(m)) as JsonObject;
        withExtensions['x-added'] = value;
        for (const f of withExtensions.flows as JsonObject[]) f['x-added'] = value;
        const after = checker.check([{ file: fileName(0, fmt), text: serialize(withExtensions, fmt) }]);
        expect(after.errors).toEqual([]);
        expect(after.findings.map((f) => [f.ruleId, f.flowId, f.message])).toEqual(before.findings.map((f) => [f.ruleId, f.flowId, f.message]));
      }),
      params(50),
    );
  }, TIMEOUT);

  it('through the CLI: exit 0, 1 or 2 as the report says, located errors, no stack trace', async () => {
    const dir = tmpDir();
    let run = 0;
    await fc.assert(
      fc.asyncProperty(mutatedCase, async (c) => {
        const runDir = path.join(dir, String(run++));
        const files = filesOf(c, runDir);
        for (const f of files) {
          fs.mkdirSync(path.dirname(f.file), { recursive: true });
          fs.writeFileSync(f.file, f.text);
        }
        const { code, stdout, stderr } = await runCli(['check', '--as-of', '2026-11-28', '--format', 'json', ...files.map((f) => f.file)]);
        fs.rmSync(runDir, { recursive: true, force: true });
        if (![0, 1, 2].includes(code)) throw new InvariantError(`exit code ${code}`);
        assertNoLeak(stderr, 'stderr');
        if (/internal error/i.test(stderr)) throw new InvariantError(`internal error: ${stderr}`);
        let report: Report;
        try {
          report = JSON.parse(stdout) as Report;
        } catch {
          throw new InvariantError(`exit ${code} without a JSON report on stdout\nstdout: ${stdout.slice(0, 2000)}\nstderr: ${stderr.slice(0, 2000)}`);
        }
        assertReport(report, files);
        assertJudged(report, files);
        const expected = report.errors.length > 0 ? 2 : report.findings.some((f) => f.severity === 'error') ? 1 : 0;
        if (code !== expected) throw new InvariantError(`exit ${code}, but the report says ${expected}`);
      }),
      params(40),
    );
  }, TIMEOUT);
});
