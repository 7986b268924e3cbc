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

/** Table entries (parties, datasets, rules) in the report's order: by id. */
export function compareById(a: { id: string }, b: { id: string }): number {
  return compareStrings(a.id, b.id);
}
