import { REGISTER_COLUMNS, registerRowsOf, spreadsheetCell } from './register';
import type { StreamFormatter } from './types';

/**
 * The transfer register as CSV (RFC 4180), with a header row, one piece per row. Every cell is
 * neutralised for spreadsheets (see spreadsheetCell).
 */
export const formatCsv: StreamFormatter = function* (report) {
  yield csvRecord(REGISTER_COLUMNS);
  for (const row of registerRowsOf(report)) yield csvRecord(row.map(spreadsheetCell));
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
