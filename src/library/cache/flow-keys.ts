import type { Law } from '../../law/law';
import { flowFacts } from '../../engine/fingerprint';
import type { Declared, DatasetNode, FlowNode, Model, PartyNode } from '../../resolve/model';
import type { OriginTable } from '../../resolve/origin';
import { PurposeBindings } from '../../resolve/purpose-binding';
import { ReceivedThrough } from '../../resolve/received';
import { Counterparties } from '../../resolve/counterparties';
import type { SourceDocument } from '../../source/source-document';
import { Hasher } from '../../source/hasher';
import { TupleMap } from '../../source/tuple-map';
import type { PolicyReads } from './policy-reads';

/**
 * The cache key of each flow's evaluation: a digest of everything the engine reads to judge the
 * flow or shows in what it reports, given a run key (policy, law data, asOf, horizon, dfft's
 * version) that every key includes:
 *
 *  - the declarations of the flow, its exporter, its importer and each dataset it carries, each by
 *    its file's name and sha256 and its pointer: the text of the file fixes the declaration (names,
 *    every field) and every position a finding can show in it;
 *  - the origin of each dataset at the exporter (origin(), fromGroup(), the fingerprints);
 *  - for each chain a finding's path can follow (each rule's chainFrom group, and none), the chain
 *    of flows into the exporter for each dataset: their ids and facts, as fingerprints read them;
 *  - what receivedThrough() answers for each dataset at the exporter, for each mechanism type a
 *    rule asks about, and boundPurposes() for each group a rule asks about;
 *  - when a rule counts an exporter's other flows (exporterSubjectsCount), what it reads of every
 *    flow leaving the exporter;
 *  - when a rule reads the flows between the same two parties (counterpartyData), the declarations
 *    of every flow of the pair, of their parties and datasets, and each dataset's origin there.
 *
 * The whole graph is read to compute these answers (the resolve and origin passes always run),
 * so a change anywhere that alters what a flow's rules see changes its key.
 */
export class FlowKeys {
  private readonly files = new Map<SourceDocument, number>();
  // Digests of declarations by node index (NaN: not computed yet), one table per kind of node.
  private readonly flowDigests: Float64Array;
  private readonly partyDigests: Float64Array;
  private readonly datasetDigests: Float64Array;
  private readonly received: Array<[string, ReceivedThrough]> = [];
  private readonly bindings: Array<[string, PurposeBindings]> = [];
  private readonly chainMatches: Array<((country: string) => boolean) | undefined>;
  private readonly chainGroups: ReadonlyArray<string | undefined>;
  private readonly exporterFlows?: Map<PartyNode, number>;
  /** By flow index, a digest of its counterparty pair's flows (see pairDigests). */
  private readonly pairFlows?: Float64Array;
  /** The run's counterparty pairs, when a rule reads them (handed to the evaluation, see tables). */
  private counterparties?: Counterparties;
  /** What the rules read of each dataset at each exporter, by exporter and dataset (see atExporter). */
  private readonly exporters: Array<Map<number, AtExporter> | undefined>;

  /** The run key's digest (the cache also keeps the whole run key, and reuses no entry of another). */
  private readonly run: number;

  constructor(model: Model, private readonly origins: OriginTable, law: Law, private readonly asOf: string, runKey: string, reads: PolicyReads) {
    const run = new Hasher();
    run.text(runKey);
    this.run = run.digest();
    this.flowDigests = new Float64Array(model.flows.length).fill(NaN);
    this.partyDigests = new Float64Array(model.parties.length).fill(NaN);
    this.datasetDigests = new Float64Array(model.datasets.length).fill(NaN);
    this.exporters = new Array(model.parties.length);
    for (const type of namesRead(reads.receivedThrough, () => mechanismTypes(model))) this.received.push([type, new ReceivedThrough(model, type, asOf)]);
    const purposes = law.jurisdictions.purposes;
    for (const group of namesRead(reads.boundPurposes, () => law.jurisdictions.groupNames())) {
      // As the rules' boundPurposes() builds it: with the group, whose imported bindings count too.
      this.bindings.push([group, new PurposeBindings(model, origins, law.jurisdictions.membersOn(group, asOf), (p) => purposes.key(p), group)]);
    }
    this.chainGroups = reads.chainGroups;
    this.chainMatches = reads.chainGroups.map((group) => {
      if (group === undefined) return undefined;
      const members = law.jurisdictions.membersOn(group, asOf);
      return (country: string) => members.has(country);
    });
    if (reads.exporterFlows) this.exporterFlows = this.flowsByExporter(model);
    if (reads.counterpartyFlows) this.pairFlows = this.pairDigests(model);
  }

  /**
   * The whole-run tables the keys read, as the rules' functions keep them (FlowState): the
   * evaluation of the flows the cache misses uses them instead of building them again.
   */
  tables(): { received: Map<string, ReceivedThrough>; bindings: TupleMap<PurposeBindings>; counterparties?: Counterparties } {
    const bindings = new TupleMap<PurposeBindings>();
    for (const [group, table] of this.bindings) bindings.set([group, this.asOf], table);
    return { received: new Map(this.received), bindings, ...(this.counterparties ? { counterparties: this.counterparties } : {}) };
  }

  /** The key of a flow's evaluation, as 28 hex digits. */
  key(flow: FlowNode): string {
    const h = new Hasher();
    h.number(this.run);
    this.flowDeclarations(h, flow);
    for (const d of flow.datasets) {
      h.number(this.declaration(d, this.datasetDigests));
      const at = this.atExporter(d, flow.from);
      h.number(at.digest);
      // Where the flow itself is in each chain (a cycle can bring the data back through it).
      for (const chain of at.chains) h.number(chain.indexOf(flow) + 1);
    }
    if (this.exporterFlows) h.number(this.exporterFlows.get(flow.from) ?? 0);
    if (this.pairFlows) h.number(this.pairFlows[flow.index]);
    return h.hex();
  }

  /**
   * What the rules read of a dataset at an exporter, the same for every flow of the exporter that
   * carries it, digested once: its origin there, receivedThrough() for each mechanism type read,
   * boundPurposes() for each group read, and for each chain group the chain a finding's path and
   * fingerprint would show (each flow's id and facts).
   */
  private atExporter(d: DatasetNode, party: PartyNode): AtExporter {
    let byDataset = this.exporters[party.index];
    if (byDataset === undefined) this.exporters[party.index] = byDataset = new Map();
    let at = byDataset.get(d.index);
    if (at === undefined) {
      const h = new Hasher();
      texts(h, this.origins.originAt(d, party));
      for (const [, table] of this.received) h.unit(table.has(d, party) ? 1 : 0);
      for (const [, table] of this.bindings) feedBinding(h, table, d, party);
      const chains = this.chainMatches.map((match, i) => {
        const chain = this.origins.chainTo(d, party, match, this.chainGroups[i]);
        h.unit(chain.length);
        for (const f of chain) {
          h.text(f.view.id);
          h.number(flowFacts(f, this.origins));
        }
        return chain;
      });
      byDataset.set(d.index, (at = { digest: h.digest(), chains }));
    }
    return at;
  }

  /** The declarations of a flow and its parties, and how many datasets it carries. */
  private flowDeclarations(h: Hasher, flow: FlowNode): void {
    h.number(this.declaration(flow, this.flowDigests));
    h.number(this.declaration(flow.from, this.partyDigests));
    h.number(this.declaration(flow.to, this.partyDigests));
    h.unit(flow.datasets.length);
  }

  /** A declaration's file (name and sha256) and pointer, digested once. */
  private declaration(node: Declared & { index: number }, digests: Float64Array): number {
    let digest = digests[node.index];
    if (Number.isNaN(digest)) {
      const h = new Hasher();
      h.number(this.file(node.source));
      h.text(node.pointer);
      digest = digests[node.index] = h.digest();
    }
    return digest;
  }

  private file(source: SourceDocument): number {
    let digest = this.files.get(source);
    if (digest === undefined) {
      const h = new Hasher();
      h.text(source.file);
      h.text(source.sha256);
      digest = h.digest();
      this.files.set(source, digest);
    }
    return digest;
  }

  /**
   * Per exporter, a digest of what exporterSubjectsCount() reads of every flow leaving it, in input
   * order: the flow's dates, the importer's country and legal entity, and each dataset's id,
   * identifiability, categories, subjects and subjectsCount.
   */
  private flowsByExporter(model: Model): Map<PartyNode, number> {
    const hashers = new Map<PartyNode, Hasher>();
    const importers = new Map<PartyNode, number>();
    const datasets = new Map<DatasetNode, number>();
    for (const flow of model.flows) {
      let h = hashers.get(flow.from);
      if (!h) hashers.set(flow.from, (h = new Hasher()));
      const { startsOn, endsOn } = flow.view as { startsOn?: string; endsOn?: string };
      texts(h, [startsOn ?? '', endsOn ?? '']);
      h.number(digestOnce(importers, flow.to, (d, to) => texts(d, [to.view.country, typeof to.view.legalEntity === 'string' ? `=${to.view.legalEntity}` : ''])));
      h.unit(flow.datasets.length);
      for (const dataset of flow.datasets) {
        h.number(digestOnce(datasets, dataset, (d, { view }) => {
          texts(d, [view.id, view.identifiability, String(view.subjectsCount)]);
          texts(d, view.categories);
          texts(d, view.subjects);
        }));
      }
    }
    const out = new Map<PartyNode, number>();
    for (const [party, h] of hashers) out.set(party, h.digest());
    return out;
  }

  /**
   * Per flow, a digest of what counterpartyData() may read of its pair (the flows between the same
   * two entities), in input order: each flow's, its parties' and its datasets' declarations (dates
   * and every field), and each dataset's origin at the flow's exporter. One pass over the flows.
   */
  private pairDigests(model: Model): Float64Array {
    const pairs = (this.counterparties = new Counterparties(model));
    const hashers: Hasher[] = [];
    for (const flow of model.flows) {
      const pair = pairs.pairOf[flow.index];
      const h = (hashers[pair] ??= new Hasher());
      this.flowDeclarations(h, flow);
      for (const d of flow.datasets) {
        h.number(this.declaration(d, this.datasetDigests));
        texts(h, this.origins.originAt(d, flow.from));
      }
    }
    const digests = hashers.map((h) => h.digest());
    const out = new Float64Array(model.flows.length);
    for (const flow of model.flows) out[flow.index] = digests[pairs.pairOf[flow.index]];
    return out;
  }
}

/** The digest of what `feed` gives of a node, computed once per node. */
function digestOnce<T>(digests: Map<T, number>, node: T, feed: (h: Hasher, node: T) => void): number {
  let digest = digests.get(node);
  if (digest === undefined) {
    const h = new Hasher();
    feed(h, node);
    digests.set(node, (digest = h.digest()));
  }
  return digest;
}

interface AtExporter {
  digest: number;
  /** The chain for each chain group. */
  chains: ReadonlyArray<readonly FlowNode[]>;
}

function feedBinding(h: Hasher, table: PurposeBindings, d: DatasetNode, party: PartyNode): void {
  const b = table.at(d.index, party.index);
  h.unit(b.unknown ? 1 : 0);
  if (b.set < 0) h.unit(0);
  else texts(h, ['', ...table.purposes(b.set)]);
}

/** The names a policy reads (sorted), or every one the run has when it does not say. */
function namesRead(read: ReadonlySet<string> | 'any' | undefined, all: () => Iterable<string>): string[] {
  if (read === undefined) return [];
  return [...(read === 'any' ? all() : read)].sort();
}

function mechanismTypes(model: Model): Set<string> {
  const types = new Set<string>();
  for (const flow of model.flows) for (const m of flow.view.mechanisms) types.add(m.type);
  return types;
}

function texts(h: Hasher, list: readonly string[]): void {
  h.unit(list.length);
  for (const s of list) h.text(s);
}
