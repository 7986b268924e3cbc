/**
 * Drift between the flows declared in code and those of a manifest. Pure: no ts-morph.
 */
import { compareStrings } from '../source/diagnostic';
import type { SourceLocation } from '../types';

/** A flow on one side of the comparison, with where it is written. */
export interface FlowSide {
  flow: Record<string, unknown>;
  location: SourceLocation;
}

export type FlowDifference =
  | { kind: 'only-in-code'; id: string; code: SourceLocation }
  | { kind: 'only-in-manifest'; id: string; manifest: SourceLocation }
  | {
      kind: 'changed';
      id: string;
      code: SourceLocation;
      manifest: SourceLocation;
      /** The fields that differ, with each side's value (absent when the side leaves it out). */
      fields: Array<{ field: string; code?: unknown; manifest?: unknown }>;
    };

/** Defaults of manifest v1: leaving a field out means this value. */
const DEFAULTS: Readonly<Record<string, unknown>> = { frequency: 'continuous', access: 'transfer' };
/** Fields whose order carries no meaning. */
const SETS = new Set(['datasets', 'purposes', 'mechanisms']);

/**
 * Flows in the code and not in the manifest, in the manifest and not in the code, and flows
 * with the same id that differ. Flows are matched by id; `x-` fields are ignored, defaults are
 * applied, and the order of datasets, purposes and mechanisms does not matter. A flow without a
 * string id is skipped (the schema rejects it elsewhere); of two flows with one id on one side,
 * the first is compared. Sorted by id, then kind.
 */
export function diffFlows(code: readonly FlowSide[], manifest: readonly FlowSide[]): FlowDifference[] {
  const byId = (sides: readonly FlowSide[]): Map<string, FlowSide> => {
    const map = new Map<string, FlowSide>();
    for (const side of sides) {
      const id = side.flow.id;
      if (typeof id === 'string' && !map.has(id)) map.set(id, side);
    }
    return map;
  };
  const inCode = byId(code);
  const inManifest = byId(manifest);
  const out: FlowDifference[] = [];
  for (const [id, c] of inCode) {
    const m = inManifest.get(id);
    if (!m) {
      out.push({ kind: 'only-in-code', id, code: c.location });
      continue;
    }
    const fields = differingFields(c.flow, m.flow);
    if (fields.length > 0) out.push({ kind: 'changed', id, code: c.location, manifest: m.location, fields });
  }
  for (const [id, m] of inManifest) if (!inCode.has(id)) out.push({ kind: 'only-in-manifest', id, manifest: m.location });
  return out.sort((a, b) => compareStrings(a.id, b.id) || compareStrings(a.kind, b.kind));
}

function differingFields(code: Record<string, unknown>, manifest: Record<string, unknown>): Array<{ field: string; code?: unknown; manifest?: unknown }> {
  const a = normaliseFlow(code);
  const b = normaliseFlow(manifest);
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort(compareStrings);
  const fields: Array<{ field: string; code?: unknown; manifest?: unknown }> = [];
  for (const field of keys) {
    if (canonical(a[field]) === canonical(b[field])) continue;
    fields.push({ field, ...(field in code ? { code: code[field] } : {}), ...(field in manifest ? { manifest: manifest[field] } : {}) });
  }
  return fields;
}

function normaliseFlow(flow: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...DEFAULTS };
  for (const [key, value] of Object.entries(flow)) {
    if (key.startsWith('x-')) continue;
    out[key] = SETS.has(key) && Array.isArray(value) ? [...value].sort((x, y) => compareStrings(canonical(x), canonical(y))) : value;
  }
  return out;
}

/** JSON with sorted keys and no `x-` fields: equal values give equal strings. */
export function canonical(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value)
      .filter(([k]) => !k.startsWith('x-'))
      .sort(([x], [y]) => compareStrings(x, y));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
