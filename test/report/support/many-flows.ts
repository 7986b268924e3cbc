import type { Finding, FlowResult, Report } from '../../../src/types';

/**
 * A report of `n` cross-border flows built directly (no check), each with one error finding and
 * one info finding, for the register's scale tests. Linear in `n`.
 */
export function manyFlowsReport(n: number): Report {
  const flows: FlowResult[] = new Array(n);
  const findings: Finding[] = new Array(2 * n);
  for (let i = 0; i < n; i++) {
    const id = `flow-${i}`;
    const location = { file: `manifests/m-${i % 97}.yaml`, line: 10 + i, column: 5, pointer: `/flows/${i}` };
    flows[i] = {
      id,
      from: `exporter-${i % 1000}`,
      to: `importer-${i % 1009}`,
      exporterName: `Exporter ${i % 1000}`,
      importerName: `Importer ${i % 1009}`,
      exporterCountry: 'DE',
      importerCountry: i % 2 === 0 ? 'US' : 'JP',
      datasets: ['customers'],
      categories: ['contact', 'financial.transactions'],
      subjects: ['customers'],
      active: true,
      verdict: 'violation',
      regimes: ['eu-gdpr'],
      basis: [],
      location,
    };
    const base = { regime: 'eu-gdpr', flowId: id, path: [id], citation: { law: 'GDPR', article: 'Art. 44' }, remediation: 'Sign SCCs.', location };
    findings[2 * i] = { ...base, ruleId: 'eu-gdpr/transfer-without-basis', severity: 'error', message: `Flow ${id} has no basis.`, fingerprint: `e${i}` };
    findings[2 * i + 1] = { ...base, ruleId: 'eu-gdpr/no-regime-note', severity: 'info', message: `Flow ${id} note.`, fingerprint: `i${i}` };
  }
  return {
    reportVersion: 1,
    tool: { name: 'dfft', version: '0.1.0' },
    asOf: '2026-11-28',
    policy: { packs: [{ id: 'eu-gdpr', title: 'EU GDPR Chapter V', version: '1.0.0', effective: '2026-01-01' }], files: [], overrides: [] },
    inputs: [],
    summary: { flows: n, verdicts: { allowed: 0, review: 0, violation: n }, findings: { error: n, warning: 0, info: n }, errors: 0 },
    flows,
    findings,
    errors: [],
  };
}
