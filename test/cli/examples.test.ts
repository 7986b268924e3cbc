import * as path from 'node:path';
import type { Report } from '../../src/types';
import { runCli } from '../support/cli';

// Every outcome stated in examples/README.md, checked here so that the examples cannot rot.
const root = path.join(__dirname, '..', '..', 'examples');
const asOf = ['--as-of', '2026-11-28'];

async function report(...paths: string[]): Promise<{ code: number; report: Report }> {
  const { code, stdout } = await runCli(['check', ...asOf, '-f', 'json', ...paths.map((p) => path.join(root, p))]);
  return { code, report: JSON.parse(stdout) as Report };
}

function outcome(r: Report, flowId: string): [string, string[]] {
  const flow = r.flows.find((f) => f.id === flowId);
  if (!flow) throw new Error(`no flow ${flowId}`);
  return [flow.verdict, r.findings.filter((f) => f.flowId === flowId && f.severity !== 'info').map((f) => f.ruleId).sort()];
}

describe('examples/manifests', () => {
  it.each([
    ['eu-saas-us-processor.yaml', 1, { hosting: ['allowed', []], 'support-remote': ['violation', ['eu-gdpr/transfer-without-basis']], 'offshore-support': ['allowed', []], 'product-metrics': ['violation', ['eu-gdpr/missing-tia']] }],
    ['jp-retailer-eu-subsidiary.json', 1, { 'eu-orders-to-hq': ['allowed', []], 'members-to-eu': ['allowed', []], 'delivery-asia': ['violation', ['jp-appi/foreign-provision-without-basis']], 'ads-us': ['allowed', []], 'eu-orders-to-delivery': ['allowed', []] }],
    ['multi-hop', 1, { 'trial-to-japan': ['allowed', []], 'trial-to-cro': ['violation', ['eu-jp-supplementary/onward-transfer']], 'cro-to-datalab': ['violation', ['eu-gdpr/onward-transfer-without-basis']] }],
    ['clean-eu-shop.yaml', 0, { payments: ['allowed', []], mailing: ['allowed', []], 'product-texts': ['allowed', []], shipping: ['allowed', []], support: ['allowed', []] }],
    ['special-categories-hr.yaml', 1, { benefits: ['review', ['eu-gdpr/adequacy-scope-unconfirmed', 'eu-gdpr/special-categories-without-condition']], 'payroll-to-japan': ['allowed', []], 'union-data-opt-out': ['violation', ['eu-jp-supplementary/purpose-beyond-eu-collection', 'eu-jp-supplementary/special-care-opt-out']] }],
  ] as Array<[string, number, Record<string, [string, string[]]>]>)('%s gives exit %i and the documented verdicts', async (file, exit, flows) => {
    const { code, report: r } = await report(`manifests/${file}`);
    expect(code).toBe(exit);
    expect(r.errors).toEqual([]);
    expect(Object.fromEntries(r.flows.map((f) => [f.id, outcome(r, f.id)]))).toEqual(flows);
  });

  it('traces the multi-hop chain across both manifests into the findings\' paths', async () => {
    const { report: r } = await report('manifests/multi-hop');
    expect(r.findings.find((f) => f.flowId === 'trial-to-cro')?.path).toEqual(['trial-to-japan', 'trial-to-cro']);
    expect(r.findings.find((f) => f.flowId === 'cro-to-datalab')?.path).toEqual(['trial-to-japan', 'trial-to-cro', 'cro-to-datalab']);
    expect(r.findings.find((f) => f.flowId === 'cro-to-datalab')?.location.file).toMatch(/jp-research-partner\.yaml$/);
  });

  it('checks the whole folder with exit 1, the README\'s main command', async () => {
    const { code, report: r } = await report('manifests');
    expect(code).toBe(1);
    expect(r.summary.flows).toBe(24);
    expect(r.inputs).toHaveLength(7);
  });
});

describe('examples/registry', () => {
  it('gives exit 1 and the documented verdicts: the teams use the registry\'s parties and datasets', async () => {
    const { code, report: r } = await report('registry');
    expect(code).toBe(1);
    expect(r.errors).toEqual([]);
    expect(Object.fromEntries(r.flows.map((f) => [f.id, outcome(r, f.id)]))).toEqual({
      'crm-to-japan': ['allowed', []],
      'crm-hosting': ['allowed', []],
      'payroll-to-japan': ['allowed', []],
      'hr-analytics': ['violation', ['eu-gdpr/transfer-without-basis']],
    });
  });
});

describe('examples with the UK, Swiss and Chinese packs', () => {
  it('gives their findings with --packs uk-gdpr,ch-fadp,cn-pipl', async () => {
    const { code, stdout } = await runCli(['check', ...asOf, '--packs', 'uk-gdpr,ch-fadp,cn-pipl', '-f', 'json', path.join(root, 'manifests')]);
    expect(code).toBe(1);
    const r = JSON.parse(stdout) as Report;
    expect(Object.fromEntries(['uk-crm', 'uk-analytics', 'ch-translations', 'cn-to-hq'].map((id) => [id, outcome(r, id)]))).toEqual({
      'uk-crm': ['allowed', []],
      'uk-analytics': ['violation', ['uk-gdpr/missing-data-protection-test']],
      'ch-translations': ['review', ['ch-fadp/scc-adaptations-unconfirmed']],
      'cn-to-hq': ['violation', ['cn-pipl/transfer-mechanism-required']],
    });
    expect(r.flows.find((f) => f.id === 'uk-crm')?.basis.map((b) => b.text)).toEqual(['UK adequacy: The Data Protection (Adequacy) (United States of America) Regulations 2023 (SI 2023/1028) (United States (UK Extension to the EU-US DPF))']);
    // Flows the chosen packs leave unjudged, while the EU or Japanese packs would judge them, are not assessed: never allowed.
    const unjudged = r.flows.filter((f) => f.verdict === 'not-assessed');
    expect(unjudged.length).toBeGreaterThan(10);
    expect(r.summary.verdicts['not-assessed']).toBe(unjudged.length);
    expect(r.findings.filter((f) => f.ruleId === 'dfft/not-assessed')).toHaveLength(unjudged.length);
    expect(unjudged.every((f) => f.crossBorder && (f.wouldApply ?? []).some((p) => ['eu-gdpr', 'jp-appi', 'eu-jp-supplementary'].includes(p)))).toBe(true);
  });
});

describe('examples/invalid', () => {
  it.each([
    ['bad-manifest.json', ['7:35 parties[2].country: "UK" is not a known value (did you mean "GB"?)', '11:84 flows[0]: unknown field "frequncy" (did you mean "frequency"?)']],
    ['unknown-party.yaml', ['11:42 flows[1].to: unknown party "acme-jpp" (did you mean "acme-jp"?)']],
    ['broken.yaml', ['4:1 invalid YAML: flow map in block collection must be sufficiently indented and end with a }']],
  ])('%s gives exit 2 with each error located', async (file, errors) => {
    const { code, report: r } = await report(`invalid/${file}`);
    expect(code).toBe(2);
    expect(r.errors.map((e) => `${e.location?.line}:${e.location?.column} ${e.message}${e.hint ? ` (${e.hint})` : ''}`)).toEqual(errors);
  });

  it('still reports the findings of valid manifests checked in the same run', async () => {
    const { code, report: r } = await report('manifests/eu-saas-us-processor.yaml', 'invalid');
    expect(code).toBe(2);
    expect(r.errors).toHaveLength(4);
    expect(r.findings.map((f) => f.flowId)).toEqual(expect.arrayContaining(['support-remote', 'product-metrics']));
  });
});
