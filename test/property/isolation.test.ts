import fc from 'fast-check';
import type { Finding, FlowResult, Report } from '../../src/types';
import { asOf, splitWorld, worldArb, type JsonObject, type World } from './support/arbitraries';
import { createCheckers, packChoice, type Checkers } from './support/checkers';
import { given, inputsOf, type Given } from './support/inputs';
import { TIMEOUT, params } from './support/runs';

// A flow's verdict depends only on what connects to it. Caches shared between
// the flows of a run (adequacy by importer and purposes, interned lists and bases, country sets)
// must not let one flow's values leak into another's judgement, whatever the values hold:
// separators, NUL, Unicode, near-duplicate ids. Two properties:
//  - a connected component of the estate (its own manifests) is judged the same alone and with
//    every other component added, locations included;
//  - a flow is judged the same with only the flows its data came through (its origin chain) as
//    with every flow of the estate: other flows to the same importer are no part of its verdict.

/** Prefixes whose ids are near-duplicates (case, separators) yet never equal across components. */
const PREFIXES = ['crm', 'CRM', 'Crm', 'crm:', 'crm.', 'crm-', 'crm0'];

/** Purposes and names made to collide when joined with a separator, or to look alike. */
const ADVERSARIAL_TEXT = [
  'a', 'b', 'a,b', 'a|b', 'a\u0000b', 'a:b', 'a/b', 'a b', 'b,a', 'A', 'a ',
  'criminal-investigation', 'fraud-prevention', 'criminal-investigation,fraud-prevention',
  'criminal-investigation|fraud-prevention', 'Criminal-Investigation', 'criminal investigation',
  'immigration-control', 'immigration-control,analytics', 'analytics', 'public-security',
  'hr', 'hr,', ',', '|', '\u0000', ' ', '市場調査', 'ｃｒｉｍｉｎａｌ', 'e\u0301', 'é',
];
const text = fc.constantFrom(...ADVERSARIAL_TEXT);

/** Purposes that scope carve-outs of adequacy decisions name (Brazil, the UK until 2025). */
const CARVED_OUT = ['criminal-investigation', 'public-security', 'national-defence', 'immigration-control'];

/**
 * The purposes of a world's flows: variations on one pair [x, y], so that flows to one importer
 * often hold [x, y] and the one purpose "x,y" (or "x|y", "x\0y"), which a joined key confuses.
 */
const purposeLists = (count: number): fc.Arbitrary<string[][]> =>
  fc.record({ x: fc.oneof(fc.constantFrom(...CARVED_OUT), text), y: text }).chain(({ x, y }) => {
    const variants: string[][] = [[], [x], [x, y], [y, x], [`${x},${y}`], [`${x}|${y}`], [`${x}\u0000${y}`], [y]];
    const unique = variants.map((v) => [...new Set(v)]);
    return fc.array(fc.oneof({ arbitrary: fc.constantFrom(...unique), weight: 4 }, { arbitrary: fc.uniqueArray(text, { maxLength: 3 }), weight: 1 }), { minLength: count, maxLength: count });
  });

/** Exporters in the EEA; importers where decisions carve purposes out, and their neighbours. */
const exporterCountry = fc.constantFrom('DE', 'FR');
const importerCountry = fc.constantFrom('BR', 'BR', 'BR', 'GB', 'JP', 'US', 'CH', 'DE');

/** A world whose purposes and names are adversarial text. */
function adversarialWorld(prefix: string): fc.Arbitrary<World> {
  return worldArb({ prefix, maxParties: 3, maxDatasets: 3, maxFlows: 5 }).chain((w) =>
    fc.record({
      flowPurposes: purposeLists(w.flows.length),
      datasetPurposes: fc.array(fc.uniqueArray(text, { maxLength: 3 }), { minLength: w.datasets.length, maxLength: w.datasets.length }),
      names: fc.array(text, { minLength: w.parties.length + w.datasets.length, maxLength: w.parties.length + w.datasets.length }),
      countries: fc.tuple(...w.parties.map((_, i) => fc.option(i === 0 ? exporterCountry : importerCountry, { freq: 6 }))),
      // Most flows without mechanisms: then adequacy alone decides, and a leaked one shows.
      bare: fc.array(fc.nat(3), { minLength: w.flows.length, maxLength: w.flows.length }),
      decoys: fc.array(fc.record({ of: fc.nat(), sep: fc.constantFrom(',', '|', '\u0000', ', ', ''), first: fc.boolean() }), { maxLength: 2 }),
    }).map(({ flowPurposes, datasetPurposes, names, countries, bare, decoys }) => {
      const flows = w.flows.map((f, i) => {
        const { mechanisms, ...rest } = f.value;
        const value: JsonObject = { ...rest, ...(bare[i] === 0 && mechanisms !== undefined ? { mechanisms } : {}), purposes: flowPurposes[i] };
        return { ...f, value };
      });
      // A decoy: another flow between the same parties with the same data, whose one purpose is
      // the target's purposes joined by a separator.
      decoys.forEach(({ of, sep, first }, n) => {
        if (flows.length === 0) return;
        const target = flows[of % flows.length];
        // From the first party (most often in the EEA) to the last (most often Brazil).
        target.value.from = w.parties[0].value.id;
        target.value.to = w.parties[w.parties.length - 1].value.id;
        const own = target.value.purposes as string[];
        if (own.length < 2 || !own.some((p) => CARVED_OUT.includes(p))) target.value.purposes = [...new Set([CARVED_OUT[of % CARVED_OUT.length], own[0] ?? 'analytics'])];
        const decoy = { ...target, value: { ...target.value, id: `${prefix}f-decoy${n}`, purposes: [(target.value.purposes as string[]).join(sep)] } };
        if (first) flows.unshift(decoy);
        else flows.push(decoy);
      });
      return {
        parties: w.parties.map((p, i) => ({ ...p, value: { ...p.value, name: names[i], ...(countries[i] ? { country: countries[i] } : {}) } })),
        datasets: w.datasets.map((d, i) => ({ ...d, value: { ...d.value, name: names[w.parties.length + i], purposes: datasetPurposes[i] } })),
        flows,
      };
    }),
  );
}

interface Component {
  manifests: JsonObject[];
}

const estate = fc
  .shuffledSubarray(PREFIXES, { minLength: 2, maxLength: 3 })
  .chain((prefixes) =>
    fc.record({
      components: fc.tuple(...prefixes.map((prefix, c) =>
        fc.record({ world: adversarialWorld(prefix), files: fc.integer({ min: 1, max: 2 }) }).map(({ world, files }): Component => ({
          manifests: splitWorld(world, files).map((m, i) => ({ ...m, system: { id: `${prefix}-system-${c}-${i}` } })),
        })),
      )),
      forms: fc.array(given, { minLength: 6, maxLength: 6 }),
      date: asOf,
      packs: packChoice,
      // Interleave the components' files, so that a component's flows are not judged first.
      order: fc.nat(),
    }),
  );

/** All manifests of the estate, interleaved, each with the component it belongs to. */
function layout(components: readonly Component[], order: number): Array<{ component: number; manifest: JsonObject }> {
  const all = components.flatMap((c, component) => c.manifests.map((manifest) => ({ component, manifest })));
  const out: typeof all = [];
  let i = order % Math.max(1, all.length);
  while (all.length > 0) {
    i %= all.length;
    out.push(all.splice(i, 1)[0]);
    i += order % 3;
  }
  return out;
}

const byId = <T extends { id: string }>(items: readonly T[]): Map<string, T> => new Map(items.map((x) => [x.id, x]));
const findingsOf = (report: Report, flowId: string): Finding[] => report.findings.filter((f) => f.flowId === flowId);
const withoutLocation = ({ location: _l, ...rest }: Finding): Omit<Finding, 'location'> => rest;
const resultWithoutLocation = ({ location: _l, ...rest }: FlowResult): Omit<FlowResult, 'location'> => rest;

/**
 * The flows a flow's judgement may read: itself and, transitively, every flow that brings one of
 * its datasets (or a dataset they derive from) to the party that sends it: the contract's origin;
 * and every flow its exporter sends, which connect to it through the exporter (their datasets and
 * dates make the exporter's cumulative volumes abroad: exporterSubjectsCount, CAC Provisions 2024).
 */
function originClosure(flowId: string, manifests: readonly JsonObject[]): Set<string> {
  const flows = manifests.flatMap((m) => (m.flows ?? []) as JsonObject[]);
  const datasets = new Map(manifests.flatMap((m) => (m.datasets ?? []) as JsonObject[]).map((d) => [d.id as string, d]));
  const into = new Map<string, JsonObject[]>();
  for (const f of flows) into.set(f.to as string, [...(into.get(f.to as string) ?? []), f]);
  const needed = new Set<string>([flowId]);
  const seen = new Set<string>();
  const start = flows.find((f) => f.id === flowId)!;
  for (const f of flows) if (f.from === start.from) needed.add(f.id as string);
  const work: Array<[dataset: string, party: string]> = (start.datasets as string[]).map((d) => [d, start.from as string]);
  while (work.length > 0) {
    const [d, p] = work.pop()!;
    const key = JSON.stringify([d, p]);
    if (seen.has(key)) continue;
    seen.add(key);
    for (const e of (datasets.get(d)?.derivedFrom ?? []) as string[]) work.push([e, p]);
    for (const f of into.get(p) ?? []) {
      if (!(f.datasets as string[]).includes(d)) continue;
      needed.add(f.id as string);
      work.push([d, f.from as string]);
    }
  }
  return needed;
}

describe('a flow is judged on what connects to it, whatever its ids, purposes and names hold', () => {
  let checkers: Checkers;
  beforeAll(async () => {
    checkers = await createCheckers();
  }, 60_000);

  it('each connected component is judged the same alone and with the rest of the estate', () => {
    fc.assert(
      fc.property(estate, ({ components, forms, date, packs, order }) => {
        const checker = checkers[packs];
        const placed = layout(components, order);
        const { inputs } = inputsOf(placed.map((p) => p.manifest), forms as Given[]);
        const together = checker.check(inputs, { asOf: date });
        expect(together.errors).toEqual([]);
        const flows = byId(together.flows);
        components.forEach((_, c) => {
          const alone = checker.check(inputs.filter((_input, i) => placed[i].component === c), { asOf: date });
          expect(alone.errors).toEqual([]);
          for (const flow of alone.flows) {
            expect(flows.get(flow.id)).toEqual(flow);
            expect(findingsOf(together, flow.id)).toEqual(findingsOf(alone, flow.id));
          }
        });
        expect(together.flows.length).toBe(components.reduce((n, c) => n + c.manifests.reduce((k, m) => k + (m.flows as unknown[]).length, 0), 0));
      }),
      params(40),
    );
  }, TIMEOUT);

  it('each flow is judged the same with only the flows of its origin as with every flow', () => {
    fc.assert(
      fc.property(estate, fc.nat(), ({ components, forms, date, packs, order }, pick) => {
        const checker = checkers[packs];
        const manifests = layout(components, order).map((p) => p.manifest);
        const together = checker.check(inputsOf(manifests, forms as Given[]).inputs, { asOf: date });
        expect(together.errors).toEqual([]);
        if (together.flows.length === 0) return;
        // Three flows of the estate, each against a run with only its origin's flows.
        for (let k = 0; k < 3; k++) {
          const flow = together.flows[(pick + k * 7) % together.flows.length];
          const keep = originClosure(flow.id, manifests);
          const pruned = manifests.map((m) => ({ ...m, flows: (m.flows as JsonObject[]).filter((f) => keep.has(f.id as string)) }));
          const alone = checker.check(inputsOf(pruned, forms as Given[]).inputs, { asOf: date });
          expect(alone.errors).toEqual([]);
          // Other flows are gone from the files, so positions differ: compare all but locations.
          expect(resultWithoutLocation(byId(alone.flows).get(flow.id)!)).toEqual(resultWithoutLocation(flow));
          expect(findingsOf(alone, flow.id).map(withoutLocation)).toEqual(findingsOf(together, flow.id).map(withoutLocation));
        }
      }),
      params(40),
    );
  }, TIMEOUT);
});
