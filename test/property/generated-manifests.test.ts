import fc from 'fast-check';
import { DEFINITIONS, SCHEMA_MECHANISM_TYPES, asOf, manifestExtras, mechanism, splitWorld, worldArb } from './support/arbitraries';
import { createCheckers, packChoice, type Checkers } from './support/checkers';
import { given, inputsOf } from './support/inputs';
import { assertJudged, assertReport } from './support/invariants';
import { SEED, TIMEOUT, params } from './support/runs';

// Manifests generated from the schema never crash the engine, and every flow is judged.

describe('manifests generated from the schema', () => {
  let checkers: Checkers;
  beforeAll(async () => {
    checkers = await createCheckers();
  }, 60_000);

  it('cover every field and mechanism type of the schema (the arbitraries keep up with it)', () => {
    const types = new Set(fc.sample(mechanism, { seed: SEED, numRuns: 2000 }).map((m) => m.type));
    expect([...types].sort()).toEqual([...SCHEMA_MECHANISM_TYPES].sort());
    const seen = { Party: new Set<string>(), Dataset: new Set<string>(), Flow: new Set<string>() };
    for (const w of fc.sample(worldArb(), { seed: SEED, numRuns: 300 })) {
      for (const p of w.parties) Object.keys(p.value).forEach((k) => seen.Party.add(k));
      for (const d of w.datasets) Object.keys(d.value).forEach((k) => seen.Dataset.add(k));
      for (const f of w.flows) Object.keys(f.value).forEach((k) => seen.Flow.add(k));
    }
    for (const kind of ['Party', 'Dataset', 'Flow'] as const) {
      expect([...seen[kind]].filter((k) => !k.startsWith('x-')).sort()).toEqual(Object.keys(DEFINITIONS[kind].properties ?? {}).sort());
    }
  });

  it('are accepted, never crash the engine, and get a verdict for every flow (exit 0 or 1)', () => {
    const world = worldArb();
    fc.assert(
      fc.property(
        world,
        fc.integer({ min: 1, max: 3 }),
        fc.array(given, { minLength: 3, maxLength: 3 }),
        fc.array(manifestExtras, { minLength: 3, maxLength: 3 }),
        asOf,
        packChoice,
        (w, count, forms, extras, date, packs) => {
          const checker = checkers[packs];
          const manifests = splitWorld(w, count, extras);
          const { inputs, files } = inputsOf(manifests, forms);
          const report = checker.check(inputs, { asOf: date });
          // Valid by construction: an input error here is a false alarm on a valid manifest.
          expect(report.errors).toEqual([]);
          assertReport(report, files);
          expect(report.flows.map((f) => f.id).sort()).toEqual(w.flows.map((f) => f.value.id as string).sort());
          assertJudged(report, files);
          // Pure and deterministic: the same inputs give the same report.
          expect(JSON.stringify(checker.check(inputs, { asOf: date }))).toBe(JSON.stringify(report));
        },
      ),
      params(250),
    );
  }, TIMEOUT);
});
