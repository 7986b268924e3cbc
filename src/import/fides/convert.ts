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
 * remains is valid on its own.
 */
export function convertResources(
  resources: FidesResources,
  mapping: FidesMapping,
  partyCountries: PartyCountries | undefined,
  options: ConvertOptions,
): { manifest: DataFlowManifest; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const report = (code: DiagnosticCode, message: string, at: Located, hint?: string): void => {
    diagnostics.push(diagnostic(code, message, at.source.locate(at.pointer), hint));
  };
  const parents = new Map(resources.categoryDefinitions.map((d) => [d.key.value, d.parent]));
  const datasetIds = new Set<string>();
  const uniqueDatasetId = (wanted: string): string => {
    let id = wanted;
    for (let n = 2; datasetIds.has(id); n++) id = `${wanted}-${n}`;
    datasetIds.add(id);
    return id;
  };
  const datasets: Dataset[] = [];

  /** Maps category references to dfft categories (and subjects), reporting every gap at its place. */
  const mapCategories = (refs: Ref[], at: Located): { categories: string[]; subjects: string[]; personal: Personal } => {
    const categories = new Set<string>();
    const subjects = new Set<string>();
    let gaps = 0;
    let notPersonal = 0;
    for (const ref of refs) {
      const here = { source: at.source, pointer: ref.pointer };
      const resolved = mapping.resolveCategory(ref.value, parents);
      switch (resolved.kind) {
        case 'mapped':
          resolved.categories.forEach((c) => categories.add(c));
          resolved.subjects.forEach((s) => subjects.add(s));
          break;
        case 'not-personal':
          notPersonal++;
          break;
        case 'gap':
          gaps++;
          report('fides/unmapped-category', `data category "${ref.value}" is not imported: ${resolved.reason}`, here, 'tag a more specific category in Fides, or extend rules/data/fides-categories.yaml');
          break;
        case 'unknown':
          gaps++;
          report(
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
  };

  const mapSubjects = (refs: Ref[], at: Located): string[] => {
    const out: string[] = [];
    for (const ref of refs) {
      const mapped = mapping.subject(ref.value);
      if (mapped === undefined) {
        report('fides/unmapped-subject', `data subject "${ref.value}" has no dfft equivalent: kept as written`, { source: at.source, pointer: ref.pointer }, 'dfft rules look for subjects such as employees and children; extend rules/data/fides-categories.yaml if it is one of them');
      }
      const subject = mapped ?? ref.value;
      if (!out.includes(subject)) out.push(subject);
    }
    return out;
  };

  const identifiability = (qualifier: Ref | undefined, at: Located): Dataset['identifiability'] | undefined => {
    if (!qualifier) return undefined;
    const mapped = mapping.qualifier(qualifier.value);
    if (mapped === undefined) {
      report('fides/unmapped-category', `data qualifier "${qualifier.value}" is not mapped: identifiability left at the default (identified)`, { source: at.source, pointer: qualifier.pointer }, 'extend qualifiers in rules/data/fides-categories.yaml');
    }
    return mapped;
  };

  const provenance = (...places: Located[]): { 'x-fides': { sources: string[] } } => ({
    'x-fides': {
      sources: places.map((p) => {
        const l = p.source.locate(p.pointer);
        return `${l.file}:${l.line}:${l.column} ${pointerToPath(p.pointer)}`;
      }),
    },
  });

  // ---- Fides datasets ------------------------------------------------------------------
  const fidesDatasets = new Map<string, DataSource & { dataset: FidesDataset }>();
  for (const d of resources.datasets) {
    if (!ID.test(d.key.value)) {
      report('fides/invalid-key', `dataset "${d.key.value}" is not imported: its fides_key is not a valid manifest id`, { source: d.source, pointer: d.key.pointer }, 'manifest ids use letters, digits and . _ : - and start with a letter or digit');
      fidesDatasets.set(d.key.value, { dataset: d, personal: 'unknown', purposes: [] });
      continue;
    }
    const mapped = mapCategories(d.categories, d);
    if (d.unlabelled.length > 0) {
      const shown = d.unlabelled.slice(0, 5).join(', ') + (d.unlabelled.length > 5 ? `, and ${d.unlabelled.length - 5} more` : '');
      report('fides/unlabelled-fields', `${d.unlabelled.length} field${d.unlabelled.length === 1 ? '' : 's'} of dataset "${d.key.value}" ${d.unlabelled.length === 1 ? 'has' : 'have'} no data_categories and ${d.unlabelled.length === 1 ? 'is' : 'are'} not imported: ${shown}`, { source: d.source, pointer: d.key.pointer }, 'label them in Fides if they hold personal data');
    }
    const source: DataSource & { dataset: FidesDataset } = { dataset: d, personal: mapped.personal, purposes: [] };
    if (mapped.personal === 'yes') {
      const ident = identifiability(d.qualifier, d);
      const dataset: Dataset = {
        id: uniqueDatasetId(d.key.value),
        ...(d.name ? { name: d.name } : {}),
        categories: mapped.categories as Dataset['categories'],
        ...(mapped.subjects.length > 0 ? { subjects: mapped.subjects } : {}),
        ...(ident ? { identifiability: ident } : {}),
        ...provenance({ source: d.source, pointer: d.pointer }),
      };
      datasets.push(dataset);
      source.datasetId = dataset.id;
    }
    fidesDatasets.set(d.key.value, source);
  }

  const resolveReferences = (refs: Ref[], at: Located): DataSource[] =>
    refs.map((ref) => {
      const found = fidesDatasets.get(ref.value);
      if (found) return found;
      report(
        'fides/unknown-dataset',
        `dataset "${ref.value}" is not in the inputs: its data is not imported`,
        { source: at.source, pointer: ref.pointer },
        suggestionOr(ref.value, fidesDatasets.keys(), 'add the file that defines it to the import'),
      );
      return { personal: 'unknown', purposes: [] };
    });

  // ---- systems → parties and their datasets ---------------------------------------------
  const states = new Map<string, SystemState>();
  const parties: Party[] = [];
  for (const system of resources.systems) {
    const key = system.key.value;
    const state: SystemState = { system, validKey: ID.test(key), declarations: [], references: [], droppedFlows: [] };
    states.set(key, state);
    if (!state.validKey) {
      report('fides/invalid-key', `system "${key}" is not imported: its fides_key is not a valid manifest id`, { source: system.source, pointer: system.key.pointer }, 'manifest ids use letters, digits and . _ : - and start with a letter or digit');
      continue;
    }
    for (const declaration of system.declarations) {
      const mapped = mapCategories(declaration.categories, declaration);
      const purposes = declaration.dataUse ? [declaration.dataUse.value] : [];
      const own: DataSource = { personal: mapped.personal, purposes };
      const subjects = [...new Set([...mapSubjects(declaration.subjects, declaration), ...mapped.subjects])];
      if (mapped.personal === 'yes') {
        const ident = identifiability(declaration.qualifier, declaration);
        const use = declaration.dataUse && ID.test(declaration.dataUse.value) ? declaration.dataUse.value : String(declaration.index);
        const dataset: Dataset = {
          id: uniqueDatasetId(`${key}:${use}`),
          ...(declaration.name ? { name: declaration.name } : {}),
          categories: mapped.categories as Dataset['categories'],
          ...(subjects.length > 0 ? { subjects } : {}),
          ...(ident ? { identifiability: ident } : {}),
          ...(purposes.length > 0 ? { purposes } : {}),
          ...provenance(declaration),
        };
        datasets.push(dataset);
        own.datasetId = dataset.id;
      }
      state.declarations.push({ declaration, own, references: resolveReferences(declaration.datasetReferences, declaration) });
    }
    state.references = resolveReferences(system.datasetReferences, system);

    if (system.legalBasisForTransfers.length > 0) {
      report(
        'fides/transfer-basis-not-imported',
        `system "${key}" declares legal_basis_for_transfers (${system.legalBasisForTransfers.map((r) => r.value).join(', ')}), which is not turned into mechanisms`,
        { source: system.source, pointer: system.legalBasisForTransfers[0].pointer.replace(/\/\d+$/, '') },
        'Fides gives the basis per system, dfft per flow: add mechanisms (scc with its module, bcr, ...) to the flows that rely on it',
      );
    }

    const given = partyCountries?.systems.get(key);
    if (!given) continue;
    const role = given.party.role ?? roleOf(system);
    const name = given.party.name ?? system.legalName ?? system.name;
    const party: Party = {
      id: key,
      ...(name ? { name } : {}),
      ...given.party,
      ...(role ? { role } : {}),
      ...provenance({ source: system.source, pointer: system.pointer }),
    };
    parties.push(party);
    state.partyId = key;
  }

  function roleOf(system: FidesSystem): Party['role'] | undefined {
    const at = { source: system.source, pointer: system.pointer };
    const roles = new Set<NonNullable<Party['role']>>();
    for (const ref of system.responsibility) {
      const role = mapping.role(ref.value);
      if (role) roles.add(role);
      else report('fides/unknown-role', `unknown responsibility "${ref.value}" of system "${system.key.value}"`, { source: system.source, pointer: ref.pointer }, suggestionOr(ref.value, Object.keys(mapping.data.roles), 'expected Controller, Processor or Sub-Processor'));
    }
    if (roles.size === 1) return [...roles][0];
    if (roles.size > 1) {
      report('fides/ambiguous-role', `system "${system.key.value}" has several responsibilities (${[...roles].join(', ')}): no role imported`, at, 'give the role for the data it receives in --party-countries');
      return undefined;
    }
    if (system.responsibility.length === 0) {
      report('fides/default-role', `system "${system.key.value}" declares no responsibility: the manifest's default role (controller) applies`, { source: system.source, pointer: system.key.pointer }, 'give its role in --party-countries if it is a processor');
    }
    return undefined;
  }

  // ---- egress / ingress → flows --------------------------------------------------------
  const flows = new Map<string, PendingFlow>();
  const edges = new Map<string, { from: SystemState; to: SystemState; located: Located[]; categories?: Array<{ ref: Ref; at: Located }> }>();
  const addEdge = (owner: SystemState, edge: FidesEdge, direction: 'egress' | 'ingress'): void => {
    const type = edge.type.value;
    const target = edge.target.value;
    if (type === 'dataset') {
      report('fides/dataset-edge', `${direction} ${direction === 'egress' ? 'to' : 'from'} dataset "${target}" is not a flow between parties: not imported`, edge, 'a dataset a system uses belongs in its dataset_references');
      return;
    }
    if (type === 'user') {
      report('fides/user-edge', `${direction} ${direction === 'egress' ? 'to' : 'from'} the system's users is collection from or disclosure to data subjects, not a transfer between parties: not imported`, edge);
      return;
    }
    if (type !== 'system') {
      report('fides/unknown-edge-type', `${direction} of unknown type "${type}": not imported`, { source: edge.source, pointer: edge.type.pointer }, 'fideslang DataFlow types are system, dataset and user');
      return;
    }
    const other = states.get(target);
    if (!other) {
      report(
        'fides/unknown-system',
        `${direction} ${direction === 'egress' ? 'to' : 'from'} system "${target}", which is not in the inputs: the flow is not imported`,
        { source: edge.source, pointer: edge.target.pointer },
        suggestionOr(target, states.keys(), 'add the file that defines it to the import'),
      );
      return;
    }
    if (other === owner || !other.validKey || !owner.validKey) return; // no data moves between parties, or the invalid key is reported
    const [from, to] = direction === 'egress' ? [owner, other] : [other, owner];
    // Both keys match ID (checked just above), which has no NUL: the joined pair is injective.
    const key = `${from.system.key.value}\u0000${to.system.key.value}`;
    const existing = edges.get(key) ?? { from, to, located: [] };
    existing.located.push(edge);
    if (edge.categories) existing.categories = [...(existing.categories ?? []), ...edge.categories.map((ref) => ({ ref, at: edge as Located }))];
    edges.set(key, existing);
  };
  for (const state of states.values()) {
    for (const edge of state.system.egress) addEdge(state, edge, 'egress');
    for (const edge of state.system.ingress) addEdge(state, edge, 'ingress');
  }

  /** Everything a system holds: its declarations' data and every dataset it references. */
  const allData = (state: SystemState): DataSource[] => [
    ...state.declarations.flatMap((d) => [d.own, ...d.references]),
    ...state.references,
  ];

  for (const edge of edges.values()) {
    const fromKey = edge.from.system.key.value;
    const toKey = edge.to.system.key.value;
    const id = `${fromKey}:to:${toKey}`;
    let sources: DataSource[];
    if (edge.categories) {
      // The DataFlow says what is in transit: that, and nothing else, is the flow's data.
      const refs = edge.categories;
      const at = refs[0].at;
      const mapped = mapCategories(refs.map((r) => r.ref), at);
      const source: DataSource = { personal: mapped.personal, purposes: [] };
      if (mapped.personal === 'yes' && edge.from.validKey && edge.to.validKey) {
        const dataset: Dataset = {
          id: uniqueDatasetId(`${id}:data`),
          name: `Data in transit from ${fromKey} to ${toKey}`,
          categories: mapped.categories as Dataset['categories'],
          ...(mapped.subjects.length > 0 ? { subjects: mapped.subjects } : {}),
          ...provenance(...edge.located),
        };
        datasets.push(dataset);
        source.datasetId = dataset.id;
      }
      sources = [source];
    } else {
      // Declarations that name the edge in their own egress carry it; without any, everything
      // the sender holds may go over it (Fides does not say which data an edge carries).
      const named = declarationsNaming(edge.from).get(toKey) ?? [];
      sources = named.length > 0 ? named.flatMap((d) => [d.own, ...d.references]) : allData(edge.from);
    }
    flows.set(id, { id, from: edge.from, to: { state: edge.to }, sources, located: edge.located });
  }

  // ---- legacy third_country_transfers → flows to unnamed recipients ----------------------
  const recipients = new Map<string, Party>();
  const recipientFor = (state: SystemState, country: string, at: Located): Party => {
    const id = `${state.system.key.value}:recipient:${country}`;
    let party = recipients.get(id);
    if (!party) {
      party = { id, name: `Unnamed recipient in ${countryName(country)}`, country: country as Party['country'], ...provenance(at) };
      recipients.set(id, party);
    }
    return party;
  };
  const thirdCountry = (state: SystemState, ref: Ref, at: Located, data: DataSource[], what: string): void => {
    const converted = alpha3ToCountry(ref.value);
    const here = { source: at.source, pointer: ref.pointer };
    if ('error' in converted) {
      report('fides/invalid-country', `third_country_transfers: ${converted.error}; the transfer is not imported`, here, converted.hint);
      return;
    }
    const recipient = recipientFor(state, converted.country, here);
    const id = `${state.system.key.value}:third-country:${converted.country}`;
    report(
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
  };
  for (const state of states.values()) {
    if (!state.validKey) continue;
    for (const ref of state.system.thirdCountryTransfers) thirdCountry(state, ref, state.system, allData(state), `data of system "${state.system.key.value}"`);
  }
  // The systems that reference each dataset (directly or in a declaration), in the systems'
  // order: one pass over the references, not one per dataset.
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
  for (const d of resources.datasets) {
    if (d.thirdCountryTransfers.length === 0) continue;
    const holders = holdersOf.get(d.key.value) ?? [];
    const source = fidesDatasets.get(d.key.value)!;
    if (holders.length === 0) {
      for (const ref of d.thirdCountryTransfers) {
        report('fides/unnamed-recipient', `dataset "${d.key.value}" is transferred to ${ref.value} (third_country_transfers), but no system of the inputs references the dataset, so there is no exporter: not imported`, { source: d.source, pointer: ref.pointer }, 'add the system that holds it (with dataset_references) to the import');
      }
      continue;
    }
    for (const holder of holders) {
      for (const ref of d.thirdCountryTransfers) thirdCountry(holder, ref, d, [source], `dataset "${d.key.value}" of system "${holder.system.key.value}"`);
    }
  }

  // ---- flows that can be written ------------------------------------------------------
  const manifestFlows: Flow[] = [];
  const usedRecipients = new Set<string>();
  for (const flow of flows.values()) {
    const carried = [...new Set(flow.sources.filter((s) => s.datasetId).map((s) => s.datasetId!))];
    const at = flow.located[0];
    if (carried.length === 0) {
      const known = flow.sources.length > 0 && flow.sources.every((s) => s.personal === 'no');
      if (known) report('fides/non-personal-flow', `flow ${flow.id} carries no personal data (Fides classifies its data as not about a person): not imported`, at);
      else report('fides/flow-without-data', `flow ${flow.id} is not imported: none of its data could be imported`, at, flow.sources.length === 0 ? 'the sending system declares no data' : 'see the gaps reported for the sending system\'s categories and datasets');
    }
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

  // ---- systems without a country, and map entries without a system -----------------------
  for (const state of states.values()) {
    if (state.partyId || !state.validKey) continue;
    const key = state.system.key.value;
    const n = state.droppedFlows.length;
    const flowsText = n === 0 ? '' : ` and its ${n} flow${n === 1 ? '' : 's'} (${state.droppedFlows.slice(0, 5).join(', ')}${n > 5 ? ', ...' : ''})`;
    report(
      'fides/missing-country',
      `system "${key}" has no country${partyCountries ? ' in the --party-countries file' : ''}: the system${flowsText} ${n === 0 ? 'is' : 'are'} not imported`,
      { source: state.system.source, pointer: state.system.key.pointer },
      `${partyCountries ? 'add' : 'pass --party-countries with'} "${key}: <ISO 3166-1 alpha-2 code>" under systems:${state.system.legalAddress ? ` (Fides legal_address: "${state.system.legalAddress}")` : ''}`,
    );
  }
  if (partyCountries) {
    for (const [key, entry] of partyCountries.systems) {
      if (states.has(key)) continue;
      diagnostics.push(diagnostic(
        'fides/unused-party-country',
        `no Fides system "${key}" in the inputs: this entry is not used`,
        partyCountries.source.locate(entry.pointer, { key: true }),
        suggestionOr(key, states.keys(), 'remove it, or add the file that defines the system'),
      ));
    }
  }

  const manifest: DataFlowManifest = {
    manifestVersion: 1,
    system: { id: options.systemId, description: 'Imported from Fides (fideslang) resources by dfft import fides.' },
    parties: [...parties, ...[...recipients.values()].filter((p) => usedRecipients.has(p.id))],
    datasets,
    flows: manifestFlows,
  };
  return { manifest, diagnostics: sortDiagnostics(diagnostics) };
}

function suggestionOr(word: string, candidates: Iterable<string>, otherwise: string): string {
  const guess = didYouMean(word, candidates);
  return guess ? `did you mean "${guess}"?` : otherwise;
}
