import { escapeControl } from '../source/escape-control';
import { InputError, compareStrings, type InputErrorCode } from '../source/input-error';
import type { SourceLocation } from '../types';

/**
 * What extraction reports about the code. Errors mean the manifest would be incomplete or
 * wrong (a declaration that cannot be read statically): they end a run with exit code 2, as bad
 * input does. Warnings are egress that no declared flow covers: the run goes on.
 */
export type ExtractDiagnosticCode =
  | 'extract/project' // tsconfig unreadable, or no source files
  | 'extract/config' // dfft.config.json unreadable or invalid
  | 'extract/syntax' // a TypeScript syntax error in a scanned file
  | 'extract/not-static' // a declaration's argument (or part of it) is not a compile-time value
  | 'extract/invalid-declaration' // a declaration with no argument, or one that is not an object
  | 'extract/undeclared-egress' // a call that sends data to a host no declared flow covers
  | 'extract/unresolved-egress'; // a call that sends data to a host that cannot be known statically

/** The codes that are errors; every other code is a warning. */
const ERROR_CODES: ReadonlySet<ExtractDiagnosticCode> = new Set<ExtractDiagnosticCode>([
  'extract/project',
  'extract/config',
  'extract/syntax',
  'extract/not-static',
  'extract/invalid-declaration',
]);

/** One problem found while extracting, located in the TypeScript source (1-based line and column). */
export class ExtractDiagnostic {
  readonly severity: 'error' | 'warning';

  constructor(
    readonly code: ExtractDiagnosticCode,
    readonly message: string,
    readonly location: SourceLocation,
    readonly hint?: string,
  ) {
    this.severity = ERROR_CODES.has(code) ? 'error' : 'warning';
  }

  /** "file:line:col message (hint)", the form InputError prints. */
  format(): string {
    const { file, line, column } = this.location;
    return escapeControl(`${file}:${line}:${column} ${this.message}${this.hint ? ` (${this.hint})` : ''}`);
  }

  toJSON(): { code: string; severity: 'error' | 'warning'; message: string; hint?: string; location: SourceLocation } {
    return { code: this.code, severity: this.severity, message: this.message, ...(this.hint ? { hint: this.hint } : {}), location: this.location };
  }

  /**
   * The error as an InputError, so that `check` reports it with the other input errors. Only
   * errors become input errors; the egress codes are warnings and are reported as such.
   */
  toInputError(): InputError {
    return new InputError(this.code as InputErrorCode, this.message, this.location, this.hint);
  }
}

/** Sorted by file, line, column, then message: output does not depend on scan order. */
export function sortDiagnostics(diagnostics: readonly ExtractDiagnostic[]): ExtractDiagnostic[] {
  return [...diagnostics].sort(
    (a, b) =>
      compareStrings(a.location.file, b.location.file) ||
      a.location.line - b.location.line ||
      a.location.column - b.location.column ||
      compareStrings(a.message, b.message),
  );
}
