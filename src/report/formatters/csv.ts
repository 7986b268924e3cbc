import { stringify } from 'csv-stringify/sync';
import { REGISTER_COLUMNS, registerRows } from './register';
import type { SyncFormatter } from './types';

/** The transfer register as CSV (RFC 4180, via csv-stringify), with a header row. */
export const formatCsv: SyncFormatter = (report) => stringify([[...REGISTER_COLUMNS], ...registerRows(report)], { record_delimiter: 'unix' });
