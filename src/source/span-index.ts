import type { JsonSpan } from './json-positions';

/**
 * The positions of the values near the top of a JSON text, kept compactly: the elements of an
 * array (every flow, party and dataset of a manifest) as start and end offsets in one flat list
 * per array, everything else by pointer. A large estate has millions of elements, and a map
 * entry with a pointer string and a span object for each would cost ten times as much.
 */
export class SpanIndex {
  private readonly spans = new Map<string, JsonSpan>();
  private readonly elements = new Map<string, number[] | Uint32Array>();

  set(pointer: string, span: JsonSpan): void {
    this.spans.set(pointer, span);
  }

  /**
   * Records element `index` of the array at `parent`; elements arrive in order. A repeated key's
   * later array writes over the earlier one's elements, as a later value replaces an earlier one.
   */
  addElement(parent: string, index: number, start: number, end: number): void {
    let list = this.elements.get(parent);
    if (!Array.isArray(list)) this.elements.set(parent, (list = list ? Array.from(list) : []));
    list[index * 2] = start;
    list[index * 2 + 1] = end;
  }

  /**
   * Called when the text is indexed: each list of offsets becomes a typed array of its exact
   * length (an array grown element by element keeps up to half again its length in reserve, and
   * holds 8 bytes per offset where 4 do: texts are far below 4 GB).
   */
  compact(): void {
    for (const [parent, list] of this.elements) if (Array.isArray(list)) this.elements.set(parent, Uint32Array.from(list));
  }

  get(pointer: string): JsonSpan | undefined {
    const span = this.spans.get(pointer);
    if (span) return span;
    const slash = pointer.lastIndexOf('/');
    const list = slash >= 0 ? this.elements.get(pointer.slice(0, slash)) : undefined;
    if (!list) return undefined;
    const segment = pointer.slice(slash + 1);
    if (!/^(0|[1-9]\d*)$/.test(segment)) return undefined;
    const i = Number(segment) * 2;
    return i + 1 < list.length ? { value: [list[i], list[i + 1]] } : undefined;
  }
}
