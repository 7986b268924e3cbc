import type { Law } from '../law/law';
import type { Lang } from '../i18n/lang';
import type { AdequacyResult } from '../law/jurisdictions';
import type { DatasetView, FlowNode, FlowView, Model, PartyView } from '../resolve/model';
import type { OriginTable } from '../resolve/origin';
import type { ReceivedThrough } from '../resolve/received';
import type { InForce, MechanismOutOfForce } from './in-force';
import type { TupleMap } from '../source/tuple-map';
import type { FlowMemo } from './flow-memo';
import type { PurposeBindings } from '../resolve/purpose-binding';
import type { Counterparties } from '../resolve/counterparties';

export type { Law };

/**
 * What domain functions see while one flow is evaluated. The engine reuses one instance per
 * run and points it at each flow in turn (evaluation is synchronous), so judging a flow
 * allocates nothing for it; `memo` caches per-flow lookups such as adequacy.
 */
export interface FlowState {
  model: Model;
  origins: OriginTable;
  law: Law;
  asOf: string;
  /** The language texts are rendered in (countryName() answers in it). */
  lang: Lang;
  lists: Record<string, string[]>;
  flow: FlowNode;
  /** The run's views of what is in force on asOf. */
  inForce: InForce;
  /** The flow and its parties as rules see them: only mechanisms and certifications in force on asOf. */
  view: FlowView;
  exporter: PartyView;
  importer: PartyView;
  /** The flow's mechanisms left out of `view` because they are not in force on asOf. */
  mechanismsOutOfForce: readonly MechanismOutOfForce[];
  /** Answers of the rules' functions for the flow (adequacy() by regime and language, ...). */
  memo: FlowMemo<unknown>;
  /** fromGroup() results of the flow, by group. */
  groupMemo: FlowMemo<readonly DatasetView[]>;
  /** Adequacy results by (regime, importer, HR data, ...purposes), shared by the flows of a run. */
  adequacyCache: TupleMap<AdequacyResult>;
  /** exporterSubjectsCount() tables by (scheme, sensitive, window start), built once per run on first use. */
  exporterVolumes?: TupleMap<Float64Array>;
  /** receivedThrough() tables of the run, by mechanism type, built on first use. */
  received?: Map<string, ReceivedThrough>;
  /** Purpose bindings by (group, asOf): computed once per run for the whole graph, on first use. */
  bindings?: TupleMap<PurposeBindings>;
  /** The run's pairs of exporter and importer entities, built on first use (counterpartyData()). */
  counterparties?: Counterparties;
  /** Values of the variables with scope: counterparty, by variable and pair. */
  counterpartyValues?: Map<number, { value: unknown } | { error: unknown }>;
}
