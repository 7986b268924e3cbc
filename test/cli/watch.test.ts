import type { Diagnostic } from '../../src/index';
import type { CliIo } from '../../src/cli/io';
import { CLEAR_SCREEN, watchLoop, type PathWatcher, type Timers, type WatchRun, type WatchTarget } from '../../src/cli/watch';

// The loop driven by hand: a fake watcher whose changes the test emits, timers the test fires,
// runs that end when the test says so. No test here waits for time to pass.

interface Deferred {
  promise: Promise<WatchRun>;
  resolve: (run: WatchRun) => void;
}

function deferred(): Deferred {
  let resolve!: (run: WatchRun) => void;
  const promise = new Promise<WatchRun>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

/** Lets every pending promise callback run. */
async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await Promise.resolve();
  await new Promise((r) => setImmediate(r));
}

const syntaxError = (file: string): Diagnostic => ({
  code: 'source/syntax', severity: 'error', message: 'invalid YAML: missing ]', location: { file, line: 3, column: 7, pointer: '' },
});

function harness(options: { tty?: boolean } = {}) {
  let stdout = '';
  let stderr = '';
  let interrupt: (() => void) | undefined;
  let unsubscribed = 0;
  const io: CliIo = {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    stdoutIsTTY: options.tty ?? false,
    stderrIsTTY: options.tty ?? false,
    env: {},
    onInterrupt: (handler) => {
      interrupt = handler;
      return () => void unsubscribed++;
    },
  };
  const pending = new Map<number, () => void>();
  let nextTimer = 1;
  const timers: Timers = {
    set: (callback) => {
      pending.set(nextTimer, callback);
      return nextTimer++;
    },
    clear: (handle) => void pending.delete(handle as number),
  };
  let onChange: (file: string) => void = () => undefined;
  const watched: WatchTarget[][] = [];
  let closed = 0;
  const watcher: PathWatcher = { watch: (targets) => void watched.push([...targets]), close: () => void closed++ };
  const runs: Deferred[] = [];
  let active = 0;
  let mostActive = 0;
  const written: string[] = [];
  const reprinted: string[] = [];
  /** A run that writes "report <name>" to stdout (and records it) when the loop asks. */
  const run = (name: string, fields: Partial<WatchRun> = {}): WatchRun => ({
    reported: true, errors: [], tally: `tally of ${name}`, alsoRead: [],
    write: async () => {
      written.push(name);
      io.stdout(`report ${name}\n`);
    },
    reprint: async () => {
      reprinted.push(name);
      io.stdout(`report ${name}\n`);
    },
    ...fields,
  });
  let clock = new Date(2026, 0, 2, 12, 3, 4);
  const loop = watchLoop({
    io,
    targets: [{ path: 'est' }, { path: 'policy.yaml' }],
    runOnce: () => {
      const d = deferred();
      runs.push(d);
      active++;
      mostActive = Math.max(mostActive, active);
      return d.promise.finally(() => void active--);
    },
    createWatcher: (change) => {
      onChange = change;
      return watcher;
    },
    ignore: (file) => file === 'out.sarif',
    timers,
    now: () => clock,
  });
  return {
    loop, run, runs, written, reprinted, watched,
    get stdout() { return stdout; },
    get stderr() { return stderr; },
    get closed() { return closed; },
    get unsubscribed() { return unsubscribed; },
    get mostActive() { return mostActive; },
    pendingTimers: () => pending.size,
    change: (file: string) => onChange(file),
    fireTimers: () => {
      const callbacks = [...pending.values()];
      pending.clear();
      for (const c of callbacks) c();
    },
    interrupt: () => interrupt!(),
    /** Ends run `i` with `result` and lets the loop show it. */
    finish: async (i: number, result: WatchRun): Promise<void> => {
      runs[i].resolve(result);
      await settle();
    },
    /** A change to `file`, its debounce timer fired, and the run it starts begun. */
    rerun: async (file: string): Promise<void> => {
      onChange(file);
      const callbacks = [...pending.values()];
      pending.clear();
      for (const c of callbacks) c();
      await settle();
    },
    quit: (): Promise<number> => {
      interrupt!();
      return loop;
    },
    setClock: (at: Date) => void (clock = at),
    clearOutput: () => {
      stdout = '';
      stderr = '';
    },
  };
}

describe('the watch loop', () => {
  it('runs once at the start, watching the targets, and prints the status line after the report', async () => {
    const h = harness();
    await settle();
    expect(h.runs).toHaveLength(1);
    expect(h.watched[0].map((t) => t.path)).toEqual(['est', 'policy.yaml']);
    await h.finish(0, h.run('first', { tally: '2 errors, 1 warning' }));
    expect(h.written).toEqual(['first']);
    expect(h.stdout).toBe('report first\n');
    expect(h.stderr).toBe('[12:03:04] watching 2 paths — 2 errors, 1 warning. Ctrl-C to quit.\n');
    await expect(h.quit()).resolves.toBe(0);
  });

  it('makes one run of a burst of changes, once the debounce timer fires', async () => {
    const h = harness();
    await settle();
    await h.finish(0, h.run('first'));
    for (let i = 0; i < 5; i++) h.change('est/a.yaml');
    h.change('est/b.yaml');
    // Each change restarts the one timer: a burst leaves one pending, and no run before it fires.
    expect(h.pendingTimers()).toBe(1);
    await settle();
    expect(h.runs).toHaveLength(1);
    h.fireTimers();
    await settle();
    expect(h.runs).toHaveLength(2);
    expect(h.stderr).toContain('est/a.yaml and 1 more changed; checking again.');
    await h.finish(1, h.run('second'));
    expect(h.written).toEqual(['first', 'second']);
    expect(h.pendingTimers()).toBe(0);
    await expect(h.quit()).resolves.toBe(0);
  });

  it('ignores changes of its own outputs', async () => {
    const h = harness();
    await settle();
    await h.finish(0, h.run('first'));
    h.change('out.sarif');
    expect(h.pendingTimers()).toBe(0);
    await expect(h.quit()).resolves.toBe(0);
  });

  it('queues exactly one more run for any number of changes during a run, never two at once', async () => {
    const h = harness();
    await settle();
    // The first run is still going while three bursts come and their timers fire.
    for (const file of ['est/a.yaml', 'est/b.yaml', 'policy.yaml']) {
      h.change(file);
      h.fireTimers();
      await settle();
    }
    expect(h.runs).toHaveLength(1);
    await h.finish(0, h.run('first'));
    expect(h.runs).toHaveLength(2);
    await h.finish(1, h.run('second'));
    expect(h.runs).toHaveLength(2);
    expect(h.mostActive).toBe(1);
    expect(h.written).toEqual(['first', 'second']);
    await expect(h.quit()).resolves.toBe(0);
  });

  it('on a run with a new input error, prints it, keeps the last good report on screen and rewrites no output', async () => {
    const h = harness({ tty: true });
    await settle();
    await h.finish(0, h.run('good', { tally: '1 error, 0 warnings' }));
    expect(h.stdout).toBe(`${CLEAR_SCREEN}report good\n`);
    h.clearOutput();
    h.setClock(new Date(2026, 0, 2, 12, 5, 9));
    await h.rerun('est/a.yaml');
    await h.finish(1, h.run('broken', { errors: [syntaxError('est/a.yaml')], tally: '0 errors, 0 warnings, 1 input error' }));
    expect(h.written).toEqual(['good']);
    // The screen is cleared and the last good report shown again, with the errors after it.
    expect(h.reprinted).toEqual(['good']);
    expect(h.stdout).toBe(`${CLEAR_SCREEN}report good\n`);
    expect(h.stderr).toContain('est/a.yaml:3:7 invalid YAML: missing ]  [source/syntax]');
    expect(h.stderr).toContain('[12:05:09] 1 input error in est/a.yaml — the report shown is from the last good run at 12:03:04; no output was rewritten. Watching 2 paths; Ctrl-C to quit.\n');
    // The file with the error is watched too (it may lie outside the targets: a file a policy extends).
    expect(h.watched.at(-1)!.map((t) => t.path)).toEqual(['est', 'policy.yaml', 'est/a.yaml']);
    // Fixed: the next run is shown and written.
    await h.rerun('est/a.yaml');
    await h.finish(2, h.run('fixed'));
    expect(h.written).toEqual(['good', 'fixed']);
    await expect(h.quit()).resolves.toBe(0);
  });

  it('off a terminal, neither clears the screen nor prints the last good report again', async () => {
    const h = harness({ tty: false });
    await settle();
    await h.finish(0, h.run('good'));
    await h.rerun('est/a.yaml');
    await h.finish(1, h.run('broken', { errors: [syntaxError('est/a.yaml')] }));
    expect(h.stdout).toBe('report good\n');
    expect(h.reprinted).toEqual([]);
    expect(h.stderr).toContain('the report shown is from the last good run at 12:03:04');
    await expect(h.quit()).resolves.toBe(0);
  });

  it('shows a first run with input errors, and later runs with errors only in those files; a new file with errors is kept back', async () => {
    const h = harness();
    await settle();
    await h.finish(0, h.run('first', { errors: [syntaxError('est/a.yaml')] }));
    await h.rerun('est/c.yaml');
    await h.finish(1, h.run('same file', { errors: [syntaxError('est/a.yaml'), syntaxError('est/a.yaml')] }));
    expect(h.written).toEqual(['first', 'same file']);
    await h.rerun('est/b.yaml');
    await h.finish(2, h.run('new file', { errors: [syntaxError('est/b.yaml')] }));
    expect(h.written).toEqual(['first', 'same file']);
    expect(h.stderr).toContain('1 input error in est/b.yaml — the report shown is from the last good run');
    await expect(h.quit()).resolves.toBe(0);
  });

  it('before any good run, a run stopped by errors (a policy that does not compile) says there is no report yet', async () => {
    const h = harness();
    await settle();
    await h.finish(0, h.run('policy', { reported: false, errors: [syntaxError('policy.yaml')] }));
    expect(h.written).toEqual([]);
    expect(h.stderr).toContain('policy.yaml:3:7 invalid YAML');
    expect(h.stderr).toContain('1 input error in policy.yaml — no report yet: fix the errors and save.');
    await expect(h.quit()).resolves.toBe(0);
  });

  it('keeps watching after a run that throws, and after an output that cannot be written', async () => {
    const h = harness();
    await settle();
    const outputError = Object.assign(new Error('cannot write out/x.sarif: no space left on device'), { name: 'OutputError' });
    await h.finish(0, h.run('first', { write: () => Promise.reject(outputError) }));
    expect(h.stderr).toContain('dfft: cannot write out/x.sarif: no space left on device\n');
    expect(h.stderr).toContain('the run failed — no report yet');
    await h.rerun('est/a.yaml');
    await h.finish(1, h.run('second'));
    expect(h.written).toEqual(['second']);
    await expect(h.quit()).resolves.toBe(0);
  });

  it('ends with 0 on interrupt: the watcher closed, the pending timer cleared, the signal handler removed', async () => {
    const h = harness();
    await settle();
    await h.finish(0, h.run('first'));
    h.change('est/a.yaml');
    expect(h.pendingTimers()).toBe(1);
    await expect(h.quit()).resolves.toBe(0);
    expect(h.pendingTimers()).toBe(0);
    expect(h.closed).toBe(1);
    expect(h.unsubscribed).toBe(1);
    // A change after the end starts nothing.
    h.change('est/a.yaml');
    expect(h.pendingTimers()).toBe(0);
    expect(h.runs).toHaveLength(1);
  });

  it('on interrupt during a run, waits for it, writes nothing of it, and starts no run queued', async () => {
    const h = harness();
    await settle();
    h.change('est/a.yaml');
    h.fireTimers();
    let ended: number | undefined;
    void h.loop.then((code) => void (ended = code));
    h.interrupt();
    await settle();
    expect(ended).toBeUndefined();
    await h.finish(0, h.run('interrupted'));
    expect(ended).toBe(0);
    expect(h.written).toEqual([]);
    expect(h.runs).toHaveLength(1);
  });

  it('ends with 2 on a usage error, which no edit of a watched file can fix', async () => {
    const h = harness();
    await settle();
    const usage: Diagnostic = { code: 'argument/invalid', severity: 'error', message: '--as-of: "2026-13-01" is not a date' };
    h.runs[0].resolve(h.run('bad', { reported: false, errors: [usage] }));
    await expect(h.loop).resolves.toBe(2);
    expect(h.stderr).toContain('--as-of: "2026-13-01" is not a date');
    expect(h.closed).toBe(1);
  });
});
