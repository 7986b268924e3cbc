import { appiRecordColumns, appiRecordRowsOf } from './appi-record';
import { registerColumns, registerRowsOf, spreadsheetCell } from './register';
import type { StreamFormatter } from './types';
import { reportLang } from './i18n';

/**
 * The transfer register as CSV (RFC 4180), with a header row (in the report's language), one
 * piece per row. Every cell is neutralised for spreadsheets (see spreadsheetCell).
 */
export const formatCsv: StreamFormatter = function* (report) {
  yield csvRecord(registerColumns(reportLang(report)));
  for (const row of registerRowsOf(report)) yield csvRecord(row.map(spreadsheetCell));
};

/**
 * Japan's record of provision to third parties (APPI Art. 29(1)) for the flows out of Japan, as
 * CSV in the same form: a table of its own, so that each CSV stays one rectangular table that a
 * spreadsheet or a database imports as it is (the XLSX workbook holds both, on two sheets).
 */
export const formatAppiCsv: StreamFormatter = function* (report) {
  yield csvRecord(appiRecordColumns(reportLang(report)));
  for (const row of appiRecordRowsOf(report)) yield csvRecord(row.map(spreadsheetCell));
};

/**
 * One record, LF-terminated: a field with a comma, a double quote, CR or LF is quoted, its quotes
 * doubled (RFC 4180 2.6, 2.7), as csv-stringify writes it with record_delimiter "unix" (a test
 * holds the two equal); written here because csv-stringify takes about 11 µs a row.
 */
export function csvRecord(cells: readonly string[]): string {
  let out = '';
  for (let i = 0; i < cells.length; i++) {
    const cell = cells[i]!;
    out += (i > 0 ? ',' : '') + (/[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);
  }
  return `${out}\n`;
}
