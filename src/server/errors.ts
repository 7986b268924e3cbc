import { STATUS_CODES } from 'node:http';
import { errorEntry, formatDiagnostic, type Diagnostic, type InputErrorEntry, type SourceLocation } from '../index';
import type { ApiInputError, ErrorResponse as ErrorBody } from '../types/generated/api';

/**
 * One problem in an error answer, with the CLI's printed line ("file:line:column message (hint)",
 * exactly as formatDiagnostic()), and the body of every 4xx and 5xx answer: schemas/api.schema.json.
 */
export type { ApiInputError, ErrorResponse as ErrorBody } from '../types/generated/api';

/** Codes of problems with the request itself rather than with a manifest in it. */
export type RequestErrorCode =
  | 'request/invalid-json'
  | 'request/schema'
  | 'request/empty'
  | 'request/too-large'
  | 'request/too-deep'
  | 'request/forbidden-key'
  | 'request/unsupported-media-type'
  | 'request/not-found'
  | 'request/unauthorized'
  | 'request/duplicate-key'
  | 'request/timeout'
  | 'request/over-budget'
  | 'request/unavailable'
  | 'request/bad-request'
  | 'server/internal';

/** An answer other than 2xx, thrown by a hook or handler and sent by the error handler. */
export class HttpError extends Error {
  override readonly name = 'HttpError';
  constructor(
    readonly statusCode: number,
    readonly errors: ApiInputError[],
    message = summarise(errors),
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }

  body(): ErrorBody {
    return { statusCode: this.statusCode, error: STATUS_CODES[this.statusCode] ?? 'Error', message: this.message, errors: this.errors };
  }
}

/** A problem with the request, located in its body (named <request>) where it can be. */
export function requestError(code: RequestErrorCode, message: string, location?: SourceLocation, hint?: string): ApiInputError {
  return entry({ code, message, location, hint });
}

/** A library input error (or a report's error entry) as an API error, with the CLI's line. */
export function fromDiagnostic(e: Diagnostic | InputErrorEntry): ApiInputError {
  return entry({ code: e.code, message: e.message, location: e.location, hint: e.hint });
}

/** An error entry with the CLI's printed line. */
export function entry(e: { code: string; message: string; location?: SourceLocation; hint?: string }): ApiInputError {
  // The entry a report lists, and the line the CLI prints for the same diagnostic.
  return { ...errorEntry(e), text: formatDiagnostic(e) };
}

function summarise(errors: readonly ApiInputError[]): string {
  if (errors.length === 1) return errors[0].text;
  return `${errors.length} errors: ${errors[0].text}; ...`;
}
