import { createChecker, type CheckerOptions, type CheckOptions } from '../../../src/library/checker';
import { createResultCache } from '../../../src/library/cache/result-cache';
import { scanJsonStructure } from '../../../src/source/json-structure';
import { SpanIndex } from '../../../src/source/span-index';
import { resetWorkCounters, workCounters } from '../../../src/source/work-counters';
import type { Report } from '../../../src/types';

// A result cache keeps, for each valid JSON manifest, the scan that found it free of duplicate and
// reserved keys within the depth limit, with the positions it indexed: a later run reads an
// unchanged file by JSON.parse alone. The scan's key checks (workCounters.keyLookups) show whether
// a file was scanned; the reports must be those of runs without a cache, locations included.

const files: Record<string, string> = {
  'parties.json': JSON.stringify({
    manifestVersion: 1,
    system: { id: 'registry' },
    parties: [
      { id: 'klinikum-de', name: 'Universitätsklinikum Nord', country: 'DE', role: 'controller', sector: 'private' },
      { id: 'kenkyu-jp', name: 'Kenkyu Medical KK', country: 'JP', role: 'controller', activities: [] },
      { id: 'cro-us', name: 'TrialWorks CRO Inc.', country: 'US', role: 'processor' },
    ],
  }, null, 2),
  'eu.json': JSON.stringify({
    manifestVersion: 1,
    system: { id: 'clinic' },
    datasets: [{ id: 'trial-data', name: 'Oncology trial records', categories: ['health.diagnosis'], identifiability: 'pseudonymised', subjects: ['patients'], collectedIn: ['DE'] }],
    flows: [{ id: 'trial-to-japan', from: 'klinikum-de', to: 'kenkyu-jp', datasets: ['trial-data'], purposes: ['clinical-research'] }],
  }, null, 2),
  'jp.json': JSON.stringify({
    manifestVersion: 1,
    system: { id: 'kenkyu' },
    flows: [
      { id: 'trial-to-cro', from: 'kenkyu-jp', to: 'cro-us', datasets: ['trial-data'], purposes: ['clinical-research'], mechanisms: [{ type: 'appi-consent', informed: { country: true, protectionSystem: true, recipientMeasures: false } }] },
    ],
  }, null, 2),
};

const OPTIONS: CheckerOptions = { asOf: '2026-11-28' };

const checkers = new Map<string, Awaited<ReturnType<typeof createChecker>>>();

/** A checker per set of options, made before any counting: compiling a policy may parse YAML, which counts too. */
async function checkerFor(options: CheckerOptions): Promise<Awaited<ReturnType<typeof createChecker>>> {
  const key = JSON.stringify(options);
  let checker = checkers.get(key);
  if (!checker) checkers.set(key, (checker = await createChecker(options)));
  return checker;
}

async function check(given: Record<string, string>, options: CheckerOptions = OPTIONS, call: CheckOptions = {}): Promise<Report> {
  return (await checkerFor(options)).check(Object.entries(given).map(([file, text]) => ({ file, text })), call);
}

/** The check, with the scans' key checks counted from zero. */
async function counted(given: Record<string, string>, options: CheckerOptions, call: CheckOptions): Promise<Report> {
  const checker = await checkerFor(options);
  resetWorkCounters();
  return checker.check(Object.entries(given).map(([file, text]) => ({ file, text })), call);
}

/** The key checks a scan of this text makes: what reading it in full adds to keyLookups. */
function scanWork(text: string): number {
  resetWorkCounters();
  scanJsonStructure(text, 64);
  return workCounters.keyLookups;
}

async function warmText(given = files, options = OPTIONS): Promise<string> {
  const cache = createResultCache();
  await check(given, options, { cache });
  return cache.serialise();
}

describe('a result cache keeps the scans of valid JSON manifests', () => {
  it('reads unchanged JSON files without scanning them, with the report of an uncached run, and writes the cache back as it read it', async () => {
    const uncached = await check(files);
    expect(uncached.findings.length).toBeGreaterThan(0);
    const warm = await warmText();
    expect(warm).toMatch(/"file":"jp.json","sha256":"[0-9a-f]{64}","valid":true,"depth":64,"index":\{"slots":/);
    const cache = createResultCache();
    expect(cache.load(warm)).toBeUndefined();
    const cached = await counted(files, OPTIONS, { cache });
    expect(workCounters.keyLookups).toBe(0);
    expect(JSON.stringify(cached)).toBe(JSON.stringify(uncached));
    expect(cache.serialise()).toBe(warm);
  });

  it('scans an edited file, and only it, and places its findings where the edit moved them', async () => {
    // Two lines inserted above the flow: every position in the file moves.
    const edited = { ...files, 'jp.json': files['jp.json'].replace('"flows": [', '"flows": [\n\n') };
    const uncached = await check(edited);
    const before = (await check(files)).findings.filter((f) => f.location.file === 'jp.json');
    const after = uncached.findings.filter((f) => f.location.file === 'jp.json');
    expect(after.length).toBeGreaterThan(0);
    expect(after.map((f) => f.location.line)).toEqual(before.map((f) => f.location.line + 2));
    const cache = createResultCache();
    expect(cache.load(await warmText())).toBeUndefined();
    const expected = scanWork(edited['jp.json']);
    expect(expected).toBeGreaterThan(0);
    const cached = await counted(edited, OPTIONS, { cache });
    expect(workCounters.keyLookups).toBe(expected);
    expect(JSON.stringify(cached)).toBe(JSON.stringify(uncached));
  });

  it('trusts a scan only within the depth limit it was made under', async () => {
    // The smallest limit the files pass: under one less, jp.json is too deep.
    let depth = 1;
    while ((await check(files, { ...OPTIONS, limits: { maxDepth: depth } })).summary.errors > 0) depth++;
    const warm = await warmText(files, { ...OPTIONS, limits: { maxDepth: depth } });
    expect(warm).toContain(`"file":"jp.json","sha256":`);
    expect(warm).toContain(`"depth":${depth},`);
    const shallower = { ...OPTIONS, limits: { maxDepth: depth - 1 } };
    const refused = await check(files, shallower);
    expect(refused.errors.some((e) => e.code === 'source/syntax' && /nested deeper than/.test(e.message))).toBe(true);
    let cache = createResultCache();
    expect(cache.load(warm)).toBeUndefined();
    expect(JSON.stringify(await check(files, shallower, { cache }))).toBe(JSON.stringify(refused));
    // A larger limit than the scan's: the scan holds.
    cache = createResultCache();
    expect(cache.load(warm)).toBeUndefined();
    const deeper = { ...OPTIONS, limits: { maxDepth: depth + 5 } };
    const cached = await counted(files, deeper, { cache });
    expect(workCounters.keyLookups).toBe(0);
    expect(JSON.stringify(cached)).toBe(JSON.stringify(await check(files, deeper)));
  });

  it('parses a file in full when its kept index is not an index, and refuses a cache whose scan lacks its depth', async () => {
    const warm = await warmText();
    const damaged = warm.replace(/("file":"jp.json","sha256":"[0-9a-f]{64}","valid":true,"depth":64,"index":)\{[^\n]*\}\}$/m, '$1{"slots":[["/flows",8]],"offsets":[1,2,3,4],"elements":[]}}');
    expect(damaged).not.toBe(warm);
    const cache = createResultCache();
    expect(cache.load(damaged)).toBeUndefined();
    const cached = await counted(files, OPTIONS, { cache });
    expect(workCounters.keyLookups).toBe(scanWork(files['jp.json']));
    expect(JSON.stringify(cached)).toBe(JSON.stringify(await check(files)));
    // The file's line is written afresh, with the index of this run's scan.
    expect(cache.serialise()).toBe(warm);
    const noDepth = warm.replace(/"valid":true,"depth":64,/, '"valid":true,');
    expect(noDepth).not.toBe(warm);
    expect(createResultCache().load(noDepth)).toMatch(/damaged/);
  });
});

describe('SpanIndex as data', () => {
  const text = files['jp.json'];
  const index = scanJsonStructure(text, 64).index;

  it('gives back the spans it was made from', () => {
    const again = SpanIndex.fromData(JSON.parse(JSON.stringify(index.toData())));
    expect(again).toBeDefined();
    for (const pointer of ['', '/manifestVersion', '/system', '/flows', '/flows/0', '/flows/1']) expect(again!.get(pointer)).toEqual(index.get(pointer));
    expect(again!.get('/flows/0')).toBeDefined();
    expect(again!.get('/system')?.key).toBeDefined();
  });

  it.each([
    ['not an object', 'index'],
    ['a slot past the offsets', { slots: [['/a', 4]], offsets: [0, 1, 2, 3], elements: [] }],
    ['a slot not at a multiple of four', { slots: [['/a', 1]], offsets: [0, 1, 2, 3, 4, 5, 6, 7], elements: [] }],
    ['offsets not in fours', { slots: [], offsets: [0, 1, 2], elements: [] }],
    ['a negative offset', { slots: [], offsets: [0, 1, 2, -3], elements: [] }],
    ['an offset past 32 bits', { slots: [], offsets: [0, 1, 2, 2 ** 32], elements: [] }],
    ['a fractional offset', { slots: [], offsets: [0, 1, 2, 3.5], elements: [] }],
    ['a pointer twice', { slots: [['/a', 0], ['/a', 0]], offsets: [0, 1, 2, 3], elements: [] }],
    ['an element list of odd length', { slots: [], offsets: [], elements: [['/flows', [1, 2, 3]]] }],
    ['an element list twice', { slots: [], offsets: [], elements: [['/flows', [1, 2]], ['/flows', [1, 2]]] }],
    ['a slot that is not a pair', { slots: [['/a']], offsets: [0, 1, 2, 3], elements: [] }],
  ])('refuses data with %s', (_, data) => {
    expect(SpanIndex.fromData(data)).toBeUndefined();
  });
});
