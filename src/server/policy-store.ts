import { describePolicy, type PolicyDescription, createChecker, type Checker, diagnostic, type Diagnostic, DiagnosticError, type Law, loadLaw, type PolicySelection } from '../index';
import { CheckPool, type PoolOptions } from './check-pool';
import { policyFingerprint, type TaskAnswer } from './tasks';

/** Everything a request needs, compiled once: swapped whole on reload, never changed in place. */
export interface PolicyState {
  /** The policy as the server compiled it (its description, its errors at start or reload). */
  readonly checker: Checker;
  readonly law: Law;
  /** The workers that check with this policy, each having compiled the same (same fingerprint). */
  readonly pool: CheckPool;
  /** GET /v1/rules, computed once per policy. */
  readonly description: PolicyDescription;
  /** 1 at start, one more at each successful reload. */
  readonly generation: number;
  readonly loadedAt: Date;
}

export type ReloadResult = { ok: true; generation: number; millis: number } | { ok: false; errors: Diagnostic[]; generation: number; millis: number };

/**
 * Holds the compiled policy of the service. A request takes `current` once and uses that state to
 * the end, so a reload never changes the policy under a request; a reload that fails leaves the
 * current state as it was. Reloads are serialised: a reload asked for while one runs starts when
 * it ends (several such asks make one more reload, not several). Each generation has its own
 * worker pool; the old one is drained (its requests finish) when a new one takes over.
 */
export class PolicyStore {
  private state: PolicyState;
  private running?: Promise<ReloadResult>;
  private queued?: Promise<ReloadResult>;
  private last?: { at: Date; ok: boolean; errors?: number };
  private readonly draining = new Set<Promise<void>>();

  private constructor(
    private readonly selection: PolicySelection,
    private readonly poolOptions: PoolOptions,
    initial: PolicyState,
  ) {
    this.state = initial;
  }

  /** Loads and compiles the policy, and starts its workers. Throws DiagnosticError with every located policy error. */
  static async load(selection: PolicySelection, poolOptions: PoolOptions): Promise<PolicyStore> {
    return new PolicyStore(selection, poolOptions, await compile(selection, 1, poolOptions));
  }

  get current(): PolicyState {
    return this.state;
  }

  /** When the last reload ran and whether it succeeded (undefined before the first). */
  get lastReload(): { at: Date; ok: boolean; errors?: number } | undefined {
    return this.last;
  }

  /** Reads and compiles the policy files again; on success the new policy serves the next requests. */
  reload(): Promise<ReloadResult> {
    if (!this.running) {
      this.running = this.reloadOnce().finally(() => {
        this.running = undefined;
      });
      return this.running;
    }
    // One already runs and may have read the files before they changed: run once more after it.
    this.queued ??= this.running.then(
      () => {
        this.queued = undefined;
        return this.reload();
      },
      () => {
        this.queued = undefined;
        return this.reload();
      },
    );
    return this.queued;
  }

  /** Waits for reloads, drains the old pools and the current one. */
  async close(): Promise<void> {
    await Promise.allSettled([this.running, this.queued]);
    await Promise.all([...this.draining, this.state.pool.close()]);
  }

  private async reloadOnce(): Promise<ReloadResult> {
    const started = performance.now();
    const generation = this.state.generation + 1;
    try {
      const old = this.state;
      this.state = await compile(this.selection, generation, this.poolOptions);
      // Requests that took the old state have already handed their task to its pool.
      const drained = old.pool.close().finally(() => this.draining.delete(drained));
      this.draining.add(drained);
      this.last = { at: new Date(), ok: true };
      return { ok: true, generation, millis: performance.now() - started };
    } catch (err) {
      if (!(err instanceof DiagnosticError)) {
        this.last = { at: new Date(), ok: false };
        throw err;
      }
      this.last = { at: new Date(), ok: false, errors: err.diagnostics.length };
      return { ok: false, errors: [...err.diagnostics], generation: this.state.generation, millis: performance.now() - started };
    }
  }
}

/** Attempts to compile a generation whose files keep changing under the reload. */
const COMPILE_ATTEMPTS = 3;

async function compile(selection: PolicySelection, generation: number, poolOptions: PoolOptions): Promise<PolicyState> {
  for (let attempt = 1; ; attempt++) {
    const checker = await createChecker(selection);
    // The checker loads the law for itself but does not expose it; validation needs the taxonomy.
    const law = loadLaw(selection.rulesDir);
    if (!law.ok) throw new DiagnosticError(law.diagnostics);
    const pool = new CheckPool({ selection, fingerprint: policyFingerprint(checker, law.value.files) }, poolOptions);
    // The workers compile the policy from the files again: make sure they read what was compiled
    // here (files being rewritten during a reload is common: read them all again), and pay for
    // their warm-up before the first request.
    let answers: TaskAnswer[];
    try {
      answers = await Promise.all(Array.from({ length: poolOptions.workers }, () => pool.run({ kind: 'warm-up' }, undefined, Infinity)));
    } catch (err) {
      await pool.destroy();
      throw err;
    }
    const failed = answers.find((a) => !a.ok);
    if (!failed || failed.ok) return { checker, law: law.value.law, pool, description: describePolicy(checker.policy), generation, loadedAt: new Date() };
    await pool.destroy();
    if (failed.log.reason !== 'policy-changed' || attempt === COMPILE_ATTEMPTS) {
      const why = failed.log.reason === 'policy-changed' ? `the policy files kept changing while the service loaded them (${COMPILE_ATTEMPTS} attempts)` : (failed.errors[0]?.message ?? 'a worker could not load the policy');
      throw new DiagnosticError([diagnostic('policy/unreadable', why, undefined, 'reload again (SIGHUP) once the files are written')]);
    }
  }
}
