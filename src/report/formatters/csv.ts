import { stringify } from 'csv-stringify/sync';
import { REGISTER_COLUMNS, registerRows, spreadsheetCell } from './register';
import type { SyncFormatter } from './types';

/**
 * The transfer register as CSV (RFC 4180, via csv-stringify), with a header row. Every cell is
 * neutralised for spreadsheets (see spreadsheetCell).
 */
export const formatCsv: SyncFormatter = (report) =>
  stringify([[...REGISTER_COLUMNS], ...registerRows(report).map((row) => row.map(spreadsheetCell))], { record_delimiter: 'unix' });
