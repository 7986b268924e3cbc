import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { applyBaseline } from '../../../src/report/baseline';
import { joinChunks } from '../../../src/report/formatters';
import { formatJunit, NO_REGIME } from '../../../src/report/formatters/junit';
import type { Report } from '../../../src/types';
import { exampleReport, EXAMPLES_DIR, fixtureReport, waivedFixtureReport } from '../support/fixtures';

interface Case {
  classname: string;
  name: string;
  file?: string;
  line?: string;
  failure?: { message: string; type: string; '#text': string };
  error?: { message: string; type: string; '#text': string };
  skipped?: { message: string };
  'system-out'?: string;
}
interface Suite {
  name: string;
  tests: string;
  failures: string;
  errors: string;
  skipped: string;
  properties?: { property: Array<{ name: string; value: string }> };
  testcase?: Case[];
  'system-out'?: string;
}

function parse(report: Report): { testsuites: { name: string; tests: string; failures: string; errors: string; skipped: string; testsuite: Suite[] } } {
  const xml = joinChunks(formatJunit(report));
  expect(XMLValidator.validate(xml)).toBe(true);
  return new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', parseAttributeValue: false, isArray: (name) => ['testsuite', 'testcase', 'property'].includes(name) }).parse(xml);
}

/** Suite → case name → outcome, the structure a CI server shows. */
function outcomes(report: Report): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  for (const s of parse(report).testsuites.testsuite) {
    out[s.name] = Object.fromEntries((s.testcase ?? []).map((c) => [c.name.split(' ')[0], c.failure ? `failure ${c.failure.type}` : c.error ? `error ${c.error.type}` : c.skipped ? `skipped: ${c.skipped.message}` : 'passed']));
  }
  return out;
}

describe('formatJunit', () => {
  it('gives one suite per rule pack with one case per flow it applied to, failures for error and warning findings, and skipped cases for flows no pack judged', () => {
    expect(outcomes(fixtureReport())).toEqual({
      'eu-gdpr': {
        'fr-sync': 'passed',
        hosting: 'passed', // an info finding does not fail
        newsletters: 'failure eu-gdpr/missing-tia',
        support: 'failure eu-gdpr/transfer-without-basis',
        'jp-sync': 'failure eu-gdpr/missing-tia',
      },
      'eu-jp-supplementary': {},
      'jp-appi': {
        'jp-ads': 'failure jp-appi/foreign-provision-without-basis',
        'onward-ads': 'passed',
      },
      acme: { 'onward-ads': 'failure acme/onward-needs-review' },
      [NO_REGIME]: { legacy: 'skipped: flow not in force on the asOf date' },
      'dfft.input': { 'manifest/unknown-reference': 'error manifest/unknown-reference' },
    });
  });

  it('counts tests, failures, errors and skipped per suite and in total', () => {
    const { testsuites } = parse(fixtureReport());
    const counts = Object.fromEntries(testsuites.testsuite.map((s) => [s.name, [s.tests, s.failures, s.errors, s.skipped].join('/')]));
    expect(counts).toEqual({ 'eu-gdpr': '5/3/0/0', 'eu-jp-supplementary': '0/0/0/0', 'jp-appi': '2/1/0/0', acme: '1/1/0/0', [NO_REGIME]: '1/0/0/1', 'dfft.input': '1/0/1/0' });
    expect([testsuites.tests, testsuites.failures, testsuites.errors, testsuites.skipped]).toEqual(['10', '5', '1', '1']);
  });

  it('puts the finding in the failure (message, rule as type, citation, fix, fingerprint) and the flow file and line on the case', () => {
    const gdpr = parse(fixtureReport()).testsuites.testsuite.find((s) => s.name === 'eu-gdpr')!;
    const support = gdpr.testcase!.find((c) => c.name.startsWith('support '))!;
    expect(support).toMatchObject({ classname: 'eu-gdpr', name: 'support (shop-fr FR → support-in IN)', file: 'manifests/shop.yaml', line: '19' });
    expect(support.failure!.message).toMatch(/^Flow support sends personal data \(customers\) from France/);
    expect(support.failure!['#text']).toContain('chain: fr-sync → support');
    expect(support.failure!['#text']).toContain('law: GDPR Art. 44-46, 49 http://data.europa.eu/eli/reg/2016/679/oj');
    expect(support.failure!['#text']).toContain('fingerprint: 3a510eca0202023349444ed319de4cd1');
    // A passing flow shows its basis as evidence.
    expect(gdpr.testcase!.find((c) => c.name.startsWith('hosting '))!['system-out']).toMatch(/^basis: adequacy: Commission Implementing Decision \(EU\) 2023\/1795/);
  });

  it('keeps markup and quotes in messages intact through XML escaping', () => {
    const acme = parse(fixtureReport()).testsuites.testsuite.find((s) => s.name === 'acme')!;
    expect(acme.testcase![0].failure!.message).toBe('Onward transfer onward-ads of <script>alert(1)</script> data | pipes & "quotes" needs a privacy review.');
  });

  it('does not fail a case for a waived or baselined finding, lists it in system-out, and fails it again when the waiver expired', () => {
    const waived = outcomes(waivedFixtureReport())['eu-gdpr'];
    expect(waived.support).toBe('passed');
    expect(waived['jp-sync']).toBe('failure eu-gdpr/missing-tia'); // its waiver expired on 2026-11-01
    const support = parse(waivedFixtureReport()).testsuites.testsuite[0].testcase!.find((c) => c.name.startsWith('support '))!;
    expect(support['system-out']).toContain('[waived by dpo@acme.example until 2027-01-31: SCCs signed <2026-12>, filing pending]');

    const base = fixtureReport();
    const baselined = outcomes(applyBaseline(base, { file: 'b.json', sha256: 'd'.repeat(64), fingerprints: new Set(base.findings.map((f) => f.fingerprint)) }));
    expect(Object.values(baselined['eu-gdpr'])).toEqual(['passed', 'passed', 'passed', 'passed', 'passed']);
  });

  it('puts report warnings in the input suite output', () => {
    const input = parse(waivedFixtureReport()).testsuites.testsuite.find((s) => s.name === 'dfft.input')!;
    expect(input['system-out']).toContain('warning waiver/expired waivers.yaml:9:5: waiver for eu-gdpr/missing-tia on flow jp-sync expired on 2026-11-01');
  });

  it('drops characters XML cannot hold instead of writing an unreadable file', () => {
    const r = fixtureReport();
    r.findings[0].message = 'bad \u0001 control \u001b[31m char';
    const acme = parse(r).testsuites.testsuite.find((s) => s.name === 'acme')!;
    expect(acme.testcase![0].failure!.message).toBe('bad  control [31m char');
  });

  it('writes well-formed XML for the examples, with a case for every flow', async () => {
    const report = await exampleReport([EXAMPLES_DIR]);
    const suites = parse(report).testsuites.testsuite;
    const flowsSeen = new Set(suites.flatMap((s) => (s.testcase ?? []).map((c) => c.name.split(' ')[0])));
    expect([...flowsSeen].sort()).toEqual(report.flows.map((f) => f.id).sort());
    const failures = suites.reduce((n, s) => n + Number(s.failures), 0);
    expect(failures).toBeGreaterThan(0);
  });
});
