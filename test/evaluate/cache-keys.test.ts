import { Interner } from '../../src/engine/intern';
import { TupleIds, TupleMap } from '../../src/source/tuple-map';
import type { Basis } from '../../src/types';
import { checkManifests, manifest, rulesOn, verdictOf } from '../support/helpers';

// Caches shared by the flows of a run are keyed by tuples: a value holding a separator must not
// make two flows share an entry.

describe('the adequacy cache shared between flows', () => {
  // Brazil's decision leaves out criminal investigation: a flow for it needs another basis.
  const parties = [
    { id: 'de', country: 'DE' },
    { id: 'br', country: 'BR' },
  ];
  const datasets = [{ id: 'customers', categories: ['contact'], collectedIn: ['DE'] }];
  const target = { id: 'target', from: 'de', to: 'br', datasets: ['customers'], purposes: ['criminal-investigation', 'fraud-prevention'] };
  const decoy = { id: 'decoy', from: 'de', to: 'br', datasets: ['customers'], purposes: ['criminal-investigation,fraud-prevention'] };

  it('judges a flow with purposes [a, b] alone as outside the decision', async () => {
    const report = await checkManifests({ 'm.yaml': manifest({ parties, datasets, flows: [target] }) });
    expect(verdictOf(report, 'target')).toBe('violation');
  });

  it.each([
    ['decoy first', [decoy, target]],
    ['decoy last', [target, decoy]],
  ])('a decoy flow whose one purpose is "a,b" does not change its verdict (%s)', async (_name, flows) => {
    const report = await checkManifests({ 'm.yaml': manifest({ parties, datasets, flows }) });
    expect(verdictOf(report, 'target')).toBe('violation');
    expect(rulesOn(report, 'target')).toEqual(['eu-gdpr/transfer-without-basis']);
    expect(report.flows.find((f) => f.id === 'target')?.basis).toEqual([]);
    expect(verdictOf(report, 'decoy')).toBe('allowed');
  });
});

describe('the adequacy cache, for decisions that read no flow facts', () => {
  // The DPF covers HR data only for importers certified for it: whether a flow carries HR data
  // must stay in the key for a US importer, though purposes need not (the DPF has no carve-outs).
  const parties = [
    { id: 'de', country: 'DE' },
    { id: 'us', country: 'US', certifications: ['eu-us-dpf'] },
    { id: 'jp', country: 'JP', activities: [] },
  ];
  const datasets = [
    { id: 'payroll', categories: ['employment'], subjects: ['employees'], collectedIn: ['DE'] },
    { id: 'customers', categories: ['contact'], subjects: ['customers'], collectedIn: ['DE'] },
  ];
  const hr = { id: 'hr', from: 'de', to: 'us', datasets: ['payroll'], purposes: ['payroll'] };
  const plain = { id: 'plain', from: 'de', to: 'us', datasets: ['customers'], purposes: ['support'] };
  const jpA = { id: 'jp-a', from: 'de', to: 'jp', datasets: ['customers'], purposes: ['criminal-investigation'] };
  const jpB = { id: 'jp-b', from: 'de', to: 'jp', datasets: ['payroll'], purposes: ['support'] };

  it.each([
    ['HR flow first', [hr, plain, jpA, jpB]],
    ['HR flow last', [plain, jpB, jpA, hr]],
  ])('judges each flow on its own facts whichever comes first (%s)', async (_name, flows) => {
    const report = await checkManifests({ 'm.yaml': manifest({ parties, datasets, flows }) });
    expect(report.errors).toEqual([]);
    // HR data to an importer not certified for it: the decision's scope cannot be confirmed.
    expect(rulesOn(report, 'hr')).toContain('eu-gdpr/adequacy-scope-unconfirmed');
    expect(verdictOf(report, 'plain')).toBe('allowed');
    expect(report.flows.find((f) => f.id === 'plain')?.basis.map((b) => b.ruleId)).toEqual(['eu-gdpr/transfer-without-basis']);
    // Japan's decision has no carve-outs and no HR condition: any purposes, any data.
    expect(verdictOf(report, 'jp-a')).toBe('allowed');
    expect(verdictOf(report, 'jp-b')).toBe('allowed');
  });
});

describe('Interner', () => {
  const basis = (extra: Partial<Basis>): Basis => ({ regime: 'eu-gdpr', ruleId: 'r', text: 'adequacy', ...extra });

  it('does not share a basis without a dpv with one whose dpv is empty', () => {
    const intern = new Interner();
    const without = intern.basisList([basis({})]);
    const empty = intern.basisList([basis({ dpv: '' })]);
    expect(without[0]).not.toHaveProperty('dpv');
    expect(empty[0].dpv).toBe('');
  });

  it('does not share bases whose fields differ only in where a NUL falls', () => {
    const intern = new Interner();
    const a = intern.basisList([basis({ text: 'a\u0000b', dpv: 'c' })]);
    const b = intern.basisList([basis({ text: 'a', dpv: 'b\u0000c' })]);
    expect(a[0].text).toBe('a\u0000b');
    expect(b[0].text).toBe('a');
  });

  it('does not share lists whose joined text is the same', () => {
    const intern = new Interner();
    expect(intern.list(['a\u0000b'])).toEqual(['a\u0000b']);
    expect(intern.list(['a', 'b'])).toEqual(['a', 'b']);
    expect(intern.list([''])).toEqual(['']);
    expect(intern.list([])).toEqual([]);
  });

  it('still shares equal lists and bases', () => {
    const intern = new Interner();
    expect(intern.list(['x', 'y'])).toBe(intern.list(['x', 'y']));
    expect(intern.basisList([basis({})])).toBe(intern.basisList([basis({})]));
  });
});

describe('TupleMap', () => {
  it('keeps apart tuples that a joined key would confuse', () => {
    const map = new TupleMap<string>();
    const keys: unknown[][] = [[], [''], [undefined], ['a,b'], ['a', 'b'], ['a|b'], ['a', '|b'], ['a|', 'b'], [1], ['1'], [true], ['true'], ['a\u0000b'], ['a', 'b', '']];
    keys.forEach((k, i) => map.set(k, String(i)));
    keys.forEach((k, i) => expect(map.get(k)).toBe(String(i)));
    expect(map.get(['a'])).toBeUndefined();
    expect(map.get(['a', 'b', 'c'])).toBeUndefined();
  });

  it('compares elements as Map keys do: NaN is NaN, 0 is -0, objects by identity', () => {
    const a = {};
    const map = new TupleMap<string>();
    map.set([NaN], 'nan').set([0, 'x'], 'zero').set([a], 'a');
    expect(map.get([NaN])).toBe('nan');
    expect(map.get([-0, 'x'])).toBe('zero');
    expect(map.get([a])).toBe('a');
    expect(map.get([{}])).toBeUndefined();
  });

  it('agrees with a list searched one tuple at a time, over many tuples sharing prefixes', () => {
    // A small alphabet makes every node branch: the first child held inline and the rest in a map.
    const alphabet: unknown[] = [undefined, '', 'a', 0, -0, NaN, 1, '1', true, null, {}, {}];
    let seed = 7;
    const next = (n: number): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    const tuple = (): unknown[] => Array.from({ length: next(5) }, () => alphabet[next(alphabet.length)]);
    const map = new TupleMap<number>();
    const reference: Array<[unknown[], number]> = [];
    const same = (a: unknown[], b: unknown[]): boolean => a.length === b.length && a.every((x, i) => x === b[i] || (x !== x && b[i] !== b[i]));
    const find = (key: unknown[]): number | undefined => reference.find(([k]) => same(k, key))?.[1];
    for (let i = 0; i < 3000; i++) {
      const key = tuple();
      if (next(2) === 0) {
        map.set(key, i);
        const at = reference.findIndex(([k]) => same(k, key));
        if (at >= 0) reference[at] = [reference[at][0], i];
        else reference.push([key, i]);
      } else expect(map.get(key)).toBe(find(key));
    }
    for (const [key, value] of reference) expect(map.get(key)).toBe(value);
    expect(reference.length).toBeGreaterThan(100);
  });

  it('TupleIds gives one id per distinct tuple', () => {
    const ids = new TupleIds();
    expect(ids.id(['a', 'b'])).toBe(0);
    expect(ids.id(['a,b'])).toBe(1);
    expect(ids.id(['a', 'b'])).toBe(0);
    expect(ids.size).toBe(2);
  });
});
