import { createChecker } from '../../src/library/checker';
import { checkManifests, manifest, rulesOn, verdictOf, yamlText } from '../support/helpers';
import { tmpDir } from '../support/tmp';

const parties = [
  { id: 'de', country: 'DE' },
  { id: 'fr', country: 'FR' },
  { id: 'us', country: 'US', role: 'processor' },
  { id: 'us-dpf', country: 'US', certifications: ['eu-us-dpf'] },
  { id: 'jp', country: 'JP', activities: [] },
  { id: 'sg', country: 'SG' },
];
const datasets = [
  { id: 'customers', categories: ['contact'], collectedIn: ['DE'] },
  { id: 'anon', categories: ['online-activity'], identifiability: 'anonymised' },
];
const flow = (id: string, from: string, to: string, extra: Record<string, unknown> = {}) => ({ id, from, to, datasets: ['customers'], ...extra });

describe('the engine with the built-in packs', () => {
  it('reports personal data leaving the EEA with no basis, and not a transfer inside the EEA', async () => {
    const report = await checkManifests({ 'm.yaml': manifest({ parties, datasets, flows: [flow('out', 'de', 'us'), flow('inside', 'de', 'fr')] }) });
    expect(rulesOn(report, 'out')).toEqual(['eu-gdpr/transfer-without-basis']);
    expect(verdictOf(report, 'out')).toBe('violation');
    expect(rulesOn(report, 'inside')).toEqual([]);
    expect(report.flows.find((f) => f.id === 'inside')?.regimes).toEqual(['eu-gdpr']);
  });

  it('names the basis that made a flow lawful', async () => {
    const report = await checkManifests({
      'm.yaml': manifest({ parties, datasets, flows: [
        flow('dpf', 'de', 'us-dpf'),
        flow('scc', 'de', 'us', { mechanisms: [{ type: 'scc', module: 2 }, { type: 'tia', completedOn: '2023-02-15', outcome: 'no-supplementary-measures-needed' }] }),
        flow('scc-no-tia', 'de', 'us', { mechanisms: [{ type: 'scc', module: 2 }] }),
      ] }),
    });
    expect(report.flows.find((f) => f.id === 'dpf')?.basis).toEqual([
      { regime: 'eu-gdpr', ruleId: 'eu-gdpr/transfer-without-basis', text: 'adequacy: Commission Implementing Decision (EU) 2023/1795 (EU-US Data Privacy Framework) (United States (EU-US Data Privacy Framework organisations))', dpv: 'eu-gdpr:A45-3' },
    ]);
    expect(report.flows.find((f) => f.id === 'scc')?.basis.map((b) => b.text)).toEqual(['Art. 46(2)(c) standard contractual clauses 2021/914, module 2']);
    // Clauses without the assessment Schrems II requires made nothing lawful: a failed basis.
    const noTia = report.flows.find((f) => f.id === 'scc-no-tia')!;
    expect(noTia.basis).toEqual([]);
    expect(noTia.failedBasis?.map((b) => [b.text, b.rejectedBy])).toEqual([['Art. 46(2)(c) standard contractual clauses 2021/914, module 2', ['eu-gdpr/missing-tia']]]);
  });

  it('applies adequacy as of the date: no US adequacy between Privacy Shield and the DPF', async () => {
    const m = { 'm.yaml': manifest({ parties: [...parties, { id: 'us-ps', country: 'US', certifications: ['privacy-shield', 'eu-us-dpf'] }], datasets, flows: [flow('ps', 'de', 'us-ps')] }) };
    expect(verdictOf(await checkManifests(m, { asOf: '2019-06-01' }), 'ps')).toBe('allowed');
    expect(verdictOf(await checkManifests(m, { asOf: '2021-06-01' }), 'ps')).toBe('violation');
    expect(verdictOf(await checkManifests(m, { asOf: '2023-07-10' }), 'ps')).toBe('allowed');
  });

  it('leaves anonymised data out of Chapter V', async () => {
    const report = await checkManifests({ 'm.yaml': manifest({ parties, datasets, flows: [{ id: 'stats', from: 'de', to: 'sg', datasets: ['anon'] }] }) });
    expect(report.flows[0].regimes).toEqual([]);
    expect(rulesOn(report, 'stats')).toEqual(['dfft/no-regime']);
    expect(verdictOf(report, 'stats')).toBe('allowed');
  });

  it('reports data leaving Japan without an APPI Art. 28 basis, and accepts informed consent', async () => {
    const consent = (informed: Record<string, boolean>) => ({ mechanisms: [{ type: 'appi-consent', informed }] });
    const report = await checkManifests({
      'm.yaml': manifest({
        parties,
        datasets: [{ id: 'members', categories: ['contact'], collectedIn: ['JP'] }],
        flows: [
          { id: 'none', from: 'jp', to: 'sg', datasets: ['members'] },
          { id: 'half', from: 'jp', to: 'sg', datasets: ['members'], ...consent({ country: true, protectionSystem: false, recipientMeasures: true }) },
          { id: 'full', from: 'jp', to: 'sg', datasets: ['members'], ...consent({ country: true, protectionSystem: true, recipientMeasures: true }) },
          { id: 'designated', from: 'jp', to: 'fr', datasets: ['members'] },
          { id: 'designated-entrusted', from: 'jp', to: 'fr', datasets: ['members'], mechanisms: [{ type: 'appi-entrustment' }] },
        ],
      }),
    });
    expect(rulesOn(report, 'none')).toEqual(['jp-appi/foreign-provision-without-basis']);
    expect(rulesOn(report, 'half')).toEqual(['jp-appi/consent-not-informed']);
    expect(rulesOn(report, 'full')).toEqual([]);
    // A designated country lifts Art. 28, not Art. 27: the recipient still needs an Art. 27 ground.
    expect(rulesOn(report, 'designated')).toEqual(['jp-appi/foreign-provision-art27-without-basis']);
    expect(rulesOn(report, 'designated-entrusted')).toEqual([]);
    const basis = report.flows.find((f) => f.id === 'designated-entrusted')?.basis.map((b) => b.text);
    expect(basis).toEqual([expect.stringMatching(/France is designated by the PPC/), expect.stringMatching(/Art\. 27\(5\)\(i\): entrustment/)]);
  });

  it('does not judge a flow outside its startsOn..endsOn', async () => {
    const report = await checkManifests({ 'm.yaml': manifest({ parties, datasets, flows: [flow('old', 'de', 'us', { endsOn: '2020-01-01' }), flow('future', 'de', 'us', { startsOn: '2030-01-01' })] }) });
    // Not judged, so never allowed: not-assessed, and counted apart from the verdicts.
    expect(report.flows.map((f) => [f.id, f.active, f.verdict])).toEqual([['old', false, 'not-assessed'], ['future', false, 'not-assessed']]);
    expect(report.findings).toEqual([]);
    expect(report.summary.verdicts).toEqual({ allowed: 0, review: 0, violation: 0, 'not-assessed': 0 });
    expect(report.summary.inactive).toBe(2);
  });

  it('turns a condition it cannot evaluate into an error finding, not a pass', async () => {
    const dir = tmpDir({
      'p.yaml': `policyVersion: 1
name: acme
extends: ["dfft:eu-gdpr"]
rules:
  - id: acme/encrypted
    title: Flows must be encrypted in transit
    severity: warning
    citation: { law: ACME security policy, article: "4.2" }
    require: flow.encryption.inTransit
    message: "Flow {{ flow.id }} is not encrypted in transit."
    remediation: Encrypt it.
`,
    });
    const checker = await createChecker({ policy: `${dir}/p.yaml`, asOf: '2026-11-28' });
    const report = checker.check([{ file: 'm.yaml', text: yamlText(manifest({ parties, datasets, flows: [flow('plain', 'de', 'fr'), flow('enc', 'de', 'fr', { encryption: { inTransit: true } }), flow('off', 'de', 'fr', { encryption: { inTransit: false } })] })) }]);
    expect(rulesOn(report, 'plain')).toEqual(['dfft/undecidable']);
    expect(report.findings.find((f) => f.flowId === 'plain')?.message).toBe('Rule acme/encrypted could not be decided for flow plain: no such key: encryption.');
    expect(verdictOf(report, 'plain')).toBe('violation');
    expect(rulesOn(report, 'enc')).toEqual([]);
    expect(rulesOn(report, 'off')).toEqual(['acme/encrypted']);
    expect(verdictOf(report, 'off')).toBe('review');
  });

  it('gives each finding its location, citation, remediation and a fingerprint that ignores line moves', async () => {
    const a = await checkManifests({ 'm.yaml': manifest({ parties, datasets, flows: [flow('out', 'de', 'us')] }) });
    const b = await checkManifests({ 'm.yaml': manifest({ parties, datasets, flows: [flow('inside', 'de', 'fr'), flow('out', 'de', 'us')] }) });
    const [fa] = a.findings;
    const fb = b.findings.find((f) => f.flowId === 'out')!;
    expect(fa.location).toMatchObject({ file: 'm.yaml', pointer: '/flows/0' });
    expect(fb.location.pointer).toBe('/flows/1');
    expect(fb.location.line).toBeGreaterThan(fa.location.line);
    expect(fa.fingerprint).toBe(fb.fingerprint);
    expect(fa.citation).toEqual({ law: 'GDPR', article: 'Art. 44-46, 49', url: 'http://data.europa.eu/eli/reg/2016/679/oj' });
    expect(fa.remediation).toMatch(/standard contractual clauses/);
    expect(fa.message).toMatch(/^Flow out sends personal data \(customers\) from Germany to us in United States of America/);
  });
});
