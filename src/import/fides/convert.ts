import { didYouMean } from '../../source/did-you-mean';
import { countryName } from '../../law/country-names';
import { pointerToPath } from '../../source/pointer';
import type { DataFlowManifest, Dataset, Flow, Party } from '../../types';
import { alpha3ToCountry } from './countries';
import { diagnostic, sortDiagnostics, type Diagnostic, type DiagnosticCode } from '../../source/diagnostic';
import type { FidesMapping } from './mapping';
import type { PartyCountries } from './party-countries';
import type { FidesDataset, FidesDeclaration, FidesEdge, FidesResources, FidesSystem, Located, Ref } from './read-resources';

/** Ids of a manifest (schemas/manifest.schema.json#/definitions/Id). */
const ID = /^[A-Za-z0-9][A-Za-z0-9._:-]*$/;

export interface ConvertOptions {
  /** The manifest's `system.id`. */
  systemId: string;
}

/**
 * Whether the data a source stands for is personal: `yes` when it became a manifest dataset,
 * `no` when Fides says it is not about a person, `unknown` when a gap stands in the way.
 */
type Personal = 'yes' | 'no' | 'unknown';

interface DataSource {
  datasetId?: string;
  personal: Personal;
  purposes: string[];
}

interface SystemState {
  system: FidesSystem;
  /** The party id, when the system became a party. */
  partyId?: string;
  /** The key is usable as a manifest id. */
  validKey: boolean;
  declarations: Array<{ declaration: FidesDeclaration; own: DataSource; references: DataSource[] }>;
  references: DataSource[];
  droppedFlows: string[];
}

/** A system's declarations by the systems their egress names, built once per system. */
const namingIndex = new WeakMap<SystemState, Map<string, SystemState['declarations']>>();
function declarationsNaming(state: SystemState): Map<string, SystemState['declarations']> {
  let index = namingIndex.get(state);
  if (!index) {
    index = new Map();
    for (const d of state.declarations) {
      for (const target of new Set(d.declaration.egress.map((r) => r.value))) {
        const list = index.get(target);
        if (list) list.push(d);
        else index.set(target, [d]);
      }
    }
    namingIndex.set(state, index);
  }
  return index;
}

interface PendingFlow {
  id: string;
  from: SystemState;
  /** A system, or a recipient party made for a third country. */
  to: { state: SystemState } | { recipient: Party };
  sources: DataSource[];
  located: Located[];
}

/**
 * Turns Fides resources into a manifest v1. Nothing is guessed: what cannot be carried over is
 * left out of the manifest and reported as a located diagnostic (a gap), and the manifest that

/** A system-to-system DataFlow, merged over both ends' egress and ingress. */
interface Edge {
  from: SystemState;
  to: SystemState;
  located: Located[];
  categories?: Array<{ ref: Ref; at: Located }>;
}

/** What every step of a conversion shares: the mapping, the datasets made so far and the gaps. */
interface Conversion {
  mapping: FidesMapping;
  partyCountries: PartyCountries | undefined;
  /** Parents of the data categories the inputs define. */
  parents: Map<string, string | undefined>;
  datasets: Dataset[];
  datasetIds: Set<string>;
  diagnostics: Diagnostic[];
}

function report(c: Conversion, code: DiagnosticCode, message: string, at: Located, hint?: string): void {
  c.diagnostics.push(diagnostic(code, message, at.source.locate(at.pointer), hint));
}

/**
 * Turns Fides resources into a manifest v1. Nothing is guessed: what cannot be carried over is
 * left out of the manifest and reported as a located diagnostic (a gap), and the manifest that
 * remains is valid on its own.
 */
export function convertResources(
  resources: FidesResources,
  mapping: FidesMapping,
  partyCountries: PartyCountries | undefined,
  options: ConvertOptions,
): { manifest: DataFlowManifest; diagnostics: Diagnostic[] } {
  const c: Conversion = {
    mapping,
    partyCountries,
    parents: new Map(resources.categoryDefinitions.map((d) => [d.key.value, d.parent])),
    datasets: [],
    datasetIds: new Set(),
    diagnostics: [],
  };
  const fidesDatasets = convertDatasets(c, resources.datasets);
  const { states, parties } = convertSystems(c, resources.systems, fidesDatasets);
  const flows = edgeFlows(c, collectEdges(c, states));
  const recipients = thirdCountryFlows(c, resources.datasets, states, fidesDatasets, flows);
  const { manifestFlows, usedRecipients } = writableFlows(c, flows);
  reportMissingCountries(c, states);
  reportUnusedPartyCountries(c, states);

  const manifest: DataFlowManifest = {
    manifestVersion: 1,
    system: { id: options.systemId, description: 'Imported from Fides (fideslang) resources by dfft import fides.' },
    parties: [...parties, ...[...recipients.values()].filter((p) => usedRecipients.has(p.id))],
    datasets: c.datasets,
    flows: manifestFlows,
  };
  return { manifest, diagnostics: sortDiagnostics(c.diagnostics) };
}

// ---- mapping fideslang terms ------------------------------------------------------------

/** A dataset id not taken yet: the one wanted, else with -2, -3, ... appended. */
function uniqueDatasetId(c: Conversion, wanted: string): string {
  let id = wanted;
  for (let n = 2; c.datasetIds.has(id); n++) id = `${wanted}-${n}`;
  c.datasetIds.add(id);
  return id;
}

/** Maps category references to dfft categories (and subjects), reporting every gap at its place. */
function mapCategories(c: Conversion, refs: Ref[], at: Located): { categories: string[]; subjects: string[]; personal: Personal } {
  const categories = new Set<string>();
  const subjects = new Set<string>();
  let gaps = 0;
  let notPersonal = 0;
  for (const ref of refs) {
    const here = { source: at.source, pointer: ref.pointer };
    const resolved = c.mapping.resolveCategory(ref.value, c.parents);
    switch (resolved.kind) {
      case 'mapped':
        resolved.categories.forEach((x) => categories.add(x));
        resolved.subjects.forEach((s) => subjects.add(s));
        break;
      case 'not-personal':
        notPersonal++;
        break;
      case 'gap':
        gaps++;
        report(c, 'fides/unmapped-category', `data category "${ref.value}" is not imported: ${resolved.reason}`, here, 'tag a more specific category in Fides, or extend rules/data/fides-categories.yaml');
        break;
      case 'unknown':
        gaps++;
        report(
          c,
          'fides/unknown-category',
          `unknown Fides data category "${ref.value}": neither in fideslang's taxonomy as dfft maps it nor defined by a data_category of the inputs`,
          here,
          resolved.suggestion ? `did you mean "${resolved.suggestion}"?` : 'define it in a data_category resource (with its parent_key), or fix the key',
        );
        break;
    }
  }
  const personal: Personal = categories.size > 0 ? 'yes' : gaps > 0 || notPersonal === 0 ? 'unknown' : 'no';
  return { categories: [...categories], subjects: [...subjects], personal };
}

function mapSubjects(c: Conversion, refs: Ref[], at: Located): string[] {
  const out: string[] = [];
  for (const ref of refs) {
    const mapped = c.mapping.subject(ref.value);
    if (mapped === undefined) {
      report(c, 'fides/unmapped-subject', `data subject "${ref.value}" has no dfft equivalent: kept as written`, { source: at.source, pointer: ref.pointer }, 'dfft rules look for subjects such as employees and children; extend rules/data/fides-categories.yaml if it is one of them');
    }
    const subject = mapped ?? ref.value;
    if (!out.includes(subject)) out.push(subject);
  }
  return out;
}

function identifiability(c: Conversion, qualifier: Ref | undefined, at: Located): Dataset['identifiability'] | undefined {
  if (!qualifier) return undefined;
  const mapped = c.mapping.qualifier(qualifier.value);
  if (mapped === undefined) {
    report(c, 'fides/unmapped-category', `data qualifier "${qualifier.value}" is not mapped: identifiability left at the default (identified)`, { source: at.source, pointer: qualifier.pointer }, 'extend qualifiers in rules/data/fides-categories.yaml');
  }
  return mapped;
}

/** Where in the Fides files a manifest entry comes from (x-fides.sources). */
function provenance(...places: Located[]): { 'x-fides': { sources: string[] } } {
  return {
    'x-fides': {
      sources: places.map((p) => {
        const l = p.source.locate(p.pointer);
        return `${l.file}:${l.line}:${l.column} ${pointerToPath(p.pointer)}`;
      }),
    },
  };
}

// ---- Fides datasets → manifest datasets -------------------------------------------------

type DatasetSource = DataSource & { dataset: FidesDataset };

/** Every Fides dataset by its key; those with personal data become manifest datasets. */
function convertDatasets(c: Conversion, fidesDatasets: readonly FidesDataset[]): Map<string, DatasetSource> {
  const sources = new Map<string, DatasetSource>();
  for (const d of fidesDatasets) {
    if (!ID.test(d.key.value)) {
      report(c, 'fides/invalid-key', `dataset "${d.key.value}" is not imported: its fides_key is not a valid manifest id`, { source: d.source, pointer: d.key.pointer }, 'manifest ids use letters, digits and . _ : - and start with a letter or digit');
      sources.set(d.key.value, { dataset: d, personal: 'unknown', purposes: [] });
      continue;
    }
    const mapped = mapCategories(c, d.categories, d);
    if (d.unlabelled.length > 0) reportUnlabelledFields(c, d);
    const source: DatasetSource = { dataset: d, personal: mapped.personal, purposes: [] };
    if (mapped.personal === 'yes') {
      const ident = identifiability(c, d.qualifier, d);
      const dataset: Dataset = {
        id: uniqueDatasetId(c, d.key.value),
        ...(d.name ? { name: d.name } : {}),
        categories: mapped.categories as Dataset['categories'],
        ...(mapped.subjects.length > 0 ? { subjects: mapped.subjects } : {}),
        ...(ident ? { identifiability: ident } : {}),
        ...provenance({ source: d.source, pointer: d.pointer }),
      };
      c.datasets.push(dataset);
      source.datasetId = dataset.id;
    }
    sources.set(d.key.value, source);
  }
  return sources;
}

function reportUnlabelledFields(c: Conversion, d: FidesDataset): void {
  const shown = d.unlabelled.slice(0, 5).join(', ') + (d.unlabelled.length > 5 ? `, and ${d.unlabelled.length - 5} more` : '');
  report(c, 'fides/unlabelled-fields', `${d.unlabelled.length} field${d.unlabelled.length === 1 ? '' : 's'} of dataset "${d.key.value}" ${d.unlabelled.length === 1 ? 'has' : 'have'} no data_categories and ${d.unlabelled.length === 1 ? 'is' : 'are'} not imported: ${shown}`, { source: d.source, pointer: d.key.pointer }, 'label them in Fides if they hold personal data');
}

/** The datasets references name; one not in the inputs is a gap, and its data unknown. */
function resolveReferences(c: Conversion, fidesDatasets: ReadonlyMap<string, DatasetSource>, refs: Ref[], at: Located): DataSource[] {
  return refs.map((ref) => {
    const found = fidesDatasets.get(ref.value);
    if (found) return found;
    report(
      c,
      'fides/unknown-dataset',
      `dataset "${ref.value}" is not in the inputs: its data is not imported`,
      { source: at.source, pointer: ref.pointer },
      suggestionOr(ref.value, fidesDatasets.keys(), 'add the file that defines it to the import'),
    );
    return { personal: 'unknown', purposes: [] };
  });
}

// ---- systems → parties and their datasets -----------------------------------------------

/** Every system by its key; those with a country in --party-countries become parties. */
function convertSystems(c: Conversion, systems: readonly FidesSystem[], fidesDatasets: ReadonlyMap<string, DatasetSource>): { states: Map<string, SystemState>; parties: Party[] } {
  const states = new Map<string, SystemState>();
  const parties: Party[] = [];
  for (const system of systems) {
    const key = system.key.value;
    const state: SystemState = { system, validKey: ID.test(key), declarations: [], references: [], droppedFlows: [] };
    states.set(key, state);
    if (!state.validKey) {
      report(c, 'fides/invalid-key', `system "${key}" is not imported: its fides_key is not a valid manifest id`, { source: system.source, pointer: system.key.pointer }, 'manifest ids use letters, digits and . _ : - and start with a letter or digit');
      continue;
    }
    for (const declaration of system.declarations) {
      state.declarations.push({ declaration, own: convertDeclaration(c, key, declaration), references: resolveReferences(c, fidesDatasets, declaration.datasetReferences, declaration) });
    }
    state.references = resolveReferences(c, fidesDatasets, system.datasetReferences, system);
    if (system.legalBasisForTransfers.length > 0) reportTransferBasis(c, system);
    const party = partyOf(c, system);
    if (!party) continue;
    parties.push(party);
    state.partyId = key;
  }
  return { states, parties };
}

/** The data a privacy declaration declares; personal data becomes a dataset of the system. */
function convertDeclaration(c: Conversion, key: string, declaration: FidesDeclaration): DataSource {
  const mapped = mapCategories(c, declaration.categories, declaration);
  const purposes = declaration.dataUse ? [declaration.dataUse.value] : [];
  const own: DataSource = { personal: mapped.personal, purposes };
  const subjects = [...new Set([...mapSubjects(c, declaration.subjects, declaration), ...mapped.subjects])];
  if (mapped.personal === 'yes') {
    const ident = identifiability(c, declaration.qualifier, declaration);
    const use = declaration.dataUse && ID.test(declaration.dataUse.value) ? declaration.dataUse.value : String(declaration.index);
    const dataset: Dataset = {
      id: uniqueDatasetId(c, `${key}:${use}`),
      ...(declaration.name ? { name: declaration.name } : {}),
      categories: mapped.categories as Dataset['categories'],
      ...(subjects.length > 0 ? { subjects } : {}),
      ...(ident ? { identifiability: ident } : {}),
      ...(purposes.length > 0 ? { purposes } : {}),
      ...provenance(declaration),
    };
    c.datasets.push(dataset);
    own.datasetId = dataset.id;
  }
  return own;
}

function reportTransferBasis(c: Conversion, system: FidesSystem): void {
  report(
    c,
    'fides/transfer-basis-not-imported',
    `system "${system.key.value}" declares legal_basis_for_transfers (${system.legalBasisForTransfers.map((r) => r.value).join(', ')}), which is not turned into mechanisms`,
    { source: system.source, pointer: system.legalBasisForTransfers[0].pointer.replace(/\/\d+$/, '') },
    'Fides gives the basis per system, dfft per flow: add mechanisms (scc with its module, bcr, ...) to the flows that rely on it',
  );
}

/** The party a system becomes, when --party-countries gives its country. */
function partyOf(c: Conversion, system: FidesSystem): Party | undefined {
  const key = system.key.value;
  const given = c.partyCountries?.systems.get(key);
  if (!given) return undefined;
  const role = given.party.role ?? roleOf(c, system);
  const name = given.party.name ?? system.legalName ?? system.name;
  return {
    id: key,
    ...(name ? { name } : {}),
    ...given.party,
    ...(role ? { role } : {}),
    ...provenance({ source: system.source, pointer: system.pointer }),
  };
}

/** The role a system's responsibility gives, when it gives exactly one. */
function roleOf(c: Conversion, system: FidesSystem): Party['role'] | undefined {
  const at = { source: system.source, pointer: system.pointer };
  const roles = new Set<NonNullable<Party['role']>>();
  for (const ref of system.responsibility) {
    const role = c.mapping.role(ref.value);
    if (role) roles.add(role);
    else report(c, 'fides/unknown-role', `unknown responsibility "${ref.value}" of system "${system.key.value}"`, { source: system.source, pointer: ref.pointer }, suggestionOr(ref.value, Object.keys(c.mapping.data.roles), 'expected Controller, Processor or Sub-Processor'));
  }
  if (roles.size === 1) return [...roles][0];
  if (roles.size > 1) {
    report(c, 'fides/ambiguous-role', `system "${system.key.value}" has several responsibilities (${[...roles].join(', ')}): no role imported`, at, 'give the role for the data it receives in --party-countries');
    return undefined;
  }
  if (system.responsibility.length === 0) {
    report(c, 'fides/default-role', `system "${system.key.value}" declares no responsibility: the manifest's default role (controller) applies`, { source: system.source, pointer: system.key.pointer }, 'give its role in --party-countries if it is a processor');
  }
  return undefined;
}

// ---- egress / ingress → flows -----------------------------------------------------------

/** The system-to-system edges of every system's egress and ingress, one per ordered pair. */
function collectEdges(c: Conversion, states: ReadonlyMap<string, SystemState>): Map<string, Edge> {
  const edges = new Map<string, Edge>();
  for (const state of states.values()) {
    for (const edge of state.system.egress) addEdge(c, states, edges, state, edge, 'egress');
    for (const edge of state.system.ingress) addEdge(c, states, edges, state, edge, 'ingress');
  }
  return edges;
}

function addEdge(c: Conversion, states: ReadonlyMap<string, SystemState>, edges: Map<string, Edge>, owner: SystemState, edge: FidesEdge, direction: 'egress' | 'ingress'): void {
  const other = edgeTarget(c, states, edge, direction);
  if (!other) return;
  if (other === owner || !other.validKey || !owner.validKey) return; // no data moves between parties, or the invalid key is reported
  const [from, to] = direction === 'egress' ? [owner, other] : [other, owner];
  // Both keys match ID (checked just above), which has no NUL: the joined pair is injective.
  const key = `${from.system.key.value}\u0000${to.system.key.value}`;
  const existing = edges.get(key) ?? { from, to, located: [] };
  existing.located.push(edge);
  if (edge.categories) existing.categories = [...(existing.categories ?? []), ...edge.categories.map((ref) => ({ ref, at: edge as Located }))];
  edges.set(key, existing);
}

/** The system at the other end of a DataFlow; any other DataFlow is a gap. */
function edgeTarget(c: Conversion, states: ReadonlyMap<string, SystemState>, edge: FidesEdge, direction: 'egress' | 'ingress'): SystemState | undefined {
  const type = edge.type.value;
  const target = edge.target.value;
  if (type === 'dataset') {
    report(c, 'fides/dataset-edge', `${direction} ${direction === 'egress' ? 'to' : 'from'} dataset "${target}" is not a flow between parties: not imported`, edge, 'a dataset a system uses belongs in its dataset_references');
    return undefined;
  }
  if (type === 'user') {
    report(c, 'fides/user-edge', `${direction} ${direction === 'egress' ? 'to' : 'from'} the system's users is collection from or disclosure to data subjects, not a transfer between parties: not imported`, edge);
    return undefined;
  }
  if (type !== 'system') {
    report(c, 'fides/unknown-edge-type', `${direction} of unknown type "${type}": not imported`, { source: edge.source, pointer: edge.type.pointer }, 'fideslang DataFlow types are system, dataset and user');
    return undefined;
  }
  const other = states.get(target);
  if (!other) {
    report(
      c,
      'fides/unknown-system',
      `${direction} ${direction === 'egress' ? 'to' : 'from'} system "${target}", which is not in the inputs: the flow is not imported`,
      { source: edge.source, pointer: edge.target.pointer },
      suggestionOr(target, states.keys(), 'add the file that defines it to the import'),
    );
  }
  return other;
}

/** Everything a system holds: its declarations' data and every dataset it references. */
function allData(state: SystemState): DataSource[] {
  return [...state.declarations.flatMap((d) => [d.own, ...d.references]), ...state.references];
}

/** A flow per edge, with the data it carries. */
function edgeFlows(c: Conversion, edges: ReadonlyMap<string, Edge>): Map<string, PendingFlow> {
  const flows = new Map<string, PendingFlow>();
  for (const edge of edges.values()) {
    const id = `${edge.from.system.key.value}:to:${edge.to.system.key.value}`;
    flows.set(id, { id, from: edge.from, to: { state: edge.to }, sources: edgeSources(c, edge, id), located: edge.located });
  }
  return flows;
}

function edgeSources(c: Conversion, edge: Edge, id: string): DataSource[] {
  const fromKey = edge.from.system.key.value;
  const toKey = edge.to.system.key.value;
  if (!edge.categories) {
    // Declarations that name the edge in their own egress carry it; without any, everything
    // the sender holds may go over it (Fides does not say which data an edge carries).
    const named = declarationsNaming(edge.from).get(toKey) ?? [];
    return named.length > 0 ? named.flatMap((d) => [d.own, ...d.references]) : allData(edge.from);
  }
  // The DataFlow says what is in transit: that, and nothing else, is the flow's data.
  const refs = edge.categories;
  const at = refs[0].at;
  const mapped = mapCategories(c, refs.map((r) => r.ref), at);
  const source: DataSource = { personal: mapped.personal, purposes: [] };
  if (mapped.personal === 'yes' && edge.from.validKey && edge.to.validKey) {
    const dataset: Dataset = {
      id: uniqueDatasetId(c, `${id}:data`),
      name: `Data in transit from ${fromKey} to ${toKey}`,
      categories: mapped.categories as Dataset['categories'],
      ...(mapped.subjects.length > 0 ? { subjects: mapped.subjects } : {}),
      ...provenance(...edge.located),
    };
    c.datasets.push(dataset);
    source.datasetId = dataset.id;
  }
  return [source];
}

// ---- legacy third_country_transfers → flows to unnamed recipients -----------------------

/** Adds the flows of third_country_transfers (systems' first, then datasets'); returns the recipients made. */
function thirdCountryFlows(
  c: Conversion,
  fidesDatasets: readonly FidesDataset[],
  states: ReadonlyMap<string, SystemState>,
  sources: ReadonlyMap<string, DatasetSource>,
  flows: Map<string, PendingFlow>,
): Map<string, Party> {
  const recipients = new Map<string, Party>();
  for (const state of states.values()) {
    if (!state.validKey) continue;
    for (const ref of state.system.thirdCountryTransfers) thirdCountry(c, recipients, flows, state, ref, state.system, allData(state), `data of system "${state.system.key.value}"`);
  }
  const holdersOf = datasetHolders(states);
  for (const d of fidesDatasets) {
    if (d.thirdCountryTransfers.length === 0) continue;
    const holders = holdersOf.get(d.key.value) ?? [];
    const source = sources.get(d.key.value)!;
    if (holders.length === 0) {
      for (const ref of d.thirdCountryTransfers) {
        report(c, 'fides/unnamed-recipient', `dataset "${d.key.value}" is transferred to ${ref.value} (third_country_transfers), but no system of the inputs references the dataset, so there is no exporter: not imported`, { source: d.source, pointer: ref.pointer }, 'add the system that holds it (with dataset_references) to the import');
      }
      continue;
    }
    for (const holder of holders) {
      for (const ref of d.thirdCountryTransfers) thirdCountry(c, recipients, flows, holder, ref, d, [source], `dataset "${d.key.value}" of system "${holder.system.key.value}"`);
    }
  }
  return recipients;
}

/**
 * The systems that reference each dataset (directly or in a declaration), in the systems'
 * order: one pass over the references, not one per dataset.
 */
function datasetHolders(states: ReadonlyMap<string, SystemState>): Map<string, SystemState[]> {
  const holdersOf = new Map<string, SystemState[]>();
  for (const s of states.values()) {
    if (!s.validKey) continue;
    const keys = new Set([...s.system.datasetReferences, ...s.system.declarations.flatMap((decl) => decl.datasetReferences)].map((r) => r.value));
    for (const key of keys) {
      const list = holdersOf.get(key);
      if (list) list.push(s);
      else holdersOf.set(key, [s]);
    }
  }
  return holdersOf;
}

/** One third_country_transfers entry: a flow (merged per system and country) to an unnamed recipient. */
function thirdCountry(c: Conversion, recipients: Map<string, Party>, flows: Map<string, PendingFlow>, state: SystemState, ref: Ref, at: Located, data: DataSource[], what: string): void {
  const converted = alpha3ToCountry(ref.value);
  const here = { source: at.source, pointer: ref.pointer };
  if ('error' in converted) {
    report(c, 'fides/invalid-country', `third_country_transfers: ${converted.error}; the transfer is not imported`, here, converted.hint);
    return;
  }
  const recipient = recipientFor(recipients, state, converted.country, here);
  const id = `${state.system.key.value}:third-country:${converted.country}`;
  report(
    c,
    'fides/unnamed-recipient',
    `${what} is transferred to ${countryName(converted.country)} (third_country_transfers) without naming the recipient: imported as a flow to party "${recipient.id}" with the default role`,
    here,
    'replace it by an egress to the recipient system, or give the recipient\'s role and name in the manifest',
  );
  const existing = flows.get(id);
  if (existing) {
    existing.sources.push(...data);
    existing.located.push(here);
  } else {
    flows.set(id, { id, from: state, to: { recipient }, sources: [...data], located: [here] });
  }
}

function recipientFor(recipients: Map<string, Party>, state: SystemState, country: string, at: Located): Party {
  const id = `${state.system.key.value}:recipient:${country}`;
  let party = recipients.get(id);
  if (!party) {
    party = { id, name: `Unnamed recipient in ${countryName(country)}`, country: country as Party['country'], ...provenance(at) };
    recipients.set(id, party);
  }
  return party;
}

// ---- flows that can be written ----------------------------------------------------------

/** The flows with personal data between two parties; the others are gaps, noted on their systems. */
function writableFlows(c: Conversion, flows: ReadonlyMap<string, PendingFlow>): { manifestFlows: Flow[]; usedRecipients: Set<string> } {
  const manifestFlows: Flow[] = [];
  const usedRecipients = new Set<string>();
  for (const flow of flows.values()) {
    const carried = [...new Set(flow.sources.filter((s) => s.datasetId).map((s) => s.datasetId!))];
    if (carried.length === 0) reportFlowWithoutData(c, flow);
    const missing = [flow.from, ...('state' in flow.to ? [flow.to.state] : [])].filter((s) => !s.partyId);
    for (const s of missing) s.droppedFlows.push(flow.id);
    if (carried.length === 0 || missing.length > 0) continue;
    const purposes = [...new Set(flow.sources.filter((s) => s.datasetId).flatMap((s) => s.purposes))];
    const to = 'state' in flow.to ? flow.to.state.partyId! : flow.to.recipient.id;
    if ('recipient' in flow.to) usedRecipients.add(flow.to.recipient.id);
    manifestFlows.push({
      id: flow.id,
      from: flow.from.partyId!,
      to,
      datasets: carried as Flow['datasets'],
      ...(purposes.length > 0 ? { purposes } : {}),
      ...provenance(...flow.located),
    });
  }
  return { manifestFlows, usedRecipients };
}

function reportFlowWithoutData(c: Conversion, flow: PendingFlow): void {
  const at = flow.located[0];
  const known = flow.sources.length > 0 && flow.sources.every((s) => s.personal === 'no');
  if (known) report(c, 'fides/non-personal-flow', `flow ${flow.id} carries no personal data (Fides classifies its data as not about a person): not imported`, at);
  else report(c, 'fides/flow-without-data', `flow ${flow.id} is not imported: none of its data could be imported`, at, flow.sources.length === 0 ? 'the sending system declares no data' : 'see the gaps reported for the sending system\'s categories and datasets');
}

// ---- systems without a country, and map entries without a system ------------------------

function reportMissingCountries(c: Conversion, states: ReadonlyMap<string, SystemState>): void {
  for (const state of states.values()) {
    if (state.partyId || !state.validKey) continue;
    const key = state.system.key.value;
    const n = state.droppedFlows.length;
    const flowsText = n === 0 ? '' : ` and its ${n} flow${n === 1 ? '' : 's'} (${state.droppedFlows.slice(0, 5).join(', ')}${n > 5 ? ', ...' : ''})`;
    report(
      c,
      'fides/missing-country',
      `system "${key}" has no country${c.partyCountries ? ' in the --party-countries file' : ''}: the system${flowsText} ${n === 0 ? 'is' : 'are'} not imported`,
      { source: state.system.source, pointer: state.system.key.pointer },
      `${c.partyCountries ? 'add' : 'pass --party-countries with'} "${key}: <ISO 3166-1 alpha-2 code>" under systems:${state.system.legalAddress ? ` (Fides legal_address: "${state.system.legalAddress}")` : ''}`,
    );
  }
}

function reportUnusedPartyCountries(c: Conversion, states: ReadonlyMap<string, SystemState>): void {
  const partyCountries = c.partyCountries;
  if (!partyCountries) return;
  for (const [key, entry] of partyCountries.systems) {
    if (states.has(key)) continue;
    c.diagnostics.push(diagnostic(
      'fides/unused-party-country',
      `no Fides system "${key}" in the inputs: this entry is not used`,
      partyCountries.source.locate(entry.pointer, { key: true }),
      suggestionOr(key, states.keys(), 'remove it, or add the file that defines the system'),
    ));
  }
}

function suggestionOr(word: string, candidates: Iterable<string>, otherwise: string): string {
  const guess = didYouMean(word, candidates);
  return guess ? `did you mean "${guess}"?` : otherwise;
}
