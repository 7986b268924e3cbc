import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createChecker, type Checker } from '../src/library/checker';
import { builtinPackIds } from '../src/policy/load-policy';
import { RULES_DIR } from '../src/source/builtin-files';
import { checkerOptionsFor, loadTestFile, runTestFile, type LoadedTestFile, type TestResult } from '../src/policy-test/run-tests';
import { formatDiagnostic } from '../src/source/diagnostic';

// The legal scenario suite of the built-in packs (test/scenarios/*.yaml), run through the same
// runner as `dfft test`. Each scenario says why (article, guideline or decision).
const dir = path.join(__dirname, 'scenarios');
const files = fs.readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort();

const loaded = new Map<string, LoadedTestFile>();
for (const f of files) {
  const t = loadTestFile(path.join(dir, f));
  if (!t.ok) throw new Error(t.diagnostics.map((e) => formatDiagnostic(e)).join('\n'));
  loaded.set(f, t.value);
}

const checkers = new Map<string, Promise<Checker>>();
function checkerFor(t: LoadedTestFile): Promise<Checker> {
  const options = checkerOptionsFor(t);
  const key = JSON.stringify(options);
  if (!checkers.has(key)) checkers.set(key, createChecker({ asOf: '2026-11-28', ...options }));
  return checkers.get(key)!;
}

const results: TestResult[] = [];

describe.each(files)('%s', (file) => {
  const t = loaded.get(file)!;
  let outcomes: TestResult[];
  beforeAll(async () => {
    outcomes = runTestFile(t, await checkerFor(t));
    results.push(...outcomes);
  });
  it.each(t.data.tests.map((test, i) => [test.name, i] as const))('%s', (_name, i) => {
    expect(outcomes[i].failures).toEqual([]);
    expect(t.data.tests[i].why ?? '').not.toBe('');
  });
});

// Rules over lists the law leaves empty today (India's restricted countries, Australia's prescribed
// ones) are shown firing on a copy of rules/ with hypothetical entries, so that the suite still fires
// every rule; the fixture's description names the entries.
const LISTS_FIXTURE = path.join(__dirname, 'fixtures', 'law-lists', 'in-au-empty-lists.yaml');
const HYPOTHETICAL_MEMBERS: Record<string, string> = {
  'IN-RESTRICTED': '{ country: CN, from: 2027-01-01 }',
  'AU-PRESCRIBED': '{ country: NZ, from: 2024-01-01 }',
};

describe('lists the law leaves empty, on a copy of the data with hypothetical entries', () => {
  const read = loadTestFile(LISTS_FIXTURE);
  if (!read.ok) throw new Error(read.diagnostics.map((e) => formatDiagnostic(e)).join('\n'));
  const t = read.value;
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'dfft-lists-'));
  let outcomes: TestResult[];
  beforeAll(async () => {
    fs.cpSync(RULES_DIR, copy, { recursive: true });
    const data = path.join(copy, 'data', 'jurisdictions.yaml');
    let text = fs.readFileSync(data, 'utf8');
    for (const [group, member] of Object.entries(HYPOTHETICAL_MEMBERS)) {
      const edited = text.replace(new RegExp(`(\\n {2}${group}:\\n(?: {4}.*\\n)*? {4}members: )\\[\\]`), `$1[${member}]`);
      if (edited === text) throw new Error(`${group}: no empty members list in rules/data/jurisdictions.yaml`);
      text = edited;
    }
    fs.writeFileSync(data, text);
    outcomes = runTestFile(t, await createChecker({ asOf: '2026-11-28', ...checkerOptionsFor(t), rulesDir: copy }));
    results.push(...outcomes);
  });
  afterAll(() => fs.rmSync(copy, { recursive: true, force: true }));
  it.each(t.data.tests.map((test, i) => [test.name, i] as const))('%s', (_name, i) => {
    expect(outcomes[i].failures).toEqual([]);
    expect(t.data.tests[i].why ?? '').not.toBe('');
  });
});

describe('the scenario suite', () => {
  it('has at least 60 scenarios', () => {
    expect([...loaded.values()].reduce((n, t) => n + t.data.tests.length, 0)).toBeGreaterThanOrEqual(60);
  });

  it('fires every rule of every built-in pack at least once and shows a near miss for each', async () => {
    const checker = await createChecker({ asOf: '2026-11-28', packs: builtinPackIds() });
    expect(checker.policy.packs.map((p) => p.id).sort()).toEqual(['au-privacy', 'br-lgpd', 'ch-fadp', 'cn-pipl', 'eu-gdpr', 'eu-jp-supplementary', 'in-dpdp', 'jp-appi', 'kr-pipa', 'sg-pdpa', 'uk-gdpr', 'us-dsp', 'us-padfa']);
    const ruleIds = checker.policy.packs.flatMap((p) => p.rules.map((r) => r.id));
    expect(ruleIds.length).toBeGreaterThan(30);
    const fired = new Set(results.flatMap((r) => r.fired));
    const nearMiss = new Set(results.flatMap((r) => r.absent));
    expect(ruleIds.filter((id) => !fired.has(id))).toEqual([]);
    expect(ruleIds.filter((id) => !nearMiss.has(id))).toEqual([]);
  });
});

describe('law as data', () => {
  it('changing an adequacy end date in rules/data/jurisdictions.yaml changes the verdicts, with no code change', async () => {
    const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'dfft-rules-'));
    try {
      fs.cpSync(RULES_DIR, copy, { recursive: true });
      const data = path.join(copy, 'data', 'jurisdictions.yaml');
      const text = fs.readFileSync(data, 'utf8');
      // The Japan decision, ended (hypothetically) on 2024-12-31.
      const edited = text.replace(/( {2}- id: eu-jp\n(?: {4}.*\n)*? {4}from: 2019-01-23\n)/, '$1    until: 2024-12-31\n');
      expect(edited).not.toBe(text);
      fs.writeFileSync(data, edited);
      expect(builtinPackIds(copy)).toEqual(builtinPackIds());

      const scenario = loaded.get('eu-jp-supplementary.yaml')!;
      const original = runTestFile(scenario, await createChecker({ asOf: '2026-11-28', packs: scenario.data.packs }));
      const changed = runTestFile(scenario, await createChecker({ asOf: '2026-11-28', packs: scenario.data.packs, rulesDir: copy }));
      const verdict = (rs: TestResult[]) => rs.flatMap((r) => r.report?.flows ?? []).find((f) => f.id === 'to-jp')?.verdict;
      expect(verdict(original)).toBe('allowed');
      expect(verdict(changed)).toBe('violation');
      expect(changed.find((r) => r.name.startsWith('The first transfer to Japan'))?.failures).toEqual(
        expect.arrayContaining(['flow to-jp: expected verdict allowed, got violation']),
      );
    } finally {
      fs.rmSync(copy, { recursive: true, force: true });
    }
  });
});
