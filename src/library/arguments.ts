/**
 * The library's arguments, checked before use. A caller of the library is not always TypeScript
 * (plain JavaScript, data decoded from elsewhere): whatever it passes, the answer is DiagnosticError
 * that say what was expected, never a TypeError from deep inside, and never a value quietly
 * changed (JSON.stringify would drop functions, turn NaN into null and a Map into {}).
 */
import { diagnostic, fail, isDiagnostic, ok, type Diagnostic, type Result } from '../source/diagnostic';
import { DEFAULT_LIMITS, type Limits } from '../source/limits';
import { pointerToPath, toPointer } from '../source/pointer';
import { manifestText } from '../manifest/manifest-text';
import { checkShard } from '../report/shard';
import type { SourceText } from '../types/index';
import { isLang, LANGS } from '../i18n/lang';
import { didYouMean } from '../source/did-you-mean';

/** An error in an argument of a library call (not in a manifest's content). */
export function argumentError(message: string, hint?: string): Diagnostic {
  return diagnostic('argument/invalid', message, undefined, hint);
}

/** "a number", "null", "a Map", "an array": what a value is, for messages. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  switch (typeof value) {
    case 'undefined':
      return 'undefined';
    case 'bigint':
      return 'a BigInt';
    case 'symbol':
      return 'a symbol';
    case 'function':
      return 'a function';
    case 'number':
      return Number.isFinite(value) ? 'a number' : String(value);
    case 'string':
      return 'a string';
    case 'boolean':
      return 'a boolean';
  }
  const proto = Object.getPrototypeOf(value) as { constructor?: { name?: unknown } } | null;
  if (proto === null || proto === Object.prototype) return 'an object';
  const name = typeof proto.constructor?.name === 'string' && proto.constructor.name !== '' ? proto.constructor.name : 'object';
  return `${/^[AEIO]/.test(name) ? 'an' : 'a'} ${name}`;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === null || proto === Object.prototype;
}

/** An entry of `manifests` as text to parse, or why it cannot be one; the label names it in either case. */
export type ManifestEntry = { readonly label: string } & Result<SourceText>;

const MANIFEST_SHAPE = 'expected { file, text } (the text of a manifest) or { file, manifest } (a manifest as plain data)';

/** The `manifests` argument: an array, or DiagnosticError naming what it is instead. */
export function checkManifestList(manifests: unknown): Diagnostic[] {
  if (Array.isArray(manifests)) return [];
  return [argumentError(`manifests: expected an array of manifests, got ${describeValue(manifests)}`, MANIFEST_SHAPE)];
}

/**
 * One entry of `manifests`, as the text the library parses: a text as given, a manifest object as
 * its JSON. Every problem is an Diagnostic located at the entry's file (its label, or
 * `manifests[3]` without one) and, in a manifest object, at the pointer of the bad value.
 */
export function readManifestEntry(list: readonly unknown[], index: number, limits: Pick<Limits, 'maxDepth' | 'maxFileBytes'>): ManifestEntry {
  const fallback = `manifests[${index}]`;
  try {
    return readEntry(list[index], fallback, limits);
  } catch (err) {
    // A getter or a proxy that throws: its error is the entry's, not the caller's crash.
    return { label: fallback, ...fail([diagnostic('argument/invalid', `${fallback}: reading it threw ${describeValue(err)}`, { file: fallback, line: 1, column: 1, pointer: '' }, MANIFEST_SHAPE)]) };
  }
}

function readEntry(entry: unknown, fallback: string, limits: Pick<Limits, 'maxDepth' | 'maxFileBytes'>): ManifestEntry {
  const at = (label: string, pointer = '') => ({ file: label, line: 1, column: 1, pointer });
  if (!isPlainObject(entry)) {
    return { label: fallback, ...fail([diagnostic('argument/invalid', `${fallback}: got ${describeValue(entry)}`, at(fallback), MANIFEST_SHAPE)]) };
  }
  const file = entry.file;
  const label = typeof file === 'string' && file !== '' ? file : fallback;
  const errors: Diagnostic[] = [];
  const bad = (message: string, hint?: string): void => void errors.push(diagnostic('argument/invalid', message, at(label), hint));
  if (typeof file !== 'string') bad(`${fallback}.file: expected a string (the name used in messages), got ${describeValue(file)}`);
  else if (file === '') bad(`${fallback}.file: empty`, 'name the manifest, e.g. its path');
  const hasText = Object.prototype.hasOwnProperty.call(entry, 'text');
  const hasManifest = Object.prototype.hasOwnProperty.call(entry, 'manifest');
  // Read once: a packed text (packText) is unpacked on each read.
  const text = hasText ? entry.text : undefined;
  const unknown = Object.keys(entry).filter((k) => k !== 'file' && k !== 'text' && k !== 'manifest' && k !== 'sha256');
  if (unknown.length > 0) bad(`${fallback}: unknown key${unknown.length > 1 ? 's' : ''} ${unknown.map((k) => JSON.stringify(k)).join(', ')}`, MANIFEST_SHAPE);
  if (hasText && hasManifest) bad(`${fallback}: both text and manifest`, 'give one of them');
  else if (!hasText && !hasManifest && unknown.length === 0) bad(`${fallback}: neither text nor manifest`, MANIFEST_SHAPE);
  else if (hasText && typeof text !== 'string') {
    const bytes = text instanceof Uint8Array ? 'decode the bytes first, e.g. new TextDecoder("utf-8", { fatal: true }).decode(bytes)' : undefined;
    bad(`${fallback}.text: expected a string, got ${describeValue(text)}`, bytes);
  }
  if (entry.sha256 !== undefined && (typeof entry.sha256 !== 'string' || !hasText)) bad(`${fallback}.sha256: expected the sha256 of the text, as a hex string`);
  if (errors.length > 0) return { label, ...fail(errors) };
  if (hasText) return { label, ...ok({ file: label, text: text as string, ...(entry.sha256 !== undefined ? { sha256: entry.sha256 as string } : {}) }) };
  const copied = toJsonData(entry.manifest, label, limits);
  if (!copied.ok) return { label, ...fail(copied.diagnostics) };
  return { label, ...ok({ file: label, text: manifestText(copied.value) }) };
}

/**
 * A copy of a value as JSON data, or errors for what JSON cannot say. Refused: cycles, BigInt,
 * functions, symbols, undefined in arrays, NaN and infinities, and objects other than plain objects and
 * arrays (Date, Map, class instances: JSON.stringify would call their toJSON or drop their
 * content). Each property is read once (a getter cannot answer differently later), own keys such
 * as "__proto__" stay own keys (the parser refuses them as it does in files), and the walk is
 * iterative and bounded by depth and by the size of the JSON it would make, so neither deep
 * nesting nor a small graph of shared references that expands to gigabytes gets further.
 */
export function toJsonData(value: unknown, label: string, limits: Pick<Limits, 'maxDepth' | 'maxFileBytes'>): Result<unknown> {
  return new JsonCopier(label, limits).run(value);
}

const NOT_JSON = 'a manifest object must be plain JSON data: objects, arrays, strings, finite numbers, booleans and null';
const MAX_COPY_ERRORS = 20;

/** An object or array being copied: its source, its copy, and the next of its entries. */
interface CopyFrame {
  source: object;
  target: unknown[] | Record<string, unknown>;
  /** Own keys of an object; undefined for an array (its indexes). */
  keys?: string[];
  length: number;
  next: number;
  path: Array<string | number>;
}

type Copied = { ok: true; value: unknown } | { ok: false };

/** The state of one {@link toJsonData}: an explicit stack, the size of the JSON so far, the errors. */
class JsonCopier {
  private readonly errors: Diagnostic[] = [];
  private size = 0;
  private readonly onPath = new Set<object>();
  private readonly stack: CopyFrame[] = [];
  private stopped = false;

  constructor(
    private readonly label: string,
    private readonly limits: Pick<Limits, 'maxDepth' | 'maxFileBytes'>,
  ) {}

  run(value: unknown): Result<unknown> {
    let root: unknown;
    let first: Copied;
    try {
      first = this.copy(value, []);
    } catch (err) {
      this.fail([], `reading it threw ${describeValue(err)}`, NOT_JSON);
      first = { ok: false };
    }
    if (first.ok) root = first.value;
    while (this.stack.length > 0 && !this.stopped) {
      if (this.size > this.limits.maxFileBytes) {
        this.fail([], `as JSON it would be over the limit of ${this.limits.maxFileBytes} bytes`, 'shared references are written out in full; raise maxFileBytes if this is intended');
        break;
      }
      this.step();
    }
    if (this.errors.length > 0) return fail(this.errors);
    return ok(root);
  }

  /** Copies the next entry of the innermost object or array, or finishes it. */
  private step(): void {
    const frame = this.stack[this.stack.length - 1];
    if (frame.next >= frame.length) {
      this.onPath.delete(frame.source);
      this.stack.pop();
      return;
    }
    const key: string | number = frame.keys ? frame.keys[frame.next++] : frame.next++;
    if (typeof key === 'string') this.size += key.length + 3;
    let copied: Copied;
    try {
      // Read once: a getter or a proxy cannot answer one thing here and another later.
      const child = (frame.source as Record<string | number, unknown>)[key];
      // A property set to undefined is absent, as in JSON and TypeScript's optional properties;
      // in an array it would become null, so there it is refused.
      if (child === undefined && typeof key === 'string') return;
      copied = this.copy(child, [...frame.path, key]);
    } catch (err) {
      this.fail([...frame.path, key], `reading it threw ${describeValue(err)}`, NOT_JSON);
      return;
    }
    if (!copied.ok) return;
    if (Array.isArray(frame.target)) frame.target.push(copied.value);
    else frame.target[key as string] = copied.value;
  }

  private fail(path: Array<string | number>, message: string, hint?: string): void {
    if (this.errors.length >= MAX_COPY_ERRORS) return;
    const pointer = toPointer(path);
    this.errors.push(diagnostic('source/syntax', `${pointerToPath(pointer)}: ${message}`, { file: this.label, line: 1, column: 1, pointer }, hint));
  }

  /** The copy of one value, or not ok after recording why it cannot be copied. Objects are filled later. */
  private copy(v: unknown, path: Array<string | number>): Copied {
    switch (typeof v) {
      case 'string':
        this.size += v.length + 2;
        return { ok: true, value: v };
      case 'boolean':
        this.size += 5;
        return { ok: true, value: v };
      case 'number':
        if (!Number.isFinite(v)) {
          this.fail(path, `${String(v)} is not a JSON number`, NOT_JSON);
          return { ok: false };
        }
        this.size += 8;
        return { ok: true, value: v };
      case 'object':
        break;
      default:
        this.fail(path, `${describeValue(v)} is not a JSON value`, NOT_JSON);
        return { ok: false };
    }
    if (v === null) {
      this.size += 4;
      return { ok: true, value: null };
    }
    return this.open(v, path);
  }

  /** Starts the copy of an object or array (its entries are copied by {@link step}). */
  private open(v: object, path: Array<string | number>): Copied {
    if (this.onPath.has(v)) {
      this.fail(path, 'refers back to an object that contains it (a cycle)', 'JSON cannot represent cycles');
      return { ok: false };
    }
    const array = Array.isArray(v);
    if (!array && !isPlainObject(v)) {
      this.fail(path, `${describeValue(v)} is not a JSON value`, NOT_JSON);
      return { ok: false };
    }
    if (array && Object.getPrototypeOf(v) !== Array.prototype) {
      this.fail(path, `${describeValue(v)} is not a plain array`, NOT_JSON);
      return { ok: false };
    }
    if (this.stack.length >= this.limits.maxDepth) {
      this.fail(path, `nested deeper than ${this.limits.maxDepth} levels`, 'manifests need only a few levels; this looks like generated or hostile data');
      this.stopped = true;
      return { ok: false };
    }
    // Arrays: every index up to length (a hole is undefined, refused); objects: own enumerable
    // string keys. An array's length counts at once, so a sparse array of length 2^32-1 is
    // refused by size before it is walked.
    const keys = array ? undefined : Object.keys(v);
    const length = array ? (v as unknown[]).length : keys!.length;
    this.size += 2 + length;
    // Objects without a prototype: an own "__proto__" key stays an own key when copied.
    const target = array ? [] : (Object.create(null) as Record<string, unknown>);
    this.onPath.add(v);
    this.stack.push({ source: v, target, keys, length, next: 0, path });
    return { ok: true, value: target };
  }
}

/** Checks the options of createChecker (and of the calls that take them). */
export function checkCheckerOptions(options: unknown): Diagnostic[] {
  if (options === undefined) return [];
  if (!isPlainObject(options)) return [argumentError(`options: expected an object, got ${describeValue(options)}`)];
  const errors: Diagnostic[] = [];
  const o = options as Record<string, unknown>;
  const optionalString = (key: string, hint?: string): void => {
    if (o[key] !== undefined && typeof o[key] !== 'string') errors.push(argumentError(`options.${key}: expected a string, got ${describeValue(o[key])}`, hint));
  };
  optionalString('asOf', 'YYYY-MM-DD, e.g. 2026-01-31');
  errors.push(...checkLangOption(o.lang));
  optionalString('policy', 'the path of an organisation policy file');
  optionalString('rulesDir');
  if (o.packs !== undefined && !(Array.isArray(o.packs) && o.packs.every((p) => typeof p === 'string'))) {
    errors.push(argumentError(`options.packs: expected an array of pack ids, got ${describeValue(o.packs)}`, 'e.g. ["eu-gdpr", "jp-appi"]'));
  }
  if (o.limits !== undefined) {
    if (!isPlainObject(o.limits)) errors.push(argumentError(`options.limits: expected an object, got ${describeValue(o.limits)}`));
    else {
      const known = Object.keys(DEFAULT_LIMITS);
      for (const [key, value] of Object.entries(o.limits)) {
        if (!known.includes(key)) errors.push(argumentError(`options.limits.${key}: unknown limit`, `the limits are: ${known.join(', ')}`));
        else if (value !== undefined && !(typeof value === 'number' && value > 0 && value <= Number.MAX_SAFE_INTEGER)) {
          errors.push(argumentError(`options.limits.${key}: expected a positive number, got ${typeof value === 'number' ? String(value) : describeValue(value)}`));
        }
      }
    }
  }
  return errors;
}

/** Checks the options of checker.check and checker.explain. */
export function checkCallOptions(options: unknown): Diagnostic[] {
  if (options === undefined) return [];
  if (!isPlainObject(options)) return [argumentError(`options: expected an object, got ${describeValue(options)}`)];
  const errors: Diagnostic[] = [];
  const o = options as Record<string, unknown>;
  if (o.asOf !== undefined && typeof o.asOf !== 'string') errors.push(argumentError(`options.asOf: expected a string, got ${describeValue(o.asOf)}`, 'YYYY-MM-DD, e.g. 2026-01-31'));
  errors.push(...checkLangOption(o.lang));
  if (o.horizon !== undefined && typeof o.horizon !== 'string') errors.push(argumentError(`options.horizon: expected a string, got ${describeValue(o.horizon)}`, 'e.g. 180d, 26w, 6m, 1y'));
  if (o.onProgress !== undefined && typeof o.onProgress !== 'function') errors.push(argumentError(`options.onProgress: expected a function, got ${describeValue(o.onProgress)}`));
  errors.push(...checkShard(o.shard));
  if (o.onOrigins !== undefined && typeof o.onOrigins !== 'function') errors.push(argumentError(`options.onOrigins: expected a function, got ${describeValue(o.onOrigins)}`));
  errors.push(...checkOriginImports(o.importOrigins));
  if (o.inputErrors !== undefined && !(Array.isArray(o.inputErrors) && o.inputErrors.every(isDiagnostic))) {
    errors.push(argumentError(`options.inputErrors: expected an array of Diagnostic, got ${describeValue(o.inputErrors)}`));
  }
  errors.push(...checkCacheOption(o.cache));
  return errors;
}

/** The `lang` option: a language dfft writes reports in, or nothing. */
export function checkLangOption(lang: unknown): Diagnostic[] {
  if (lang === undefined || isLang(lang)) return [];
  const lower = typeof lang === 'string' ? lang.toLowerCase() : undefined;
  const guess = lower === undefined ? undefined : isLang(lower) ? lower : didYouMean(lower, LANGS);
  const got = typeof lang === 'string' ? JSON.stringify(lang) : describeValue(lang);
  return [argumentError(`options.lang: expected one of ${LANGS.join(', ')}, got ${got}`, guess ? `did you mean "${guess}"?` : 'en (English) or ja (Japanese)')];
}

/** Imported origin tables must be what parseOriginsFile gives: a file, its sha256 and a table of origins. */
export function checkOriginImports(value: unknown): Diagnostic[] {
  if (value === undefined) return [];
  const fits = (i: unknown): boolean => {
    const o = i as { file?: unknown; sha256?: unknown; table?: { origins?: unknown; flows?: unknown } } | null;
    return isPlainObject(o) && typeof o!.file === 'string' && typeof o!.sha256 === 'string' && isPlainObject(o!.table) && Array.isArray(o!.table!.origins) && Array.isArray(o!.table!.flows);
  };
  if (Array.isArray(value) && value.every(fits)) return [];
  return [argumentError(`options.importOrigins: expected an array of origin tables read with parseOriginsFile or readOriginsFile, got ${describeValue(value)}`)];
}

/** The `cache` option: a result cache of createResultCache(), or nothing. */
export function checkCacheOption(cache: unknown): Diagnostic[] {
  if (cache === undefined) return [];
  const c = cache as Record<string, unknown> | null;
  const methods = ['load', 'serialise', 'begin', 'lookup', 'record'];
  if (c !== null && typeof c === 'object' && methods.every((m) => typeof c[m] === 'function')) return [];
  return [argumentError(`options.cache: expected a result cache, got ${describeValue(cache)}`, 'make one with createResultCache()')];
}
