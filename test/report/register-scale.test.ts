import { formatCsv } from '../../src/report/formatters/csv';
import { registerRows } from '../../src/report/formatters/register';
import { formatXlsx } from '../../src/report/formatters/xlsx';
import { manyFlowsReport } from './support/many-flows';

// The register is linear in flows + findings, and nothing in it spreads the rows into a call
// (Math.max(...rows) overflows the stack from about 200,000 arguments). The report is built
// directly, not by a check, to keep this fast. No timing is asserted.
describe('the transfer register at scale', () => {
  const n = 300_000;
  const report = manyFlowsReport(n);

  it(`gives one row per flow for ${n.toLocaleString('en')} flows, each with its own findings (info left out)`, () => {
    const rows = registerRows(report);
    expect(rows).toHaveLength(n);
    expect(rows[0][0]).toBe('flow-0');
    expect(rows[0][12]).toBe('eu-gdpr/transfer-without-basis (error)');
    expect(rows[n - 1][0]).toBe(`flow-${n - 1}`);
    expect(rows[n - 1][12]).toBe('eu-gdpr/transfer-without-basis (error)');
  });

  it(`writes the CSV of ${n.toLocaleString('en')} flows`, () => {
    const csv = formatCsv(report) as string;
    let lines = 0;
    for (let i = csv.indexOf('\n'); i >= 0; i = csv.indexOf('\n', i + 1)) lines++;
    expect(lines).toBe(n + 1);
  });

  it(`writes the XLSX of ${n.toLocaleString('en')} flows without a RangeError`, async () => {
    const xlsx = await formatXlsx(report);
    expect(xlsx.subarray(0, 2).toString('latin1')).toBe('PK');
  }, 300_000);
});
