import { OriginTable } from '../../src/resolve/origin';
import { PurposeBindings } from '../../src/resolve/purpose-binding';
import { InternedSets } from '../../src/resolve/interned-sets';
import { resolveModel } from '../../src/resolve/resolve';
import { parseSource } from '../../src/source/parse-source';
import { loadLaw } from '../../src/law/load-law';
import type { DataFlowManifest } from '../../src/types';
import { manifest, yamlText } from '../support/helpers';
import { formatDiagnostic } from '../../src/source/diagnostic';

const law = (() => {
  const l = loadLaw();
  if (!l.ok) throw new Error(l.diagnostics.map((e) => formatDiagnostic(e)).join('\n'));
  return l.value.law;
})();

const EEA = new Set(['DE', 'FR']);

/** The binding at each (dataset, party) as the purposes (sorted), "any" or "unknown". */
function bindingsOf(m: Record<string, unknown>) {
  const parsed = parseSource('m.yaml', yamlText(manifest(m)));
  if (!parsed.ok) throw new Error('parse');
  const { model, errors } = resolveModel([{ source: parsed.value.source, manifest: parsed.value.data as DataFlowManifest }], { taxonomy: law.taxonomy });
  expect(errors.map((e) => formatDiagnostic(e))).toEqual([]);
  const origins = new OriginTable(model);
  const vocabulary = law.jurisdictions.purposes;
  const table = new PurposeBindings(model, origins, EEA, (p) => vocabulary.key(p));
  return {
    at: (dataset: string, party: string): string[] | 'any' | 'unknown' | { within: string[] } => {
      const b = table.at(model.datasetById.get(dataset)!.index, model.partyById.get(party)!.index);
      if (b.set < 0) return b.unknown ? 'unknown' : 'any';
      return b.unknown ? { within: [...table.purposes(b.set)] } : [...table.purposes(b.set)];
    },
    table,
  };
}

const p = (id: string, country: string) => ({ id, country });
const d = (id: string, extra: Record<string, unknown> = {}) => ({ id, categories: ['contact'], ...extra });
const f = (id: string, from: string, to: string, datasets: string[], purposes?: string[]) => ({ id, from, to, datasets, ...(purposes ? { purposes } : {}) });

describe('purpose bindings of data received from a group', () => {
  it('binds data to the purposes of the flow that brought it from the group, else to the dataset\'s', () => {
    const b = bindingsOf({
      parties: [p('de', 'DE'), p('jp', 'JP')],
      datasets: [d('a', { collectedIn: ['DE'], purposes: ['billing', 'marketing'] }), d('b', { collectedIn: ['DE'], purposes: ['billing'] }), d('c', { collectedIn: ['DE'] })],
      flows: [f('fa', 'de', 'jp', ['a'], ['Billing']), f('fb', 'de', 'jp', ['b']), f('fc', 'de', 'jp', ['c'])],
    });
    expect(b.at('a', 'jp')).toEqual(['billing']); // normal form of "Billing"
    expect(b.at('b', 'jp')).toEqual(['billing']);
    expect(b.at('c', 'jp')).toBe('unknown');
    expect(b.at('a', 'de')).toBe('any'); // inside the group nothing binds
  });

  it('narrows the binding along a chain only where a flow declares purposes, and compares vocabulary synonyms as one purpose', () => {
    const b = bindingsOf({
      parties: [p('de', 'DE'), p('j1', 'JP'), p('j2', 'JP'), p('j3', 'JP'), p('j4', 'JP')],
      datasets: [d('a', { collectedIn: ['DE'] })],
      flows: [
        f('in', 'de', 'j1', ['a'], ['billing', 'HR', 'support']),
        f('narrow', 'j1', 'j2', ['a'], ['billing', 'human resources management']),
        f('plain', 'j2', 'j3', ['a']),
        f('disjoint', 'j3', 'j4', ['a'], ['marketing']),
      ],
    });
    expect(b.at('a', 'j1')).toEqual(['billing', 'hr-management', 'support']);
    expect(b.at('a', 'j2')).toEqual(['billing', 'hr-management']);
    expect(b.at('a', 'j3')).toEqual(['billing', 'hr-management']);
    expect(b.at('a', 'j4')).toEqual([]); // bound to nothing: any use is outside
  });

  it('gives a derived dataset the intersection of its sources\' bindings, ignoring sources not received from the group', () => {
    const b = bindingsOf({
      parties: [p('de', 'DE'), p('jp', 'JP')],
      datasets: [
        d('a', { collectedIn: ['DE'] }), d('b', { collectedIn: ['FR'] }), d('local', { collectedIn: ['JP'], purposes: ['marketing'] }),
        d('ab', { derivedFrom: ['a', 'b'], purposes: ['marketing'] }), d('al', { derivedFrom: ['a', 'local'] }), d('l2', { derivedFrom: ['local'] }),
        d('abab', { derivedFrom: ['ab'] }),
      ],
      flows: [f('fa', 'de', 'jp', ['a'], ['billing', 'support']), f('fb', 'de', 'jp', ['b'], ['support', 'research'])],
    });
    expect(b.at('ab', 'jp')).toEqual(['support']); // its own "marketing" does not widen it
    expect(b.at('abab', 'jp')).toEqual(['support']); // inherited through two derivations
    expect(b.at('al', 'jp')).toEqual(['billing', 'support']);
    expect(b.at('l2', 'jp')).toBe('any');
    expect(b.at('local', 'jp')).toBe('any');
  });

  it('keeps an undeclared binding visible under a declared one', () => {
    const b = bindingsOf({
      parties: [p('de', 'DE'), p('jp', 'JP')],
      datasets: [d('a', { collectedIn: ['DE'] }), d('b', { collectedIn: ['DE'] }), d('ab', { derivedFrom: ['a', 'b'] })],
      flows: [f('fa', 'de', 'jp', ['a'], ['billing']), f('fb', 'de', 'jp', ['b'])],
    });
    expect(b.at('ab', 'jp')).toEqual({ within: ['billing'] });
  });

  it('takes the union where several flows bring the same data, and data from outside the group is not bound', () => {
    const b = bindingsOf({
      parties: [p('de', 'DE'), p('fr', 'FR'), p('us', 'US'), p('jp', 'JP')],
      datasets: [d('a', { collectedIn: ['DE'] }), d('u', { collectedIn: ['US'] })],
      flows: [f('f1', 'de', 'jp', ['a'], ['billing']), f('f2', 'fr', 'jp', ['a'], ['support']), f('fu', 'de', 'jp', ['u'], ['billing'])],
    });
    expect(b.at('a', 'jp')).toEqual(['billing', 'support']);
    // u passes through Germany, but its origin there is the US: it is not data received from the group.
    expect(b.at('u', 'jp')).toBe('any');
  });

  it('gives a cycle of flows inside Japan what enters it, and stays linear on a long chain', () => {
    const cyc = bindingsOf({
      parties: [p('de', 'DE'), p('j1', 'JP'), p('j2', 'JP')],
      datasets: [d('a', { collectedIn: ['DE'] })],
      flows: [f('in', 'de', 'j1', ['a'], ['billing', 'support']), f('there', 'j1', 'j2', ['a'], ['billing']), f('back', 'j2', 'j1', ['a'], ['billing'])],
    });
    expect(cyc.at('a', 'j1')).toEqual(['billing', 'support']);
    expect(cyc.at('a', 'j2')).toEqual(['billing', 'support']);

    const n = 2000;
    const parties = [p('de', 'DE'), ...Array.from({ length: n }, (_, i) => p(`j${i}`, 'JP'))];
    const flows = [f('in', 'de', 'j0', ['a'], ['billing', 'support']), ...Array.from({ length: n - 1 }, (_, i) => f(`h${i}`, `j${i}`, `j${i + 1}`, ['a'], i === n / 2 ? ['support'] : undefined))];
    const long = bindingsOf({ parties, datasets: [d('a', { collectedIn: ['DE'] })], flows });
    expect(long.at('a', `j${n / 2}`)).toEqual(['billing', 'support']);
    expect(long.at('a', `j${n - 1}`)).toEqual(['support']);
  });
});

describe('interned purpose sets', () => {
  it('keys sets by their members as tuples, so no joined text can make two sets one', () => {
    const s = new InternedSets();
    const joined = s.of(['a,b']);
    const pair = s.of(['b', 'a', 'a']);
    expect(joined).not.toBe(pair);
    expect(s.members(pair)).toEqual(['a', 'b']);
    expect(s.of(['a', 'b'])).toBe(pair);
    expect(s.has(joined, 'a')).toBe(false);
  });

  it('computes unions and intersections, memoised and commutative', () => {
    const s = new InternedSets();
    const ab = s.of(['a', 'b']);
    const bc = s.of(['b', 'c']);
    expect(s.members(s.union(ab, bc))).toEqual(['a', 'b', 'c']);
    expect(s.intersect(ab, bc)).toBe(s.intersect(bc, ab));
    expect(s.members(s.intersect(ab, bc))).toEqual(['b']);
    expect(s.intersect(ab, s.empty)).toBe(s.empty);
    expect(s.union(s.empty, ab)).toBe(ab);
  });
});
