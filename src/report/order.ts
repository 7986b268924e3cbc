import { compareStrings } from '../source/diagnostic';
import type { Finding } from '../types';

/** The report's order of findings: by place in the input, then rule and fingerprint. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    compareStrings(a.location.file, b.location.file) ||
    a.location.line - b.location.line ||
    a.location.column - b.location.column ||
    compareStrings(a.ruleId, b.ruleId) ||
    compareStrings(a.fingerprint, b.fingerprint)
  );
}
