import type { SourceLocation } from '../types/index';
import { escapeControl } from './escape-control';

/** Closed set of input error codes: bad input ends the run with exit code 2. */
export type InputErrorCode =
  | 'source/unreadable'
  | 'source/syntax'
  | 'source/too-large'
  | 'manifest/schema'
  | 'manifest/duplicate-id'
  | 'manifest/unknown-reference'
  | 'manifest/unknown-category'
  | 'manifest/reversed-range'
  | 'manifest/not-judged'
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
  | 'extract/project'
  | 'extract/config'
  | 'extract/syntax'
  | 'extract/not-static'
  | 'extract/invalid-declaration'
  | 'report/too-large'
  | 'cli/invalid-argument';

/**
 * One piece of bad input, located where it can be. Message and hint often quote the input (a key,
 * an id); control characters in them are escaped so that each error stays one line.
 */
export class InputError extends Error {
  override readonly name = 'InputError';
  readonly hint?: string;
  constructor(
    readonly code: InputErrorCode,
    message: string,
    readonly location?: SourceLocation,
    hint?: string,
  ) {
    super(escapeControl(message));
    if (hint !== undefined) this.hint = escapeControl(hint);
  }

  /** "file:line:col message (hint)", the form every front end prints. */
  format(): string {
    // A file name is input too: a newline in it must not start a line of its own.
    const where = this.location ? `${escapeControl(this.location.file)}:${this.location.line}:${this.location.column} ` : '';
    return `${where}${this.message}${this.hint ? ` (${this.hint})` : ''}`;
  }

  toJSON(): { code: string; message: string; hint?: string; location?: SourceLocation } {
    return {
      code: this.code,
      message: this.message,
      ...(this.hint ? { hint: this.hint } : {}),
      ...(this.location ? { location: this.location } : {}),
    };
  }
}

/** Several input errors at once: thrown when a stage cannot go on. */
export class InputErrors extends Error {
  override readonly name = 'InputErrors';
  constructor(readonly errors: InputError[]) {
    super(errors.map((e) => e.format()).join('\n'));
  }
}

/** Sorts errors by file, line and column so output is deterministic. */
export function sortErrors(errors: InputError[]): InputError[] {
  return [...errors].sort((a, b) => {
    const la = a.location;
    const lb = b.location;
    if (!la || !lb) return la ? 1 : lb ? -1 : a.message < b.message ? -1 : a.message > b.message ? 1 : 0;
    return (
      compareStrings(la.file, lb.file) || la.line - lb.line || la.column - lb.column || compareStrings(a.message, b.message)
    );
  });
}

export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
