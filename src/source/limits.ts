/**
 * Limits on input, each with a default and a CLI flag. Exceeding one is a located error (exit 2),
 * never a hang or an out-of-memory crash.
 */
export interface Limits {
  /** Largest input file, in bytes (--max-file-size). */
  maxFileBytes: number;
  /** Most manifest files in one run (--max-files). */
  maxFiles: number;
  /** Most flows in one run (--max-flows). */
  maxFlows: number;
  /** Deepest nesting of objects and arrays in a file. */
  maxDepth: number;
  /** Highest estimated cost of one condition per flow (--max-condition-cost). */
  maxConditionCost: number;
}

export const DEFAULT_LIMITS: Limits = {
  maxFileBytes: 64 * 1024 * 1024,
  maxFiles: 20_000,
  maxFlows: 2_000_000,
  maxDepth: 64,
  maxConditionCost: 1_000_000,
};

export function withDefaults(limits: Partial<Limits> = {}): Limits {
  return { ...DEFAULT_LIMITS, ...Object.fromEntries(Object.entries(limits).filter(([, v]) => v !== undefined)) };
}
