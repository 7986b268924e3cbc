import fc from 'fast-check';
import { createChecker, type Checker } from '../../../src/library/checker';
import { builtinPackIds } from '../../../src/policy/load-policy';

/** The policies the properties run under: the default packs, and every built-in pack. */
export interface Checkers {
  default: Checker;
  all: Checker;
}

export type PackChoice = keyof Checkers;

/** Which policy a run uses; shrinks towards the default packs. */
export const packChoice: fc.Arbitrary<PackChoice> = fc.constantFrom('default', 'all');

/** Compiles both policies once (call in beforeAll). */
export async function createCheckers(): Promise<Checkers> {
  const [byDefault, all] = await Promise.all([
    createChecker({ asOf: '2026-11-28' }),
    createChecker({ asOf: '2026-11-28', packs: builtinPackIds() }),
  ]);
  return { default: byDefault, all };
}
