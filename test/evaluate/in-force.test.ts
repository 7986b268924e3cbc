import { createChecker } from '../../src/library/checker';
import { CERTIFICATION_DATES, DATES_WITHOUT_VALIDITY, FLOW_DATES, MECHANISM_DATES } from '../../src/resolve/validity';
import { loadSchema } from '../../src/source/schemas';
import { manifest, yamlText } from '../support/helpers';
import { tmpDir } from '../support/tmp';

type Schema = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('every date field of the manifest is classified', () => {
  const schema = loadSchema('manifest') as Schema;
  const isDate = (s: Schema) => s.$ref === '#/definitions/Date' || s.format === 'date';
  const datesOf = (properties: Schema = {}) => Object.entries(properties).filter(([, p]) => isDate(p as Schema)).map(([k]) => k).sort();
  const classified = (f: { starts: readonly string[]; ends: readonly string[] }) => [...f.starts, ...f.ends].sort();

  it('each mechanism type has its date fields as starts or ends, and no field the schema lacks', () => {
    const branches = schema.definitions.Mechanism.oneOf as Schema[];
    const types = branches.map((b) => b.properties.type.const as string).sort();
    expect(Object.keys(MECHANISM_DATES).sort()).toEqual(types);
    for (const b of branches) {
      const type = b.properties.type.const as keyof typeof MECHANISM_DATES;
      expect([type, classified(MECHANISM_DATES[type])]).toEqual([type, datesOf(b.properties).filter((f) => !DATES_WITHOUT_VALIDITY.includes(f))]);
    }
  });

  it('flows and dated certifications have their ranges, and no other object of the manifest has a date', () => {
    expect(classified(FLOW_DATES)).toEqual(datesOf(schema.definitions.Flow.properties));
    const dated = (schema.definitions.Party.properties.certifications.items.oneOf as Schema[]).find((b) => b.type === 'object')!;
    expect(classified(CERTIFICATION_DATES)).toEqual(datesOf(dated.properties));
    for (const name of ['Party', 'Dataset']) expect([name, datesOf(schema.definitions[name].properties)]).toEqual([name, []]);
    expect(datesOf(schema.properties.system.properties)).toEqual([]);
  });
});

// An organisation's rules may read mechanisms and certifications in any way CEL allows. Each rule
// below passes only if it sees an SCC or a DPF certification: dated after asOf, none may see it.
const POLICY = `
policyVersion: 1
name: readers
variables:
  - name: sccTypes
    expression: flow.mechanisms.filter(m, m.type == "scc").map(m, m.type)
rules:
${[
  ['has-mechanism', 'hasMechanism("scc")'],
  ['mechanisms-function', 'mechanisms("scc").size() > 0'],
  ['mechanisms-field-exists', 'flow.mechanisms.exists(m, m.type == "scc")'],
  ['mechanisms-field-size', 'flow.mechanisms.size() > 0'],
  ['mechanisms-field-index', 'flow.mechanisms.size() > 0 && flow.mechanisms[0].type == "scc"'],
  ['mechanisms-field-map', '"scc" in flow.mechanisms.map(m, m.type)'],
  ['mechanisms-field-all', '!flow.mechanisms.all(m, m.type != "scc")'],
  ['mechanisms-field-signed', 'flow.mechanisms.exists(m, has(m.signedOn))'],
  ['via-variable', 'variables.sccTypes.size() > 0'],
  ['certifications-in', '"eu-us-dpf" in importer.certifications'],
  ['certifications-exists', 'importer.certifications.exists(c, c == "eu-us-dpf")'],
  ['certifications-size', 'importer.certifications.size() > 0'],
  ['adequacy', 'adequacy("eu").found'],
].map(([id, require]) => `  - id: readers/${id}
    title: ${id}
    severity: error
    citation: { law: test, article: "1" }
    require: '${require}'
    message: "{{ flow.id }} ${id}"
    remediation: none`).join('\n')}
  - id: readers/alternatives
    title: alternatives
    severity: error
    citation: { law: test, article: "1" }
    require:
      anyOf:
        - if: flow.mechanisms.exists(m, m.type == "scc")
          basis: "scc {{ flow.mechanisms.map(m, m.type).join(',') }}"
        - if: '"eu-us-dpf" in importer.certifications'
          basis: dpf
    message: "{{ flow.id }} alternatives"
    remediation: none
`;
const READERS = 14;

describe('rules see only what is in force on asOf, however they read it', () => {
  const dir = tmpDir({ 'policy.yaml': POLICY });
  const text = (signedOn: string, from: string) => yamlText(manifest({
    parties: [{ id: 'de', country: 'DE' }, { id: 'us', country: 'US', role: 'processor', certifications: [{ scheme: 'eu-us-dpf', from }] }],
    datasets: [{ id: 'customers', categories: ['contact'], collectedIn: ['DE'] }],
    flows: [{ id: 'f', from: 'de', to: 'us', datasets: ['customers'], mechanisms: [{ type: 'scc', module: 2, signedOn }] }],
  }));
  const run = async (signedOn: string, from: string) => {
    const checker = await createChecker({ asOf: '2026-11-28', policy: `${dir}/policy.yaml` });
    return checker.check([{ file: 'm.yaml', text: text(signedOn, from) }]);
  };

  it('passes every reader when the SCC and the certification date from asOf (the control)', async () => {
    const report = await run('2026-11-28', '2026-11-28');
    expect(report.errors).toEqual([]);
    expect(report.findings.filter((f) => f.ruleId.startsWith('readers/'))).toEqual([]);
    expect(report.flows[0].basis.map((b) => b.text)).toEqual(['scc scc']);
  });

  it('fails every reader when both are dated the day after asOf, and says why', async () => {
    const report = await run('2026-11-29', '2026-11-29');
    const fired = report.findings.filter((f) => f.ruleId.startsWith('readers/')).map((f) => f.ruleId);
    expect(fired).toHaveLength(READERS);
    expect(new Set(fired).size).toBe(READERS);
    expect(report.flows[0].verdict).toBe('violation');
    expect(report.flows[0].basis).toEqual([]);
    const why = report.findings.filter((f) => f.ruleId.startsWith('dfft/')); // in the report's order: by file position
    expect(why.map((f) => [f.ruleId, f.severity, f.location?.pointer])).toEqual([
      ['dfft/certification-not-in-force', 'info', '/parties/1/certifications/0/from'],
      // The policy extends no built-in pack: the EU pack that would judge the flow is not in the run.
      ['dfft/not-assessed', 'warning', '/flows/0'],
      ['dfft/not-yet-in-force', 'error', '/flows/0/mechanisms/0/signedOn'],
    ]);
  });

  it('keeps the mechanisms in force and drops only the one that is not', async () => {
    const checker = await createChecker({ asOf: '2026-11-28', policy: `${dir}/policy.yaml` });
    const report = checker.check([{
      file: 'm.yaml',
      text: yamlText(manifest({
        parties: [{ id: 'de', country: 'DE' }, { id: 'us', country: 'US', certifications: ['eu-us-dpf', { scheme: 'apec-cbpr', until: '2020-01-01' }] }],
        datasets: [{ id: 'customers', categories: ['contact'], collectedIn: ['DE'] }],
        flows: [{ id: 'f', from: 'de', to: 'us', datasets: ['customers'], mechanisms: [{ type: 'tia', completedOn: '2027-01-01' }, { type: 'scc', module: 2, signedOn: '2026-01-01' }] }],
      })),
    }]);
    expect(report.findings.filter((f) => f.ruleId.startsWith('readers/')).map((f) => f.ruleId)).toEqual([]);
    expect(report.findings.filter((f) => f.ruleId === 'dfft/not-yet-in-force').map((f) => f.message)).toEqual([
      'Flow f relies on the tia mechanism (mechanisms[0]) with completedOn 2027-01-01, after 2026-11-28, the date the law is applied for: it is not in force yet and was not counted as a basis.',
    ]);
  });

  it('explain shows the same view as the check', async () => {
    const checker = await createChecker({ asOf: '2026-11-28', policy: `${dir}/policy.yaml` });
    const explanation = checker.explain([{ file: 'm.yaml', text: text('2026-11-29', '2026-11-29') }], 'f');
    const rules = explanation.packs.flatMap((p) => p.rules).filter((r) => r.id.startsWith('readers/'));
    expect(rules.map((r) => r.outcome)).toEqual(new Array(READERS).fill('failed'));
  });
});
