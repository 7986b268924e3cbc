import { diagnostic, type Diagnostic } from '../../source/diagnostic';
import type { ParsedSource } from '../../source/parse-source';
import { escapeSegment, pointerToPath } from '../../source/pointer';
import type { SourceDocument } from '../../source/source-document';

/** A string of the input and where it is. */
export interface Ref {
  value: string;
  pointer: string;
}

/** Something read from a Fides file, located. */
export interface Located {
  source: SourceDocument;
  pointer: string;
}

/** A top-level resource: also its data as read, to tell an identical repeat from a conflict. */
interface Resource extends Located {
  key: Ref;
  raw: Record<string, unknown>;
}

/** A DataFlow of a system's `egress` or `ingress`. */
export interface FidesEdge extends Located {
  target: Ref;
  type: Ref;
  /** The DataFlow's own `data_categories` (the data in transit), when given. */
  categories?: Ref[];
}

/** A PrivacyDeclaration of a system. */
export interface FidesDeclaration extends Located {
  index: number;
  name?: string;
  dataUse?: Ref;
  categories: Ref[];
  subjects: Ref[];
  datasetReferences: Ref[];
  /** Declaration-level `egress`: fides_keys of the system's DataFlows this declaration's data goes over. */
  egress: Ref[];
  qualifier?: Ref;
}

/** A Fides System. */
export interface FidesSystem extends Resource {
  name?: string;
  legalName?: string;
  legalAddress?: string;
  /** `responsibility` (fideslang 2+) or the legacy `data_responsibility_title`. */
  responsibility: Ref[];
  declarations: FidesDeclaration[];
  egress: FidesEdge[];
  ingress: FidesEdge[];
  datasetReferences: Ref[];
  /** Legacy (fideslang 1.x) ISO 3166-1 alpha-3 codes. */
  thirdCountryTransfers: Ref[];
  legalBasisForTransfers: Ref[];
}

/** A Fides Dataset: its categories gathered from the dataset, its collections and their fields. */
export interface FidesDataset extends Resource {
  name?: string;
  categories: Ref[];
  /** Fields with no data_categories (and no sub-fields), as "collection.field". */
  unlabelled: string[];
  thirdCountryTransfers: Ref[];
  qualifier?: Ref;
}

/** A custom data_category of a taxonomy file. */
export interface FidesCategoryDefinition extends Located {
  key: Ref;
  parent?: string;
}

/** Everything read from the Fides files of an import. */
export interface FidesResources {
  systems: FidesSystem[];
  datasets: FidesDataset[];
  categoryDefinitions: FidesCategoryDefinition[];
  /** Custom data_subject keys (kept as written). */
  subjectDefinitions: Set<string>;
}

const RESOURCE_KEYS = ['system', 'dataset', 'data_category', 'data_use', 'data_subject', 'data_qualifier', 'policy', 'organization', 'registry'] as const;
const IGNORED_RESOURCES: Record<string, string> = {
  policy: 'Fides policies are not imported: dfft checks flows against its own rule packs (rules/)',
  organization: 'Fides organizations are not imported: a manifest names parties, not organisations',
  registry: 'Fides registries are not imported',
};

/** Reads resources from parsed Fides files. Shape errors are input errors; everything else is gathered. */
export function readFidesResources(files: readonly ParsedSource[]): { resources: FidesResources; errors: Diagnostic[]; diagnostics: Diagnostic[] } {
  const resources: FidesResources = { systems: [], datasets: [], categoryDefinitions: [], subjectDefinitions: new Set() };
  const errors: Diagnostic[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const parsed of files) readFile(parsed, resources, errors, diagnostics);
  dedupe(resources.systems, 'system', errors);
  dedupe(resources.datasets, 'dataset', errors);
  return { resources, errors, diagnostics };
}

function readFile(parsed: ParsedSource, out: FidesResources, errors: Diagnostic[], diagnostics: Diagnostic[]): void {
  const { source, data } = parsed;
  const r = new ShapeReader(source, errors);
  if (isObject(data) && 'manifestVersion' in data) {
    errors.push(diagnostic('data/schema', 'a dfft manifest, not a Fides resource file', source.locate('/manifestVersion', { key: true }), 'check it with dfft check; dfft import fides reads fideslang YAML'));
    return;
  }
  if (!isObject(data) || !RESOURCE_KEYS.some((k) => k in data)) {
    errors.push(diagnostic(
      'data/schema',
      isObject(data) ? 'not a Fides resource file: no system, dataset, data_category, data_use, data_subject or policy key' : `not a Fides resource file: expected a mapping of resource types, got ${typeName(data)}`,
      source.locate(''),
      'dfft import fides reads fideslang YAML (system:, dataset:, data_category: ... lists)',
    ));
    return;
  }
  for (const key of Object.keys(data)) {
    const pointer = `/${escapeSegment(key)}`;
    if (!(RESOURCE_KEYS as readonly string[]).includes(key)) {
      diagnostics.push(diagnostic('fides/unknown-resource', `unknown Fides resource type "${key}": not imported`, source.locate(pointer, { key: true }), `expected one of: ${RESOURCE_KEYS.join(', ')}`));
      continue;
    }
    const items = r.objectList(data, key, '');
    if (key in IGNORED_RESOURCES) {
      if (items.length > 0) diagnostics.push(diagnostic('fides/ignored-resource', `${items.length} ${key} resource${items.length === 1 ? '' : 's'} not imported`, source.locate(pointer, { key: true }), IGNORED_RESOURCES[key]));
      continue;
    }
    for (const item of items) {
      const fidesKey = r.string(item.value, 'fides_key', item.pointer, true);
      if (fidesKey === undefined) continue;
      switch (key) {
        case 'system':
          out.systems.push(readSystem(r, item.value, item.pointer, fidesKey));
          break;
        case 'dataset':
          out.datasets.push(readDataset(r, item.value, item.pointer, fidesKey));
          break;
        case 'data_category':
          out.categoryDefinitions.push({ source, pointer: item.pointer, key: fidesKey, parent: r.string(item.value, 'parent_key', item.pointer)?.value });
          break;
        case 'data_subject':
          out.subjectDefinitions.add(fidesKey.value);
          break;
        default:
          // data_use, data_qualifier: purposes are kept as written, qualifiers come from the mapping.
          break;
      }
    }
  }
}

function readSystem(r: ShapeReader, o: Record<string, unknown>, pointer: string, key: Ref): FidesSystem {
  const title = r.string(o, 'data_responsibility_title', pointer);
  return {
    source: r.source,
    pointer,
    key,
    raw: o,
    name: r.string(o, 'name', pointer)?.value,
    legalName: r.string(o, 'legal_name', pointer)?.value,
    legalAddress: r.string(o, 'legal_address', pointer)?.value,
    responsibility: title ? [title, ...r.strings(o, 'responsibility', pointer)] : r.strings(o, 'responsibility', pointer),
    declarations: r.objectList(o, 'privacy_declarations', pointer).map((d, index) => ({
      source: r.source,
      pointer: d.pointer,
      index,
      name: r.string(d.value, 'name', d.pointer)?.value,
      dataUse: r.string(d.value, 'data_use', d.pointer),
      categories: r.strings(d.value, 'data_categories', d.pointer),
      subjects: r.strings(d.value, 'data_subjects', d.pointer),
      datasetReferences: r.strings(d.value, 'dataset_references', d.pointer),
      egress: r.strings(d.value, 'egress', d.pointer),
      qualifier: r.string(d.value, 'data_qualifier', d.pointer),
    })),
    egress: readEdges(r, o, 'egress', pointer),
    ingress: readEdges(r, o, 'ingress', pointer),
    datasetReferences: r.strings(o, 'dataset_references', pointer),
    thirdCountryTransfers: r.strings(o, 'third_country_transfers', pointer),
    legalBasisForTransfers: r.strings(o, 'legal_basis_for_transfers', pointer),
  };
}

function readEdges(r: ShapeReader, o: Record<string, unknown>, key: 'egress' | 'ingress', pointer: string): FidesEdge[] {
  const edges: FidesEdge[] = [];
  for (const e of r.objectList(o, key, pointer)) {
    const target = r.string(e.value, 'fides_key', e.pointer, true);
    const type = r.string(e.value, 'type', e.pointer, true);
    if (!target || !type) continue;
    const categories = e.value.data_categories === undefined || e.value.data_categories === null ? undefined : r.strings(e.value, 'data_categories', e.pointer);
    edges.push({ source: r.source, pointer: e.pointer, target, type, ...(categories ? { categories } : {}) });
  }
  return edges;
}

function readDataset(r: ShapeReader, o: Record<string, unknown>, pointer: string, key: Ref): FidesDataset {
  const categories = r.strings(o, 'data_categories', pointer);
  const unlabelled: string[] = [];
  const readFields = (owner: Record<string, unknown>, ownerPointer: string, prefix: string): void => {
    for (const f of r.objectList(owner, 'fields', ownerPointer)) {
      const name = r.string(f.value, 'name', f.pointer)?.value ?? '?';
      const own = r.strings(f.value, 'data_categories', f.pointer);
      categories.push(...own);
      const hasFields = Array.isArray(f.value.fields) && f.value.fields.length > 0;
      if (own.length === 0 && !hasFields) unlabelled.push(`${prefix}.${name}`);
      readFields(f.value, f.pointer, `${prefix}.${name}`);
    }
  };
  for (const c of r.objectList(o, 'collections', pointer)) {
    categories.push(...r.strings(c.value, 'data_categories', c.pointer));
    readFields(c.value, c.pointer, r.string(c.value, 'name', c.pointer)?.value ?? '?');
  }
  return {
    source: r.source,
    pointer,
    key,
    raw: o,
    name: r.string(o, 'name', pointer)?.value,
    categories,
    unlabelled,
    thirdCountryTransfers: r.strings(o, 'third_country_transfers', pointer),
    qualifier: r.string(o, 'data_qualifier', pointer),
  };
}

/** A resource defined twice with different content is ambiguous input; an identical repeat is fine. */
function dedupe<T extends Resource>(items: T[], kind: string, errors: Diagnostic[]): void {
  const first = new Map<string, { item: T; canonical: string }>();
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    const canonical = canonicalJson(item.raw);
    const seen = first.get(item.key.value);
    if (!seen) {
      first.set(item.key.value, { item, canonical });
      continue;
    }
    if (seen.canonical !== canonical) {
      const where = seen.item.source.locate(seen.item.pointer);
      errors.push(diagnostic(
        'data/schema',
        `${kind} "${item.key.value}" is defined again with a different definition (first at ${where.file}:${where.line}:${where.column})`,
        item.source.locate(item.key.pointer),
        'Fides keys are unique: merge the definitions or rename one',
      ));
    }
    items.splice(i, 1);
    i--;
  }
}

/** JSON with object keys sorted, so that key order does not make two definitions differ. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (isObject(value)) {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** Reads the few fields the importer uses, checking their types; Fides' other fields are left alone. */
class ShapeReader {
  constructor(
    readonly source: SourceDocument,
    private readonly errors: Diagnostic[],
  ) {}

  string(o: Record<string, unknown>, key: string, pointer: string, required = false): Ref | undefined {
    const at = `${pointer}/${escapeSegment(key)}`;
    const value = o[key];
    if (value === undefined || value === null) {
      if (required) this.fail(pointer, `missing required field "${key}"`);
      return undefined;
    }
    if (typeof value !== 'string' || value === '') {
      this.fail(at, `expected a non-empty string, got ${typeName(value)}`);
      return undefined;
    }
    return { value, pointer: at };
  }

  strings(o: Record<string, unknown>, key: string, pointer: string): Ref[] {
    const at = `${pointer}/${escapeSegment(key)}`;
    const value = o[key];
    if (value === undefined || value === null) return [];
    if (!Array.isArray(value)) {
      this.fail(at, `expected a list of strings, got ${typeName(value)}`);
      return [];
    }
    const out: Ref[] = [];
    value.forEach((v, i) => {
      if (typeof v === 'string' && v !== '') out.push({ value: v, pointer: `${at}/${i}` });
      else this.fail(`${at}/${i}`, `expected a non-empty string, got ${typeName(v)}`);
    });
    return out;
  }

  objectList(o: Record<string, unknown>, key: string, pointer: string): Array<{ value: Record<string, unknown>; pointer: string }> {
    const at = `${pointer}/${escapeSegment(key)}`;
    const value = o[key];
    if (value === undefined || value === null) return [];
    if (!Array.isArray(value)) {
      this.fail(at, `expected a list, got ${typeName(value)}`);
      return [];
    }
    const out: Array<{ value: Record<string, unknown>; pointer: string }> = [];
    value.forEach((v, i) => {
      if (isObject(v)) out.push({ value: v, pointer: `${at}/${i}` });
      else this.fail(`${at}/${i}`, `expected a mapping, got ${typeName(v)}`);
    });
    return out;
  }

  private fail(pointer: string, message: string): void {
    this.errors.push(diagnostic('data/schema', `${pointerToPath(pointer)}: ${message}`, this.source.locate(pointer)));
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return value === '' ? 'an empty string' : 'a string';
  if (typeof value === 'number') return 'a number';
  return `a ${typeof value}`;
}
