import type { Parameters } from 'fast-check';

/**
 * How many runs each property gets, and with which seed.
 *
 * `npm test` (jest.config.js): a fixed seed and the base number of runs, so the suite is
 * deterministic and quick. `npm run fuzz` (jest.fuzz.config.js sets the global DFFT_FUZZ): the base
 * runs times DFFT_FUZZ_RUNS (default 20) with a fresh seed each time, unless DFFT_FUZZ_SEED is
 * given. DFFT_FUZZ_SEED and DFFT_FUZZ_PATH replay a failure that fast-check printed (docs/fuzzing.md).
 */
export const FUZZ = (globalThis as { DFFT_FUZZ?: unknown }).DFFT_FUZZ === true;

/** The seed of `npm test`: any fixed number; this one is the date the suite was written. */
const FIXED_SEED = 20261128;

const factor = FUZZ ? positiveInteger('DFFT_FUZZ_RUNS', 20) : 1;

export const SEED = integer('DFFT_FUZZ_SEED') ?? (FUZZ ? (Date.now() ^ (Math.random() * 0x7fffffff)) | 0 : FIXED_SEED);

const replayPath = process.env.DFFT_FUZZ_PATH || undefined;

/** Replaying one counterexample (DFFT_FUZZ_PATH): checks about the mix of runs do not apply. */
export const REPLAY = replayPath !== undefined;

/** Per-test timeout: generous in `npm test` (the whole suite is measured), unbounded when fuzzing. */
export const TIMEOUT = FUZZ ? 24 * 60 * 60 * 1000 : 120_000;

/** fast-check parameters for a property whose `npm test` run count is `runs`. */
export function params<T>(runs: number, extra: Parameters<T> = {}): Parameters<T> {
  return {
    seed: SEED,
    numRuns: runs * factor,
    ...(replayPath ? { path: replayPath } : {}),
    ...extra,
  };
}

function integer(name: string): number | undefined {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value)) throw new Error(`${name} must be an integer, got "${raw}"`);
  return value;
}

function positiveInteger(name: string, fallback: number): number {
  const value = integer(name) ?? fallback;
  if (value < 1) throw new Error(`${name} must be at least 1, got ${value}`);
  return value;
}
