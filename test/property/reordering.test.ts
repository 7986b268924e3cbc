import fc from 'fast-check';
import type { Report } from '../../src/types';
import { asOf, splitWorld, worldArb, type JsonObject, type World } from './support/arbitraries';
import { createCheckers, packChoice, type Checkers, type PackChoice } from './support/checkers';
import { given, inputsOf, type Given } from './support/inputs';
import { assertReport, findingSet, flowSet } from './support/invariants';
import { TIMEOUT, params } from './support/runs';

// Reordering parties, datasets, flows and files never changes the findings.

interface Case {
  packs: PackChoice;
  world: World;
  files: number;
  forms: Given[];
  date: string;
  /** The order in which the files are given. */
  fileOrder: number[];
  /** Sort keys for the parties, datasets and flows of each file: their new order. */
  keys: number[];
}

const reorderCase: fc.Arbitrary<Case> = fc
  .record({
    packs: packChoice,
    // Few parties, many flows: data reaches a party by several routes, which is where an
    // order-dependent choice would show.
    world: worldArb({ maxParties: 4, maxDatasets: 3, maxFlows: 10 }),
    files: fc.integer({ min: 1, max: 3 }),
    forms: fc.array(given, { minLength: 3, maxLength: 3 }),
    date: asOf,
    keys: fc.array(fc.nat(100), { minLength: 40, maxLength: 40 }),
  })
  .chain((c) => fc.shuffledSubarray([...Array(c.files).keys()], { minLength: c.files }).map((fileOrder) => ({ ...c, fileOrder })));

/** A list in the order of its sort keys (ties keep their order). */
function reorder<T>(list: readonly T[], keys: readonly number[], offset: number): T[] {
  return list.map((item, i) => ({ item, key: keys[(offset + i) % keys.length], i })).sort((a, b) => a.key - b.key || a.i - b.i).map((x) => x.item);
}

function reordered(manifest: JsonObject, keys: readonly number[], offset: number): JsonObject {
  const list = (k: string) => (manifest[k] ?? []) as JsonObject[];
  return { ...manifest, parties: reorder(list('parties'), keys, offset), datasets: reorder(list('datasets'), keys, offset + 13), flows: reorder(list('flows'), keys, offset + 27) };
}

/** The report of the manifests as generated, and of the same manifests reordered. */
function bothOrders(checkers: Checkers, c: Case): { original: Report; byFile: Report; shuffled: Report } {
  const checker = checkers[c.packs];
  const manifests = splitWorld(c.world, c.files);
  const before = inputsOf(manifests, c.forms);
  const original = checker.check(before.inputs, { asOf: c.date });
  expect(original.errors).toEqual([]);
  // Same texts, files in another order.
  const byFile = checker.check(c.fileOrder.map((i) => before.inputs[i]), { asOf: c.date });
  // Items reordered inside each file, and the files given in another order.
  const after = inputsOf(manifests.map((m, i) => reordered(m, c.keys, i * 7)), c.forms);
  const shuffled = checker.check(c.fileOrder.map((i) => after.inputs[i]), { asOf: c.date });
  assertReport(shuffled, after.files);
  expect(shuffled.errors).toEqual([]);
  return { original, byFile, shuffled };
}

describe('reordering parties, datasets, flows and files', () => {
  let checkers: Checkers;
  beforeAll(async () => {
    checkers = await createCheckers();
  }, 60_000);

  it('never changes which findings are reported (rule, flow, severity, message), nor verdicts, regimes or bases', () => {
    fc.assert(
      fc.property(reorderCase, (c) => {
        const { original, byFile, shuffled } = bothOrders(checkers, c);
        expect(findingSet(byFile.findings, false)).toEqual(findingSet(original.findings, false));
        expect(flowSet(byFile)).toEqual(flowSet(original));
        expect(findingSet(shuffled.findings, false)).toEqual(findingSet(original.findings, false));
        expect(flowSet(shuffled)).toEqual(flowSet(original));
      }),
      params(200),
    );
  }, TIMEOUT);

  it('never changes the path (chain of flows) or the fingerprint of a finding', () => {
    // The fingerprint is what baselines and waivers match on: moving a flow within its file
    // must not make a known finding look new.
    fc.assert(
      fc.property(reorderCase, (c) => {
        const { original, byFile, shuffled } = bothOrders(checkers, c);
        // Files alone: the findings are sorted by location, so they are the very same list.
        expect(byFile.findings).toEqual(original.findings);
        expect(findingSet(shuffled.findings)).toEqual(findingSet(original.findings));
      }),
      params(200),
    );
  }, TIMEOUT);
});
