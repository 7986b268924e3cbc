import { diagnostic, DiagnosticError } from '../source/diagnostic';
import type { Report } from '../types';
import { formatters, joinChunks, type FormatName, type FormatOptions } from './formatters';

/** Largest report dfft writes by default, in bytes (--max-report-size). */
export const DEFAULT_MAX_REPORT_BYTES = 256 * 1024 * 1024;

/**
 * Formats a report and holds its size to a limit: a report over `maxBytes`, or one too large for
 * the JavaScript runtime to build at all (a RangeError from a string or buffer), throws DiagnosticError
 * with one `report/too-large` naming the format, its size and the limit, so the run ends with exit 2
 * and a clear message instead of a crash or a file no one can open. What keeps reports small in
 * the first place is upstream: bounded names and free text in the schema, bounded diagrams.
 */
export async function formatReport(
  format: FormatName,
  report: Report,
  options: FormatOptions,
  maxBytes = DEFAULT_MAX_REPORT_BYTES,
  /** Where the report was to go (a file name, "stdout"), named in the error. */
  target?: string,
): Promise<string | Buffer> {
  let output: string | Buffer;
  try {
    const out = await formatters[format](report, options);
    output = typeof out === 'string' || Buffer.isBuffer(out) ? out : joinChunks(out);
  } catch (err) {
    if (isSizeError(err)) throw tooLarge(format, undefined, maxBytes, target);
    throw err;
  }
  return within(format, output, maxBytes, target);
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

function tooLarge(format: FormatName, size: number | undefined, maxBytes: number, target: string | undefined): DiagnosticError {
  const what = size === undefined ? 'too large to build' : `${mib(size)}`;
  return new DiagnosticError([diagnostic(
    'report/too-large',
    `${target === undefined ? '' : `${target}: `}the ${format} report is ${what}, over the limit of ${mib(maxBytes)} (--max-report-size)`,
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
