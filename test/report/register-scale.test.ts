import { constants, inflateRawSync } from 'node:zlib';
import { REGISTER_COLUMNS, registerRows } from '../../src/report/formatters/register';
import { formatXlsx } from '../../src/report/formatters/xlsx';
import { manyFlowsReport } from './support/many-flows';

// The register is linear in flows + findings: findings are grouped by flow once, rows are built
// once, and nothing spreads the rows into a call (Math.max(...rows) throws a RangeError from
// about 200,000 arguments). The report is built directly, not by a check, to keep this fast. No
// timing is asserted.
describe('the transfer register at scale', () => {
  const n = 300_000;
  const report = manyFlowsReport(n);

  it(`gives one row per flow for ${n.toLocaleString('en')} flows, each with its own findings (info left out)`, () => {
    const rows = registerRows(report);
    expect(rows).toHaveLength(n);
    for (const i of [0, 1, 150_000, n - 1]) {
      expect(rows[i][0]).toBe(`flow-${i}`);
      expect(rows[i][REGISTER_COLUMNS.indexOf('Findings')]).toBe('eu-gdpr/transfer-without-basis (error)');
    }
  }, 120_000);

  it(`writes the XLSX of ${n.toLocaleString('en')} flows, with no RangeError, one sheet row per flow under the header`, async () => {
    const xlsx = await formatXlsx(report);
    expect(sheetDimension(xlsx, 'xl/worksheets/sheet1.xml')).toBe(`A1:S${n + 1}`);
    expect(REGISTER_COLUMNS).toHaveLength(19); // column S
  }, 120_000);
});

/** The `<dimension ref>` of a worksheet, from the first bytes of its entry (a walk of the ZIP's local headers). */
function sheetDimension(zip: Buffer, name: string): string | undefined {
  for (let at = 0; zip.readUInt32LE(at) === 0x04034b50; ) {
    const csize = zip.readUInt32LE(at + 18);
    const nameLength = zip.readUInt16LE(at + 26);
    const start = at + 30 + nameLength + zip.readUInt16LE(at + 28);
    if (zip.toString('utf8', at + 30, at + 30 + nameLength) === name) {
      const head = inflateRawSync(zip.subarray(start, start + Math.min(4096, csize)), { finishFlush: constants.Z_SYNC_FLUSH }).toString('utf8');
      return /<dimension ref="([^"]+)"/.exec(head)?.[1];
    }
    at = start + csize;
  }
  return undefined;
}
