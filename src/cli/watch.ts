/**
 * The loop of `dfft check --watch` (docs/watch.md): a run, then a run again whenever a watched
 * input changes. A burst of changes (an editor's save is several events) is one run, after
 * {@link DEFAULT_DEBOUNCE_MS} of quiet; runs never overlap (changes during a run queue exactly one
 * more); a run that brings new input errors shows them and keeps the last good run's report and
 * files. The loop knows nothing of checks: it is given a run to call, a watcher and, for tests,
 * the timers and the clock.
 */
import * as path from 'node:path';
import { escapeControl, type Diagnostic } from '../index';
import { internalErrorText, onProcessInterrupt, type CliIo } from './io';
import { printDiagnostics } from './print-errors';

/** A path to watch: a file, a folder (every entry below it that `accept` takes), or a path that does not exist yet. */
export interface WatchTarget {
  path: string;
  /** For a folder: which names of files below it are inputs (default: all). Hidden entries and node_modules are never. */
  accept?: (name: string) => boolean;
}

/** Watches paths and calls its `onChange` with the path of what changed. */
export interface PathWatcher {
  /** Watches these targets from now on, in place of those of the last call. */
  watch(targets: readonly WatchTarget[]): void;
  /** Stops watching: nothing of it keeps the process alive. */
  close(): void;
}

/** Makes a {@link PathWatcher}; `onError` takes a one-line warning (a folder that cannot be watched). */
export type CreateWatcher = (onChange: (file: string) => void, onError: (message: string) => void) => PathWatcher;

/** One run of the watched command, made but not yet written. */
export interface WatchRun {
  /** Whether the run made a report; a run stopped before one (a policy that does not compile) has only its errors. */
  reported: boolean;
  /** The run's input errors. */
  errors: readonly Diagnostic[];
  /** The status line's tally of the report, e.g. "2 errors, 1 warning". */
  tally: string;
  /** Files the run read that the watch targets do not name (files a policy extends): watched as well. */
  alsoRead: readonly string[];
  /** Writes the run's outputs, as the command without --watch would: stdout and every file. */
  write(): Promise<void>;
  /** Writes the run's stdout output again (after the screen is cleared). */
  reprint(): Promise<void>;
}

/** Timers, given by tests to drive the debounce themselves. */
export interface Timers {
  set(callback: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

/** What {@link watchLoop} takes. */
export interface WatchLoopOptions {
  io: CliIo;
  /** What to watch before the first run (runs add the files they read: {@link WatchRun.alsoRead}). */
  targets: readonly WatchTarget[];
  /** One run; it should catch input errors (they are its `errors`). What it throws is printed and kept watching. */
  runOnce: () => Promise<WatchRun>;
  createWatcher: CreateWatcher;
  /** Changes of these files are not changes of the inputs: the run's own outputs. */
  ignore?: (file: string) => boolean;
  timers?: Timers;
  now?: () => Date;
  debounceMs?: number;
}

/** Quiet time after the last change before a run: long enough for an editor's save, short for a person. */
export const DEFAULT_DEBOUNCE_MS = 100;

/** Erases the screen and its scrollback and homes the cursor, as jest --watch does (tsc writes ESC c). */
export const CLEAR_SCREEN = '\x1b[2J\x1b[3J\x1b[H';

/**
 * Runs until SIGINT or SIGTERM (`io.onInterrupt`), which ends it with 0 once a running run has
 * finished (a run interrupted writes nothing), or until a run reports a usage error (a bad
 * command-line value, which no edit of a watched file can fix): 2. The signal handler is removed
 * at the first signal: a second one ends the process at once, and one that comes while outputs
 * are written ends it as it ends `dfft check` then (writeOutputs removes what it staged and raises
 * the signal again), so that nothing, not even a FIFO no one reads, holds a quit.
 */
export function watchLoop(options: WatchLoopOptions): Promise<number> {
  return new WatchLoop(options).start();
}

const realTimers: Timers = {
  set: (callback, ms) => setTimeout(callback, ms),
  clear: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

class WatchLoop {
  private readonly io: CliIo;
  private readonly timers: Timers;
  private readonly now: () => Date;
  private readonly watcher: PathWatcher;
  private timer: unknown;
  private changed: string[] = [];
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = false;
  private lastGood: { run: WatchRun; at: Date; errorFiles: Set<string> } | undefined;
  /** Files the last run read beyond the targets (a policy's extends). */
  private alsoRead: string[] = [];
  /** Files of the last run's input errors (a file extended that does not parse is not among those read). */
  private errorFiles: string[] = [];
  private finish: (code: number) => void = () => undefined;
  private unsubscribe: () => void = () => undefined;

  constructor(private readonly options: WatchLoopOptions) {
    this.io = options.io;
    this.timers = options.timers ?? realTimers;
    this.now = options.now ?? (() => new Date());
    this.watcher = options.createWatcher((file) => this.onChange(file), (message) => this.io.stderr(`dfft: warning: ${escapeControl(message)}\n`));
  }

  start(): Promise<number> {
    const done = new Promise<number>((resolve) => {
      this.finish = resolve;
    });
    this.unsubscribe = (this.io.onInterrupt ?? onProcessInterrupt)(() => this.stop(0));
    this.request();
    return done;
  }

  private targets(): WatchTarget[] {
    return [...this.options.targets, ...[...this.alsoRead, ...this.errorFiles].map((file) => ({ path: file }))];
  }

  private onChange(file: string): void {
    if (this.stopped || this.options.ignore?.(file)) return;
    this.changed.push(file);
    if (this.timer !== undefined) this.timers.clear(this.timer);
    this.timer = this.timers.set(() => {
      this.timer = undefined;
      this.request();
    }, this.options.debounceMs ?? DEFAULT_DEBOUNCE_MS);
  }

  /** A run now, or one more after the run under way: never two at once. */
  private request(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.cycle().finally(() => {
      this.running = undefined;
      if (this.again && !this.stopped) {
        this.again = false;
        this.request();
      }
    });
  }

  private async cycle(): Promise<void> {
    const changed = this.changed;
    this.changed = [];
    if (changed.length > 0) this.io.stderr(`${stamp(this.now())} ${describeChanges(changed)}; checking again.\n`);
    // Folders made or replaced since the last run are watched before this run reads them.
    this.watcher.watch(this.targets());
    let run: WatchRun;
    try {
      run = await this.options.runOnce();
    } catch (err) {
      if (!this.stopped) this.showFailure(err);
      return;
    }
    if (this.stopped) return;
    this.watchAlso(run);
    const usage = run.errors.filter((e) => e.code.startsWith('argument/') && e.location === undefined);
    if (usage.length > 0) {
      printDiagnostics(usage, this.io);
      this.stop(2);
      return;
    }
    if (this.isGood(run)) await this.showGood(run);
    else await this.showBroken(run);
  }

  /** The files a run read, and those its errors are in (a policy's extends that does not parse), are watched too. */
  private watchAlso(run: WatchRun): void {
    const read = run.reported ? [...run.alsoRead] : this.alsoRead;
    const errorFiles = [...new Set(run.errors.map((e) => e.location?.file).filter((f): f is string => f !== undefined && !f.startsWith('<')))];
    if (sameList(read, this.alsoRead) && sameList(errorFiles, this.errorFiles)) return;
    this.alsoRead = read;
    this.errorFiles = errorFiles;
    this.watcher.watch(this.targets());
  }

  /**
   * A run is good when it made a report and each of its input errors is in a file that had input
   * errors in the last good run already (the first run with a report is good whatever it holds:
   * there is nothing older to show).
   */
  private isGood(run: WatchRun): boolean {
    if (!run.reported) return false;
    const last = this.lastGood;
    return last === undefined || run.errors.every((e) => last.errorFiles.has(e.location?.file ?? ''));
  }

  private async showGood(run: WatchRun): Promise<void> {
    const at = this.now();
    if (this.io.stdoutIsTTY) this.io.stdout(CLEAR_SCREEN);
    try {
      await run.write();
    } catch (err) {
      if (!this.stopped) this.showFailure(err);
      return;
    }
    this.lastGood = { run, at, errorFiles: new Set(run.errors.map((e) => e.location?.file ?? '')) };
    this.io.stderr(`${stamp(at)} ${this.watching()} — ${run.tally}. Ctrl-C to quit.\n`);
  }

  private async showBroken(run: WatchRun): Promise<void> {
    if (this.io.stdoutIsTTY) {
      this.io.stdout(CLEAR_SCREEN);
      await this.lastGood?.run.reprint().catch(() => undefined);
    }
    printDiagnostics(run.errors, this.io);
    const files = [...new Set(run.errors.map((e) => e.location?.file).filter((f) => f !== undefined))];
    const where = files.length === 0 ? '' : ` in ${files.slice(0, 3).map((f) => escapeControl(f)).join(', ')}${files.length > 3 ? ` and ${files.length - 3} more files` : ''}`;
    this.io.stderr(`${stamp(this.now())} ${plural(run.errors.length, 'input error')}${where} — ${this.keptNote()}. ${capitalise(this.watching())}; Ctrl-C to quit.\n`);
  }

  /** A run or its writing threw: what is kept is the last good run. */
  private showFailure(err: unknown): void {
    if (isDiagnosticError(err)) printDiagnostics(err.diagnostics, this.io);
    else if (err instanceof Error && err.name === 'OutputError') this.io.stderr(`dfft: ${err.message}\n`);
    else this.io.stderr(internalErrorText(err));
    this.io.stderr(`${stamp(this.now())} the run failed — ${this.keptNote()}. ${capitalise(this.watching())}; Ctrl-C to quit.\n`);
  }

  private keptNote(): string {
    const last = this.lastGood;
    return last === undefined
      ? 'no report yet: fix the errors and save'
      : `the report shown is from the last good run at ${clock(last.at)}; no output was rewritten`;
  }

  /** The paths given and those the runs read, not the folders below them or the files of errors. */
  private watching(): string {
    const paths = [...this.options.targets.map((t) => t.path), ...this.alsoRead];
    return `watching ${plural(new Set(paths.map((p) => path.resolve(p))).size, 'path')}`;
  }

  private stop(code: number): void {
    if (this.stopped) return;
    this.stopped = true;
    if (this.timer !== undefined) this.timers.clear(this.timer);
    this.timer = undefined;
    this.watcher.close();
    this.unsubscribe();
    void Promise.resolve(this.running).catch(() => undefined).then(() => this.finish(code));
  }
}

function isDiagnosticError(err: unknown): err is { diagnostics: Diagnostic[] } {
  return typeof err === 'object' && err !== null && (err as Error).name === 'DiagnosticError';
}

/** "est/a.yaml changed", "est/a.yaml and 2 more changed", relative to the current folder. */
function describeChanges(files: readonly string[]): string {
  const unique = [...new Set(files.map((f) => path.relative(process.cwd(), f) || f))];
  const first = escapeControl(unique[0]);
  return `${first}${unique.length > 1 ? ` and ${unique.length - 1} more` : ''} changed`;
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function stamp(at: Date): string {
  return `[${clock(at)}]`;
}

/** Local time of day, HH:MM:SS. */
function clock(at: Date): string {
  return [at.getHours(), at.getMinutes(), at.getSeconds()].map((n) => String(n).padStart(2, '0')).join(':');
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
