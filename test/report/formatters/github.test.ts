import fc from 'fast-check';
import { applyBaseline } from '../../../src/report/baseline';
import { joinChunks } from '../../../src/report/formatters';
import { escapeData, escapeProperty, formatGithub } from '../../../src/report/formatters/github';
import type { Finding, Report } from '../../../src/types';
import { exampleReport, fixtureReport, waivedFixtureReport } from '../support/fixtures';

function githubOf(report: Report): string[] {
  const out = joinChunks(formatGithub(report));
  expect(out === '' || out.endsWith('\n')).toBe(true);
  return out === '' ? [] : out.slice(0, -1).split('\n');
}

/** The runner's reading of a command line (actions/runner ActionCommand.TryParseV2 and its unescaping), to read our lines back. */
function parseCommand(line: string): { command: string; properties: Record<string, string>; data: string } {
  const m = /^::([a-z]+)(?: ([^:]*))?::(.*)$/s.exec(line);
  if (!m) throw new Error(`not a workflow command: ${line}`);
  const unescape = (s: string) => s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%25/g, '%');
  const properties: Record<string, string> = {};
  for (const pair of (m[2] ?? '').split(',').filter(Boolean)) {
    const at = pair.indexOf('=');
    properties[pair.slice(0, at)] = unescape(pair.slice(at + 1));
  }
  return { command: m[1], properties, data: m[3].replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%') };
}

/** The fixture with its first finding replaced by one with text that must be escaped. */
function trickyReport(): Report {
  const report = fixtureReport();
  report.errors = [];
  const f: Finding = {
    ...report.findings[2],
    ruleId: 'acme/odd:rule,1',
    message: 'Flow x sends 100% of data: to "a,b"\nsecond line\r\nthird',
    citation: { law: 'GDPR', article: 'Art. 46(2)(c)' },
    remediation: 'Sign SCCs, then: declare them.',
    location: { file: './dir\\odd, name: v1.yaml', line: 7, column: 3, endLine: 7, endColumn: 19, pointer: '/flows/0' },
  };
  report.findings = [f];
  return report;
}

describe('formatGithub', () => {
  it('escapes a message and its properties exactly as @actions/core does, so that one finding is one line', () => {
    expect(githubOf(trickyReport())).toEqual([
      '::error file=dir/odd%2C name%3A v1.yaml,line=7,col=3,endLine=7,endColumn=19,title=acme/odd%3Arule%2C1::' +
        'Flow x sends 100%25 of data: to "a,b"%0Asecond line%0D%0Athird (GDPR Art. 46(2)(c)) Fix: Sign SCCs, then: declare them.',
    ]);
  });

  it('is read back by the runner as the finding it came from', () => {
    const [line] = githubOf(trickyReport());
    expect(parseCommand(line)).toEqual({
      command: 'error',
      properties: { file: 'dir/odd, name: v1.yaml', line: '7', col: '3', endLine: '7', endColumn: '19', title: 'acme/odd:rule,1' },
      data: 'Flow x sends 100% of data: to "a,b"\nsecond line\r\nthird (GDPR Art. 46(2)(c)) Fix: Sign SCCs, then: declare them.',
    });
  });

  it('escapes any text so that the runner reads it back unchanged, with no line break, and no "," or ":" left in a property', () => {
    const text = fc.string({ unit: fc.constantFrom('%', ',', ':', '\r', '\n', '0', 'A', 'D', '2', '5', 'C', '3', 'x', '=', ' ') });
    fc.assert(
      fc.property(text, text, (title, message) => {
        expect(escapeProperty(title)).not.toMatch(/[\r\n,:]/);
        expect(escapeData(message)).not.toMatch(/[\r\n]/);
        expect(parseCommand(`::notice title=${escapeProperty(title)}::${escapeData(message)}`)).toEqual({ command: 'notice', properties: { title }, data: message });
      }),
    );
  });

  it('gives input errors first, then findings in report order by severity (info as notice), then warnings; nothing but commands', () => {
    const report = fixtureReport();
    report.warnings = [{ code: 'waiver/unused', message: 'waiver 2 matches no finding', hint: 'remove it', location: { file: 'waivers.yaml', line: 9, column: 5, pointer: '/waivers/1' } }];
    const lines = githubOf(report);
    expect(lines).toHaveLength(1 + report.findings.length + 1);
    expect(lines.every((l) => /^::(error|warning|notice) [^\n]*::/.test(l))).toBe(true);
    expect(lines.map((l) => parseCommand(l).properties.title)).toEqual(['manifest/unknown-reference', ...report.findings.map((f) => f.ruleId), 'waiver/unused']);
    expect(lines.map((l) => parseCommand(l).command)).toEqual(['error', 'warning', 'notice', 'error', 'error', 'error', 'error', 'warning']);
    expect(lines[0]).toBe('::error file=manifests/partners & <vendors>.yaml,line=20,col=9,title=manifest/unknown-reference::flows[1].to: unknown party "ads-brr" (did you mean "ads-br"?)');
    expect(lines[7]).toBe('::warning file=waivers.yaml,line=9,col=5,title=waiver/unused::waiver 2 matches no finding (remove it)');
  });

  it('gives a span over several lines by its start (line and column), where its id is, and drops an end before the start', () => {
    const report = fixtureReport();
    // The fixture's first finding spans lines 12 to 15.
    expect(githubOf(report)[1]).toMatch(/^::warning file=manifests\/partners & <vendors>\.yaml,line=12,col=5,title=acme\/onward-needs-review::/);
    report.findings[0].location = { ...report.findings[0].location, line: 12, column: 9, endLine: 12, endColumn: 3 };
    report.findings[1].location = { ...report.findings[1].location, endLine: 3 };
    const [, first, second] = githubOf(report);
    expect(first).toMatch(/^::warning file=[^,]*,line=12,col=9,title=/);
    expect(second).toMatch(/^::notice file=manifests\/shop\.yaml,line=17,col=5,title=/);
  });

  it('annotates a problem without a location with no file properties', () => {
    const report = fixtureReport();
    report.findings = [];
    report.errors = [{ code: 'input/none', message: 'no manifest found: 100%' }];
    expect(githubOf(report)).toEqual(['::error title=input/none::no manifest found: 100%25']);
  });

  it('shows an actively waived finding as a notice naming the waiver, and a finding whose waiver expired at its own severity', () => {
    const lines = githubOf(waivedFixtureReport());
    const support = lines.find((l) => l.includes('Flow support '))!;
    expect(support).toMatch(/^::notice file=manifests\/shop\.yaml,line=19,col=5,endLine=19,endColumn=74,title=eu-gdpr\/transfer-without-basis::\[waived until 2027-01-31 by dpo@acme\.example: SCCs signed <2026-12>, filing pending\] Flow support /);
    const expired = lines.find((l) => l.includes('Flow jp-sync '))!;
    expect(expired).toMatch(/^::error .*title=eu-gdpr\/missing-tia::\[waiver expired on 2026-11-01\] Flow jp-sync /);
  });

  it('shows a finding in the baseline as a notice and a new one at its severity', () => {
    const report = fixtureReport();
    const known = report.findings[2];
    const lines = githubOf(applyBaseline(report, { file: 'baseline.json', sha256: 'd'.repeat(64), fingerprints: new Set([known.fingerprint]) }));
    expect(lines[3]).toMatch(/^::notice .*title=eu-gdpr\/missing-tia::\[in baseline\] Flow newsletters /);
    expect(lines[4]).toMatch(/^::error .*title=eu-gdpr\/transfer-without-basis::Flow support /);
  });

  it('shows a finding of a rule the policy disabled as a notice with the policy\'s reason', () => {
    const report = fixtureReport();
    report.findings[3].policyOverride = { change: 'disabled', ruleSeverity: 'error', reason: 'handled by legal, see ticket: 12', file: 'policy.yaml' };
    expect(githubOf(report)[4]).toMatch(/^::notice .*title=eu-gdpr\/transfer-without-basis::\[rule disabled by the policy: handled by legal, see ticket: 12 \(policy\.yaml\)\] Flow support /);
  });

  it('writes nothing for a report with nothing to say', () => {
    const report = fixtureReport();
    report.findings = [];
    report.errors = [];
    expect(joinChunks(formatGithub(report))).toBe('');
  });

  it('annotates every finding and input error of the examples, with paths as given', async () => {
    const report = await exampleReport(['examples/manifests', 'examples/invalid']);
    const lines = githubOf(report);
    expect(lines).toHaveLength(report.errors.length + report.findings.length + (report.warnings ?? []).length);
    expect(report.errors.length).toBeGreaterThan(0);
    for (const line of lines) expect(parseCommand(line).properties.file).toMatch(/^examples\/(manifests|invalid)\//);
  });
});
