import type { DatasetNode, FlowNode, PartyNode } from '../resolve/model';
import type { OriginTable } from '../resolve/origin';
import { flat } from './intern';

/**
 * A finding's fingerprint: what a baseline and a waiver by fingerprint accept. It is a hash of
 *  - the rule: its id and its version (a digest of its definition: conditions, severity, chain
 *    group and the policy variables they use; not its wording);
 *  - the chain of flow ids (`path`);
 *  - the facts of every flow on the chain: the flow's own fields (access, frequency, purposes,
 *    dates, every mechanism with all its fields), the exporter's and importer's facts (country,
 *    region, role, sector, certifications, organisation, group, ... every declared field), the
 *    facts of each dataset it carries (categories, subjects, identifiability, collectedIn,
 *    purposes, subjectsCount, ...) and each dataset's origin at the exporter.
 * Left out, so they never make a finding new: names, descriptions, `x-` extensions, ids of the
 * parties and datasets (their facts stand in for them), positions, and the order of files, of
 * declarations and of every list. A flow that is not on the chain does not count, unless it
 * changes the origin of the data at the exporter.
 *
 * Two seeded 53-bit hashes (cyrb53) stand in for a cryptographic hash, which would cost
 * microseconds per finding on hundreds of thousands of findings; it identifies, it need not
 * resist forgery. The facts of a party, a dataset and a flow are digested once and reused by all
 * the findings on them.
 */
export function fingerprint(ruleKey: string, chain: readonly FlowNode[], origins: OriginTable): string {
  // Length-prefixed parts: no id, rule key or digest can run into its neighbour.
  let text = part(ruleKey);
  for (const flow of chain) text += part(flow.view.id) + part(flowFacts(flow, origins));
  return flat(hash(text));
}

/** The digest of a flow's facts, computed once per flow. */
export function flowFacts(flow: FlowNode, origins: OriginTable): string {
  if (flow.facts === undefined) {
    const data = flow.datasets.map((d) => canonical([datasetFacts(d), origins.originAt(d, flow.from)], true)).sort();
    // A tuple in this order (exporter before importer); the datasets' digests are sorted.
    flow.facts = hash(canonical([facts(flow.view, FLOW_REFERENCES), partyFacts(flow.from), partyFacts(flow.to), data], true));
  }
  return flow.facts;
}

/** Fields that are presentation, or references whose targets' facts are digested instead. */
const PRESENTATION = new Set(['id', 'name', 'description', 'notes']);
const FLOW_REFERENCES = new Set(['from', 'to', 'datasets']);
const DATASET_REFERENCES = new Set(['derivedFrom']);
const NONE = new Set<string>();

function partyFacts(party: PartyNode): string {
  return (party.facts ??= hash(canonical(facts(party.view, NONE), false)));
}

function datasetFacts(dataset: DatasetNode): string {
  return (dataset.facts ??= hash(canonical(facts(dataset.view, DATASET_REFERENCES), false)));
}

/** The fields of a declaration that are facts: not presentation, not extensions, not references. */
function facts(view: Record<string, unknown>, references: ReadonlySet<string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(view)) {
    if (PRESENTATION.has(key) || references.has(key) || key.startsWith('x-')) continue;
    out[key] = view[key];
  }
  return out;
}

/**
 * JSON with sorted keys and, except at the top when `keepOrder`, sorted list elements: no list of
 * a manifest has a meaning in its order. Extension keys (`x-`) are left out at every depth.
 */
function canonical(value: unknown, keepOrder: boolean): string {
  if (Array.isArray(value)) {
    const items = value.map((v) => canonical(v, false));
    if (!keepOrder) items.sort();
    return `[${items.join(',')}]`;
  }
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value).filter((k) => !k.startsWith('x-')).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k], false)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

function part(text: string): string {
  return `${text.length}:${text}`;
}

function hash(text: string): string {
  return hex53(cyrb53(text, 0x9e3779b9)) + hex53(cyrb53(text, 0x85ebca6b));
}

function cyrb53(text: string, seed: number): number {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

function hex53(n: number): string {
  return n.toString(16).padStart(14, '0');
}

/** A digest of any text, the same hash as fingerprints use (for rule versions). */
export function digest(text: string): string {
  return hash(text);
}
