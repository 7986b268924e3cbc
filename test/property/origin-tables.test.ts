import fc from 'fast-check';
import { runWithChecker } from '../../src/library/run';
import { formatOrigins, parseOriginsFile, type OriginImport } from '../../src/library/origin-table-file';
import type { Report } from '../../src/types';
import { asOf, manifestOf, worldArb, type JsonObject, type World } from './support/arbitraries';
import { createCheckers, packChoice, type Checkers } from './support/checkers';
import { REPLAY, TIMEOUT, params } from './support/runs';
import { serialize } from './support/serialize';

// A run that holds only the downstream part of an estate and imports the origin table of the
// upstream part judges its flows as one run of the whole estate does (docs/scale.md).

/**
 * A world cut in two by its parties, in dependency order: upstream flows leave the first `cut`
 * parties for one of them or for the first of the others (the gateway); downstream flows leave the
 * other parties for those of them that no upstream flow brings data to. Every other flow is
 * upstream, whatever parties it was drawn with.
 *
 * A downstream flow into a party where upstream data lands would change what the upstream run
 * exported: the upstream run assumes the party's own country for data no flow of its own brings
 * there, and that assumption reaches, through a dataset derived from it there, the entries of its
 * table (docs/scale.md, "Limits"). Such estates are not in dependency order, and are left out here.
 */
function cutWorld(world: World, cut: number): { upstream: JsonObject[]; downstream: JsonObject[] } {
  const ids = world.parties.map((p) => p.value.id as string);
  const index = new Map(ids.map((id, i) => [id, i]));
  const upstream: JsonObject[] = [];
  const drawn: Array<{ flow: JsonObject; from: number; to: number }> = [];
  world.flows.forEach(({ value: f }, i) => {
    const from = index.get(f.from as string)!;
    const to = index.get(f.to as string)!;
    if (i % 2 === 0) upstream.push({ ...f, from: ids[from % cut], to: ids[Math.min(to, cut)] });
    else drawn.push({ flow: f, from, to });
  });
  const landing = new Set(upstream.map((f) => f.to as string));
  const lower = ids.slice(cut);
  const targets = lower.filter((id) => !landing.has(id));
  const downstream = targets.length === 0 ? [] : drawn.map(({ flow, from, to }) => ({ ...flow, from: lower[from % lower.length], to: targets[to % targets.length] }));
  return { upstream, downstream };
}

/**
 * The parties with countries where data's origin decides (EU and Japanese data upstream, Japan and
 * third countries downstream), as declared otherwise; a region would no longer match the country.
 */
function steered(world: World, cut: number): World {
  const countries = [['DE', 'FR', 'JP'], ['JP', 'US', 'CN', 'JP', 'GB']];
  const parties = world.parties.map((p, i) => {
    const { region: _region, ...rest } = p.value;
    const tier = countries[i < cut ? 0 : 1];
    return { ...p, value: { ...rest, country: tier[i % tier.length] } };
  });
  return { ...world, parties };
}

const text = (manifest: JsonObject, file: string) => ({ file, text: serialize(manifest, 'yaml') });

describe('an origin table imported from the upstream part of an estate', () => {
  let checkers: Checkers;
  beforeAll(async () => {
    checkers = await createCheckers();
  }, 60_000);

  it('gives the downstream flows the results and findings of one run of the whole estate', () => {
    let mattered = 0;
    fc.assert(
      fc.property(
        fc.record({ packs: packChoice, world: worldArb({ maxParties: 5, maxDatasets: 3, maxFlows: 12 }), cut: fc.nat(4), steer: fc.boolean(), date: asOf }),
        ({ packs, world: drawn, cut: at, steer, date }) => {
          // Upstream parties, the gateway, and at least one party further down.
          fc.pre(drawn.parties.length > 2);
          const checker = checkers[packs];
          const cut = 1 + (at % (drawn.parties.length - 2));
          const world = steer ? steered(drawn, cut) : drawn;
          const { upstream, downstream } = cutWorld(world, cut);
          const registry = text(manifestOf('registry', { parties: world.parties.map((p) => p.value), datasets: world.datasets.map((d) => d.value), flows: [] }), 'registry.yaml');
          const a = text(manifestOf('upstream', { parties: [], datasets: [], flows: upstream }), 'a.yaml');
          const b = text(manifestOf('downstream', { parties: [], datasets: [], flows: downstream }), 'b.yaml');
          const whole = runWithChecker(checker, [registry, a, b], { asOf: date }).report;
          fc.pre(whole.errors.length === 0);
          const exported = runWithChecker(checker, [registry, a], { asOf: date, exportOrigins: true }).origins;
          if (exported === undefined) throw new Error('a run without input errors exported no table');
          const parsed = parseOriginsFile('a-origins.json', formatOrigins(exported));
          if (!parsed.ok) throw new Error(`the exported table does not read back: ${parsed.diagnostics.map((d) => d.message).join('; ')}`);
          const imported: OriginImport = parsed.value;
          const withTable = runWithChecker(checker, [registry, b], { asOf: date, importOrigins: [imported] }).report;
          expect(withTable.errors).toEqual([]);
          const ids = new Set(downstream.map((f) => f.id as string));
          const ofDownstream = (r: Report) => ({ flows: r.flows.filter((f) => ids.has(f.id)), findings: r.findings.filter((f) => ids.has(f.flowId)) });
          // Paths and fingerprints included: where several upstream flows bring the data to a
          // party, a rule tracing a country group's data follows the chain the table recorded for
          // that group (groupChains), as one run follows that group's flow.
          expect(ofDownstream(withTable)).toEqual(ofDownstream(whole));
          const alone = runWithChecker(checker, [registry, b], { asOf: date }).report;
          if (JSON.stringify(ofDownstream(alone)) !== JSON.stringify(ofDownstream(withTable))) mattered++;
        },
      ),
      params(200),
    );
    // Cases where the downstream part judged alone gets other results: what the table is for.
    if (!REPLAY) expect(mattered).toBeGreaterThan(30);
  }, TIMEOUT);
});
