import * as fs from 'node:fs';
import * as path from 'node:path';
import { diagnostic, fail, ok, type Diagnostic, type DiagnosticCode, type Result } from './diagnostic';
import { decodeUtf8, type FileText } from './parse-source';

export type { FileText };

export interface ReadLimits {
  /** Largest file read, in bytes. */
  maxFileBytes: number;
}

export const DEFAULT_READ_LIMITS: ReadLimits = { maxFileBytes: 64 * 1024 * 1024 };

const CHUNK = 1024 * 1024;

/**
 * Reads a file as strict UTF-8 text with its sha256. The file must be (or, through symbolic
 * links, resolve to) a regular file: a FIFO, socket, device or folder is refused without being
 * read. The size limit holds while reading, not only by `stat` (a file that grows, a pseudo-file
 * whose size reads as 0): at most `maxFileBytes` + 1 bytes are ever read. A file that yields more
 * bytes than its size (files under /proc) is refused, so that it is never shown. A missing,
 * unreadable, oversized or non-UTF-8 file is an input error naming the file, never an exception.
 */
export function readTextFile(
  file: string,
  code: DiagnosticCode = 'source/unreadable',
  limits: ReadLimits = DEFAULT_READ_LIMITS,
): Result<FileText> {
  const at = { file, line: 1, column: 1, pointer: '' };
  const tooLarge = (size?: number): Diagnostic =>
    diagnostic('source/too-large', `file is ${size === undefined ? 'larger than the limit' : formatBytes(size)}, over the limit of ${formatBytes(limits.maxFileBytes)}`, at, 'raise --max-file-size if this is intended');
  let fd: number | undefined;
  try {
    // A first stat refuses special files before opening them: opening a device can have effects.
    const before = fs.statSync(file);
    if (!before.isFile()) return fail([diagnostic(code, `is ${describeKind(before)}, expected a regular file`, at)]);
    if (before.size > limits.maxFileBytes) return fail([tooLarge(before.size)]);
    // O_NONBLOCK: a FIFO put in the file's place meanwhile opens at once instead of waiting for a writer.
    fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NOCTTY | fs.constants.O_NONBLOCK);
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) return fail([diagnostic(code, `is ${describeKind(stat)}, expected a regular file`, at)]);
    if (stat.size > limits.maxFileBytes) return fail([tooLarge(stat.size)]);
    const chunks: Buffer[] = [];
    let total = 0;
    // One byte more than allowed (or than the size) tells whether there is more.
    const cap = Math.min(limits.maxFileBytes, stat.size) + 1;
    for (;;) {
      const buffer = Buffer.allocUnsafe(Math.max(1, Math.min(CHUNK, cap - total)));
      const n = fs.readSync(fd, buffer, 0, buffer.length, null);
      if (n === 0) break;
      chunks.push(n === buffer.length ? buffer : buffer.subarray(0, n));
      total += n;
      if (total > limits.maxFileBytes) return fail([tooLarge()]);
      if (total > stat.size) return fail([diagnostic(code, 'the file gives more bytes than its size (a pseudo-file such as those under /proc, or a file being written); not read', at)]);
    }
    return decodeUtf8(file, chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, total));
  } catch (err) {
    return fail([diagnostic(code, `cannot read file: ${describeFsError(err)}`, at)]);
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** Successful reads of built-in files, by path, with the identity of the file they read. */
const builtinReads = new Map<string, { identity: string; text: FileText }>();

/**
 * A built-in file (a pack, the law data) read at most once per process while it is unchanged: a
 * run reads each pack three times (its presets, the catalogue, the policy). Unchanged means the
 * same inode, size, modification and status-change times; any write changes the last, which no
 * one can set back. Failures are not kept: they are read, and reported, each time.
 */
export function readBuiltinFile(file: string, code: DiagnosticCode = 'source/unreadable'): Result<FileText> {
  let identity: string;
  try {
    const stat = fs.statSync(file, { bigint: true });
    identity = `${stat.dev}:${stat.ino}:${stat.size}:${stat.mtimeNs}:${stat.ctimeNs}`;
  } catch {
    return readTextFile(file, code);
  }
  const known = builtinReads.get(file);
  if (known?.identity === identity) return ok(known.text);
  const read = readTextFile(file, code);
  if (read.ok) builtinReads.set(file, { identity, text: read.value });
  return read;
}

/** Whether anything, even a dangling link, has this name (lstat: nothing is followed or opened). */
export function pathExists(file: string): boolean {
  try {
    fs.lstatSync(file);
    return true;
  } catch {
    return false;
  }
}

/** "a FIFO (named pipe)", "a character device"…: what a file that is not a regular file is. */
export function describeKind(stat: fs.Stats): string {
  if (stat.isDirectory()) return 'a directory';
  if (stat.isFIFO()) return 'a FIFO (named pipe)';
  if (stat.isSocket()) return 'a socket';
  if (stat.isCharacterDevice()) return 'a character device';
  if (stat.isBlockDevice()) return 'a block device';
  if (stat.isSymbolicLink()) return 'a symbolic link';
  return stat.isFile() ? 'a regular file' : 'a special file';
}

/** Whether `file` is `root` or below it (both absolute, real paths). */
export function isInside(root: string, file: string): boolean {
  const rel = path.relative(root, file);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel));
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
    case 'ENOTDIR':
      return 'a part of the path is not a directory';
    case 'EEXIST':
      return 'a file is in the way';
    case 'ENOSPC':
      return 'no space left on the device';
    case 'EDQUOT':
      return 'disk quota exceeded';
    case 'EROFS':
      return 'read-only file system';
    case 'EFBIG':
      return 'file too large for the file system';
    case 'ENAMETOOLONG':
      return 'file name too long';
    case 'ELOOP':
      return 'too many levels of symbolic links';
    case 'ENXIO':
      return 'no reader or device behind it';
    case 'EPIPE':
      return 'the reader closed it';
    case 'EIO':
      return 'input/output error';
    default:
      return e.message ?? String(err);
  }
}

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(n % (1024 * 1024) === 0 ? 0 : 1)} MiB`;
  if (n >= 1024) return `${(n / 1024).toFixed(0)} KiB`;
  return `${n} bytes`;
}
