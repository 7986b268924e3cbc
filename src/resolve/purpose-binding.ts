import { InternedSets } from './interned-sets';
import type { Model } from './model';
import type { OriginTable } from './origin';

/**
 * What binds the use of a dataset at a party: purpose limitation of data received from a group
 * of countries (EU-Japan Supplementary Rule (3): data received from the EEA may be used only for
 * the purposes of that transfer, and a business receiving it from another in Japan is bound
 * the same way). `set` is an interned purpose set, or -1 when nothing limits the purposes;
 * `unknown` says that a binding applies whose purposes were never declared.
 */
export interface Binding {
  set: number;
  unknown: boolean;
}

const UNBOUND: Binding = Object.freeze({ set: -1, unknown: false });
const UNKNOWN: Binding = Object.freeze({ set: -1, unknown: true });

/**
 * The purposes binding every dataset at every party, for data from one group of countries:
 *
 * - at a party in the group, nothing (the binding starts when the data leaves it);
 * - a flow from a party in the group binds the data to the flow's purposes, or the dataset's
 *   where the flow declares none (the purposes of the transfer), or to undeclared purposes;
 * - a flow from a party outside the group passes on the sender's binding, narrowed to the flow's
 *   purposes where it declares any (data received for a narrower purpose is bound to it);
 * - several flows bringing the data: the union (each copy keeps its own purposes);
 * - a dataset no flow brings, collected in the group: its own purposes;
 * - a derived dataset: also bound by every dataset it derives from at the same party
 *   (intersection: the derived data may be used only where all its sources may).
 *
 * Computed once, in the order of the origin table's strongly connected components (dependencies
 * first), so the cost is linear in nodes plus edges. Inside a cycle of flows each member gets the
 * union of what enters the cycle: narrowing inside a cycle is not followed (a permissive
 * approximation, documented). Purposes are compared by Purposes.key (vocabulary id or normal form).
 */
export class PurposeBindings {
  private readonly sets = new InternedSets();
  private readonly byNode = new Map<number, Binding>();
  private readonly flowSet: Int32Array;
  private readonly datasetSet: Int32Array;
  private readonly partyCount: number;
  private done = 0;

  constructor(
    private readonly model: Model,
    private readonly origins: OriginTable,
    private readonly members: ReadonlySet<string>,
    private readonly keyOf: (purpose: string) => string,
    /** The group's name, to find the bindings imported origin tables computed for it. */
    private readonly group = '',
  ) {
    this.partyCount = Math.max(1, model.parties.length);
    this.flowSet = new Int32Array(model.flows.length).fill(-2);
    this.datasetSet = new Int32Array(model.datasets.length).fill(-2);
    this.sync();
  }

  /** The binding of a dataset at a party. */
  at(dataset: number, party: number): Binding {
    let b = this.byNode.get(this.key(dataset, party));
    if (b === undefined) {
      this.origins.originAt(this.model.datasets[dataset], this.model.parties[party]); // solves the node
      this.sync();
      b = this.byNode.get(this.key(dataset, party)) ?? UNBOUND;
    }
    return b;
  }

  /** The purposes (keys, sorted) of an interned set. */
  purposes(set: number): readonly string[] {
    return this.sets.members(set);
  }

  /** Whether a declared purpose is within an interned set. */
  allows(set: number, purpose: string): boolean {
    return this.sets.has(set, this.keyOf(purpose));
  }

  /** Injective while datasets × parties < 2^53, as in the origin table. */
  private key(d: number, p: number): number {
    return d * this.partyCount + p;
  }

  /** Solves the components the origin table solved since the last call. */
  private sync(): void {
    for (const component of this.origins.components(this.done)) this.solveComponent(component);
    this.done = this.origins.componentCount;
  }

  private solveComponent(members: ReadonlyArray<readonly [number, number]>): void {
    if (members.length === 1) {
      const [d, p] = members[0];
      this.byNode.set(this.key(d, p), this.compute(d, p, undefined));
      return;
    }
    const inside = new Set(members.map(([d, p]) => this.key(d, p)));
    let b: Binding = { set: this.sets.empty, unknown: false };
    for (const [d, p] of members) b = this.union(b, this.compute(d, p, inside));
    for (const [d, p] of members) this.byNode.set(this.key(d, p), b);
  }

  /** The binding of (d, p) from its dependencies, leaving out those inside the cycle being solved. */
  private compute(d: number, p: number, inside: Set<number> | undefined): Binding {
    if (this.members.has(this.model.parties[p].view.country)) return UNBOUND;
    const flows = this.origins.flowsInto(d, p);
    const imported = this.group ? this.origins.importedBindings(d, p, this.group) : undefined;
    let b: Binding;
    if (flows.length === 0 && !imported) {
      const collected = this.model.datasets[d].view.collectedIn.some((c) => this.members.has(c));
      b = collected ? this.datasetBinding(d) : UNBOUND;
    } else {
      b = { set: this.sets.empty, unknown: false }; // the identity of union
      // Flows of another run that bring the data here (an imported origin table): their binding.
      for (const i of imported ?? []) b = this.union(b, i === undefined ? UNBOUND : { set: i.purposes ? this.sets.of(i.purposes) : -1, unknown: i.unknown });
      for (const f of flows) {
        const q = f.from.index;
        if (this.skip(d, p, d, q, inside)) continue;
        b = this.union(b, this.members.has(f.from.view.country) ? this.transfer(d, q, f.index) : this.narrow(this.solved(d, q), f.index));
      }
    }
    for (const e of this.model.datasets[d].derivedFrom) {
      if (this.skip(d, p, e.index, p, inside)) continue;
      b = this.intersect(b, this.solved(e.index, p));
    }
    return b;
  }

  /** A dependency on the node itself or on its own cycle is left out (see the class comment). */
  private skip(d: number, p: number, e: number, q: number, inside: Set<number> | undefined): boolean {
    return (d === e && p === q) || inside?.has(this.key(e, q)) === true;
  }

  /** A dependency's binding: solved before, as the components come dependencies first. */
  private solved(d: number, p: number): Binding {
    return this.byNode.get(this.key(d, p)) ?? UNBOUND;
  }

  /** A flow from the group: the purposes of the transfer, if the data there is of the group's origin. */
  private transfer(d: number, q: number, f: number): Binding {
    const origin = this.origins.originAt(this.model.datasets[d], this.model.parties[q]);
    if (!origin.some((c) => this.members.has(c))) return UNBOUND;
    const declared = this.flowPurposes(f);
    return declared >= 0 ? { set: declared, unknown: false } : this.datasetBinding(d);
  }

  private narrow(b: Binding, f: number): Binding {
    const declared = this.flowPurposes(f);
    return declared >= 0 ? this.intersect(b, { set: declared, unknown: false }) : b;
  }

  private datasetBinding(d: number): Binding {
    if (this.datasetSet[d] === -2) this.datasetSet[d] = this.setOf(this.model.datasets[d].view.purposes);
    return this.datasetSet[d] >= 0 ? { set: this.datasetSet[d], unknown: false } : UNKNOWN;
  }

  private flowPurposes(f: number): number {
    if (this.flowSet[f] === -2) this.flowSet[f] = this.setOf(this.model.flows[f].view.purposes);
    return this.flowSet[f];
  }

  /** An interned set of declared purposes, or -1 when none are declared. */
  private setOf(declared: readonly string[]): number {
    return declared.length === 0 ? -1 : this.sets.of(declared.map(this.keyOf));
  }

  private union(a: Binding, b: Binding): Binding {
    const set = a.set < 0 || b.set < 0 ? -1 : this.sets.union(a.set, b.set);
    return { set, unknown: a.unknown || b.unknown };
  }

  private intersect(a: Binding, b: Binding): Binding {
    const set = a.set < 0 ? b.set : b.set < 0 ? a.set : this.sets.intersect(a.set, b.set);
    return { set, unknown: a.unknown || b.unknown };
  }
}
