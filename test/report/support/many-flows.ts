import type { Finding, FlowResult, Report } from '../../../src/types';

/**
 * A report of `n` cross-border flows built directly (no check), each with an error finding and
 * every tenth with an info finding too, for the register's scale tests. Linear in `n`; the
 * objects that do not vary are shared, to keep the test light.
 */
export function manyFlowsReport(n: number): Report {
  const flows: FlowResult[] = [];
  const findings: Finding[] = [];
  const locations = Array.from({ length: 97 }, (_, i) => ({ file: `manifests/m-${i}.yaml`, line: 10, column: 5, pointer: '/flows/0' }));
  const citation = { law: 'GDPR', article: 'Art. 44' };
  const datasets = ['customers'];
  const categories = ['contact', 'financial.transactions'];
  const regimes = ['eu-gdpr'];
  for (let i = 0; i < n; i++) {
    const id = `flow-${i}`;
    const location = locations[i % 97];
    flows.push({
      id,
      from: `exporter-${i % 1000}`,
      to: `importer-${i % 1009}`,
      exporterName: `Exporter ${i % 1000}`,
      importerName: `Importer ${i % 1009}`,
      exporterCountry: 'DE',
      importerCountry: i % 2 === 0 ? 'US' : 'JP',
      datasets,
      categories,
      subjects: datasets,
      active: true,
      verdict: 'violation',
      regimes,
      basis: [],
      location,
    });
    const path = [id];
    findings.push({ ruleId: 'eu-gdpr/transfer-without-basis', regime: 'eu-gdpr', severity: 'error', flowId: id, path, message: 'No basis.', citation, remediation: 'Sign SCCs.', location, fingerprint: `e${i}` });
    if (i % 10 === 0) findings.push({ ruleId: 'eu-gdpr/note', regime: 'eu-gdpr', severity: 'info', flowId: id, path, message: 'A note.', citation, remediation: '-', location, fingerprint: `i${i}` });
  }
  return {
    reportVersion: 2,
    tool: { name: 'dfft', version: '0.1.0' },
    asOf: '2026-11-28',
    policy: { packs: [{ id: 'eu-gdpr', title: 'EU GDPR Chapter V', version: '1.0.0', effective: '2026-01-01' }], files: [], overrides: [] },
    inputs: [],
    summary: { flows: n, verdicts: { allowed: 0, review: 0, violation: n, 'not-assessed': 0 }, findings: { error: n, warning: 0, info: Math.ceil(n / 10) }, errors: 0 },
    flows,
    findings,
    errors: [],
  };
}
