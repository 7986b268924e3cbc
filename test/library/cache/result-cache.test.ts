import { createChecker, type CheckerOptions, type CheckOptions } from '../../../src/library/checker';
import { createResultCache } from '../../../src/library/cache/result-cache';
import { literalSecondArguments } from '../../../src/library/cache/policy-reads';
import { checkRun } from '../../../src/library/run';
import type { Report } from '../../../src/types';
import { tmpDir } from '../../support/tmp';
import { createHash } from 'node:crypto';
import * as path from 'node:path';

// A cached run must give the report an uncached run gives, whatever changed in
// the other files of the estate. The estate is a chain EU → JP → US → IN across files, an opt-out
// chain in Japan across files (receivedThrough), and a Chinese exporter whose flows in two files
// are counted together (exporterSubjectsCount), and a US exporter whose flows to one Chinese company
// in two files are counted together (counterpartyData, 28 CFR 202.205).
const estate: Record<string, string> = {
  'parties.yaml': `manifestVersion: 1
system: { id: registry }
parties:
  - { id: klinikum-de, name: Universitätsklinikum Nord, country: DE, role: controller, sector: private }
  - { id: kenkyu-jp, name: Kenkyu Medical KK, country: JP, role: controller, activities: [] }
  - { id: datalab-in, name: DataLab Analytics, country: IN, role: sub-processor }
  - { id: shop-jp, name: Shop KK, country: JP, role: controller, activities: [] }
  - { id: broker-jp, name: Broker KK, country: JP, role: controller, activities: [] }
  - { id: partner-jp, name: Partner KK, country: JP, role: controller, activities: [] }
  - { id: cn, name: Shanghai Co, country: CN, role: controller }
  - { id: de2, name: Berlin GmbH, country: DE, role: processor }
`,
  // One party alone in its file: an edit of it changes no other declaration its flows use.
  'cro.yaml': `manifestVersion: 1
system: { id: cro }
parties:
  - id: cro-us
    name: TrialWorks CRO Inc.
    country: US
    role: processor
    certifications: [apec-cbpr, { scheme: eu-us-dpf, until: "2025-01-01" }]
`,
  'eu.yaml': `manifestVersion: 1
system: { id: clinic }
datasets:
  - id: trial-data
    name: Oncology trial records
    categories: [health.diagnosis, identifiers.account-id]
    identifiability: pseudonymised
    subjects: [patients]
    collectedIn: [DE, AT]
    purposes: [clinical-research]
    subjectsCount: 1800
flows:
  - { id: trial-to-japan, from: klinikum-de, to: kenkyu-jp, datasets: [trial-data], purposes: [clinical-research], frequency: regular }
`,
  'jp.yaml': `manifestVersion: 1
system: { id: kenkyu }
flows:
  - id: trial-to-cro
    from: kenkyu-jp
    to: cro-us
    datasets: [trial-data]
    purposes: [clinical-research]
    mechanisms:
      - { type: appi-standard-system, basis: apec-cbpr, monitoring: true, providesInformationOnRequest: true }
      - { type: appi-entrustment }
  - { id: cro-to-datalab, from: cro-us, to: datalab-in, datasets: [trial-data], purposes: [clinical-research] }
`,
  'optout.yaml': `manifestVersion: 1
system: { id: shop }
datasets:
  - { id: members, name: Members, categories: [contact.email], subjects: [customers], collectedIn: [JP] }
flows:
  - { id: shop-to-broker, from: shop-jp, to: broker-jp, datasets: [members], purposes: [marketing], mechanisms: [{ type: appi-opt-out }] }
`,
  'broker.yaml': `manifestVersion: 1
system: { id: broker }
flows:
  - { id: broker-to-partner, from: broker-jp, to: partner-jp, datasets: [members], purposes: [marketing], mechanisms: [{ type: appi-opt-out }] }
`,
  'cn-a.yaml': `manifestVersion: 1
system: { id: cn-a }
datasets:
  - { id: cn-a, name: Customers A, categories: [contact], collectedIn: [CN], subjectsCount: 600000 }
flows:
  - { id: cn-1, from: cn, to: de2, datasets: [cn-a] }
`,
  // Declares all it uses: its flow is reused whatever changes in the other files.
  'other.yaml': `manifestVersion: 1
system: { id: other }
parties:
  - { id: fr, name: Paris SAS, country: FR, role: controller }
  - { id: us, name: Cloud Inc, country: US, role: processor }
datasets:
  - { id: logs, name: Logs, categories: [contact.email], subjects: [customers], collectedIn: [FR] }
flows:
  - { id: fr-to-us, from: fr, to: us, datasets: [logs], purposes: [hosting] }
`,
  'cn-b.yaml': `manifestVersion: 1
system: { id: cn-b }
datasets:
  - { id: cn-b, name: Customers B, categories: [contact], collectedIn: [CN], subjectsCount: 500000 }
flows:
  - { id: cn-2, from: cn, to: de2, datasets: [cn-b] }
`,
  'us-a.yaml': `manifestVersion: 1
system: { id: us-a }
parties:
  - { id: us-x, name: Acme Inc, country: US, role: controller, legalEntity: acme }
  - { id: cn-y, name: Shenzhen Co, country: CN, role: processor, ownership: [] }
datasets:
  - { id: us-h1, name: Health A, categories: [health.diagnosis], collectedIn: [US], subjectsCount: 6000 }
flows:
  - { id: us-1, from: us-x, to: cn-y, datasets: [us-h1], transaction: sale }
`,
  'us-b.yaml': `manifestVersion: 1
system: { id: us-b }
parties:
  # Another office of the same US person: its flows are not the exporter's (exporterSubjectsCount),
  # but they are the same person's with the same counterparty.
  - { id: us-z, name: Acme Inc West, country: US, role: controller, legalEntity: acme }
datasets:
  - { id: us-h2, name: Health B, categories: [health.diagnosis], collectedIn: [US], subjectsCount: 5000 }
flows:
  - { id: us-2, from: us-z, to: cn-y, datasets: [us-h2], transaction: sale }
`,
};

const BASE_OPTIONS: CheckerOptions = { asOf: '2026-11-28', addPacks: ['cn-pipl', 'us-dsp'] };

type Files = Record<string, string>;

const checkers = new Map<string, Awaited<ReturnType<typeof createChecker>>>();

async function report(files: Files, options: CheckerOptions = BASE_OPTIONS, call: CheckOptions = {}): Promise<Report> {
  // One checker per set of options, as a long-running service keeps it: each check is a fresh run.
  const key = JSON.stringify(options);
  let checker = checkers.get(key);
  if (!checker) checkers.set(key, (checker = await createChecker(options)));
  return checker.check(Object.entries(files).map(([file, text]) => ({ file, text })), call);
}

/** The text of a cache warmed on the base estate. */
async function warmCache(files: Files = estate, options: CheckerOptions = BASE_OPTIONS): Promise<string> {
  const cache = createResultCache();
  await report(files, options, { cache });
  return cache.serialise();
}

function edit(file: string, from: string | RegExp, to: string): (files: Files) => Files {
  return (files) => {
    const text = files[file].replace(from, to);
    if (text === files[file]) throw new Error(`the edit of ${file} changed nothing`);
    return { ...files, [file]: text };
  };
}

/** The results (findings, verdict, basis) of the flows not declared in a file, by flow id. */
function resultsOutside(r: Report, file: string): string {
  const flows = r.flows.filter((f) => f.location.file !== file);
  const ids = new Set(flows.map((f) => f.id));
  return JSON.stringify([flows.map((f) => [f.id, f.verdict, f.basis, f.regimes]), r.findings.filter((f) => ids.has(f.flowId))]);
}

describe('a cached run gives the report of an uncached run', () => {
  let base: Report;
  let warm: string;
  beforeAll(async () => {
    base = await report(estate);
    warm = await warmCache();
  });

  it('reuses every flow of an unchanged estate, with the same report', async () => {
    const cache = createResultCache();
    expect(cache.load(warm)).toBeUndefined();
    const cached = await report(estate, BASE_OPTIONS, { cache });
    expect(cache.stats).toEqual({ reused: base.flows.length, evaluated: 0 });
    expect(JSON.stringify(cached)).toBe(JSON.stringify(base));
  });

  // Each edit is in another file than the flows it changes: the report of those flows must change
  // (else the edit tests nothing), and the cached run must still equal the uncached one.
  const crossFile: Array<[string, string, (files: Files) => Files]> = [
    ['a party\'s country', 'cro.yaml', edit('cro.yaml', 'country: US', 'country: SG')],
    ['a party\'s name (messages show it)', 'cro.yaml', edit('cro.yaml', 'name: TrialWorks CRO Inc.', 'name: TrialWorks Renamed')],
    ['a party\'s certification', 'cro.yaml', edit('cro.yaml', 'certifications: [apec-cbpr, ', 'certifications: [')],
    ['a line inserted above a party (positions of its findings)', 'cro.yaml', edit('cro.yaml', 'parties:\n', 'parties:\n  # a comment\n')],
    ['a party of the registry', 'parties.yaml', edit('parties.yaml', 'name: Kenkyu Medical KK, country: JP', 'name: Kenkyu Medical KK, country: KR')],
    ['a dataset\'s categories', 'eu.yaml', edit('eu.yaml', 'health.diagnosis, ', '')],
    ['an upstream flow\'s purposes (bound purposes downstream)', 'eu.yaml', edit('eu.yaml', 'purposes: [clinical-research], frequency', 'purposes: [marketing], frequency')],
    ['an upstream flow\'s mechanisms (receivedThrough downstream)', 'optout.yaml', edit('optout.yaml', 'mechanisms: [{ type: appi-opt-out }]', 'mechanisms: [{ type: appi-consent }]')],
    ['the volume of the exporter\'s other flow (exporterSubjectsCount)', 'cn-b.yaml', edit('cn-b.yaml', 'subjectsCount: 500000', 'subjectsCount: 10')],
    ['the volume of another flow to the same counterparty (counterpartyData)', 'us-b.yaml', edit('us-b.yaml', 'subjectsCount: 5000', 'subjectsCount: 10')],
    ['the dates of another flow to the same counterparty (counterpartyData)', 'us-b.yaml', edit('us-b.yaml', 'transaction: sale', 'transaction: sale, startsOn: 2026-12-01')],
  ];

  it.each(crossFile)('after an edit of %s', async (_what, file, mutate) => {
    const files = mutate(estate);
    const uncached = await report(files);
    expect(resultsOutside(uncached, file)).not.toBe(resultsOutside(base, file));
    const cache = createResultCache();
    cache.load(warm);
    const cached = await report(files, BASE_OPTIONS, { cache });
    expect(JSON.stringify(cached)).toBe(JSON.stringify(uncached));
    expect(cache.stats.reused).toBeGreaterThan(0);
    expect(cache.stats.evaluated).toBeGreaterThan(0);
  });

  it('gives a shard the report of the uncached shard, reusing only that shard\'s flows', async () => {
    const shard = { index: 1, count: 3 };
    const uncached = await report(estate, BASE_OPTIONS, { shard });
    expect(uncached.flows.length).toBeGreaterThan(0);
    expect(uncached.flows.length).toBeLessThan(base.flows.length);
    const cache = createResultCache();
    cache.load(warm);
    const cached = await report(estate, BASE_OPTIONS, { shard, cache });
    expect(cache.stats).toEqual({ reused: uncached.flows.length, evaluated: 0 });
    expect(JSON.stringify(cached)).toBe(JSON.stringify(uncached));
    // An edit in the shard's range: its flows are evaluated again, in their places.
    const files = edit('cro.yaml', 'country: US', 'country: SG')(estate);
    const again = createResultCache();
    again.load(warm);
    expect(JSON.stringify(await report(files, BASE_OPTIONS, { shard, cache: again }))).toBe(JSON.stringify(await report(files, BASE_OPTIONS, { shard })));
    expect(again.stats.evaluated).toBeGreaterThan(0);
    expect(again.stats.reused).toBeGreaterThan(0);
  });

  it('after a line inserted above a flow in its own file', async () => {
    const files = edit('jp.yaml', 'flows:\n', 'flows:\n\n')(estate);
    const cache = createResultCache();
    cache.load(warm);
    const cached = await report(files, BASE_OPTIONS, { cache });
    expect(JSON.stringify(cached)).toBe(JSON.stringify(await report(files)));
    expect(cached.flows.find((f) => f.id === 'trial-to-cro')!.location.line).toBe(base.flows.find((f) => f.id === 'trial-to-cro')!.location.line + 1);
  });

  it.each([
    ['another asOf', { ...BASE_OPTIONS, asOf: '2027-06-01' }, {}],
    ['another set of packs', { asOf: '2026-11-28' }, {}],
    ['a horizon', BASE_OPTIONS, { horizon: '1y' }],
  ] as Array<[string, CheckerOptions, CheckOptions]>)('with %s, reusing nothing', async (_what, options, call) => {
    const cache = createResultCache();
    cache.load(warm);
    const cached = await report(estate, options, { ...call, cache });
    expect(cache.stats.reused).toBe(0);
    expect(JSON.stringify(cached)).toBe(JSON.stringify(await report(estate, options, call)));
  });

  it('with another value of a policy parameter, reusing nothing', async () => {
    const policy = (max: number): string => `policyVersion: 1\nname: p\nextends: ["dfft:eu-gdpr", "dfft:jp-appi"]\nparameters: { euCompellingInterestsMaxSubjects: ${max} }\n`;
    const dir = tmpDir({ 'a.yaml': policy(100), 'b.yaml': policy(5) });
    const warmA = await warmCache(estate, { asOf: '2026-11-28', policy: path.join(dir, 'a.yaml') });
    const options = { asOf: '2026-11-28', policy: path.join(dir, 'b.yaml') };
    const cache = createResultCache();
    cache.load(warmA);
    const cached = await report(estate, options, { cache });
    expect(cache.stats.reused).toBe(0);
    expect(JSON.stringify(cached)).toBe(JSON.stringify(await report(estate, options)));
  });
});

describe('the cache text', () => {
  it('holds only the files of the last run', async () => {
    const cache = createResultCache();
    cache.load(await warmCache());
    const { 'cn-a.yaml': _a, 'cn-b.yaml': _b, ...rest } = estate;
    await report(rest, BASE_OPTIONS, { cache });
    const text = cache.serialise();
    expect(text).not.toContain('cn-a.yaml');
    expect(text).toContain('jp.yaml');
  });

  it.each([
    ['not JSON', 'garbage'],
    ['another format', '{"format":"eslint"}\n'],
    ['another dfft version', (t: string) => t.replace(/"tool":"[^"]*"/, '"tool":"0.0.0-other"')],
    ['another build of the same version', (t: string) => t.replace(/"tool":"([^"+]*)\+[^"]*"/, '"tool":"$1+0123456789abcdef"')],
    ['truncated', (t: string) => t.slice(0, Math.floor(t.length / 2))],
    ['an entry damaged', (t: string) => t.replace('"findings":[', '"findings":{')],
    ['a reference outside the table of values', (t: string) => t.replace(/"regimes":\d+/, '"regimes":99999')],
    ['a value of the table after a file', (t: string) => t.replace(/\n"\/flows/, '\n="stray"\n"/flows')],
  ] as Array<[string, string | ((t: string) => string)]>)('%s: warns and runs cold, with the uncached report', async (_what, damage) => {
    const warm = await warmCache();
    const cache = createResultCache();
    const warning = cache.load(typeof damage === 'string' ? damage : damage(warm));
    expect(warning).toMatch(/checking every flow/);
    const cached = await report(estate, BASE_OPTIONS, { cache });
    expect(cache.stats.reused).toBe(0);
    expect(JSON.stringify(cached)).toBe(JSON.stringify(await report(estate)));
  });

  it('checkRun takes a cache and rejects something else', async () => {
    const cache = createResultCache();
    await checkRun(Object.entries(estate).map(([file, text]) => ({ file, text })), { ...BASE_OPTIONS, cache });
    expect(cache.stats.evaluated).toBeGreaterThan(0);
    await expect(checkRun([], { cache: {} as never })).rejects.toThrow(/options.cache: expected a result cache/);
  });
});

describe('what the cache keeps of files and repeated values', () => {
  it('reports a file edited to be invalid against the schema, with a warm cache', async () => {
    const files = edit('cro.yaml', 'role: processor', 'role: overlord')(estate);
    const uncached = await report(files);
    expect(uncached.summary.errors).toBeGreaterThan(0);
    const cache = createResultCache();
    expect(cache.load(await warmCache())).toBeUndefined();
    const cached = await report(files, BASE_OPTIONS, { cache });
    expect(JSON.stringify(cached)).toBe(JSON.stringify(uncached));
    expect(cache.serialise()).not.toMatch(/"file":"cro.yaml","sha256":"[0-9a-f]+","valid":true/);
  });

  it('trusts a file\'s validity only for its name and sha256', async () => {
    const invalid = edit('cro.yaml', 'role: processor', 'role: overlord')(estate);
    const uncached = await report(invalid);
    // The invalid text's sha256, recorded as valid under another name, and its name with another sha256.
    const sha = createHash('sha256').update(invalid['cro.yaml'], 'utf8').digest('hex');
    expect(uncached.inputs).toContainEqual({ file: 'cro.yaml', sha256: sha });
    const warm = await warmCache();
    const forged = warm.replace(/\{"file":"cro.yaml","sha256":"[0-9a-f]+","valid":true\}/, `{"file":"cro.yaml","sha256":"${'0'.repeat(64)}","valid":true}\n{"file":"other-name.yaml","sha256":"${sha}","valid":true}`);
    expect(forged).not.toBe(warm);
    const again = createResultCache();
    expect(again.load(forged)).toBeUndefined();
    expect(JSON.stringify(await report(invalid, BASE_OPTIONS, { cache: again }))).toBe(JSON.stringify(uncached));
  });

  it('writes each repeated value once, and keeps the reports through runs that change files', async () => {
    const warm = await warmCache();
    const values = warm.split('\n').filter((l) => l.startsWith('='));
    expect(new Set(values).size).toBe(values.length);
    expect(values.some((l) => l.includes('"citation"') || l.includes('"law"'))).toBe(true);
    let text = warm;
    const edits = [
      edit('cro.yaml', 'country: US', 'country: SG'),
      edit('eu.yaml', 'health.diagnosis, ', ''),
      edit('optout.yaml', 'mechanisms: [{ type: appi-opt-out }]', 'mechanisms: [{ type: appi-consent }]'),
    ];
    let files = estate;
    for (const mutate of edits) {
      files = mutate(files);
      const cache = createResultCache();
      expect(cache.load(text)).toBeUndefined();
      expect(JSON.stringify(await report(files, BASE_OPTIONS, { cache }))).toBe(JSON.stringify(await report(files)));
      expect(cache.stats.reused).toBeGreaterThan(0);
      text = cache.serialise();
    }
  });

  it('writes the last run\'s entries whatever text is loaded after it', async () => {
    const cache = createResultCache();
    cache.load(await warmCache());
    await report(edit('cro.yaml', 'country: US', 'country: SG')(estate), BASE_OPTIONS, { cache });
    const written = cache.serialise();
    expect(cache.load(await warmCache(estate, { asOf: '2027-01-01', addPacks: ['cn-pipl'] }))).toBeUndefined();
    expect(cache.serialise()).toBe(written);
  });

  it('writes the entries afresh when most values of the table are no longer used', async () => {
    const warm = await warmCache();
    const lastValue = warm.lastIndexOf('\n=');
    const end = warm.indexOf('\n', lastValue + 1);
    const unused = Array.from({ length: 600 }, (_, i) => `="unused ${i}"`).join('\n');
    const padded = `${warm.slice(0, end)}\n${unused}${warm.slice(end)}`;
    const cache = createResultCache();
    expect(cache.load(padded)).toBeUndefined();
    const cached = await report(estate, BASE_OPTIONS, { cache });
    expect(cache.stats.evaluated).toBe(0);
    const text = cache.serialise();
    expect(text).not.toContain('unused');
    const again = createResultCache();
    expect(again.load(text)).toBeUndefined();
    expect(JSON.stringify(await report(estate, BASE_OPTIONS, { cache: again }))).toBe(JSON.stringify(cached));
    expect(again.stats.evaluated).toBe(0);
    expect(JSON.stringify(cached)).toBe(JSON.stringify(await report(estate)));
  });
});

describe('what a policy reads', () => {
  it('finds literal arguments, escaped or not, and counts any other call as reading everything', () => {
    expect(literalSecondArguments(['receivedThrough(d, "appi-opt-out") || receivedThrough(e, \'x\')'], 'receivedThrough')).toEqual(new Set(['appi-opt-out', 'x']));
    expect(literalSecondArguments(['{"when":"boundPurposes(d, \\"EEA-UK\\").known"}'], 'boundPurposes')).toEqual(new Set(['EEA-UK']));
    expect(literalSecondArguments(['see boundPurposes() for the binding'], 'boundPurposes')).toBeUndefined();
    expect(literalSecondArguments(['boundPurposes(d, variables.group)'], 'boundPurposes')).toBe('any');
    expect(literalSecondArguments(['nothing here'], 'receivedThrough')).toBeUndefined();
  });
});
