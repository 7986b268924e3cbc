import { diagnostic, DiagnosticError } from '../source/diagnostic';
import type { Report } from '../types';
import { formatters, type FormatName, type FormatOptions } from './formatters';
import type { Chunks } from './formatters/types';

/** Largest report dfft writes by default, in bytes (--max-report-size). */
export const DEFAULT_MAX_REPORT_BYTES = 256 * 1024 * 1024;

/** Pieces of a streamed report are gathered into writes of about this many bytes: few system calls, little memory. */
export const REPORT_BATCH_BYTES = 64 * 1024;

/**
 * Formats a report and holds its size to a limit: a report over `maxBytes`, or one too large for
 * the JavaScript runtime to build at all (a RangeError from a string or buffer), throws DiagnosticError
 * with one `report/too-large` naming the format, its size and the limit, so the run ends with exit 2
 * and a clear message instead of a crash or a file no one can open. What keeps reports small in
 * the first place is upstream: bounded names and free text in the schema, bounded diagrams.
 * A streamed format is joined into one string here, its size counted as it comes so that a
 * report over the limit fails before any joining; to write a large report, use {@link reportChunks}.
 */
export async function formatReport(
  format: FormatName,
  report: Report,
  options: FormatOptions,
  maxBytes = DEFAULT_MAX_REPORT_BYTES,
  /** Where the report was to go (a file name, "stdout"), named in the error. */
  target?: string,
): Promise<string | Buffer> {
  const pieces: Array<string | Buffer> = [];
  for await (const piece of reportChunks(format, report, options, maxBytes, target)) pieces.push(piece);
  if (pieces.length === 1) return pieces[0]!;
  if (pieces.some((p) => typeof p !== 'string')) return Buffer.concat(pieces.map((p) => (typeof p === 'string' ? Buffer.from(p) : p)));
  try {
    return pieces.join('');
  } catch (err) {
    if (isSizeError(err)) throw tooLarge(format, undefined, maxBytes, target);
    throw err;
  }
}

/**
 * Formats a report as a sequence of pieces, made as they are asked for, so that a report larger
 * than any one string can be written: a streamed format's small pieces are gathered into pieces of
 * about {@link REPORT_BATCH_BYTES}; a format made at once (html, xlsx) is one piece. The UTF-8
 * size is counted as the pieces come, and the iteration throws the `report/too-large`
 * DiagnosticError of {@link formatReport} as soon as it passes `maxBytes`. Text formats give
 * strings, binary formats Buffers.
 */
export async function* reportChunks(
  format: FormatName,
  report: Report,
  options: FormatOptions,
  maxBytes = DEFAULT_MAX_REPORT_BYTES,
  /** Where the report was to go (a file name, "stdout"), named in the error. */
  target?: string,
): AsyncGenerator<string | Buffer, void, undefined> {
  try {
    const made = formatters[format](report, options) as string | Chunks | Promise<string> | Promise<Buffer>;
    if (typeof made === 'string' || made instanceof Promise) {
      yield within(format, await made, maxBytes, target);
      return;
    }
    yield* batches(format, made, maxBytes, target);
  } catch (err) {
    if (isSizeError(err)) throw tooLarge(format, undefined, maxBytes, target);
    throw err;
  }
}

/** A streamed format's pieces gathered into batches, their running UTF-8 size held to `maxBytes`. */
function* batches(format: FormatName, chunks: Chunks, maxBytes: number, target: string | undefined): Generator<string, void, undefined> {
  let total = 0;
  let batch: string[] = [];
  let batchBytes = 0;
  for (const piece of chunks) {
    if (piece.length === 0) continue;
    const bytes = Buffer.byteLength(piece, 'utf8');
    total += bytes;
    if (total > maxBytes) throw tooLarge(format, null, maxBytes, target);
    if (bytes >= REPORT_BATCH_BYTES) {
      // A large piece goes as it is, after what was gathered before it: no copy.
      if (batch.length > 0) yield batch.join('');
      batch = [];
      batchBytes = 0;
      yield piece;
      continue;
    }
    batch.push(piece);
    batchBytes += bytes;
    if (batchBytes >= REPORT_BATCH_BYTES) {
      yield batch.join('');
      batch = [];
      batchBytes = 0;
    }
  }
  if (batch.length > 0) yield batch.join('');
}

/** The report as compact JSON (what a service answers), held to the same limit. */
export function compactJsonReport(report: Report, maxBytes = DEFAULT_MAX_REPORT_BYTES, target?: string): string {
  let output: string;
  try {
    output = JSON.stringify(report);
  } catch (err) {
    if (isSizeError(err)) throw tooLarge('json', undefined, maxBytes, target);
    throw err;
  }
  return within('json', output, maxBytes, target);
}

function within<T extends string | Buffer>(format: FormatName, output: T, maxBytes: number, target: string | undefined): T {
  // A string's UTF-8 size is at most three bytes per UTF-16 unit: measured only when it could be over.
  const size = typeof output === 'string' ? (output.length * 3 > maxBytes ? Buffer.byteLength(output, 'utf8') : output.length) : output.length;
  if (size > maxBytes) throw tooLarge(format, size, maxBytes, target);
  return output;
}

/** `size` undefined: too large to build; null: streamed, and past the limit before its end. */
function tooLarge(format: FormatName, size: number | undefined | null, maxBytes: number, target: string | undefined): DiagnosticError {
  const what = size === undefined ? 'too large to build, over' : size === null ? 'over' : `${mib(size)}, over`;
  return new DiagnosticError([diagnostic(
    'report/too-large',
    `${target === undefined ? '' : `${target}: `}the ${format} report is ${what} the limit of ${mib(maxBytes)} (--max-report-size)`,
    undefined,
    'check fewer manifests per run, pick a more compact format (json, csv), or raise --max-report-size',
  )]);
}

function mib(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, '')} MiB` : `${bytes.toLocaleString('en-US')} bytes`;
}

/** The errors V8 and Node raise when a string or buffer would exceed what they can hold. */
function isSizeError(err: unknown): boolean {
  if (err instanceof RangeError) return /invalid string length|array buffer allocation|invalid array length|buffer/i.test(err.message);
  const code = (err as { code?: string } | null)?.code;
  return code === 'ERR_STRING_TOO_LONG' || code === 'ERR_BUFFER_TOO_LARGE';
}
