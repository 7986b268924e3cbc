import { stringify } from 'yaml';
import type { Format } from './arbitraries';

/**
 * Writes generated (and mutated) values as manifest or policy text. Plain JSON.stringify cannot
 * write what the mutations need: a key twice in one object, NaN, numbers beyond a double.
 */

/** Extra entries of an object, written after its own keys: the same key a second time. */
export const DUPLICATES = Symbol('duplicate keys');

type Dup = { [DUPLICATES]?: Array<[string, unknown]> };

export function hasDuplicates(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(hasDuplicates);
  if (value !== null && typeof value === 'object') {
    if (((value as Dup)[DUPLICATES]?.length ?? 0) > 0) return true;
    return Object.values(value).some(hasDuplicates);
  }
  return false;
}

/**
 * JSON text. NaN is written as the bare token (a syntax error, as in a hand-edited file);
 * ±Infinity as ±1e999, which JSON.parse reads as ±Infinity: "a number too big for a double".
 */
export function toJsonText(value: unknown, indent = '  ', depth = 0): string {
  const pad = indent.repeat(depth + 1);
  const end = indent.repeat(depth);
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return 'NaN';
    if (value === Infinity) return '1e999';
    if (value === -Infinity) return '-1e999';
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[\n${value.map((v) => pad + toJsonText(v, indent, depth + 1)).join(',\n')}\n${end}]`;
  }
  if (value !== null && typeof value === 'object') {
    const entries: Array<[string, unknown]> = [...Object.keys(value).map((k) => [k, (value as Record<string, unknown>)[k]] as [string, unknown]), ...((value as Dup)[DUPLICATES] ?? [])];
    if (entries.length === 0) return '{}';
    return `{\n${entries.map(([k, v]) => `${pad}${JSON.stringify(k)}: ${toJsonText(v, indent, depth + 1)}`).join(',\n')}\n${end}}`;
  }
  if (value === undefined) return 'null';
  return JSON.stringify(value);
}

/** Block YAML as people write it (plain scalars where possible). */
export function toYamlText(value: unknown): string {
  return stringify(value, { lineWidth: 0 });
}

/** The text of a value in a format; duplicate keys force JSON syntax (valid YAML too). */
export function serialize(value: unknown, fmt: Format): string {
  if (fmt === 'yaml' && !hasDuplicates(value)) return toYamlText(value);
  return `${toJsonText(value)}\n`;
}

/** A deep copy that keeps own __proto__ keys and duplicate-key markers. */
export function clone<T>(value: T): T {
  if (Array.isArray(value)) return value.map(clone) as T;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value)) define(out, k, clone((value as Record<string, unknown>)[k]));
    const dups = (value as Dup)[DUPLICATES];
    if (dups) (out as Dup)[DUPLICATES] = dups.map(([k, v]) => [k, clone(v)]);
    return out as T;
  }
  return value;
}

/** Sets an own, enumerable property, even one named __proto__. */
export function define(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}
