import type { SourceLocation } from '../types';
import { escapeControl } from './escape-control';

/**
 * Closed set of diagnostic codes, each with its stage as prefix. Front ends map codes to exit codes
 * and HTTP statuses; the library only says what happened and how bad it is.
 */
export type DiagnosticCode =
  // reading and parsing any file
  | 'source/unreadable'
  | 'source/syntax'
  | 'source/too-large'
  // manifests
  | 'manifest/schema'
  | 'manifest/duplicate-id'
  | 'manifest/unknown-reference'
  | 'manifest/unknown-category'
  | 'manifest/reversed-range'
  | 'manifest/not-judged'
  // policies and the law's data
  | 'policy/unreadable'
  | 'policy/schema'
  | 'policy/extends'
  | 'policy/duplicate-rule'
  | 'policy/unknown-rule'
  | 'policy/reserved-pack'
  | 'policy/expression'
  | 'policy/template'
  | 'policy/reversed-range'
  | 'policy/parameter'
  | 'data/schema'
  | 'waivers/schema'
  // the project's config file (dfft.config.*, .dfftignore)
  | 'config/unreadable'
  | 'config/schema'
  // an option or argument of a call (library function, CLI flag, request field)
  | 'argument/invalid'
  // extraction from TypeScript code
  | 'extract/project' // tsconfig unreadable, or no source files
  | 'extract/config' // dfft.config.json unreadable or invalid
  | 'extract/syntax' // a TypeScript syntax error in a scanned file
  | 'extract/not-static' // a declaration's argument (or part of it) is not a compile-time value
  | 'extract/invalid-declaration' // a declaration with no argument, or one that is not an object
  | 'extract/undeclared-egress' // a call that sends data to a host no declared flow covers
  | 'extract/unresolved-egress' // a call that sends data to a host that cannot be known statically
  // the report
  | 'report/too-large'
  // imports from other tools: gaps (warning)
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
  // imports: notes (info), a choice that loses nothing a check needs
  | 'fides/default-role'
  | 'fides/non-personal-flow'
  | 'fides/dataset-edge'
  | 'fides/user-edge'
  | 'fides/ignored-resource'
  | 'fides/unlabelled-fields'
  | 'fides/unmapped-subject'
  | 'fides/transfer-basis-not-imported';

/** How bad: an error stops the run's verdict (bad input); a warning or a note does not. */
export type DiagnosticSeverity = 'error' | 'warning' | 'info';

/**
 * One thing to tell the user about the input, located where it can be. Every stage reports with
 * this one shape; message and hint often quote the input, so control characters in them are
 * escaped and each diagnostic stays one line.
 */
export interface Diagnostic {
  readonly code: DiagnosticCode;
  readonly severity: DiagnosticSeverity;
  readonly message: string;
  readonly location?: SourceLocation;
  readonly hint?: string;
}

/** The codes that are not errors; a code's severity is fixed, so output never depends on the caller. */
const SEVERITY: Readonly<Partial<Record<DiagnosticCode, DiagnosticSeverity>>> = {
  'extract/undeclared-egress': 'warning',
  'extract/unresolved-egress': 'warning',
  'fides/missing-country': 'warning',
  'fides/unmapped-category': 'warning',
  'fides/unknown-category': 'warning',
  'fides/unknown-system': 'warning',
  'fides/unknown-dataset': 'warning',
  'fides/flow-without-data': 'warning',
  'fides/unnamed-recipient': 'warning',
  'fides/invalid-country': 'warning',
  'fides/ambiguous-role': 'warning',
  'fides/unknown-role': 'warning',
  'fides/invalid-key': 'warning',
  'fides/unknown-edge-type': 'warning',
  'fides/unknown-resource': 'warning',
  'fides/unused-party-country': 'warning',
  'fides/default-role': 'info',
  'fides/non-personal-flow': 'info',
  'fides/dataset-edge': 'info',
  'fides/user-edge': 'info',
  'fides/ignored-resource': 'info',
  'fides/unlabelled-fields': 'info',
  'fides/unmapped-subject': 'info',
  'fides/transfer-basis-not-imported': 'info',
};

/** A diagnostic with the severity its code has. */
export function diagnostic(code: DiagnosticCode, message: string, location?: SourceLocation, hint?: string): Diagnostic {
  return {
    code,
    severity: SEVERITY[code] ?? 'error',
    message: escapeControl(message),
    ...(location ? { location } : {}),
    ...(hint !== undefined && hint !== '' ? { hint: escapeControl(hint) } : {}),
  };
}

/** Whether a value has the shape of a diagnostic (for checking what a library caller passes). */
export function isDiagnostic(value: unknown): value is Diagnostic {
  if (typeof value !== 'object' || value === null) return false;
  const d = value as Record<string, unknown>;
  return typeof d.code === 'string' && typeof d.message === 'string' && (d.severity === 'error' || d.severity === 'warning' || d.severity === 'info');
}

/** How a front end shows the severity and the code on a diagnostic's line. */
export interface LineStyle {
  /** `colon`: "error: message"; `word`: "warning message"; absent: not shown. */
  severity?: 'colon' | 'word';
  /** Append "  [code]". */
  code?: boolean;
}

/** A diagnostic as a front end may hold it: its own codes (a request's), severity optional (error). */
export type DiagnosticLike = Pick<Diagnostic, 'message' | 'location' | 'hint'> & { code: string; severity?: DiagnosticSeverity };

/** "file:line:col message (hint)", the one line every front end prints, in the style it asks for. */
export function formatDiagnostic(d: DiagnosticLike, style: LineStyle = {}): string {
  // A file name is input too: a newline in it must not start a line of its own.
  const where = d.location ? `${escapeControl(d.location.file)}:${d.location.line}:${d.location.column} ` : '';
  const level = d.severity ?? 'error';
  const severity = style.severity === 'colon' ? `${level}: ` : style.severity === 'word' ? `${level} ` : '';
  return `${where}${severity}${d.message}${d.hint ? ` (${d.hint})` : ''}${style.code ? `  [${d.code}]` : ''}`;
}

/** The entry of a report's or an answer's error list: code, message, hint, location. */
export function errorEntry(d: DiagnosticLike): { code: string; message: string; hint?: string; location?: SourceLocation } {
  return { code: d.code, message: d.message, ...(d.hint ? { hint: d.hint } : {}), ...(d.location ? { location: d.location } : {}) };
}

/** Sorted by file, line, column, then message (unlocated first), so output does not depend on input order. */
export function sortDiagnostics<D extends Diagnostic>(diagnostics: readonly D[]): D[] {
  return [...diagnostics].sort((a, b) => {
    const la = a.location;
    const lb = b.location;
    if (!la || !lb) return la ? 1 : lb ? -1 : compareStrings(a.message, b.message);
    return compareStrings(la.file, lb.file) || la.line - lb.line || la.column - lb.column || compareStrings(a.message, b.message);
  });
}

export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Thrown when a library call cannot go on; carries every diagnostic that stopped it. */
export class DiagnosticError extends Error {
  override readonly name = 'DiagnosticError';
  constructor(readonly diagnostics: readonly Diagnostic[]) {
    super(diagnostics.map((d) => formatDiagnostic(d)).join('\n'));
  }
}

/** What every stage returns: a value with its warnings, or the diagnostics that prevent one. */
export type Result<T> = { readonly ok: true; readonly value: T; readonly diagnostics: readonly Diagnostic[] } | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] };

export function ok<T>(value: T, diagnostics: readonly Diagnostic[] = []): Result<T> {
  return { ok: true, value, diagnostics };
}

export function fail<T = never>(diagnostics: readonly Diagnostic[]): Result<T> {
  return { ok: false, diagnostics };
}
