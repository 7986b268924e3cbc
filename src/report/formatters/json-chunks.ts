// Writing one JSON document in pieces: an array or object marked as streamed is written element by
// element (one piece each), everything else with JSON.stringify. The pieces join to exactly what
// JSON.stringify(value) gives, or JSON.stringify(value, null, 2) when pretty.

/** An array written one element (one piece) at a time, from any iterable: a generator is read once. */
export class StreamedArray {
  constructor(readonly items: Iterable<unknown>) {}
}

/** An object written one member at a time; its values may be streamed themselves. Undefined values are left out, as JSON.stringify does. */
export class StreamedObject {
  constructor(readonly entries: Iterable<readonly [string, unknown]>) {}
}

/** The pieces of a JSON value whose streamed parts are {@link StreamedArray} and {@link StreamedObject}. */
export function* jsonChunks(value: unknown, pretty: boolean, depth = 0): Generator<string> {
  if (value instanceof StreamedArray) yield* arrayChunks(value, pretty, depth);
  else if (value instanceof StreamedObject) yield* objectChunks(value, pretty, depth);
  else yield stringifyAt(value, pretty, depth) ?? 'null';
}

function* arrayChunks(array: StreamedArray, pretty: boolean, depth: number): Generator<string> {
  const open = pretty ? `\n${'  '.repeat(depth + 1)}` : '';
  let first = true;
  for (const item of array.items) {
    const head = first ? `[${open}` : `,${open}`;
    first = false;
    if (isStreamed(item)) yield* prefixed(head, jsonChunks(item, pretty, depth + 1));
    // An element JSON cannot write (undefined, a function) is null, as in JSON.stringify.
    else yield head + (stringifyAt(item, pretty, depth + 1) ?? 'null');
  }
  yield first ? '[]' : `${pretty ? `\n${'  '.repeat(depth)}` : ''}]`;
}

function* objectChunks(object: StreamedObject, pretty: boolean, depth: number): Generator<string> {
  const open = pretty ? `\n${'  '.repeat(depth + 1)}` : '';
  const colon = pretty ? ': ' : ':';
  let first = true;
  for (const [key, value] of object.entries) {
    if (value === undefined || typeof value === 'function') continue;
    const head = `${first ? '{' : ','}${open}${JSON.stringify(key)}${colon}`;
    first = false;
    if (isStreamed(value)) yield* prefixed(head, jsonChunks(value, pretty, depth + 1));
    else yield head + stringifyAt(value, pretty, depth + 1)!;
  }
  yield first ? '{}' : `${pretty ? `\n${'  '.repeat(depth)}` : ''}}`;
}

function isStreamed(value: unknown): value is StreamedArray | StreamedObject {
  return value instanceof StreamedArray || value instanceof StreamedObject;
}

function* prefixed(head: string, chunks: Iterable<string>): Generator<string> {
  let first = true;
  for (const chunk of chunks) {
    yield first ? head + chunk : chunk;
    first = false;
  }
}

/**
 * JSON.stringify at a depth of a pretty document: indented, with every line after the first moved
 * right by the depth (a JSON string never holds a raw newline, so every newline is a line break).
 */
export function stringifyAt(value: unknown, pretty: boolean, depth: number): string | undefined {
  if (!pretty) return JSON.stringify(value) as string | undefined;
  const text = JSON.stringify(value, null, 2) as string | undefined;
  return depth === 0 || text === undefined ? text : text.replace(/\n/g, `\n${'  '.repeat(depth)}`);
}

/** The pieces of a streamed format as one string: for callers that want it whole (a small report, a test). */
export function joinChunks(chunks: Iterable<string>): string {
  let out = '';
  for (const chunk of chunks) out += chunk;
  return out;
}
