import { availableParallelism } from 'node:os';
import * as path from 'node:path';
import { Piscina } from 'piscina';
import { HttpError, requestError } from './errors';
import type { Task, TaskAnswer, WorkerSetup } from './tasks';

/** How the service's checks run off the event loop. */
export interface PoolOptions {
  /** Worker threads, each with its own compiled policy. */
  workers: number;
  /** Requests that may wait for a worker (beyond those running); more are refused with 503 and Retry-After. */
  maxQueue: number;
  /** Most milliseconds a request may run in its worker; then the worker is terminated and the answer is 503. */
  cpuBudget: number;
  /** The worker module (tests replace it). */
  filename?: string;
}

/** One worker per CPU but one: the event loop (parsing bodies, /healthz) keeps a CPU of its own. */
export const POOL_DEFAULTS = { workers: Math.max(1, availableParallelism() - 1), maxQueue: 64, cpuBudget: 10_000 } as const;

// From source (the tests), the worker is TypeScript and needs a loader; the build runs it as it is.
const WORKER_FILE = __filename.endsWith('.ts') ? path.join(__dirname, 'check-worker-ts.js') : path.join(__dirname, 'check-worker.js');

/**
 * The worker pool of one policy generation. A reload starts a new pool and drains the old one, so
 * a request runs start to end on the policy it began with.
 */
export class CheckPool {
  private readonly pool: Piscina;
  private pending = 0;
  private stopping = false;

  constructor(
    setup: WorkerSetup,
    readonly options: PoolOptions,
  ) {
    this.pool = new Piscina({
      filename: options.filename ?? WORKER_FILE,
      workerData: setup,
      minThreads: options.workers,
      maxThreads: options.workers,
      idleTimeout: Infinity,
      // A sync task cannot be interrupted by messages; Atomics would only make waiting workers spin.
      atomics: 'disabled',
    });
    // Errors outside any task (a worker that fails between tasks): the tasks' own promises carry the rest.
    this.pool.on('error', () => undefined);
  }

  /**
   * Runs a task. Its CPU budget counts from when a worker starts it (time in the queue is not
   * counted); over it, the worker is terminated (a synchronous check cannot be stopped any other
   * way) and the answer is 503. `signal` (the client left, the handler timed out) takes the task
   * out of the queue if it has not started.
   */
  async run(task: Task, signal?: AbortSignal, budget = this.options.cpuBudget): Promise<TaskAnswer> {
    // Bounded here rather than by piscina's maxQueue, which does not count abortable tasks.
    if (this.pending - this.options.workers >= this.options.maxQueue) {
      throw new HttpError(503, [requestError('request/unavailable', `the service is busy: ${this.options.maxQueue} requests are already waiting`, undefined, 'retry later')], undefined, { 'retry-after': '1' });
    }
    const started = new Float64Array(new SharedArrayBuffer(8));
    const controller = new AbortController();
    let overBudget = false;
    let timer: NodeJS.Timeout | undefined;
    const watch = (): void => {
      const at = started[0];
      const left = at === 0 ? budget : at + budget - Date.now();
      if (at !== 0 && left <= 0) {
        overBudget = true;
        controller.abort();
        return;
      }
      // setTimeout takes at most 2^31-1 ms: a longer (or infinite) budget is checked again then.
      timer = setTimeout(watch, Math.min(left, 2 ** 31 - 1));
      timer.unref();
    };
    watch();
    // A task still waiting leaves the queue. A running one is left to finish (its answer is
    // dropped): terminating a worker costs a fresh one that compiles the policy and warms up
    // again, and the CPU budget bounds what is left anyway.
    const onAbort = (): void => {
      if (started[0] === 0) controller.abort(signal?.reason);
    };
    this.pending++;
    if (signal?.aborted) onAbort();
    else signal?.addEventListener('abort', onAbort, { once: true });
    try {
      return (await this.pool.run({ ...task, started }, { signal: controller.signal })) as TaskAnswer;
    } catch (err) {
      if (overBudget) {
        throw new HttpError(503, [
          requestError('request/over-budget', `the request ran for more than its CPU budget of ${budget} ms and was stopped`, undefined, 'send fewer manifests per request, or start the server with a larger --request-cpu-budget'),
        ]);
      }
      if (signal?.aborted && signal.reason instanceof Error) throw signal.reason;
      if (this.stopping) {
        // The pool of a replaced policy (or of a closing server) was stopped before this task ran.
        throw new HttpError(503, [requestError('request/unavailable', 'the service stopped this request while reloading its policy or shutting down')], undefined, { 'retry-after': '1' });
      }
      throw err;
    } finally {
      this.pending--;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }
  }

  /** Tasks handed to the pool and not yet settled: running or waiting. */
  get inFlight(): number {
    return this.pending;
  }

  /** Tasks waiting for a worker. */
  get queued(): number {
    return this.pool.queueSize;
  }

  /**
   * Lets the tasks started or queued finish, then stops the workers. Never rejects: past piscina's
   * close timeout (30 s) the workers are stopped and the tasks left are answered 503.
   */
  async close(): Promise<void> {
    try {
      await this.pool.close();
    } catch {
      await this.destroy();
    }
  }

  /** Stops the workers now; tasks still running or queued are answered 503. */
  async destroy(): Promise<void> {
    this.stopping = true;
    await this.pool.destroy();
  }
}
