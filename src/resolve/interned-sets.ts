import { TupleMap } from '../source/tuple-map';

/**
 * Interned sets of strings (country codes, purpose keys), each a small integer, with memoised
 * unions and intersections. Keyed by the sorted members as a tuple and by pairs of set ids in
 * nested maps: no joined text, and no arithmetic key that many distinct sets could make collide.
 */
export class InternedSets {
  private readonly byKey = new TupleMap<number>();
  private readonly list: string[][] = [];
  private readonly lookup: Array<Set<string> | undefined> = [];
  private readonly unions = new Map<number, Map<number, number>>();
  private readonly intersections = new Map<number, Map<number, number>>();
  readonly empty: number;

  constructor() {
    this.empty = this.of([]);
  }

  of(members: readonly string[]): number {
    const sorted = [...new Set(members)].sort();
    let id = this.byKey.get(sorted);
    if (id === undefined) {
      id = this.list.length;
      this.list.push(sorted);
      this.byKey.set(sorted, id);
    }
    return id;
  }

  members(id: number): readonly string[] {
    return this.list[id];
  }

  has(id: number, member: string): boolean {
    return (this.lookup[id] ??= new Set(this.list[id])).has(member);
  }

  union(a: number, b: number): number {
    if (a === b || b === this.empty) return a;
    if (a === this.empty) return b;
    return this.memo(this.unions, a, b, () => this.of([...this.list[a], ...this.list[b]]));
  }

  intersect(a: number, b: number): number {
    if (a === b) return a;
    if (a === this.empty || b === this.empty) return this.empty;
    return this.memo(this.intersections, a, b, () => this.of(this.list[a].filter((k) => this.has(b, k))));
  }

  /** Commutative operations memoised by the pair of set ids, in nested maps. */
  private memo(table: Map<number, Map<number, number>>, a: number, b: number, make: () => number): number {
    const lo = a < b ? a : b;
    const hi = a < b ? b : a;
    let row = table.get(lo);
    if (!row) table.set(lo, (row = new Map()));
    let id = row.get(hi);
    if (id === undefined) row.set(hi, (id = make()));
    return id;
  }
}
