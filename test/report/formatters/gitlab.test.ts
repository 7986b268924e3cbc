import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import { applyBaseline } from '../../../src/report/baseline';
import { joinChunks } from '../../../src/report/formatters';
import { formatGitlab, type CodeQualityIssue } from '../../../src/report/formatters/gitlab';
import type { Report } from '../../../src/types';
import { exampleEntries, exampleReport, EXAMPLES_DIR, fixtureReport, ROOT, waivedFixtureReport } from '../support/fixtures';

const SCHEMAS = path.join(ROOT, 'test', 'fixtures', 'gitlab');
// strictRequired off: the documented schema requires one of lines or positions, each declared beside the anyOf.
const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false });
/** GitLab's own schema of one issue (test/fixtures/gitlab/README.md). */
const gitlabIssue = ajv.compile(JSON.parse(fs.readFileSync(path.join(SCHEMAS, 'codeclimate.json'), 'utf8')));
/** What GitLab's documentation asks of a whole report. */
const documentedReport = ajv.compile(JSON.parse(fs.readFileSync(path.join(SCHEMAS, 'code-quality-docs.schema.json'), 'utf8')));

function gitlabOf(report: Report, pretty = false): CodeQualityIssue[] {
  const out = joinChunks(formatGitlab(report, { pretty }));
  expect(out.endsWith('\n')).toBe(true);
  return JSON.parse(out) as CodeQualityIssue[];
}

/** Schema errors of a report's issues, by GitLab's schema (each issue) and by its documentation (the whole), and any repeated fingerprint. */
function problemsOf(issues: CodeQualityIssue[]): string[] {
  const problems = issues.flatMap((issue, i) => (gitlabIssue(issue) ? [] : (gitlabIssue.errors ?? []).map((e) => `[${i}]${e.instancePath} ${e.message}`)));
  if (!documentedReport(issues)) problems.push(...(documentedReport.errors ?? []).map((e) => `${e.instancePath} ${e.message}`));
  const fingerprints = issues.map((i) => i.fingerprint);
  if (new Set(fingerprints).size !== fingerprints.length) problems.push('repeated fingerprint');
  return problems;
}

describe('formatGitlab', () => {
  it('gives one issue per input error, finding and warning, in that order, with dfft\'s fingerprints and GitLab\'s severities', () => {
    const report = fixtureReport();
    report.warnings = [{ code: 'waiver/unused', message: 'waiver 2 matches no finding', location: { file: 'waivers.yaml', line: 9, column: 5, pointer: '/waivers/1' } }];
    const issues = gitlabOf(report);
    expect(issues.map((i) => [i.check_name, i.severity])).toEqual([
      ['manifest/unknown-reference', 'blocker'],
      ['acme/onward-needs-review', 'minor'],
      ['eu-gdpr/record-of-transfer', 'info'],
      ['eu-gdpr/missing-tia', 'critical'],
      ['eu-gdpr/transfer-without-basis', 'critical'],
      ['eu-gdpr/missing-tia', 'critical'],
      ['jp-appi/foreign-provision-without-basis', 'critical'],
      ['waiver/unused', 'minor'],
    ]);
    expect(issues.slice(1, -1).map((i) => i.fingerprint)).toEqual(report.findings.map((f) => f.fingerprint));
    expect(issues[4]).toEqual({
      description: expect.stringMatching(/^Flow support sends personal data .* \(GDPR Art\. 44-46, 49\) Fix: Sign the standard contractual clauses/),
      check_name: 'eu-gdpr/transfer-without-basis',
      fingerprint: '3a510eca0202023349444ed319de4cd1',
      severity: 'critical',
      location: { path: 'manifests/shop.yaml', lines: { begin: 19 } },
    });
    // A span over several lines gives both.
    expect(issues[1].location).toEqual({ path: 'manifests/partners & <vendors>.yaml', lines: { begin: 12, end: 15 } });
    expect(issues[0].description).toBe('flows[1].to: unknown party "ads-brr" (did you mean "ads-br"?)');
    expect(problemsOf(issues)).toEqual([]);
  });

  it('keeps text as it is (JSON escapes it) and writes paths from the repository root with slashes', () => {
    const report = fixtureReport();
    report.findings = [{ ...report.findings[2], message: 'Flow x sends 100% of data: to "a,b"\nsecond line', location: { ...report.findings[2].location, file: './dir\\odd, name.yaml' } }];
    const [, issue] = gitlabOf(report);
    expect(issue.description).toMatch(/^Flow x sends 100% of data: to "a,b"\nsecond line \(/);
    expect(issue.location.path).toBe('dir/odd, name.yaml');
  });

  it('makes every fingerprint unique: a repeated finding fingerprint and two identical errors get their own, the same on every run', () => {
    const report = fixtureReport();
    report.findings[3].fingerprint = report.findings[2].fingerprint;
    report.errors = [report.errors[0], { ...report.errors[0] }, { code: 'input/none', message: 'no manifest found' }, { code: 'input/none', message: 'no manifest found' }];
    const issues = gitlabOf(report);
    expect(problemsOf(issues)).toEqual([]);
    expect(issues[4 + 2].fingerprint).toBe(report.findings[2].fingerprint);
    expect(issues[4 + 3].fingerprint).not.toBe(report.findings[2].fingerprint);
    expect(gitlabOf(report).map((i) => i.fingerprint)).toEqual(issues.map((i) => i.fingerprint));
    // An error's fingerprint does not move with its line.
    const moved = fixtureReport();
    moved.errors[0].location = { ...moved.errors[0].location!, line: 99 };
    expect(gitlabOf(moved)[0].fingerprint).toBe(gitlabOf(fixtureReport())[0].fingerprint);
  });

  it('points a problem without a location at the repository root, line 1', () => {
    const report = fixtureReport();
    report.errors = [{ code: 'input/none', message: 'no manifest found' }];
    expect(gitlabOf(report)[0]).toMatchObject({ check_name: 'input/none', severity: 'blocker', location: { path: '.', lines: { begin: 1 } } });
  });

  it('gives waived, baselined and disabled findings as info with the reason, and one whose waiver expired at its severity', () => {
    const waived = gitlabOf(waivedFixtureReport());
    expect(waived.find((i) => i.description.includes('Flow support '))).toMatchObject({
      severity: 'info',
      description: expect.stringMatching(/^\[waived until 2027-01-31 by dpo@acme\.example: SCCs signed <2026-12>, filing pending\] Flow support /),
    });
    expect(waived.find((i) => i.description.includes('Flow jp-sync '))).toMatchObject({ severity: 'critical', description: expect.stringMatching(/^\[waiver expired on 2026-11-01\] /) });
    const report = fixtureReport();
    report.findings[5].policyOverride = { change: 'disabled', ruleSeverity: 'error', reason: 'out of scope' };
    const baselined = gitlabOf(applyBaseline(report, { file: 'b.json', sha256: 'd'.repeat(64), fingerprints: new Set([report.findings[2].fingerprint]) }));
    expect(baselined[3]).toMatchObject({ severity: 'info', description: expect.stringMatching(/^\[in baseline\] Flow newsletters /) });
    expect(baselined[6]).toMatchObject({ severity: 'info', description: expect.stringMatching(/^\[rule disabled by the policy: out of scope\] /) });
    expect(baselined[4].severity).toBe('critical');
    expect(problemsOf(waived)).toEqual([]);
  });

  it('writes the same issues indented with pretty, and an empty array for an empty report', () => {
    expect(gitlabOf(fixtureReport(), true)).toEqual(gitlabOf(fixtureReport()));
    expect(joinChunks(formatGitlab(fixtureReport(), { pretty: true }))).toMatch(/^\[\n {2}\{\n {4}"description": /);
    const empty = fixtureReport();
    empty.findings = [];
    empty.errors = [];
    expect(joinChunks(formatGitlab(empty))).toBe('[]\n');
  });

  it('validates against GitLab\'s schema, with unique fingerprints, on every example and on the invalid examples\' input errors', async () => {
    const runs: Array<[string, Report]> = [
      [EXAMPLES_DIR, await exampleReport([EXAMPLES_DIR])],
      ...(await Promise.all(exampleEntries().map(async (entry): Promise<[string, Report]> => [entry, await exampleReport([entry])]))),
      ['examples/invalid', await exampleReport(['examples/invalid'])],
    ];
    const invalid = runs[runs.length - 1][1];
    expect(invalid.errors.length).toBeGreaterThan(1);
    for (const [name, report] of runs) {
      const issues = gitlabOf(report);
      expect(issues).toHaveLength(report.errors.length + report.findings.length + (report.warnings ?? []).length);
      expect({ name, problems: problemsOf(issues) }).toEqual({ name, problems: [] });
    }
    expect(gitlabOf(invalid).slice(0, invalid.errors.length).every((i) => i.severity === 'blocker' && i.location.path.startsWith('examples/invalid/'))).toBe(true);
  });

  it('the schemas catch what GitLab would drop (a check of the check)', () => {
    const [issue] = gitlabOf(fixtureReport());
    expect(gitlabIssue({ ...issue, fingerprint: undefined })).toBe(false);
    expect(gitlabIssue({ ...issue, location: { path: 'a.yaml', lines: { begin: '3' } } })).toBe(false);
    expect(problemsOf([issue, issue])).toEqual(['repeated fingerprint']);
    expect(problemsOf([{ ...issue, severity: 'error' as never }])).not.toEqual([]);
    expect(problemsOf([{ ...issue, location: { path: '/abs/a.yaml', lines: { begin: 1 } } }])).not.toEqual([]);
  });
});
