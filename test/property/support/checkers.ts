import fc from 'fast-check';
import { createChecker, type Checker } from '../../../src/library/checker';
import { builtinPackIds } from '../../../src/policy/load-policy';
import type { Limits } from '../../../src/source/limits';

/** The policies the properties run under: the default packs, and every built-in pack. */
export interface Checkers {
  default: Checker;
  all: Checker;
}

export type PackChoice = keyof Checkers;

/** Which policy a run uses; shrinks towards the default packs. */
export const packChoice: fc.Arbitrary<PackChoice> = fc.constantFrom('default', 'all');

/** Compiles both policies once (call in beforeAll), with the input limits given. */
export async function createCheckers(limits?: Partial<Limits>): Promise<Checkers> {
  const [byDefault, all] = await Promise.all([
    createChecker({ asOf: '2026-11-28', ...(limits ? { limits } : {}) }),
    createChecker({ asOf: '2026-11-28', packs: builtinPackIds(), ...(limits ? { limits } : {}) }),
  ]);
  return { default: byDefault, all };
}
