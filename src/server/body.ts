import { scanJson, type JsonScanResult, scanJsonStructure, pointerToPath, toPointer, SourceDocument } from '../index';
import { entry, HttpError, requestError, type ApiInputError } from './errors';

/** How requests are named in located messages ("<request>:1:17 invalid JSON: ..."). */
export const REQUEST_FILE = '<request>';

/** Deepest nesting of arrays and objects accepted in a request body (manifests are far shallower). */
export const MAX_BODY_DEPTH = 100;

/**
 * Parses a JSON request body. Every problem is an HttpError (400) located in the body, worded as
 * the CLI words the same problem in a file: "<request>:1:17 invalid JSON: ...". Besides syntax, it
 * refuses nesting deeper than MAX_BODY_DEPTH (later stages recurse), "__proto__" keys
 * (prototype poisoning, refused as Fastify's own parser does) and duplicate keys (JSON.parse keeps
 * the last one silently; a manifest file with them is refused, so a manifest object is too).
 */
export function parseJsonBody(text: string): unknown {
  if (text.trim() === '') {
    throw new HttpError(400, [requestError('request/empty', 'the request body is empty', undefined, 'send a JSON object; see /openapi.json')]);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    // V8's messages do not always say where; the project's scanner does, in the CLI's words.
    const found = scanJson(text, MAX_BODY_DEPTH).error ?? { offset: text.length, message: 'invalid JSON' };
    const deep = /^nested deeper/.test(found.message);
    throw new HttpError(400, [
      requestError(deep ? 'request/too-deep' : 'request/invalid-json', deep ? found.message : `invalid JSON: ${found.message}`, locateOffset(text, found.offset)),
    ]);
  }
  const problem = inspect(data);
  if (problem?.kind === 'deep') {
    const found = scanJson(text, MAX_BODY_DEPTH).error;
    throw new HttpError(400, [requestError('request/too-deep', `nested deeper than ${MAX_BODY_DEPTH} levels`, found ? locateOffset(text, found.offset) : undefined)]);
  }
  if (problem?.kind === 'proto') {
    const location = new SourceDocument(REQUEST_FILE, text, 'json').locate(problem.pointer, { key: true });
    throw new HttpError(400, [requestError('request/forbidden-key', `${pointerToPath(problem.pointer.slice(0, problem.pointer.lastIndexOf('/')))}: the key "__proto__" is not allowed`, location, 'rename the key')]);
  }
  // The structure pass is the fast check (it decodes escaped keys as JSON.parse does); the
  // scanner names the path of each duplicate, and runs only when there is one to locate.
  if (scanJsonStructure(text, MAX_BODY_DEPTH, 0).duplicates.length > 0) {
    const duplicates = scanJson(text, MAX_BODY_DEPTH).duplicates;
    if (duplicates.length > 0) throw duplicateKeys(text, data, duplicates);
  }
  return data;
}

const IN_MANIFEST = /^\/manifests\/(\d+)\/manifest(\/.*)$/;

/**
 * Every duplicate key of the body, located in it. In a manifest object it is the manifest's error
 * (422, as the CLI refuses the same manifest in a file, and naming the manifest); anywhere else
 * the request is malformed (400).
 */
function duplicateKeys(text: string, data: unknown, duplicates: JsonScanResult['duplicates']): HttpError {
  const source = new SourceDocument(REQUEST_FILE, text, 'json');
  const manifests = (data as { manifests?: unknown } | null)?.manifests;
  const errors: ApiInputError[] = [];
  let inRequest = false;
  for (const d of duplicates) {
    const location = source.locateOffset(d.offset, d.pointer);
    const m = IN_MANIFEST.exec(d.pointer);
    if (!m) {
      inRequest = true;
      errors.push(requestError('request/duplicate-key', `${pointerToPath(parentOf(d.pointer))}: duplicate key "${d.key}"`, location, 'JSON parsers keep one of them silently; remove or rename the other'));
      continue;
    }
    const index = Number(m[1]);
    const file = Array.isArray(manifests) ? (manifests[index] as { file?: unknown } | null)?.file : undefined;
    const name = typeof file === 'string' ? ` (${JSON.stringify(file)})` : '';
    const at = parentOf(m[2]);
    errors.push(
      entry({
        code: 'source/syntax',
        message: `manifests[${index}].manifest${name}: duplicate key "${d.key}"${at === '' ? '' : ` in ${pointerToPath(at)}`}`,
        location,
        hint: 'JSON parsers keep one of them silently; remove or rename the other',
      }),
    );
  }
  return new HttpError(inRequest ? 400 : 422, errors);
}

function parentOf(pointer: string): string {
  return pointer.slice(0, pointer.lastIndexOf('/'));
}

function locateOffset(text: string, offset: number) {
  return new SourceDocument(REQUEST_FILE, text, 'json').locateOffset(offset);
}

/**
 * Walks parsed JSON without recursion (so hostile nesting cannot overflow the stack here): the
 * first value nested too deeply, or the first "__proto__" key.
 */
function inspect(data: unknown): { kind: 'deep' } | { kind: 'proto'; pointer: string } | undefined {
  interface Entry {
    value: unknown;
    depth: number;
    parent?: Entry;
    key?: string | number;
  }
  const pathOf = (e: Entry): Array<string | number> => {
    const out: Array<string | number> = [];
    for (let at: Entry | undefined = e; at?.parent; at = at.parent) out.unshift(at.key!);
    return out;
  };
  const stack: Entry[] = [{ value: data, depth: 0 }];
  while (stack.length > 0) {
    const entry = stack.pop()!;
    const { value, depth } = entry;
    if (value === null || typeof value !== 'object') continue;
    if (depth >= MAX_BODY_DEPTH) return { kind: 'deep' };
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], depth: depth + 1, parent: entry, key: i });
      continue;
    }
    for (const key of Object.keys(value)) {
      if (key === '__proto__') return { kind: 'proto', pointer: toPointer([...pathOf(entry), key]) };
      stack.push({ value: (value as Record<string, unknown>)[key], depth: depth + 1, parent: entry, key });
    }
  }
  return undefined;
}
