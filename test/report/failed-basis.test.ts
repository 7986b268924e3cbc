/**
 * Bases are evidence: a flow's `basis` names only what made it lawful on the date; a basis a rule
 * passed on that an error of its pack (or of a pack that amends it) rejected is in `failedBasis`,
 * with the rules that rejected it.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkRun, formatReport, readManifestPaths, type FlowResult, type Report } from '../../src/index';
import { tmpDir } from '../support/tmp';

const EXAMPLES = path.resolve(__dirname, '../../examples/manifests');
const read = readManifestPaths([EXAMPLES]);
const asOf = '2026-11-28';

async function reportWith(options: { policy?: string; packs?: string[] } = {}): Promise<Report> {
  return (await checkRun(read.sources, { asOf, ...options })).report;
}

const flow = (report: Report, id: string): FlowResult => report.flows.find((f) => f.id === id)!;

describe('failedBasis', () => {
  let report: Report;
  beforeAll(async () => {
    report = await reportWith();
  });

  it('moves clauses without a transfer impact assessment out of the basis, naming the rule that rejected them', () => {
    const metrics = flow(report, 'product-metrics');
    expect(metrics.verdict).toBe('violation');
    expect(metrics.basis).toEqual([]);
    expect(metrics.failedBasis).toEqual([expect.objectContaining({ regime: 'eu-gdpr', ruleId: 'eu-gdpr/transfer-without-basis', text: expect.stringContaining('standard contractual clauses 2021/914'), rejectedBy: ['eu-gdpr/missing-tia'] })]);
  });

  it('lets the Supplementary Rules reject an APPI basis (pack.amends), and leaves the bases of other law alone', () => {
    const optOut = flow(report, 'union-data-opt-out');
    expect(optOut.failedBasis).toEqual([expect.objectContaining({ regime: 'jp-appi', text: 'APPI Art. 27(2): opt-out provision', rejectedBy: ['eu-jp-supplementary/purpose-beyond-eu-collection', 'eu-jp-supplementary/special-care-opt-out'] })]);
    // The GDPR's answer for this flow (no transfer from the EEA) is not touched by APPI's failure.
    expect(optOut.basis).toEqual([expect.objectContaining({ regime: 'eu-gdpr', text: expect.stringContaining('not a transfer from the EEA') })]);
    const cro = flow(report, 'trial-to-cro');
    expect(cro.basis).toEqual([]);
    expect(cro.failedBasis!.map((b) => b.rejectedBy)).toEqual([['eu-jp-supplementary/onward-transfer'], ['eu-jp-supplementary/onward-transfer']]);
  });

  it('without the Supplementary Rules in the run, the APPI basis stands', async () => {
    const appiOnly = await reportWith({ packs: ['jp-appi'] });
    const optOut = flow(appiOnly, 'union-data-opt-out');
    expect(optOut.failedBasis).toBeUndefined();
    expect(optOut.basis).toEqual([expect.objectContaining({ regime: 'jp-appi', text: 'APPI Art. 27(2): opt-out provision' })]);
  });

  it('a rule the policy disabled rejects nothing', async () => {
    const dir = tmpDir({ 'policy.yaml': 'policyVersion: 1\nname: org\nextends: ["dfft:eu-gdpr"]\noverrides:\n  - { rule: eu-gdpr/missing-tia, enabled: false, reason: TIA kept outside dfft }\n' });
    const metrics = flow(await reportWith({ policy: path.join(dir, 'policy.yaml') }), 'product-metrics');
    expect(metrics.failedBasis).toBeUndefined();
    expect(metrics.basis).toEqual([expect.objectContaining({ text: expect.stringContaining('standard contractual clauses') })]);
  });

  it('flows that fail the same way share one failed basis and one list of them (a large estate repeats a few)', async () => {
    const text = fs.readFileSync(path.join(EXAMPLES, 'eu-saas-us-processor.yaml'), 'utf8');
    // The same flow twice more under other ids: the same basis, rejected by the same rule.
    const copies = text.replace(/ {2}- id: product-metrics\n((?: {4}.*\n)*)/, (whole, body: string) => `${whole}  - id: product-metrics-2\n${body}  - id: product-metrics-3\n${body}`);
    expect(copies).toContain('product-metrics-3');
    const { report: twice } = await checkRun([{ file: 'copies.yaml', text: copies }], { asOf });
    const [a, b, c] = ['product-metrics', 'product-metrics-2', 'product-metrics-3'].map((id) => flow(twice, id));
    expect(a.failedBasis).toEqual([expect.objectContaining({ ruleId: 'eu-gdpr/transfer-without-basis', rejectedBy: ['eu-gdpr/missing-tia'] })]);
    expect(b.failedBasis).toBe(a.failedBasis);
    expect(c.failedBasis).toBe(a.failedBasis);
    // Written as before: the basis's own fields, then the rules that rejected it.
    expect(Object.keys(a.failedBasis![0]!)).toEqual(['regime', 'ruleId', 'text', 'dpv', 'rejectedBy']);
  });

  it('holds for every flow: no basis beside an error of its own pack, every failed basis has an error that rejected it', () => {
    const errors = new Map<string, Set<string>>();
    for (const f of report.findings) if (f.severity === 'error') (errors.get(f.flowId) ?? errors.set(f.flowId, new Set()).get(f.flowId)!).add(f.ruleId);
    for (const f of report.flows) {
      const own = errors.get(f.id) ?? new Set();
      for (const b of f.basis) expect([...own].filter((r) => r.startsWith(`${b.regime}/`))).toEqual([]);
      for (const b of f.failedBasis ?? []) for (const r of b.rejectedBy) expect(own.has(r)).toBe(true);
      if (f.verdict === 'allowed') expect(f.failedBasis).toBeUndefined();
    }
  });

  it('survives the lean report and is written in the full one, and in JUnit', async () => {
    const lean = JSON.parse(String(await formatReport('json', report, {}))) as { flows: FlowResult[] };
    expect(lean.flows.find((f) => f.id === 'product-metrics')!.failedBasis).toEqual(flow(report, 'product-metrics').failedBasis);
    const junit = String(await formatReport('junit', report, {}));
    expect(junit).toContain('basis failed: Art. 46(2)(c) standard contractual clauses 2021/914, module 2 (rejected by eu-gdpr/missing-tia)');
  });

  it('is shown as failed in the HTML and Markdown, never as the basis', async () => {
    const markdown = String(await formatReport('markdown', report, {}));
    const row = markdown.split('\n').find((l) => l.startsWith('| `product-metrics`'))!;
    expect(row).toContain('~~Art. 46(2)(c) standard contractual clauses 2021/914, module 2~~ failed: rejected by `eu-gdpr/missing-tia`');
    const html = String(await formatReport('html', report, {}));
    const flowRow = html.slice(html.indexOf('<tr id="flow-product-metrics"'), html.indexOf('</tr>', html.indexOf('<tr id="flow-product-metrics"')));
    expect(flowRow).toContain('<li class="basis basis-failed"><span class="cross" aria-hidden="true">✗</span> <s>Art. 46(2)(c) standard contractual clauses 2021/914, module 2</s>');
    expect(flowRow).toContain('rejected by <code>eu-gdpr/missing-tia</code>');
    expect(flowRow).not.toContain('class="tick"');
  });
});

describe('pack.amends', () => {
  it('names a pack dfft knows: a misspelt one is an error with a did-you-mean, not a silent no-op', async () => {
    const dir = tmpDir({ 'rules.yaml': [
      'policyVersion: 1',
      'pack: { id: acme-law, title: ACME rules, version: 1.0.0, effective: 2026-01-01, appliesWhen: "true", amends: [jp-api] }',
      'extends: ["dfft:jp-appi"]',
      'rules: []', ''].join('\n') });
    await expect(checkRun(read.sources, { asOf, policy: path.join(dir, 'rules.yaml') })).rejects.toMatchObject({
      diagnostics: [expect.objectContaining({ code: 'policy/schema', message: 'pack.amends: unknown pack "jp-api"', hint: 'did you mean "jp-appi"?', location: expect.objectContaining({ line: 2 }) })],
    });
  });
});
