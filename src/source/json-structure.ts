import { closingQuote, decodeString, detached, isJsonWhitespace, scalarEnd, skipWhitespace } from './json-lexer';
import { escapeSegment } from './pointer';
import { RESERVED_KEYS } from './structure';
import { SpanIndex } from './span-index';
import { workCounters } from './work-counters';

/** Up to this many keys, an object's keys are compared in a short array (bounded work per key). */
const SMALL_OBJECT = 16;

/** What one pass over a JSON text finds, beyond what JSON.parse checks. */
export interface JsonStructure {
  /** Keys repeated within one object: JSON.parse would keep the last silently. */
  duplicates: Array<{ offset: number; key: string; pointer: string }>;
  /** __proto__, constructor, prototype keys. */
  reserved: Array<{ offset: number; pointer: string }>;
  /** Offset of the first container nested deeper than the limit. */
  tooDeep?: number;
  /** Spans of every value down to `indexDepth` levels (e.g. /flows/3), for locations. */
  index: SpanIndex;
}

/**
 * One pass over a valid JSON text (JSON.parse accepted it) that finds duplicate keys, reserved
 * keys and excessive nesting, and indexes the positions of the values down to `indexDepth`
 * (where flows, parties and datasets are), so that locating a finding later needs no second pass.
 * A tight loop over character codes with an explicit stack: it costs less than JSON.parse itself.
 */
export function scanJsonStructure(text: string, maxDepth: number, indexDepth = 2): JsonStructure {
  return new StructureWalk(text, maxDepth, indexDepth).run();
}

/** The state of one walk: per open container, a slot in each of the parallel stacks. */
class StructureWalk {
  readonly out: JsonStructure = { duplicates: [], reserved: [], index: new SpanIndex() };
  private readonly starts: number[] = [];
  /** Pointers of open containers, only while within indexDepth. */
  private readonly pointers: Array<string | undefined> = [];
  private readonly isArray: boolean[] = [];
  private readonly counts: number[] = [];
  // Keys seen per open object: a short array while the object is small (most objects of a
  // manifest have a handful of keys, and an array is cheaper to make than a Set), a Set from
  // SMALL_OBJECT keys on, so that a huge object is checked in linear time.
  private readonly keySets: Array<string[] | Set<string> | undefined> = [];
  private readonly keySpans: Array<[number, number] | undefined> = [];
  private pendingKey: string | undefined;
  private pendingKeySpan: [number, number] | undefined;
  private depth = 0;

  constructor(
    private readonly text: string,
    private readonly maxDepth: number,
    private readonly indexDepth: number,
  ) {}

  run(): JsonStructure {
    this.walk();
    this.out.index.compact();
    return this.out;
  }

  private walk(): void {
    const text = this.text;
    const n = text.length;
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i);
      if (isJsonWhitespace(c) || c === 44) continue;
      if (c === 34) i = this.string(i);
      else if (c === 123 || c === 91) {
        if (this.open(i, c === 91)) return;
      } else if (c === 125 || c === 93) this.close(i);
      else {
        const end = scalarEnd(text, i + 1);
        this.value(i, end);
        i = end - 1;
      }
    }
  }

  /** A string: a key when the next structural character is ':'. Returns where to go on from. */
  private string(start: number): number {
    const quote = closingQuote(this.text, start);
    const colon = skipWhitespace(this.text, quote + 1);
    const depth = this.depth;
    if (this.text.charCodeAt(colon) === 58 && depth > 0 && !this.isArray[depth - 1]) {
      this.key(start, quote);
      return colon;
    }
    this.value(start, quote + 1);
    return quote;
  }

  /** A key of the innermost object: checked for repetition and reserved names, kept for its value. */
  private key(start: number, quote: number): void {
    // Any escape ("\u0069d" is "id") makes the key's text differ from its value, and JSON.parse
    // compares values: decode it. Linear in the key's length.
    const key = decodeString(this.text, start, quote);
    const at = this.depth - 1;
    let seen = this.keySets[at]!;
    if (Array.isArray(seen) && seen.length >= SMALL_OBJECT) seen = this.keySets[at] = new Set(seen);
    const parent = this.pointers[at];
    workCounters.keyLookups++;
    if (Array.isArray(seen) ? seen.includes(key) : seen.has(key)) this.out.duplicates.push({ offset: start, key: detached(key), pointer: detached(`${parent ?? ''}/${escapeSegment(key)}`) });
    else if (Array.isArray(seen)) seen.push(key);
    else seen.add(key);
    if (RESERVED_KEYS.has(key)) this.out.reserved.push({ offset: start, pointer: detached(`${parent ?? ''}/${escapeSegment(key)}`) });
    this.pendingKey = key;
    this.pendingKeySpan = [start, quote + 1];
  }

  /** A string, number or literal value from `start` to `end` (exclusive). */
  private value(start: number, end: number): void {
    this.record(this.childPointer(), start, end, this.pendingKeySpan, this.depth - 1);
    if (this.depth > 0) this.counts[this.depth - 1]++;
    this.pendingKey = undefined;
    this.pendingKeySpan = undefined;
  }

  /** Opens an object or array; true when it is nested deeper than the limit (the walk stops). */
  private open(i: number, array: boolean): boolean {
    const depth = this.depth;
    const pointer = depth === 0 ? '' : this.childPointer();
    this.keySpans[depth] = this.pendingKeySpan;
    this.starts[depth] = i;
    this.pointers[depth] = pointer;
    this.isArray[depth] = array;
    this.counts[depth] = 0;
    this.keySets[depth] = array ? undefined : [];
    this.depth = depth + 1;
    this.pendingKey = undefined;
    this.pendingKeySpan = undefined;
    if (this.depth > this.maxDepth && this.out.tooDeep === undefined) {
      this.out.tooDeep = i;
      return true;
    }
    return false;
  }

  private close(i: number): void {
    const depth = --this.depth;
    this.record(this.pointers[depth], this.starts[depth], i + 1, this.keySpans[depth], depth - 1);
    if (depth > 0) this.counts[depth - 1]++;
  }

  /** The pointer of the value about to start, when it is within indexDepth. */
  private childPointer(): string | undefined {
    const depth = this.depth;
    const parent = this.pointers[depth - 1];
    if (parent === undefined || depth > this.indexDepth) return undefined;
    if (this.isArray[depth - 1]) return `${parent}/${this.counts[depth - 1]}`;
    // A key is a slice of the text: the pointer, which the index keeps, must not hold the text alive.
    return this.pendingKey === undefined ? undefined : detached(`${parent}/${escapeSegment(this.pendingKey)}`);
  }

  /** `parent` is the depth of the enclosing container: array elements go to the compact lists. */
  private record(pointer: string | undefined, start: number, end: number, key: [number, number] | undefined, parent: number): void {
    if (pointer === undefined) return;
    if (parent >= 0 && this.isArray[parent]) this.out.index.addElement(this.pointers[parent]!, this.counts[parent], start, end);
    else if (key) this.out.index.set(pointer, start, end, key[0], key[1]);
    else this.out.index.set(pointer, start, end);
  }
}
