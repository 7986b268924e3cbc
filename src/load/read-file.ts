import * as fs from 'node:fs';
import { InputError, type InputErrorCode } from '../diagnostics/input-error';
import { decodeUtf8 } from './parse-source';

export interface ReadLimits {
  /** Largest file read, in bytes. */
  maxFileBytes: number;
}

export const DEFAULT_READ_LIMITS: ReadLimits = { maxFileBytes: 64 * 1024 * 1024 };

/**
 * Reads a file as strict UTF-8 text with its sha256. A missing, unreadable, oversized or
 * non-UTF-8 file is an input error naming the file, never an exception.
 */
export function readTextFile(
  file: string,
  code: InputErrorCode = 'source/unreadable',
  limits: ReadLimits = DEFAULT_READ_LIMITS,
): { text: string; sha256: string } | InputError {
  const at = { file, line: 1, column: 1, pointer: '' };
  let size: number;
  try {
    const stat = fs.statSync(file);
    if (stat.isDirectory()) return new InputError(code, 'is a directory, expected a file', at);
    size = stat.size;
  } catch (err) {
    return new InputError(code, `cannot read file: ${describeFsError(err)}`, at);
  }
  if (size > limits.maxFileBytes) {
    return new InputError('source/too-large', `file is ${formatBytes(size)}, over the limit of ${formatBytes(limits.maxFileBytes)}`, at, 'raise --max-file-size if this is intended');
  }
  try {
    const decoded = decodeUtf8(file, fs.readFileSync(file));
    return decoded;
  } catch (err) {
    return new InputError(code, `cannot read file: ${describeFsError(err)}`, at);
  }
}

export function describeFsError(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  switch (e.code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory';
    default:
      return e.message ?? String(err);
  }
}

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(n % (1024 * 1024) === 0 ? 0 : 1)} MiB`;
  if (n >= 1024) return `${(n / 1024).toFixed(0)} KiB`;
  return `${n} bytes`;
}
