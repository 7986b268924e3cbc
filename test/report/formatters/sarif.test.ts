import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type * as Sarif from 'sarif';
import { applyBaseline } from '../../../src/report/baseline';
import { joinChunks } from '../../../src/report/formatters';
import { artifactLocationOf, formatSarif, SARIF_FINGERPRINT_KEY } from '../../../src/report/formatters/sarif';
import type { Report } from '../../../src/types';
import { HOMEPAGE } from '../../../src/version';
import { exampleEntries, exampleReport, EXAMPLES_DIR, fixtureReport, ROOT, waivedFixtureReport } from '../support/fixtures';
import { multitoolAvailable, runSarifValidator, sarifSchemaErrors, type SarifIssue } from '../support/sarif-validator';

function sarifOf(report: Report): Sarif.Log {
  return JSON.parse(joinChunks(formatSarif(report))) as Sarif.Log;
}

describe('formatSarif', () => {
  const report = fixtureReport();
  const log = sarifOf(report);
  const run = log.runs[0];

  it('writes a SARIF 2.1.0 log with one run by dfft, valid against the SARIF JSON Schema', () => {
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
    expect(run.tool.driver).toMatchObject({ name: 'dfft', version: '0.1.0', semanticVersion: '0.1.0', informationUri: HOMEPAGE });
    // The homepage is package.json's (the project's repository when package.json names none).
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { homepage?: string };
    expect(HOMEPAGE).toBe(pkg.homepage ?? 'https://github.com/dfft-dev/dfft');
    expect(run.columnKind).toBe('utf16CodeUnits');
    expect(sarifSchemaErrors(log)).toEqual([]);
  });

  it('lists each rule with findings once, sorted, with help text, the citation URL as helpUri and the worst severity as default level', () => {
    expect(run.tool.driver.rules!.map((r) => r.id)).toEqual([
      'acme/onward-needs-review',
      'eu-gdpr/missing-tia',
      'eu-gdpr/record-of-transfer',
      'eu-gdpr/transfer-without-basis',
      'jp-appi/foreign-provision-without-basis',
    ]);
    const rule = run.tool.driver.rules!.find((r) => r.id === 'eu-gdpr/transfer-without-basis')!;
    expect(rule.helpUri).toBe('http://data.europa.eu/eli/reg/2016/679/oj');
    expect(rule.shortDescription!.text).toBe('Transfer without basis (GDPR Art. 44-46, 49)');
    expect(rule.help!.text).toContain('Legal source: GDPR Art. 44-46, 49 (http://data.europa.eu/eli/reg/2016/679/oj)');
    expect(rule.help!.markdown).toContain('[GDPR Art. 44-46, 49](http://data.europa.eu/eli/reg/2016/679/oj)');
    expect(rule.help!.text).toContain('rule pack eu-gdpr 1.0.0, law as of 2026-05-31');
    expect(rule.defaultConfiguration!.level).toBe('error');
    // A rule without a citation URL has no helpUri rather than an empty one.
    expect(run.tool.driver.rules!.find((r) => r.id === 'acme/onward-needs-review')!.helpUri).toBeUndefined();
  });

  it('gives one result per finding, with level from severity (info → note), its physical location and the rule index', () => {
    expect(run.results).toHaveLength(report.findings.length);
    const levels = Object.fromEntries(run.results!.map((r) => [r.ruleId, r.level]));
    expect(levels).toMatchObject({ 'acme/onward-needs-review': 'warning', 'eu-gdpr/record-of-transfer': 'note', 'jp-appi/foreign-provision-without-basis': 'error' });
    const support = run.results!.find((r) => r.properties!.flowId === 'support')!;
    expect(run.tool.driver.rules![support.ruleIndex!].id).toBe(support.ruleId);
    expect(support.locations![0].physicalLocation).toEqual({
      artifactLocation: { uri: 'manifests/shop.yaml', uriBaseId: '%SRCROOT%', index: 1 },
      region: { startLine: 19, startColumn: 5, endLine: 19, endColumn: 74 },
    });
    expect(support.locations![0].logicalLocations![0]).toEqual({ name: 'support', fullyQualifiedName: 'fr-sync > support', kind: 'object' });
    expect(support.message.text).toMatch(/^Flow support sends personal data .*\nRemediation: Sign the standard contractual clauses/s);
  });

  it('uses the finding fingerprint as partial fingerprint, so results match across runs even when lines move', () => {
    const moved = fixtureReport();
    for (const f of moved.findings) f.location = { ...f.location, line: f.location.line + 40 };
    const before = run.results!.map((r) => r.partialFingerprints![SARIF_FINGERPRINT_KEY]);
    const after = sarifOf(moved).runs[0].results!.map((r) => r.partialFingerprints![SARIF_FINGERPRINT_KEY]);
    expect(before).toEqual(report.findings.map((f) => f.fingerprint));
    expect(after).toEqual(before);
    expect(new Set(before).size).toBe(before.length);
  });

  it('lists the inputs as artifacts with their sha256, and percent-encodes paths with spaces and markup', () => {
    expect(run.artifacts).toEqual([
      { location: { uri: 'manifests/partners%20%26%20%3Cvendors%3E.yaml', uriBaseId: '%SRCROOT%' }, hashes: { 'sha-256': 'ab'.repeat(32) }, roles: ['analysisTarget'] },
      { location: { uri: 'manifests/shop.yaml', uriBaseId: '%SRCROOT%' }, hashes: { 'sha-256': report.inputs[1].sha256 }, roles: ['analysisTarget'] },
      { location: { uri: 'policy/acme%20policy.yaml', uriBaseId: '%SRCROOT%' }, hashes: { 'sha-256': '1'.repeat(64) }, roles: ['policy'] },
    ]);
  });

  it('reports input errors as error notifications and marks the run unsuccessful', () => {
    const invocation = run.invocations![0];
    expect(invocation.executionSuccessful).toBe(false);
    expect(invocation.toolExecutionNotifications).toEqual([
      expect.objectContaining({ level: 'error', descriptor: { id: 'manifest/unknown-reference' }, message: { text: 'flows[1].to: unknown party "ads-brr" (did you mean "ads-br"?)' } }),
    ]);
  });

  it('marks an actively waived finding as an accepted external suppression, and an expired waiver as none', () => {
    const results = sarifOf(waivedFixtureReport()).runs[0].results!;
    const waived = results.find((r) => r.properties!.flowId === 'support')!;
    expect(waived.suppressions).toEqual([
      {
        kind: 'external',
        status: 'accepted',
        justification: 'SCCs signed <2026-12>, filing pending (approved by dpo@acme.example; expires 2027-01-31)',
        // The waiver file is an artifact of the run too (index 3, after two manifests and the policy).
        location: { physicalLocation: { artifactLocation: { uri: 'waivers.yaml', uriBaseId: '%SRCROOT%', index: 3 }, region: { startLine: 3, startColumn: 5 } } },
      },
    ]);
    const expired = results.find((r) => r.properties!.flowId === 'jp-sync')!;
    expect(expired.suppressions).toBeUndefined();
    expect(expired.properties!.waiver).toMatchObject({ status: 'expired', expires: '2026-11-01' });
  });

  it('sets baselineState on every result when a baseline was applied, and leaves it out otherwise', () => {
    expect(run.results!.every((r) => r.baselineState === undefined)).toBe(true);
    const known = report.findings[0].fingerprint;
    const results = sarifOf(applyBaseline(report, { file: 'baseline.json', sha256: 'd'.repeat(64), fingerprints: new Set([known]) })).runs[0].results!;
    expect(results.map((r) => r.baselineState)).toEqual(report.findings.map((f) => (f.fingerprint === known ? 'unchanged' : 'new')));
  });

  it('drops a region end that lies before its start instead of writing an invalid region', () => {
    const r = fixtureReport();
    r.findings[0].location = { ...r.findings[0].location, line: 12, column: 9, endLine: 12, endColumn: 3 };
    expect(sarifOf(r).runs[0].results![0].locations![0].physicalLocation!.region).toEqual({ startLine: 12, startColumn: 9 });
  });
});

describe('artifactLocationOf', () => {
  it.each([
    ['examples/manifests/a.yaml', { uri: 'examples/manifests/a.yaml', uriBaseId: '%SRCROOT%' }],
    ['./a b.yaml', { uri: 'a%20b.yaml', uriBaseId: '%SRCROOT%' }],
    ['dir\\win#1.json', { uri: 'dir/win%231.json', uriBaseId: '%SRCROOT%' }],
    ['/abs/x y.yaml', { uri: 'file:///abs/x%20y.yaml' }],
    ['C:\\repo\\a.yaml', { uri: 'file:///C:/repo/a.yaml' }],
  ])('maps %j to %j', (file, expected) => {
    expect(artifactLocationOf(file)).toEqual(expected);
  });
});

describe('SARIF against the official validator (@microsoft/sarif-multitool, SARIF and GitHub rules)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dfft-sarif-out-'));
  const cases: Array<[string, string]> = [];
  let issues: Map<string, SarifIssue[]>;

  beforeAll(async () => {
    expect(multitoolAvailable()).toBe(true); // CI runs: chmod u+x node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool
    const reports: Array<[string, Report]> = [
      ['fixture', fixtureReport()],
      ['fixture with waivers and baseline', applyBaseline(waivedFixtureReport(), { file: 'baseline.json', sha256: 'd'.repeat(64), fingerprints: new Set([fixtureReport().findings[1].fingerprint]) })],
      [`all of ${EXAMPLES_DIR}`, await exampleReport([EXAMPLES_DIR])],
      ...(await Promise.all(exampleEntries().map(async (entry): Promise<[string, Report]> => [entry, await exampleReport([entry])]))),
    ];
    for (const [name, report] of reports) {
      const file = path.join(dir, `${cases.length}.sarif`);
      fs.writeFileSync(file, joinChunks(formatSarif(report)));
      cases.push([name, file]);
    }
    issues = await runSarifValidator(cases.map(([, file]) => file));
  }, 180_000);

  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('finds examples to check', () => {
    expect(exampleEntries().length).toBeGreaterThan(0);
  });

  it('passes every log with no error and no warning', () => {
    for (const [name, file] of cases) {
      const found = issues.get(file)!;
      // The validator reports nothing at all for a file it could not read: ours must have been analysed.
      expect({ name, analysed: found.length > 0 }).toEqual({ name, analysed: true });
      const problems = found.filter((i) => i.level === 'error' || i.level === 'warning');
      expect({ name, problems }).toEqual({ name, problems: [] });
    }
  });

  it('flags a broken log (a sanity check of the validator run itself)', async () => {
    const broken = sarifOf(fixtureReport());
    broken.runs[0].results![0].ruleIndex = 99;
    delete broken.runs[0].results![1].locations;
    const file = path.join(dir, 'broken.sarif');
    fs.writeFileSync(file, JSON.stringify(broken));
    const found = (await runSarifValidator([file])).get(file)!;
    expect(found.filter((i) => i.level === 'error').map((i) => i.ruleId)).toEqual(expect.arrayContaining(['SARIF1009', 'GH1015']));
  }, 60_000);
});
