import type { AdequacyResult, ScopeFacts } from '../law/jurisdictions';
import { SPECIAL_SCHEMES, type SpecialScheme } from '../law/taxonomy';
import type { DatasetNode, DatasetView, PartyView } from '../resolve/model';
import { ReceivedThrough } from '../resolve/received';
import { PurposeBindings } from '../resolve/purpose-binding';
import { CelEvalError } from './cel/runtime';
import type { FlowState } from './flow-state';
import { countryName } from '../law/country-names';
import { TupleMap } from '../source/tuple-map';
import { counterpartyData, counterpartyFlows } from './counterparty';

/** A domain function rules can call, with its CEL signature and its documentation. */
export interface DomainFunction {
  name: string;
  /** CEL overload signature, e.g. "inGroup(string, string): bool". */
  signature: string;
  description: string;
  /** Arguments that must be literals from a known set, checked when the policy loads. */
  literalArgs?: Array<{ index: number; kind: 'group' | 'category' | 'scheme' | 'regime' | 'purpose' }>;
  /**
   * Where it may be called: in any expression (absent), only in a variable with scope: counterparty
   * ('counterparty'), or in both ('any': it does not read the flow being judged).
   */
  scope?: 'any' | 'counterparty';
  impl: (state: FlowState, ...args: any[]) => unknown; // eslint-disable-line @typescript-eslint/no-explicit-any
}

const PERSONAL = new Set(['identified', 'pseudonymised']);

const EMPTY: readonly never[] = Object.freeze([]);

/** The flow's personal datasets, computed once per flow (and no copy when all are personal). */
function personalDatasets(state: FlowState, flow = state.flow): DatasetNode[] {
  if (flow.personal === undefined) {
    const all = flow.datasets.every((d) => PERSONAL.has(d.view.identifiability));
    flow.personal = all ? flow.datasets : flow.datasets.filter((d) => PERSONAL.has(d.view.identifiability));
  }
  return flow.personal;
}

function datasetNode(state: FlowState, view: DatasetView): DatasetNode {
  const node = state.model.datasetById.get(view.id);
  if (!node) throw new CelEvalError(`unknown dataset "${view.id}"`);
  return node;
}

function originOf(state: FlowState, node: DatasetNode): readonly string[] {
  return state.origins.originAt(node, state.flow.from);
}

function carriesHrData(state: FlowState): boolean {
  return personalDatasets(state).some(
    (d) => d.view.categories.some((c) => state.law.taxonomy.isA(c, 'employment')) || d.view.subjects.includes('employees'),
  );
}

/** A dataset's categories special under a scheme, computed once per dataset and scheme. */
function specialOf(state: FlowState, d: DatasetView, scheme: SpecialScheme): readonly string[] {
  const cache = ((d as { [SPECIAL]?: Map<string, readonly string[]> })[SPECIAL] ??= new Map());
  let list = cache.get(scheme);
  if (!list) {
    const found = d.categories.filter((c) => state.law.taxonomy.isSpecial(c, scheme));
    list = found.length === 0 ? EMPTY : found;
    cache.set(scheme, list);
  }
  return list;
}

/** Whether a personal dataset counts as sensitive under a scheme (for "pipl" also children's data, Art. 28). */
function isSensitive(state: FlowState, d: DatasetView, scheme: SpecialScheme): boolean {
  return specialOf(state, d, scheme).length > 0 || (scheme === 'pipl' && d.subjects.includes('children'));
}

/**
 * For each party, the declared subjectsCount summed over the distinct personal datasets it provides
 * outside its own country (not to its own legal entity) in flows active on a day of from..asOf:
 * one pass over the flows and their datasets, indexed by party.
 */
function exporterVolumes(state: FlowState, scheme: SpecialScheme, sensitive: boolean, from: string): Float64Array {
  state.exporterVolumes ??= new TupleMap();
  const key = [scheme, sensitive, from];
  let sums = state.exporterVolumes.get(key);
  if (sums) return sums;
  const { model, asOf } = state;
  sums = new Float64Array(model.parties.length);
  const seen = new Set<number>(); // exporter index × dataset count + dataset index: a dataset counts once per exporter
  for (const flow of model.flows) {
    const { startsOn, endsOn } = flow.view as { startsOn?: string; endsOn?: string };
    if ((startsOn !== undefined && startsOn > asOf) || (endsOn !== undefined && endsOn < from)) continue;
    const exporter = flow.from.view;
    const importer = flow.to.view;
    if (importer.country === exporter.country) continue; // the law is in the pack: here only "abroad"
    if (exporter.legalEntity !== undefined && exporter.legalEntity === importer.legalEntity) continue;
    for (const d of personalDatasets(state, flow)) {
      const count = d.view.subjectsCount;
      if (typeof count !== 'number' || isSensitive(state, d.view, scheme) !== sensitive) continue;
      const pair = flow.from.index * model.datasets.length + d.index;
      if (seen.has(pair)) continue;
      seen.add(pair);
      sums[flow.from.index] += count;
    }
  }
  state.exporterVolumes.set(key, sums);
  return sums;
}

/** The run's purpose bindings for a group on asOf: one computation over the whole graph. */
function bindingsFor(state: FlowState, group: string): PurposeBindings {
  const tables = (state.bindings ??= new TupleMap());
  const key = [group, state.asOf];
  let table = tables.get(key);
  if (!table) {
    const vocabulary = state.law.jurisdictions.purposes;
    table = new PurposeBindings(state.model, state.origins, state.law.jurisdictions.membersOn(group, state.asOf), (p) => vocabulary.key(p), group);
    tables.set(key, table);
  }
  return table;
}

/** boundPurposes(): the binding of a dataset at the exporter, and the flow's purposes outside it. */
function boundPurposes(state: FlowState, d: DatasetView, group: string): { bound: boolean; known: boolean; purposes: readonly string[]; outside: readonly string[] } {
  const table = bindingsFor(state, group);
  const b = table.at(datasetNode(state, d).index, state.flow.from.index);
  if (b.set < 0) return { bound: b.unknown, known: !b.unknown, purposes: EMPTY, outside: EMPTY };
  const outside = state.flow.view.purposes.filter((p) => !table.allows(b.set, p));
  return { bound: true, known: !b.unknown, purposes: table.purposes(b.set), outside: outside.length === 0 ? EMPTY : outside };
}

/** The facts of a party an adequacy decision's scope turns on, with the flow's purposes and HR data. */
/**
 * An adequacy answer computed once for every flow with the same facts (`shared`, a tuple tagged by
 * the party it judges, so that an importer's and an exporter's answers never meet), and memoised
 * for the flow under `key`.
 */
function acrossFlows(s: FlowState, key: string, shared: readonly unknown[], compute: () => AdequacyResult): AdequacyResult {
  let result = s.adequacyCache.get(shared);
  if (!result) {
    result = compute();
    s.adequacyCache.set(shared, result);
  }
  s.memo.set(key, result);
  return result;
}

function adequacyFacts(party: PartyView, purposes: readonly string[], carriesHrData: boolean): ScopeFacts {
  return {
    country: party.country,
    organisation: party.organisation as string | undefined,
    sector: party.sector,
    certifications: party.certifications as string[],
    activities: party.activities as string[] | undefined,
    certifiedForHrData: party.certifiedForHrData as boolean | undefined,
    purposes,
    carriesHrData,
  };
}

// A symbol key: the cache rides on the dataset view without becoming a field CEL or JSON can see.
const SPECIAL = Symbol('special categories');

/** The domain functions of the policy language. */
export const DOMAIN_FUNCTIONS: readonly DomainFunction[] = [
  {
    name: 'inGroup',
    scope: 'any',
    signature: 'inGroup(string, string): bool',
    description: 'Whether a country belongs to a group of rules/data/jurisdictions.yaml (EEA, EU, APPI-EQUIVALENT...) on the asOf date.',
    literalArgs: [{ index: 1, kind: 'group' }],
    impl: (s, country: string, group: string) => s.law.jurisdictions.inGroup(country, group, s.asOf),
  },
  {
    name: 'adequacy',
    signature: 'adequacy(string): Adequacy',
    description:
      'The adequacy decision of a regime ("eu") covering the flow\'s importer on the asOf date, judged within its scope (sector, certification, activities, purposes, HR data). Fields: found, status (adequate | scope-unconfirmed | outside-scope | none), decision, title, url, from, until, reason, missingFacts.',
    literalArgs: [{ index: 0, kind: 'regime' }],
    impl: (s, regime: string) => {
      // Its reasons are worded in the state's language: the language is part of every key.
      const memoKey = `${regime}:${s.lang}`;
      const memo = s.memo.get(memoKey) as AdequacyResult | undefined;
      if (memo) return memo;
      // The answer depends on the importer, HR data and the purposes only: shared across flows.
      // Most decisions read neither HR data nor purposes: their answer is one per importer.
      const jurisdictions = s.law.jurisdictions;
      const reads = jurisdictions.adequacyReads(regime, s.importer.country, s.importer.organisation as string | undefined, s.asOf);
      const hr = reads.hrData && carriesHrData(s);
      // A tuple, not joined text: purposes are free text, and ["a,b"] is not ["a", "b"]. Whether
      // purposes are read depends on the importer only, so its flows all take the same branch.
      const shared = reads.purposes ? ['importer', regime, s.lang, s.flow.to.index, hr, ...s.flow.view.purposes] : ['importer-any-purpose', regime, s.lang, s.flow.to.index, hr];
      // The importer's certifications in force on asOf only.
      return acrossFlows(s, memoKey, shared, () => jurisdictions.adequacy(regime, adequacyFacts(s.importer, s.flow.view.purposes, hr), s.asOf, s.lang));
    },
  },
  {
    name: 'exporterAdequacy',
    signature: 'exporterAdequacy(string): Adequacy',
    description:
      'The adequacy decision of a regime ("eu") covering the flow\'s exporter on the asOf date, judged on the exporter\'s own facts (country, sector, certifications, activities; not the flow\'s purposes or HR data). For onward transfers: data that reached an adequate destination leaves it under that destination\'s onward rules (GDPR Art. 45(2)(a)). Same fields as adequacy().',
    literalArgs: [{ index: 0, kind: 'regime' }],
    impl: (s, regime: string) => {
      const key = `exporter:${regime}:${s.lang}`;
      const memo = s.memo.get(key) as AdequacyResult | undefined;
      if (memo) return memo;
      // Depends on the exporter only: shared across the flows that leave the same party. Its own
      // facts (certifications in force on asOf only), not the flow's.
      return acrossFlows(s, key, ['exporter', regime, s.lang, s.flow.from.index], () => s.law.jurisdictions.adequacy(regime, adequacyFacts(s.exporter, [], false), s.asOf, s.lang));
    },
  },
  {
    name: 'purpose',
    signature: 'purpose(string): string',
    description:
      'Whether the flow declares a purpose of the vocabulary (rules/data/purposes.yaml), compared after normalisation (compatibility forms, accents, case, separators) and synonyms: "declared", "near" (a declared purpose is a small edit away from it) or "none".',
    literalArgs: [{ index: 0, kind: 'purpose' }],
    impl: (s, id: string) => {
      const vocabulary = s.law.jurisdictions.purposes;
      if (!vocabulary.has(id)) throw new Error(`purpose "${id}" is not in rules/data/purposes.yaml`);
      return vocabulary.matchAny(s.flow.view.purposes, id).match;
    },
  },
  {
    name: 'hasMechanism',
    signature: 'hasMechanism(string): bool',
    description: 'Whether the flow declares a mechanism of this type (scc, bcr, derogation, appi-consent...) in force on the asOf date.',
    impl: (s, type: string) => {
      for (const m of s.view.mechanisms) if (m.type === type) return true;
      return false;
    },
  },
  {
    name: 'mechanisms',
    signature: 'mechanisms(string): list<Mechanism>',
    description: 'The flow\'s mechanisms of this type in force on the asOf date (none dated after it, none ended before it).',
    impl: (s, type: string) => {
      const all = s.view.mechanisms;
      return all.length === 0 ? EMPTY : all.filter((m) => m.type === type);
    },
  },
  {
    name: 'personal',
    signature: 'personal(): bool',
    description: 'Whether the flow carries personal data: a dataset that is identified or pseudonymised (anonymised and non-personal data are not).',
    impl: (s) => personalDatasets(s).length > 0,
  },
  {
    name: 'personalData',
    signature: 'personalData(): list<Dataset>',
    description: 'The flow\'s datasets that are personal data.',
    impl: (s) => personalDatasets(s).map((d) => d.view),
  },
  {
    name: 'origin',
    signature: 'origin(Dataset): list<string>',
    description: 'The origin of a dataset at the flow\'s exporter: the countries it was collected in, across every flow that brought it there.',
    impl: (s, d: DatasetView) => [...originOf(s, datasetNode(s, d))],
  },
  {
    name: 'receivedThrough',
    signature: 'receivedThrough(Dataset, string): bool',
    description:
      'Whether the dataset reached the flow\'s exporter after a flow that declares a mechanism of this type (e.g. "appi-opt-out"): that flow or any chain of flows after it brought the data, or a dataset it derives from, to the exporter. Flows starting after asOf do not count. Computed once per run and type, in one pass over all flows.',
    impl: (s, d: DatasetView, type: string) => {
      const tables = (s.received ??= new Map());
      let table = tables.get(type);
      if (!table) tables.set(type, (table = new ReceivedThrough(s.model, type, s.asOf)));
      return table.has(datasetNode(s, d), s.flow.from);
    },
  },
  {
    name: 'fromGroup',
    signature: 'fromGroup(string): list<Dataset>',
    description: 'The flow\'s personal datasets whose origin at the exporter includes a member of the group (e.g. EU-origin data: fromGroup("EEA")).',
    literalArgs: [{ index: 0, kind: 'group' }],
    impl: (s, group: string) => {
      let found = s.groupMemo.get(group);
      if (!found) {
        const members = s.law.jurisdictions.membersOn(group, s.asOf);
        const list: DatasetView[] = [];
        for (const d of personalDatasets(s)) if (originOf(s, d).some((c) => members.has(c))) list.push(d.view);
        found = list.length === 0 ? EMPTY : list;
        s.groupMemo.set(group, found);
      }
      return found;
    },
  },
  {
    name: 'originIn',
    signature: 'originIn(Dataset, string): bool',
    description: 'Whether a dataset\'s origin at the exporter includes a member of the group (personal or not, unlike fromGroup()).',
    literalArgs: [{ index: 1, kind: 'group' }],
    impl: (s, d: DatasetView, group: string) => {
      const members = s.law.jurisdictions.membersOn(group, s.asOf);
      return originOf(s, datasetNode(s, d)).some((c) => members.has(c));
    },
  },
  {
    name: 'originOutside',
    signature: 'originOutside(Dataset, string): bool',
    description: 'Whether a dataset\'s origin at the exporter includes a country outside the group (e.g. data received from a third country: originOutside(d, "EEA")).',
    literalArgs: [{ index: 1, kind: 'group' }],
    impl: (s, d: DatasetView, group: string) => {
      const members = s.law.jurisdictions.membersOn(group, s.asOf);
      return originOf(s, datasetNode(s, d)).some((c) => !members.has(c));
    },
  },
  {
    name: 'boundPurposes',
    signature: 'boundPurposes(Dataset, string): PurposeBinding',
    description:
      'The purposes that bind the use of a dataset at the flow\'s exporter because it was received from a group of countries (EU-Japan Supplementary Rule (3)): those of the flow that brought it from the group (or the dataset\'s, where that flow declares none), narrowed by every later flow that declares purposes, and inherited by datasets derived from it. Fields: bound (some binding applies), known (every binding\'s purposes are declared), purposes (the binding purposes, compared after normalisation and synonyms), outside (the flow\'s declared purposes outside them).',
    literalArgs: [{ index: 1, kind: 'group' }],
    impl: (s, d: DatasetView, group: string) => boundPurposes(s, d, group),
  },
  {
    name: 'special',
    scope: 'any',
    signature: 'special(Dataset, string): list<string>',
    description: 'The categories of a dataset that are special under a scheme: gdpr (Art. 9 and 10), gdpr-art9, gdpr-art10, appi (special care-required), appi-eu-origin (with Supplementary Rule (1)), pipl.',
    literalArgs: [{ index: 1, kind: 'scheme' }],
    impl: (s, d: DatasetView, scheme: SpecialScheme) => specialOf(s, d, scheme),
  },
  {
    name: 'specialCategories',
    signature: 'specialCategories(string): list<string>',
    description: 'The special categories (under a scheme, as for special()) of all the personal data the flow carries, without repeats.',
    literalArgs: [{ index: 0, kind: 'scheme' }],
    impl: (s, scheme: SpecialScheme) => {
      const personal = personalDatasets(s);
      if (personal.length === 1) return specialOf(s, personal[0].view, scheme);
      const out = new Set<string>();
      for (const d of personal) for (const c of specialOf(s, d.view, scheme)) out.add(c);
      return out.size === 0 ? EMPTY : [...out];
    },
  },
  {
    name: 'subjectsCount',
    signature: 'subjectsCount(string, bool): int',
    description:
      'The sum of subjectsCount over the flow\'s personal datasets that are sensitive (true) or not (false) under a scheme: a dataset is sensitive when one of its categories is special under the scheme, or, for "pipl", when its subjects include children (PIPL Art. 28: minors under 14). Datasets without subjectsCount add nothing: check has(d.subjectsCount) for them.',
    literalArgs: [{ index: 0, kind: 'scheme' }],
    impl: (s, scheme: SpecialScheme, sensitive: boolean) => {
      let sum = 0;
      for (const d of personalDatasets(s)) {
        if (isSensitive(s, d.view, scheme) === sensitive && typeof d.view.subjectsCount === 'number') sum += d.view.subjectsCount;
      }
      return sum;
    },
  },
  {
    name: 'exporterSubjectsCount',
    signature: 'exporterSubjectsCount(string, bool, int): int',
    description:
      'The number of individuals whose personal data the flow\'s exporter provides abroad (outside its own country: for a processor in China, outside mainland China, as Hong Kong and Macao have their own codes), counted cumulatively from 1 January of the year that is the third argument years before asOf\'s year (0: since 1 January of this year; 1: of the previous year) up to asOf: the sum of subjectsCount over the distinct personal datasets, sensitive (true) or not (false) under the scheme as for subjectsCount(), that the exporter sends to an importer in another country and not of its own legalEntity in any flow active on a day of that window (startsOn..endsOn). A dataset sent in several flows counts once; different datasets are added up (dfft cannot tell that they describe the same people). Splitting an export over several flows does not lower it. The verdict of a flow then depends on the exporter\'s other flows abroad: they connect to it through the exporter.',
    literalArgs: [{ index: 0, kind: 'scheme' }],
    impl: (s, scheme: SpecialScheme, sensitive: boolean, yearsBack: number) => {
      if (!Number.isInteger(yearsBack) || yearsBack < 0) throw new CelEvalError(`exporterSubjectsCount: years back must be a non-negative integer, not ${yearsBack}`);
      const from = `${String(Number(s.asOf.slice(0, 4)) - yearsBack).padStart(4, '0')}-01-01`;
      return exporterVolumes(s, scheme, sensitive, from)[s.flow.from.index];
    },
  },
  {
    name: 'counterpartyData',
    signature: 'counterpartyData(int): list<CounterpartyDataset>',
    scope: 'counterparty',
    description:
      'Every dataset that the flow\'s exporter (with the other parties of its legalEntity) sends to the flow\'s importer (with the other parties of its legalEntity) in the flows active on a day of the given number of months ending on asOf (from the day after the same date that many months earlier), once each, sorted by id. Fields: dataset (the dataset as rules see it), origin (its origin at the exporters that sent it), flows (the ids of those flows). For laws that add up the transactions with one counterparty over a period (28 CFR 202.205: the preceding 12 months): the judged flow is always among them, as a flow is judged only while asOf is within startsOn..endsOn. Callable only in a variable with scope: counterparty, evaluated once per pair.',
    impl: (s, months: number) => counterpartyData(s, months),
  },
  {
    name: 'counterpartyFlows',
    signature: 'counterpartyFlows(int): list<string>',
    scope: 'counterparty',
    description: 'The ids of the flows counterpartyData() reads for the same number of months, sorted. Callable only in a variable with scope: counterparty.',
    impl: (s, months: number) => counterpartyFlows(s, months),
  },
  {
    name: 'carries',
    signature: 'carries(string): bool',
    description: 'Whether the flow carries personal data of a category or of one of its sub-categories (carries("health") is true for health.diagnosis).',
    literalArgs: [{ index: 0, kind: 'category' }],
    impl: (s, category: string) => personalDatasets(s).some((d) => d.view.categories.some((c) => s.law.taxonomy.isA(c, category))),
  },
  {
    name: 'isA',
    scope: 'any',
    signature: 'isA(string, string): bool',
    description: 'Whether a category is the given one or one of its sub-categories.',
    impl: (s, category: string, ancestor: string) => s.law.taxonomy.isA(category, ancestor),
  },
  {
    name: 'countryName',
    scope: 'any',
    signature: 'countryName(string): string',
    description: "The name of an ISO 3166-1 alpha-2 country code in the report's language (English, or Japanese with --lang ja).",
    impl: (s, code: string) => countryName(code, s.lang),
  },
  {
    name: 'derogationDpv',
    scope: 'any',
    signature: 'derogationDpv(string): string',
    description: 'The W3C DPV-Legal code of a GDPR Art. 49(1) derogation ground ("explicit-consent" → "eu-gdpr:A49-1-a"), from rules/data/dpv.yaml: the dpv of a basis on a derogation.',
    impl: (s, ground: string) => {
      const code = s.law.dpv.derogation(ground);
      if (code === undefined) throw new CelEvalError(`no DPV code for derogation ground "${ground}" in rules/data/dpv.yaml`);
      return code;
    },
  },
  {
    name: 'join',
    scope: 'any',
    signature: 'join(list<string>, string): string',
    description: 'Joins strings with a separator (for messages).',
    impl: (_s, items: string[], sep: string) => items.join(sep),
  },
  {
    name: 'sum',
    scope: 'any',
    signature: 'sum(list<double>): double',
    description:
      'The sum of a list of numbers: shares that count "individually or in the aggregate" (sum(importer.ownership.map(o, o.percent))), or counts over a flow\'s datasets (sum(data.map(d, double(d.subjectsCount)))). An empty list sums to 0.',
    impl: (_s, items: number[]) => {
      let total = 0;
      for (const x of items) total += x;
      // Shares are compared with thresholds ("50% or more"): 30.1 + 19.9 must be exactly 50, so
      // binary rounding error is cut at the millionth (exact for counts below 9 × 10^9).
      return Math.round(total * 1e6) / 1e6;
    },
  },
];

export const SCHEMES: readonly string[] = SPECIAL_SCHEMES;
