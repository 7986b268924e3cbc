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
 * keys and excessive nesting, and indexes the positions of the values near the top (where flows,
 * parties and datasets are), so that locating a finding later needs no second pass. A tight loop
 * over character codes with an explicit stack: it costs less than JSON.parse itself.
 */
export function scanJsonStructure(text: string, maxDepth: number, indexDepth = 2): JsonStructure {
  const out: JsonStructure = { duplicates: [], reserved: [], index: new SpanIndex() };
  const n = text.length;
  // Per open container: start offset, pointer (only while within indexDepth), keys seen (objects).
  const starts: number[] = [];
  const pointers: Array<string | undefined> = [];
  const isArray: boolean[] = [];
  const counts: number[] = [];
  // Keys seen per open object: a short array while the object is small (most objects of a
  // manifest have a handful of keys, and an array is cheaper to make than a Set), a Set from
  // SMALL_OBJECT keys on, so that a huge object is checked in linear time.
  const keySets: Array<string[] | Set<string> | undefined> = [];
  const keySpans: Array<[number, number] | undefined> = [];
  let pendingKey: string | undefined;
  let pendingKeySpan: [number, number] | undefined;
  let depth = 0;

  const childPointer = (): string | undefined => {
    const parent = pointers[depth - 1];
    if (parent === undefined || depth > indexDepth) return undefined;
    if (isArray[depth - 1]) return `${parent}/${counts[depth - 1]}`;
    return pendingKey === undefined ? undefined : `${parent}/${escapeSegment(pendingKey)}`;
  };
  // `parent` is the depth of the enclosing container: array elements go to the compact lists.
  const record = (pointer: string | undefined, start: number, end: number, key: [number, number] | undefined, parent: number): void => {
    if (pointer === undefined) return;
    if (parent >= 0 && isArray[parent]) out.index.addElement(pointers[parent]!, start, end);
    else out.index.set(pointer, key ? { key, value: [start, end] } : { value: [start, end] });
  };

  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 10 || c === 13 || c === 9 || c === 44) continue;
    if (c === 34) {
      // A string: a key when the next structural character is ':'.
      const start = i;
      let j = i + 1;
      let escaped = false;
      for (;;) {
        const q = text.indexOf('"', j);
        let backslashes = 0;
        for (let b = q - 1; text.charCodeAt(b) === 92; b--) backslashes++;
        if (backslashes > 0) escaped = true;
        if (backslashes % 2 === 0) {
          i = q;
          break;
        }
        j = q + 1;
      }
      let k = i + 1;
      let d = text.charCodeAt(k);
      while (d === 32 || d === 10 || d === 13 || d === 9) d = text.charCodeAt(++k);
      if (d === 58 && depth > 0 && !isArray[depth - 1]) {
        // Any escape (not only one before a quote: "\u0069d" is "id") makes the key's text differ
        // from its value, and JSON.parse compares values: decode it. Linear in the key's length.
        if (!escaped) for (let b = start + 1; b < i; b++) if (text.charCodeAt(b) === 92) { escaped = true; break; }
        const key = escaped ? (JSON.parse(text.slice(start, i + 1)) as string) : text.slice(start + 1, i);
        let seen = keySets[depth - 1]!;
        if (Array.isArray(seen) && seen.length >= SMALL_OBJECT) seen = keySets[depth - 1] = new Set(seen);
        const parent = pointers[depth - 1];
        workCounters.keyLookups++;
        if (Array.isArray(seen) ? seen.includes(key) : seen.has(key)) out.duplicates.push({ offset: start, key, pointer: `${parent ?? ''}/${escapeSegment(key)}` });
        else if (Array.isArray(seen)) seen.push(key);
        else seen.add(key);
        if (RESERVED_KEYS.has(key)) out.reserved.push({ offset: start, pointer: `${parent ?? ''}/${escapeSegment(key)}` });
        pendingKey = key;
        pendingKeySpan = [start, i + 1];
        i = k; // at ':'
        continue;
      }
      // A string value.
      record(childPointer(), start, i + 1, pendingKeySpan, depth - 1);
      if (depth > 0) counts[depth - 1]++;
      pendingKey = undefined;
      pendingKeySpan = undefined;
      continue;
    }
    if (c === 123 || c === 91) {
      const pointer = depth === 0 ? '' : childPointer();
      keySpans[depth] = pendingKeySpan;
      starts[depth] = i;
      pointers[depth] = pointer;
      isArray[depth] = c === 91;
      counts[depth] = 0;
      keySets[depth] = c === 123 ? [] : undefined;
      depth++;
      pendingKey = undefined;
      pendingKeySpan = undefined;
      if (depth > maxDepth && out.tooDeep === undefined) {
        out.tooDeep = i;
        return out;
      }
      continue;
    }
    if (c === 125 || c === 93) {
      depth--;
      record(pointers[depth], starts[depth], i + 1, keySpans[depth], depth - 1);
      if (depth > 0) counts[depth - 1]++;
      continue;
    }
    // A number, true, false or null: up to the next delimiter.
    const start = i;
    while (i + 1 < n) {
      const d = text.charCodeAt(i + 1);
      if (d === 44 || d === 125 || d === 93 || d === 32 || d === 10 || d === 13 || d === 9) break;
      i++;
    }
    record(childPointer(), start, i + 1, pendingKeySpan, depth - 1);
    if (depth > 0) counts[depth - 1]++;
    pendingKey = undefined;
    pendingKeySpan = undefined;
  }
  return out;
}
