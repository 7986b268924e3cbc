import { describePolicy, type PolicyDescription } from '../api';
import { createChecker, type Checker } from '../checker';
import { InputError, InputErrors } from '../diagnostics/input-error';
import type { Law } from '../law/law';
import { loadLaw } from '../load/load-law';
import type { PolicySelection } from '../load/load-policy';

/** Everything a request needs, compiled once: swapped whole on reload, never changed in place. */
export interface PolicyState {
  readonly checker: Checker;
  readonly law: Law;
  /** GET /v1/rules, computed once per policy. */
  readonly description: PolicyDescription;
  /** 1 at start, one more at each successful reload. */
  readonly generation: number;
  readonly loadedAt: Date;
}

export type ReloadResult = { ok: true; generation: number; millis: number } | { ok: false; errors: InputError[]; generation: number; millis: number };

/**
 * Holds the compiled policy of the service. A request takes `current` once and uses that state to
 * the end, so a reload never changes the policy under a request; a reload that fails leaves the
 * current state as it was. Reloads are serialised: a reload asked for while one runs starts when
 * it ends (several such asks make one more reload, not several).
 */
export class PolicyStore {
  private state: PolicyState;
  private running?: Promise<ReloadResult>;
  private queued?: Promise<ReloadResult>;
  private last?: { at: Date; ok: boolean; errors?: number };

  private constructor(
    private readonly selection: PolicySelection,
    initial: PolicyState,
  ) {
    this.state = initial;
  }

  /** Loads and compiles the policy. Throws InputErrors with every located policy error. */
  static async load(selection: PolicySelection): Promise<PolicyStore> {
    return new PolicyStore(selection, await compile(selection, 1));
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

  private async reloadOnce(): Promise<ReloadResult> {
    const started = performance.now();
    const generation = this.state.generation + 1;
    try {
      this.state = await compile(this.selection, generation);
      this.last = { at: new Date(), ok: true };
      return { ok: true, generation, millis: performance.now() - started };
    } catch (err) {
      if (!(err instanceof InputErrors)) {
        this.last = { at: new Date(), ok: false };
        throw err;
      }
      this.last = { at: new Date(), ok: false, errors: err.errors.length };
      return { ok: false, errors: err.errors, generation: this.state.generation, millis: performance.now() - started };
    }
  }
}

async function compile(selection: PolicySelection, generation: number): Promise<PolicyState> {
  const checker = await createChecker(selection);
  // The checker loads the law for itself but does not expose it; validation needs the taxonomy.
  const law = loadLaw(selection.rulesDir);
  if (Array.isArray(law)) throw new InputErrors(law);
  return { checker, law: law.law, description: describePolicy(checker.policy), generation, loadedAt: new Date() };
}
