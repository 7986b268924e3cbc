import { toPointer } from './pointer';

/** Keys that would reach object prototypes if some code assigned them: refused in any input. */
export const RESERVED_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

export interface StructureProblems {
  /** Pointer to the first value nested deeper than the limit. */
  tooDeep?: string;
  /** Pointers to reserved keys. */
  reserved: string[];
  /** Number of object keys in the parsed data (for the duplicate-key check of JSON). */
  keys: number;
}

/**
 * Walks parsed data once: counts object keys, finds reserved keys and nesting beyond the limit.
 * The walk stops descending at the limit, so hostile nesting cannot exhaust the stack here or in
 * the stages after it (which only see data that passed).
 */
export function inspectStructure(data: unknown, maxDepth: number): StructureProblems {
  const out: StructureProblems = { reserved: [], keys: 0 };
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
      out.keys++;
      path.push(key);
      if (RESERVED_KEYS.has(key)) out.reserved.push(toPointer(path));
      visit((value as Record<string, unknown>)[key], depth + 1);
      path.pop();
    }
  };
  visit(data, 1);
  return out;
}

/**
 * The number of object keys written in a JSON text, counted exactly by skipping over strings.
 * JSON.parse keeps the last of duplicate keys silently; when this count exceeds the keys of the
 * parsed value, the text has a duplicate, which the slow scanner then locates.
 */
export function countJsonKeys(text: string): number {
  let keys = 0;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const open = text.indexOf('"', i);
    if (open < 0) break;
    let close = open;
    for (;;) {
      close = text.indexOf('"', close + 1);
      if (close < 0) return keys; // unterminated: JSON.parse would have failed
      let backslashes = 0;
      for (let b = close - 1; text.charCodeAt(b) === 92; b--) backslashes++;
      if (backslashes % 2 === 0) break;
    }
    let k = close + 1;
    let c = text.charCodeAt(k);
    while (c === 32 || c === 10 || c === 13 || c === 9) c = text.charCodeAt(++k);
    if (c === 58) keys++;
    i = close + 1;
  }
  return keys;
}
