import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as fsp from 'node:fs/promises';
import * as path from 'node:path';
import { describeFsError, describeKind, escapeControl } from '../index';
import type { CliIo } from './io';

/**
 * An output that cannot be written (a folder given as the file, a parent that is a file, no
 * permission, a full disk, an address that cannot be listened on): the CLI prints its one-line
 * message and exits 2.
 */
export class OutputError extends Error {
  override readonly name = 'OutputError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(escapeControl(message), options);
  }
}

/**
 * The pieces of an output, made only as they are written (a report formatted while it is
 * written), so that no one holds the whole output. Called once. The next piece is asked for
 * while the last is being written: a piece's bytes must not be reused for the next.
 */
export type OutputSource = () => AsyncIterable<string | Uint8Array>;

/** One file of a run's output. `-` is stdout. */
export interface OutputFile {
  file: string;
  content: string | Uint8Array | OutputSource;
  /** Binary content (a Uint8Array, or a source of them): refused on stdout before anything is written. */
  binary?: boolean;
}

/** The name `-` given to -o or -f format=- : standard output. */
export const STDOUT_NAME = '-';

type Plan =
  | { kind: 'stdout'; out: OutputFile }
  // An existing device or FIFO (or a link to one): opened and written, never replaced.
  | { kind: 'through'; out: OutputFile }
  // A regular file, new or existing (through a link: the file it resolves to): staged beside
  // it and renamed over it once every output is staged.
  | { kind: 'replace'; out: OutputFile; target: string; mode?: number; tmp?: string };

/**
 * Writes the outputs of a run without ever replacing what dfft did not create:
 * - `-` is stdout;
 * - an existing character or block device or FIFO, or a symbolic link to one (`/dev/null`,
 *   `/dev/stdout`, a named pipe), is opened and written, as a shell redirection would;
 * - a regular file (new, or existing, or reached through a symbolic link, whose target is
 *   replaced and the link kept) is written to a temporary file beside it, created exclusively
 *   under an unpredictable name, and renamed over it only once every output of the run is
 *   staged and written, so a run that fails or is interrupted (SIGINT, SIGTERM) leaves the
 *   previous files as they were and no temporary file behind.
 * Content given as a source is written piece by piece as it is made, one write in flight at a
 * time (a slow reader of a FIFO or of stdout holds the source back). The order is: the staged files, the
 * devices and FIFOs, stdout, then the renames; so an error from a source (a report over
 * --max-report-size) or from a write, wherever it happens, replaces no file.
 * A folder, a socket, a dangling link or a parent that cannot be made is an OutputError.
 */
export async function writeOutputs(outputs: readonly OutputFile[], io: CliIo): Promise<void> {
  const plans: Plan[] = [];
  const targets = new Map<string, string>();
  for (const out of outputs) {
    const plan = await planOutput(out);
    // Two names for one file (a link and its target) would have one output overwrite the other.
    if (plan.kind !== 'stdout') {
      const real = plan.kind === 'replace' ? plan.target : await fsp.realpath(out.file).catch(() => path.resolve(out.file));
      const other = targets.get(real);
      if (other !== undefined) throw new OutputError(`cannot write ${out.file}: it is the same file as ${other}`);
      targets.set(real, out.file);
    }
    plans.push(plan);
  }
  const staged = plans.filter((p): p is Extract<Plan, { kind: 'replace' }> => p.kind === 'replace');
  const temps = new Set<string>();
  const cleanUp = (): void => {
    for (const t of temps) fs.rmSync(t, { force: true });
    temps.clear();
  };
  const onSignal = (signal: NodeJS.Signals): void => {
    cleanUp();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    // Die of the same signal, as if no handler had been installed.
    process.kill(process.pid, signal);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    for (const p of staged) await stage(p, temps);
    for (const p of plans) if (p.kind === 'through') await writeThrough(p.out);
    for (const p of plans) if (p.kind === 'stdout') await writeStdout(p.out, io);
    for (const p of staged) {
      try {
        await fsp.rename(p.tmp!, p.target);
      } catch (err) {
        throw new OutputError(`cannot write ${p.out.file}: ${describeFsError(err)}`, { cause: err });
      }
      temps.delete(p.tmp!);
    }
  } finally {
    cleanUp();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

/** Longest string encoded and written at once, in UTF-16 units. */
const SLICE_UNITS = 1024 * 1024;

/**
 * The pieces of an output's content, in order, a long string cut in slices (a format made at
 * once): its bytes are never copied whole. A cut never falls inside a surrogate pair.
 */
async function* piecesOf(content: OutputFile['content']): AsyncGenerator<string | Uint8Array, void, undefined> {
  const source = typeof content === 'function' ? content() : [content];
  for await (const piece of source) {
    if (typeof piece !== 'string' || piece.length <= SLICE_UNITS) {
      yield piece;
      continue;
    }
    for (let at = 0; at < piece.length;) {
      let end = Math.min(at + SLICE_UNITS, piece.length);
      const last = piece.charCodeAt(end - 1);
      if (end < piece.length && last >= 0xd800 && last <= 0xdbff) end--;
      yield piece.slice(at, end);
      at = end;
    }
  }
}

async function writeStdout(out: OutputFile, io: CliIo): Promise<void> {
  for await (const piece of piecesOf(out.content)) {
    if (typeof piece !== 'string') throw new OutputError('binary output cannot go to stdout');
    if (!io.writeStdout) io.stdout(piece);
    // A reader that went away (`dfft check | head`) is not an error of the run: the rest is not made.
    else if (!(await io.writeStdout(piece))) return;
  }
}

/** Bytes gathered before a write to a file: one system call per MiB, not per batch of the report. */
const WRITE_BYTES = 1024 * 1024;

/**
 * Writes every piece of `content` to an open file, in order. Pieces are encoded into one of two
 * buffers of WRITE_BYTES while the other is written (one write in flight): the next piece is made
 * during the write. A write awaited per 64 KiB batch left a 100k report's process idle for 0.3 s,
 * and 1 MiB batches joined as strings are large objects that only a full GC frees. An error of
 * the source (a report over its limit) passes as it is, once the write in flight has ended; an
 * error of a write is the output's OutputError.
 */
async function writePieces(handle: fsp.FileHandle, content: OutputFile['content'], fail: (err: unknown) => never): Promise<void> {
  const buffers = [Buffer.allocUnsafe(WRITE_BYTES), Buffer.allocUnsafe(WRITE_BYTES)];
  let current = 0;
  let used = 0;
  let inFlight: Promise<void> = Promise.resolve();
  // The buffer written last is free again once its write has ended, which `send` awaits first.
  const send = async (bytes: Uint8Array): Promise<void> => {
    await inFlight;
    inFlight = writeAll(handle, bytes, fail);
    // Awaited before the next write or at the end; until then, not an unhandled rejection.
    inFlight.catch(() => undefined);
  };
  const flush = async (): Promise<void> => {
    if (used === 0) return;
    await send(buffers[current]!.subarray(0, used));
    current = 1 - current;
    used = 0;
  };
  try {
    for await (const piece of piecesOf(content)) {
      const size = typeof piece === 'string' ? Buffer.byteLength(piece, 'utf8') : piece.length;
      const buffered = typeof piece === 'string' && size <= WRITE_BYTES;
      // What is buffered goes first: a piece written on its own comes after it.
      if (!buffered || size > WRITE_BYTES - used) await flush();
      if (buffered) used += buffers[current]!.write(piece, used, 'utf8');
      else await send(typeof piece === 'string' ? Buffer.from(piece, 'utf8') : piece);
    }
    await flush();
  } catch (err) {
    await inFlight.catch(() => undefined);
    throw err;
  }
  await inFlight;
}

/** All of `bytes`: a write to a pipe or a device may take less than it was given. */
async function writeAll(handle: fsp.FileHandle, bytes: Uint8Array, fail: (err: unknown) => never): Promise<void> {
  for (let at = 0; at < bytes.length;) {
    const { bytesWritten } = await handle.write(bytes, at, bytes.length - at).catch(fail);
    at += bytesWritten;
  }
}

async function planOutput(out: OutputFile): Promise<Plan> {
  if (out.file === STDOUT_NAME) {
    if (out.binary === true || typeof out.content === 'object') throw new OutputError('binary output cannot go to stdout');
    return { kind: 'stdout', out };
  }
  const fail = (reason: string, err?: unknown): never => {
    throw new OutputError(`cannot write ${out.file}: ${reason}`, { cause: err });
  };
  let stat: fs.Stats | undefined;
  try {
    stat = await fsp.stat(out.file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT') fail(describeFsError(err), err);
    // Missing: a new file, unless the name is a link whose target is missing (writing there
    // would create a file wherever the link points).
    const link = await fsp.readlink(out.file).catch(() => undefined);
    if (link !== undefined) fail(`it is a symbolic link to ${link}, which does not exist`);
  }
  if (stat === undefined) return { kind: 'replace', out, target: path.resolve(out.file) };
  if (stat.isFile()) {
    const target = await fsp.realpath(out.file).catch((err: unknown) => fail(describeFsError(err), err));
    return { kind: 'replace', out, target, mode: stat.mode & 0o7777 };
  }
  if (stat.isCharacterDevice() || stat.isBlockDevice() || stat.isFIFO()) return { kind: 'through', out };
  return fail(`it is ${describeKind(stat)}`);
}

async function stage(p: Extract<Plan, { kind: 'replace' }>, temps: Set<string>): Promise<void> {
  const dir = path.dirname(p.target);
  const fail = (err: unknown): never => {
    throw new OutputError(`cannot write ${p.out.file}: ${describeFsError(err)}`, { cause: err });
  };
  await makeDirectories(dir).catch(fail);
  // Exclusive creation under a random name: nothing prepared in advance (a link, a file) is followed or reused.
  const tmp = path.join(dir, `.${path.basename(p.target).slice(0, 100)}.${randomBytes(12).toString('hex')}.tmp`);
  let handle: fsp.FileHandle;
  try {
    handle = await fsp.open(tmp, 'wx', p.mode ?? 0o666);
  } catch (err) {
    return fail(err);
  }
  temps.add(tmp);
  p.tmp = tmp;
  try {
    await writePieces(handle, p.out.content, fail);
    // The file replaced keeps its permissions (open applied the umask to them).
    if (p.mode !== undefined) await handle.chmod(p.mode).catch(fail);
  } finally {
    await handle.close();
  }
}

/**
 * Creates a folder and its missing parents, each once: the first ancestor that exists is found by
 * going up (as many steps as the path has parts), then each missing folder is made below it. Node's
 * `mkdir({ recursive: true })` never returns on a pseudo-file system that answers ENOENT for a
 * folder it cannot hold (/proc/nope); here that is an error.
 */
async function makeDirectories(dir: string): Promise<void> {
  const missing: string[] = [];
  let at = path.resolve(dir);
  for (;;) {
    const stat = await fsp.stat(at).catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return undefined;
      throw err;
    });
    if (stat) break;
    missing.push(at);
    const parent = path.dirname(at);
    if (parent === at) break;
    at = parent;
  }
  for (const folder of missing.reverse()) {
    await fsp.mkdir(folder).catch((err: NodeJS.ErrnoException) => {
      if (err.code !== 'EEXIST') throw err;
    });
  }
}

async function writeThrough(out: OutputFile): Promise<void> {
  const fail = (err: unknown): never => {
    throw new OutputError(`cannot write ${out.file}: ${describeFsError(err)}`, { cause: err });
  };
  let handle: fsp.FileHandle;
  try {
    // No O_CREAT, no O_TRUNC: what is opened must be what was found. A FIFO's open waits for a
    // reader, off the event loop, so that SIGINT still ends the run.
    handle = await fsp.open(out.file, fs.constants.O_WRONLY | fs.constants.O_NOCTTY);
  } catch (err) {
    return fail(err);
  }
  try {
    const stat = await handle.stat().catch(fail);
    if (!(stat.isCharacterDevice() || stat.isBlockDevice() || stat.isFIFO())) fail({ message: 'it was replaced while dfft ran' });
    await writePieces(handle, out.content, fail);
  } finally {
    await handle.close();
  }
}
