import { compareStrings } from '../../source/input-error';
import type { SourceLocation } from '../../types';

/**
 * What an import could not carry over, or carried over with a caveat. Closed set, so that tests
 * and tools can rely on the codes rather than the wording.
 *
 * Warnings are gaps: something in the Fides input that the manifest does not say (a system left
 * out, a category dropped). Notes (info) record a choice that loses nothing a check needs.
 */
export type ImportDiagnosticCode =
  // gaps (warning)
  | 'fides/missing-country'
  | 'fides/unmapped-category'
  | 'fides/unknown-category'
  | 'fides/unknown-system'
  | 'fides/unknown-dataset'
  | 'fides/flow-without-data'
  | 'fides/unnamed-recipient'
  | 'fides/invalid-country'
  | 'fides/ambiguous-role'
  | 'fides/unknown-role'
  | 'fides/invalid-key'
  | 'fides/unknown-edge-type'
  | 'fides/unknown-resource'
  | 'fides/unused-party-country'
  // notes (info)
  | 'fides/default-role'
  | 'fides/non-personal-flow'
  | 'fides/dataset-edge'
  | 'fides/user-edge'
  | 'fides/ignored-resource'
  | 'fides/unlabelled-fields'
  | 'fides/unmapped-subject'
  | 'fides/transfer-basis-not-imported';

/** A gap or note of an import, located in the Fides input (or the --party-countries file). */
export interface ImportDiagnostic {
  code: ImportDiagnosticCode;
  /** `warning` for a gap, `info` for a note. */
  severity: 'warning' | 'info';
  message: string;
  location?: SourceLocation;
  hint?: string;
}

const NOTES = new Set<ImportDiagnosticCode>([
  'fides/default-role',
  'fides/non-personal-flow',
  'fides/dataset-edge',
  'fides/user-edge',
  'fides/ignored-resource',
  'fides/unlabelled-fields',
  'fides/unmapped-subject',
  'fides/transfer-basis-not-imported',
]);

/** A diagnostic with the severity its code has (gaps are warnings, notes are info). */
export function diagnostic(code: ImportDiagnosticCode, message: string, location?: SourceLocation, hint?: string): ImportDiagnostic {
  return { code, severity: NOTES.has(code) ? 'info' : 'warning', message, ...(location ? { location } : {}), ...(hint ? { hint } : {}) };
}

/** Sorts by file, line, column, then message, so that output is deterministic. */
export function sortDiagnostics(diagnostics: readonly ImportDiagnostic[]): ImportDiagnostic[] {
  return [...diagnostics].sort((a, b) => {
    const la = a.location;
    const lb = b.location;
    if (!la || !lb) return la ? 1 : lb ? -1 : compareStrings(a.message, b.message);
    return compareStrings(la.file, lb.file) || la.line - lb.line || la.column - lb.column || compareStrings(a.message, b.message);
  });
}

/** "file:line:col warning message (hint)  [code]", the line the CLI prints. */
export function formatDiagnostic(d: ImportDiagnostic): string {
  const where = d.location ? `${d.location.file}:${d.location.line}:${d.location.column} ` : '';
  return `${where}${d.severity} ${d.message}${d.hint ? ` (${d.hint})` : ''}  [${d.code}]`;
}
