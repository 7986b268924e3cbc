import { compareStrings, diagnostic, type Diagnostic } from '../source/diagnostic';
import { didYouMean } from '../source/did-you-mean';
import { ElementPointers, pointerToPath } from '../source/pointer';
import { SharedLists } from '../source/tuple-map';
import type { Taxonomy } from '../law/taxonomy';
import type { Dataset, Flow, Party } from '../types';
import { CERTIFICATION_DATES, FLOW_DATES, mechanismDates, reversedRanges, type DateFields } from './validity';
import type {
  DatasetNode, DatasetView, Declared, FlowNode, FlowView, LoadedManifest, Model, PartyNode, PartyView,
} from './model';

export interface ResolveOptions {
  taxonomy: Taxonomy;
  /** Files that failed to load: a reference to an id they may declare says so. */
  failedFiles?: readonly string[];
}

export interface ResolveResult {
  model: Model;
  errors: Diagnostic[];
}

/** Greece is GR in ISO 3166 and EL in EU usage; dfft accepts both and works with GR. */
export function normaliseCountry(code: string): string {
  return code === 'EL' ? 'GR' : code;
}

/** One declaration of a party or dataset id, with where it is written. */
interface Declaration<T> extends Declared {
  raw: T;
  /** Position among the manifest's parties or datasets (for an order independent of the input). */
  position: number;
  /** Declared in a registry manifest (kind: registry). */
  registry: boolean;
}

/**
 * Resolves the manifests of a run into one graph: parties and datasets are global by id, and
 * every reference must resolve. An identical repeat of a party or dataset is fine; different
 * definitions are a conflict, reported where each differs from the reference definition (the
 * registry's, else the first by file and position, whatever the order of the input).
 *
 * Nothing is judged from bad input: a flow is left out of the model (and reported) when it has a
 * dangling reference, shares its id with another flow, uses a conflicting party or dataset (or a
 * dataset derived from one), belongs to a manifest whose registry is missing, or when the origin
 * of its data depends on a flow left out for any of these reasons, since its origin, and so its
 * verdict, could not be computed. Everything else is still checked.
 */
export function resolveModel(manifests: readonly LoadedManifest[], options: ResolveOptions): ResolveResult {
  return new Resolution(manifests, options).run();
}

type PendingFlow = { raw: Flow; declared: Declared; manifest: number; bad: boolean };
/** A dataset that a flow left out would have brought to a party, and that flow's id. */
type Lost = { dataset: DatasetNode; party: PartyNode; cause: string };

/** The tables of one resolution, filled step by step; errors are reported in the order of the steps. */
class Resolution {
  private readonly errors: Diagnostic[] = [];
  private readonly parties: PartyNode[] = [];
  private readonly datasets: DatasetNode[] = [];
  private readonly partyById = new Map<string, PartyNode>();
  private readonly datasetById = new Map<string, DatasetNode>();
  private readonly partyDeclarations = new Map<string, Array<Declaration<Party>>>();
  private readonly datasetDeclarations = new Map<string, Array<Declaration<Dataset>>>();
  // The first declaration of each flow id, and all declarations of the ids declared more than once
  // (kept apart: an estate of a million flows should not hold a list per flow).
  private readonly flowDeclared = new Map<string, Declared>();
  private readonly repeatedFlows = new Map<string, Declared[]>();
  private readonly pendingFlows: PendingFlow[] = [];
  private readonly registries = new Map<string, Declared>();
  private readonly canonical = new Map<object, string>();
  /** One copy of each short string and of each list of them that the flows repeat (see flowView). */
  private readonly shared: Shared = { strings: new Map(), lists: new SharedLists() };
  /** One copy of each list of datasets flows carry: the flows of a system mostly carry the same few. */
  private readonly carriedLists = new SharedLists<DatasetNode>();
  private readonly pointers = new ElementPointers();
  // A range that ends before it starts is bad input; what declares one is not judged.
  private readonly badParties = new Set<string>();
  private readonly conflicting = { parties: new Set<PartyNode>(), datasets: new Set<DatasetNode>() };
  /** A manifest that names a registry the run lacks: its own declarations may contradict it. */
  private readonly missingRegistry = new Map<number, string>();
  /** Datasets derived (at any depth) from a conflicting one: their origin depends on it. */
  private readonly derivedFromConflict = new Map<DatasetNode, DatasetNode>();
  private readonly failedNote: string;

  constructor(
    private readonly manifests: readonly LoadedManifest[],
    private readonly options: ResolveOptions,
  ) {
    this.failedNote = options.failedFiles?.length ? `, or it is declared in a file that failed to load (${options.failedFiles.join(', ')})` : '';
  }

  run(): ResolveResult {
    this.manifests.forEach((loaded, m) => this.declareManifest(loaded, m));
    this.settleParties();
    this.settleDatasets();
    this.reportRepeatedFlows();
    this.reportMissingRegistries();
    this.linkDerivations();
    this.findDerivedFromConflict();
    const { candidates, lost } = this.admitFlows();
    const dropped = this.dropDependents(candidates, lost);
    const flows: FlowNode[] = [];
    for (const f of candidates) {
      if (dropped.has(f)) continue;
      f.index = flows.length;
      flows.push(f);
    }
    const { parties, datasets, partyById, datasetById } = this;
    return { model: { manifests: [...this.manifests], parties, datasets, flows, partyById, datasetById }, errors: this.errors };
  }

  private canon(o: object): string {
    let s = this.canonical.get(o);
    if (s === undefined) this.canonical.set(o, (s = canonicalJson(o)));
    return s;
  }

  private reversed(declared: Declared, pointer: string, obj: object, fields: DateFields): boolean {
    const found = reversedRanges(obj, fields);
    for (const r of found) {
      const at = `${declared.pointer}${pointer}/${r.end}`;
      this.errors.push(diagnostic(
        'manifest/reversed-range',
        `${pointerToPath(at)}: expected a date on or after ${r.start} (${r.startDate}), got ${r.endDate}`,
        declared.source.locate(at),
        `${r.end} is the last day and ${r.start} the first: swap them, or correct the one that is wrong`,
      ));
    }
    return found.length > 0;
  }

  /** Records the parties, datasets and flows one manifest declares. */
  private declareManifest({ source, manifest }: LoadedManifest, m: number): void {
    const registry = manifest.kind === 'registry';
    if (registry && !this.registries.has(manifest.system.id)) this.registries.set(manifest.system.id, { source, pointer: '/system/id' });
    (manifest.parties ?? []).forEach((raw, i) => this.declareParty(source, raw, i, registry));
    (manifest.datasets ?? []).forEach((raw, i) => {
      datasetView(raw);
      declare(this.datasetDeclarations, raw.id, { source, pointer: this.pointers.of('datasets', i), raw, position: i, registry });
    });
    (manifest.flows ?? []).forEach((raw, i) => this.declareFlow(source, raw, i, m));
  }

  private declareParty(source: Declared['source'], raw: Party, i: number, registry: boolean): void {
    const declared = { source, pointer: this.pointers.of('parties', i) };
    // Listed twice is checked here, not by the schema's uniqueItems: ajv compares objects with
    // fast-deep-equal, which calls a "valueOf" key of the input as a function.
    const listed = new Map<string, number>();
    (raw.certifications ?? []).forEach((c, j) => {
      const key = this.canon(typeof c === 'object' ? c : { scheme: c });
      const first = listed.get(key);
      if (first !== undefined) {
        this.errors.push(diagnostic('manifest/schema', `parties[${i}].certifications: ${JSON.stringify(c)} is listed twice (items ${first} and ${j})`, source.locate(`${declared.pointer}/certifications/${j}`)));
        this.badParties.add(raw.id);
      } else listed.set(key, j);
      if (typeof c === 'object' && this.reversed(declared, `/certifications/${j}`, c, CERTIFICATION_DATES)) this.badParties.add(raw.id);
    });
    partyView(raw);
    declare(this.partyDeclarations, raw.id, { ...declared, raw, position: i, registry });
  }

  private declareFlow(source: Declared['source'], raw: Flow, i: number, m: number): void {
    const declared = { source, pointer: this.pointers.of('flows', i) };
    const first = this.flowDeclared.get(raw.id);
    if (!first) this.flowDeclared.set(raw.id, declared);
    else {
      const list = this.repeatedFlows.get(raw.id);
      if (list) list.push(declared);
      else this.repeatedFlows.set(raw.id, [first, declared]);
    }
    let bad = this.reversed(declared, '', raw, FLOW_DATES);
    (raw.mechanisms ?? []).forEach((mechanism, j) => {
      if (this.reversed(declared, `/mechanisms/${j}`, mechanism, mechanismDates(mechanism))) bad = true;
    });
    this.pendingFlows.push({ raw, declared, manifest: m, bad });
  }

  /**
   * The definition the others are compared with: a registry's, else the first by file and
   * position. Different definitions are each reported at the declaration, naming the reference.
   * Returns the reference, and whether the id is in conflict.
   */
  private settle<T extends { id: string }>(kind: string, decls: Array<Declaration<T>>): { reference: Declaration<T>; conflict: boolean } {
    const reference = decls.length === 1 ? decls[0] : [...decls].sort(byReference)[0];
    let conflict = false;
    for (const d of decls) {
      if (d === reference || this.canon(d.raw) === this.canon(reference.raw)) continue;
      conflict = true;
      const where = reference.source.locate(reference.pointer);
      const place = `${where.file}:${where.line}:${where.column}`;
      this.errors.push(diagnostic(
        'manifest/duplicate-id',
        `${kind} "${d.raw.id}" is declared with a different definition than at ${place}${reference.registry ? ' (its registry)' : ''}; flows that use it are not judged`,
        d.source.locate(`${d.pointer}/id`),
        reference.registry
          ? 'a registry holds the shared definition: remove this declaration to use it, or give this one a new id'
          : 'make the definitions identical (or declare it once, in a registry manifest that both use), or give one a new id',
      ));
    }
    return { reference, conflict };
  }

  private settleParties(): void {
    for (const [id, decls] of this.partyDeclarations) {
      const { reference, conflict } = this.settle('party', decls);
      const node: PartyNode = { index: this.parties.length, view: reference.raw as PartyView, source: reference.source, pointer: reference.pointer, raw: reference.raw, facts: undefined };
      this.parties.push(node);
      this.partyById.set(id, node);
      if (conflict) this.conflicting.parties.add(node);
    }
  }

  private settleDatasets(): void {
    for (const [id, decls] of this.datasetDeclarations) {
      const { reference, conflict } = this.settle('dataset', decls);
      const node: DatasetNode = { index: this.datasets.length, view: reference.raw as DatasetView, source: reference.source, pointer: reference.pointer, raw: reference.raw, derivedFrom: [], facts: undefined };
      this.datasets.push(node);
      this.datasetById.set(id, node);
      if (conflict) this.conflicting.datasets.add(node);
      this.checkCategories(decls);
    }
  }

  /** Each distinct definition's categories are checked once. */
  private checkCategories(decls: Array<Declaration<Dataset>>): void {
    const taxonomy = this.options.taxonomy;
    const seen = new Set<string>();
    for (const d of decls) {
      if (decls.length > 1) {
        const c = this.canon(d.raw);
        if (seen.has(c)) continue;
        seen.add(c);
      }
      d.raw.categories.forEach((category, c) => {
        if (!taxonomy.has(category)) {
          const guess = didYouMean(category, taxonomy.ids());
          this.errors.push(diagnostic(
            'manifest/unknown-category',
            `datasets[${d.position}].categories[${c}]: unknown category "${category}"`,
            d.source.locate(`${d.pointer}/categories/${c}`),
            guess ? `did you mean "${guess}"?` : 'see rules/data/taxonomy.yaml for the categories',
          ));
        }
      });
    }
  }

  /**
   * Flow ids are unique across the run: of a repeated id, no declaration is judged (which one
   * would be depends on the order of the files).
   */
  private reportRepeatedFlows(): void {
    for (const [id, decls] of this.repeatedFlows) {
      const sorted = [...decls].sort(byPlace);
      const where = sorted[0].source.locate(sorted[0].pointer);
      for (const d of sorted.slice(1)) {
        this.errors.push(diagnostic(
          'manifest/duplicate-id',
          `flow "${id}" is declared twice (first at ${where.file}:${where.line}:${where.column}); neither is judged`,
          d.source.locate(`${d.pointer}/id`),
          'flow ids must be unique across the run',
        ));
      }
    }
  }

  private unknown(kind: string, id: string, candidates: Iterable<string>, declared: Declared, pointer: string): void {
    const guess = didYouMean(id, candidates);
    this.errors.push(diagnostic(
      'manifest/unknown-reference',
      `${pointerToPath(declared.pointer + pointer)}: unknown ${kind} "${id}"`,
      declared.source.locate(declared.pointer + pointer),
      guess ? `did you mean "${guess}"?` : `no manifest of this run declares it${this.failedNote}`,
    ));
  }

  private reportMissingRegistries(): void {
    this.manifests.forEach(({ source, manifest }, m) => {
      (manifest.registries ?? []).forEach((id, i) => {
        if (this.registries.has(id)) return;
        const guess = didYouMean(id, this.registries.keys());
        this.errors.push(diagnostic(
          'manifest/unknown-reference',
          `registries[${i}]: unknown registry "${id}"; the flows of this manifest are not judged`,
          source.locate(`/registries/${i}`),
          guess ? `did you mean "${guess}"?` : `add the registry manifest (kind: registry, system id "${id}") to the run${this.failedNote}`,
        ));
        if (!this.missingRegistry.has(m)) this.missingRegistry.set(m, id);
      });
    });
  }

  private linkDerivations(): void {
    for (const node of this.datasets) {
      const ids = node.raw.derivedFrom ?? [];
      if (ids.length > 0) node.derivedFrom = this.datasetsOf(ids, node, '/derivedFrom');
    }
  }

  private findDerivedFromConflict(): void {
    const derivers = reverseDerivations(this.datasets);
    const work = [...this.conflicting.datasets].map((d) => [d, d] as const);
    while (work.length > 0) {
      const [d, root] = work.pop()!;
      for (const e of derivers.get(d) ?? []) {
        if (this.conflicting.datasets.has(e) || this.derivedFromConflict.has(e)) continue;
        this.derivedFromConflict.set(e, root);
        work.push([e, root]);
      }
    }
  }

  private notJudged(declared: Declared, id: string, why: string): void {
    this.errors.push(diagnostic(
      'manifest/not-judged',
      `flow "${id}" is not judged: ${why}`,
      declared.source.locate(`${declared.pointer}/id`),
      'fix the input error it depends on: dfft never judges a flow from conflicting or missing input',
    ));
  }

  /** The flows whose references resolve and whose input is sound; `lost` is what the others would have brought. */
  private admitFlows(): { candidates: FlowNode[]; lost: Lost[] } {
    const candidates: FlowNode[] = [];
    const lost: Lost[] = [];
    for (const { raw, declared, manifest, bad } of this.pendingFlows) {
      const before = this.errors.length;
      const from = this.partyById.get(raw.from);
      const to = this.partyById.get(raw.to);
      if (!from) this.unknown('party', raw.from, this.partyById.keys(), declared, '/from');
      if (!to) this.unknown('party', raw.to, this.partyById.keys(), declared, '/to');
      const carried = this.datasetsOf(raw.datasets, declared, '/datasets');
      // A reversed range of the flow or its mechanisms is reported where it is written.
      let excluded = bad || this.errors.length > before || !from || !to || this.repeatedFlows.has(raw.id);
      if (!excluded) {
        const invalid = [from!, to!].find((p) => this.badParties.has(p.view.id));
        const why = invalid ? `party "${invalid.view.id}" has an input error in its certifications` : conflictOf(from!, to!, carried, this.conflicting, this.derivedFromConflict, this.missingRegistry.get(manifest));
        if (why) {
          this.notJudged(declared, raw.id, why);
          excluded = true;
        }
      }
      if (excluded) {
        if (to) for (const d of carried) lost.push({ dataset: d, party: to, cause: raw.id });
        continue;
      }
      // Every field in the literal, those computed later too: a field added to an object after it is
      // made goes to a separate property store (about 40 bytes more per flow, 40 MB at 1M flows).
      candidates.push({ index: 0, view: flowView(raw, this.shared), source: declared.source, pointer: declared.pointer, raw, from: from!, to: to!, datasets: this.carriedLists.one(carried), personal: undefined, location: undefined, facts: undefined });
    }
    return { candidates, lost };
  }

  /**
   * The datasets named by `ids` (at `pointer`, below `declared`), each unknown id reported. Made
   * at its exact length: an array grown by push from empty reserves 17 slots, and an estate has a
   * million flows.
   */
  private datasetsOf(ids: readonly string[], declared: Declared, pointer: string): DatasetNode[] {
    const found = ids.map((id) => this.datasetById.get(id));
    if (found.every((d) => d !== undefined)) return found;
    found.forEach((d, i) => {
      if (!d) this.unknown('dataset', ids[i], this.datasetById.keys(), declared, `${pointer}/${i}`);
    });
    return found.filter((d) => d !== undefined);
  }

  /**
   * Flows whose data's origin depends on a flow left out: (dataset, party) nodes lose an input,
   * then every flow that sends such a dataset (or one derived from it) from that party is left
   * out too, and so on down the chain. Linear: each node and each flow is visited once.
   */
  private dropDependents(candidates: readonly FlowNode[], lost: readonly Lost[]): Set<FlowNode> {
    const dropped = new Set<FlowNode>();
    if (lost.length === 0) return dropped;
    const derivers = reverseDerivations(this.datasets);
    const partyCount = Math.max(1, this.parties.length);
    const key = (d: DatasetNode, p: PartyNode): number => d.index * partyCount + p.index; // injective: p.index < partyCount
    const sends = new Map<number, FlowNode[]>();
    for (const f of candidates) {
      for (const d of f.datasets) {
        const k = key(d, f.from);
        const list = sends.get(k);
        if (list) list.push(f);
        else sends.set(k, [f]);
      }
    }
    const seen = new Set<number>();
    const work = lost.slice();
    while (work.length > 0) {
      const { dataset, party, cause } = work.pop()!;
      const k = key(dataset, party);
      if (seen.has(k)) continue;
      seen.add(k);
      for (const e of derivers.get(dataset) ?? []) work.push({ dataset: e, party, cause });
      for (const f of sends.get(k) ?? []) {
        if (dropped.has(f)) continue;
        dropped.add(f);
        this.notJudged(f, f.view.id, `the origin of its data depends on flow "${cause}", which is not judged`);
        for (const d of f.datasets) work.push({ dataset: d, party: f.to, cause: f.view.id });
      }
    }
    return dropped;
  }
}

function declare<T>(table: Map<string, Array<Declaration<T>>>, id: string, d: Declaration<T>): void {
  const list = table.get(id);
  if (list) list.push(d);
  else table.set(id, [d]);
}

/** Why a flow touches conflicting input, or undefined when it does not. */
function conflictOf(
  from: PartyNode,
  to: PartyNode,
  carried: readonly DatasetNode[],
  conflicting: { parties: ReadonlySet<PartyNode>; datasets: ReadonlySet<DatasetNode> },
  derivedFromConflict: ReadonlyMap<DatasetNode, DatasetNode>,
  missingRegistry: string | undefined,
): string | undefined {
  if (missingRegistry !== undefined) return `its manifest uses registry "${missingRegistry}", which is not in the run`;
  for (const p of [from, to]) if (conflicting.parties.has(p)) return `party "${p.view.id}" has conflicting definitions`;
  for (const d of carried) {
    if (conflicting.datasets.has(d)) return `dataset "${d.view.id}" has conflicting definitions`;
    const root = derivedFromConflict.get(d);
    if (root) return `dataset "${d.view.id}" derives from dataset "${root.view.id}", which has conflicting definitions`;
  }
  return undefined;
}

/** For each dataset, the datasets that derive from it directly. */
function reverseDerivations(datasets: readonly DatasetNode[]): Map<DatasetNode, DatasetNode[]> {
  const out = new Map<DatasetNode, DatasetNode[]>();
  for (const d of datasets) {
    for (const source of d.derivedFrom) {
      const list = out.get(source);
      if (list) list.push(d);
      else out.set(source, [d]);
    }
  }
  return out;
}

/** Registry declarations first, then by file and position: independent of the input order. */
function byReference<T>(a: Declaration<T>, b: Declaration<T>): number {
  if (a.registry !== b.registry) return a.registry ? -1 : 1;
  return compareStrings(a.source.file, b.source.file) || a.position - b.position;
}

function byPlace(a: Declared, b: Declared): number {
  return compareStrings(a.source.file, b.source.file) || positionOf(a.pointer) - positionOf(b.pointer);
}

function positionOf(pointer: string): number {
  return Number(pointer.slice(pointer.lastIndexOf('/') + 1));
}

// Views are the parsed objects themselves with the contract's defaults filled in: the run owns
// the parsed data, and copying every flow would double the memory of a large estate.

function partyView(raw: Party): PartyView {
  const v = raw as PartyView;
  v.name ??= raw.id;
  v.country = normaliseCountry(raw.country);
  v.role ??= 'controller';
  v.sector ??= 'private';
  v.certifications ??= [];
  return v;
}

function datasetView(raw: Dataset): DatasetView {
  const v = raw as DatasetView;
  v.name ??= raw.id;
  v.subjects ??= [];
  v.identifiability ??= 'identified';
  v.collectedIn = (raw.collectedIn ?? []).map(normaliseCountry);
  v.purposes ??= [];
  v.derivedFrom ??= [];
  return v;
}

function flowView(raw: Flow, shared: Shared): FlowView {
  const v = raw as FlowView;
  v.purposes ??= NO_STRINGS;
  v.frequency ??= 'continuous';
  v.access ??= 'transfer';
  v.mechanisms ??= NO_MECHANISMS;
  for (const m of v.mechanisms) if (m.type === 'scc') m.decision ??= '2021/914';
  shareStrings(v, shared);
  return v;
}

/** What flows share: short strings, and lists of them (dataset ids, purposes). */
interface Shared {
  strings: Map<string, string>;
  lists: SharedLists<string>;
}

// Views are read-only (rules and reports read them): equal lists can be one list. These two serve
// every run of the process, so they are frozen: a change would throw rather than reach another run.
const NO_STRINGS = Object.freeze([]) as unknown as string[];
const NO_MECHANISMS = Object.freeze([]) as unknown as FlowView['mechanisms'];

/**
 * JSON.parse makes a string for every value it reads, so the party ids, dataset ids, purposes and
 * mechanism fields that a million flows repeat are a million copies (about 100 MB at 1M flows):
 * the flow's short strings are replaced by one shared copy of each. Its own id is left alone
 * (unique), and so are long texts (notes). Its lists of dataset ids and of purposes, which the
 * flows of a system mostly repeat, are shared too (about 50 bytes a list).
 */
function shareStrings(v: FlowView, shared: Shared): void {
  const one = (s: string): string => {
    if (s.length > SHARED_LENGTH) return s;
    const found = shared.strings.get(s);
    if (found !== undefined) return found;
    shared.strings.set(s, s);
    return s;
  };
  const record = v as unknown as Record<string, unknown>;
  record.from = one(v.from);
  record.to = one(v.to);
  record.frequency = one(v.frequency);
  record.access = one(v.access);
  for (const field of ['datasets', 'purposes'] as const) {
    const list = v[field] as unknown;
    if (!Array.isArray(list)) continue;
    for (let i = 0; i < list.length; i++) if (typeof list[i] === 'string') list[i] = one(list[i] as string);
    record[field] = shared.lists.one(list as string[]);
  }
  for (const m of v.mechanisms as Array<Record<string, unknown>>) {
    for (const key in m) {
      const value = m[key];
      if (typeof value === 'string') m[key] = one(value);
    }
  }
}

const SHARED_LENGTH = 64;

/** JSON with sorted keys, so that two definitions that differ only in key order compare equal. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
