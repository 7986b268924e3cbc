import type { Formatter } from './types';

/** The contract's report (schemas/report.schema.json), indented, with a final newline. */
export const formatJson: Formatter = (report) => `${JSON.stringify(report, null, 2)}\n`;
