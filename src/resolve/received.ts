import type { DatasetNode, FlowNode, Model, PartyNode } from './model';

/**
 * Where data travelled after a flow that declares a mechanism of one type (e.g. appi-opt-out):
 * every (dataset, party) that the data of such a flow reached, through that flow, any later
 * flow carrying it on, or a dataset derived from it at the same party (APPI Art. 27(2) counts
 * copies and processed data). Flows that start after asOf have not happened yet and carry
 * nothing. Computed once per run and mechanism type by one breadth-first pass over the
 * (dataset, party) graph: linear in the flows' datasets and the derivations.
 */
export class ReceivedThrough {
  private readonly reached = new Set<number>();
  private readonly partyCount: number;
  /** Edges followed while tracing (onward flows and derivations): the work, for tests of linearity. */
  edgesFollowed = 0;

  constructor(model: Model, type: string, asOf: string) {
    this.partyCount = Math.max(1, model.parties.length);
    const started = model.flows.filter((f) => startedBy(f, asOf));
    const onward = new Map<number, FlowNode[]>();
    for (const f of started) for (const d of f.datasets) push(onward, this.key(d.index, f.from.index), f);
    const derived = new Map<number, DatasetNode[]>();
    for (const d of model.datasets) for (const source of d.derivedFrom) push(derived, source.index, d);
    const queue: number[] = [];
    const visit = (d: number, p: number): void => {
      const key = this.key(d, p);
      if (!this.reached.has(key)) {
        this.reached.add(key);
        queue.push(key);
      }
    };
    for (const f of started) if (f.view.mechanisms.some((m) => m.type === type)) for (const d of f.datasets) visit(d.index, f.to.index);
    while (queue.length > 0) {
      const key = queue.pop()!;
      const d = Math.floor(key / this.partyCount);
      const p = key % this.partyCount;
      const next = onward.get(key) ?? [];
      const copies = derived.get(d) ?? [];
      this.edgesFollowed += next.length + copies.length;
      for (const f of next) visit(d, f.to.index);
      for (const e of copies) visit(e.index, p);
    }
  }

  /** Whether the dataset, at the party, is (or derives from) data a flow of the type brought. */
  has(dataset: DatasetNode, party: PartyNode): boolean {
    return this.reached.has(this.key(dataset.index, party.index));
  }

  /** Injective while datasets × parties < 2^53, as in OriginTable. */
  private key(d: number, p: number): number {
    return d * this.partyCount + p;
  }
}

function startedBy(flow: FlowNode, asOf: string): boolean {
  const startsOn = flow.view.startsOn as string | undefined;
  return startsOn === undefined || startsOn <= asOf;
}

function push<T>(map: Map<number, T[]>, key: number, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
