/** Run-time semantics shared by compiled CEL expressions. */

/** A CEL evaluation error (no such key, no such overload, division by zero...). */
export class CelEvalError extends Error {
  override readonly name = 'CelEvalError';
  constructor(
    message: string,
    readonly range?: { start: number; end: number },
  ) {
    super(message);
  }
}

/** CEL equality: numbers by value, lists and maps structurally, otherwise strict. */
export function celEquals(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!celEquals(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  for (const k of ka) {
    if (!Object.prototype.hasOwnProperty.call(b, k)) return false;
    if (!celEquals((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
  }
  return true;
}

export function celTypeName(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return 'list';
  switch (typeof value) {
    case 'string':
      return 'string';
    case 'boolean':
      return 'bool';
    case 'number':
      return Number.isInteger(value) ? 'int' : 'double';
    case 'object':
      return 'map';
    default:
      return typeof value;
  }
}

export function isMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Field selection: a missing field is an error, as in CEL (guard it with has()). */
export function selectField(target: unknown, field: string, range?: { start: number; end: number }): unknown {
  if (typeof target === 'object' && target !== null && !Array.isArray(target)) {
    // The hot path. Data never holds functions, so a function here is inherited (toString...),
    // which CEL must not see; everything else defined is the object's own field.
    const value = (target as Record<string, unknown>)[field];
    if (value !== undefined && typeof value !== 'function') return value;
  }
  if (isMap(target)) throw new CelEvalError(`no such key: ${field}`, range);
  throw new CelEvalError(`cannot select field "${field}" from ${celTypeName(target)}`, range);
}

export function hasField(target: unknown, field: string): boolean {
  return isMap(target) && Object.prototype.hasOwnProperty.call(target, field) && target[field] !== undefined;
}
