/**
 * Whole-process runs for the benchmark: spawn a command, time it from spawn to exit, and take
 * its peak resident set size. Peak RSS comes from GNU time (`/usr/bin/time -f %M`, exact, read
 * by the kernel at exit) when it is installed, otherwise from polling /proc/<pid>/status VmHWM.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const GNU_TIME = '/usr/bin/time';

export interface ProcessRun {
  /** Wall-clock milliseconds from spawn to exit. */
  ms: number;
  code: number | null;
  /** The signal that ended the process, if one did (SIGKILL from the kernel: out of memory). */
  signal: string | null;
  /** Peak resident set size, MB. */
  peakRssMB?: number;
  timedOut: boolean;
  /** The last two non-empty lines of stderr (what a crash says), or V8's line when it ran out of heap. */
  lastStderrLine: string;
  /** V8 reported that the heap ran out (its FATAL ERROR line is on stderr). */
  outOfMemory: boolean;
}

export interface RunOptions {
  cwd: string;
  timeoutSec?: number;
  /** Called about every 250 ms with the seconds elapsed (progress display). */
  onTick?: (seconds: number) => void;
  /** False: no peak RSS, and no GNU time between spawn and node (start-up timings). */
  rss?: boolean;
}

let hasGnuTime: boolean | undefined;
function gnuTime(): boolean {
  if (hasGnuTime === undefined) {
    try {
      fs.accessSync(GNU_TIME, fs.constants.X_OK);
      hasGnuTime = true;
    } catch {
      hasGnuTime = false;
    }
  }
  return hasGnuTime;
}

/** How the measured RSS was taken, for the results file. */
export function rssMethod(): string {
  return gnuTime() ? '/usr/bin/time -f %M (exact peak RSS at exit)' : '/proc/<pid>/status VmHWM, polled every 100 ms';
}

let counter = 0;

/** Runs `node args…` as its own process; resolves when it exits (or is killed at the timeout). */
export function runNode(args: readonly string[], opts: RunOptions): Promise<ProcessRun> {
  const timeFile = path.join(os.tmpdir(), `dfft-bench-time-${process.pid}-${counter++}`);
  const wrap = gnuTime() && opts.rss !== false;
  const [cmd, argv] = wrap ? [GNU_TIME, ['-f', '%M', '-o', timeFile, process.execPath, ...args]] : [process.execPath, [...args]];
  return new Promise((resolve) => {
    const t0 = process.hrtime.bigint();
    // Its own process group, so that a timeout kills node under GNU time as well.
    const child = spawn(cmd, argv, { cwd: opts.cwd, stdio: ['ignore', 'ignore', 'pipe'], detached: true });
    let stderr = '';
    let timedOut = false;
    let polledKB = 0;
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-8000);
    });
    const started = Date.now();
    const poll = setInterval(() => {
      if (!wrap && opts.rss !== false) polledKB = Math.max(polledKB, vmHwmKB(child.pid));
      opts.onTick?.(Math.round((Date.now() - started) / 1000));
    }, wrap ? 250 : 100);
    const timer = opts.timeoutSec
      ? setTimeout(() => {
          timedOut = true;
          killGroup(child.pid);
        }, opts.timeoutSec * 1000)
      : undefined;
    child.on('close', (code, signal) => {
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      clearInterval(poll);
      if (timer) clearTimeout(timer);
      const timed = wrap ? readTimeFile(timeFile) : { kb: polledKB };
      const lines = stderr.split('\n').filter((l) => l.trim() !== '');
      const fatal = lines.find((l) => /FATAL ERROR|heap out of memory/i.test(l));
      const lastStderrLine = (fatal ?? lines.slice(-2).map((l) => l.trim()).join(' | ')).trim();
      resolve({
        ms,
        code: timed.signal ? null : code,
        signal: timed.signal ?? signal,
        peakRssMB: timed.kb ? Math.round(timed.kb / 1024) : undefined,
        timedOut,
        lastStderrLine,
        outOfMemory: fatal !== undefined,
      });
    });
  });
}

function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

function vmHwmKB(pid: number | undefined): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0; // not Linux, or the process is gone
  }
}

/** GNU time's output file: `%M` on the last line, after "Command terminated by signal N" when one ended it. */
function readTimeFile(file: string): { kb?: number; signal?: string } {
  try {
    const lines = fs.readFileSync(file, 'utf8').trim().split('\n');
    fs.rmSync(file, { force: true });
    const kb = Number(lines[lines.length - 1]);
    const sig = /terminated by signal (\d+)/.exec(lines.join('\n'));
    return { kb: Number.isFinite(kb) && kb > 0 ? kb : undefined, signal: sig ? signalName(Number(sig[1])) : undefined };
  } catch {
    return {};
  }
}

function signalName(n: number): string {
  const hit = Object.entries(os.constants.signals).find(([, v]) => v === n);
  return hit ? hit[0] : `signal ${n}`;
}

/** A run that ended as a check should: exit 0 (clean) or 1 (findings), not killed, not timed out. */
export function completed(r: ProcessRun): boolean {
  return !r.timedOut && r.signal === null && (r.code === 0 || r.code === 1);
}

/** Why a run did not complete, in a few words and stderr's last line. */
export function failure(r: ProcessRun, timeoutSec?: number): string {
  const rss = r.peakRssMB !== undefined ? `, peak RSS ${r.peakRssMB.toLocaleString('en-US')} MB` : '';
  if (r.timedOut) return `did not finish within ${timeoutSec ?? '?'} s (killed${rss})`;
  const how = r.signal ? `killed by ${r.signal}${r.signal === 'SIGKILL' ? ' (the kernel: out of memory?)' : ''}` : `exit ${r.code}${r.outOfMemory ? ' (V8 heap out of memory)' : ''}`;
  return `${how} after ${(r.ms / 1000).toFixed(1)} s${rss}${r.lastStderrLine ? `: ${r.lastStderrLine.slice(0, 400)}` : ''}`;
}
