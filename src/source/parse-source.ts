import { createHash } from 'node:crypto';
import type * as Yaml from 'yaml';
import type { Document, YAMLError } from 'yaml';
import { diagnostic, fail, ok, type Diagnostic, type Result } from './diagnostic';
import { scanJson } from './json-scan';
import { DEFAULT_LIMITS } from './limits';
import { inspectStructure } from './structure';
import { scanJsonStructure } from './json-structure';
import { SourceDocument, type SourceFormat } from './source-document';
import type { SpanIndex } from './span-index';
import { composeYamlData } from './yaml-data';

export interface ParsedSource {
  source: SourceDocument;
  data: unknown;
  /** For a JSON text: the spans of its values near the top, made by the scan (what a result cache keeps). */
  index?: SpanIndex;
}

export type ParseResult = Result<ParsedSource>;

/** The yaml package, loaded on first use: a run over JSON manifests never needs it. */
export function yaml(): typeof Yaml {
  return require('yaml') as typeof Yaml; // eslint-disable-line @typescript-eslint/no-require-imports
}

/** JSON by extension (or by a leading brace), YAML otherwise. */
export function detectFormat(file: string, text: string): SourceFormat {
  if (/\.json$/i.test(file)) return 'json';
  if (/\.ya?ml$/i.test(file)) return 'yaml';
  return /^\s*[[{]/.test(text) ? 'json' : 'yaml';
}

/** A file's text, decoded, with the sha256 of its bytes. */
export interface FileText {
  text: string;
  sha256: string;
}

/**
 * Decodes bytes as strict UTF-8 (a byte-order mark is dropped; invalid UTF-8 is an error, not
 * replacement characters that would pass unnoticed).
 */
export function decodeUtf8(file: string, bytes: Uint8Array): Result<FileText> {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
    return ok({ text, sha256 });
  } catch {
    const offset = firstInvalidUtf8(bytes);
    // The bytes before it are valid: count lines and columns in them.
    const before = new TextDecoder('utf-8').decode(bytes.subarray(0, offset));
    const line = before.split('\n').length;
    const column = before.length - before.lastIndexOf('\n');
    return fail([diagnostic('source/syntax', `invalid UTF-8 at byte ${offset}`, { file, line, column, pointer: '' }, 'save the file as UTF-8')]);
  }
}

/**
 * Parses a manifest or policy file; every syntax error is returned, located. Beyond syntax, a
 * duplicate key (ambiguous: parsers silently keep one), a reserved key such as __proto__, or
 * nesting deeper than `maxDepth` is an error too.
 */
export function parseSource(file: string, text: string, sha256?: string, maxDepth = DEFAULT_LIMITS.maxDepth): ParseResult {
  const format = detectFormat(file, text);
  return format === 'json' ? parseJson(file, text, sha256, maxDepth) : checkYaml(parseYaml(file, text, sha256, maxDepth), maxDepth);
}

/** YAML: duplicate keys are refused while the data is built; depth and reserved keys are checked on the data. */
function checkYaml(result: ParseResult, maxDepth: number): ParseResult {
  if (!result.ok) return result;
  const { source, data } = result.value;
  const shape = inspectStructure(data, maxDepth);
  const errors: Diagnostic[] = [];
  if (shape.tooDeep !== undefined) errors.push(tooDeep(source.locate(shape.tooDeep), maxDepth));
  for (const pointer of shape.reserved) errors.push(reservedKey(pointer, source.locate(pointer, { key: true })));
  return errors.length > 0 ? fail(errors) : result;
}

function tooDeep(location: ReturnType<SourceDocument['locate']>, maxDepth: number): Diagnostic {
  return diagnostic('source/syntax', `nested deeper than ${maxDepth} levels`, location, 'manifests and policies need only a few levels; this looks like generated or hostile input');
}

function reservedKey(pointer: string, location: ReturnType<SourceDocument['locate']>): Diagnostic {
  return diagnostic('source/syntax', `reserved key "${pointer.split('/').pop()}"`, location, 'keys __proto__, constructor and prototype are refused in every input');
}

function parseJson(file: string, text: string, sha256: string | undefined, maxDepth: number): ParseResult {
  let data: unknown;
  try {
    // JSON.parse is the fast path; one more pass over the text finds what it lets through.
    data = JSON.parse(text);
  } catch {
    // V8 does not always say where; the scanner does, in our own words.
    const source = new SourceDocument(file, text, 'json', sha256);
    const scanned = scanJson(text, Math.max(maxDepth, 10_000)).error ?? { offset: text.length, message: 'invalid JSON' };
    return fail([diagnostic('source/syntax', `invalid JSON: ${scanned.message}`, source.locateOffset(scanned.offset))]);
  }
  const structure = scanJsonStructure(text, maxDepth);
  const source = new SourceDocument(file, text, 'json', sha256, undefined, structure.index);
  const errors: Diagnostic[] = [];
  if (structure.tooDeep !== undefined) errors.push(tooDeep(source.locateOffset(structure.tooDeep), maxDepth));
  for (const r of structure.reserved) errors.push(reservedKey(r.pointer, source.locateOffset(r.offset, r.pointer)));
  for (const d of structure.duplicates) {
    errors.push(diagnostic('source/syntax', `duplicate key "${d.key}"`, source.locateOffset(d.offset, d.pointer), 'JSON parsers keep one of them silently; remove or rename the other'));
  }
  return errors.length > 0 ? fail(errors) : ok({ source, data, index: structure.index });
}

/**
 * A JSON text whose scan an earlier run made, and found free of duplicate and reserved keys and
 * within the depth limit: its data by JSON.parse alone, and its positions from that scan's index.
 * The caller vouches for the index (a result cache keeps it by the text's sha256); undefined when
 * the text is not JSON after all, and the caller parses it in full.
 */
export function parseKnownJson(file: string, text: string, sha256: string, index: SpanIndex): ParsedSource | undefined {
  if (detectFormat(file, text) !== 'json') return undefined;
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return undefined;
  }
  return { source: new SourceDocument(file, text, 'json', sha256, undefined, index), data, index };
}

function parseYaml(file: string, text: string, sha256: string | undefined, maxDepth: number): ParseResult {
  const y = yaml();
  const lines = new y.LineCounter();
  let doc: ReturnType<typeof y.parseDocument>;
  try {
    doc = y.parseDocument(text, {
      lineCounter: lines,
      // Duplicate keys are refused by composeYamlData, with one Set per mapping: the parser's own
      // check compares each key with every earlier one (50,000 keys took seconds).
      uniqueKeys: false,
      prettyErrors: false,
      merge: false,
      strict: true,
      logLevel: 'error', // warnings would go straight to the process's stderr, past the CLI's output
    });
  } catch (err) {
    // The yaml parser recurses on nesting; a hostile document can exhaust the stack.
    const source = new SourceDocument(file, text, 'yaml', sha256);
    if (err instanceof RangeError) return fail([tooDeepYaml(source, maxDepth)]);
    return fail([diagnostic('source/syntax', `invalid YAML: ${(err as Error).message}`, source.locateOffset(0))]);
  }
  const source = new SourceDocument(file, text, 'yaml', sha256, { doc: doc as Document.Parsed, lines });
  if (doc.errors.some((e) => /call stack/i.test(e.message))) return fail([tooDeepYaml(source, maxDepth)]);
  // The data is built from the document by our own walk, not doc.toJS(): it is linear in the
  // document (yaml's alias resolution searches the document per alias) and bounds what aliases
  // expand to by size, not only by count.
  const composed = composeYamlData(doc as Document.Parsed, text.length, y);
  const problems = [
    ...doc.errors.map((e) => ({ offset: e.pos[0], error: yamlError(source, e) })),
    ...(composed.ok ? [] : composed.problems.map((p) => ({ offset: p.offset, error: diagnostic('source/syntax', `invalid YAML: ${p.message}`, source.locateOffset(p.offset), p.hint) }))),
  ];
  if (problems.length > 0) return fail(problems.sort((a, b) => a.offset - b.offset).map((p) => p.error));
  return ok({ source, data: composed.ok ? composed.data : null });
}

/**
 * Nesting that exhausted the YAML parser's stack. Where the stack ran out depends on the process
 * (a server has less stack left than the CLI), so the error is located by the text instead: the
 * first flow collection ("[" or "{") deeper than the limit, or the start of the file.
 */
function tooDeepYaml(source: SourceDocument, maxDepth: number): Diagnostic {
  const offset = deepFlowOffset(source.text, maxDepth);
  return tooDeep(offset === undefined ? source.locateOffset(0) : source.locateOffset(offset), maxDepth);
}

/** Offset of the first "[" or "{" nested deeper than maxDepth, outside quotes and comments. */
function deepFlowOffset(text: string, maxDepth: number): number | undefined {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"' || c === "'") {
      // A quoted scalar: skip to its end ("" escapes with a backslash, '' by doubling).
      for (i++; i < text.length && text[i] !== c; i++) if (c === '"' && text[i] === '\\') i++;
    } else if (c === '#' && (i === 0 || /\s/.test(text[i - 1]))) {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (c === '[' || c === '{') {
      if (++depth > maxDepth) return i;
    } else if (c === ']' || c === '}') {
      depth = Math.max(0, depth - 1);
    }
  }
  return undefined;
}

function yamlError(source: SourceDocument, error: YAMLError): Diagnostic {
  const message = error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
  return diagnostic('source/syntax', `invalid YAML: ${lowerFirst(message)}`, source.locateOffset(error.pos[0]));
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

/** Offset of the first byte that does not start or continue a well-formed UTF-8 sequence. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    const need = b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (need < 0) return i;
    for (let k = 1; k <= need; k++) {
      if (i + k >= bytes.length || (bytes[i + k] & 0xc0) !== 0x80) return i;
    }
    i += need + 1;
  }
  return bytes.length;
}
