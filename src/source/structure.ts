import { toPointer } from './pointer';

/** Keys that would reach object prototypes if some code assigned them: refused in any input. */
export const RESERVED_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

export interface StructureProblems {
  /** Pointer to the first value nested deeper than the limit. */
  tooDeep?: string;
  /** Pointers to reserved keys. */
  reserved: string[];
}

/**
 * Walks parsed YAML data once: finds reserved keys and nesting beyond the limit (JSON texts get
 * the same checks from scanJsonStructure, with duplicate keys, in one pass over the text).
 * The walk stops descending at the limit, so hostile nesting cannot exhaust the stack here or in
 * the stages after it (which only see data that passed).
 */
export function inspectStructure(data: unknown, maxDepth: number): StructureProblems {
  const out: StructureProblems = { reserved: [] };
  const path: Array<string | number> = [];
  const visit = (value: unknown, depth: number): void => {
    if (value === null || typeof value !== 'object') return;
    if (depth > maxDepth) {
      out.tooDeep ??= toPointer(path);
      return;
    }
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        path.push(i);
        visit(value[i], depth + 1);
        path.pop();
      }
      return;
    }
    for (const key of Object.keys(value)) {
      path.push(key);
      if (RESERVED_KEYS.has(key)) out.reserved.push(toPointer(path));
      visit((value as Record<string, unknown>)[key], depth + 1);
      path.pop();
    }
  };
  visit(data, 1);
  return out;
}
