/**
 * Values memoised for the flow being judged, under a small fixed set of keys (a regime, a group).
 * Entries keep their place from flow to flow and are stamped with the flow they belong to:
 * clearing a Map per flow gave it a new table each time, which lived just long enough to be
 * promoted and then freed only by a full GC (about 14 MB at 100k flows).
 */
export class FlowMemo<V> {
  private readonly entries = new Map<string, { flow: number; value: V }>();
  private flow = 0;

  /** Forgets every value: the next flow is judged. */
  nextFlow(): void {
    this.flow++;
  }

  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    return entry !== undefined && entry.flow === this.flow ? entry.value : undefined;
  }

  set(key: string, value: V): void {
    const entry = this.entries.get(key);
    if (entry === undefined) this.entries.set(key, { flow: this.flow, value });
    else {
      entry.flow = this.flow;
      entry.value = value;
    }
  }
}
