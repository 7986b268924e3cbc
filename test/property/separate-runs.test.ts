import fc from 'fast-check';
import { asOf, manifestOf, worldArb, type World } from './support/arbitraries';
import { createCheckers, packChoice, type Checkers } from './support/checkers';
import { given, inputsOf, type Given } from './support/inputs';
import { assertReport } from './support/invariants';
import { TIMEOUT, params } from './support/runs';

// Checking manifests one by one and all together gives the same findings for flows
// that do not cross manifests. Each manifest here is self-contained: its flows name only its own
// parties and datasets (the worlds share no id), so nothing in one can change another's findings.

const PREFIXES = ['crm-', 'hr-', 'shop-'];

const selfContained = fc.record({
  worlds: fc.tuple(...PREFIXES.map((prefix) => worldArb({ prefix, maxParties: 4, maxDatasets: 3, maxFlows: 6 }))),
  count: fc.integer({ min: 2, max: PREFIXES.length }),
  forms: fc.array(given, { minLength: PREFIXES.length, maxLength: PREFIXES.length }),
  date: asOf,
  packs: packChoice,
});

function manifestsOf(worlds: readonly World[], count: number) {
  return worlds.slice(0, count).map((w, i) =>
    manifestOf(`${PREFIXES[i]}system`, { parties: w.parties.map((p) => p.value), datasets: w.datasets.map((d) => d.value), flows: w.flows.map((f) => f.value) }),
  );
}

/** Whole objects (locations included) as a sorted list, to compare regardless of order. */
const asSet = (items: readonly object[]): string[] => items.map((i) => JSON.stringify(i)).sort();

describe('self-contained manifests', () => {
  let checkers: Checkers;
  beforeAll(async () => {
    checkers = await createCheckers();
  }, 60_000);

  it('get the same findings and flow results checked one by one as checked all together', () => {
    fc.assert(
      fc.property(selfContained, ({ worlds, count, forms, date, packs }) => {
        const checker = checkers[packs];
        const { inputs, files } = inputsOf(manifestsOf(worlds, count), forms as Given[]);
        const together = checker.check(inputs, { asOf: date });
        assertReport(together, files);
        expect(together.errors).toEqual([]);
        const alone = inputs.map((input) => checker.check([input], { asOf: date }));
        for (const r of alone) expect(r.errors).toEqual([]);
        // Same file names and texts, so even the locations must agree.
        expect(asSet(together.findings)).toEqual(asSet(alone.flatMap((r) => r.findings)));
        expect(together.flows).toEqual(alone.flatMap((r) => r.flows));
        expect(together.summary.findings).toEqual({
          error: alone.reduce((n, r) => n + r.summary.findings.error, 0),
          warning: alone.reduce((n, r) => n + r.summary.findings.warning, 0),
          info: alone.reduce((n, r) => n + r.summary.findings.info, 0),
        });
      }),
      params(150),
    );
  }, TIMEOUT);
});
