import { spawn, spawnSync } from 'node:child_process';
import { constants } from 'node:buffer';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { formatters, type FormatOptions } from '../../src/report/formatters';
import type { Chunks } from '../../src/report/formatters/types';
import type { Report } from '../../src/types';
import type { CliIo } from '../../src/cli/io';
import { writeOutputs } from '../../src/cli/output';
import { runCli } from '../support/cli';
import { tmpDir } from '../support/tmp';
import { itWithDevices, mknod } from '../support/device-nodes';

// A report is written as it is made, piece by piece: never held as one string. The formatters
// here are the tests' own, put in the registry in place of `text` for a test, so that a report
// longer than V8's largest string can be made cheaply (one 1 MiB piece, yielded again and again).

const root = path.join(__dirname, '..', '..');
const clean = path.join(root, 'examples', 'manifests', 'clean-eu-shop.yaml');
const check = (...args: string[]) => runCli(['check', '--as-of', '2026-11-28', clean, ...args]);
const MIB = 1024 * 1024;

const registry = formatters as unknown as Record<string, (r: Report, o?: FormatOptions) => unknown>;
const restore: Array<() => void> = [];
afterEach(() => {
  for (const r of restore.splice(0)) r();
});

/** Puts `formatter` in the registry as `name` for the test. */
function useFormatter(name: string, formatter: (r: Report, o?: FormatOptions) => unknown): void {
  const original = registry[name];
  registry[name] = formatter;
  restore.push(() => void (registry[name] = original));
}

/** `count` pieces of 1 MiB each ("x"… then a newline). */
function mebibytes(count: number): () => Chunks {
  const piece = `${'x'.repeat(MIB - 1)}\n`;
  return function* () {
    for (let i = 0; i < count; i++) yield piece;
  };
}

/** The fewest 1 MiB pieces that make more characters than V8's largest string can hold. */
const OVER_MAX_STRING = Math.ceil((constants.MAX_STRING_LENGTH + 1) / MIB);

function tempFiles(dir: string): string[] {
  return fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'));
}

/** Counts the bytes that come out of a FIFO, in a child process (it opens the FIFO's other end). */
function drain(fifo: string): Promise<number> {
  const child = spawn(process.execPath, ['-e', `let n = 0; require('fs').createReadStream(process.argv[1]).on('data', (d) => (n += d.length)).on('end', () => process.stdout.write(String(n)));`, fifo], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  return new Promise((resolve, reject) => child.on('close', (code) => (code === 0 ? resolve(Number(out)) : reject(new Error(`reader exited ${code}`)))));
}

describe('a report longer than any string', () => {
  it(`is written whole to a FIFO, piece by piece (${OVER_MAX_STRING} MiB, over ${constants.MAX_STRING_LENGTH} characters)`, async () => {
    useFormatter('text', mebibytes(OVER_MAX_STRING));
    const dir = tmpDir();
    const fifo = path.join(dir, 'pipe');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const [result, received] = await Promise.all([check('-f', `text=${fifo}`, '--max-report-size', '1GiB', '-q'), drain(fifo)]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(received).toBe(OVER_MAX_STRING * MIB);
    expect(received).toBeGreaterThan(constants.MAX_STRING_LENGTH);
    expect(fs.lstatSync(fifo).isFIFO()).toBe(true);
  }, 60_000);

  it('passing --max-report-size midway is report/too-large: exit 2, one message, every previous file kept, no temporary file', async () => {
    useFormatter('text', mebibytes(OVER_MAX_STRING));
    const dir = tmpDir({ 'report.json': 'previous json', 'report.txt': 'previous text' });
    const json = path.join(dir, 'report.json');
    const text = path.join(dir, 'report.txt');
    // json is staged whole first; text passes the limit while it is written.
    const { code, stderr, stdout } = await check('-f', `json=${json}`, '-f', `text=${text}`, '--max-report-size', '64MiB', '-q');
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(`${text}: the text report is over the limit of 64 MiB (--max-report-size) (check fewer manifests per run, pick a more compact format (json, csv), or raise --max-report-size)  [report/too-large]\ndfft: 1 input error\n`);
    expect(fs.readFileSync(json, 'utf8')).toBe('previous json');
    expect(fs.readFileSync(text, 'utf8')).toBe('previous text');
    expect(tempFiles(dir)).toEqual([]);
  }, 60_000);

  it('passing the limit on stdout replaces no file either (stdout is written before the renames)', async () => {
    useFormatter('text', mebibytes(16));
    const dir = tmpDir({ 'report.json': 'previous json' });
    const { code, stderr } = await check('-f', `json=${path.join(dir, 'report.json')}`, '-f', 'text', '--max-report-size', '4MiB', '-q');
    expect(code).toBe(2);
    expect(stderr).toContain('stdout: the text report is over the limit of 4 MiB (--max-report-size)');
    expect(fs.readFileSync(path.join(dir, 'report.json'), 'utf8')).toBe('previous json');
    expect(tempFiles(dir)).toEqual([]);
  });

  it('a streamed report written to a regular file is the pieces in order', async () => {
    useFormatter('text', function* () {
      for (let i = 0; i < 100_000; i++) yield `${i}\n`;
    });
    const dir = tmpDir({ 'report.txt': 'previous' });
    const { code } = await check('-f', `text=${path.join(dir, 'report.txt')}`, '-q');
    expect(code).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'report.txt'), 'utf8')).toBe(Array.from({ length: 100_000 }, (_, i) => `${i}\n`).join(''));
    expect(tempFiles(dir)).toEqual([]);
  });
});

describe('a long string made at once', () => {
  it('is written in slices that never cut a character in two, to a file and to stdout', async () => {
    // The emoji is a surrogate pair whose first half ends the first 1 Mi units.
    const text = `${'a'.repeat(MIB - 1)}\u{1F600}${'b'.repeat(10)}é`;
    let stdout = '';
    const io: CliIo = { stdout: (t) => void (stdout += t), stderr: () => undefined, stdoutIsTTY: false, stderrIsTTY: false, env: {} };
    const file = path.join(tmpDir(), 'report.txt');
    await writeOutputs([{ file, content: text }, { file: '-', content: text }], io);
    expect(fs.readFileSync(file, 'utf8')).toBe(text);
    expect(stdout).toBe(text);
  });
});

describe('pieces of every size, to a file', () => {
  it('are written byte for byte in order: small, multi-byte across a write boundary, larger than a write, binary', async () => {
    // Pieces are encoded into 1 MiB write buffers: a piece that does not fit goes into the next
    // buffer whole, one larger than a buffer is written on its own, between the buffers around it.
    const pieces: Array<string | Uint8Array> = [];
    for (let i = 0; i < 40_000; i++) pieces.push(`é${i}\u{1F600}\n`);
    pieces.push('z'.repeat(3 * MIB + 5));
    pieces.push(Buffer.from([0xff, 0x00, 0x7f]));
    for (let i = 0; i < 1000; i++) pieces.push(`${'ü'.repeat(700)}\n`);
    const file = path.join(tmpDir(), 'report.bin');
    const io: CliIo = { stdout: () => undefined, stderr: () => undefined, stdoutIsTTY: false, stderrIsTTY: false, env: {} };
    await writeOutputs([{ file, content: async function* () { yield* pieces; } }], io);
    const expected = Buffer.concat(pieces.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : p)));
    expect(expected.length).toBeGreaterThan(4 * MIB);
    expect(fs.readFileSync(file).equals(expected)).toBe(true);
  });
});

describe('-o a symbolic link to a device node, with a streamed report', () => {
  itWithDevices('the device-node test of a streamed report')('writes through, keeping the link and the device', async () => {
    const dir = tmpDir();
    mknod(dir, 'null', 3);
    useFormatter('text', mebibytes(8));
    const link = path.join(dir, 'out');
    fs.symlinkSync('null', link);
    const { code, stderr } = await check('-o', link, '-q');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(fs.lstatSync(link).isSymbolicLink()).toBe(true);
    expect(fs.statSync(link).isCharacterDevice()).toBe(true);
    expect(fs.lstatSync(path.join(dir, 'null')).isCharacterDevice()).toBe(true);
    expect(fs.readdirSync(dir).sort()).toEqual(['null', 'out']);
  });
});

describe('a streamed report to a full device', () => {
  itWithDevices('the full-device test of a streamed report')('stops at the first failed write with one error, while the next piece was being made', async () => {
    // One write is in flight while the next piece is made: the failure of write k surfaces before
    // write k+1 begins, so the formatter is stopped after one piece more at most.
    let pieces = 0;
    useFormatter('text', function* () {
      for (let i = 0; i < 64; i++) {
        pieces++;
        yield `${'x'.repeat(MIB - 1)}\n`;
      }
    });
    const full = mknod(tmpDir(), 'full', 7)!;
    const { code, stderr } = await check('-o', full, '-q');
    expect(code).toBe(2);
    expect(stderr).toBe(`dfft: cannot write ${full}: no space left on the device\n`);
    expect(pieces).toBeLessThanOrEqual(3);
    expect(fs.lstatSync(full).isCharacterDevice()).toBe(true);
  });
});

describe('stdout with a slow reader', () => {
  const dist = path.join(root, 'dist', 'cli');
  const PIECES = 16;
  // A child writes 16 pieces of 1 MiB to its stdout through writeOutputs and processIo, and says
  // the most its stdout ever held unwritten; the test reads the pipe slowly.
  const writer = `
    const { writeOutputs } = require(${JSON.stringify(path.join(dist, 'output.js'))});
    const { processIo } = require(${JSON.stringify(path.join(dist, 'io.js'))});
    let most = 0;
    let made = 0;
    async function* source() {
      for (let i = 0; i < ${PIECES}; i++) {
        most = Math.max(most, process.stdout.writableLength);
        made++;
        yield Buffer.alloc(1 << 20, 97 + (i % 26)).toString('latin1');
      }
    }
    // As bin.js does: a reader that goes away is not an error.
    process.stdout.on('error', () => {});
    writeOutputs([{ file: '-', content: source }], processIo()).then(() => process.stderr.write(JSON.stringify({ most, made })));
  `;

  it('receives every byte, and dfft holds back rather than buffer the report', async () => {
    if (!fs.existsSync(path.join(dist, 'output.js'))) throw new Error(`${dist}/output.js is missing: run npm run build (npm test does)`);
    const child = spawn(process.execPath, ['-e', writer], { stdio: ['ignore', 'pipe', 'pipe'] });
    let received = 0;
    const counts = new Map<number, number>();
    let held = '';
    child.stderr.on('data', (d: Buffer) => (held += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      for (const byte of d) counts.set(byte, (counts.get(byte) ?? 0) + 1);
      received += d.length;
      // A slow reader: a pause after every read.
      child.stdout.pause();
      setTimeout(() => child.stdout.resume(), 1);
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(0);
    expect(received).toBe(PIECES * MIB);
    // Piece i is all one letter: each letter's count is how many pieces had it.
    for (let i = 0; i < 26; i++) expect(counts.get(97 + i) ?? 0).toBe(Math.max(0, Math.ceil((PIECES - i) / 26)) * MIB);
    // Never more than one piece waiting in dfft's memory (without backpressure: nearly all of them).
    expect(JSON.parse(held)).toEqual({ most: expect.any(Number), made: PIECES });
    expect(JSON.parse(held).most).toBeLessThanOrEqual(MIB);
  }, 60_000);

  it('a reader that goes away ends the writing without an error, and the rest is not made', async () => {
    const child = spawn(process.execPath, ['-e', writer], { stdio: ['ignore', 'pipe', 'pipe'] });
    let held = '';
    child.stderr.on('data', (d: Buffer) => (held += d.toString()));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(0);
    expect(JSON.parse(held).made).toBeLessThan(PIECES);
  }, 60_000);
});
