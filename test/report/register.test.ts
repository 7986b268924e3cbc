import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCli } from '../support/cli';
import { tmpDir } from '../support/tmp';

const examples = path.join(__dirname, '..', '..', 'examples', 'manifests');

describe('the transfer register (GDPR Art. 30(1)(e))', () => {
  it('lists, as CSV, each flow that leaves a jurisdiction with its basis, legal reference, verdict and date', async () => {
    const { code, stdout } = await runCli(['check', '--as-of', '2026-11-28', '-f', 'csv', path.join(examples, 'jp-retailer-eu-subsidiary.json')]);
    expect(code).toBe(1);
    const lines = stdout.trimEnd().split('\n');
    expect(lines[0]).toBe(
      'Flow,Exporter,Exporter country,Importer,Importer country,Purposes,Data categories,Special categories,Data subjects,Transfer basis,Legal reference,Safeguard,' +
        'Transfer impact assessment,Encryption and supplementary measures,DPV,Basis ends,Verdict,Findings,As of',
    );
    expect(lines).toContain(
      'eu-orders-to-hq,Sakura Europe SAS (sakura-fr),France (FR),Sakura Retail KK (sakura-jp),Japan (JP),order-fulfilment,Contact details; Transactions and purchase history,,customers,' +
        'adequacy: Commission Implementing Decision (EU) 2019/419 (Japan (private sector under the APPI and the Supplementary Rules)),GDPR Art. 45(3),' +
        '"GDPR Art. 45(3), Commission Implementing Decision (EU) 2019/419",,,eu-gdpr:A45-3,,allowed,,2026-11-28',
    );
    expect(lines.find((l) => l.startsWith('delivery-asia,'))).toMatch(/,none,,,,,,,violation,jp-appi\/foreign-provision-without-basis \(error\),2026-11-28$/);
    expect(lines).toHaveLength(1 + 5); // every flow of this file crosses a border
  });

  it('leaves out flows that stay in one country', async () => {
    const { stdout } = await runCli(['check', '--as-of', '2026-11-28', '-f', 'csv', path.join(examples, 'special-categories-hr.yaml')]);
    expect(stdout).not.toMatch(/^union-data-opt-out,/m); // JP → JP
    expect(stdout).toMatch(/^benefits,/m);
  });

  it('writes the same register as an XLSX workbook, byte-identical for the same inputs and date', async () => {
    const dir = tmpDir();
    const a = path.join(dir, 'a.xlsx');
    const b = path.join(dir, 'b.xlsx');
    await runCli(['check', '--as-of', '2026-11-28', '-f', `xlsx=${a}`, examples]);
    await new Promise((r) => setTimeout(r, 1100)); // a different second: zip entry dates must not leak in
    await runCli(['check', '--as-of', '2026-11-28', '-f', `xlsx=${b}`, examples]);
    expect(fs.readFileSync(a).equals(fs.readFileSync(b))).toBe(true);
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(a);
    const sheet = wb.getWorksheet('Transfer register')!;
    expect(sheet.getRow(1).getCell(10).value).toBe('Transfer basis');
    const csv = (await runCli(['check', '--as-of', '2026-11-28', '-f', 'csv', examples])).stdout.trimEnd().split('\n');
    expect(sheet.rowCount).toBe(csv.length);
    const hosting = sheet.getRows(2, sheet.rowCount - 1)!.find((r) => r.getCell(1).value === 'hosting')!;
    expect(hosting.getCell(10).value).toMatch(/^adequacy: Commission Implementing Decision \(EU\) 2023\/1795/);
    // The second sheet is the APPI record, row for row what appi-csv gives.
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Transfer register', 'APPI provision record', 'About']);
    const appi = wb.getWorksheet('APPI provision record')!;
    const appiCsv = (await runCli(['check', '--as-of', '2026-11-28', '-f', 'appi-csv', examples])).stdout.trimEnd().split('\n');
    expect(appi.rowCount).toBe(appiCsv.length);
    expect(appi.getRow(1).getCell(11).value).toBe('Record required');
    expect(appi.getRows(2, appi.rowCount - 1)!.map((r) => r.getCell(1).value)).toEqual(['members-to-eu', 'delivery-asia', 'ads-us', 'eu-orders-to-delivery', 'trial-to-cro']);
  });

  it('writes the APPI record as its own CSV (appi-csv), one rectangular table: the flows out of Japan', async () => {
    const { code, stdout } = await runCli(['check', '--as-of', '2026-11-28', '-f', 'appi-csv', path.join(examples, 'jp-retailer-eu-subsidiary.json')]);
    expect(code).toBe(1);
    const lines = stdout.trimEnd().split('\n');
    expect(lines[0]).toBe("Flow,Provider,Third party (recipient),Recipient country,Date of provision,Principals,Items of personal data,Special care-required personal information,Principal's consent,Basis of provision,Record required,Verdict,As of");
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(['members-to-eu', 'delivery-asia', 'ads-us', 'eu-orders-to-delivery']);
  });

  it('refuses to print XLSX to the terminal', async () => {
    expect(await runCli(['check', '-f', 'xlsx', path.join(examples, 'clean-eu-shop.yaml')])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--format: xlsx is binary and cannot go to stdout (write it to a file: -f xlsx=register.xlsx)'),
    });
  });
});
