import type { DatasetNode, FlowNode, PartyNode } from '../resolve/model';
import type { OriginTable } from '../resolve/origin';
import { Hasher } from '../source/hasher';

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
 * resist forgery. The facts of a party, a dataset and a flow are digested once (one 53-bit hash)
 * and reused by all the findings on them.
 */
export function fingerprint(ruleKey: number, chain: readonly FlowNode[], origins: OriginTable): string {
  const h = new Hasher();
  h.number(ruleKey);
  for (const flow of chain) {
    h.text(flow.view.id);
    h.number(flowFacts(flow, origins));
  }
  return h.hex();
}

/** The digest of what identifies a rule in fingerprints (its id and version): computed once per rule. */
export function ruleKey(text: string): number {
  const h = new Hasher();
  h.text(text);
  return h.digest();
}

/** The digest of a flow's facts, computed once per flow. */
export function flowFacts(flow: FlowNode, origins: OriginTable): number {
  if (flow.facts === undefined) {
    const h = new Hasher();
    feedFields(h, flow.view, FLOW_SKIP);
    h.number(partyFacts(flow.from));
    h.number(partyFacts(flow.to));
    // Each dataset's digest with its origin at the exporter, sorted: the order of the flow's list
    // does not count.
    const data: number[] = [];
    for (const d of flow.datasets) {
      const one = new Hasher();
      one.number(datasetFacts(d));
      for (const country of origins.originAt(d, flow.from)) one.text(country);
      data.push(one.digest());
    }
    data.sort((a, b) => a - b);
    h.unit(data.length);
    for (const d of data) h.number(d);
    flow.facts = h.digest();
  }
  return flow.facts;
}

/**
 * Fields left out of a declaration's facts: presentation, and references whose targets' facts
 * are digested instead. Inside a mechanism or another nested object only `x-` fields are left
 * out (the `name` of a code of conduct is a fact).
 */
const PRESENTATION = ['id', 'name', 'description', 'notes'];
const FLOW_SKIP = new Set([...PRESENTATION, 'from', 'to', 'datasets']);
const PARTY_SKIP = new Set(PRESENTATION);
const DATASET_SKIP = new Set([...PRESENTATION, 'derivedFrom']);
const NESTED_SKIP = new Set<string>();

function partyFacts(party: PartyNode): number {
  return (party.facts ??= declarationFacts(party.view, PARTY_SKIP));
}

function datasetFacts(dataset: DatasetNode): number {
  return (dataset.facts ??= declarationFacts(dataset.view, DATASET_SKIP));
}

/** The digest of a declaration's fields, leaving out those in `skip`. */
function declarationFacts(view: Record<string, unknown>, skip: ReadonlySet<string>): number {
  const h = new Hasher();
  feedFields(h, view, skip);
  return h.digest();
}

// Tags of the kinds of value, fed before each value so that no two kinds read alike.
const OBJECT = 1;
const ARRAY = 2;
const STRING = 3;
const NUMBER = 4;
const TRUE = 5;
const FALSE = 6;
const NULL = 7;

/**
 * Feeds the fields of an object that are facts (not in `skip`, not `x-` extensions) in a canonical
 * form: keys sorted, and the elements of every list by their digests, sorted, since no list of a
 * manifest has a meaning in its order. Nothing is joined into text on the way.
 */
function feedFields(h: Hasher, object: Record<string, unknown>, skip: ReadonlySet<string>): void {
  const keys = Object.keys(object).filter((k) => !skip.has(k) && !k.startsWith('x-') && object[k] !== undefined).sort();
  h.unit(OBJECT);
  h.unit(keys.length);
  for (const key of keys) {
    h.text(key);
    feed(h, object[key]);
  }
}

function feed(h: Hasher, value: unknown): void {
  if (typeof value === 'string') {
    h.unit(STRING);
    h.text(value);
  } else if (typeof value === 'number') {
    h.unit(NUMBER);
    h.text(String(value));
  } else if (typeof value === 'boolean') {
    h.unit(value ? TRUE : FALSE);
  } else if (Array.isArray(value)) {
    const digests: number[] = [];
    for (const item of value) {
      const one = new Hasher();
      feed(one, item);
      digests.push(one.digest());
    }
    digests.sort((a, b) => a - b);
    h.unit(ARRAY);
    h.unit(digests.length);
    for (const d of digests) h.number(d);
  } else if (value !== null && typeof value === 'object') {
    feedFields(h, value as Record<string, unknown>, NESTED_SKIP);
  } else {
    h.unit(NULL);
  }
}
