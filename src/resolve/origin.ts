import { compareStrings } from '../source/diagnostic';
import { InternedSets } from './interned-sets';
import type { DatasetNode, FlowNode, Model, PartyNode } from './model';

/** A flow of another run, as an imported origin table names it: enough for a finding's path and fingerprint. */
export interface ImportedFlow {
  flow: string;
  from: string;
  fromCountry: string;
  to: string;
  toCountry: string;
  /** The digest of the flow's facts in its own run (what a fingerprint hashes for it). */
  facts: number;
}

/**
 * What another run computed for a dataset at a party that its flows bring there: the origin
 * countries, and the chain of its flows that brought the data, oldest first.
 */
export interface ImportedOrigin {
  dataset: string;
  party: string;
  origin: readonly string[];
  chain: readonly ImportedFlow[];
  /**
   * The chain a rule that traces data of a country group (`chainFrom`) follows, by group, where it
   * is not `chain`: of several flows bringing the data, one of the group's (see chainTo).
   */
  groupChains?: Readonly<Record<string, readonly ImportedFlow[]>>;
  /**
   * The purposes binding the data at the party, by country group (see PurposeBindings): a group
   * absent binds nothing; `unknown` when a binding applies whose purposes were never declared.
   */
  bindings?: Readonly<Record<string, ImportedBinding>>;
}

/** A purpose binding computed by another run: the purpose keys (sorted), or none when only unknown. */
export interface ImportedBinding {
  purposes?: readonly string[];
  unknown: boolean;
}

/**
 * The origin of every dataset at every party that sends it, as the manifest contract defines
 * it: the smallest set of countries holding the dataset's collectedIn, the origins at the same
 * party of the datasets it derives from, the origin at every party that sends it here, and the
 * party's own country where the dataset has no collectedIn and no flow brings it. A cycle of
 * flows with no way in takes the countries of the parties on it.
 *
 * Computed in one pass: strongly connected components of the (dataset, party) dependency graph
 * (Tarjan, iterative so long chains do not overflow the stack), processed in topological order.
 * Country sets are interned and their unions memoised, since most nodes share a few sets.
 */
export class OriginTable {
  private readonly sets = new InternedSets();
  private readonly nodeOf = new Map<number, number>();
  private readonly nodeDataset: number[] = [];
  private readonly nodeParty: number[] = [];
  private readonly nodeSet: number[] = [];
  private readonly nodeBase: number[] = [];
  /**
   * The flows that bring a dataset to a party, by (dataset, party) key: the flow itself when it is
   * the only one (most are), else a list. A million flows held a million one-flow lists.
   */
  private readonly inFlows = new Map<number, FlowNode | FlowNode[]>();
  private readonly partyCount: number;
  private solved = 0;
  /**
   * Strongly connected components in the order they were solved, each after all it depends on:
   * their members one after another, and where each component starts (most have one member, and
   * a list each cost 56 bytes a node).
   */
  private readonly orderMembers: number[] = [];
  private readonly orderStart: number[] = [];

  /** Imported origins by (dataset, party) key, for the datasets and parties of this model. */
  private readonly imported = new Map<number, { set: number; chain: FlowNode[]; groupChains?: Readonly<Record<string, FlowNode[]>>; bindings: Array<Readonly<Record<string, ImportedBinding>>> }>();

  /**
   * `imported`: origins other runs computed (an exported origin table), for data that flows not in
   * this run bring to a party. Each stands for those flows: it adds its countries to the origin of
   * the dataset at the party (and everywhere the data goes from there), and the party's own country
   * is no longer assumed for data that reaches it. Entries for datasets or parties not in this
   * model change nothing.
   */
  constructor(private readonly model: Model, imported: readonly ImportedOrigin[] = []) {
    this.partyCount = Math.max(1, model.parties.length);
    this.addImported(imported);
    for (const flow of model.flows) {
      for (const d of flow.datasets) {
        const key = this.key(d.index, flow.to.index);
        const before = this.inFlows.get(key);
        if (before === undefined) this.inFlows.set(key, flow);
        else if (Array.isArray(before)) before.push(flow);
        else this.inFlows.set(key, [before, flow]);
      }
    }
    // Every (dataset, sender) of every flow, and what those depend on.
    for (const flow of model.flows) for (const d of flow.datasets) this.node(d.index, flow.from.index);
    this.solve();
  }

  /** Origin countries (sorted) of a dataset at a party. */
  originAt(dataset: DatasetNode, party: PartyNode): readonly string[] {
    return this.originAtIndex(dataset.index, party.index);
  }

  /**
   * The chain of flows that brought a dataset to a party, oldest first: from the party where it
   * entered (no flow brings it there) to the last flow into `party`. With `match`, only flows
   * whose sender's origin for the data includes a matching country are followed, so the chain
   * ends where data of that origin entered. Independent of the order of the input (of several
   * flows into a party, the one with the smallest id is followed, so that a finding's path and
   * fingerprint survive reordering; a derived dataset is followed to its source) and cycle-safe.
   * `group` names the country group `match` stands for: an imported origin's chain for that
   * group, when its table has one, is the one its run followed for the group's data.
   */
  chainTo(dataset: DatasetNode, party: PartyNode, match?: (country: string) => boolean, group?: string): FlowNode[] {
    const chain: FlowNode[] = [];
    const seen = new Set<number>();
    const fits = (d: number, p: number): boolean => match === undefined || this.originAtIndex(d, p).some(match);
    let d = dataset.index;
    let p = party.index;
    for (;;) {
      const key = this.key(d, p);
      if (seen.has(key)) break;
      seen.add(key);
      let next: FlowNode | undefined;
      for (const f of this.flowsIntoKey(key)) if (fits(d, f.from.index) && (next === undefined || compareStrings(f.view.id, next.view.id) < 0)) next = f;
      const outside = this.imported.get(key);
      // An imported chain competes by the id of its last flow, as that flow would in one run.
      const theirs = outside && ((group !== undefined && outside.groupChains?.[group]) || outside.chain);
      if (theirs && this.importedFits(key, match)
        && (next === undefined || compareStrings(theirs[theirs.length - 1].view.id, next.view.id) < 0)) {
        for (let i = theirs.length - 1; i >= 0; i--) chain.push(theirs[i]);
        break;
      }
      if (next) {
        chain.push(next);
        p = next.from.index;
        continue;
      }
      const source = this.model.datasets[d].derivedFrom.find((e) => this.flowsIntoKey(this.key(e.index, p)).some((f) => fits(e.index, f.from.index)) || this.importedFits(this.key(e.index, p), match));
      if (!source) break;
      d = source.index;
    }
    return chain.reverse();
  }

  /**
   * The (dataset, party) nodes solved so far as strongly connected components, from the
   * `from`-th on, in an order where a node's dependencies (the same dataset at the parties that
   * send it here, the datasets it derives from at this party) come in an earlier component or its
   * own: what a computation over the same graph (purpose bindings) follows to stay linear.
   */
  components(from = 0): ReadonlyArray<ReadonlyArray<readonly [dataset: number, party: number]>> {
    const out: Array<Array<readonly [dataset: number, party: number]>> = [];
    for (let c = from; c < this.orderStart.length; c++) {
      const end = c + 1 < this.orderStart.length ? this.orderStart[c + 1] : this.orderMembers.length;
      const members: Array<readonly [dataset: number, party: number]> = [];
      for (let i = this.orderStart[c]; i < end; i++) members.push([this.nodeDataset[this.orderMembers[i]], this.nodeParty[this.orderMembers[i]]]);
      out.push(members);
    }
    return out;
  }

  /** How many components have been solved (see components()). */
  get componentCount(): number {
    return this.orderStart.length;
  }

  /** The flows that bring a dataset to a party. */
  flowsInto(dataset: number, party: number): readonly FlowNode[] {
    return this.flowsIntoKey(this.key(dataset, party));
  }

  private flowsIntoKey(key: number): readonly FlowNode[] {
    const flows = this.inFlows.get(key);
    return flows === undefined ? NO_FLOWS : Array.isArray(flows) ? flows : [flows];
  }

  /** Number of (dataset, party) nodes solved: for benchmarks and tests of the one-pass claim. */
  get size(): number {
    return this.nodeDataset.length;
  }

  private originAtIndex(d: number, p: number): readonly string[] {
    let n = this.nodeOf.get(this.key(d, p));
    if (n === undefined) {
      // A party that only receives the dataset: solve its node (and any new dependencies) now.
      n = this.node(d, p);
      this.solve();
    }
    return this.sets.members(this.nodeSet[n]);
  }

  /**
   * One number per (dataset, party): p < partyCount, so d * partyCount + p is injective, and it
   * stays an exact integer while datasets × parties < 2^53 (far beyond any run's limits).
   */
  private key(d: number, p: number): number {
    return d * this.partyCount + p;
  }

  private baseOf(d: number, p: number): number {
    const dataset = this.model.datasets[d];
    const collected = dataset.view.collectedIn;
    const key = this.key(d, p);
    const imported = this.imported.get(key);
    let base = this.sets.empty;
    if (collected.length > 0) base = this.sets.of(collected);
    else if (!this.inFlows.has(key) && !imported) base = this.sets.of([this.model.parties[p].view.country]);
    return imported ? this.sets.union(base, imported.set) : base;
  }

  /** Whether an imported chain brings the data here (with `match`, data of a matching origin). */
  private importedFits(key: number, match: ((country: string) => boolean) | undefined): boolean {
    const outside = this.imported.get(key);
    return outside !== undefined && outside.chain.length > 0 && (match === undefined || this.sets.members(outside.set).some(match));
  }

  /** The (dataset, party) keys that flows bring data to, in this run or in an imported table. */
  broughtKeys(): Array<readonly [dataset: number, party: number]> {
    const keys = new Set<number>([...this.inFlows.keys(), ...this.imported.keys()]);
    return [...keys].map((k) => [Math.floor(k / this.partyCount), k % this.partyCount] as const);
  }

  private addImported(entries: readonly ImportedOrigin[]): void {
    for (const e of entries) {
      const dataset = this.model.datasetById.get(e.dataset);
      const party = this.model.partyById.get(e.party);
      if (!dataset || !party || e.origin.length === 0) continue;
      const key = this.key(dataset.index, party.index);
      const chain = e.chain.map((f) => importedFlowNode(f));
      const groupChains = e.groupChains && Object.fromEntries(Object.entries(e.groupChains).map(([group, flows]) => [group, flows.map((f) => importedFlowNode(f))]));
      const before = this.imported.get(key);
      // Two tables with the same entry: the union of their countries; the chains of the first.
      const set = before ? this.sets.union(before.set, this.sets.of(e.origin)) : this.sets.of(e.origin);
      const chains = before ? { chain: before.chain, ...(before.groupChains ? { groupChains: before.groupChains } : {}) } : { chain, ...(groupChains ? { groupChains } : {}) };
      // An entry without bindings binds nothing for any group (the table lists only the groups
      // that bind): it still stands for its flows, as an entry with every group absent.
      this.imported.set(key, { set, ...chains, bindings: [...(before?.bindings ?? []), e.bindings ?? {}] });
    }
  }

  /**
   * The purpose bindings imported tables give for a dataset at a party and a country group (one
   * per table that has the node), or undefined when no table has the node.
   */
  importedBindings(dataset: number, party: number, group: string): Array<ImportedBinding | undefined> | undefined {
    const entry = this.imported.get(this.key(dataset, party));
    return entry && entry.bindings.map((b) => b[group]);
  }

  /** Creates the node for (d, p) and, iteratively, the nodes it depends on. */
  private node(d: number, p: number): number {
    const key = this.key(d, p);
    const existing = this.nodeOf.get(key);
    if (existing !== undefined) return existing;
    const stack = [key];
    const first = this.add(d, p, key);
    while (stack.length > 0) {
      const k = stack.pop()!;
      const n = this.nodeOf.get(k)!;
      for (const dep of this.depsKeys(this.nodeDataset[n], this.nodeParty[n])) {
        if (!this.nodeOf.has(dep)) {
          this.add(Math.floor(dep / this.partyCount), dep % this.partyCount, dep);
          stack.push(dep);
        }
      }
    }
    return first;
  }

  private add(d: number, p: number, key: number): number {
    const n = this.nodeDataset.length;
    this.nodeOf.set(key, n);
    this.nodeDataset.push(d);
    this.nodeParty.push(p);
    this.nodeSet.push(-1);
    this.nodeBase.push(this.baseOf(d, p));
    return n;
  }

  private depsKeys(d: number, p: number): number[] {
    const out: number[] = [];
    for (const f of this.flowsIntoKey(this.key(d, p))) out.push(this.key(d, f.from.index));
    for (const e of this.model.datasets[d].derivedFrom) out.push(this.key(e.index, p));
    return out;
  }

  /** Iterative Tarjan; each component is solved when it is emitted, after all it depends on. */
  private solve(): void {
    // Nodes are solved in creation order, so the unsolved ones are a contiguous tail.
    const first = this.solved;
    const count = this.nodeDataset.length - first;
    if (count === 0) return;
    const index = new Int32Array(count).fill(-1);
    const low = new Int32Array(count);
    const onStack = new Uint8Array(count);
    const deps: number[][] = new Array(count);
    // Dependencies already solved are constants, not part of this traversal.
    const depsOf = (n: number): number[] =>
      (deps[n - first] ??= this.depsKeys(this.nodeDataset[n], this.nodeParty[n]).map((k) => this.nodeOf.get(k)!));
    const sccStack: number[] = [];
    let counter = 0;
    for (let r = 0; r < count; r++) {
      const root = first + r;
      if (index[r] !== -1) continue;
      const work: Array<[node: number, next: number]> = [[root, 0]];
      index[r] = low[r] = counter++;
      sccStack.push(root);
      onStack[r] = 1;
      while (work.length > 0) {
        const frame = work[work.length - 1];
        const [n, i] = frame;
        const ds = depsOf(n);
        if (i < ds.length) {
          frame[1] = i + 1;
          const m = ds[i];
          if (m < first) continue; // solved earlier
          if (index[m - first] === -1) {
            index[m - first] = low[m - first] = counter++;
            sccStack.push(m);
            onStack[m - first] = 1;
            work.push([m, 0]);
          } else if (onStack[m - first]) {
            low[n - first] = Math.min(low[n - first], index[m - first]);
          }
          continue;
        }
        work.pop();
        if (work.length > 0) {
          const parent = work[work.length - 1][0];
          low[parent - first] = Math.min(low[parent - first], low[n - first]);
        }
        if (low[n - first] === index[n - first]) {
          const members: number[] = [];
          let m: number;
          do {
            m = sccStack.pop()!;
            onStack[m - first] = 0;
            members.push(m);
          } while (m !== n);
          this.solveComponent(members, depsOf);
        }
      }
    }
    this.solved = this.nodeDataset.length;
  }

  private solveComponent(members: number[], depsOf: (n: number) => number[]): void {
    const inside = members.length > 1 ? new Set(members) : undefined;
    let set = this.sets.empty;
    let external = false;
    let cyclic = members.length > 1;
    for (const n of members) {
      set = this.sets.union(set, this.nodeBase[n]);
      for (const m of depsOf(n)) {
        if (m === n) cyclic = true;
        else if (inside?.has(m)) continue;
        else {
          external = true;
          set = this.sets.union(set, this.nodeSet[m]);
        }
      }
    }
    if (cyclic && !external && set === this.sets.empty) {
      // A cycle with no way in: the countries of the parties on it.
      set = this.sets.of(members.map((n) => this.model.parties[this.nodeParty[n]].view.country));
    }
    this.orderStart.push(this.orderMembers.length);
    for (const n of members) {
      this.nodeSet[n] = set;
      this.orderMembers.push(n);
    }
  }
}

const NO_FLOWS: readonly FlowNode[] = [];

/**
 * A flow of another run as a chain holds it: its id, parties and countries, and the digest of its
 * facts in its own run, which a fingerprint uses instead of digesting the flow again.
 */
function importedFlowNode(f: ImportedFlow): FlowNode {
  const party = (id: string, country: string) => ({ index: -1, view: { id, name: id, country, role: '', sector: '', certifications: [] } });
  return {
    index: -1,
    view: { id: f.flow, from: f.from, to: f.to, datasets: [], purposes: [], frequency: '', access: '', mechanisms: [] },
    from: party(f.from, f.fromCountry),
    to: party(f.to, f.toCountry),
    datasets: [],
    facts: f.facts,
  } as unknown as FlowNode;
}
