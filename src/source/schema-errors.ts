import type { ErrorObject } from 'ajv';
import { TupleMap } from './tuple-map';
import { diagnostic, type Diagnostic, type DiagnosticCode } from './diagnostic';
import { didYouMean } from './did-you-mean';
import { parsePointer, pointerToPath } from './pointer';
import type { SourceDocument } from './source-document';

/** Codes that people write for a country and the ISO code they meant. */
const COUNTRY_ALIASES: Record<string, string> = { UK: 'GB', EN: 'GB', EU: 'one EU member state, e.g. DE', JA: 'JP', KO: 'KR' };

/**
 * Turns ajv's errors into located, readable input errors: "file:12:7 flows[1].frequency:
 * "contnuous" is not one of ... (did you mean "continuous"?)" rather than ajv's raw output.
 */
export function toDiagnostics(
  errors: ErrorObject[],
  source: SourceDocument,
  data: unknown,
  schema: Record<string, unknown>,
  code: DiagnosticCode,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  // By (pointer, message) as a tuple: both hold input text, so a joined key could make two
  // different errors one and drop the second.
  const seen = new TupleMap<true>();
  // An `if` failing only says that its `then` did: the `then` keyword's own error says what.
  for (const error of pruneOneOf(errors).filter((e) => e.keyword !== 'if')) {
    const converted = convert(error, source, data, schema, code);
    const key = [converted.location?.pointer, converted.message];
    if (!seen.get(key)) {
      seen.set(key, true);
      out.push(converted);
    }
  }
  return out;
}

function convert(error: ErrorObject, source: SourceDocument, data: unknown, schema: Record<string, unknown>, code: DiagnosticCode): Diagnostic {
  const at = error.instancePath;
  const value = valueAt(data, at);
  const where = pointerToPath(at);
  const p = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties': {
      const field = String(p.additionalProperty);
      const pointer = `${at}/${escape(field)}`;
      const allowed = Object.keys((parent(error, schema).properties as object) ?? {});
      const guess = didYouMean(field, allowed);
      return diagnostic(code, `${where}: unknown field "${field}"`, source.locate(pointer, { key: true }), guess ? `did you mean "${guess}"?` : `expected one of: ${allowed.join(', ')}; extension fields start with "x-"`);
    }
    case 'required':
      return diagnostic(code, `${where}: missing required field "${String(p.missingProperty)}"`, source.locate(at));
    case 'enum': {
      const allowed = (p.allowedValues as unknown[]).map(String);
      return diagnostic(code, `${where}: ${JSON.stringify(value)} is not ${describeEnum(allowed)}`, source.locate(at), enumHint(value, allowed));
    }
    case 'const':
      return diagnostic(code, `${where}: expected ${JSON.stringify(p.allowedValue)}, got ${JSON.stringify(value)}`, source.locate(at));
    case 'type':
      return diagnostic(code, `${where}: expected ${String(p.type)}, got ${typeName(value)}`, source.locate(at));
    case 'format':
      return diagnostic(code, `${where}: ${JSON.stringify(value)} is not a valid ${p.format === 'date' ? 'date (YYYY-MM-DD)' : String(p.format)}`, source.locate(at));
    case 'pattern':
      return diagnostic(code, `${where}: ${JSON.stringify(value)} ${describePattern(String(p.pattern))}`, source.locate(at));
    case 'maxLength':
      return diagnostic(code, `${where}: is ${typeof value === 'string' ? value.length : '?'} characters long, over the limit of ${String(p.limit)}`, source.locate(at));
    case 'maxItems': {
      const description = parent(error, schema).description;
      return diagnostic(code, `${where}: expected at most ${String(p.limit)} item${p.limit === 1 ? '' : 's'}`, source.locate(at), typeof description === 'string' ? description : undefined);
    }
    case 'minItems':
      return diagnostic(code, `${where}: expected at least ${String(p.limit)} item${p.limit === 1 ? '' : 's'}`, source.locate(at));
    case 'uniqueItems':
      return diagnostic(code, `${where}: ${JSON.stringify((value as unknown[])[Number(p.i)])} is listed twice (items ${String(p.j)} and ${String(p.i)})`, source.locate(`${at}/${String(p.i)}`));
    case 'discriminator': {
      const tag = String(p.tag);
      const tagValue = (value as Record<string, unknown> | undefined)?.[tag];
      if (tagValue === undefined) return diagnostic(code, `${where}: missing required field "${tag}"`, source.locate(at));
      const options = discriminatorValues(parent(error, schema));
      const guess = typeof tagValue === 'string' ? didYouMean(tagValue, options) : undefined;
      return diagnostic(code, `${where}.${tag}: unknown ${tag} ${JSON.stringify(tagValue)}`, source.locate(`${at}/${tag}`), guess ? `did you mean "${guess}"?` : `expected one of: ${options.join(', ')}`);
    }
    case 'oneOf':
      return diagnostic(code, `${where}: ${typeName(value)} does not match any allowed form`, source.locate(at), describeOneOf(parent(error, schema)));
    default:
      return diagnostic(code, `${where}: ${error.message ?? error.keyword}`, source.locate(at));
  }
}

/**
 * For a `oneOf`, ajv reports the errors of every branch. Keep the errors of the one branch whose
 * type fits the value; if none or several fit, keep only the summary error.
 */
function pruneOneOf(errors: ErrorObject[]): ErrorObject[] {
  const oneOfs = errors.filter((e) => e.keyword === 'oneOf');
  if (oneOfs.length === 0) return errors;
  let kept = errors;
  for (const summary of oneOfs) {
    const prefix = `${summary.schemaPath}/`;
    const branches = new Map<string, ErrorObject[]>();
    for (const e of kept) {
      // The same oneOf fails at several places (one per array item): keep each to its own place.
      const inside = e.instancePath === summary.instancePath || e.instancePath.startsWith(`${summary.instancePath}/`);
      if (!inside || !e.schemaPath.startsWith(prefix)) continue;
      const branch = e.schemaPath.slice(prefix.length).split('/')[0];
      const list = branches.get(branch);
      if (list) list.push(e);
      else branches.set(branch, [e]);
    }
    const fitting = [...branches.values()].filter(
      (es) => !es.some((e) => (e.keyword === 'type' || e.keyword === '$ref') && e.instancePath === summary.instancePath),
    );
    const inBranches = new Set([...branches.values()].flat());
    kept = kept.filter((e) => !inBranches.has(e) && e !== summary);
    kept.push(...(fitting.length === 1 ? fitting[0] : [summary]));
  }
  return kept;
}

function valueAt(data: unknown, pointer: string): unknown {
  let node = data;
  for (const segment of parsePointer(pointer)) {
    if (node === null || typeof node !== 'object') return undefined;
    node = Object.prototype.hasOwnProperty.call(node, segment) ? (node as Record<string, unknown>)[segment] : undefined;
  }
  return node;
}

function schemaAt(schema: Record<string, unknown>, schemaPath: string): Record<string, unknown> {
  let node: unknown = schema;
  for (const segment of parsePointer(schemaPath.replace(/^#/, ''))) {
    node = (node as Record<string, unknown> | undefined)?.[segment];
  }
  const ref = (node as Record<string, unknown> | undefined)?.$ref;
  if (typeof ref === 'string' && ref.startsWith('#/')) return schemaAt(schema, ref);
  return (node as Record<string, unknown>) ?? {};
}

/** The schema object holding the failed keyword: ajv's parentSchema (verbose), else by schemaPath. */
function parent(error: ErrorObject, schema: Record<string, unknown>): Record<string, unknown> {
  const p = error.parentSchema as Record<string, unknown> | undefined;
  if (p && typeof p === 'object') return p;
  return schemaAt(schema, error.schemaPath.slice(0, error.schemaPath.lastIndexOf('/')));
}

function discriminatorValues(schema: Record<string, unknown>): string[] {
  const branches = (schema.oneOf as Array<Record<string, unknown>>) ?? [];
  const tag = (schema.discriminator as { propertyName: string }).propertyName;
  return branches.map((b) => String(((b.properties as Record<string, Record<string, unknown>>)[tag] ?? {}).const));
}

function describeEnum(allowed: string[]): string {
  if (allowed.length > 20) return 'a known value';
  if (allowed.length === 1) return `"${allowed[0]}"`;
  return `one of: ${allowed.join(', ')}`;
}

function enumHint(value: unknown, allowed: string[]): string | undefined {
  if (typeof value !== 'string') return undefined;
  if (allowed.length > 20) {
    // Country codes: an edit distance of one between two-letter codes is a guess, not help.
    const alias = COUNTRY_ALIASES[value.toUpperCase()];
    if (alias) return `did you mean ${alias.length === 2 ? `"${alias}"` : alias}?`;
    const upper = value.toUpperCase();
    if (allowed.includes(upper)) return `did you mean "${upper}"?`;
    return allowed.includes('JP') ? 'expected an ISO 3166-1 alpha-2 country code, upper case' : undefined;
  }
  const guess = didYouMean(value, allowed);
  return guess ? `did you mean "${guess}"?` : undefined;
}

function describePattern(pattern: string): string {
  if (pattern === '^[A-Za-z0-9][A-Za-z0-9._:-]*$') return 'is not a valid id: use letters, digits and . _ : - (starting with a letter or digit)';
  if (pattern.startsWith('^[a-z][a-z0-9-]*(\\.')) return 'is not a valid category id: lower-case words with dots between levels, e.g. health.diagnosis';
  if (pattern.startsWith('^[a-z][a-z0-9-]*/')) return 'is not a valid rule id: <pack>/<kebab-case-name>';
  return `does not match the pattern ${pattern}`;
}

function describeOneOf(schema: Record<string, unknown>): string | undefined {
  const branches = schema.oneOf as Array<Record<string, unknown>> | undefined;
  if (!branches) return undefined;
  return `expected ${branches.map((b) => (typeof b.$ref === 'string' ? b.$ref.split('/').pop() : String(b.title ?? b.type))).join(' or ')}`;
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return `a string`;
  if (typeof value === 'number') return Number.isNaN(value) ? 'NaN' : !Number.isFinite(value) ? 'an infinite number' : Number.isInteger(value) ? 'an integer' : 'a number';
  return `a ${typeof value}`;
}

function escape(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}
