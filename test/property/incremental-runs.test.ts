import fc from 'fast-check';
import { runWithChecker, type RunWithCheckerOptions } from '../../src/library/run';
import { createResultCache, type ResultCache } from '../../src/library/cache/result-cache';
import { mergeReports } from '../../src/report/merge-reports';
import type { Report } from '../../src/types';
import type { ManifestInput } from '../../src/library/checker';
import { asOf, changedWorldArb, manifestOf, splitWorld, worldArb, type JsonObject, type World } from './support/arbitraries';
import { createCheckers, packChoice, type Checkers, type PackChoice } from './support/checkers';
import { given, inputsOf, type Given } from './support/inputs';
import { treeMutation, mutateTree, type TreeMutation } from './support/mutations';
import { REPLAY, TIMEOUT, params } from './support/runs';
import { serialize } from './support/serialize';

// What makes a run cheaper must never change what it reports: a run with the result cache of an
// earlier run (whatever changed in between) gives the report of a run without it, and the shards
// of a run, merged, give the report of the whole run.

interface Run {
  /** The part of the estate that changes between the runs. */
  world: World;
  /** How many files it is spread over, or one file per flow after one of parties and datasets. */
  files: number | 'per-flow';
  date: string;
  lang: 'en' | 'ja';
  /**
   * Under a depth limit some manifests exceed (SHALLOW): those fail to load. A cache keeps the
   * scan of a JSON file with the limit it passed, and may reuse it only under one as large.
   */
  shallow: boolean;
}

interface IncrementalCase {
  packs: PackChoice;
  before: Run;
  after: Run;
  /**
   * A part of the estate that does not change and shares no id with the other (its files come
   * first, so their names stay the same): the second run must reuse its flows.
   */
  still: World;
  stillFiles: number;
  forms: Given[];
  /** Damage to one changing file of the second run (a file that fails to load, or a dangling reference). */
  damage?: { file: number; mutation: TreeMutation };
  /** The second run judges only this shard. */
  shard?: { index: number; count: number };
}

/** A depth limit below what manifests with nested mechanisms or certifications reach, above the rest. */
const SHALLOW = 5;

const lang = fc.oneof({ arbitrary: fc.constant('en' as const), weight: 4 }, { arbitrary: fc.constant('ja' as const), weight: 1 });

const layout = fc.oneof<fc.Arbitrary<number | 'per-flow'>[]>(fc.integer({ min: 1, max: 6 }), fc.constant('per-flow' as const));

/** Another value for the second run now and then; null (the same as the first run's) mostly. */
function sometimes<T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | null> {
  return fc.oneof({ arbitrary: fc.constant(null), weight: 5 }, { arbitrary: arb, weight: 1 });
}

const incrementalCase: fc.Arbitrary<IncrementalCase> = fc
  .record({
    packs: packChoice,
    // Few parties, several flows across files: chains, origins and counterparties cross files.
    worlds: changedWorldArb({ prefix: 'a-', maxParties: 4, maxDatasets: 3, maxFlows: 8 }),
    still: worldArb({ prefix: 'b-', maxParties: 3, maxDatasets: 2, maxFlows: 5 }),
    stillFiles: fc.integer({ min: 1, max: 2 }),
    // One file per flow: an edit of a flow changes its file alone, and reaches the flows of other
    // files only through what they read across files (origins, chains, the exporter's flows).
    files: fc.tuple(layout, sometimes(layout)),
    dates: fc.tuple(asOf, sometimes(asOf)),
    langs: fc.tuple(lang, sometimes(lang)),
    shallow: fc.tuple(fc.boolean(), sometimes(fc.boolean())),
    forms: fc.array(given, { minLength: 10, maxLength: 10 }),
    damage: sometimes(fc.record({ file: fc.nat(7), mutation: treeMutation })),
    shard: sometimes(fc.integer({ min: 1, max: 3 }).chain((count) => fc.record({ index: fc.integer({ min: 1, max: count }), count: fc.constant(count) }))),
  })
  .map(({ packs, worlds, still, stillFiles, files, dates, langs, shallow, forms, damage, shard }) => ({
    packs,
    // Mostly the same date, language and files: the case of a CI job run again after a commit.
    before: { world: worlds.before, files: files[0], date: dates[0], lang: langs[0], shallow: shallow[0] },
    after: { world: worlds.after, files: files[1] ?? files[0], date: dates[1] ?? dates[0], lang: langs[1] ?? langs[0], shallow: shallow[1] ?? shallow[0] },
    still,
    stillFiles,
    forms,
    ...(damage ? { damage } : {}),
    ...(shard ? { shard } : {}),
  }));

/** The files of a run: the part that stays the same, then the part that changes. */
function inputs(c: IncrementalCase, run: Run, damage?: IncrementalCase['damage']): ManifestInput[] {
  if (run.files === 'per-flow') {
    const still = inputsOf(splitWorld(c.still, c.stillFiles), c.forms).inputs;
    const { parties, datasets, flows } = run.world;
    const manifests = [
      { file: 'changing/registry.yaml', manifest: manifestOf('registry', { parties: parties.map((p) => p.value), datasets: datasets.map((d) => d.value), flows: [] }) },
      // Named by the flow's id, so that a flow dropped or added renames no other file.
      ...flows.map((f) => ({ file: `changing/flow-${String(f.value.id)}.json`, manifest: manifestOf(`system-${String(f.value.id)}`, { parties: [], datasets: [], flows: [f.value] }) })),
    ];
    if (damage) {
      const hit = manifests[damage.file % manifests.length];
      hit.manifest = mutateTree(hit.manifest, damage.mutation) as JsonObject;
    }
    return [...still, ...manifests.map(({ file, manifest }) => ({ file, text: serialize(manifest, file.endsWith('.json') ? 'json' : 'yaml') }))];
  }
  const changing = splitWorld(run.world, run.files);
  if (damage) changing[damage.file % run.files] = mutateTree(changing[damage.file % run.files], damage.mutation) as JsonObject;
  return inputsOf([...splitWorld(c.still, c.stillFiles), ...changing], c.forms).inputs;
}

/** The cache as the next run reads it: written to its text and loaded again. */
function reloaded(cache: ResultCache): ResultCache {
  const next = createResultCache();
  const warning = next.load(cache.serialise());
  if (warning !== undefined) throw new Error(`a cache written by this run does not load: ${warning}`);
  return next;
}

const text = (report: Report): string => JSON.stringify(report);

describe('runs made cheaper report what a whole, uncached run reports', () => {
  let checkers: Checkers;
  let shallowCheckers: Checkers;
  beforeAll(async () => {
    checkers = await createCheckers();
    shallowCheckers = await createCheckers({ maxDepth: SHALLOW });
  }, 60_000);
  const checkerOf = (c: IncrementalCase, run: Run) => (run.shallow ? shallowCheckers : checkers)[c.packs];

  it('a run with the cache of an earlier run, whatever changed between them', () => {
    let partly = 0;
    let tooDeep = 0;
    fc.assert(
      fc.property(incrementalCase, (c) => {
        const checker = checkerOf(c, c.after);
        const first = createResultCache();
        runWithChecker(checkerOf(c, c.before), inputs(c, c.before), { asOf: c.before.date, lang: c.before.lang, cache: first });
        const second = inputs(c, c.after, c.damage);
        const options: RunWithCheckerOptions = { asOf: c.after.date, lang: c.after.lang, ...(c.shard ? { shard: c.shard } : {}) };
        const uncached = runWithChecker(checker, second, options).report;
        const cache = reloaded(first);
        const cached = runWithChecker(checker, second, { ...options, cache }).report;
        expect(text(cached)).toBe(text(uncached));
        expect(cache.stats.reused + cache.stats.evaluated).toBe(uncached.flows.length);
        if (uncached.errors.some((e) => e.message.startsWith('nested deeper than'))) tooDeep++;
        // The flows of the part that did not change are reused, on the same date in the same language.
        if (c.after.date === c.before.date && c.after.lang === c.before.lang && c.after.shallow === c.before.shallow) {
          const still = uncached.flows.filter((f) => f.id.startsWith('b-')).length;
          expect(cache.stats.reused).toBeGreaterThanOrEqual(still);
          if (still > 0 && cache.stats.evaluated > 0) partly++;
        }

        // The same files again: every flow is reused, and the report is the same.
        const again = reloaded(cache);
        const third = runWithChecker(checker, second, { ...options, cache: again }).report;
        expect(again.stats).toEqual({ reused: uncached.flows.length, evaluated: 0 });
        expect(text(third)).toBe(text(uncached));
      }),
      params(120),
    );
    // Runs where part of the estate is reused and part judged again: the case the cache is for.
    if (!REPLAY) expect(partly).toBeGreaterThan(15);
    // Runs where the depth limit left manifests out, some of them scanned under another limit before.
    if (!REPLAY) expect(tooDeep).toBeGreaterThan(10);
  }, TIMEOUT);

  it('the shards of a run, merged', () => {
    fc.assert(
      fc.property(
        fc.record({ packs: packChoice, world: worldArb({ maxParties: 4, maxDatasets: 3, maxFlows: 10 }), files: fc.integer({ min: 1, max: 4 }), forms: fc.array(given, { minLength: 4, maxLength: 4 }), date: asOf, count: fc.integer({ min: 1, max: 5 }), lang }),
        ({ packs, world, files, forms, date, count, lang: language }) => {
          const checker = checkers[packs];
          const given = inputsOf(splitWorld(world, files), forms).inputs;
          const whole = runWithChecker(checker, given, { asOf: date, lang: language }).report;
          const shards = Array.from({ length: count }, (_, i) => runWithChecker(checker, given, { asOf: date, lang: language, shard: { index: i + 1, count } }).report);
          expect(shards.reduce((n, r) => n + r.flows.length, 0)).toBe(whole.flows.length);
          const merged = mergeReports(shards.reverse());
          if (!merged.ok) throw new Error(`the shards do not merge: ${merged.diagnostics.map((d) => d.message).join('; ')}`);
          expect(text(merged.value)).toBe(text(whole));
        },
      ),
      params(80),
    );
  }, TIMEOUT);
});
