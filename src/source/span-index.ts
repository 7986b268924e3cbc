import type { JsonSpan } from './json-positions';
import { positionIn } from './line-starts';

/** Marks a span without a key (the root, an array's element) in the flat list of offsets. */
const NO_KEY = 0xffffffff;

/**
 * The positions of the values near the top of a JSON text, kept compactly: the elements of an
 * array (every flow, party and dataset of a manifest) as start and end offsets in one flat list
 * per array, everything else by pointer, as four offsets (key and value) in one flat list. A large
 * estate has millions of elements and ~40 other values per file, and a map entry with a span object
 * and its arrays for each cost ~200 bytes (80 MB at 1M flows): spans are made when asked for.
 */
export class SpanIndex {
  /** Pointer → where its four offsets start in `offsets`. */
  private readonly slots = new Map<string, number>();
  private offsets: number[] | Uint32Array = [];
  private readonly elements = new Map<string, number[] | Uint32Array>();

  /** Records the value at `pointer` from `start` to `end`, with its key's span for an object member. */
  set(pointer: string, start: number, end: number, keyStart = NO_KEY, keyEnd = NO_KEY): void {
    let slot = this.slots.get(pointer);
    if (slot === undefined) {
      if (!Array.isArray(this.offsets)) this.offsets = Array.from(this.offsets);
      slot = this.offsets.length;
      this.slots.set(pointer, slot);
    }
    const offsets = this.offsets;
    offsets[slot] = keyStart;
    offsets[slot + 1] = keyEnd;
    offsets[slot + 2] = start;
    offsets[slot + 3] = end;
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
    if (Array.isArray(this.offsets)) this.offsets = Uint32Array.from(this.offsets);
    for (const [parent, list] of this.elements) if (Array.isArray(list)) this.elements.set(parent, Uint32Array.from(list));
  }

  /**
   * The line and column of every span held, for a text about to be let go: what locating them
   * needs then, without the text or its table of line starts (8 MB at 100k flows, kept beside
   * every index it would serve). `lineStarts` are the text's, `length` its length.
   */
  placeOnLines(lineStarts: Uint32Array, length: number): PlacedSpans {
    const place = (offsets: ArrayLike<number>): Uint32Array => {
      const out = new Uint32Array(offsets.length * 2);
      for (let i = 0; i + 1 < offsets.length; i += 2) {
        if (offsets[i] === NO_KEY) {
          out.fill(NO_KEY, i * 2, i * 2 + 4);
          continue;
        }
        // As SourceDocument.positionAt does: offsets clamped to the text, an end never before its start.
        const start = Math.min(offsets[i], length);
        writePosition(out, i * 2, lineStarts, start);
        writePosition(out, i * 2 + 2, lineStarts, Math.max(start, Math.min(offsets[i + 1], length)));
      }
      return out;
    };
    const elements = new Map<string, Uint32Array>();
    for (const [parent, list] of this.elements) elements.set(parent, place(list));
    return new PlacedSpans(this.slots, place(this.offsets), elements);
  }

  /** The index as plain data (JSON can hold it), for a result cache to keep beside the text's sha256. */
  toData(): SpanIndexData {
    return { slots: [...this.slots], offsets: Array.from(this.offsets), elements: [...this.elements].map(([parent, list]) => [parent, Array.from(list)]) };
  }

  /**
   * An index from {@link toData}'s data, or undefined when the data does not have its shape (a
   * damaged cache): slots within the offsets, four offsets per slot, two per element, all offsets
   * whole numbers that fit in 32 bits.
   */
  static fromData(data: unknown): SpanIndex | undefined {
    if (data === null || typeof data !== 'object') return undefined;
    const { slots, offsets, elements } = data as Partial<Record<keyof SpanIndexData, unknown>>;
    if (!Array.isArray(slots) || !isOffsets(offsets) || offsets.length % 4 !== 0 || !Array.isArray(elements)) return undefined;
    const index = new SpanIndex();
    for (const entry of slots as unknown[]) {
      if (!Array.isArray(entry) || entry.length !== 2) return undefined;
      const [pointer, slot] = entry as unknown[];
      if (typeof pointer !== 'string' || !Number.isInteger(slot) || (slot as number) % 4 !== 0 || (slot as number) < 0 || (slot as number) >= offsets.length || index.slots.has(pointer)) return undefined;
      index.slots.set(pointer, slot as number);
    }
    index.offsets = Uint32Array.from(offsets);
    for (const entry of elements as unknown[]) {
      if (!Array.isArray(entry) || entry.length !== 2) return undefined;
      const [parent, list] = entry as unknown[];
      if (typeof parent !== 'string' || !isOffsets(list) || list.length % 2 !== 0 || index.elements.has(parent)) return undefined;
      index.elements.set(parent, Uint32Array.from(list));
    }
    return index;
  }

  get(pointer: string): JsonSpan | undefined {
    const slot = this.slots.get(pointer);
    if (slot !== undefined) {
      const o = this.offsets;
      const value: [number, number] = [o[slot + 2], o[slot + 3]];
      return o[slot] === NO_KEY ? { value } : { key: [o[slot], o[slot + 1]], value };
    }
    const element = elementAt(this.elements, pointer);
    if (!element) return undefined;
    const { list, index } = element;
    const i = index * 2;
    return i + 1 < list.length ? { value: [list[i], list[i + 1]] } : undefined;
  }
}

/** A {@link SpanIndex} as plain data: its slots by pointer, its offsets, and its arrays' elements. */
export interface SpanIndexData {
  slots: Array<[string, number]>;
  offsets: number[];
  elements: Array<[string, number[]]>;
}

function isOffsets(value: unknown): value is number[] {
  return Array.isArray(value) && value.every((n) => Number.isInteger(n) && n >= 0 && n <= NO_KEY);
}

/** Where a value (and its key) starts and ends, as lines and columns (1-based). */
export interface PlacedSpan {
  key?: LineColumns;
  value: LineColumns;
}

export interface LineColumns {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** A SpanIndex whose offsets were turned into lines and columns (SpanIndex.placeOnLines). */
export class PlacedSpans {
  constructor(
    private readonly slots: ReadonlyMap<string, number>,
    /** Per slot of the index's four offsets: eight numbers, line and column for each. */
    private readonly positions: Uint32Array,
    /** Per element: four numbers, line and column of its start and of its end. */
    private readonly elements: ReadonlyMap<string, Uint32Array>,
  ) {}

  get(pointer: string): PlacedSpan | undefined {
    const slot = this.slots.get(pointer);
    if (slot !== undefined) {
      const at = slot * 2;
      const value = lineColumns(this.positions, at + 4);
      return this.positions[at] === NO_KEY ? { value } : { key: lineColumns(this.positions, at), value };
    }
    const element = elementAt(this.elements, pointer);
    if (!element) return undefined;
    const i = element.index * 4;
    return i + 3 < element.list.length ? { value: lineColumns(element.list, i) } : undefined;
  }
}

/** The list of the array `pointer` is an element of, and its index: "/flows/3" is element 3 of "/flows". */
function elementAt<L>(elements: ReadonlyMap<string, L>, pointer: string): { list: L; index: number } | undefined {
  const slash = pointer.lastIndexOf('/');
  const list = slash >= 0 ? elements.get(pointer.slice(0, slash)) : undefined;
  if (list === undefined) return undefined;
  const segment = pointer.slice(slash + 1);
  return /^(0|[1-9]\d*)$/.test(segment) ? { list, index: Number(segment) } : undefined;
}

function lineColumns(positions: Uint32Array, at: number): LineColumns {
  return { line: positions[at], column: positions[at + 1], endLine: positions[at + 2], endColumn: positions[at + 3] };
}

function writePosition(out: Uint32Array, at: number, lineStarts: Uint32Array, offset: number): void {
  const { line, column } = positionIn(lineStarts, offset);
  out[at] = line;
  out[at + 1] = column;
}
